import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { badRequest, notFound, staleVersion } from "../errors";
import { contentProblem } from "../formats/inline";
import { taggedText } from "../formats/inline-tagged";
import type { XliffOrigin } from "../formats/xliff-model";
import { normalizeForSearch } from "../text/normalize";
import type { InlineCode, Lang, Segment, SegmentOrigin, SegmentStatus } from "../types";
import { Guard, runBatch, type Statement } from "./batch";
import { segmentEditHistory } from "./document-runs";
import { chunkJson } from "./json-chunks";
import { pairKeyColumn } from "./pair-key";
import { documents, segments } from "./schema";
import { all } from "./tm";

export interface DocumentInfo {
  id: number;
  title: string;
  sourceLang: string;
  targetLang: string;
  segmentCount: number;
  translatedCount: number;
  /** Version of the document's segments as a whole (If-Match of bead operations and status changes). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewSegment {
  ar: string;
  en: string | null;
  status: SegmentStatus;
  origin: SegmentOrigin;
  score: number | null;
  arCodes?: readonly InlineCode[] | undefined;
  enCodes?: readonly InlineCode[] | undefined;
  /** Where it came from in an imported XLIFF (file, unit, segment, content between segments). */
  xliff?: XliffOrigin | undefined;
  /** Whitespace after each side in its language's running text (default one space). */
  arGap?: string;
  enGap?: string;
}

/** Codes as stored: a JSON array, or NULL for none. */
export const codesColumn = (codes: readonly InlineCode[] | null | undefined): string | null =>
  codes && codes.length > 0 ? JSON.stringify(codes) : null;

/**
 * Statements inserting segments for the document whose id `documentId` evaluates to, numbered from
 * `firstPosition`, a JSON chunk of rows each. Normalised copies are computed here so every writer stores the
 * same search keys.
 */
export function segmentInserts(documentId: SQL, rows: NewSegment[], firstPosition = 0): Statement[] {
  function* values() {
    for (const [i, r] of rows.entries())
      yield [
        firstPosition + i,
        r.ar,
        r.en,
        r.status,
        r.origin,
        r.score,
        normalizeForSearch(r.ar),
        r.en === null ? null : normalizeForSearch(r.en),
        codesColumn(r.arCodes),
        r.en === null ? null : codesColumn(r.enCodes),
        r.xliff === undefined ? null : JSON.stringify(r.xliff),
        r.arGap ?? " ",
        r.enGap ?? " ",
      ];
  }
  return [...chunkJson(values())].map(
    (payload) =>
      sql`INSERT INTO segments (document_id, position, ar, en, status, origin, score, ar_norm, en_norm,
          ar_codes, en_codes, xliff, ar_gap, en_gap)
        SELECT ${documentId}, value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]',
          value ->> '$[4]', value ->> '$[5]', value ->> '$[6]', value ->> '$[7]', value ->> '$[8]',
          value ->> '$[9]', value ->> '$[10]', value ->> '$[11]', value ->> '$[12]'
        FROM json_each(${payload})`,
  );
}

/** Creates a document and its segments in one transaction. */
export async function createDocument(db: Db, title: string, rows: NewSegment[]): Promise<DocumentInfo> {
  const newId = sql`(SELECT max(id) FROM documents)`;
  const [inserted] = await runBatch(db, [
    db
      .insert(documents)
      .values({ title, titleNorm: normalizeForSearch(title) })
      .returning({ id: documents.id }),
    ...segmentInserts(newId, rows),
  ]);
  const id = inserted?.results[0]?.id as number | undefined;
  if (id === undefined) throw new Error("document insert returned no id");
  return requireDocument(db, id);
}

const documentColumns = {
  id: documents.id,
  title: documents.title,
  sourceLang: documents.sourceLang,
  targetLang: documents.targetLang,
  version: documents.version,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  segmentCount: sql<number>`(SELECT count(*) FROM segments s WHERE s.document_id = documents.id)`,
  translatedCount: sql<number>`(SELECT count(*) FROM segments s WHERE s.document_id = documents.id AND s.en IS NOT NULL AND s.status <> 'new')`,
};

/**
 * One document (404 when absent). Plain SQL, as documentColumns names its fields: on a review page it was
 * the last use of drizzle's select builder and row mapper besides the history's, code a new isolate compiles
 * for one row (docs/benchmarks.md, "coldkeys").
 */
export async function requireDocument(db: Db, id: number): Promise<DocumentInfo> {
  const [row] = await all<DocumentInfo>(
    db,
    sql`SELECT id, title, source_lang AS sourceLang, target_lang AS targetLang, version, created_at AS createdAt,
      updated_at AS updatedAt,
      (SELECT count(*) FROM segments s WHERE s.document_id = documents.id) AS segmentCount,
      (SELECT count(*) FROM segments s WHERE s.document_id = documents.id AND s.en IS NOT NULL
        AND s.status <> 'new') AS translatedCount
      FROM documents WHERE id = ${id}`,
  );
  if (!row) throw notFound(`document ${id}`);
  return row;
}

