import { normalizeWithMap, originalRange } from "../../text/normalize";
import { searchForm } from "../../text/term-search";
import type { Term } from "../../types";
import type { EntryMatch } from "../../usecases/glossary-search";

/**
 * Where the query sits in the term that matched it, in the term's own UTF-16 offsets: the normalised
 * query's place in the normalised term (diacritics, hamza forms, tatweel and case ignored) mapped back,
 * for a prefix or contains match; the whole term for the others (exact, an inflected form of it, found
 * inside the query, approximate).
 */
export function matchSpan(
  term: string,
  query: string,
  kind: EntryMatch["kind"],
): { start: number; end: number } {
  const whole = { start: 0, end: term.length };
  if (kind !== "prefix" && kind !== "contains") return whole;
  const q = searchForm(query);
  if (!q) return whole;
  const { norm, map } = normalizeWithMap(term);
  const at = norm.indexOf(q);
  if (at < 0) return whole;
  return originalRange(term, map, at, at + q.length);
}

/** A term with its language and direction, the part that matched the search in <mark>. */
export function MarkedTerm(props: {
  term: Pick<Term, "lang" | "text">;
  query: string;
  match: EntryMatch | null;
}) {
  const { term, match } = props;
  const rtl = term.lang === "ar";
  const hit = match && match.lang === term.lang && match.text === term.text;
  let body: unknown = term.text;
  if (hit) {
    const { start, end } = matchSpan(term.text, props.query, match.kind);
    body = (
      <>
        {term.text.slice(0, start)}
        <mark>{term.text.slice(start, end)}</mark>
        {term.text.slice(end)}
      </>
    );
  }
  return (
    <bdi lang={term.lang} dir={rtl ? "rtl" : "ltr"} class={rtl ? "ar" : undefined}>
      {body as string}
    </bdi>
  );
}
