/**
 * Glossary CSV (RFC 4180): the seed TSV's columns and row model (one row per term, concept fields on the
 * first row of a key; see seed-tsv.ts), but with quoting, so fields may hold commas, quotes and line breaks.
 * Records end with CRLF; a UTF-8 BOM is written by default because Excel needs it to read Arabic as UTF-8.
 */
import { FormatError } from "./errors";
import {
  GLOSSARY_TSV_COLUMNS,
  GlossaryTsvError,
  glossaryTermRows,
  isDiwanHeader,
  type KeyedEntry,
  readDiwanRows,
} from "./seed-tsv";
import { neutralizeFormula, restoreFormula } from "./spreadsheet-cell";

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null): string {
  const s = value ?? "";
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface CsvWriteOptions {
  /** Prefix a UTF-8 byte order mark (default true: Excel otherwise decodes Arabic as ANSI). */
  bom?: boolean;
  /** Prefix cells a spreadsheet would run as formulas with an apostrophe (default true; spreadsheet-cell.ts). */
  escapeFormulas?: boolean;
}

export function writeGlossaryCsv(entries: Iterable<KeyedEntry>, options: CsvWriteOptions = {}): string {
  const rows: string[] = [GLOSSARY_TSV_COLUMNS.join(",")];
  const cell =
    options.escapeFormulas === false ? csvField : (v: string | null) => csvField(neutralizeFormula(v ?? ""));
  for (const row of glossaryTermRows(entries)) rows.push(row.map(cell).join(","));
  return `${options.bom === false ? "" : "\uFEFF"}${rows.join("\r\n")}\r\n`;
}

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 tokenizer; refuses a stray quote or an unterminated quoted field with its line and column.
 * `literalQuotes`: a quote inside an unquoted field is text (as Excel, LibreOffice and Python read
 * `say "hi"`), for files other tools wrote; an unterminated quoted field is still refused.
 */
export function parseCsvRecords(text: string, options: { literalQuotes?: boolean } = {}): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = "";
      if (s[i] === '"') {
        const openLine = line;
        const openCol = i - lineStart + 1;
        i++;
        for (;;) {
          if (i >= n)
            throw new FormatError("csv-malformed", "quoted field is never closed", openLine, openCol);
          const ch = s[i]!;
          if (ch === '"') {
            if (s[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") {
            line++;
            lineStart = i + 1;
          }
          value += ch;
          i++;
        }
        if (i < n && s[i] !== "," && s[i] !== "\r" && s[i] !== "\n")
          throw new FormatError(
            "csv-malformed",
            `unexpected ${JSON.stringify(s[i])} after a closing quote`,
            line,
            i - lineStart + 1,
          );
      } else {
        const start = i;
        while (i < n && s[i] !== "," && s[i] !== "\r" && s[i] !== "\n") {
          if (s[i] === '"' && !options.literalQuotes)
            throw new FormatError(
              "csv-malformed",
              "a quote inside an unquoted field (quote the field and double the quote)",
              line,
              i - lineStart + 1,
            );
          i++;
        }
        value = s.slice(start, i);
      }
      fields.push(value);
      if (i < n && s[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === "\r") i++;
    if (s[i] === "\n") i++;
    line++;
    lineStart = i;
    records.push({ line: recordLine, fields });
  }
  return records;
}

/**
 * Parses a glossary CSV into entries with the same rules as the seed TSV; row problems are collected
 * and thrown together as GlossaryTsvError (same as the TSV import), quoting errors as FormatError.
 */
export function parseGlossaryCsv(text: string): KeyedEntry[] {
  const records = parseCsvRecords(text).filter((r) => !(r.fields.length === 1 && r.fields[0] === ""));
  const header = records.shift();
  if (!header || !isDiwanHeader(header.fields))
    throw new GlossaryTsvError([
      { line: 1, field: "header", message: `expected columns ${GLOSSARY_TSV_COLUMNS.join(", ")}` },
    ]);
  // Cells the writer neutralised against formula injection get their text back (spreadsheet-cell.ts).
  const { entries, problems } = readDiwanRows(records, restoreFormula);
  if (problems.length > 0) throw new GlossaryTsvError(problems.map(({ key: _, ...p }) => p));
  return entries;
}
