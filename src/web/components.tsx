import type { EntryContent, GlossaryEntry, Lang, Term, TermStatus } from "../types";

/** Small pieces shared by the pages of several features (a feature's own components live in its folder). */

export const LANG_NAMES: Record<Lang, string> = { ar: "Arabic", en: "English" };

const STATUS_ICON: Record<TermStatus, string> = {
  preferred: "✓",
  admitted: "○",
  deprecated: "⚠",
  // Glyphs present in common system fonts (DejaVu, Segoe UI): emoji fonts are not everywhere.
  forbidden: "✖",
};

/** A term status as colour + icon + word, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: TermStatus }) {
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {status}
    </span>
  );
}

/** Term text with its language and direction, isolated from the surrounding text (bidi). */
export function TermText({ term }: { term: Pick<Term, "lang" | "text"> }) {
  return term.lang === "ar" ? (
    <bdi lang="ar" dir="rtl" class="ar">
      {term.text}
    </bdi>
  ) : (
    <bdi lang="en" dir="ltr">
      {term.text}
    </bdi>
  );
}

/** The first preferred term of a language, else its first term. */
export function headTerm(e: Pick<EntryContent, "terms">, lang: Lang): Term | undefined {
  return (
    e.terms.find((t) => t.lang === lang && t.status === "preferred") ?? e.terms.find((t) => t.lang === lang)
  );
}

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** Field-level error text, referenced from the control by aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  ) : null;
}

/** A one-page message (errors, refusals, "done"): title, text and an optional way on. */
export function MessagePage({
  title,
  message,
  link,
}: {
  title: string;
  message: string;
  link?: [string, string];
}) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      {link ? (
        <p>
          <a href={link[0]}>{link[1]}</a>
        </p>
      ) : null}
    </section>
  );
}

/** An entry named by its head terms, English · Arabic (history headings, import previews). */
export function EntrySummary({ e }: { e: { terms: GlossaryEntry["terms"] } }) {
  const ar = headTerm(e, "ar");
  const en = headTerm(e, "en");
  return (
    <>
      {en ? <TermText term={en} /> : null} · {ar ? <TermText term={ar} /> : null}
    </>
  );
}
