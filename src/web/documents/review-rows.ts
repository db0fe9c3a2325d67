import { confidenceBand } from "../../db/document-stats";
import type { RowAnalysis, TermSpan } from "../../text/bead-analysis";
import type { QaIssue, QaIssueType } from "../../text/qa";
import type { Segment, SegmentStatus } from "../../types";
import { escapeHtml } from "../html";

/**
 * The review table's rows, its term links and QA lists written as strings (src/web/html.ts): a page has 200
 * rows of a dozen elements and hundreds of term links, and hono/jsx's per-node work (props objects, entries,
 * key normalisation) was most of a fresh isolate's first request and a third of a warm one
 * (docs/benchmarks.md, "coldstart"). The markup is the one the JSX components wrote, byte for byte.
 */

export type ReviewRow = Segment & { analysis: RowAnalysis; review: boolean };

/** Per-page texts of the rows, looked up once (a page has up to 200 rows). */
export interface RowText {
  /** The checkbox's name, before the row's number. */
  select: string;
  noEnglish: string;
  lowShort: string;
  noScore: string;
  status: Record<SegmentStatus, string>;
  /** Each QA issue's short words in the page's language. */
  qa: Record<QaIssueType, string>;
  num(n: number): string;
  digits(s: string): string;
}

/**
 * A segment's text with its glossary terms underlined. Each term is a link to its entry in the page's list
 * of terms (#g<id>), described by its status in words (aria-describedby: the list's hidden `t-<status>`,
 * which the style reads too: forbidden red and wavy): reachable by Tab, its status read out on focus, and a
 * jump to the entry. app.js adds the entry to the description and shows it beside the term on hover and
 * focus. The attributes in the order that compresses best (bench/web-review.bench.ts), and the entry's id
 * once, in the address (the page's own description ids carry no number).
 */
export function markedHtml(text: string, spans: readonly TermSpan[]): string {
  let html = "";
  let at = 0;
  for (const s of spans) {
    if (s.start > at) html += escapeHtml(text.slice(at, s.start));
    html += `<a class="t" aria-describedby="t-${s.status}" href="#g${s.entryId}">${escapeHtml(text.slice(s.start, s.end))}</a>`;
    at = s.end;
  }
  if (at < text.length) html += escapeHtml(text.slice(at));
  return html;
}

/**
 * QA issues as short words in the page's language (the checker's own messages are English), each with the
 * text it concerns (the number, the term) in that text's language when the issue points into one.
 */
export function qaListHtml(
  issues: readonly QaIssue[],
  labels: Record<QaIssueType, string>,
  ar?: string,
  en?: string | null,
): string {
  let html = '<ul class="qa">';
  for (const q of issues) {
    const text = q.lang === "ar" ? ar : q.lang === "en" ? en : undefined;
    const what = text && q.start !== undefined && q.end !== undefined ? text.slice(q.start, q.end) : "";
    html += `<li class="qa-${escapeHtml(q.severity)}">${escapeHtml(labels[q.type])}`;
    if (what.trim())
      html += `: <bdi lang="${q.lang}" dir="${q.lang === "ar" ? "rtl" : "ltr"}">${escapeHtml(what)}</bdi>`;
    html += "</li>";
  }
  return `${html}</ul>`;
}

/**
 * One bead: the two languages side by side (English left, Arabic right on either interface), each with its
 * language and direction, glossary terms underlined, QA issues under the status. Kept lean (a page has 200
 * beads: bench/web-review.bench.ts): the row number links to the segment's page (edit, split and the other
 * operations without script), the checkbox ticks it for the toolbar; app.js adds a menu of operations.
 */
export function rowHtml(s: ReviewRow, base: string, writable: boolean, rtl: boolean, t: RowText): string {
  const a = s.analysis;
  const num = escapeHtml(t.num(s.position + 1));
  const en = `<td lang="en" dir="ltr">${s.en === null ? `<i>${escapeHtml(t.noEnglish)}</i>` : markedHtml(s.en, a.en)}</td>`;
  const ar = `<td lang="ar" dir="rtl">${markedHtml(s.ar, a.ar)}</td>`;
  const score = s.score === null ? t.noScore : t.digits(s.score.toFixed(2));
  return (
    `<tr id="s${s.id}"${s.review ? ' class="flag"' : ""}><th><a href="${escapeHtml(base)}/segments/${s.id}">${num}</a></th>` +
    (rtl ? ar + en : en + ar) +
    `<td class="c-${confidenceBand(s.score)}">${escapeHtml(score)}${s.review ? `<b>${escapeHtml(t.lowShort)}</b>` : ""}</td>` +
    `<td><span class="st st-${s.status}">${escapeHtml(t.status[s.status])}</span>${a.qa.length ? qaListHtml(a.qa, t.qa, s.ar, s.en) : ""}</td>` +
    (writable
      ? `<td><input type="checkbox" form="ops" name="s" value="${s.id}:${s.version}" aria-label="${escapeHtml(t.select)} ${num}"/></td>`
      : "") +
    "</tr>"
  );
}
