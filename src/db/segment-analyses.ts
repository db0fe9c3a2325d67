/**
 * Stored bead analyses (table segment_analyses, migration 0014): each segment's recognised terms and QA
 * issues as the review page shows them (src/text/bead-analysis.ts), so that a new isolate reads them
 * instead of building the term matcher and analysing 200 beads.
 *
 * A stored analysis is used only when its key equals the key made now from everything it depends on: the
 * engine's sources (ANALYSIS_ENGINE), the glossary matcher's input (its hash, src/db/matcher.ts) and the
 * segment's texts and inline codes. A segment written by any path (an edit, a bead operation, an import, a
 * re-alignment, a trigger, a migration) therefore never shows an analysis of its old text, without any
 * writer having to invalidate anything; a row of a deleted segment goes with it (foreign key).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { ANALYSIS_ENGINE } from "../text/analysis-engine";
import type { BeadTexts, RowAnalysis } from "../text/bead-analysis";
import { runBatch } from "./batch";
import { all } from "./tm";
import { sha256Hex } from "./tokens";

/** The key of a bead's analysis with the glossary matcher `matcherKey` (hex SHA-256, unambiguous input). */
export function analysisKey(matcherKey: string, bead: BeadTexts, engine = ANALYSIS_ENGINE): Promise<string> {
  return sha256Hex(JSON.stringify([engine, matcherKey, bead.ar, bead.en, bead.arCodes, bead.enCodes]));
}

export interface StoredAnalysis {
  key: string;
  analysis: string;
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
    sql`SELECT segment_id AS segmentId, key, analysis FROM segment_analyses
      WHERE segment_id IN (SELECT value FROM json_each(${JSON.stringify(segmentIds)}))`,
  );
  return new Map(rows.map((r) => [r.segmentId, { key: r.key, analysis: r.analysis }]));
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

/** Stores analyses (replacing a segment's earlier one); a segment deleted meanwhile is skipped. */
export async function storeAnalyses(
  db: Db,
  rows: readonly { segmentId: number; key: string; analysis: RowAnalysis }[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => [r.segmentId, r.key, JSON.stringify(r.analysis)]));
  await runBatch(db, [
    sql`INSERT INTO segment_analyses (segment_id, key, analysis)
      SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${json}) AS j
      WHERE EXISTS (SELECT 1 FROM segments WHERE id = j.value ->> 0)
      ON CONFLICT (segment_id) DO UPDATE SET key = excluded.key, analysis = excluded.analysis`,
  ]);
}
