import { raw } from "hono/html";
import type { TermSpan } from "../../text/bead-analysis";
import type { GlossaryEntry, TermStatus } from "../../types";
import { Value } from "../components";
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
 * of terms (#g<id>) and is described by it (aria-describedby): reachable by Tab, its entry read out on
 * focus, shown on hover and focus by app.js, and without script a jump to the entry. The class carries
 * the matched term's status (forbidden: red, wavy), the entry says it in words. Written as one string
 * (escaped here): a page has hundreds of these links, one string each instead of a tree of JSX nodes.
 */
export function Marked({ text, spans }: { text: string; spans: readonly TermSpan[] }) {
  if (spans.length === 0) return <>{text}</>;
  let html = "";
  let at = 0;
  for (const s of spans) {
    if (s.start > at) html += escapeHtml(text.slice(at, s.start));
    html += `<a href="#g${s.entryId}" class="t t-${s.status}" aria-describedby="g${s.entryId}">${escapeHtml(text.slice(s.start, s.end))}</a>`;
    at = s.end;
  }
  if (at < text.length) html += escapeHtml(text.slice(at));
  return <>{raw(html)}</>;
}

const STATUS_ORDER: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };

/**
 * The glossary entries whose terms are underlined on the page, each once: its terms in both languages with
 * their status in words, domain and definition. The underlined terms point here; app.js shows an entry
 * beside the term under the pointer or the focus.
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
      <ul>
        {entries.map((e) => (
          <li id={`g${e.id}`}>
            {(["ar", "en"] as const).map((lang) => (
              <span class="g-terms">
                {[...e.terms]
                  .filter((x) => x.lang === lang)
                  .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
                  .map((x) => (
                    <span class={`g-term t-${x.status}`}>
                      <bdi lang={lang} dir={lang === "ar" ? "rtl" : "ltr"}>
                        {x.text}
                      </bdi>{" "}
                      <small>({status[x.status]})</small>{" "}
                    </span>
                  ))}
              </span>
            ))}
            {e.definition ? (
              <span class="g-def">
                <Value text={e.definition} />
              </span>
            ) : null}{" "}
            <a href={`/glossary/${e.id}`} class="g-open">
              {t.openEntry}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
