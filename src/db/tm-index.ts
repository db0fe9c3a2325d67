/**
 * Write-behind upkeep of the translation-memory term index (tm_tokens, tm_postings; docs/tm.md "Index").
 * Writers of `segments` pay only for the triggers of migration 0006, which record each changed segment in
 * tm_pending together with the texts the index still reflects for it. `syncTmIndex` brings the index up to
 * date: it reads a bounded set of pending rows with the segments' current texts, computes both term sets in
 * TypeScript (`indexProfile`, the token model the scorer uses) and applies the difference in ONE batch —
 * one transaction, so it cannot interleave with another sync or with a writer (D1 runs batches one at a
 * time). Every statement of that batch only touches segments whose pending row still has the revision that
 * was read; a segment written meanwhile keeps its row (with the same old texts) and is picked up next time.
 *
 * Called after every request that writes segments (`scheduleTmIndexSync` in src/usecases/memory-index.ts,
 * off the response path) and at the start of every TM read, so that a read always sees the writes before
 * it. With nothing pending it costs one indexed read.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { indexProfile } from "../text/fuzzy";
import type { Lang } from "../types";
import { runBatch, type Statement, turnOfEventLoop } from "./batch";
import { chunkJson } from "./json-chunks";
import { all } from "./tm";

/**
 * Pending segments applied per batch: a few MB of texts read and ~30 posting changes each written, so one
 * transaction stays well under a second on the benchmark machine and never near D1's 30 s per query.
 */
export const SYNC_SEGMENTS_PER_BATCH = 2_000;

/** A pending segment with the texts the index reflects (old) and the segment's current texts. */
export interface PendingSegment {
  id: number;
  rev: number;
  oldAr: string | null;
  oldEn: string | null;
  /** 0 when the segment has been deleted. */
  present: number;
  ar: string | null;
  en: string | null;
}

/** Posting changes of one language, per segment: [segment id, rev, (len, paired,) terms]. */
export interface LangChanges {
  removes: [number, number, string[]][];
  adds: [number, number, number, number, string[]][];
  /** Terms kept whose postings need a new len or paired flag. */
  updates: [number, number, number, number, string[]][];
}

/** Index changes for a set of pending segments. */
export interface SyncPlan {
  segments: { id: number; rev: number }[];
  ar: LangChanges;
  en: LangChanges;
}

export interface SyncStats {
  /** Pending segments read. */
  read: number;
  /** Pending segments applied (read minus those written again, or applied by another sync, meanwhile). */
  applied: number;
  batches: number;
  /** Wall time of the whole call and D1's own time (sum of meta.duration) of its statements, in ms. */
  ms: number;
  d1Ms: number;
  /** The call stopped at its `maxBatches` with its last batch full: segments may still be pending. */
  more: boolean;
}

/** Up to `limit` pending segments in id order, with their current texts (one indexed read; cheap when empty). */
export async function readPending(db: Db, limit: number): Promise<PendingSegment[]> {
  return all<PendingSegment>(
    db,
    sql`SELECT p.segment_id AS id, p.rev, p.ar_norm AS oldAr, p.en_norm AS oldEn, s.id IS NOT NULL AS present,
        s.ar_norm AS ar, s.en_norm AS en
      FROM tm_pending AS p LEFT JOIN segments AS s ON s.id = p.segment_id
      ORDER BY p.segment_id LIMIT ${limit}`,
  );
}

/**
 * The pending-work probe for a TM read that wants to save a round trip: put it in the read's first batch (one
 * row, `pending` 0 or 1); when it says 1, run `syncTmIndex` and then the read's statements again.
 * (`syncTmIndex` alone costs one read when nothing is pending: this probe's cost, in its own round trip.)
 */
export const pendingProbe = (): Statement => sql`SELECT EXISTS (SELECT 1 FROM tm_pending) AS pending`;

interface Side {
  terms: readonly string[];
  words: number;
  paired: number;
}

const EMPTY: Side = { terms: [], words: 0, paired: 0 };

