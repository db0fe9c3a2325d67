/**
 * .xlsx workbooks through SheetJS (@e965/xlsx 0.20.3: SheetJS CE 0.20.3 republished on npm, with the fixes
 * for CVE-2023-30533 and CVE-2024-22363; pure JavaScript, runs in workerd). Diwan's guards stand in front of
 * it, because SheetJS reads whatever it is given:
 * - an OLE2 file (an encrypted workbook, an old .xls) and anything that is not a ZIP are refused;
 * - the ZIP is read by zip.ts, with its limits (entries, expanded bytes, bomb ratio, encryption, CRCs);
 * - every XML part must decode (invalid bytes are refused, never replaced) and hold no DOCTYPE or ENTITY;
 * - SheetJS then reads only those checked parts, stored again in a fresh ZIP: what it parses is exactly what
 *   was checked (no second reading of the original archive that could differ from zip.ts's).
 * Cells are read as a person sees them: text as written, numbers as their shortest text, TRUE/FALSE,
 * formula cells by their cached value (counted). Cells are written as string cells with the Text number
 * format ("@"): nothing is ever a formula or a number, and a cell edited in Excel stays text.
 */
import { read, utils, type WorkBook, type WorkSheet, write } from "@e965/xlsx/dist/xlsx.mini.min";
import { FormatError } from "./errors";
import { decodeXml } from "./xml-decode";
import { DEFAULT_ZIP_LIMITS, readZip, writeZip, type ZipLimits } from "./zip";

export interface XlsxRow {
  /** The row's number in the sheet (1-based, as the spreadsheet shows it). */
  line: number;
  /** Cell texts from column A on; cells the file leaves out are "". */
  fields: string[];
}

export interface XlsxSheet {
  /** The sheet read, and every worksheet of the workbook in order (chart sheets left out). */
  name: string;
  sheetNames: string[];
  /** Rows with at least one non-empty cell, in order. */
  rows: XlsxRow[];
  /** Cells given by a formula (their cached value is read; the formula is not kept). */
  formulaCells: number;
}

export interface XlsxReadOptions {
  /** The sheet to read, by name; the first worksheet when absent. */
  sheet?: string;
  limits?: ZipLimits;
}

export interface XlsxSheetInput {
  /** 1–31 characters, none of : \ / ? * [ ] (Excel's rule). */
  name: string;
  /** Rows of cells; null or "" is an empty cell. */
  rows: ReadonlyArray<ReadonlyArray<string | null>>;
  /** Column widths in characters (Excel's unit), from column A. */
  widths?: number[];
}

const invalid = (message: string) => new FormatError("invalid-content", message);

/** A carriage return written as a reference or as `_x000D_` (a raw one is a line end, XML 1.0 §2.11). */
const ENCODED_CR = /&#(?:0*13|x0*[dD]);|(?<!_x005[fF])_x000[dD]_/g;
const HAS_ENCODED_CR = new RegExp(ENCODED_CR.source);
/**
 * SheetJS turns CR LF inside a cell into LF after decoding, so a stored "\r\n" would come back "\n". Before it
 * reads, an encoded CR becomes this private-use character, turned back into CR in the cell texts; a part
 * that already holds the character keeps its CRs as they are (read as SheetJS reads them, and counted).
 */
const CR_STAND_IN = "\uE000";
const HOLDS_STAND_IN = /\uE000|&#(?:0*57344|x0*[eE]000);|_x[eE]000_/;

/**
 * The checked XML parts of the workbook, in a fresh stored ZIP. `standIn`: encoded CRs were replaced by the
 * stand-in; when a part already held it they were not, and `foldedCrs` counts those SheetJS may fold.
 */
function checkedPackage(
  bytes: Uint8Array,
  limits: ZipLimits,
): { zip: Uint8Array; foldedCrs: number; standIn: boolean } {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new FormatError(
      "zip-encrypted",
      "not an .xlsx package: an encrypted (password-protected) workbook or an old binary .xls; save it as .xlsx without a password",
    );
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04))
    throw new FormatError(
      "wrong-root",
      "not an .xlsx workbook: an .xlsx file is a ZIP package (it starts with PK), this one is not",
    );
  // Only XML parts and relationships are inflated: images, printer settings and binary parts are never read.
  const files = readZip(bytes, { limits, wanted: (n) => n.endsWith(".xml") || n.endsWith(".rels") });
  if (!files.has("[Content_Types].xml") || ![...files.keys()].some((n) => /(^|\/)workbook\d*\.xml$/.test(n)))
    throw invalid(
      "not an .xlsx workbook: the package has no workbook part (is it a .docx, .ods or another ZIP?)",
    );
  const parts: { name: string; data: string }[] = [];
  for (const [name, data] of files) {
    let text: string;
    try {
      text = decodeXml(data);
    } catch (error) {
      if (error instanceof FormatError)
        throw new FormatError(error.code, `${name} in the workbook: ${error.message}`);
      throw error;
    }
    if (text.includes("<!DOCTYPE"))
      throw new FormatError(
        "xml-doctype",
        `${name} in the workbook has a DOCTYPE (never read in a workbook)`,
      );
    if (text.includes("<!ENTITY"))
      throw new FormatError("xml-entity", `${name} in the workbook declares an entity (never expanded)`);
    // XML 1.0 end-of-line handling, which SheetJS leaves out: a raw CR LF or CR is a line feed.
    parts.push({ name, data: text.replace(/\r\n?/g, "\n") });
  }
  const standIn = !parts.some((p) => HOLDS_STAND_IN.test(p.data));
  let foldedCrs = 0;
  for (const part of parts)
    if (HAS_ENCODED_CR.test(part.data)) {
      if (standIn) part.data = part.data.replace(ENCODED_CR, CR_STAND_IN);
      else foldedCrs += part.data.match(ENCODED_CR)?.length ?? 0;
    }
  return { zip: writeZip(parts, { store: true }), foldedCrs, standIn };
}

