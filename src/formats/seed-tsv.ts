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

/** Parses glossary TSV rows into entries; every problem is collected with its line number, then thrown. */
export function parseGlossaryTsv(text: string): KeyedEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const problems: TsvProblem[] = [];
  const header = (lines[0] ?? "").split("\t");
  if (header.join("\t") !== GLOSSARY_TSV_COLUMNS.join("\t")) {
    throw new GlossaryTsvError([
      { line: 1, field: "header", message: `expected columns ${GLOSSARY_TSV_COLUMNS.join(", ")}` },
    ]);
  }
  const entries: KeyedEntry[] = [];
  const byKey = new Map<string, { entry: KeyedEntry; line: number }>();
  let current: KeyedEntry | null = null;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const lineNo = i + 1;
    if (raw.trim() === "") continue;
    const cols = raw.split("\t");
    if (cols.length !== GLOSSARY_TSV_COLUMNS.length) {
      problems.push({
        line: lineNo,
        field: "row",
        message: `has ${cols.length} columns, expected ${GLOSSARY_TSV_COLUMNS.length}`,
      });
      continue;
    }
    // Cells the writer neutralised against formula injection get their text back (spreadsheet-cell.ts).
    const [key = "", lang = "", status = "", term = "", pos, termNote, domain, definition, note, source] =
      cols.map(restoreFormula);
    if (!KEY_RE.test(key))
      problems.push({ line: lineNo, field: "key", message: `"${key}" is not a valid key` });
    if (!(LANGS as readonly string[]).includes(lang))
      problems.push({ line: lineNo, field: "lang", message: `"${lang}" is not ar or en` });
    if (!(TERM_STATUSES as readonly string[]).includes(status))
      problems.push({ line: lineNo, field: "status", message: `"${status}" is not a term status` });
    if (term.trim() === "" || term !== term.trim())
      problems.push({ line: lineNo, field: "term", message: "is empty or has surrounding spaces" });
    const t: Term = {
      lang: lang as Lang,
      text: term,
      status: status as TermStatus,
      partOfSpeech: emptyToNull(pos),
      note: emptyToNull(termNote),
    };
    if (current && current.key === key) {
      if (domain || definition || note || source)
        problems.push({
          line: lineNo,
          field: "domain",
          message: "concept fields belong on the first row of the key only",
        });
      current.terms.push(t);
      continue;
    }
    const earlier = byKey.get(key);
    if (earlier) {
      problems.push({
        line: lineNo,
        field: "key",
        message: `key "${key}" already used at line ${earlier.line}; rows of a key must stand together`,
      });
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
    byKey.set(key, { entry: current, line: lineNo });
    entries.push(current);
  }
  for (const { entry, line } of byKey.values()) {
    for (const message of entryProblems(entry))
      problems.push({ line, field: "entry", message: `${entry.key}: ${message}` });
  }
  if (problems.length) throw new GlossaryTsvError(problems);
  return entries;
}

const FORBIDDEN_IN_FIELD = /[\t\r\n]/;

/**
 * Writes entries in the glossary TSV format. Tabs and line breaks cannot be represented and are refused.
 * Cells a spreadsheet would run as formulas get an apostrophe first unless `escapeFormulas` is false
 * (spreadsheet-cell.ts); the reader takes it off again.
 */
export function writeGlossaryTsv(
  entries: Iterable<KeyedEntry>,
  options: { escapeFormulas?: boolean } = {},
): string {
  const out: string[] = [GLOSSARY_TSV_COLUMNS.join("\t")];
  const neutralize = options.escapeFormulas !== false;
  const cell = (v: string | null, what: string) => {
    const s = v ?? "";
    if (FORBIDDEN_IN_FIELD.test(s))
      throw new Error(`${what} contains a tab or line break, which TSV cannot hold`);
    return neutralize ? neutralizeFormula(s) : s;
  };
  for (const e of entries) {
    e.terms.forEach((t, i) => {
      const first = i === 0;
      out.push(
        [
          cell(e.key, "key"),
          t.lang,
          t.status,
          cell(t.text, "term"),
          cell(t.partOfSpeech, "part of speech"),
          cell(t.note, "term note"),
          first ? cell(e.domain, "domain") : "",
          first ? cell(e.definition, "definition") : "",
          first ? cell(e.note, "note") : "",
          first ? cell(e.source, "source") : "",
        ].join("\t"),
      );
    });
  }
  return `${out.join("\n")}\n`;
}