/** What the index holds for one language of a segment: its distinct terms, word count and paired flag. */
function side(norm: string | null, paired: boolean, profile?: { terms: string[]; words: number }): Side {
  if (norm === null) return EMPTY;
  const p = profile ?? indexProfile(norm);
  return { terms: p.terms, words: p.words, paired: paired ? 1 : 0 };
}

function diff(changes: LangChanges, id: number, rev: number, before: Side, after: Side): void {
  const old = new Set(before.terms);
  const now = new Set(after.terms);
  const removed = before.terms.filter((t) => !now.has(t));
  const added: string[] = [];
  const kept: string[] = [];
  for (const t of after.terms) (old.has(t) ? kept : added).push(t);
  if (removed.length > 0) changes.removes.push([id, rev, removed]);
  if (added.length > 0) changes.adds.push([id, rev, after.words, after.paired, added]);
  if (kept.length > 0 && (before.words !== after.words || before.paired !== after.paired))
    changes.updates.push([id, rev, after.words, after.paired, kept]);
}

/**
 * The posting changes that take the index from each segment's old texts to its current ones: terms only
 * in the old text are removed, terms only in the new one added, terms in both rewritten only when the
 * word count or the paired flag changed (Arabic postings become match candidates when English arrives).
 */
export function planSync(rows: readonly PendingSegment[]): SyncPlan {
  const empty = (): LangChanges => ({ removes: [], adds: [], updates: [] });
  const plan: SyncPlan = { segments: [], ar: empty(), en: empty() };
  for (const r of rows) {
    plan.segments.push({ id: r.id, rev: r.rev });
    const ar = r.present ? r.ar : null;
    const en = r.present ? r.en : null;
    // Same Arabic (an English-only change, as in XLIFF imports and pre-translation): profile it once.
    const arProfile = r.oldAr !== null && r.oldAr === ar ? indexProfile(ar) : undefined;
    diff(plan.ar, r.id, r.rev, side(r.oldAr, r.oldEn !== null, arProfile), side(ar, en !== null, arProfile));
    const enProfile = r.oldEn !== null && r.oldEn === en ? indexProfile(en) : undefined;
    diff(plan.en, r.id, r.rev, side(r.oldEn, true, enProfile), side(en, true, enProfile));
  }
  return plan;
}

// A segment's changes are applied only while its pending row still has the revision that was read. Rows of
// the payloads are per segment ([id, rev, …, [terms]]) and the terms are expanded by a second json_each, so
// the revision is checked once per segment; the statements writing postings first materialise the segment
// fields (g), which keeps SQLite from re-reading them from the JSON for every term (a third less CPU in the
// sqlite3 CLI).
const current = sql.raw(
  "EXISTS (SELECT 1 FROM tm_pending AS q WHERE q.segment_id = s.value ->> '$[0]' AND q.rev = s.value ->> '$[1]')",
);

/** `g(seg, len, paired, terms)`: the segments of a payload still at the revision read. */
const segmentsOf = (chunk: string, terms: number) =>
  sql`WITH g AS MATERIALIZED (SELECT s.value ->> '$[0]' AS seg, s.value ->> '$[2]' AS len,
      s.value ->> '$[3]' AS paired, s.value -> ${`$[${terms}]`} AS terms
    FROM json_each(${chunk}) AS s WHERE ${current})`;

