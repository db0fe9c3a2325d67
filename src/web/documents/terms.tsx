import { raw } from "hono/html";
import type { TermSpan } from "../../text/bead-analysis";
import { segmentSentences } from "../../text/segment";
import { type GlossaryEntry, TERM_STATUSES, type TermStatus } from "../../types";
import { Value, valueLang } from "../components";
import { useT } from "../i18n/i18n";
import { commonText } from "../messages";
import { reviewText } from "./messages";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);

/**
 * A segment's text with its glossary terms underlined. Each term is a link to its entry in the page's list
 * of terms (#g<id>), described by its status in words (aria-describedby: the list's hidden `t-<status>`,
 * which the style reads too: forbidden red and wavy): reachable by Tab, its status read out on focus, and a
 * jump to the entry. app.js adds the entry to the description and shows it beside the term on hover and
 * focus. Written as one string (escaped here): a page has hundreds of these links, one string each instead
 * of a tree of JSX nodes; the attributes in the order that compresses best (bench/web-review.bench.ts),
 * and the entry's id once, in the address (the page's own description ids carry no number).
 */
export function Marked({ text, spans }: { text: string; spans: readonly TermSpan[] }) {
  if (spans.length === 0) return <>{text}</>;
  let html = "";
  let at = 0;
  for (const s of spans) {
    if (s.start > at) html += escapeHtml(text.slice(at, s.start));
    html += `<a class="t" aria-describedby="t-${s.status}" href="#g${s.entryId}">${escapeHtml(text.slice(s.start, s.end))}</a>`;
    at = s.end;
  }
  if (at < text.length) html += escapeHtml(text.slice(at));
  return <>{raw(html)}</>;
}

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
      <ul>
        {entries.map((e) => (
          <li id={`g${e.id}`}>
            {(["ar", "en"] as const).map((lang) => (
              <span>
                {[...e.terms]
                  .filter((x) => x.lang === lang)
                  .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
                  .map((x) => {
                    const term = (
                      <>
                        <bdi lang={lang} dir={lang === "ar" ? "rtl" : "ltr"}>
                          {x.text}
                        </bdi>{" "}
                        <small>({status[x.status]})</small>{" "}
                      </>
                    );
                    return x.status === "deprecated" || x.status === "forbidden" ? (
                      <span class={`g-term t-${x.status}`}>{term}</span>
                    ) : (
                      term
                    );
                  })}
              </span>
            ))}
            {e.definition ? <Value text={shortDefinition(e.definition)} /> : null}{" "}
            <a href={`/glossary/${e.id}`}>{t.openEntry}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
