// Glossary files (TBX, CSV/TSV/OmegaT tables) against Diwan's TBX export and its import answer: what is not
// in the export counts as documented only when the answer lists it, item by item (skipped entries with
// their reason, adjusted entries, columns not kept). Pure functions.
import { collapse, primary } from "./compare";
import type { TbxEntry, TbxReading } from "./tbx";
import type { TextGlossaryReading } from "./text-glossary";

/** What POST /api/glossary/import answered: the file's report. */
export interface GlossaryAnswer {
  skipped: { entry: string; line: number; message: string }[];
  adjusted: { entry: string; line: number; message: string }[];
  notKept: { what: string; count: number }[];
  notice?: string | null;
}

export const NO_ANSWER: GlossaryAnswer = { skipped: [], adjusted: [], notKept: [] };

/** Diwan's four statuses for a TBX administrativeStatus / normativeAuthorization value. */
export function expectedStatus(value: string | null): string {
  const v = (value ?? "")
    .replace(/-admn-sts$/i, "")
    .replace(/Term$/i, "")
    .toLowerCase();
  if (v === "preferred" || v === "standardized") return "preferred";
  // Diwan writes forbidden as deprecated plus its note (checked below), so a file's forbidden reads as that.
  if (["deprecated", "superseded", "notrecommended", "obsolete", "forbidden"].includes(v))
    return "deprecated";
  return "admitted";
}

const FORBIDDEN_NOTE = "Forbidden term (Diwan): never use.";

interface Terms {
  entry: TbxEntry;
  keys: string[];
}

function termKeys(entry: TbxEntry, trim: boolean, once = false): string[] {
  const keys = entry.languages
    .filter((l) => primary(l.lang) === "ar" || primary(l.lang) === "en")
    .flatMap((l) => l.terms.map((t) => `${primary(l.lang)}\u0000${trim ? t.text.trim() : t.text}`))
    .sort();
  return once ? [...new Set(keys)] : keys;
}

export function compareTbx(
  original: TbxReading,
  exported: TbxReading,
  answer: GlossaryAnswer = NO_ANSWER,
): Set<string> {
  const out = new Set<string>();
  const index: Terms[] = exported.entries.map((entry) => ({ entry, keys: termKeys(entry, false) }));
  const lookup = (keys: string[]) => index.find((t) => t.keys.join("\u0001") === keys.join("\u0001"));
  for (const [i, o] of original.entries.entries()) {
    const name = o.id ?? `#${i + 1}`;
    const langs = new Set(o.languages.filter((l) => l.terms.length > 0).map((l) => primary(l.lang)));
    if (!langs.has("ar") && !langs.has("en")) continue;
    if ([...langs].some((l) => l !== "ar" && l !== "en")) out.add("other-languages-not-kept");
    let found = lookup(termKeys(o, false));
    if (!found) {
      found = lookup(termKeys(o, true));
      if (found) out.add("terms-trimmed");
    }
    if (!found) {
      // A term repeated in its language is stored once: documented when the answer says so for this entry.
      found = lookup(termKeys(o, true, true));
      if (found)
        out.add(
          answer.adjusted.some((a) => a.entry === name && /appears twice/.test(a.message))
            ? "repeated-terms-kept-once"
            : "entries-lost",
        );
    }
    if (!found) {
      const both = langs.has("ar") && langs.has("en");
      const skip = answer.skipped.find((s) => s.entry === name);
      if (!skip) out.add(both ? "entries-lost" : "one-language-entries-lost");
      // Skipped with a reason: one language missing, or a defect the independent reader sees too.
      else if (!both && /^no (Arabic|English)/.test(skip.message)) out.add("one-language-entries-skipped");
      else if (both && o.defects.length > 0) out.add("defective-entries-skipped");
      else out.add("entries-skipped");
      continue;
    }
    const x = found.entry;
    const xTerms = x.languages.flatMap((l) => l.terms.map((t) => ({ lang: primary(l.lang), t })));
    for (const l of o.languages) {
      for (const t of l.terms) {
        const match = xTerms.find((e) => e.lang === primary(l.lang) && e.t.text === t.text.trim());
        if (!match) continue;
        const status = match.t.notes.includes(FORBIDDEN_NOTE) ? "deprecated" : expectedStatus(match.t.status);
        if (expectedStatus(t.status) !== status) out.add("term-status-differs");
        for (const n of t.notes)
          if (!match.t.notes.includes(n))
            out.add(match.t.notes.some((x) => x.includes(n)) ? "notes-joined" : "term-notes-lost");
      }
    }
    const definitions = [
      ...o.definitions,
      ...o.languages.filter((l) => ["ar", "en"].includes(primary(l.lang))).flatMap((l) => l.definitions),
    ];
    const xDefinitions = [...x.definitions, ...x.languages.flatMap((l) => l.definitions)];
    // Diwan stores one definition: the entry's definitions joined by a blank line, in order.
    const joined = (d: string) => xDefinitions.some((x) => x.split("\n\n").includes(d));
    for (const [i, d] of definitions.entries())
      if (!xDefinitions.includes(d))
        out.add(joined(d) ? "definitions-joined" : i === 0 ? "definition-lost" : "extra-definitions-lost");
    const notes = [
      ...o.notes,
      ...o.languages.filter((l) => ["ar", "en"].includes(primary(l.lang))).flatMap((l) => l.notes),
    ];
    const xNotes = [...x.notes, ...x.languages.flatMap((l) => l.notes)];
    for (const n of notes)
      if (!xNotes.includes(n)) out.add(xNotes.some((x) => x.includes(n)) ? "notes-joined" : "notes-lost");
    if (o.subjectFields.length === 0) out.add("default-domain");
    else if (!x.subjectFields.includes(o.subjectFields[0]!))
      out.add(x.subjectFields.includes(collapse(o.subjectFields[0]!)) ? "domain-joined" : "domain-differs");
  }
  return out;
}

