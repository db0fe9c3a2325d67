import { raw } from "hono/html";
import type { EntryContent, GlossaryEntry, Lang, Term, TermStatus } from "../types";
import { escapeHtml } from "./html";
import { useI18n, useT } from "./i18n/i18n";
import { commonText } from "./messages";

/** Small pieces shared by the pages of several features (a feature's own components live in its folder). */

/** A language's name in the interface language ("Arabic" / "العربية"). */
export const useLangName = () => {
  const t = useT(commonText);
  return (lang: Lang) => t[`lang_${lang}`];
};

/** A status's name in the interface language ("preferred" / "مفضَّل"). */
export const useStatusName = () => {
  const t = useT(commonText);
  return (status: TermStatus) => t[`status_${status}`];
};

const STATUS_ICON: Record<TermStatus, string> = {
  preferred: "✓",
  admitted: "○",
  deprecated: "⚠",
  // Glyphs present in common system fonts (DejaVu, Segoe UI): emoji fonts are not everywhere.
  forbidden: "✖",
};

/** A term status as colour + icon + word, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: TermStatus }) {
  const name = useStatusName();
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {name(status)}
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

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/**
 * Language and direction of a stored text whose language is not recorded (definitions, notes, sources,
 * domains, names): those of its first letter, as dir="auto" would decide, but explicit so that `lang` is
 * right too (fonts, screen-reader voice). Digits and punctuation are neutral and do not decide.
 */
export function valueLang(text: string): { lang: Lang; dir: "rtl" | "ltr" } {
  // Most values start with a Latin letter (or ASCII digits and punctuation before one): decided without the
  // Unicode-property regexes, whose first use costs a new isolate milliseconds (a review page has hundreds).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // ASCII letters to lower case
    if (c >= 0x61 && c <= 0x7a) return { lang: "en", dir: "ltr" };
    if (text.charCodeAt(i) > 0x7f) break;
  }
  const first = /\p{L}/u.exec(text)?.[0];
  return first && RTL_LETTER.test(first) ? { lang: "ar", dir: "rtl" } : { lang: "en", dir: "ltr" };
}

/**
 * A stored value shown inside interface text: isolated (<bdi>, or the given block element) with its own
 * language and direction, so an Arabic note keeps its full stop and parentheses where they belong on an
 * English page, and an English one on an Arabic page.
 */
export function Value({ text, as }: { text: string; as?: "div" | "dd" | "span" }) {
  if (as !== "div" && as !== "dd") return raw(valueHtml(text));
  const { lang, dir } = valueLang(text);
  const cls = lang === "ar" ? "ar" : undefined;
  if (as === "div")
    return (
      <div lang={lang} dir={dir} class={cls}>
        {text}
      </div>
    );
  return (
    <dd lang={lang} dir={dir} class={cls}>
      {text}
    </dd>
  );
}

/** Value's usual shape, a <bdi>, as a string (src/web/html.ts), for lists written as strings. */
export function valueHtml(text: string): string {
  const { lang, dir } = valueLang(text);
  return `<bdi lang="${lang}" dir="${dir}"${lang === "ar" ? ' class="ar"' : ""}>${escapeHtml(text)}</bdi>`;
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

/**
 * A one-page message (errors, refusals, "done"): title, text and an optional way on. `detail` is text that
 * only exists in English (an error's own detail): shown marked as English below the message.
 */
export function MessagePage({
  title,
  message,
  link,
  detail,
}: {
  title: string;
  message: string;
  link?: [string, string];
  detail?: string | undefined;
}) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      {detail ? (
        <p lang="en" dir="ltr" class="detail">
          {detail}
        </p>
      ) : null}
      {link ? (
        <p>
          <a href={link[0]}>{link[1]}</a>
        </p>
      ) : null}
    </section>
  );
}

/** An entry named by its head terms, the interface language's first (history headings, import previews). */
export function EntrySummary({ e }: { e: { terms: GlossaryEntry["terms"] } }) {
  const [first, second] = headTermsInOrder(e, useI18n().locale);
  return (
    <>
      {first ? <TermText term={first} /> : null} · {second ? <TermText term={second} /> : null}
    </>
  );
}

/** The head terms of an entry, the interface language's first: English · Arabic, or العربية · English. */
export function headTermsInOrder(
  e: Pick<EntryContent, "terms">,
  locale: Lang,
): [Term | undefined, Term | undefined] {
  const ar = headTerm(e, "ar");
  const en = headTerm(e, "en");
  return locale === "ar" ? [ar, en] : [en, ar];
}
