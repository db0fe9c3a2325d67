/**
 * Translation-memory fuzzy matching over the D1 postings (candidates from the rarest words' postings within
 * the length window, exact scores in the Worker) and variants; pre-translation is in tm-pretranslate.ts.
 * docs/tm.md explains the filters and their guarantee.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import {
  candidateBounds,
  type DiffPart,
  type FuzzyQuery,
  indexTerms,
  prefixLength,
  prepareQuery,
  scoreCandidate,
  wordDiff,
} from "../text/fuzzy";
import { normalizeForSearch } from "../text/normalize";
import type { Lang, SegmentOrigin, SegmentStatus } from "../types";
import { runBatch, type Statement } from "./batch";
import { chunkJson } from "./json-chunks";
import { all, lookupTerms, type TermInfo, termLookupStatement, termMap } from "./tm";
import { pendingProbe, syncTmIndexForRead } from "./tm-index";

/** Candidates verified exactly per query: bounds the work of a query whose rare words are not rare. */
export const CANDIDATE_CAP = 150;

// ------------------------------------------------------------------------------------------ fuzzy

export interface MatchQuery {
  /** The text as written (for the diff) and its normalised form. */
  text: string;
  norm: string;
  /** A segment that must not match itself (pre-translation). */
  excludeId?: number;
}

export interface TmMatch {
  segmentId: number;
  documentId: number | null;
  ar: string;
  en: string;
  score: number;
  origin: SegmentOrigin;
  status: SegmentStatus;
  occurrences: number;
  updatedAt: string;
}

interface Candidate {
  qi: number;
  sid: number;
  norm: string;
  /** The other language's normalised text: with `norm`, what makes two stored pairs the same pair. */
  other: string;
  occurrences: number;
  status: SegmentStatus;
}

interface Ranked {
  sid: number;
  /** norm + other: one entry per distinct pair. */
  pair: string;
  score: number;
  distance: number;
  /** Summed over the segments holding the same pair (the best-ranked one stands for them). */
  occurrences: number;
  review: number;
}

/** Among equal scores, reviewed work first. */
const REVIEW_RANK: Record<SegmentStatus, number> = { approved: 3, reviewed: 2, translated: 1, new: 0 };

/**
 * Thresholds tried before the caller's minScore. A higher threshold allows fewer missing words, so its
 * prefix is shorter and made of rarer words (far fewer postings); a query that already has enough
 * matches at or above it cannot have better ones below, and stops there.
 */
const STAGES = [90, 80];
/** Words after the prefix that may rank candidates (see candidateStatements)… */
const RANKING_EXTRA_WORDS = 4;
/** …as long as their postings add up to at most this many times the prefix's. */
const RANKING_EXTRA_POSTINGS = 2;

export interface MatchOptions {
  /** Candidates verified exactly per query and stage (default CANDIDATE_CAP). */
  cap?: number;
  /**
   * How many of the `limit` best matches are guaranteed to be the best of the whole memory (default: all
   * of them). Retrieval stops once that many are settled; the remaining places are filled with the best
   * of the candidates already examined. Pre-translation guarantees the best match only.
   */
  guaranteed?: number;
}

/**
 * Best matches (score ≥ minScore, best first, at most `limit`) for several queries in one language.
 * Round trips: the term lookup together with the exact matches (the ar_norm index); then per stage one
 * batch of candidate statements for the queries still open; then the matched rows. Candidates come from
 * the postings of each query's prefix (rarest words), within the length window, ranked by the ranking
 * words they hold (see candidateStatements), `cap` per query; their exact scores are computed here.
 */
