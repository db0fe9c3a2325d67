/**
 * Glossary CSV (RFC 4180): the seed TSV's columns and row model (one row per term, concept fields on the
 * first row of a key; see seed-tsv.ts), but with quoting, so fields may hold commas, quotes and line breaks.
 * Records end with CRLF; a UTF-8 BOM is written by default because Excel needs it to read Arabic as UTF-8.
 */
import { type KeyedEntry, LANGS, type Lang, TERM_STATUSES, type Term, type TermStatus } from "../types";
import { FormatError } from "./errors";
import { entryProblems, GLOSSARY_TSV_COLUMNS, GlossaryTsvError, type TsvProblem } from "./seed-tsv";
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
  for (const e of entries) {
    e.terms.forEach((t, i) => {
      const first = i === 0;
      rows.push(
        [
          e.key,
          t.lang,
          t.status,
          t.text,
          t.partOfSpeech,
          t.note,
          first ? e.domain : "",
          first ? e.definition : "",
          first ? e.note : "",
          first ? e.source : "",
        ]
          .map(cell)
          .join(","),
      );
    });
  }
  return `${options.bom === false ? "" : "\uFEFF"}${rows.join("\r\n")}\r\n`;
}

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

/** RFC 4180 tokenizer; refuses a stray quote or an unterminated quoted field with its line and column. */
export function parseCsvRecords(text: string): CsvRecord[] {
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
          if (s[i] === '"')
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
  if (!header || header.fields.join("\t") !== GLOSSARY_TSV_COLUMNS.join("\t"))
    throw new GlossaryTsvError([
      { line: 1, field: "header", message: `expected columns ${GLOSSARY_TSV_COLUMNS.join(", ")}` },
    ]);
  const problems: TsvProblem[] = [];
  const entries: KeyedEntry[] = [];
  const firstLine = new Map<string, number>();
  let current: KeyedEntry | null = null;
  const orNull = (v: string | undefined) => (v === undefined || v === "" ? null : v);
  for (const { line, fields } of records) {
    if (fields.length !== GLOSSARY_TSV_COLUMNS.length) {
      problems.push({
        line,
        field: "row",
        message: `has ${fields.length} fields, expected ${GLOSSARY_TSV_COLUMNS.length}`,
      });
      continue;
    }
    // Cells the writer neutralised against formula injection get their text back (spreadsheet-cell.ts).
    const [key = "", lang = "", status = "", term = "", pos, termNote, domain, definition, note, source] =
      fields.map(restoreFormula);
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(key))
      problems.push({ line, field: "key", message: `"${key}" is not a valid key` });
    if (!(LANGS as readonly string[]).includes(lang))
      problems.push({ line, field: "lang", message: `"${lang}" is not ar or en` });
    if (!(TERM_STATUSES as readonly string[]).includes(status))
      problems.push({ line, field: "status", message: `"${status}" is not a term status` });
    if (term.trim() === "" || term !== term.trim())
      problems.push({ line, field: "term", message: "is empty or has surrounding spaces" });
    const t: Term = {
      lang: lang as Lang,
      text: term,
      status: status as TermStatus,
      partOfSpeech: orNull(pos),
      note: orNull(termNote),
    };
    if (current && current.key === key) {
      if (domain || definition || note || source)
        problems.push({
          line,
          field: "domain",
          message: "concept fields belong on the first row of the key only",
        });
      current.terms.push(t);
      continue;
    }
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      problems.push({
        line,
        field: "key",
        message: `key "${key}" already used at line ${earlier}; rows of a key must stand together`,
      });
      continue;
    }
    current = {
      key,
      domain: domain ?? "",
      definition: orNull(definition),
      note: orNull(note),
      source: orNull(source),
      terms: [t],
    };
    firstLine.set(key, line);
    entries.push(current);
  }
  for (const e of entries)
    for (const message of entryProblems(e))
      problems.push({ line: firstLine.get(e.key) ?? 0, field: "entry", message: `${e.key}: ${message}` });
  if (problems.length > 0) throw new GlossaryTsvError(problems);
  return entries;
}