/** Documents in id order, one keyset page (limit+1 rows); `q`: titles containing it (normalised). */
export async function listDocuments(
  db: Db,
  afterId: number | null,
  limit: number,
  q?: string,
): Promise<DocumentInfo[]> {
  const needle = q ? normalizeForSearch(q) : "";
  return db
    .select(documentColumns)
    .from(documents)
    .where(
      and(
        afterId === null ? undefined : gt(documents.id, afterId),
        needle === ""
          ? undefined
          : sql`instr(coalesce(${documents.titleNorm}, lower(${documents.title})), ${needle}) > 0`,
      ),
    )
    .orderBy(asc(documents.id))
    .limit(limit + 1)
    .all();
}

/** Renames a document if it is still at `expected` version (a guarded batch: else 412, or 404). */
export async function renameDocument(
  db: Db,
  id: number,
  title: string,
  expected: number,
): Promise<DocumentInfo> {
  await runBatch(db, [
    new Guard(sql`(SELECT version FROM documents WHERE id = ${id}) = ${expected}`, async () => {
      const now = await db
        .select({ version: documents.version })
        .from(documents)
        .where(eq(documents.id, id))
        .get();
      if (!now) return notFound(`document ${id}`);
      return staleVersion(
        `document ${id} was changed by someone else (now at version ${now.version})`,
        now.version,
      );
    }),
    db
      .update(documents)
      .set({
        title,
        titleNorm: normalizeForSearch(title),
        version: sql`${documents.version} + 1`,
        updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      })
      .where(eq(documents.id, id)),
  ]);
  return requireDocument(db, id);
}

export async function deleteDocument(db: Db, id: number): Promise<void> {
  const res = await db.delete(documents).where(eq(documents.id, id)).run();
  if (!res.meta.changes) throw notFound(`document ${id}`);
}

export const segmentColumns = {
  id: segments.id,
  documentId: segments.documentId,
  position: segments.position,
  ar: segments.ar,
  en: segments.en,
  status: segments.status,
  origin: segments.origin,
  score: segments.score,
  version: segments.version,
  arCodes: segments.arCodes,
  enCodes: segments.enCodes,
  statusBy: segments.statusBy,
  statusAt: segments.statusAt,
  arGap: segments.arGap,
  enGap: segments.enGap,
};

type SegmentRow = Omit<Segment, "arCodes" | "enCodes" | "arTagged" | "enTagged"> & {
  arCodes: InlineCode[] | null;
  enCodes: InlineCode[] | null;
};

/** A row as the API shows it: codes as arrays (empty when none), texts with placeholders. */
export function segmentOf<R extends SegmentRow>(row: R): Omit<R, "arCodes" | "enCodes"> & Segment {
  const arCodes = row.arCodes ?? [];
  const enCodes = row.en === null ? [] : (row.enCodes ?? []);
  return {
    ...row,
    arCodes,
    enCodes,
    arTagged: taggedText({ text: row.ar, codes: arCodes }),
    enTagged: row.en === null ? null : taggedText({ text: row.en, codes: enCodes }),
  };
}

/** A row read with plain SQL (codes as JSON text) as the API shows it. */
export const segmentOfRaw = <R extends Omit<SegmentRow, "arCodes" | "enCodes">>(
  row: R & { arCodes: string | null; enCodes: string | null },
): Segment =>
  segmentOf({
    ...row,
    arCodes: row.arCodes === null ? null : (JSON.parse(row.arCodes) as InlineCode[]),
    enCodes: row.enCodes === null ? null : (JSON.parse(row.enCodes) as InlineCode[]),
  });

/** A segment with where it came from in an imported XLIFF (null for others): what an export writes. */
export type ExportSegment = Segment & { xliff: XliffOrigin | null };

/**
 * A document's segments in order, one keyset page on position (limit+1 rows), each with its XLIFF origin
 * (what an export needs; the API leaves it out: `listSegments`).
 */
export async function listExportSegments(
  db: Db,
  documentId: number,
  afterPosition: number | null,
  limit: number,
): Promise<ExportSegment[]> {
  const rows = await db
    .select({ ...segmentColumns, xliff: segments.xliff })
    .from(segments)
    .where(
      and(
        eq(segments.documentId, documentId),
        afterPosition === null ? undefined : gt(segments.position, afterPosition),
      ),
    )
    .orderBy(asc(segments.position))
    .limit(limit + 1)
    .all();
  return rows.map(segmentOf);
}

export async function getSegment(db: Db, id: number): Promise<Segment> {
  const row = await db.select(segmentColumns).from(segments).where(eq(segments.id, id)).get();
  if (!row) throw notFound(`segment ${id}`);
  return segmentOf(row);
}

