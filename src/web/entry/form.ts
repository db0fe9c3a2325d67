import { EntryInputSchema } from "../../schemas/entry";
import { type EntryContent, LANGS, type Lang, TERM_STATUSES, type TermStatus } from "../../types";
import { entryText } from "./messages";

/** The form's error texts (entry catalog, in the page's language). */
type FormText = (typeof entryText.messages)["en"];

/**
 * The entry form as the user filled it in: plain strings, kept verbatim so a refused form is shown again
 * exactly as typed. Validation is the API's own EntryInputSchema, so web and API accept the same entries.
 */
export interface TermRow {
  lang: Lang;
  text: string;
  status: TermStatus;
  pos: string;
  note: string;
}

export interface EntryForm {
  domain: string;
  definition: string;
  note: string;
  source: string;
  terms: TermRow[];
  /** Version of the entry the form was loaded from (null for a new entry). */
  version: number | null;
}

/** Field name → message; term fields are `terms.<row>.text` etc. by form row. */
export type FormErrors = Record<string, string>;

export const emptyForm = (): EntryForm => ({
  domain: "",
  definition: "",
  note: "",
  source: "",
  terms: [
    { lang: "ar", text: "", status: "preferred", pos: "", note: "" },
    { lang: "en", text: "", status: "preferred", pos: "", note: "" },
  ],
  version: null,
});

export const formOf = (e: EntryContent & { version?: number }): EntryForm => ({
  domain: e.domain,
  definition: e.definition ?? "",
  note: e.note ?? "",
  source: e.source ?? "",
  terms: e.terms.map((t) => ({
    lang: t.lang,
    text: t.text,
    status: t.status,
    pos: t.partOfSpeech ?? "",
    note: t.note ?? "",
  })),
  version: e.version ?? null,
});

export const newTermRow = (): TermRow => ({ lang: "ar", text: "", status: "admitted", pos: "", note: "" });

type Body = Record<string, string | File | (string | File)[]>;

function all(body: Body, name: string): string[] {
  const v = body[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === "string" ? x : ""));
}
const one = (body: Body, name: string) => all(body, name)[0] ?? "";

/** Reads the posted form (parseBody with `all: true`). Unknown languages/statuses fall back to defaults. */
export function readForm(body: Body): EntryForm {
  const langs = all(body, "term_lang");
  const texts = all(body, "term_text");
  const statuses = all(body, "term_status");
  const poses = all(body, "term_pos");
  const notes = all(body, "term_note");
  const terms: TermRow[] = texts.slice(0, 60).map((text, i) => ({
    lang: (LANGS as readonly string[]).includes(langs[i] ?? "") ? (langs[i] as Lang) : "ar",
    text,
    status: (TERM_STATUSES as readonly string[]).includes(statuses[i] ?? "")
      ? (statuses[i] as TermStatus)
      : "preferred",
    pos: poses[i] ?? "",
    note: notes[i] ?? "",
  }));
  const version = Number(one(body, "version"));
  return {
    domain: one(body, "domain"),
    definition: one(body, "definition"),
    note: one(body, "note"),
    source: one(body, "source"),
    terms,
    version: Number.isSafeInteger(version) && version > 0 ? version : null,
  };
}

/** Rows that label themselves "Arabic term"/"English term": the first row of each language. */
export function headRows(form: EntryForm): Set<number> {
  const heads = new Set<number>();
  for (const lang of LANGS) {
    const i = form.terms.findIndex((t) => t.lang === lang);
    if (i >= 0) heads.add(i);
  }
  return heads;
}

/**
 * Validates the form with the API schema. Variant rows left empty are dropped (an "Add term" row the user
 * did not fill); errors are reported against form rows, not positions in the filtered list.
 */
export function validateForm(
  form: EntryForm,
  text: FormText = entryText.messages.en,
): { ok: true; input: EntryContent } | { ok: false; errors: FormErrors } {
  const heads = headRows(form);
  const rowOfTerm: number[] = [];
  const terms = form.terms.flatMap((t, row) => {
    if (!heads.has(row) && t.text.trim() === "" && t.pos.trim() === "" && t.note.trim() === "") return [];
    rowOfTerm.push(row);
    return [
      {
        lang: t.lang,
        text: t.text.trim(),
        status: t.status,
        partOfSpeech: t.pos.trim() || null,
        note: t.note.trim() || null,
      },
    ];
  });
  const result = EntryInputSchema.safeParse({
    domain: form.domain.trim(),
    definition: form.definition.trim(),
    note: form.note.trim(),
    source: form.source.trim(),
    terms,
  });
  if (result.success) return { ok: true, input: result.data };
  const errors: FormErrors = {};
  const TERM_FIELD: Record<string, string> = {
    text: "text",
    status: "status",
    partOfSpeech: "pos",
    note: "note",
  };
  for (const issue of result.error.issues) {
    const [top, index, field] = issue.path.map(String);
    let name = top ?? "form";
    if (top === "terms" && index !== undefined && field !== undefined) {
      name = `terms.${rowOfTerm[Number(index)] ?? index}.${TERM_FIELD[field] ?? field}`;
    }
    const message = issueText(issue, top, text);
    errors[name] ??= message;
  }
  // An empty head row says "required" next to the field itself.
  form.terms.forEach((t, row) => {
    if (heads.has(row) && t.text.trim() === "") errors[`terms.${row}.text`] = text[`termRequired_${t.lang}`];
  });
  if (form.domain.trim() === "") errors.domain = text.domainRequired;
  return { ok: false, errors };
}

/** A schema issue in the page's language (the schema's own messages are the API's, in English). */
function issueText(
  issue: { code: string; message: string; maximum?: unknown },
  top: string | undefined,
  text: FormText,
): string {
  if (top === "terms" && (issue.code === "too_small" || /term is required/.test(issue.message)))
    return text.needTerms;
  if (issue.code === "too_big" && typeof issue.maximum === "number") return text.tooLong(issue.maximum);
  if (issue.code === "too_big") return text.tooMany;
  if (/line breaks/.test(issue.message)) return text.noLineBreaks;
  if (/control characters/.test(issue.message)) return text.noControl;
  if (/surrounding spaces/.test(issue.message)) return text.noSurroundingSpaces;
  if (/duplicate term/.test(issue.message)) return text.duplicate;
  if (/must not be empty/.test(issue.message)) return text.required;
  return text.invalid;
}
