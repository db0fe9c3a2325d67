/**
 * Glossaries as tables, the way people and tools write them: CSV, TSV and OmegaT's glossary text (`.txt`,
 * `.tab`, `.utf8`: source TAB target TAB comment, `#` lines are comments). Two layouts:
 *
 * - Diwan's own (header `key,lang,status,term,…`, seed-tsv.ts): entries whose rows have problems are
 *   skipped with every problem, the others imported.
 * - Bilingual: one row per entry. A header row names the columns (`source`/`target`, `term`, language tags
 *   such as `ar`, `en-GB`, `Arabic`; `comment`/`note`, `definition`, `domain`; `Notes` right after a
 *   language column is that term's note, as Matecat writes); without a header (OmegaT), the columns are
 *   Arabic source, English target, comment. Source is Arabic and target English, Diwan's direction.
 *   Other columns are counted in `notKept`; a row without one of the two terms is skipped with its line.
 */
import type { Lang, Term } from "../types";
import { parseCsvRecords } from "./csv";
import { FormatError } from "./errors";
import type { GlossaryReading, ReadEntry } from "./glossary-model";
import { baseLang } from "./lang";
import { type GlossaryRow, isDiwanHeader, readDiwanRows, tsvRows, unescapeTsvCell } from "./seed-tsv";
import { restoreFormula } from "./spreadsheet-cell";

export type TableKind = "csv" | "tsv" | "omegat" | "xlsx";

export interface TableReadOptions {
  /** Domain of entries the file gives none (default "general"). */
  defaultDomain?: string;
}

type Role =
  | { kind: "term"; lang: Lang }
  | { kind: "termNote"; lang: Lang }
  | { kind: "note" }
  | { kind: "definition" }
  | { kind: "domain" }
  | { kind: "forbidden" }
  | { kind: "other"; name: string };

const NAMED: Record<string, Role> = {
  source: { kind: "term", lang: "ar" },
  src: { kind: "term", lang: "ar" },
  "source term": { kind: "term", lang: "ar" },
  term: { kind: "term", lang: "ar" },
  terms: { kind: "term", lang: "ar" },
  target: { kind: "term", lang: "en" },
  tgt: { kind: "term", lang: "en" },
  "target term": { kind: "term", lang: "en" },
  translation: { kind: "term", lang: "en" },
  arabic: { kind: "term", lang: "ar" },
  english: { kind: "term", lang: "en" },
  comment: { kind: "note" },
  comments: { kind: "note" },
  note: { kind: "note" },
  notes: { kind: "note" },
  description: { kind: "note" },
  remark: { kind: "note" },
  remarks: { kind: "note" },
  definition: { kind: "definition" },
  descr: { kind: "definition" },
  domain: { kind: "domain" },
  subject: { kind: "domain" },
  "subject field": { kind: "domain" },
  category: { kind: "domain" },
  // Matecat: TRUE marks the row's terms as not to be used in a translation — in Diwan's direction, the
  // English term is a forbidden rendering of the Arabic.
  forbidden: { kind: "forbidden" },
};
/**
 * Language names a header may use instead of tags ("English", "Portuguese_word", "English descr"): Arabic
 * and English are read, the others are columns left out (named in the report).
 */
const LANGUAGE_NAMES: Record<string, Lang | null> = {
  arabic: "ar",
  english: "en",
  french: null,
  spanish: null,
  german: null,
  portuguese: null,
  italian: null,
  russian: null,
  chinese: null,
  japanese: null,
  korean: null,
  turkish: null,
  persian: null,
  farsi: null,
  urdu: null,
  hebrew: null,
  dutch: null,
  hindi: null,
};
/** What follows a language name in a header: the term itself, its definition, or its note. */
const LANGUAGE_SUFFIX: Record<string, "term" | "definition" | "note"> = {
  "": "term",
  word: "term",
  term: "term",
  terms: "term",
  descr: "definition",
  description: "definition",
  definition: "definition",
  note: "note",
  notes: "note",
  comment: "note",
};

