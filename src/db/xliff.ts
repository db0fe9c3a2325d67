/**
 * XLIFF exchange through D1: the units an export streams (glossary hints, QA notes, memory matches) and
 * the plan + statements of an import of translated XLIFF. Formats themselves live in src/formats/.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { DomainError, ErrorCode, type FieldError } from "../errors";
import type { ParsedXliffUnit } from "../formats/xliff-read";
import type { XliffGlossaryHint, XliffMatch, XliffQaNote, XliffUnitInput } from "../formats/xliff-write";
import { normalizeForSearch } from "../text/normalize";
import { checkSegmentPair } from "../text/qa";
import { recognizeTerms } from "../text/terms";
import type { Segment, SegmentStatus } from "../types";
import { Guard, runBatch, type Statement } from "./batch";
import { listSegments } from "./documents";
import { chunkJson, JSON_CHUNK_BYTES } from "./json-chunks";
import type { GlossaryIndex } from "./matcher";

// ------------------------------------------------------------------------------------------- export

/** Rows per keyset page read while streaming an export: a few MB of text at most per D1 query. */
export const EXPORT_PAGE_ROWS = 2_000;

/** Memory matches for a page of segment ids (the TM's `storedMatches`, adapted). */
export type MatchLoader = (segmentIds: number[]) => Promise<Map<number, XliffMatch[]>>;

export interface ExportOptions {
  /** The glossary index, read once per request; null when neither hints nor QA are wanted. */
  index: GlossaryIndex | null;
  glossary: boolean;
  qa: boolean;
  matches: MatchLoader | null;
  pageRows?: number;
}

/** Termbase hints for an Arabic source: one per entry found (terms nested in a longer hit are left out). */
export function glossaryHints(index: GlossaryIndex, ar: string): XliffGlossaryHint[] {
  const hints: XliffGlossaryHint[] = [];
  const seen = new Set<number>();
  for (const m of recognizeTerms(index.matcher, ar, "ar")) {
    if (m.nestedIn !== null || seen.has(m.entryId)) continue;
    const entry = index.entries.get(m.entryId);
    if (!entry) continue;
    seen.add(m.entryId);
    hints.push({
      // The words as they stand in the source (clitics included), so tools can highlight them.
      term: m.surface,
      status: m.status,
      // Every English term with its status, not only the approved ones (approvedTerms): the hint also tells
      // translators what to avoid ("never use (forbidden) …"); the XLIFF 2 writer offers only the approved
      // ones as gls:translation.
      translations: entry.terms
        .filter((t) => t.lang === "en")
        .map((t) => ({ text: t.text, status: t.status })),
      definition: entry.definition,
    });
  }
  return hints;
}

export function qaNotes(index: GlossaryIndex, ar: string, en: string): XliffQaNote[] {
  return checkSegmentPair(ar, en, index).map((i) => ({ severity: i.severity, message: i.message }));
}

export function unitOf(seg: Segment, opts: ExportOptions, matches: XliffMatch[] | undefined): XliffUnitInput {
  const unit: XliffUnitInput = { id: seg.id, ar: seg.ar, en: seg.en, status: seg.status };
  if (opts.index && opts.glossary) {
    const hints = glossaryHints(opts.index, seg.ar);
    if (hints.length > 0) unit.glossary = hints;
  }
  if (opts.index && opts.qa && seg.en !== null) {
    const notes = qaNotes(opts.index, seg.ar, seg.en);
    if (notes.length > 0) unit.qa = notes;
  }
  if (matches && matches.length > 0) unit.matches = matches;
  return unit;
}

/**
 * A document's units in order, read in keyset pages as the consumer pulls. The first page is read before
 * this returns, so a failing first query is an ordinary error response rather than a broken download.
 * Later pages see concurrent edits (each segment still appears once: the key is its position).
 */