export async function matchMany(
  db: Db,
  queries: MatchQuery[],
  lang: Lang,
  minScore: number,
  limit: number,
  options: MatchOptions = {},
): Promise<TmMatch[][]> {
  const cap = options.cap ?? CANDIDATE_CAP;
  const guaranteed = Math.min(limit, options.guaranteed ?? limit);
  const prepared: FuzzyQuery[] = queries.map((q) => prepareQuery(q.norm));
  const perQuery: Map<number, Candidate>[] = queries.map(() => new Map());
  // Scored once: later stages only add candidates. Best first.
  const scored: Ranked[][] = queries.map(() => []);
  /** Adds a batch's candidate rows and scores the new ones; returns the queries still open. */
  const absorb = (
    results: readonly D1Result<Record<string, unknown>>[],
    open: readonly number[],
    settled: (qi: number, ranked: readonly Ranked[]) => boolean,
  ): number[] => {
    const fresh: Map<number, Candidate>[] = queries.map(() => new Map());
    for (const res of results) {
      for (const row of (res.results ?? []) as unknown as Candidate[]) {
        if (perQuery[row.qi]?.has(row.sid)) continue;
        perQuery[row.qi]?.set(row.sid, row);
        fresh[row.qi]?.set(row.sid, row);
      }
    }
    return open.filter((qi) => {
      const earlier = scored[qi] ?? [];
      // Candidates below the limit-th best score so far can never be chosen: abandon them early.
      const floor = Math.max(minScore, kthScore(earlier, limit));
      const ranked = rank(prepared[qi] as FuzzyQuery, fresh[qi] as Map<number, Candidate>, floor, earlier);
      scored[qi] = ranked;
      return !settled(qi, ranked);
    });
  };
  const first = [
    pendingProbe(),
    termLookupStatement(
      lang,
      prepared.flatMap((p) => [...p.wordCounts.keys()]),
    ),
    ...exactStatements(queries, lang),
  ];
  let results = await runBatch(db, first);
  // The index is maintained behind the writes (src/db/tm-index.ts): catch up first, so that a read always
  // sees every write committed before it; the probe rides in the first batch, free when nothing is pending.
  if (results[0]?.results[0]?.pending) {
    await syncTmIndexForRead(db);
    results = await runBatch(db, first);
  }
  const [, lookup, ...exact] = results;
  const terms = termMap(lookup?.results ?? []);
  // Rarest first; words the memory lacks come first and cost nothing.
  const ordered = prepared.map((p) =>
    [...p.wordCounts.entries()]
      .map(([word, count]) => ({ word, count, info: terms.get(word) }))
      .sort((a, b) => (a.info?.df ?? 0) - (b.info?.df ?? 0)),
  );
  // Exact matches (every stored pair equal after normalisation) score 100: nothing can beat them.
  let open = absorb(
    exact,
    queries.map((_, qi) => qi),
    (_, ranked) => kthScore(ranked, guaranteed) === 100,
  );
  const stages = [...STAGES.filter((t) => t > minScore), minScore];
  /** Per query, the candidate plan of the last stage it ran. */
  const ranPlans = new Map<number, string>();
  for (const [stage, stageThreshold] of stages.entries()) {
    if (open.length === 0) break;
    // Top-k refinement: a query already holding `guaranteed` scored matches needs nothing below the
    // guaranteed-th best score, so it runs at that score when it is above the stage's (a shorter prefix of
    // rarer words); after that run every match at or above it has been a candidate: the query is settled.
    const thresholds = new Map(
      open.map((qi) => [qi, Math.max(stageThreshold, kthScore(scored[qi] ?? [], guaranteed))]),
    );
    const last = stage === stages.length - 1;
    const plans = candidatePlans(queries, prepared, ordered, thresholds).filter((plan) => {
      // The same prefix and length window as this query's previous stage (its refined threshold a point
      // below the one it ran at, say) would fetch the same candidates again: it adds nothing, so it is not
      // run; the query is then judged on the candidates it has.
      const key = JSON.stringify(plan.slice(1));
      if (ranPlans.get(plan[0]) === key) return false;
      ranPlans.set(plan[0], key);
      return true;
    });
    const results = await runBatch(db, candidateStatements(plans, lang, cap));
    open = absorb(
      results,
      open,
      (qi, ranked) =>
        last || ranked.filter((r) => r.score >= (thresholds.get(qi) as number)).length >= guaranteed,
    );
  }
  const chosen = scored.map((ranked) => ranked.slice(0, limit));
  const rows = await segmentRows(
    db,
    chosen.flatMap((r) => r.map((x) => x.sid)),
  );
  return chosen.map((ranked) =>
    ranked.flatMap((r) => {
      const row = rows.get(r.sid);
      return row && row.en !== null
        ? [{ ...row, en: row.en, score: r.score, occurrences: r.occurrences }]
        : [];
    }),
  );
}