/** A header cell as words: "English_word" → "english word". */
const headerWords = (name: string) => name.trim().toLowerCase().replace(/[_.]+/g, " ").replace(/\s+/g, " ");

/** The role of a header naming a language by name ("Arabic", "English_descr", "Portuguese_word"). */
function languageNameRole(words: string, name: string): Role | null {
  const [first = "", ...rest] = words.split(" ");
  if (!(first in LANGUAGE_NAMES)) return null;
  const suffix = LANGUAGE_SUFFIX[rest.join(" ")];
  if (!suffix) return null;
  const lang = LANGUAGE_NAMES[first];
  if (!lang) return { kind: "other", name: `${suffix === "term" ? "terms" : `${suffix}s`} in ${name}` };
  if (suffix === "term") return { kind: "term", lang };
  return suffix === "note" ? { kind: "termNote", lang } : { kind: "definition" };
}
/** Header names of columns Diwan does not store: enough to tell a header row from a first entry. */
const KNOWN_OTHER = new Set([
  "subdomain",
  "example of use",
  "example",
  "context",
  "key",
  "lang",
  "language",
  "pos",
  "part of speech",
  "status",
  "id",
]);
const LANG_TAG = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;

const isHeader = (fields: string[]): boolean => {
  const cells = fields.map(headerWords).filter((f) => f !== "");
  if (cells.some((c) => c in NAMED || KNOWN_OTHER.has(c) || languageNameRole(c, c) !== null)) return true;
  return cells.length >= 2 && cells.every((c) => LANG_TAG.test(c));
};

function rolesOf(header: string[]): Role[] {
  const roles: Role[] = [];
  let lastLang: Lang | null = null;
  let lastOther: string | null = null;
  const taken = new Set<Lang>();
  for (const raw of header) {
    const name = raw.trim();
    const lower = headerWords(name);
    const tagLang = LANG_TAG.test(name) ? baseLang(name) : null;
    let role: Role = NAMED[lower] ??
      languageNameRole(lower, name) ?? { kind: "other", name: name || "(unnamed column)" };
    if (LANG_TAG.test(name) && !(lower in NAMED))
      role = tagLang ? { kind: "term", lang: tagLang } : { kind: "other", name: `terms in ${name}` };
    if (role.kind === "note" && (lower === "notes" || lower === "note")) {
      if (lastLang !== null) role = { kind: "termNote", lang: lastLang };
      // Notes right after a language Diwan does not keep are that language's (Matecat): not the entry's.
      else if (lastOther !== null) role = { kind: "other", name: `notes in ${lastOther}` };
    }
    if (role.kind === "term") {
      if (taken.has(role.lang)) role = { kind: "other", name: `second ${role.lang} column (${name})` };
      else taken.add(role.lang);
    }
    // A column after a language's term column belongs to it until the next language (Matecat).
    if (role.kind === "term") [lastLang, lastOther] = [role.lang, null];
    else if (role.kind === "other" && role.name.startsWith("terms in "))
      [lastLang, lastOther] = [null, role.name.slice("terms in ".length)];
    // A column Diwan does not know (Matecat's INVALID_TARGET_LANG) may be another language: notes after it
    // are not the last known language's term notes, and are kept as the entry's note.
    else if (role.kind === "other" && !KNOWN_OTHER.has(lower) && !role.name.startsWith("notes in "))
      [lastLang, lastOther] = [null, null];
    roles.push(role);
  }
  return roles;
}

const TRUE = /^\s*(true|yes|1|x)\s*$/i;
const FALSE = /^\s*(false|no|0)\s*$/i;

const HEADERLESS: Role[] = [{ kind: "term", lang: "ar" }, { kind: "term", lang: "en" }, { kind: "note" }];

