/**
 * XLIFF exchange through D1: the units an export streams (glossary hints, QA notes, memory matches) and
 * the plan + statements of an import of translated XLIFF. Formats themselves live in src/formats/.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { DomainError, ErrorCode } from "../errors";
import type { XliffGlossaryHint, XliffMatch, XliffQaNote, XliffUnitInput } from "../formats/xliff-write";
import { normalizeForSearch } from "../text/normalize";
import { checkSegmentPair } from "../text/qa";
import { recognizeTerms } from "../text/terms";
import type { InlineCode } from "../types";
import { Guard, runBatch, type Statement } from "./batch";
import { type ExportSegment, listExportSegments } from "./documents";
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

export function qaNotes(
  index: GlossaryIndex,
  ar: string,
  en: string,
  codes?: { ar: InlineCode[]; en: InlineCode[] },
): XliffQaNote[] {
  return checkSegmentPair(ar, en, index, codes).map((i) => ({ severity: i.severity, message: i.message }));
}

export function unitOf(
  seg: ExportSegment,
  opts: ExportOptions,
  matches: XliffMatch[] | undefined,
): XliffUnitInput {
  const unit: XliffUnitInput = {
    id: seg.id,
    ar: seg.ar,
    en: seg.en,
    status: seg.status,
    arCodes: seg.arCodes,
    enCodes: seg.enCodes,
  };
  if (seg.xliff !== null) unit.origin = seg.xliff;
  if (opts.index && opts.glossary) {
    const hints = glossaryHints(opts.index, seg.ar);
    if (hints.length > 0) unit.glossary = hints;
  }
  if (opts.index && opts.qa && seg.en !== null) {
    const notes = qaNotes(opts.index, seg.ar, seg.en, { ar: seg.arCodes, en: seg.enCodes });
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
  const first = await listExportSegments(db, documentId, null, pageRows);
  async function* units(): AsyncGenerator<XliffUnitInput> {
    let rows = first;
    for (;;) {
      const page = rows.slice(0, pageRows);
      if (page.length === 0) return;
      const matches = opts.matches ? await opts.matches(page.map((r) => r.id)) : null;
      for (const seg of page) yield unitOf(seg, opts, matches?.get(seg.id));
      if (rows.length <= pageRows) return;
      rows = await listExportSegments(db, documentId, page[page.length - 1]!.position, pageRows);
    }
  }
  return units();
}

// ------------------------------------------------------------------------------------------- import

import type { SegmentUpdate } from "./xliff-plan";

export type { ConflictReason, ImportConflict, ImportPlan, ImportUnit, SegmentUpdate } from "./xliff-plan";
export { importUnitOf, MAX_TARGET_CHARS, planImport, sourceComparisonKey, targetProblem } from "./xliff-plan";

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
  const rows = updates.map((u) => [
    u.id,
    u.en,
    normalizeForSearch(u.en),
    u.status,
    u.version,
    u.enCodes.length === 0 ? null : JSON.stringify(u.enCodes),
  ]);
  return [...chunkJson(rows, chunkBytes)].flatMap((payload) => [
    chunkGuard(documentId, payload),
    sql`UPDATE segments SET en = j.value ->> '$[1]', en_norm = j.value ->> '$[2]',
        en_codes = j.value ->> '$[5]', status = j.value ->> '$[3]', origin = 'xliff', score = NULL, version = segments.version + 1,
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
