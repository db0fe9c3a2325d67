/**
 * Counts of a document's segments by workflow status and by alignment confidence band (the document
 * resource, the document list and the review pages).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { LOW_CONFIDENCE } from "../text/bead-segments";
import { SEGMENT_STATUSES, type Segment, type SegmentStatus } from "../types";
import { all } from "./tm";

/** Below LOW_CONFIDENCE, beads under this score are the likeliest to be wrong (docs/quality.md). */
export const VERY_LOW_CONFIDENCE = 0.5;

export const CONFIDENCE_BANDS = ["high", "medium", "low", "none"] as const;
export type ConfidenceBand = (typeof CONFIDENCE_BANDS)[number];

export interface DocumentStats {
  byStatus: Record<SegmentStatus, number>;
  /**
   * By the aligner's score: high ≥ LOW_CONFIDENCE (0.9), medium ≥ 0.5, low below; none: no score (a bead
   * a person made or changed, a document not aligned).
   */
  byConfidence: Record<ConfidenceBand, number>;
  /** Segments a person still has to look at (see needsReview). */
  needsReview: number;
}

export function confidenceBand(score: number | null): ConfidenceBand {
  if (score === null) return "none";
  return score >= LOW_CONFIDENCE ? "high" : score >= VERY_LOW_CONFIDENCE ? "medium" : "low";
}

/**
 * A segment needs review while nobody has reviewed or approved it and it is either `new` (no English, or a
 * low-confidence bead the aligner stored as new) or a translated bead scored under LOW_CONFIDENCE.
 */
export function needsReview(s: Pick<Segment, "status" | "score">): boolean {
  return s.status === "new" || (s.status === "translated" && s.score !== null && s.score < LOW_CONFIDENCE);
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Stats of each listed document (documents without segments get zeros), in one statement. */
export async function documentStats(db: Db, ids: readonly number[]): Promise<Map<number, DocumentStats>> {
  const out = new Map<number, DocumentStats>();
  for (const id of ids)
    out.set(id, { byStatus: zeros(SEGMENT_STATUSES), byConfidence: zeros(CONFIDENCE_BANDS), needsReview: 0 });
  if (ids.length === 0) return out;
  // The same rules as confidenceBand() and needsReview(), in SQL.
  const rows = await all<{
    doc: number;
    status: SegmentStatus;
    band: ConfidenceBand;
    n: number;
    review: number;
  }>(
    db,
    sql`SELECT document_id AS doc, status,
        CASE WHEN score IS NULL THEN 'none' WHEN score >= ${LOW_CONFIDENCE} THEN 'high'
          WHEN score >= ${VERY_LOW_CONFIDENCE} THEN 'medium' ELSE 'low' END AS band,
        count(*) AS n,
        sum(status = 'new' OR (status = 'translated' AND score IS NOT NULL AND score < ${LOW_CONFIDENCE})) AS review
      FROM segments
      WHERE document_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
      GROUP BY document_id, status, band`,
  );
  for (const r of rows) {
    const stats = out.get(r.doc);
    if (!stats) continue;
    stats.byStatus[r.status] += r.n;
    stats.byConfidence[r.band] += r.n;
    stats.needsReview += r.review;
  }
  return out;
}