/** Header names this reader knows (an independent, smaller list than Diwan's). */
const AR = /^(ar|ar[-_].+|source|src|source term|term|terms|arabic)$/i;
const EN = /^(en|en[-_].+|target|tgt|target term|translation|english)$/i;
const NOTE = /^(comment|comments|note|notes|description|remark|remarks)$/i;
const KNOWN = /^(definition|domain|subject|forbidden)$/i;
/** A header cell naming another language by its ISO 639-1 tag. */
const OTHER_TAG = /^[a-z]{2}(?:[-_][a-z0-9]{2,8})*$/i;

type Column = "ar" | "en" | "note" | "definition" | "domain" | "forbidden" | "other-language" | "other";

function columnsOf(header: string[] | null): Column[] {
  if (!header) return ["ar", "en", "note"];
  const seen = new Set<string>();
  let afterOther = false;
  return header.map((raw) => {
    const h = raw.trim();
    let c: Column;
    if (AR.test(h)) c = "ar";
    else if (EN.test(h)) c = "en";
    // Matecat: notes right after another language's column are that language's.
    else if (NOTE.test(h)) c = afterOther && /^notes?$/i.test(h) ? "other" : "note";
    else if (KNOWN.test(h)) c = /^subject$/i.test(h) ? "domain" : (h.toLowerCase() as Column);
    else c = OTHER_TAG.test(h) ? "other-language" : "other";
    // A second Arabic or English column is not Diwan's term (another variant): a column not kept.
    if ((c === "ar" || c === "en") && seen.has(c)) return "other";
    seen.add(c);
    if (c === "ar" || c === "en") afterOther = false;
    else if (c === "other-language") afterOther = true;
    return c;
  });
}

/**
 * A text glossary's rows against Diwan's TBX export and the import's answer. With a header, columns are
 * read by name (after re-labelling: `ar`, `en`, `source`, `target`, notes, definition, domain, Matecat's
 * `Forbidden`); without one, OmegaT's source, target, comment.
 */
