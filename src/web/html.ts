/**
 * Markup written as strings where a page repeats one shape hundreds of times (the review page's rows and
 * term links): one string per row instead of a tree of JSX nodes, which costs a fresh isolate most of its
 * first request (docs/benchmarks.md, "coldstart"). Escaped by hono/jsx's own escaper, so the page's bytes
 * are the same as from JSX.
 */
import { escapeToBuffer } from "hono/utils/html";

/** Text or an attribute's value as markup (the five characters hono/jsx escapes, as it escapes them). */
export function escapeHtml(text: string): string {
  const out = [""];
  escapeToBuffer(text, out);
  return out[0] as string;
}
