/**
 * What the review pages read besides the document and its stats (document-stats.ts): the segments needing
 * review, one keyset page at a time, and a segment's neighbours.
 */
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Db } from "../env";
import { LOW_CONFIDENCE } from "../text/bead-segments";
import type { Segment } from "../types";
import { segmentColumns, segmentOf } from "./documents";
import { segments } from "./schema";

/**
 * A document's segments needing review (needsReview, in SQL), in order after `afterPosition`: limit+1 rows,
 * so a caller can tell whether more follow. Uses the (document_id, position) index.
 */
export async function listSegmentsToReview(
  db: Db,
  documentId: number,
  afterPosition: number | null,
  limit: number,
): Promise<Segment[]> {
  const rows = await db
    .select(segmentColumns)
    .from(segments)
    .where(
      and(
        eq(segments.documentId, documentId),
        afterPosition === null ? undefined : gt(segments.position, afterPosition),
        or(
          eq(segments.status, "new"),
          and(eq(segments.status, "translated"), sql`${segments.score} < ${LOW_CONFIDENCE}`),
        ),
      ),
    )
    .orderBy(asc(segments.position))
    .limit(limit + 1)
    .all();
  return rows.map(segmentOf);
}

/** Ids of the segments before and after one in its document (null at either end). */
export async function segmentNeighbours(
  db: Db,
  seg: Pick<Segment, "documentId" | "position">,
): Promise<[number | null, number | null]> {
  if (seg.documentId === null) return [null, null];
  const inDoc = eq(segments.documentId, seg.documentId);
  const [prev, next] = await Promise.all([
    db
      .select({ id: segments.id })
      .from(segments)
      .where(and(inDoc, lt(segments.position, seg.position)))
      .orderBy(desc(segments.position))
      .limit(1)
      .get(),
    db
      .select({ id: segments.id })
      .from(segments)
      .where(and(inDoc, gt(segments.position, seg.position)))
      .orderBy(asc(segments.position))
      .limit(1)
      .get(),
  ]);
  return [prev?.id ?? null, next?.id ?? null];
}
