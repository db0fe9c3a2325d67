/**
 * Markup written as strings where a page repeats one shape hundreds of times (the review page's rows and
 * term links): one string per row instead of a tree of JSX nodes, which costs a fresh isolate most of its
 * first request (docs/benchmarks.md, "coldstart"). Escaped exactly as hono/jsx escapes text and attribute
 * values, so the page's bytes are the same as from JSX.
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
// One to find (no `g`: a global regex's test() would carry lastIndex from call to call), one to replace.
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text or an attribute's value as markup (the five characters hono/jsx escapes). */
export const escapeHtml = (text: string) =>
  SPECIAL.test(text) ? text.replace(SPECIALS, (ch) => ESCAPES[ch] as string) : text;
