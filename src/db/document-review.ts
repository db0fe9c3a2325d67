/**
 * What the review pages read besides the document and its stats (document-stats.ts): a document's segments
 * (all, as the API lists them too, or those needing review), one keyset page at a time, and a segment's
 * neighbours.
 */
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { LOW_CONFIDENCE } from "../text/bead-segments";
import type { Segment } from "../types";
import { segmentOfRaw } from "./documents";
import { segments } from "./schema";
import { all } from "./tm";

/** needsReview (document-stats.ts) in SQL: status new, or translated with a low aligner score. */
const needsReviewSql = or(
  eq(segments.status, "new"),
  and(eq(segments.status, "translated"), sql`${segments.score} < ${LOW_CONFIDENCE}`),
);

/** segmentColumns in plain SQL, named as drizzle names them (segmentOfRaw reads a row of them). */
const SEGMENT_COLUMNS_SQL = sql.raw(
  `id, document_id AS documentId, position, ar, en, status, origin, score, version, ar_codes AS arCodes,
  en_codes AS enCodes, status_by AS statusBy, status_at AS statusAt, ar_gap AS arGap, en_gap AS enGap`,
);

/**
 * A document's segments in order, one keyset page on position (limit+1 rows), as the API shows them;
 * `where`: only the segments it holds for (e.g. those needing review). Plain SQL rather than drizzle's
 * select, which maps each cell through its column: a review page reads 201 rows of 15 columns, and that was
 * drizzle's largest share of the page's profile (docs/benchmarks.md, "coldstart").
 */
export async function listSegments(
  db: Db,
  documentId: number,
  afterPosition: number | null,
  limit: number,
  where?: SQL,
): Promise<Segment[]> {
  const rows = await all<Parameters<typeof segmentOfRaw>[0]>(
    db,
    sql`SELECT ${SEGMENT_COLUMNS_SQL} FROM segments WHERE document_id = ${documentId}${
      afterPosition === null ? sql`` : sql` AND position > ${afterPosition}`
    }${where ? sql` AND (${where})` : sql``} ORDER BY position LIMIT ${limit + 1}`,
  );
  return rows.map(segmentOfRaw);
}

/**
 * A document's segments needing review (needsReview, in SQL), in order after `afterPosition`: limit+1 rows,
 * so a caller can tell whether more follow. Uses the (document_id, position) index.
 */
export function listSegmentsToReview(
  db: Db,
  documentId: number,
  afterPosition: number | null,
  limit: number,
): Promise<Segment[]> {
  return listSegments(db, documentId, afterPosition, limit, needsReviewSql);
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

/**
 * Where the page of beads before the one starting after `from` starts: the position after which its
 * `limit` rows begin, or null when that page is the first (the same filter as the listing).
 */
export async function previousPageFrom(
  db: Db,
  documentId: number,
  from: number,
  limit: number,
  onlyReview: boolean,
): Promise<number | null> {
  const [row] = await all<{ position: number }>(
    db,
    sql`SELECT position FROM segments WHERE document_id = ${documentId} AND position <= ${from}${
      onlyReview ? sql` AND (${needsReviewSql})` : sql``
    } ORDER BY position DESC LIMIT 1 OFFSET ${limit}`,
  );
  return row?.position ?? null;
}

/** One line of a document's history, without the runs it stored (they can be large). */
export interface HistorySummary {
  id: number;
  op: string;
  actor: string;
  at: string;
  undoneBy: number | null;
  /** For an undo: the operation it undid, and that operation's kind (undoing an undo redoes). */
  undid: number | null;
  undidOp: string | null;
}

/** The document's latest operations, newest first. */
export async function latestHistory(db: Db, documentId: number, limit: number): Promise<HistorySummary[]> {
  // Plain SQL, not drizzle's select builder and row mapper: code a new isolate's first page compiled for six
  // rows (docs/benchmarks.md, "coldkeys").
  return all<HistorySummary>(
    db,
    sql`SELECT id, op, actor, at, undone_by AS undoneBy, json_extract(detail, '$.undid') AS undid,
      json_extract(detail, '$.op') AS undidOp
      FROM document_history WHERE document_id = ${documentId} ORDER BY id DESC LIMIT ${limit}`,
  );
}
