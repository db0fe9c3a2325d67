/**
 * A document's segments as runs: every bead operation, status change and undo reads a contiguous run of a
 * document's segments and replaces it by another run, in one guarded batch that also raises the
 * document's version and writes the history row (the replaced rows and their replacement, all an undo
 * needs). Knows nothing of HTTP; the rules of each operation live in src/usecases/document-beads.ts.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { DomainError, ErrorCode, notFound, staleVersion } from "../errors";
import { normalizeForSearch } from "../text/normalize";
import type { SegmentOrigin, SegmentStatus } from "../types";
import { Guard, runBatch, type Statement } from "./batch";
import { chunkJson } from "./json-chunks";
import { all } from "./tm";

/** A document's segment with everything a bead operation or an undo reads and writes. */
export interface DocumentRow {
  id: number;
  position: number;
  ar: string;
  en: string | null;
  arGap: string;
  enGap: string;
  status: SegmentStatus;
  statusBy: string | null;
  statusAt: string | null;
  origin: SegmentOrigin;
  score: number | null;
  version: number;
  /**
   * Inline codes of each side and the XLIFF origin, as stored (JSON text or null): carried by bead
   * operations (segments with codes are refused), codes restored by the undo of an edit that dropped them.
   */
  arCodes: string | null;
  enCodes: string | null;
  xliff: string | null;
}

/** A row of a replacement run: `id` of a row of the old run (kept and updated), else null (a new row). */
export type ReplacementRow = Omit<DocumentRow, "id" | "position" | "version"> & {
  id: number | null;
  /** For a row an undo brings back under its old id: the version it gets. */
  restoreVersion?: number;
};

const ROW_COLUMNS = sql.raw(
  `id, position, ar, en, ar_gap AS arGap, en_gap AS enGap, status, status_by AS statusBy,
   status_at AS statusAt, origin, score, version, ar_codes AS arCodes, en_codes AS enCodes, xliff`,
);

const rowJson = sql.raw(
  `json_object('id', id, 'position', position, 'ar', ar, 'en', en, 'arGap', ar_gap, 'enGap', en_gap,
   'status', status, 'statusBy', status_by, 'statusAt', status_at, 'origin', origin, 'score', score,
   'version', version, 'arCodes', ar_codes, 'enCodes', en_codes, 'xliff', xliff)`,
);

export async function documentVersion(db: Db, documentId: number): Promise<number> {
  const [row] = await all<{ version: number }>(
    db,
    sql`SELECT version FROM documents WHERE id = ${documentId}`,
  );
  if (!row) throw notFound(`document ${documentId}`);
  return row.version;
}

/** `count` segments of a document from `position` on, in order. */
export function readRun(db: Db, documentId: number, position: number, count: number): Promise<DocumentRow[]> {
  return all<DocumentRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} FROM segments
      WHERE document_id = ${documentId} AND position >= ${position} AND position < ${position + count}
      ORDER BY position`,
  );
}

/** A segment of the document and up to `before`/`after` neighbours; 404 when it is not the document's. */
export async function readAround(
  db: Db,
  documentId: number,
  segmentId: number,
  before: number,
  after: number,
): Promise<{ rows: DocumentRow[]; index: number }> {
  const rows = await all<DocumentRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} FROM segments
      WHERE document_id = ${documentId}
        AND position BETWEEN (SELECT position FROM segments WHERE id = ${segmentId} AND document_id = ${documentId}) - ${before}
          AND (SELECT position FROM segments WHERE id = ${segmentId} AND document_id = ${documentId}) + ${after}
      ORDER BY position`,
  );
  const index = rows.findIndex((r) => r.id === segmentId);
  if (index < 0) throw notFound(`segment ${segmentId} of document ${documentId}`);
  return { rows, index };
}