function langStatements(lang: Lang, c: LangChanges): { head: Statement[]; cleanup: Statement[] } {
  const head: Statement[] = [];
  const cleanup: Statement[] = [];
  for (const chunk of chunkJson(c.removes)) {
    head.push(
      sql`UPDATE tm_tokens SET df = tm_tokens.df - r.n
        FROM (SELECT t.value AS term, count(*) AS n FROM json_each(${chunk}) AS s, json_each(s.value, '$[2]') AS t
          WHERE ${current} GROUP BY t.value) AS r
        WHERE tm_tokens.lang = ${lang} AND tm_tokens.token = r.term`,
      sql`${segmentsOf(chunk, 2)} DELETE FROM tm_postings WHERE (token_id, segment_id) IN (
          SELECT k.id, g.seg FROM g CROSS JOIN json_each(g.terms) AS t
          CROSS JOIN tm_tokens AS k ON k.lang = ${lang} AND k.token = t.value)`,
    );
    cleanup.push(
      sql`DELETE FROM tm_tokens WHERE df <= 0 AND lang = ${lang} AND token IN (
          SELECT t.value FROM json_each(${chunk}) AS s, json_each(s.value, '$[2]') AS t)`,
    );
  }
  for (const chunk of chunkJson(c.adds)) {
    head.push(
      sql`INSERT INTO tm_tokens (lang, token, df)
        SELECT ${lang}, t.value, count(*) FROM json_each(${chunk}) AS s, json_each(s.value, '$[4]') AS t
        WHERE ${current} GROUP BY t.value
        ON CONFLICT (lang, token) DO UPDATE SET df = df + excluded.df`,
      // Key order, and CROSS JOIN to keep D1's planner from scanning a language's tokens per row (as in
      // the TMX import, src/db/tm-exchange.ts).
      sql`${segmentsOf(chunk, 4)} INSERT INTO tm_postings (token_id, segment_id, len, paired)
        SELECT k.id, g.seg, g.len, g.paired FROM g CROSS JOIN json_each(g.terms) AS t
        CROSS JOIN tm_tokens AS k ON k.lang = ${lang} AND k.token = t.value ORDER BY 1, 2`,
    );
  }
  for (const chunk of chunkJson(c.updates)) {
    // Every one of these postings exists: an upsert walks the JSON and seeks each by key (UPDATE … FROM
    // made SQLite scan tm_postings).
    head.push(
      sql`${segmentsOf(chunk, 4)} INSERT INTO tm_postings (token_id, segment_id, len, paired)
        SELECT k.id, g.seg, g.len, g.paired FROM g CROSS JOIN json_each(g.terms) AS t
        CROSS JOIN tm_tokens AS k ON k.lang = ${lang} AND k.token = t.value ORDER BY 1, 2
        ON CONFLICT (token_id, segment_id) DO UPDATE SET len = excluded.len, paired = excluded.paired`,
    );
  }
  return { head, cleanup };
}

/**
 * The statements of one sync batch, in order: per language, remove postings of terms a segment lost
 * (decrementing df), add postings of terms it gained (upserting their tokens first), rewrite len/paired of
 * terms it kept; then drop tokens no segment holds any more and delete the applied pending rows. Those
 * deletes come last (`tail` of them): their `changes` add up to the number of segments applied.
 */
export function syncStatements(plan: SyncPlan): { statements: Statement[]; tail: number } {
  const ar = langStatements("ar", plan.ar);
  const en = langStatements("en", plan.en);
  const out = [...ar.head, ...en.head, ...ar.cleanup, ...en.cleanup];
  let tail = 0;
  for (const chunk of chunkJson(plan.segments.map((s) => [s.id, s.rev]))) {
    out.push(
      sql`DELETE FROM tm_pending WHERE segment_id IN (
          SELECT q.segment_id FROM json_each(${chunk}) AS s
          JOIN tm_pending AS q ON q.segment_id = s.value ->> '$[0]' AND q.rev = s.value ->> '$[1]')`,
    );
    tail++;
  }
  return { statements: out, tail };
}

/** Applies a plan in one batch; returns how many of its segments were applied and D1's time in ms. */
export async function applySync(db: Db, plan: SyncPlan): Promise<{ applied: number; d1Ms: number }> {
  const { statements, tail } = syncStatements(plan);
  const results = await runBatch(db, statements);
  let d1Ms = 0;
  for (const r of results) d1Ms += r.meta.duration ?? 0;
  let applied = 0;
  for (const r of results.slice(results.length - tail)) applied += r.meta.changes ?? 0;
  return { applied, d1Ms };
}