export function compareTextGlossary(
  original: TextGlossaryReading,
  exported: TbxReading | null,
  answer: GlossaryAnswer = NO_ANSWER,
): Set<string> {
  const out = new Set<string>();
  const first = original.rows[0];
  const header = first?.some(
    (f) => AR.test(f.trim()) || EN.test(f.trim()) || NOTE.test(f.trim()) || KNOWN.test(f.trim()),
  )
    ? first
    : null;
  const columns = columnsOf(header);
  const body = original.rows.map((row, i) => ({ row, line: original.lines[i]! })).slice(header ? 1 : 0);
  if (body.length === 0 && exported === null) {
    if (!/no (glossary )?entr/i.test(answer.notice ?? "")) out.add("empty-file-not-reported");
    else out.add("empty-glossary");
    return out;
  }
  const entries = exported?.entries ?? [];
  // Diwan names a column it does not keep by its header, another language's terms and notes by the language.
  // Columns since the last Arabic or English one: notes there belong to one of them (Matecat's layout).
  const since = (i: number) => {
    const before = columns.slice(0, i);
    const last = Math.max(before.lastIndexOf("ar"), before.lastIndexOf("en"));
    return (header ?? []).slice(last + 1, i).map((h) => h.trim());
  };
  const notKept = (name: string, i: number) =>
    answer.notKept.some(
      (n) =>
        n.what === name ||
        n.what === `terms in ${name}` ||
        since(i).some((h) => n.what === `notes in ${h}` && NOTE.test(name)),
    );
  for (const { row, line } of body) {
    const cell = (c: Column) => (row[columns.indexOf(c)] ?? "").trim();
    const [ar, en] = [cell("ar"), cell("en")];
    if (ar === "" || en === "") {
      if (ar === "" && en === "") continue; // a row with neither term holds no entry
      const listed = answer.skipped.some((s) => s.line === line && /^no (Arabic|English)/.test(s.message));
      out.add(listed ? "one-language-entries-skipped" : "rows-lost");
      continue;
    }
    // Rows with the same two terms (one per sense) are several entries: the row is the one it agrees with best.
    const candidates = entries.filter((e) => {
      const has = (lang: string, text: string) =>
        e.languages.some((l) => primary(l.lang) === lang && l.terms.some((t) => t.text === text));
      return has("ar", ar) && has("en", en);
    });
    if (candidates.length === 0) {
      out.add("rows-lost");
      continue;
    }
    const best = candidates
      .map((entry) => rowAgainst(row, columns, entry, en, (name, i) => notKept(name, i), header))
      .sort((x, y) => [...x].filter(lost).length - [...y].filter(lost).length)[0]!;
    for (const c of best) out.add(c);
  }
  return out;
}

const lost = (c: string) => !c.endsWith("-not-kept");

/** One row's cells against the entry Diwan exported for it. */
function rowAgainst(
  row: string[],
  columns: Column[],
  entry: TbxEntry,
  en: string,
  notKept: (name: string, i: number) => boolean,
  header: string[] | null,
): Set<string> {
  const out = new Set<string>();
  const texts = [
    ...entry.notes,
    ...entry.definitions,
    ...entry.languages.flatMap((l) => [...l.notes, ...l.definitions, ...l.terms.flatMap((t) => t.notes)]),
  ];
  row.forEach((raw, i) => {
    const value = raw.trim();
    if (value === "") return;
    const c = columns[i] ?? "other";
    const name = header?.[i]?.trim() ?? `column ${i + 1}`;
    if (c === "note" || c === "definition") {
      // Notes after a column Diwan does not keep (a language it does not know) may be named as not kept.
      if (!texts.some((t) => t.includes(value)))
        out.add(c === "note" && notKept(name, i) ? "columns-not-kept" : "comments-lost");
    } else if (c === "domain") {
      if (!entry.subjectFields.includes(value)) out.add("domain-differs");
    } else if (c === "forbidden") {
      const english = entry.languages
        .filter((l) => primary(l.lang) === "en")
        .flatMap((l) => l.terms)
        .find((t) => t.text === en);
      const forbidden = english?.notes.includes(FORBIDDEN_NOTE) ?? false;
      if (/^true$/i.test(value) !== forbidden) out.add("term-status-differs");
    } else if (c === "other-language")
      out.add(notKept(name, i) ? "other-languages-not-kept" : "columns-lost");
    else if (c === "other") out.add(notKept(name, i) ? "columns-not-kept" : "columns-lost");
  });
  return out;
}