/** The run of rows from the one with id `fromId` to the one with id `toId` (in either order). */
export async function readBetween(
  db: Db,
  documentId: number,
  fromId: number,
  toId: number,
): Promise<DocumentRow[]> {
  const ends = await all<{ id: number; position: number }>(
    db,
    sql`SELECT id, position FROM segments WHERE document_id = ${documentId} AND id IN (${fromId}, ${toId})`,
  );
  const from = ends.find((e) => e.id === fromId);
  const to = ends.find((e) => e.id === toId);
  if (!from) throw notFound(`segment ${fromId} of document ${documentId}`);
  if (!to) throw notFound(`segment ${toId} of document ${documentId}`);
  const first = Math.min(from.position, to.position);
  return readRun(db, documentId, first, Math.abs(to.position - from.position) + 1);
}

export interface HistoryEntry {
  id: number;
  documentId: number;
  version: number;
  op: string;
  actor: string;
  detail: unknown;
  position: number;
  before: DocumentRow[];
  after: DocumentRow[];
  undoneBy: number | null;
  at: string;
}

interface HistoryRecord extends Omit<HistoryEntry, "detail" | "before" | "after"> {
  detail: string;
  before: string;
  after: string;
}

const parseHistory = (r: HistoryRecord): HistoryEntry => ({
  ...r,
  detail: JSON.parse(r.detail),
  before: JSON.parse(r.before),
  after: JSON.parse(r.after),
});

const HISTORY_COLUMNS = sql.raw(
  `id, document_id AS documentId, version, op, actor, detail, position, before, after,
   undone_by AS undoneBy, at`,
);

export async function getHistoryEntry(db: Db, documentId: number, id: number): Promise<HistoryEntry> {
  const [row] = await all<HistoryRecord>(
    db,
    sql`SELECT ${HISTORY_COLUMNS} FROM document_history WHERE id = ${id} AND document_id = ${documentId}`,
  );
  if (!row) throw notFound(`history entry ${id} of document ${documentId}`);
  return parseHistory(row);
}

/** A document's history, newest first, one keyset page (limit+1 rows) before history id `beforeId`. */
export async function listHistory(
  db: Db,
  documentId: number,
  beforeId: number | null,
  limit: number,
): Promise<HistoryEntry[]> {
  const rows = await all<HistoryRecord>(
    db,
    sql`SELECT ${HISTORY_COLUMNS} FROM document_history
      WHERE document_id = ${documentId} ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
      ORDER BY id DESC LIMIT ${limit + 1}`,
  );
  return rows.map(parseHistory);
}

export interface RunReplacement {
  documentId: number;
  /** The document version the caller read `old` at (If-Match, or the version it read). */
  expectedVersion: number;
  /** The run being replaced, as read: consecutive rows, at least one. */
  old: DocumentRow[];
  next: ReplacementRow[];
  op: string;
  actor: string;
  detail: unknown;
  /** More conditions and writes of the same transaction (undo: the entry it reverts is not yet undone). */
  guards?: Guard[];
  /** Statements run after the history row is written (they may read it as the document's newest). */
  after?: Statement[];
}

export interface RunResult {
  version: number;
  historyId: number;
  rows: DocumentRow[];
  removed: number[];
}

/** Scores equal to the precision the history keeps (SQLite's JSON writes a REAL with 15 digits). */
const sameScore = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)));

/** Whether a stored row holds what a replacement row would write (everything but id, position, version). */
export const sameContent = (a: DocumentRow, b: ReplacementRow) =>
  a.ar === b.ar &&
  a.en === b.en &&
  a.arGap === b.arGap &&
  a.enGap === b.enGap &&
  a.status === b.status &&
  a.statusBy === b.statusBy &&
  a.statusAt === b.statusAt &&
  a.origin === b.origin &&
  sameScore(a.score, b.score) &&
  a.arCodes === b.arCodes &&
  a.enCodes === b.enCodes;

/**
 * Replaces a run of a document's segments in one transaction, if the document is still at the expected
 * version and the run is still exactly the rows read (ids, versions, positions): else a 412 and nothing
 * is written. Rows after the run shift to keep positions contiguous; kept rows whose content changed get
 * version + 1; the document's version rises by one; the history row records both runs.
 */
