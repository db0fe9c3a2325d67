/** Concordance over the translation memory: phrase search with highlight offsets in the stored text. */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { indexTerms, phraseSpans } from "../text/fuzzy";
import { normalizeForSearch, normalizeWithMap, originalRange } from "../text/normalize";
import type { Lang, Segment } from "../types";
import { runBatch } from "./batch";
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
 * Concordance (GET /segments?q=): segments holding the query's normalised words in order, as whole words
 * (punctuation between them allowed), found through the postings: the rarest term drives, the others are
 * primary-key probes. Queries without a word or number (only punctuation) fall back to the substring scan,
 * and so do Arabic queries: Arabic words carry proclitics (و، ف، ب، ل، ال…), so مكافحة الإرهاب must also find
 * ومكافحة الإرهاب, which whole-token postings cannot; the substring scan over the normalised text does
 * (it finds every whole-word hit too, so recall only grows).
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
  if (phrase.length === 0 || arabicQuery) {
    const rows = await searchSegments(db, q, lang ?? (arabicQuery ? "ar" : undefined), afterId, limit);
    return rows.map((s) => ({
      ...s,
      highlights: langs.flatMap((l) => substringHighlights(l === "ar" ? s.ar : s.en, l, norm)),
    }));
  }
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
