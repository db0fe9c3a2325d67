/** Concordance over the translation memory: phrase search with highlight offsets in the stored text. */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { type CliticPhrase, cliticPhraseHighlights, prepareCliticPhrase } from "../text/clitic-phrase";
import { indexTerms, phraseSpans } from "../text/fuzzy";
import { normalizeForSearch, normalizeWithMap, originalRange } from "../text/normalize";
import type { Lang, Segment } from "../types";
import { runBatch } from "./batch";
import { searchSegments, segmentOfRaw } from "./documents";
import { chunkJson } from "./json-chunks";
import { all, lookupTerms, type TermInfo } from "./tm";
import { syncTmIndexForRead } from "./tm-index";

// ------------------------------------------------------------------------------------ concordance

export interface Highlight {
  field: Lang;
  /** UTF-16 offsets into the stored (original) text, end exclusive. */
  start: number;
  end: number;
}

export type ConcordanceItem = Segment & { highlights: Highlight[] };

/** Candidate ids fetched per round while verifying phrases. */
const CONCORDANCE_BATCH = 400;
/** Rounds before giving up on filling a page (a page may then be short; the cursor still advances). */
const CONCORDANCE_ROUNDS = 25;

function highlightsOf(text: string | null, field: Lang, phrase: readonly string[]): Highlight[] {
  if (text === null) return [];
  const { norm, map } = normalizeWithMap(text);
  return phraseSpans(norm, phrase).map((s) => ({ field, ...originalRange(text, map, s.start, s.end) }));
}

function substringHighlights(text: string | null, field: Lang, needle: string): Highlight[] {
  if (text === null || needle === "") return [];
  const { norm, map } = normalizeWithMap(text);
  const out: Highlight[] = [];
  for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
    out.push({ field, ...originalRange(text, map, at, at + needle.length) });
  }
  return out;
}

/**
 * Concordance (GET /segments?q=): segments holding the query's words in order, as whole words
 * (punctuation between them allowed), found through the postings: the rarest word drives, the others are
 * primary-key probes, and every candidate is verified on its text. Arabic queries (any Arabic letter) go
 * through `arabicConcordance`: their words may carry proclitics (و، ف، ب، ل، ال…, see clitic-phrase.ts).
 * Queries without a word or number (only punctuation) fall back to the substring scan.
 * Returns up to limit+1 items in id order after `afterId`, each with highlight spans in the stored text.
 */
export async function concordance(
  db: Db,
  q: string,
  lang: Lang | undefined,
  afterId: number | null,
  limit: number,
): Promise<ConcordanceItem[]> {
  const norm = normalizeForSearch(q);
  const phrase = indexTerms(norm);
  const arabicQuery = /[\u0600-\u06FF]/.test(norm);
  const langs: Lang[] = lang ? [lang] : arabicQuery ? ["ar"] : ["ar", "en"];
  if (phrase.length === 0) {
    const rows = await searchSegments(db, q, lang ?? (arabicQuery ? "ar" : undefined), afterId, limit);
    return rows.map((s) => ({
      ...s,
      highlights: langs.flatMap((l) => substringHighlights(l === "ar" ? s.ar : s.en, l, norm)),
    }));
  }
  // The postings are maintained behind the writes (tm-index.ts): catch up so the read sees every earlier write.
  await syncTmIndexForRead(db);
  if (arabicQuery) return arabicConcordance(db, prepareCliticPhrase(q), langs, afterId, limit);
  const drivers: { lang: Lang; driver: number; others: number[] }[] = [];
  for (const l of langs) {
    const terms = await lookupTerms(db, l, phrase);
    const infos = [...new Set(phrase)].map((t) => terms.get(t));
    if (infos.some((i) => i === undefined)) continue; // a word the memory never saw: no hit in this language
    const sorted = (infos as TermInfo[]).sort((a, b) => a.df - b.df);
    drivers.push({ lang: l, driver: (sorted[0] as TermInfo).id, others: sorted.slice(1).map((t) => t.id) });
  }
  const out: ConcordanceItem[] = [];
  let after = afterId ?? 0;
  for (let round = 0; round < CONCORDANCE_ROUNDS && drivers.length > 0 && out.length <= limit; round++) {
    const results = await runBatch(
      db,
      drivers.map(
        (d) =>
          sql`SELECT p.segment_id AS id FROM tm_postings AS p
            WHERE p.token_id = ${d.driver} AND p.segment_id > ${after}
              AND NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(d.others)}) AS o
                WHERE NOT EXISTS (SELECT 1 FROM tm_postings AS x
                  WHERE x.token_id = o.value AND x.segment_id = p.segment_id))
            ORDER BY p.segment_id LIMIT ${CONCORDANCE_BATCH}`,
      ),
    );
    // Merge the languages' id lists up to the smallest last id of a full list: beyond it a list may miss ids.
    let bound = Number.MAX_SAFE_INTEGER;
    const ids = new Set<number>();
    for (const res of results) {
      const list = (res.results ?? []).map((r) => r.id as number);
      if (list.length === CONCORDANCE_BATCH) bound = Math.min(bound, list[list.length - 1] as number);
      for (const id of list) ids.add(id);
    }
    const ordered = [...ids].filter((id) => id <= bound).sort((a, b) => a - b);
    if (ordered.length === 0) break;
    const rows = await segmentsById(db, ordered);
    for (const id of ordered) {
      const s = rows.get(id);
      if (!s) continue;
      const highlights = langs.flatMap((l) => highlightsOf(l === "ar" ? s.ar : s.en, l, phrase));
      if (highlights.length > 0) out.push({ ...s, highlights });
      if (out.length > limit) break;
    }
    if (bound === Number.MAX_SAFE_INTEGER) break; // every list was exhausted
    after = bound;
  }
  return out;
}

