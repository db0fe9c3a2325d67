import {
  type EntryContent,
  type KeyedEntry,
  LANGS,
  type Lang,
  TERM_STATUSES,
  type Term,
  type TermStatus,
} from "../types";
import { neutralizeFormula, restoreFormula } from "./spreadsheet-cell";

/** The entries this format reads and writes (declared with the shared vocabulary, src/types.ts). */
export type { KeyedEntry } from "../types";

/**
 * The glossary TSV format (glossary/README.md): one row per term, concept fields on the first row of each
 * key. It is the seed termbase's source format and Diwan's TSV export/import format.
 */
export const GLOSSARY_TSV_COLUMNS = [
  "key",
  "lang",
  "status",
  "term",
  "pos",
  "term_note",
  "domain",
  "definition",
  "note",
  "source",
] as const;

export interface TsvProblem {
  line: number;
  field: string;
  message: string;
}

export class GlossaryTsvError extends Error {
  constructor(readonly problems: TsvProblem[]) {
    super(
      `glossary TSV has ${problems.length} problem(s): ${problems
        .slice(0, 5)
        .map((p) => `line ${p.line} ${p.field}: ${p.message}`)
        .join("; ")}`,
    );
  }
}

const KEY_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;
const emptyToNull = (s: string | undefined) => (s === undefined || s === "" ? null : s);

/** Checks the rules every entry must satisfy, whatever format it came from. */
export function entryProblems(entry: EntryContent): string[] {
  const problems: string[] = [];
  if (!entry.domain.trim()) problems.push("domain is empty");
  for (const lang of LANGS) {
    const terms = entry.terms.filter((t) => t.lang === lang);
    if (terms.length === 0) problems.push(`needs at least one ${lang} term`);
  }
  const seen = new Set<string>();
  for (const t of entry.terms) {
    if (!t.text.trim()) problems.push(`an ${t.lang} term is empty`);
    const id = `${t.lang}\u0000${t.text}`;
    if (seen.has(id)) problems.push(`term "${t.text}" (${t.lang}) appears twice`);
    seen.add(id);
  }
  return problems;
}

/** One row of a delimited glossary: its 1-based line and its fields as written. */
export interface GlossaryRow {
  line: number;
  fields: string[];
}

export interface DiwanRowsReading {
  entries: KeyedEntry[];
  /** Line of each entry's first row (same order as `entries`). */
  lines: number[];
  /** Every problem with its line; `key` is the entry it belongs to when the row names one. */
  problems: (TsvProblem & { key: string | null })[];
}

/**
 * Diwan's own column layout (GLOSSARY_TSV_COLUMNS, header row excluded) into entries, for TSV and CSV alike:
 * every problem is collected with its line and the key it belongs to, so a caller can refuse the file
 * (the seed) or skip the entries that have problems (imports).
 */
export function readDiwanRows(rows: GlossaryRow[], cell: (s: string) => string = (s) => s): DiwanRowsReading {
  const problems: DiwanRowsReading["problems"] = [];
  const entries: KeyedEntry[] = [];
  const lines: number[] = [];
  const firstLine = new Map<string, number>();
  let current: KeyedEntry | null = null;
  for (const { line, fields } of rows) {
    if (fields.length !== GLOSSARY_TSV_COLUMNS.length) {
      problems.push({
        line,
        key: null,
        field: "row",
        message: `has ${fields.length} columns, expected ${GLOSSARY_TSV_COLUMNS.length}`,
      });
      continue;
    }
    const [key = "", lang = "", status = "", term = "", pos, termNote, domain, definition, note, source] =
      fields.map(cell);
    const problem = (field: string, message: string) => problems.push({ line, key, field, message });
    if (!KEY_RE.test(key)) problem("key", `"${key}" is not a valid key`);
    if (!(LANGS as readonly string[]).includes(lang)) problem("lang", `"${lang}" is not ar or en`);
    if (!(TERM_STATUSES as readonly string[]).includes(status))
      problem("status", `"${status}" is not a term status`);
    if (term.trim() === "" || term !== term.trim()) problem("term", "is empty or has surrounding spaces");
    const t: Term = {
      lang: lang as Lang,
      text: term,
      status: status as TermStatus,
      partOfSpeech: emptyToNull(pos),
      note: emptyToNull(termNote),
    };
    if (current && current.key === key) {
      if (domain || definition || note || source)
        problem("domain", "concept fields belong on the first row of the key only");
      current.terms.push(t);
      continue;
    }
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      problem("key", `key "${key}" already used at line ${earlier}; rows of a key must stand together`);
      continue;
    }
    current = {
      key,
      domain: domain ?? "",
      definition: emptyToNull(definition),
      note: emptyToNull(note),
      source: emptyToNull(source),
      terms: [t],
    };
    firstLine.set(key, line);
    entries.push(current);
    lines.push(line);
  }
  for (const entry of entries)
    for (const message of entryProblems(entry))
      problems.push({
        line: firstLine.get(entry.key) ?? 0,
        key: entry.key,
        field: "entry",
        message: `${entry.key}: ${message}`,
      });
  return { entries, lines, problems };
}