/** Score of the k-th best of a ranked list (best first), or 0 while it holds fewer than k. */
function kthScore(ranked: readonly Ranked[], k: number): number {
  return ranked.length >= k ? (ranked[k - 1] as Ranked).score : 0;
}

/**
 * What a query's candidate statement reads: [query index, token ids (prefix first, then ranking words),
 * min words, max words, excluded segment, prefix length, query words]. Same plan, same candidates.
 */
type CandidatePlan = [number, number[], number, number, number, number, number];

/** Candidate plans for the queries in `thresholds` (query index → the threshold it runs at). */
function candidatePlans(
  queries: readonly MatchQuery[],
  prepared: readonly FuzzyQuery[],
  ordered: readonly { count: number; info: TermInfo | undefined }[][],
  thresholds: ReadonlyMap<number, number>,
): CandidatePlan[] {
  const prefixRows: CandidatePlan[] = [];
  for (const [qi, threshold] of thresholds) {
    const query = prepared[qi] as FuzzyQuery;
    const bounds = candidateBounds(query, threshold);
    const words = ordered[qi] ?? [];
    const prefix = prefixLength(words, bounds.wordSlack);
    const ids = words.slice(0, prefix).flatMap((t) => (t.info ? [t.info.id] : []));
    if (ids.length === 0) continue;
    // Ranking words: candidates come from the prefix only, but are ranked by how many of the prefix AND of
    // the next rarest words they hold. With the prefix alone, every segment sharing a frequent phrase ties
    // (at 90 the prefix is often two words) and the cap cuts the ties arbitrarily; the next words separate
    // true near-duplicates. Bounded: their postings may at most triple the rows read.
    const prefixPostings = words.slice(0, prefix).reduce((n, t) => n + (t.info?.df ?? 0), 0);
    let extraRows = 0;
    const generating = ids.length;
    for (const t of words.slice(prefix, prefix + RANKING_EXTRA_WORDS)) {
      if (!t.info || extraRows + t.info.df > RANKING_EXTRA_POSTINGS * prefixPostings) break;
      extraRows += t.info.df;
      ids.push(t.info.id);
    }
    prefixRows.push([
      qi,
      ids,
      bounds.minWords,
      bounds.maxWords,
      queries[qi]?.excludeId ?? 0,
      generating,
      query.words,
    ]);
  }
  return prefixRows;
}

/** One statement per JSON chunk of plans: each query's candidates, ranked, at most `cap`. */
function candidateStatements(prefixRows: readonly CandidatePlan[], lang: Lang, cap: number): Statement[] {
  const normCol = lang === "ar" ? sql`s.ar_norm` : sql`s.en_norm`;
  const otherCol = lang === "ar" ? sql`s.en_norm` : sql`s.ar_norm`;
  // One row per query; its candidates are grouped and ranked in a correlated subquery, so each GROUP BY
  // and ORDER BY … LIMIT works on one query's postings (thousands of rows) instead of one temporary
  // B-tree and one window sort over every query's (about a million rows for 250 new sentences at
  // minScore 70): 2–3× faster for the same candidates. MATERIALIZED: the JSON is decoded once.
  // `w.key < q.gen`: the word is one of the prefix's (json_each's key is the array index).
  return [...chunkJson(prefixRows)].map(
    (chunk) =>
      sql`WITH q AS MATERIALIZED (
          SELECT value ->> '$[0]' AS qi, value -> '$[1]' AS tids, value ->> '$[2]' AS lo,
            value ->> '$[3]' AS hi, value ->> '$[4]' AS ex, value ->> '$[5]' AS gen, value ->> '$[6]' AS n
          FROM json_each(${chunk})),
        t AS MATERIALIZED (
          SELECT q.qi AS qi, (SELECT json_group_array(sid) FROM (
              SELECT p.segment_id AS sid, count(*) AS hits, abs(max(p.len) - q.n) AS off
              FROM json_each(q.tids) AS w JOIN tm_postings AS p ON p.token_id = w.value
              WHERE p.paired = 1 AND p.len BETWEEN q.lo AND q.hi AND p.segment_id <> q.ex
              GROUP BY p.segment_id HAVING min(w.key) < q.gen
              ORDER BY hits DESC, off, sid DESC LIMIT ${cap})) AS sids
          FROM q)
        SELECT t.qi AS qi, s.id AS sid, ${normCol} AS norm, ${otherCol} AS other, s.occurrences AS occurrences,
          s.status AS status
        FROM t, json_each(t.sids) AS j JOIN segments AS s ON s.id = j.value
        WHERE s.en_norm IS NOT NULL`,
  );
}