/** A cell as text, by what the cell shows: SheetJS's value, with the CR stand-in turned back. */
function cellText(cell: { t: string; v?: unknown; w?: string }, standIn: boolean): string {
  switch (cell.t) {
    case "s":
    case "str":
      return standIn ? String(cell.v ?? "").replaceAll(CR_STAND_IN, "\r") : String(cell.v ?? "");
    case "n":
      return cell.v === undefined ? "" : String(cell.v);
    case "b":
      return cell.v === undefined ? "" : cell.v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? "";
    case "d":
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? "");
    default:
      return "";
  }
}

function parse(zip: Uint8Array): WorkBook {
  try {
    return read(zip, {
      type: "array",
      dense: true,
      cellFormula: true,
      cellHTML: false,
      cellNF: false,
      cellStyles: false,
      cellDates: false,
      sheetStubs: false,
      bookVBA: false,
    });
  } catch (error) {
    throw invalid(`not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Worksheets only: chart, dialog and macro sheets have no cells to offer. */
const isWorksheet = (ws: WorkSheet | undefined) =>
  ws !== undefined && (ws["!type"] === undefined || ws["!type"] === "sheet");

/** Reads one worksheet (the first, or `options.sheet` by name) as rows of cell text. */
export function readXlsxSheet(
  bytes: Uint8Array,
  options: XlsxReadOptions = {},
): XlsxSheet & {
  /** CRs of CR LF line breaks that could not be kept (read as LF, as SheetJS reads them). */
  foldedCrs: number;
} {
  const { zip, foldedCrs, standIn } = checkedPackage(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  const book = parse(zip);
  const sheetNames = book.SheetNames.filter((n) => isWorksheet(book.Sheets[n]));
  if (sheetNames.length === 0) throw invalid("the workbook has no worksheet");
  const name = options.sheet ?? sheetNames[0]!;
  if (!sheetNames.includes(name))
    throw invalid(`the workbook has no sheet named "${options.sheet}" (sheets: ${sheetNames.join(", ")})`);
  const data = (book.Sheets[name]?.["!data"] ?? []) as (
    | { t: string; v?: unknown; w?: string; f?: string }
    | undefined
  )[][];
  const rows: XlsxRow[] = [];
  let formulaCells = 0;
  data.forEach((cells, r) => {
    if (!cells) return;
    const fields = Array.from(cells, (cell) => {
      if (!cell) return "";
      if (cell.f !== undefined) formulaCells++;
      return cellText(cell, standIn);
    });
    if (fields.some((f) => f !== "")) rows.push({ line: r + 1, fields });
  });
  return { name, sheetNames, rows, formulaCells, foldedCrs };
}

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * ST_Xstring: Excel (and SheetJS) read "_xHHHH_" in a cell as one character; a literal one is written
 * "_x005F_xHHHH_" so it comes back as written. SheetJS does not do this itself.
 */
const encodeXstring = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_");

function sheetOf(input: XlsxSheetInput): WorkSheet {
  const sheet: WorkSheet = {};
  let width = 1;
  input.rows.forEach((cells, r) => {
    width = Math.max(width, cells.length);
    cells.forEach((value, c) => {
      if (value === null || value === "") return;
      const at = LONE_SURROGATE.exec(value);
      if (at)
        throw new FormatError(
          "xml-invalid-char",
          `a cell holds a lone surrogate (U+${value.charCodeAt(at.index).toString(16).toUpperCase()}), which no workbook can store`,
          undefined,
          undefined,
          value.charCodeAt(at.index),
          at.index,
        );
      sheet[utils.encode_cell({ r, c })] = { t: "s", v: encodeXstring(value), z: "@" };
    });
  });
  sheet["!ref"] = utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(0, input.rows.length - 1), c: width - 1 },
  });
  if (input.widths?.length) sheet["!cols"] = input.widths.map((wch) => ({ wch }));
  return sheet;
}

/** The workbook as .xlsx bytes; sheets in the given order, the first one active. */
export function writeXlsx(sheets: readonly XlsxSheetInput[]): Uint8Array {
  if (sheets.length === 0) throw new Error("writeXlsx: a workbook needs at least one sheet");
  const names = new Set<string>();
  const book = utils.book_new();
  for (const input of sheets) {
    const { name } = input;
    if (
      name.length < 1 ||
      name.length > 31 ||
      SHEET_NAME_FORBIDDEN.test(name) ||
      names.has(name.toLowerCase())
    )
      throw new Error(`writeXlsx: "${name}" is not a valid sheet name`);
    names.add(name.toLowerCase());
    utils.book_append_sheet(book, sheetOf(input), name);
  }
  const out: ArrayBuffer = write(book, { type: "array", bookType: "xlsx", bookSST: true, compression: true });
  return new Uint8Array(out);
}
