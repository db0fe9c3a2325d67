/** Concordance over the translation memory: phrase search with highlight offsets in the stored text. */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { type CliticPhrase, cliticPhraseHighlights, prepareCliticPhrase } from "../text/clitic-phrase";
import { indexTerms, phraseSpans } from "../text/fuzzy";
import { normalizeForSearch, normalizeWithMap, originalRange } from "../text/normalize";
import type { Lang, Segment } from "../types";
import { runBatch, type Statement } from "./batch";
import { searchSegments } from "./documents";
import { all, chunkJson, lookupTerms, type TermInfo } from "./tm";

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
 * Postings lists merged per statement (2 bound parameters each, under D1's 100 per statement). A word has
 * at most 30 forms, so today one statement per language always suffices.
 */
const ARMS_PER_STATEMENT = 40;

interface WordTokens {
  ids: number[];
  /** Sum of the forms' document frequencies: an upper bound of the word's postings. */
  df: number;
}

/**
 * Arabic concordance through the postings, without reading `segments` beyond the verified candidates.
 * Every query word stands for the set of index tokens it may appear as (`prepareCliticPhrase`), looked up
 * by exact (lang, token) keys in one statement. The word whose tokens have the fewest postings drives:
 * each of its tokens' postings is read in segment-id order, at most CONCORDANCE_BATCH from each, and the
 * union is cut at CONCORDANCE_BATCH ids (complete up to its last id, as every list is complete up to its
 * own); every other word must have a posting of one of its tokens in the candidate (primary-key probes);
 * the survivors are verified on the stored text by the same matcher, which also gives the highlights.
 */
async function arabicConcordance(
  db: Db,
  phrase: CliticPhrase,
  langs: Lang[],
  afterId: number | null,
  limit: number,
): Promise<ConcordanceItem[]> {
  const forms = new Set(phrase.words.flatMap((w) => [...w.forms]));
  const plans: { lang: Lang; driver: number[]; others: number[][] }[] = [];
  for (const l of langs) {
    const terms = await lookupTerms(db, l, forms);
    const words = new Map<string, WordTokens>();
    for (const w of phrase.words) {
      const ids: number[] = [];
      let df = 0;
      for (const f of w.forms) {
        const t = terms.get(f);
        if (t === undefined) continue;
        ids.push(t.id);
        df += t.df;
      }
      words.set(w.core, { ids, df });
    }
    const sorted = [...words.values()].sort((a, b) => a.df - b.df);
    if (sorted.some((w) => w.ids.length === 0)) continue; // a word the memory never saw in any form
    plans.push({
      lang: l,
      driver: (sorted[0] as WordTokens).ids,
      others: sorted.slice(1).map((w) => w.ids),
    });
  }
  const statements: { lang: Lang; statement: Statement }[] = [];
  const out: ConcordanceItem[] = [];
  let after = afterId ?? 0;
  // The first round reads about two pages' worth of candidates (most phrases fill a page from it), later
  // rounds double up to CONCORDANCE_BATCH.
  let batch = Math.min(CONCORDANCE_BATCH, 2 * (limit + 1));
  for (let round = 0; round < CONCORDANCE_ROUNDS && plans.length > 0 && out.length <= limit; round++) {
    statements.length = 0;
    const batchLiteral = sql.raw(String(batch)); // an integer constant: the arms spend no parameter on it
    for (const p of plans) {
      for (let k = 0; k < p.driver.length; k += ARMS_PER_STATEMENT) {
        const arms = p.driver.slice(k, k + ARMS_PER_STATEMENT).map(
          (token) =>
            sql`SELECT segment_id FROM (SELECT segment_id FROM tm_postings
              WHERE token_id = ${token} AND segment_id > ${after} ORDER BY segment_id LIMIT ${batchLiteral})`,
        );
        statements.push({
          lang: p.lang,
          // Every candidate id comes back (the page bound needs the full list); the segment's columns only
          // for those that passed the probes, so no further round trip reads them.
          statement: sql`WITH cand(id) AS (${sql.join(arms, sql` UNION `)} ORDER BY 1 LIMIT ${batchLiteral}),
            probed(id, ok) AS (SELECT id, NOT EXISTS (SELECT 1 FROM json_each(${JSON.stringify(p.others)}) AS o
              WHERE NOT EXISTS (SELECT 1 FROM json_each(o.value) AS f JOIN tm_postings AS x
                ON x.token_id = f.value AND x.segment_id = cand.id)) FROM cand)
            SELECT p.id, s.document_id AS documentId, s.position, s.ar, s.en, s.status, s.origin, s.score,
              s.version
            FROM probed AS p LEFT JOIN segments AS s ON p.ok AND s.id = p.id ORDER BY p.id`,
        });
      }
    }
    const results = await runBatch(
      db,
      statements.map((s) => s.statement),
    );
    // Merge the lists up to the smallest last id of a full list: beyond it a list may miss ids.
    let bound = Number.MAX_SAFE_INTEGER;
    const found = new Map<number, { segment: Segment; langs: Set<Lang> }>();
    results.forEach((res, i) => {
      const rows = (res.results ?? []) as (Omit<Segment, "ar"> & { ar: string | null })[];
      if (rows.length === batch) bound = Math.min(bound, (rows[rows.length - 1] as { id: number }).id);
      const l = (statements[i] as { lang: Lang }).lang;
      for (const r of rows) {
        if (r.ar === null) continue; // did not pass the probes (or was deleted meanwhile)
        const hit = found.get(r.id) ?? { segment: r as Segment, langs: new Set<Lang>() };
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
    const rows = await all<Segment>(
      db,
      sql`SELECT id, document_id AS documentId, position, ar, en, status, origin, score, version
        FROM segments WHERE id IN (SELECT value FROM json_each(${chunk}))`,
    );
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