export async function replaceRun(db: Db, r: RunReplacement): Promise<RunResult> {
  const first = r.old[0]?.position;
  if (first === undefined) throw new Error("replaceRun needs the run it replaces");
  if (r.next.length === 0) throw new Error("replaceRun cannot leave a document run empty");
  const { documentId: doc } = r;
  const oldIds = new Set(r.old.map((o) => o.id));
  const oldById = new Map(r.old.map((o) => [o.id, o]));
  const keptIds = new Set(r.next.flatMap((n) => (n.id !== null && oldIds.has(n.id) ? [n.id] : [])));
  const removed = r.old.filter((o) => !keptIds.has(o.id)).map((o) => o.id);
  const delta = r.next.length - r.old.length;
  const end = first + r.old.length;
  const stale = async () => {
    const current = await all<{ version: number }>(db, sql`SELECT version FROM documents WHERE id = ${doc}`);
    const version = current[0]?.version;
    if (version === undefined) return notFound(`document ${doc}`);
    return staleVersion(
      `document ${doc} was changed by someone else (now at version ${version}); reload it and retry`,
      version,
    );
  };
  const runKey = JSON.stringify(r.old.map((o) => [o.id, o.version, o.position]));
  const statements: Statement[] = [
    new Guard(sql`(SELECT version FROM documents WHERE id = ${doc}) = ${r.expectedVersion}`, stale),
    new Guard(
      sql`(SELECT json_group_array(json_array(id, version, position)) FROM (SELECT id, version, position
        FROM segments WHERE document_id = ${doc} AND position >= ${first} AND position < ${end}
        ORDER BY position)) = ${runKey}`,
      stale,
    ),
    ...(r.guards ?? []),
  ];
  if (removed.length > 0)
    statements.push(
      sql`DELETE FROM segments WHERE id IN (SELECT value FROM json_each(${JSON.stringify(removed)}))`,
    );
  if (delta !== 0)
    statements.push(
      sql`UPDATE segments SET position = position + ${delta} WHERE document_id = ${doc} AND position >= ${end}`,
    );
  const updates: unknown[] = [];
  const inserts: unknown[] = [];
  r.next.forEach((n, i) => {
    const values = {
      id: n.id,
      position: first + i,
      ar: n.ar,
      en: n.en,
      arNorm: normalizeForSearch(n.ar),
      enNorm: n.en === null ? null : normalizeForSearch(n.en),
      arGap: n.arGap,
      enGap: n.enGap,
      status: n.status,
      statusBy: n.statusBy,
      statusAt: n.statusAt,
      origin: n.origin,
      score: n.score,
      version: n.restoreVersion ?? 1,
      arCodes: n.arCodes,
      enCodes: n.enCodes,
      xliff: n.xliff,
    };
    const kept = n.id === null ? undefined : oldById.get(n.id);
    if (!kept) inserts.push(values);
    else if (kept.position !== first + i || !sameContent(kept, n)) updates.push(values);
  });
  for (const payload of chunkJson(updates))
    statements.push(sql`UPDATE segments SET
        position = v.value ->> '$.position', ar = v.value ->> '$.ar', en = v.value ->> '$.en',
        ar_norm = v.value ->> '$.arNorm', en_norm = v.value ->> '$.enNorm',
        ar_gap = v.value ->> '$.arGap', en_gap = v.value ->> '$.enGap',
        status = v.value ->> '$.status', status_by = v.value ->> '$.statusBy',
        status_at = v.value ->> '$.statusAt', origin = v.value ->> '$.origin', score = v.value ->> '$.score',
        ar_codes = v.value ->> '$.arCodes', en_codes = v.value ->> '$.enCodes',
        version = segments.version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      FROM json_each(${payload}) AS v WHERE segments.id = v.value ->> '$.id'`);
  for (const payload of chunkJson(inserts))
    statements.push(sql`INSERT INTO segments (id, document_id, position, ar, en, ar_norm, en_norm, ar_gap,
        en_gap, status, status_by, status_at, origin, score, version, ar_codes, en_codes, xliff)
      SELECT value ->> '$.id', ${doc}, value ->> '$.position', value ->> '$.ar', value ->> '$.en',
        value ->> '$.arNorm', value ->> '$.enNorm', value ->> '$.arGap', value ->> '$.enGap',
        value ->> '$.status', value ->> '$.statusBy', value ->> '$.statusAt', value ->> '$.origin',
        value ->> '$.score', value ->> '$.version', value ->> '$.arCodes', value ->> '$.enCodes',
        value ->> '$.xliff'
      FROM json_each(${payload})`);
  statements.push(
    sql`UPDATE documents SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = ${doc}`,
    historyInsert(r, first),
    ...(r.after ?? []),
  );
  const results = await runBatch(db, statements);
  const written = results[statements.length - 1 - (r.after?.length ?? 0)]?.results[0] as
    | { id: number; version: number; after: string }
    | undefined;
  if (!written) throw new Error("history insert returned nothing");
  return { version: written.version, historyId: written.id, rows: JSON.parse(written.after), removed };
}