function readBilingual(
  rows: GlossaryRow[],
  options: TableReadOptions,
  out: GlossaryReading,
  tabs: boolean,
): void {
  const first = rows[0];
  const header = first && isHeader(first.fields) ? first.fields : null;
  const roles = header ? rolesOf(header) : HEADERLESS;
  if (header) rows = rows.slice(1);
  for (const lang of ["ar", "en"] as const)
    if (!roles.some((r) => r.kind === "term" && r.lang === lang))
      throw new FormatError(
        "invalid-content",
        `the header row names no ${lang === "ar" ? "Arabic" : "English"} column (columns: ${header!.join(", ")}); ` +
          `name it ${lang}, ${lang === "ar" ? "source" : "target"} or ${lang === "ar" ? "Arabic" : "English"}`,
        first!.line,
      );
  const defaultDomain = options.defaultDomain ?? "general";
  const hasDomain = roles.some((r) => r.kind === "domain");
  let defaulted = 0;
  for (const { line, fields } of rows) {
    const name = `row ${line}`;
    const terms: Partial<Record<Lang, Term>> = {};
    const termNotes: Partial<Record<Lang, string>> = {};
    let note: string | null = null;
    let definition: string | null = null;
    let domain: string | null = null;
    let forbidden = false;
    let definitionColumn = 0;
    const adjusted: string[] = [];
    fields.forEach((raw, i) => {
      const role = roles[i] ?? { kind: "other", name: `column ${i + 1}` };
      const value = raw;
      if (value.trim() === "") return;
      if (role.kind === "term") {
        const text = value.trim();
        if (text !== value) adjusted.push(`term "${text}" (${role.lang}) trimmed of surrounding white space`);
        terms[role.lang] = { lang: role.lang, text, status: "preferred", partOfSpeech: null, note: null };
      } else if (role.kind === "termNote") termNotes[role.lang] = value;
      else if (role.kind === "note") note = note === null ? value : `${note}\n${value}`;
      else if (role.kind === "definition") {
        // Diwan stores one definition: a second is kept after the first (a blank line between), reported.
        if (definition !== null)
          adjusted.push(`definitions of columns ${definitionColumn} and ${i + 1} joined`);
        else definitionColumn = i + 1;
        definition = definition === null ? value : `${definition}\n\n${value}`;
      } else if (role.kind === "domain") {
        if (domain === null) domain = value.trim();
        else if (value.trim() !== domain)
          adjusted.push(`a second domain "${value.trim()}" (column ${i + 1}) left out`);
      } else if (role.kind === "forbidden") {
        if (TRUE.test(value)) forbidden = true;
        else if (!FALSE.test(value))
          adjusted.push(`"${value.trim()}" in column ${i + 1} (forbidden) is not TRUE or FALSE: left out`);
      } else out.notKept[role.name] = (out.notKept[role.name] ?? 0) + 1;
    });
    if (!terms.ar || !terms.en) {
      const missing = [terms.ar ? null : "Arabic (source)", terms.en ? null : "English (target)"];
      // A tab-separated line without a tab (spaces instead): say so, OmegaT reads no entry from it either.
      const noTab =
        tabs && !header && fields.length === 1 && /\S\s{2,}\S/.test(fields[0] ?? "")
          ? ": the line has no tab (source, target and comment are separated by tabs, not spaces)"
          : "";
      out.skipped.push({
        entry: name,
        line,
        message: `no ${missing.filter(Boolean).join(" and ")} term${noTab}`,
      });
      continue;
    }
    for (const lang of ["ar", "en"] as const) if (termNotes[lang]) terms[lang]!.note = termNotes[lang]!;
    if (forbidden) terms.en.status = "forbidden";
    if (domain === null && hasDomain) adjusted.push(`no domain: "${defaultDomain}"`);
    if (domain === null) defaulted++;
    for (const message of adjusted) out.adjusted.push({ entry: name, line, message });
    const entry: ReadEntry = {
      key: null,
      domain: domain ?? defaultDomain,
      definition,
      note,
      source: null,
      terms: [terms.ar, terms.en],
    };
    out.entries.push(entry);
    out.lines.push(line);
  }
  if (!hasDomain && defaulted > 0)
    out.adjusted.push({
      entry: "every row",
      line: rows[0]?.line ?? 1,
      message: `the file has no domain column: domain "${defaultDomain}"`,
    });
}