/** Exact matches by the ar_norm index: they must not depend on the cap (near-duplicates may tie with them). */
function exactStatements(queries: readonly MatchQuery[], lang: Lang): Statement[] {
  // English has no norm index: its exact matches come through the postings like any other.
  if (lang !== "ar") return [];
  // An empty key (a code-only segment: text without letters) is no query: it would match every such segment.
  const rows = queries.flatMap((q, qi) => (q.norm === "" ? [] : [[qi, q.norm, q.excludeId ?? 0]]));
  return [...chunkJson(rows)].map(
    (chunk) =>
      sql`SELECT value ->> '$[0]' AS qi, s.id AS sid, s.ar_norm AS norm, s.en_norm AS other,
          s.occurrences AS occurrences,
          s.status AS status
        FROM json_each(${chunk}) AS j JOIN segments AS s ON s.ar_norm = j.value ->> '$[1]'
        WHERE s.en_norm IS NOT NULL AND s.id <> j.value ->> '$[2]'`,
  );
}

/**
 * Exact scores of the candidates ≥ minScore, best first: among equal scores the smaller distance, then
 * approved/reviewed work, then the pair seen most often, then the most recent. One entry per distinct pair:
 * segments of several documents holding the same normalised source and translation are one match, shown
 * by the best-ranked of them, with their occurrences summed (the stages and the top-k refinement then count
 * distinct pairs, so five copies of one sentence do not crowd out the next-best translations).
 */
function rank(
  query: FuzzyQuery,
  cands: Map<number, Candidate>,
  minScore: number,
  earlier: readonly Ranked[] = [],
): Ranked[] {
  const ranked: Ranked[] = [...earlier];
  for (const c of cands.values()) {
    const s = scoreCandidate(query, c.norm, minScore);
    if (s)
      ranked.push({
        sid: c.sid,
        pair: `${c.norm}\u0000${c.other}`,
        score: s.score,
        distance: s.distance,
        occurrences: c.occurrences,
        review: REVIEW_RANK[c.status] ?? 0,
      });
  }
  // Occurrences of each distinct pair, over all its segments (an `earlier` entry already holds its sum).
  const total = new Map<string, number>();
  for (const r of ranked) total.set(r.pair, (total.get(r.pair) ?? 0) + r.occurrences);
  const occurrences = (r: Ranked) => total.get(r.pair) ?? 0;
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.distance - b.distance ||
      b.review - a.review ||
      occurrences(b) - occurrences(a) ||
      b.sid - a.sid,
  );
  const distinct: Ranked[] = [];
  const seen = new Set<string>();
  for (const r of ranked) {
    if (seen.has(r.pair)) continue;
    seen.add(r.pair);
    // A copy: `earlier` entries are shared with the previous call and must not change.
    distinct.push({ ...r, occurrences: occurrences(r) });
  }
  return distinct;
}

type SegmentRow = Omit<TmMatch, "score" | "en"> & { en: string | null };