/**
 * Arabic concordance through the postings, one statement per round, without reading `segments` beyond
 * the candidates that pass the probes. Every query word stands for the set of index tokens it may appear
 * as (`prepareCliticPhrase`); the statement looks them up in `tm_tokens` by exact (lang, token) keys (the
 * words' forms travel as one JSON parameter), and the word whose tokens have the fewest postings (sum of
 * df) drives: its tokens' postings are read in segment-id order up to the smallest `batch`-th id of any of
 * its lists (each list's cut is one index step of `batch` entries), so at most `batch` postings a token, and
 * the union is cut at `batch` ids: complete up to its last id, whatever the word's frequency.
 * Every other word must have a posting of one of its tokens in the candidate (primary-key probes); the
 * columns of the candidates that pass come back in the same statement, and the matcher verifies them on the
 * stored text, so index and verification cannot disagree. A word with no token in the index means no hit.
 */
async function arabicConcordance(
  db: Db,
  phrase: CliticPhrase,
  langs: Lang[],
  afterId: number | null,
  limit: number,
): Promise<ConcordanceItem[]> {
  const words = [...new Map(phrase.words.map((w) => [w.core, w])).values()];
  const formsJson = JSON.stringify(words.map((w) => [...w.forms]));
  const out: ConcordanceItem[] = [];
  let after = afterId ?? 0;
  // The first round reads about two pages' worth of candidates (most phrases fill a page from it), later
  // rounds double up to CONCORDANCE_BATCH.
  let batch = Math.min(CONCORDANCE_BATCH, 2 * (limit + 1));
  for (let round = 0; round < CONCORDANCE_ROUNDS && out.length <= limit; round++) {
    const statements = langs.map(
      (l) =>
        // f: the words' forms present in the index (CROSS JOIN keeps json_each outside, so each form is
        // one seek of the unique (lang, token) index); wt: postings per word; drv: the driving word, none
        // unless every word has a form in the index; cut: the smallest batch-th id of the driver's lists
        // (NULL when every list is shorter), up to which the union of the lists is complete.
        sql`WITH f(w, id, df) AS MATERIALIZED (SELECT w.key, t.id, t.df
            FROM json_each(${formsJson}) AS w CROSS JOIN json_each(w.value) AS v
            CROSS JOIN tm_tokens AS t ON t.lang = ${l} AND t.token = v.value),
          wt(w, total) AS MATERIALIZED (SELECT w, sum(df) FROM f GROUP BY w),
          drv(w) AS MATERIALIZED (SELECT w FROM wt
            WHERE (SELECT count(*) FROM wt) = ${words.length} ORDER BY total, w LIMIT 1),
          cut(bound) AS MATERIALIZED (SELECT min((SELECT segment_id FROM tm_postings
              WHERE token_id = f.id AND segment_id > ${after} ORDER BY segment_id LIMIT 1 OFFSET ${batch - 1}))
            FROM f WHERE f.w = (SELECT w FROM drv)),
          cand(id) AS (SELECT DISTINCT p.segment_id FROM f CROSS JOIN tm_postings AS p
            ON p.token_id = f.id AND p.segment_id > ${after}
              AND p.segment_id <= coalesce((SELECT bound FROM cut), ${Number.MAX_SAFE_INTEGER})
            WHERE f.w = (SELECT w FROM drv) ORDER BY 1 LIMIT ${batch}),
          probed(id, ok) AS (SELECT id, NOT EXISTS (SELECT 1 FROM wt
            WHERE wt.w <> (SELECT w FROM drv) AND NOT EXISTS (SELECT 1 FROM f JOIN tm_postings AS x
              ON x.token_id = f.id AND x.segment_id = cand.id WHERE f.w = wt.w)) FROM cand)
        SELECT p.id, s.document_id AS documentId, s.position, s.ar, s.en, s.status, s.origin, s.score,
          s.version, s.ar_codes AS arCodes, s.en_codes AS enCodes
        FROM probed AS p LEFT JOIN segments AS s ON p.ok AND s.id = p.id ORDER BY p.id`,
    );
    const results = await runBatch(db, statements);
    // Merge the languages' lists up to the smallest last id of a full list: beyond it a list may miss ids.
    let bound = Number.MAX_SAFE_INTEGER;
    const found = new Map<number, { segment: Segment; langs: Set<Lang> }>();
    results.forEach((res, i) => {
      const rows = (res.results ?? []) as (Omit<Segment, "ar"> & { ar: string | null })[];
      // With a cut, the list that set it has `batch` ids up to it, so a short result means exhausted.
      if (rows.length === batch) bound = Math.min(bound, (rows[rows.length - 1] as { id: number }).id);
      const l = langs[i] as Lang;
      for (const r of rows) {
        if (r.ar === null) continue; // did not pass the probes (or was deleted meanwhile)
        const hit = found.get(r.id) ?? {
          segment: segmentOfRaw(r as unknown as Parameters<typeof segmentOfRaw>[0]),
          langs: new Set<Lang>(),
        };
        hit.langs.add(l);
        found.set(r.id, hit);
      }
    });
    const ordered = [...found.keys()].filter((id) => id <= bound).sort((a, b) => a - b);
    for (const id of ordered) {
      const { segment: s, langs: where } = found.get(id) as { segment: Segment; langs: Set<Lang> };
      const highlights = langs
        .filter((l) => where.has(l))
        .flatMap((l) => cliticHighlights(l === "ar" ? s.ar : s.en, l, phrase));
      if (highlights.length > 0) out.push({ ...s, highlights });
      if (out.length > limit) break;
    }
    if (bound === Number.MAX_SAFE_INTEGER) break; // every list was exhausted
    after = bound;
    batch = Math.min(CONCORDANCE_BATCH, batch * 2);
  }
  return out;
}

function cliticHighlights(text: string | null, field: Lang, phrase: CliticPhrase): Highlight[] {
  if (text === null) return [];
  return cliticPhraseHighlights(text, phrase).map((s) => ({ field, ...s }));
}

async function segmentsById(db: Db, ids: number[]): Promise<Map<number, Segment>> {
  const out = new Map<number, Segment>();
  for (const chunk of chunkJson(ids)) {
    const rows = await all<Parameters<typeof segmentOfRaw>[0]>(
      db,
      sql`SELECT id, document_id AS documentId, position, ar, en, status, origin, score, version,
          ar_codes AS arCodes, en_codes AS enCodes
        FROM segments WHERE id IN (SELECT value FROM json_each(${chunk}))`,
    );
    for (const r of rows) out.set(r.id, segmentOfRaw(r));
  }
  return out;
}
