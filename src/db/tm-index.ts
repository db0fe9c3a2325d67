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
 * Called after every request that writes segments (`scheduleTmIndexSync`, off the response path) and at the
 * start of every TM read, so that a read always sees the writes before it. With nothing pending it costs
 * one indexed read.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { indexProfile } from "../text/fuzzy";
import type { Lang } from "../types";
import { runBatch, type Statement } from "./batch";
import { all, chunkJson } from "./tm";

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

/** Index changes for a set of pending segments; rows carry [segment id, rev, lang, term, (len, paired)]. */
export interface SyncPlan {
  segments: { id: number; rev: number }[];
  removes: [number, number, Lang, string][];
  adds: [number, number, Lang, string, number, number][];
  updates: [number, number, Lang, string, number, number][];
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

function diff(plan: SyncPlan, id: number, rev: number, lang: Lang, before: Side, after: Side): void {
  const old = new Set(before.terms);
  const now = new Set(after.terms);
  const changed = before.words !== after.words || before.paired !== after.paired;
  for (const t of before.terms) if (!now.has(t)) plan.removes.push([id, rev, lang, t]);
  for (const t of after.terms) {
    if (!old.has(t)) plan.adds.push([id, rev, lang, t, after.words, after.paired]);
    else if (changed) plan.updates.push([id, rev, lang, t, after.words, after.paired]);
  }
}

/**
 * The posting changes that take the index from each segment's old texts to its current ones: terms only
 * in the old text are removed, terms only in the new one added, terms in both rewritten only when the
 * word count or the paired flag changed (Arabic postings become match candidates when English arrives).
 */
export function planSync(rows: readonly PendingSegment[]): SyncPlan {
  const plan: SyncPlan = { segments: [], removes: [], adds: [], updates: [] };
  for (const r of rows) {
    plan.segments.push({ id: r.id, rev: r.rev });
    const ar = r.present ? r.ar : null;
    const en = r.present ? r.en : null;
    // Same Arabic (an English-only change, as in XLIFF imports and pre-translation): profile it once.
    const arProfile = r.oldAr !== null && r.oldAr === ar ? indexProfile(ar) : undefined;
    diff(
      plan,
      r.id,
      r.rev,
      "ar",
      side(r.oldAr, r.oldEn !== null, arProfile),
      side(ar, en !== null, arProfile),
    );
    const enProfile = r.oldEn !== null && r.oldEn === en ? indexProfile(en) : undefined;
    diff(plan, r.id, r.rev, "en", side(r.oldEn, true, enProfile), side(en, true, enProfile));
  }
  return plan;
}

// Every change row is applied only while the segment's pending row still has the revision that was read.
const current = (j: string) =>
  sql.raw(
    `EXISTS (SELECT 1 FROM tm_pending AS q WHERE q.segment_id = ${j}.value ->> '$[0]' AND q.rev = ${j}.value ->> '$[1]')`,
  );

/**
 * The statements of one sync batch, in order: remove postings of terms a segment lost (decrementing df),
 * add postings of terms it gained (upserting their tokens first), rewrite len/paired of terms it kept, drop
 * tokens no segment holds any more, delete the applied pending rows. Those deletes come last (`tail` of
 * them): their `changes` add up to the number of segments applied.
 */
export function syncStatements(plan: SyncPlan): { statements: Statement[]; tail: number } {
  const out: Statement[] = [];
  const j = current("j");
  for (const chunk of chunkJson(plan.removes)) {
    out.push(
      sql`UPDATE tm_tokens SET df = tm_tokens.df - r.n
        FROM (SELECT j.value ->> '$[2]' AS lang, j.value ->> '$[3]' AS term, count(*) AS n
          FROM json_each(${chunk}) AS j WHERE ${j} GROUP BY 1, 2) AS r
        WHERE tm_tokens.lang = r.lang AND tm_tokens.token = r.term`,
      sql`DELETE FROM tm_postings WHERE (token_id, segment_id) IN (
          SELECT k.id, j.value ->> '$[0]' FROM json_each(${chunk}) AS j
          CROSS JOIN tm_tokens AS k ON k.lang = j.value ->> '$[2]' AND k.token = j.value ->> '$[3]'
          WHERE ${j})`,
    );
  }
  for (const chunk of chunkJson(plan.adds)) {
    out.push(
      sql`INSERT INTO tm_tokens (lang, token, df)
        SELECT j.value ->> '$[2]', j.value ->> '$[3]', count(*) FROM json_each(${chunk}) AS j
        WHERE ${j} GROUP BY 1, 2
        ON CONFLICT (lang, token) DO UPDATE SET df = df + excluded.df`,
      // Key order, and CROSS JOIN to keep D1's planner from scanning a language's tokens per row (as in
      // the TMX import, src/db/tm-exchange.ts).
      sql`INSERT INTO tm_postings (token_id, segment_id, len, paired)
        SELECT k.id, j.value ->> '$[0]', j.value ->> '$[4]', j.value ->> '$[5]' FROM json_each(${chunk}) AS j
        CROSS JOIN tm_tokens AS k ON k.lang = j.value ->> '$[2]' AND k.token = j.value ->> '$[3]'
        WHERE ${j} ORDER BY k.id, j.value ->> '$[0]'`,
    );
  }
  for (const chunk of chunkJson(plan.updates)) {
    // Every one of these postings exists: an upsert walks the JSON and seeks each by key (UPDATE … FROM
    // made SQLite scan tm_postings).
    out.push(
      sql`INSERT INTO tm_postings (token_id, segment_id, len, paired)
        SELECT k.id, j.value ->> '$[0]', j.value ->> '$[4]', j.value ->> '$[5]' FROM json_each(${chunk}) AS j
        CROSS JOIN tm_tokens AS k ON k.lang = j.value ->> '$[2]' AND k.token = j.value ->> '$[3]'
        WHERE ${j} ORDER BY k.id, j.value ->> '$[0]'
        ON CONFLICT (token_id, segment_id) DO UPDATE SET len = excluded.len, paired = excluded.paired`,
    );
  }
  for (const chunk of chunkJson(plan.removes)) {
    out.push(
      sql`DELETE FROM tm_tokens WHERE df <= 0 AND id IN (
          SELECT k.id FROM json_each(${chunk}) AS j
          CROSS JOIN tm_tokens AS k ON k.lang = j.value ->> '$[2]' AND k.token = j.value ->> '$[3]')`,
    );
  }
  let tail = 0;
  for (const chunk of chunkJson(plan.segments.map((s) => [s.id, s.rev]))) {
    out.push(
      sql`DELETE FROM tm_pending WHERE segment_id IN (
          SELECT q.segment_id FROM json_each(${chunk}) AS j
          JOIN tm_pending AS q ON q.segment_id = j.value ->> '$[0]' AND q.rev = j.value ->> '$[1]')`,
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
  const stats: SyncStats = { read: 0, applied: 0, batches: 0, ms: 0, d1Ms: 0 };
  for (;;) {
    const rows = await readPending(db, batchSegments);
    if (rows.length > 0) {
      const { applied, d1Ms } = await applySync(db, planSync(rows));
      stats.read += rows.length;
      stats.applied += applied;
      stats.d1Ms += d1Ms;
      stats.batches++;
    }
    if (rows.length < batchSegments || stats.batches >= maxBatches) break;
  }
  stats.ms = Date.now() - t0;
  return stats;
}

/** Segments synced at which a background sync logs its figures (large imports; small edits stay quiet). */
const LOG_SEGMENTS = 1_000;

/**
 * Runs `syncTmIndex` after the response (waitUntil): a request that wrote segments does not wait for the
 * index. A failure is logged and left to the next sync (every TM read syncs first).
 */
export function scheduleTmIndexSync(ctx: { waitUntil(promise: Promise<unknown>): void }, db: Db): void {
  ctx.waitUntil(
    syncTmIndex(db).then(
      (s) => {
        if (s.read >= LOG_SEGMENTS) console.log(`tm-index-sync ${JSON.stringify(s)}`);
      },
      (err) => console.error("tm index sync failed", err),
    ),
  );
}
