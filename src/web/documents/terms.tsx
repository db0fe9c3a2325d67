import { raw } from "hono/html";
import { segmentSentences } from "../../text/segment";
import { type GlossaryEntry, TERM_STATUSES, type TermStatus } from "../../types";
import { valueHtml, valueLang } from "../components";
import { escapeHtml } from "../html";
import { useT } from "../i18n/i18n";
import { commonText } from "../messages";
import { reviewText } from "./messages";

/** The longest definition the list shows whole (the entry's page has it all, one link away). */
export const DEFINITION_MAX = 120;

/**
 * A definition as the list shows it: whole when it is one sentence of at most DEFINITION_MAX characters,
 * otherwise its first sentence (cut at a word within DEFINITION_MAX if still longer) and "…", so that a
 * glossary with long definitions does not weigh on every review page (a page lists up to a few hundred).
 */
export function shortDefinition(text: string): string {
  const whole = text.trim();
  // Most are one short sentence: no stop before a blank, nothing to segment (this runs per entry per page).
  if (whole.length <= DEFINITION_MAX && !/[.!?؟…]\s/u.test(whole)) return whole;
  let short = segmentSentences(whole, valueLang(whole).lang)[0]?.text ?? whole;
  if (short.length > DEFINITION_MAX) {
    const cut = short.slice(0, DEFINITION_MAX + 1);
    const space = cut.lastIndexOf(" ");
    short = space > DEFINITION_MAX / 2 ? cut.slice(0, space) : cut.slice(0, DEFINITION_MAX);
  }
  return short.length < whole.length ? `${short.replace(/[\s.,;:،؛]+$/u, "")}…` : whole;
}

const STATUS_ORDER: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };

/**
 * One entry of the list, written as a string (src/web/html.ts: a page lists up to a few hundred entries,
 * each a dozen elements): its terms per language, most preferred first, the deprecated and forbidden ones
 * wrapped, the definition and the link to the entry's page.
 */
function entryHtml(e: GlossaryEntry, status: Record<TermStatus, string>, openEntry: string): string {
  let html = `<li id="g${e.id}">`;
  for (const lang of ["ar", "en"] as const) {
    html += "<span>";
    const terms = e.terms.filter((x) => x.lang === lang);
    terms.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
    for (const x of terms) {
      const term = `<bdi lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">${escapeHtml(x.text)}</bdi> <small>(${escapeHtml(status[x.status])})</small> `;
      html +=
        x.status === "deprecated" || x.status === "forbidden"
          ? `<span class="g-term t-${x.status}">${term}</span>`
          : term;
    }
    html += "</span>";
  }
  if (e.definition) html += valueHtml(shortDefinition(e.definition));
  return `${html} <a href="/glossary/${e.id}">${escapeHtml(openEntry)}</a></li>`;
}

/**
 * The glossary entries whose terms are underlined on the page, each once: its terms in both languages with
 * their status in words, its definition (shortened when long: shortDefinition) and a link to its page. The
 * underlined terms point here, and are described by the hidden status words that open the list; app.js
 * shows an entry beside the term under the pointer or the focus. A term is marked apart (colour, weight)
 * only when deprecated or forbidden, so only those are wrapped: the status is in words for every term. An
 * item is a span of terms per language, the definition (a bdi) and the link to the entry's page: review.css
 * styles them by that shape, no class each (the page lists up to a few hundred entries).
 */
export function TermsOnPage({ entries }: { entries: readonly GlossaryEntry[] }) {
  const t = useT(reviewText);
  const c = useT(commonText);
  if (entries.length === 0) return null;
  const status: Record<TermStatus, string> = {
    preferred: c.status_preferred,
    admitted: c.status_admitted,
    deprecated: c.status_deprecated,
    forbidden: c.status_forbidden,
  };
  return (
    <section class="terms-on-page" aria-labelledby="terms-h">
      <h2 id="terms-h">{t.termsOnPage}</h2>
      <p hidden>
        {TERM_STATUSES.map((x) => (
          <span id={`t-${x}`}>{t.termOfStatus(status[x])}</span>
        ))}
      </p>
      <ul>{raw(entries.map((e) => entryHtml(e, status, t.openEntry)).join(""))}</ul>
    </section>
  );
}
