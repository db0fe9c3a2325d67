/**
 * A new document from files, one per language side (the Arabic original, and optionally its English
 * translation): .txt, .html, .docx or .xliff, each recognised by its name and checked against its bytes,
 * its text extracted (src/formats/document-file.ts) and both texts segmented and aligned as pasted texts are
 * (createDocumentFromTexts). Any refusal names the side (`ar`, `en`) as the field and the reason.
 *
 * XLIFF, which already pairs Arabic sources with English targets:
 * - as the only file (Arabic side, no English file), the existing XLIFF import makes the document, one
 *   segment per XLIFF segment with its targets, statuses and inline codes, nothing re-aligned (a file with
 *   sources only gives an Arabic-only document);
 * - beside a file for the other side, it gives one side's text: the Arabic side is the units' sources,
 *   the English side their targets (a file without targets cannot be the English side). Targets of an
 *   Arabic-side XLIFF are then not used (reported), as the English file is.
 */
import type { DocumentInfo } from "../db/documents";
import { DomainError, ErrorCode, type FieldError, fileError } from "../errors";
import { type DocumentFileFormat, documentFileFormat, extractText } from "../formats/document-file";
import { FormatError, type FormatErrorCode } from "../formats/errors";
import { type ExtractedText, type ExtractionNote, PARAGRAPH_BREAK } from "../formats/extracted";
import type { BeadCounts } from "../text/bead-segments";
import type { UseCaseContext } from "./context";
import { createDocumentFromTexts } from "./documents";
import { createDocumentFromXliff, readXliffFile } from "./xliff-import";

export type Side = "ar" | "en";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Most bytes of one file (a 300-page .docx is ~2 MB; a long web page ~1 MB). */
export const DOCUMENT_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** As POST /api/documents with texts: at most a million characters a side. */
export const DOCUMENT_TEXT_MAX_CHARS = 1_000_000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface SideReport {
  file: string;
  format: DocumentFileFormat;
  /** Paragraphs of the extracted text (XLIFF: units with text on this side). */
  paragraphs: number;
  /** UTF-16 code units of the extracted text (absent for an XLIFF made into a document as it is). */
  characters?: number;
  kept: ExtractionNote[];
  leftOut: ExtractionNote[];
}

export interface FilesResult {
  doc: DocumentInfo;
  /** Bead counts by type, when the two sides were aligned (absent for an XLIFF made into a document). */
  beads?: BeadCounts;
  files: { ar: SideReport; en?: SideReport };
}

/** A refusal of one side's file: the format's code, its status, the side as the field. */
function sideError(side: Side, err: FormatError): DomainError {
  return fileError({ kind: "document", field: side }, err);
}

/** A DomainError from the XLIFF import, re-aimed at the side's field (the reason kept). */
function xliffSideError(side: Side, err: DomainError): DomainError {
  const errors: FieldError[] = [{ field: side, message: err.detail }, ...(err.errors ?? [])];
  // Same code, status and title: only the field is added (a FileProblem carries any code through).
  const problem = { code: err.code as FormatErrorCode, status: err.status, title: err.title };
  return new DomainError(problem, err.detail, {
    errors,
    ...(err.extra ? { extra: err.extra } : {}),
  });
}

function formatOf(side: Side, file: UploadedFile): DocumentFileFormat {
  if (file.bytes.length > DOCUMENT_FILE_MAX_BYTES)
    throw new DomainError(
      ErrorCode.PayloadTooLarge,
      `the ${side === "ar" ? "Arabic" : "English"} file is larger than ${DOCUMENT_FILE_MAX_BYTES} bytes`,
      { errors: [{ field: side, message: `at most ${DOCUMENT_FILE_MAX_BYTES} bytes a file` }] },
    );
  if (file.bytes.length === 0)
    throw sideError(side, new FormatError("no-text", `${file.name || "the file"} is empty`));
  try {
    return documentFileFormat(file.name, file.bytes);
  } catch (err) {
    if (err instanceof FormatError) throw sideError(side, err);
    throw err;
  }
}