function historyInsert(r: RunReplacement, first: number): SQL {
  const doc = r.documentId;
  const last = first + r.next.length;
  return sql`INSERT INTO document_history (document_id, version, op, actor, detail, position, before, after)
    VALUES (${doc}, (SELECT version FROM documents WHERE id = ${doc}), ${r.op}, ${r.actor},
      ${JSON.stringify(r.detail)}, ${first}, ${JSON.stringify(r.old)},
      (SELECT json_group_array(json(row)) FROM (SELECT ${rowJson} AS row FROM segments
        WHERE document_id = ${doc} AND position >= ${first} AND position < ${last} ORDER BY position)))
    RETURNING id, version, after`;
}

/**
 * A one-segment edit (its English and/or status: PATCH /api/segments/{id}, the segment page, the review
 * table's inline editor and status buttons) recorded as an operation of the document's history, so that it
 * is listed and undone like a bead operation (undo restores the row if it is still as the edit left it).
 * `before` goes into the edit's batch ahead of the segment's update (it records the row as the edit found
 * it), `after` once the segment and the document's version are written (the row as the edit left it);
 * `after` returns the history row's id and the document's new version.
 */
export function segmentEditHistory(
  documentId: number,
  segmentId: number,
  op: "edit" | "segment-status",
  actor: string,
  detail: unknown,
): { before: Statement; after: Statement } {
  const row = sql`SELECT json_array(${rowJson}) FROM segments WHERE id = ${segmentId}`;
  return {
    before: sql`INSERT INTO document_history (document_id, version, op, actor, detail, position, before, after)
      SELECT ${documentId}, 0, ${op}, ${actor}, ${JSON.stringify(detail)}, position, json_array(${rowJson}), '[]'
      FROM segments WHERE id = ${segmentId}`,
    after: sql`UPDATE document_history SET after = (${row}),
        version = (SELECT version FROM documents WHERE id = ${documentId})
      WHERE id = (SELECT max(id) FROM document_history WHERE document_id = ${documentId})
      RETURNING id, version`,
  };
}

/** Marks a history entry undone by the document's newest entry (the undo's own row, written just before). */
export function markUndone(documentId: number, entryId: number): Statement {
  return sql`UPDATE document_history SET undone_by =
      (SELECT max(id) FROM document_history WHERE document_id = ${documentId})
    WHERE id = ${entryId}`;
}

/** Holds while a history entry has not been undone. */
export function notUndone(entryId: number): Guard {
  return new Guard(
    sql`(SELECT undone_by IS NULL FROM document_history WHERE id = ${entryId})`,
    () => new DomainError(ErrorCode.ConcurrentEdit, `history entry ${entryId} has already been undone`),
  );
}