async function segmentRows(db: Db, ids: number[]): Promise<Map<number, SegmentRow>> {
  const out = new Map<number, SegmentRow>();
  const unique = [...new Set(ids)];
  for (const chunk of chunkJson(unique)) {
    const rows = await all<SegmentRow>(
      db,
      sql`SELECT id AS segmentId, document_id AS documentId, ar, en, origin, status, occurrences,
          updated_at AS updatedAt
        FROM segments WHERE id IN (SELECT value FROM json_each(${chunk}))`,
    );
    for (const r of rows) out.set(r.segmentId, r);
  }
  return out;
}

export interface FuzzyMatch extends TmMatch {
  /** Word diff between the query and the stored text in the query's language. */
  diff: DiffPart[];
}

/** GET /tm/matches: the best matches for one sentence, with word diffs. */
export async function findMatches(
  db: Db,
  text: string,
  lang: Lang,
  minScore: number,
  limit: number,
): Promise<FuzzyMatch[]> {
  const [matches = []] = await matchMany(
    db,
    [{ text, norm: normalizeForSearch(text) }],
    lang,
    minScore,
    limit,
  );
  return matches.map((m) => ({ ...m, diff: wordDiff(text, lang === "ar" ? m.ar : m.en) }));
}

// ------------------------------------------------------------------------------------------ variants

export interface Variant {
  en: string;
  /** Sum of occurrences of the segments giving this translation. */
  count: number;
  segments: {
    segmentId: number;
    documentId: number | null;
    documentTitle: string | null;
    origin: SegmentOrigin;
    status: SegmentStatus;
    occurrences: number;
    updatedAt: string;
  }[];
}

/**
 * All translations the memory holds for one source (normalised equality), grouped by normalised
 * translation, most frequent first: conflicting translations are kept, and shown here with where they
 * come from. `lang` is the language of `q`; for English the Arabic "translations" are returned.
 */
export async function variants(db: Db, q: string, lang: Lang, limit: number): Promise<Variant[]> {
  const norm = normalizeForSearch(q);
  let rows: (Variant["segments"][number] & { target: string; targetNorm: string })[];
  const target = lang === "ar" ? sql`s.en` : sql`s.ar`;
  const targetNorm = lang === "ar" ? sql`s.en_norm` : sql`s.ar_norm`;
  const cols = sql`s.id AS segmentId, s.document_id AS documentId, d.title AS documentTitle, s.origin, s.status,
    s.occurrences, s.updated_at AS updatedAt, ${target} AS target, ${targetNorm} AS targetNorm`;
  if (lang === "ar") {
    rows = await all(
      db,
      sql`SELECT ${cols} FROM segments AS s LEFT JOIN documents AS d ON d.id = s.document_id
        WHERE s.ar_norm = ${norm} AND s.en_norm IS NOT NULL ORDER BY s.updated_at DESC LIMIT 1000`,
    );
  } else {
    // No index on en_norm: the rarest term's postings give the candidates.
    await syncTmIndexForRead(db); // the postings must reflect every write before this read (tm-index.ts)
    const terms = await lookupTerms(db, "en", indexTerms(norm));
    const rarest = [...terms.values()].sort((a, b) => a.df - b.df)[0];
    if (!rarest || terms.size < new Set(indexTerms(norm)).size) return [];
    rows = await all(
      db,
      sql`SELECT ${cols} FROM tm_postings AS p JOIN segments AS s ON s.id = p.segment_id
        LEFT JOIN documents AS d ON d.id = s.document_id
        WHERE p.token_id = ${rarest.id} AND s.en_norm = ${norm} ORDER BY s.updated_at DESC LIMIT 1000`,
    );
  }
  const groups = new Map<string, Variant>();
  for (const { target: text, targetNorm: key, ...seg } of rows) {
    let g = groups.get(key);
    if (!g) {
      g = { en: text, count: 0, segments: [] };
      groups.set(key, g);
    }
    g.count += seg.occurrences;
    g.segments.push(seg);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