export async function exportUnits(
  db: Db,
  documentId: number,
  opts: ExportOptions,
): Promise<AsyncIterable<XliffUnitInput>> {
  const pageRows = opts.pageRows ?? EXPORT_PAGE_ROWS;
  const first = await listSegments(db, documentId, null, pageRows);
  async function* units(): AsyncGenerator<XliffUnitInput> {
    let rows = first;
    for (;;) {
      const page = rows.slice(0, pageRows);
      if (page.length === 0) return;
      const matches = opts.matches ? await opts.matches(page.map((r) => r.id)) : null;
      for (const seg of page) yield unitOf(seg, opts, matches?.get(seg.id));
      if (rows.length <= pageRows) return;
      rows = await listSegments(db, documentId, page[page.length - 1]!.position, pageRows);
    }
  }
  return units();
}

// ------------------------------------------------------------------------------------------- import

export type ConflictReason = "unknown-unit" | "duplicate-unit" | "source-changed" | "locked";

export interface ImportConflict {
  unitId: string;
  reason: ConflictReason;
}

export interface SegmentUpdate {
  id: number;
  en: string;
  status: SegmentStatus;
  /** Version read when planning: the write is refused if the segment moved on since. */
  version: number;
}

export interface ImportPlan {
  updates: SegmentUpdate[];
  unchanged: number;
  skipped: number;
  conflicts: ImportConflict[];
}

interface StoredSegment {
  id: number;
  ar: string;
  en: string | null;
  status: SegmentStatus;
  version: number;
}

/** Ids per lookup query: one JSON parameter, results of a few MB. */
const LOOKUP_IDS = 10_000;

async function storedSegments(
  db: Db,
  documentId: number,
  ids: number[],
): Promise<Map<number, StoredSegment>> {
  const out = new Map<number, StoredSegment>();
  for (let i = 0; i < ids.length; i += LOOKUP_IDS) {
    const { results } = await db.$client
      .prepare(
        `SELECT id, ar, en, status, version FROM segments
         WHERE id IN (SELECT value FROM json_each(?1)) AND +document_id = ?2`,
      )
      .bind(JSON.stringify(ids.slice(i, i + LOOKUP_IDS)), documentId)
      .all<StoredSegment>();
    for (const r of results) out.set(r.id, r);
  }
  return out;
}

// Directional marks and isolates: CAT tools add or drop them around Arabic text without meaning to.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The form in which a unit's source is compared with the stored Arabic: Unicode NFC, bidi control
 * characters removed, whitespace runs collapsed, trimmed — tools normalise these on save. Any other
 * difference (a letter, a diacritic, a digit) is a changed source.
 */
export const sourceComparisonKey = (s: string) =>
  s.normalize("NFC").replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();

/** cyrb53: a fast 53-bit string hash (public domain). Two different sources collide with p ≈ 2⁻⁵³. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * What an import keeps of a parsed unit. The source is reduced to a hash of its comparison key, so a
 * 100,000-unit upload does not hold every Arabic source twice (the file text and the units) in the
 * isolate's 128 MB while it is planned and written.
 */
export interface ImportUnit {
  id: string;
  segmentId: number | null;
  sourceHash: number;
  en: string | null;
  status: SegmentStatus | null;
}

export function importUnitOf(u: ParsedXliffUnit): ImportUnit {
  return {
    id: u.id,
    segmentId: u.segmentId,
    sourceHash: hash53(sourceComparisonKey(u.source)),
    en: u.en,
    status: u.status,
  };
}

/** Targets longer than this, or carrying control characters, refuse the whole import (as PATCH would). */
export const MAX_TARGET_CHARS = 20_000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function targetProblem(en: string): string | null {
  if (en.length > MAX_TARGET_CHARS) return `target is longer than ${MAX_TARGET_CHARS} characters`;
  if (CONTROL.test(en)) return "target contains control characters";
  return null;
}

/**
 * Decides, unit by unit, what an import does. Throws a 400 listing every invalid target (nothing is
 * written then). Units of other documents, or ids that are not segment ids, are `unknown-unit` conflicts.
 */
