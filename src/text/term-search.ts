/**
 * Finding glossary entries by a query, ranked the way a terminologist expects (UNTERM, IATE):
 *
 *   0 exact       a term equals the query (normalised: diacritics, hamza forms, tatweel, case)
 *   1 inflected   the term recogniser reads the whole query as the term (والأمن الوطني, للأمن الوطني,
 *                 أمن وطني → الأمن الوطني; plural or possessive forms in English)
 *   2 prefix      a term starts with the query
 *   3 contains    a term contains the query
 *   4 in-query    the query contains a term (the recogniser finds it inside a longer query)
 *   5 approximate only when nothing above matched: a term, or a term's beginning, within a small edit
 *                 distance of the query (national securty → national security), marked as such
 *
 * An entry ranks by its best term; ties go to the term closest in length to the query, then preferred
 * before admitted before deprecated/forbidden, then the term's text, then the entry id. A linear scan of
 * normalised terms: a 10,000-entry glossary is ~30,000 short strings (bench/term-search.bench.ts).
 */
import type { Lang, TermStatus } from "../types";
import { normalizeForSearch } from "./normalize";
import { recognizeTerms, type TermMatcher } from "./terms";

export const MATCH_KINDS = ["exact", "inflected", "prefix", "contains", "in-query", "approximate"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface SearchableEntry {
  id: number;
  domain: string;
  terms: readonly { lang: Lang; text: string; status: TermStatus }[];
}

export interface TermSearchIndex {
  entries: readonly SearchableEntry[];
  /** Flattened terms: normalised text (spaces collapsed), entry position, term position. */
  norms: string[];
  entryOf: Int32Array;
  termOf: Int32Array;
  /** Position in `norms` of each entry's first term. */
  termStart: Int32Array;
  /** Entry position by entry id. */
  positionOf: Map<number, number>;
  matcher: TermMatcher | null;
}

export interface SearchFilters {
  /** Only terms of this language count (the query's script still chooses how it is read). */
  lang?: Lang | undefined;
  status?: TermStatus | undefined;
  domain?: string | undefined;
}

export interface SearchHit {
  entryId: number;
  kind: MatchKind;
  /** The term that matched best, as written in the glossary. */
  lang: Lang;
  termText: string;
  /** Edit distance of an approximate match (0 otherwise). */
  distance: number;
}

const STATUS_ORDER: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };
const KIND_RANK = new Map(MATCH_KINDS.map((k, i) => [k, i]));

/** normalizeForSearch with runs of white space collapsed to one space and trimmed. */
export function searchForm(text: string): string {
  return normalizeForSearch(text).replace(/\s+/g, " ").trim();
}

/** The index of a glossary (built once per glossary version; `matcher` is the recogniser of the same entries). */
export function buildTermSearch(
  entries: readonly SearchableEntry[],
  matcher: TermMatcher | null,
): TermSearchIndex {
  const norms: string[] = [];
  const entryOf: number[] = [];
  const termOf: number[] = [];
  const termStart: number[] = [];
  entries.forEach((e, i) => {
    termStart.push(norms.length);
    e.terms.forEach((t, j) => {
      norms.push(searchForm(t.text));
      entryOf.push(i);
      termOf.push(j);
    });
  });
  return {
    entries,
    norms,
    entryOf: Int32Array.from(entryOf),
    termOf: Int32Array.from(termOf),
    termStart: Int32Array.from(termStart),
    positionOf: new Map(entries.map((e, i) => [e.id, i])),
    matcher,
  };
}

/** How many edits a query of this length may be away from a term to count as an approximate match. */
export function typoBudget(queryLength: number): number {
  if (queryLength < 4) return 0;
  return queryLength < 8 ? 1 : 2;
}

/**
 * Smallest optimal-string-alignment distance (insert, delete, substitute, swap two neighbours) between
 * `q` and `t` or any prefix of `t` — the prefix distance when `prefix`, else the whole-string one — or
 * `limit + 1` if it exceeds `limit`. Rows stop early once every cell is over the limit.
 */
export function boundedDistance(q: string, t: string, limit: number, prefix: boolean): number {
  const n = q.length;
  const m = t.length;
  if (!prefix && Math.abs(n - m) > limit) return limit + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const qc = q.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const tc = t.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (qc === tc ? 0 : 1));
      if (i > 1 && j > 1 && qc === t.charCodeAt(j - 2) && q.charCodeAt(i - 2) === tc)
        d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  let best = prev[m]!;
  if (prefix) for (let j = 0; j <= m; j++) best = Math.min(best, prev[j]!);
  return Math.min(best, limit + 1);
}

