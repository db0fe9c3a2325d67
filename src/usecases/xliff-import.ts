/**
 * XLIFF back into Diwan: translated XLIFF imported into its document (read → parse → plan → apply → index
 * sync; all or nothing, conflicts reported unit by unit), or a bilingual XLIFF made into a new document.
 */
import { createDocument, type DocumentInfo, requireDocument } from "../db/documents";
import {
  applyImport,
  type ImportConflict,
  type ImportUnit,
  importStatements,
  importUnitOf,
  planImport,
  targetProblem,
} from "../db/xliff";
import { DomainError, ErrorCode, type FieldError, fileError } from "../errors";
import { FormatError } from "../formats/errors";
import { segmentsOfUnit } from "../formats/xliff-origin";
import { type ParsedXliff, type ParsedXliffUnit, parseXliff } from "../formats/xliff-read";
import type { StateMode } from "../formats/xliff-state";
import { decodeXml, xmlTextToUtf8 } from "../formats/xml-decode";
import type { UseCaseContext } from "./context";
import { scheduleTmIndexSync } from "./memory-index";

/** Most units a new document may be created from (as POST /documents). */
export const MAX_IMPORT_UNITS = 100_000;

/**
 * Reads the uploaded file's bytes when the use case is ready for it (after the document was found), and
 * may refuse it: media type, size.
 */
export type ReadUpload = () => Promise<Uint8Array>;

const XLIFF = { kind: "xliff" } as const;

/**
 * Parses an uploaded XLIFF file: its BOM and XML declaration decide the encoding (UTF-8, UTF-16LE/BE; any
 * other is refused by name, bytes not in it are refused, never repaired); Arabic → English only. With
 * `onUnit`, units are handed over one by one and not collected.
 */
function parseUpload(bytes: Uint8Array, onUnit?: (unit: ParsedXliffUnit) => void): ParsedXliff {
  let parsed: ParsedXliff;
  try {
    parsed = parseXliff(decodeXml(bytes), {}, onUnit);
  } catch (err) {
    if (err instanceof FormatError) throw fileError(XLIFF, err);
    throw err;
  }
  const primary = (tag: string | null) => tag?.split(/[-_]/)[0]?.toLowerCase() ?? null;
  if (primary(parsed.srcLang) !== "ar" || (parsed.trgLang !== null && primary(parsed.trgLang) !== "en"))
    throw fileError(
      XLIFF,
      new FormatError(
        "wrong-language",
        `Diwan exchanges Arabic → English; this file is ${parsed.srcLang} → ${parsed.trgLang ?? "?"}`,
      ),
    );
  return parsed;
}

/** An uploaded XLIFF file read as the import reads it (encoding, Arabic → English), refusals as DomainErrors. */
export const readXliffFile = (bytes: Uint8Array): ParsedXliff => parseUpload(bytes);

/**
 * An uploaded XLIFF file's text, decoded as the import decodes it (BOM, declaration: UTF-8, UTF-16 or a
 * single-byte encoding), for a web preview that carries the file as text; refusals as DomainErrors.
 */
export function xliffFileText(bytes: Uint8Array): string {
  try {
    return decodeXml(bytes);
  } catch (err) {
    if (err instanceof FormatError) throw fileError(XLIFF, err);
    throw err;
  }
}

/** The upload of an XLIFF file's text (xliffFileText's): UTF-8 bytes under a UTF-8 declaration. */
export const uploadOfText =
  (text: string): ReadUpload =>
  async () =>
    xmlTextToUtf8(text);

export interface XliffImportResult {
  updated: number;
  unchanged: number;
  skipped: number;
  conflicts: ImportConflict[];
  dryRun: boolean;
}

/** Milliseconds of each phase (Workers' clocks only advance across I/O). */
export interface XliffImportTiming {
  parse: number;
  plan: number;
  write: number;
}

/**
 * Imports translated XLIFF into document `documentId`: units whose Arabic changed since the export, unknown
 * units and approved (locked) segments are reported as conflicts and not applied; the rest is written in
 * one transaction (unless `dryRun`), then the memory's index follows in the background.
 */