export async function planImport(db: Db, documentId: number, units: ImportUnit[]): Promise<ImportPlan> {
  const invalid: FieldError[] = [];
  for (const u of units) {
    const problem = u.en === null ? null : targetProblem(u.en);
    if (problem) invalid.push({ field: `units.${u.id}.target`, message: problem });
  }
  if (invalid.length > 0)
    throw new DomainError(
      ErrorCode.InvalidTargets,
      `${invalid.length} target(s) cannot be stored; nothing was imported`,
      { errors: invalid.slice(0, 100) },
    );

  const ids = [...new Set(units.flatMap((u) => (u.segmentId === null ? [] : [u.segmentId])))];
  const stored = await storedSegments(db, documentId, ids);
  const plan: ImportPlan = { updates: [], unchanged: 0, skipped: 0, conflicts: [] };
  const seen = new Set<number>();
  for (const u of units) {
    const seg = u.segmentId === null ? undefined : stored.get(u.segmentId);
    if (!seg) {
      plan.conflicts.push({ unitId: u.id, reason: "unknown-unit" });
      continue;
    }
    if (seen.has(seg.id)) {
      plan.conflicts.push({ unitId: u.id, reason: "duplicate-unit" });
      continue;
    }
    seen.add(seg.id);
    if (u.sourceHash !== hash53(sourceComparisonKey(seg.ar))) {
      plan.conflicts.push({ unitId: u.id, reason: "source-changed" });
      continue;
    }
    if (u.en === null || u.status === null) {
      plan.skipped++;
      continue;
    }
    if (seg.status === "approved") {
      // A locked segment coming back with the same English is simply unchanged, whatever the state.
      if (u.en === seg.en) plan.unchanged++;
      else plan.conflicts.push({ unitId: u.id, reason: "locked" });
      continue;
    }
    if (u.en === seg.en && u.status === seg.status) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({ id: seg.id, en: u.en, status: u.status, version: seg.version });
  }
  return plan;
}

/**
 * The statements of an import, to run as ONE batch (one transaction). Per JSON chunk of rows: a guard, then
 * an UPDATE … FROM json_each. The guard holds while all the chunk's segments are still at the version read
 * when planning and not approved; if one moved on, the whole batch is rolled back and the import is a 409
 * concurrent-edit (see Guard in batch.ts).
 *
 * `+document_id` keeps SQLite from driving these joins by the (document_id, position) index: it would then
 * rescan the whole JSON array for every segment of the document — O(n²), minutes for 5,000 rows — instead
 * of walking the array once and finding each segment by primary key.
 */
export function importStatements(
  documentId: number,
  updates: SegmentUpdate[],
  chunkBytes = JSON_CHUNK_BYTES,
): Statement[] {
  const rows = updates.map((u) => [u.id, u.en, normalizeForSearch(u.en), u.status, u.version]);
  return [...chunkJson(rows, chunkBytes)].flatMap((payload) => [
    chunkGuard(documentId, payload),
    sql`UPDATE segments SET en = j.value ->> '$[1]', en_norm = j.value ->> '$[2]',
        status = j.value ->> '$[3]', origin = 'xliff', score = NULL, version = segments.version + 1,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      FROM json_each(${payload}) AS j
      WHERE segments.id = j.value ->> '$[0]' AND +segments.document_id = ${documentId}`,
  ]);
}

/** The guard of one chunk: every segment of the payload still at its planned version and not approved. */
function chunkGuard(documentId: number, payload: string): Guard {
  return new Guard(
    sql`(SELECT count(*) FROM json_each(${payload}) AS j
      JOIN segments AS s ON s.id = j.value ->> '$[0]'
      WHERE +s.document_id = ${documentId} AND s.version = j.value ->> '$[4]' AND s.status <> 'approved'
    ) = json_array_length(${payload})`,
    () =>
      new DomainError(
        ErrorCode.ConcurrentEdit,
        "segments of this document changed while the import was running; nothing was imported — retry",
      ),
  );
}

/** Runs an import's statements (plus any extra, e.g. TM postings) as one guarded transaction. */
export async function applyImport(db: Db, statements: Statement[]): Promise<void> {
  await runBatch(db, statements);
}
