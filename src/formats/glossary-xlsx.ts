/**
 * The glossary as an .xlsx workbook for terminologists: sheet "Glossary" has Diwan's column layout (the
 * same as CSV and TSV: one row per term, GLOSSARY_TSV_COLUMNS), sheet "Columns" says what each column holds
 * and which values it takes. Cells hold the text exactly (line breaks are real line breaks, no TSV escapes,
 * no apostrophe): every cell is a string cell in the Text format (xlsx.ts), so nothing is run as a formula.
 *
 * Import reads the first sheet (or the one named) through the same table reader as CSV/TSV
 * (glossary-table.ts): Diwan's layout, or a bilingual layout with a header naming the columns.
 */
import type { KeyedEntry } from "../types";
import { FormatError } from "./errors";
import type { GlossaryReading } from "./glossary-model";
import { readGlossaryTableRows } from "./glossary-table";
import { GLOSSARY_TSV_COLUMNS, glossaryTermRows, isDiwanHeader } from "./seed-tsv";
import { readXlsxSheet, writeXlsx, type XlsxSheetInput } from "./xlsx";

export const GLOSSARY_SHEET = "Glossary";

/** What each column of the layout holds: the "Columns" sheet of every export and of the template. */
export const GLOSSARY_COLUMN_HELP: Record<(typeof GLOSSARY_TSV_COLUMNS)[number], [string, string]> = {
  key: [
    "Stable identifier of the concept; every row of the concept has the same key and the rows stand together. Leave it as exported to update the entry on re-import.",
    "lowercase a-z, 0-9 and -, up to 100 characters",
  ],
  lang: ["Language of the term on this row.", "ar or en"],
  status: [
    "Status of the term. Each language has one preferred term; deprecated and forbidden terms say why in term_note.",
    "preferred, admitted, deprecated, forbidden",
  ],
  term: ["The term exactly as it is written (no surrounding spaces).", "text"],
  pos: ["Part of speech (may be empty).", "noun, verb, adjective, adverb, other"],
  term_note: [
    "Note on this term: why deprecated or forbidden, register, regional usage.",
    "text (may be empty)",
  ],
  domain: ["Subject field of the concept: on the first row of the concept only.", "text (default: general)"],
  definition: [
    "Definition of the concept, in English: first row of the concept only.",
    "text, may span lines",
  ],
  note: ["Usage note for the concept: first row of the concept only.", "text, may span lines"],
  source: ["Where the usage was checked: first row of the concept only.", "text"],
};

const WIDTHS = [24, 6, 12, 40, 10, 30, 24, 50, 40, 30];

const glossaryRows = (entries: Iterable<KeyedEntry>) => [
  [...GLOSSARY_TSV_COLUMNS],
  ...glossaryTermRows(entries),
];

function columnsSheet(): XlsxSheetInput {
  return {
    name: "Columns",
    widths: [14, 80, 40],
    rows: [
      ["column", "what it holds", "values"],
      ...GLOSSARY_TSV_COLUMNS.map((c) => [c, ...GLOSSARY_COLUMN_HELP[c]]),
      [],
      [
        "import",
        "Diwan reads the first sheet (or the one named in the request). Rows of a key that have a problem skip that entry only, and the import report lists it with its row number. A sheet with a header naming source/target, Arabic/English or ar/en columns (one row per entry) is read as a bilingual list.",
        "",
      ],
    ],
  };
}

/** The glossary as .xlsx bytes: sheet "Glossary" (the column layout) and sheet "Columns" (what they hold). */
export function writeGlossaryXlsx(entries: Iterable<KeyedEntry>): Uint8Array {
  return writeXlsx([{ name: GLOSSARY_SHEET, widths: WIDTHS, rows: glossaryRows(entries) }, columnsSheet()]);
}

/** The example entry of the template: one concept, one preferred term per language. */
export const TEMPLATE_ENTRY: KeyedEntry = {
  key: "example-joint-communique",
  domain: "diplomacy and protocol",
  definition: "Statement issued jointly by two or more parties at the end of a visit or meeting.",
  note: "Replace this example with your own entries before importing.",
  source: null,
  terms: [
    { lang: "ar", text: "بيان مشترك", status: "preferred", partOfSpeech: "noun", note: null },
    { lang: "en", text: "joint communiqué", status: "preferred", partOfSpeech: "noun", note: null },
  ],
};

/** The template to download: the headers, one example entry, and the "Columns" sheet. */
export const writeGlossaryXlsxTemplate = (): Uint8Array => writeGlossaryXlsx([TEMPLATE_ENTRY]);

export interface GlossaryXlsxReadOptions {
  defaultDomain?: string;
  /** Sheet to read, by name; the first when absent. */
  sheet?: string;
}

/**
 * Reads a glossary workbook. Rows are the sheet's row numbers (as Excel shows them) in the report; cells
 * the file leaves out are empty. Formula cells are read by their cached value and counted in `notKept`.
 */
export function readGlossaryXlsx(bytes: Uint8Array, options: GlossaryXlsxReadOptions = {}): GlossaryReading {
  const sheet = readXlsxSheet(bytes, options.sheet === undefined ? {} : { sheet: options.sheet });
  let rows = sheet.rows;
  if (rows.length === 0) throw new FormatError("invalid-content", `sheet "${sheet.name}" has no cells`);
  const width = GLOSSARY_TSV_COLUMNS.length;
  const header = rows[0]?.fields ?? [];
  // A spreadsheet leaves out empty cells at the end of a row (and sometimes keeps empty ones past the last
  // column): Diwan's layout has ten columns, so rows are made ten wide when nothing is lost by it.
  const trimmed = header.slice(0, width);
  if (isDiwanHeader(trimmed) && header.slice(width).every((c) => c === ""))
    rows = rows.map(({ line, fields }) => {
      const extra = fields.slice(width);
      if (extra.some((c) => c !== "")) return { line, fields };
      return {
        line,
        fields: [...fields.slice(0, width), ...Array(Math.max(0, width - fields.length)).fill("")],
      };
    });
  const reading = readGlossaryTableRows(rows, "xlsx", options);
  if (sheet.foldedCrs > 0)
    reading.notKept["CR LF line breaks (read as LF: the workbook also holds U+E000)"] = sheet.foldedCrs;
  if (sheet.formulaCells > 0)
    reading.notKept["formulas (their computed values were read)"] = sheet.formulaCells;
  // The "Columns" sheet of Diwan's own workbooks is help text, not data.
  const others = sheet.sheetNames.filter((n) => n !== sheet.name && n !== "Columns").length;
  if (others > 0) reading.notKept[`other sheets (read: "${sheet.name}")`] = others;
  return reading;
}