/** Whether a header row is Diwan's own layout. */
export const isDiwanHeader = (fields: readonly string[]) =>
  fields.join("\t") === GLOSSARY_TSV_COLUMNS.join("\t");

/** TSV lines as rows (the header included); blank lines are left out. */
export function tsvRows(text: string): GlossaryRow[] {
  const rows: GlossaryRow[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() !== "") rows.push({ line: i + 1, fields: raw.split("\t") });
    });
  return rows;
}

/**
 * TSV cells hold no tab or line break, so the writer escapes them as `\t`, `\n`, `\r` and a backslash as
 * `\\` (the convention of PostgreSQL's and MySQL's text formats); the reader of Diwan's layout undoes it.
 */
export function escapeTsvCell(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

export function unescapeTsvCell(s: string): string {
  return s.replace(/\\([\\tnr])/g, (_, c: string) =>
    c === "\\" ? "\\" : c === "t" ? "\t" : c === "n" ? "\n" : "\r",
  );
}

/** Parses glossary TSV rows into entries; every problem is collected with its line number, then thrown. */
export function parseGlossaryTsv(text: string): KeyedEntry[] {
  const rows = tsvRows(text);
  const header = rows.shift();
  if (!header || header.line !== 1 || !isDiwanHeader(header.fields))
    throw new GlossaryTsvError([
      { line: 1, field: "header", message: `expected columns ${GLOSSARY_TSV_COLUMNS.join(", ")}` },
    ]);
  const { entries, problems } = readDiwanRows(rows, (c) => unescapeTsvCell(restoreFormula(c)));
  if (problems.length) throw new GlossaryTsvError(problems.map(({ key: _, ...p }) => p));
  return entries;
}

/**
 * The column layout's rows of entries (header excluded): one row per term, the concept's fields on its first
 * row and null on the others. The one row model of the TSV, CSV and XLSX writers.
 */
export function glossaryTermRows(entries: Iterable<KeyedEntry>): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const e of entries)
    e.terms.forEach((t, i) => {
      const first = i === 0;
      rows.push([
        e.key,
        t.lang,
        t.status,
        t.text,
        t.partOfSpeech,
        t.note,
        first ? e.domain : null,
        first ? e.definition : null,
        first ? e.note : null,
        first ? e.source : null,
      ]);
    });
  return rows;
}

/**
 * Writes entries in the glossary TSV format; tabs, line breaks and backslashes are escaped (escapeTsvCell).
 * Cells a spreadsheet would run as formulas get an apostrophe first unless `escapeFormulas` is false
 * (spreadsheet-cell.ts); the reader takes it off again.
 */
export function writeGlossaryTsv(
  entries: Iterable<KeyedEntry>,
  options: { escapeFormulas?: boolean } = {},
): string {
  const out: string[] = [GLOSSARY_TSV_COLUMNS.join("\t")];
  const neutralize = options.escapeFormulas !== false;
  const cell = (v: string | null) => {
    const s = escapeTsvCell(v ?? "");
    return neutralize ? neutralizeFormula(s) : s;
  };
  for (const row of glossaryTermRows(entries)) out.push(row.map(cell).join("\t"));
  return `${out.join("\n")}\n`;
}