/**
 * Brings the term index up to date with every segment write committed before the call: batches of at most
 * `batchSegments` pending segments until none is left (or `maxBatches` were applied). Safe to run
 * concurrently with writers and other syncs (see the module comment).
 */
export async function syncTmIndex(
  db: Db,
  batchSegments = SYNC_SEGMENTS_PER_BATCH,
  maxBatches = Number.POSITIVE_INFINITY,
): Promise<SyncStats> {
  const t0 = Date.now();
  const stats: SyncStats = { read: 0, applied: 0, batches: 0, ms: 0, d1Ms: 0, more: false };
  for (;;) {
    // Between batches the runtime serves other requests: a rebuild is minutes of batches (src/db/batch.ts).
    if (stats.batches > 0) await turnOfEventLoop();
    const rows = await readPending(db, batchSegments);
    if (rows.length > 0) {
      const { applied, d1Ms } = await applySync(db, planSync(rows));
      stats.read += rows.length;
      stats.applied += applied;
      stats.d1Ms += d1Ms;
      stats.batches++;
    }
    if (rows.length < batchSegments) break;
    if (stats.batches >= maxBatches) {
      stats.more = true;
      break;
    }
  }
  stats.ms = Date.now() - t0;
  return stats;
}

/**
 * Most pending segments a TM read applies before it answers (two sync batches: ≈ 0.7 s in the benchmark). A
 * read never waits for background work without a bound: after a rebuild (`resetTmIndex`) or a very large
 * import it answers from the index as far as it is built, and the background sync and later reads build
 * the rest (issue 16.8: the first read after a rebuild of 400k segments used to wait for all of it).
 */
export const READ_SYNC_SEGMENTS = 2 * SYNC_SEGMENTS_PER_BATCH;

/**
 * The catch-up at the start of a TM read: every write committed before it when at most READ_SYNC_SEGMENTS
 * segments are pending (the normal case: the edits of the last moments), otherwise that many and no more.
 */
export function syncTmIndexForRead(db: Db): Promise<SyncStats> {
  return syncTmIndex(db, SYNC_SEGMENTS_PER_BATCH, READ_SYNC_SEGMENTS / SYNC_SEGMENTS_PER_BATCH);
}

/** Segments written but not in the index yet (0 when it is up to date): what a read could not see. */
export async function indexBacklog(db: Db): Promise<number> {
  const [row] = await all<{ n: number }>(db, sql`SELECT count(*) AS n FROM tm_pending`);
  return Number(row?.n ?? 0);
}

/**
 * Starts a from-scratch rebuild of the index, in one transaction: empties tm_tokens and tm_postings and marks
 * every segment pending with nothing indexed (NULL texts), under a new revision, so that a sync that read
 * pending rows before applies none of them. The syncs that follow rebuild the index; each TM read meanwhile
 * applies at most READ_SYNC_SEGMENTS of it and answers from the part built. For recovery, and after a release changes the token model (`indexProfile`).
 * Returns the number of pending segments.
 */
export async function resetTmIndex(db: Db): Promise<number> {
  const revision = sql`(SELECT value FROM meta WHERE key = 'tm_revision')`;
  const res = await runBatch(db, [
    sql`INSERT INTO meta (key, value) VALUES ('tm_revision', 1)
      ON CONFLICT (key) DO UPDATE SET value = value + 1`,
    sql`DELETE FROM tm_postings`,
    sql`DELETE FROM tm_tokens`,
    // Rows of deleted segments stay pending (nothing to remove now); the others are re-added below.
    sql`UPDATE tm_pending SET ar_norm = NULL, en_norm = NULL, rev = ${revision}`,
    sql`INSERT INTO tm_pending (segment_id, ar_norm, en_norm, rev)
      SELECT id, NULL, NULL, ${revision} FROM segments WHERE true
      ON CONFLICT (segment_id) DO NOTHING`,
    sql`SELECT count(*) AS n FROM tm_pending`,
  ]);
  return Number(res[res.length - 1]?.results[0]?.n ?? 0);
}