/** Reads a glossary table of either layout; refuses only what cannot be read at all (quoting, header). */
export function readGlossaryTable(
  text: string,
  kind: Exclude<TableKind, "xlsx">,
  options: TableReadOptions = {},
): GlossaryReading {
  let rows: GlossaryRow[] =
    kind === "csv"
      ? parseCsvRecords(text, { literalQuotes: true }).filter((r) => r.fields.some((f) => f.trim() !== ""))
      : tsvRows(text);
  if (kind === "omegat") rows = rows.filter((r) => !(r.fields[0] ?? "").startsWith("#"));
  return readGlossaryTableRows(rows, kind, options);
}

/**
 * Reads rows already split into cells (a CSV/TSV/OmegaT text, or a spreadsheet's sheet). Cells of text
 * tables lose the formula-guard apostrophe (and TSV escapes); spreadsheet cells are taken as they are.
 */
export function readGlossaryTableRows(
  rows: GlossaryRow[],
  kind: TableKind,
  options: TableReadOptions = {},
): GlossaryReading {
  const out: GlossaryReading = { entries: [], lines: [], skipped: [], adjusted: [], notKept: {} };
  const first = rows[0];
  // An empty glossary (OmegaT's new project glossary holds only its magic comment) imports nothing.
  if (!first) return out;
  if (isDiwanHeader(first.fields)) {
    const cell =
      kind === "xlsx"
        ? (c: string) => c
        : kind === "csv"
          ? restoreFormula
          : (c: string) => unescapeTsvCell(restoreFormula(c));
    readDiwanLayout(rows.slice(1), cell, out);
    return out;
  }
  readBilingual(
    kind === "xlsx" ? rows : rows.map((r) => ({ line: r.line, fields: r.fields.map(restoreFormula) })),
    options,
    out,
    kind === "tsv" || kind === "omegat",
  );
  return out;
}

/**
 * Diwan's layout: a row whose language is another one (fr, de) is left out and reported, its entry kept;
 * a regional tag (en-GB, ar-SA) is read as its language. Entries whose rows have problems are skipped with
 * every problem.
 */
function readDiwanLayout(rows: GlossaryRow[], cell: (s: string) => string, out: GlossaryReading): void {
  const LANG = 1;
  const kept: GlossaryRow[] = [];
  const notes: { key: string; line: number; message: string }[] = [];
  for (const row of rows) {
    const fields = row.fields.map(cell);
    const lang = (fields[LANG] ?? "").trim();
    const base = LANG_TAG.test(lang) ? baseLang(lang) : null;
    const key = fields[0] ?? "";
    const conceptFields = fields.slice(6).some((f) => f !== "");
    if (LANG_TAG.test(lang) && base === null && !conceptFields) {
      notes.push({
        key,
        line: row.line,
        message: `term "${fields[3] ?? ""}" (${lang}) left out: Diwan keeps Arabic and English`,
      });
      out.notKept[`terms in ${lang}`] = (out.notKept[`terms in ${lang}`] ?? 0) + 1;
      continue;
    }
    if (base !== null && base !== lang) {
      fields[LANG] = base;
      notes.push({ key, line: row.line, message: `language "${lang}" read as ${base}` });
    }
    kept.push({ line: row.line, fields });
  }
  const { entries, lines, problems } = readDiwanRows(kept);
  const bad = new Map<string, { line: number; messages: string[] }>();
  for (const p of problems) {
    if (p.key === null) {
      out.skipped.push({ entry: `row ${p.line}`, line: p.line, message: `${p.field}: ${p.message}` });
      continue;
    }
    const b = bad.get(p.key) ?? { line: p.line, messages: [] };
    b.messages.push(`line ${p.line} ${p.field}: ${p.message}`);
    bad.set(p.key, b);
  }
  for (const [key, b] of bad) out.skipped.push({ entry: key, line: b.line, message: b.messages.join("; ") });
  entries.forEach((e, i) => {
    if (bad.has(e.key)) return;
    out.entries.push(e);
    out.lines.push(lines[i]!);
  });
  for (const n of notes)
    if (!bad.has(n.key)) out.adjusted.push({ entry: n.key, line: n.line, message: n.message });
}