/** One side's text and report; `otherGiven` says whether the other side has a file too. */
function sideText(side: Side, file: UploadedFile, format: DocumentFileFormat, otherGiven: boolean) {
  let extracted: ExtractedText;
  try {
    extracted = format === "xliff" ? xliffSide(side, file, otherGiven) : extractText(format, file.bytes);
  } catch (err) {
    if (err instanceof FormatError) throw sideError(side, err);
    if (err instanceof DomainError) throw xliffSideError(side, err);
    throw err;
  }
  const refuse = (message: string) => sideError(side, new FormatError("no-text", message));
  if (extracted.text.trim() === "") throw refuse(`no text was found in ${file.name || "the file"}`);
  if (extracted.text.length > DOCUMENT_TEXT_MAX_CHARS)
    throw new DomainError(ErrorCode.PayloadTooLarge, `the text of ${file.name} is too long`, {
      errors: [{ field: side, message: `at most ${DOCUMENT_TEXT_MAX_CHARS} characters a side` }],
    });
  if (CONTROL.test(extracted.text))
    throw new DomainError(ErrorCode.InvalidText, `${file.name} holds control characters`, {
      errors: [
        { field: side, message: "must not contain control characters (other than line breaks and tabs)" },
      ],
    });
  const report: SideReport = {
    file: file.name,
    format,
    paragraphs: extracted.paragraphs,
    characters: extracted.text.length,
    kept: extracted.kept,
    leftOut: extracted.leftOut,
  };
  return { text: extracted.text, report };
}

/** One side of an XLIFF file as text: the sources (Arabic) or the targets (English), a unit a paragraph. */
function xliffSide(side: Side, file: UploadedFile, otherGiven: boolean): ExtractedText {
  const parsed = readXliffFile(file.bytes);
  const units = parsed.units.filter((u) => !u.codeOnly);
  const texts = units.map((u) => (side === "ar" ? u.source : (u.en ?? ""))).filter((t) => t.trim() !== "");
  if (side === "en" && texts.length === 0)
    throw new FormatError("no-text", "the XLIFF file has no English targets to be the English side");
  const targets = units.filter((u) => (u.en ?? "").trim() !== "").length;
  const leftOut: ExtractionNote[] =
    side === "ar" && otherGiven && targets > 0
      ? [
          {
            what: "targets",
            count: targets,
            detail: "the file's English targets are not used: the English file is",
          },
        ]
      : [];
  return { text: texts.join(PARAGRAPH_BREAK), paragraphs: texts.length, kept: [], leftOut };
}

const baseName = (name: string) =>
  name
    .replace(/^.*[\\/]/, "")
    .replace(/\.[^.]*$/, "")
    .trim();

/** Creates the document from the side files (see the top); nothing is written when a side is refused. */
export async function createDocumentFromFiles(
  ctx: UseCaseContext,
  input: { title?: string | undefined; ar: UploadedFile; en?: UploadedFile | null | undefined },
): Promise<FilesResult> {
  const arFormat = formatOf("ar", input.ar);
  const enFormat = input.en ? formatOf("en", input.en) : null;
  const title = input.title?.trim() || baseName(input.ar.name).slice(0, 300) || "Untitled";
  if (arFormat === "xliff" && !input.en) {
    const file = input.ar;
    let doc: DocumentInfo;
    try {
      doc = await createDocumentFromXliff(ctx, title, async () => file.bytes);
    } catch (err) {
      if (err instanceof DomainError) throw xliffSideError("ar", err);
      throw err;
    }
    const report: SideReport = {
      file: file.name,
      format: "xliff",
      paragraphs: doc.segmentCount,
      kept: [],
      leftOut: [],
    };
    return { doc, files: { ar: report } };
  }
  const ar = sideText("ar", input.ar, arFormat, Boolean(input.en));
  const en = input.en && enFormat ? sideText("en", input.en, enFormat, true) : null;
  const { doc, beads } = await createDocumentFromTexts(ctx, title, ar.text, en?.text ?? null);
  return { doc, beads, files: { ar: ar.report, ...(en ? { en: en.report } : {}) } };
}