export async function importXliff(
  ctx: UseCaseContext,
  documentId: number,
  upload: ReadUpload,
  dryRun: boolean,
  states: StateMode = "lenient",
): Promise<{ result: XliffImportResult; timing: XliffImportTiming }> {
  await requireDocument(ctx.db, documentId);
  const t0 = Date.now();
  const units: ImportUnit[] = [];
  const parsed = parseUpload(await upload(), (u) => units.push(importUnitOf(u)));
  const t1 = Date.now();
  const plan = await planImport(ctx.db, documentId, units, parsed.version, states);
  const t2 = Date.now();
  if (!dryRun && plan.updates.length > 0) {
    await applyImport(ctx.db, importStatements(documentId, plan.updates));
    scheduleTmIndexSync(ctx);
  }
  const t3 = Date.now();
  return {
    result: {
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      skipped: plan.skipped,
      conflicts: plan.conflicts,
      dryRun,
    },
    timing: { parse: t1 - t0, plan: t2 - t1, write: t3 - t2 },
  };
}

/**
 * A new document from a bilingual XLIFF file: one Diwan segment per segment of the file, sources the Arabic,
 * translated targets the English (with the status their state gives), with their inline codes and where
 * they came from (file, unit, segment id, content between segments), so the export writes the same units
 * again. Units with neither source text nor codes are left out (code-only units are kept); a segment that
 * cannot be stored refuses the whole file.
 */
export async function createDocumentFromXliff(
  ctx: UseCaseContext,
  title: string | undefined,
  upload: ReadUpload,
): Promise<DocumentInfo> {
  const parsed = parseUpload(await upload());
  const units = parsed.units.filter((u) => u.source.trim() !== "" || u.codeOnly);
  const rows = units.flatMap((u) => segmentsOfUnit(u).map((s) => ({ unit: u.id, s })));
  if (rows.length === 0) {
    // Say why: what the reader left out (a unit without segment, a segment without source: the file breaks
    // its specification), or — a valid file — that it has no unit at all, or only units whose source is
    // empty: nothing to translate (`no-text`, as for a document file without text). A document holds at
    // least one segment (every way of making one requires it), so no empty document is made.
    const left = parsed.notices.slice(0, 3).map((n) => `${n.item}: ${n.reason}`);
    if (left.length > 0)
      throw fileError(
        XLIFF,
        new FormatError(
          "invalid-content",
          `the file has no units with source text (left out: ${left.join("; ")}): nothing to import`,
        ),
      );
    const why =
      parsed.units.length === 0
        ? "it has no unit"
        : `its ${parsed.units.length} unit(s) have an empty source and no inline code`;
    throw fileError(
      XLIFF,
      new FormatError(
        "no-text",
        `the file has nothing to translate (${why}); a document needs at least one segment, so none was made`,
      ),
    );
  }
  if (rows.length > MAX_IMPORT_UNITS)
    throw new DomainError(ErrorCode.TooManyUnits, `at most ${MAX_IMPORT_UNITS} segments per document`);
  const invalid: FieldError[] = [];
  for (const { unit, s } of rows) {
    const sourceProblem = targetProblem(s.ar);
    if (sourceProblem)
      invalid.push({ field: `units.${unit}.source`, message: sourceProblem.replace("target", "source") });
    const problemText = s.en === null ? null : targetProblem(s.en);
    if (problemText) invalid.push({ field: `units.${unit}.target`, message: problemText });
  }
  if (invalid.length > 0)
    throw fileError(
      XLIFF,
      new FormatError("invalid-content", `${invalid.length} unit(s) cannot be stored`),
      invalid.slice(0, 100),
    );
  const doc = await createDocument(
    ctx.db,
    title ?? `XLIFF import ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    rows.map(({ s }) => ({
      ar: s.ar,
      arCodes: s.arCodes,
      en: s.en,
      enCodes: s.enCodes,
      status: s.status,
      origin: "xliff",
      score: null,
      xliff: s.origin,
    })),
  );
  scheduleTmIndexSync(ctx);
  return doc;
}
