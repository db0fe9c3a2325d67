/**
 * Stored bead analyses (table segment_analyses, migration 0014): each segment's recognised terms and QA
 * issues as the review page shows them (src/text/bead-analysis.ts), so that a new isolate reads them
 * instead of building the term matcher and analysing 200 beads.
 *
 * A stored analysis is used only when its key equals the key made now from everything it depends on: the
 * engine's sources (ANALYSIS_ENGINE), the glossary matcher's input (its hash, src/db/matcher.ts) and the
 * segment's texts and inline codes. A segment written by any path (an edit, a bead operation, an import, a
 * re-alignment, a trigger, a migration) therefore never shows an analysis of its old text, without any
 * writer having to invalidate anything; a row of a deleted segment goes with it (foreign key). Each row also
 * names the matcher and glossary revision it was made with: after a glossary change, an analysis the change
 * cannot touch (src/text/terms-touch.ts) is kept and re-keyed rather than made again.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { ANALYSIS_ENGINE } from "../text/analysis-engine";
import type { BeadTexts, RowAnalysis } from "../text/bead-analysis";
import { runBatch } from "./batch";
import { all } from "./tm";
import { sha256Hex } from "./tokens";

/** The hash of what an analysis reads of a bead, and of the engine (hex SHA-256, unambiguous input). */
export function textsKey(bead: BeadTexts, engine = ANALYSIS_ENGINE): Promise<string> {
  return sha256Hex(JSON.stringify([engine, bead.ar, bead.en, bead.arCodes, bead.enCodes]));
}

/** The key of an analysis: its texts' key (textsKey) and the glossary matcher's key, joined. */
export function keyOf(texts: string, matcherKey: string): string {
  return `${texts}.${matcherKey}`;
}

/** The key of a bead's analysis with the glossary matcher `matcherKey`. */
export async function analysisKey(
  matcherKey: string,
  bead: BeadTexts,
  engine = ANALYSIS_ENGINE,
): Promise<string> {
  return keyOf(await textsKey(bead, engine), matcherKey);
}

/** Whether a stored key was made for texts of key `texts` (with whatever matcher): no second hash needed. */
export function sameTexts(key: string, texts: string): boolean {
  return key.length > texts.length && key.startsWith(texts) && key[texts.length] === ".";
}

export interface StoredAnalysis {
  key: string;
  analysis: string;
  /** The glossary revision it was made with or kept for (null: stored before migration 0015). */
  revision: number | null;
}

/** The stored analyses of these segments, by segment id (their keys still to be compared). */
export async function storedAnalyses(
  db: Db,
  segmentIds: readonly number[],
): Promise<Map<number, StoredAnalysis>> {
  if (segmentIds.length === 0) return new Map();
  // One JSON parameter: D1 binds at most 100 per statement, a review page has 200 beads.
  const rows = await all<StoredAnalysis & { segmentId: number }>(
    db,
    sql`SELECT segment_id AS segmentId, key, analysis, revision
      FROM segment_analyses WHERE segment_id IN (SELECT value FROM json_each(${JSON.stringify(segmentIds)}))`,
  );
  // Fields named, not `...rest`: an object rest per row was 2 ms of a new isolate's first page (sampled).
  return new Map(rows.map((r) => [r.segmentId, { key: r.key, analysis: r.analysis, revision: r.revision }]));
}

/** A stored analysis as made (null: not an analysis, e.g. a row written by hand; it is made again). */
export function parseAnalysis(stored: string): RowAnalysis | null {
  try {
    const a = JSON.parse(stored) as Partial<RowAnalysis> | null;
    return a && Array.isArray(a.ar) && Array.isArray(a.en) && Array.isArray(a.qa) ? (a as RowAnalysis) : null;
  } catch {
    return null;
  }
}

/**
 * Stores analyses made at glossary revision `revision` (replacing a segment's earlier one), and re-keys
 * analyses kept for it (`kept`: their stored key was `from`; a row stored anew meanwhile is left as it is); a segment
 * deleted meanwhile is skipped.
 */
export async function storeAnalyses(
  db: Db,
  revision: number,
  made: readonly { segmentId: number; key: string; analysis: RowAnalysis }[],
  kept: readonly { segmentId: number; key: string; from: string }[] = [],
): Promise<void> {
  const statements = [];
  if (made.length > 0) {
    const json = JSON.stringify(made.map((r) => [r.segmentId, r.key, JSON.stringify(r.analysis)]));
    statements.push(sql`INSERT INTO segment_analyses (segment_id, key, analysis, revision)
      SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, ${revision} FROM json_each(${json}) AS j
      WHERE EXISTS (SELECT 1 FROM segments WHERE id = j.value ->> 0)
      ON CONFLICT (segment_id) DO UPDATE SET key = excluded.key, analysis = excluded.analysis,
        revision = excluded.revision`);
  }
  if (kept.length > 0) {
    const json = JSON.stringify(kept.map((r) => [r.segmentId, r.key, r.from]));
    statements.push(sql`UPDATE segment_analyses AS s SET key = j.value ->> 1, revision = ${revision}
      FROM json_each(${json}) AS j WHERE s.segment_id = j.value ->> 0 AND s.key = j.value ->> 2`);
  }
  if (statements.length > 0) await runBatch(db, statements);
}