/** Concordance: segments whose normalised Arabic or English contains the normalised query. */
export async function searchSegments(
  db: Db,
  q: string,
  lang: Lang | undefined,
  afterId: number | null,
  limit: number,
): Promise<Segment[]> {
  // instr(), not LIKE: D1 refuses LIKE patterns over 50 bytes, and instr has no wildcards to escape.
  const needle = normalizeForSearch(q);
  const ar = sql`instr(${segments.arNorm}, ${needle}) > 0`;
  const en = sql`instr(${segments.enNorm}, ${needle}) > 0`;
  const match = lang === "ar" ? ar : lang === "en" ? en : sql`(${ar} OR ${en})`;
  const rows = await db
    .select(segmentColumns)
    .from(segments)
    .where(and(match, afterId === null ? undefined : gt(segments.id, afterId)))
    .orderBy(asc(segments.id))
    .limit(limit + 1)
    .all();
  return rows.map(segmentOf);
}

export interface SegmentPatch {
  en?: string | null | undefined;
  status?: SegmentStatus | undefined;
  /** Inline codes of the English (offsets in the new or current `en`). */
  enCodes?: InlineCode[] | undefined;
}

/** A segment as an edit left it; the document history's entry of the edit and the document's version then. */
export interface PatchedSegment {
  segment: Segment;
  /** Null for a free memory pair (no document), and so for `documentVersion`. */
  historyId: number | null;
  documentVersion: number | null;
}

/**
 * Updates a segment if it is still at `expected` version (a guarded batch: else 412, or 404 if it is gone).
 * Giving English to a `new` segment makes it `translated` unless a status is given; removing it makes it `new`.
 * New English without `enCodes` drops the English's codes (their offsets were for the old text; QA then
 * reports the source's codes missing); `enCodes` must fit the English they go with. A document's segment
 * edit is an operation of its history (op `edit`, or `segment-status` when only the status changes), in
 * the same batch: undoing it restores the row as the edit found it (src/usecases/document-beads.ts).
 */
export async function patchSegment(
  db: Db,
  current: Segment,
  patch: SegmentPatch,
  expected: number,
  actor: string | null = null,
): Promise<PatchedSegment> {
  const en = patch.en !== undefined ? patch.en : current.en;
  const enCodes = patch.enCodes ?? (patch.en !== undefined && patch.en !== current.en ? [] : current.enCodes);
  if (patch.enCodes !== undefined && patch.enCodes.length > 0) {
    const problem =
      en === null
        ? "the segment has no English to carry codes"
        : contentProblem({ text: en, codes: patch.enCodes });
    if (problem)
      throw badRequest("the English's inline codes do not fit its text", [
        { field: "enCodes", message: problem },
      ]);
  }
  let status = patch.status ?? current.status;
  if (patch.status === undefined && patch.en !== undefined) {
    if (en === null) status = "new";
    else if (current.status === "new") status = "translated";
  }
  const id = current.id;
  const textChanged = en !== current.en || patch.enCodes !== undefined;
  const history =
    current.documentId === null
      ? null
      : segmentEditHistory(
          current.documentId,
          id,
          textChanged ? "edit" : "segment-status",
          actor ?? "unknown",
          { segment: id, en: textChanged, status: status === current.status ? null : status },
        );
  const results = await runBatch(db, [
    new Guard(sql`(SELECT version FROM segments WHERE id = ${id}) = ${expected}`, async () => {
      const now = await db
        .select({ version: segments.version })
        .from(segments)
        .where(eq(segments.id, id))
        .get();
      if (!now) return notFound(`segment ${id}`);
      return staleVersion(
        `segment ${id} was changed by someone else (now at version ${now.version})`,
        now.version,
      );
    }),
    ...(history ? [history.before] : []),
    db
      .update(segments)
      .set({
        en,
        enNorm: en === null ? null : normalizeForSearch(en),
        // A free memory entry is one pair by its keys: they follow the text (src/db/pair-key.ts).
        enKey: en === null ? null : pairKeyColumn(en),
        enCodes: en === null || enCodes.length === 0 ? null : enCodes,
        status,
        // Who set the status, and when: only when it changes.
        ...(status !== current.status
          ? { statusBy: actor, statusAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')` }
          : {}),
        version: sql`${segments.version} + 1`,
        updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      })
      .where(eq(segments.id, id)),
    // The document as a whole changed: bead operations that named its previous version must not apply.
    sql`UPDATE documents SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = (SELECT document_id FROM segments WHERE id = ${id})`,
    ...(history ? [history.after] : []),
  ]);
  const written = history
    ? (results[results.length - 1]?.results[0] as { id: number; version: number } | undefined)
    : undefined;
  return {
    segment: await getSegment(db, current.id),
    historyId: written?.id ?? null,
    documentVersion: written?.version ?? null,
  };
}