const isArabicQuery = (q: string) => /[\u0600-\u06FF]/.test(q);

interface Candidate {
  entry: number;
  term: number;
  kind: MatchKind;
  distance: number;
  /** |term length − query length|: closer terms first within a kind. */
  gap: number;
}

function better(a: Candidate, b: Candidate, index: TermSearchIndex): boolean {
  const ka = KIND_RANK.get(a.kind)!;
  const kb = KIND_RANK.get(b.kind)!;
  if (ka !== kb) return ka < kb;
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.gap !== b.gap) return a.gap < b.gap;
  const sa = STATUS_ORDER[index.entries[a.entry]!.terms[a.term]!.status];
  const sb = STATUS_ORDER[index.entries[b.entry]!.terms[b.term]!.status];
  return sa < sb;
}

/** Every entry matching the query and filters, best first (see the ranking above). */
export function searchTerms(index: TermSearchIndex, query: string, filters: SearchFilters = {}): SearchHit[] {
  const q = searchForm(query);
  if (!q) return [];
  const best = new Map<number, Candidate>();
  const qualifies = (entry: number, term: number) => {
    const e = index.entries[entry]!;
    const t = e.terms[term]!;
    return (
      (!filters.lang || t.lang === filters.lang) &&
      (!filters.status || t.status === filters.status) &&
      (!filters.domain || e.domain === filters.domain)
    );
  };
  const offer = (c: Candidate) => {
    const had = best.get(c.entry);
    if (!had || better(c, had, index)) best.set(c.entry, c);
  };
  const { norms, entryOf, termOf } = index;
  for (let k = 0; k < norms.length; k++) {
    const norm = norms[k]!;
    const at = norm.indexOf(q);
    if (at < 0 || !qualifies(entryOf[k]!, termOf[k]!)) continue;
    const kind: MatchKind = norm.length === q.length ? "exact" : at === 0 ? "prefix" : "contains";
    offer({ entry: entryOf[k]!, term: termOf[k]!, kind, distance: 0, gap: norm.length - q.length });
  }
  if (index.matcher) {
    const lang: Lang = isArabicQuery(q) ? "ar" : "en";
    const text = query.trim();
    for (const m of recognizeTerms(index.matcher, text, lang)) {
      const entry = index.positionOf.get(m.entryId);
      if (entry === undefined) continue;
      const term = index.entries[entry]!.terms.findIndex((t) => t.lang === m.lang && t.text === m.termText);
      if (term < 0 || !qualifies(entry, term)) continue;
      const whole = text.slice(0, m.start).trim() === "" && text.slice(m.end).trim() === "";
      const gap = Math.abs(searchForm(m.termText).length - q.length);
      offer({ entry, term, kind: whole ? "inflected" : "in-query", distance: 0, gap });
    }
  }
  if (best.size === 0) {
    const limit = typoBudget(q.length);
    if (limit > 0) {
      for (let k = 0; k < norms.length; k++) {
        const norm = norms[k]!;
        if (!qualifies(entryOf[k]!, termOf[k]!)) continue;
        // Whole-term distance first; a query shorter than the term may be a mistyped beginning.
        const whole = boundedDistance(q, norm, limit, false);
        const distance = whole <= limit ? whole : boundedDistance(q, norm, limit, true);
        if (distance > limit) continue;
        offer({
          entry: entryOf[k]!,
          term: termOf[k]!,
          kind: "approximate",
          distance,
          gap: norm.length - q.length,
        });
      }
    }
  }
  const ranked = [...best.values()].sort((a, b) => {
    if (better(a, b, index)) return -1;
    if (better(b, a, index)) return 1;
    const ta = norms[index.termStart[a.entry]! + a.term]!;
    const tb = norms[index.termStart[b.entry]! + b.term]!;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return index.entries[a.entry]!.id - index.entries[b.entry]!.id;
  });
  return ranked.map((c) => {
    const t = index.entries[c.entry]!.terms[c.term]!;
    return {
      entryId: index.entries[c.entry]!.id,
      kind: c.kind,
      lang: t.lang,
      termText: t.text,
      distance: c.distance,
    };
  });
}
