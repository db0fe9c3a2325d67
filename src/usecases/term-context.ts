/**
 * A glossary entry's terms in context: up to a handful of memory segments where its terms occur, found with
 * the memory's concordance (src/db/tm-concordance.ts: whole words in order; Arabic words with their
 * proclitics, diacritics and hamza forms), each with the spans of every term found in either language.
 * Segments holding a term in both languages come first (a real pair for the entry), then approved ones.
 */
import { type ConcordanceItem, concordance, type Highlight } from "../db/tm-concordance";
import type { Db } from "../env";
import { normalizeForSearch } from "../text/normalize";
import type { GlossaryEntry, Lang, TermStatus } from "../types";

export interface TermContext {
  items: ConcordanceItem[];
  /** More segments than shown hold one of the terms (the memory page lists them all). */
  more: boolean;
}

/** Terms searched at most (an entry rarely has more; each is one concordance read). */
const MAX_TERMS = 8;
/** Segments read per term: enough to find pairs where both languages' terms occur. */
const PER_TERM = 20;

const STATUS_ORDER: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };

/** The entry's distinct terms, preferred first, by language (a term written twice is searched once). */
export function contextQueries(entry: Pick<GlossaryEntry, "terms">): { lang: Lang; text: string }[] {
  const seen = new Set<string>();
  const out: { lang: Lang; text: string }[] = [];
  const sorted = [...entry.terms].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  for (const t of sorted) {
    const key = `${t.lang}\u0000${normalizeForSearch(t.text)}`;
    if (seen.has(key) || t.text.trim() === "") continue;
    seen.add(key);
    out.push({ lang: t.lang, text: t.text });
  }
  return out.slice(0, MAX_TERMS);
}

const spanKey = (h: Highlight) => `${h.field}:${h.start}:${h.end}`;

export async function termContext(
  db: Db,
  entry: Pick<GlossaryEntry, "terms">,
  limit = 5,
): Promise<TermContext> {
  const queries = contextQueries(entry);
  const found = await Promise.all(queries.map((q) => concordance(db, q.text, q.lang, null, PER_TERM)));
  const byId = new Map<number, { item: ConcordanceItem; langs: Set<Lang>; spans: Set<string> }>();
  for (const hits of found) {
    for (const hit of hits) {
      let seen = byId.get(hit.id);
      if (!seen) {
        seen = { item: { ...hit, highlights: [] }, langs: new Set(), spans: new Set() };
        byId.set(hit.id, seen);
      }
      for (const h of hit.highlights) {
        seen.langs.add(h.field);
        if (seen.spans.has(spanKey(h))) continue;
        seen.spans.add(spanKey(h));
        seen.item.highlights.push(h);
      }
    }
  }
  const ranked = [...byId.values()].sort(
    (a, b) =>
      b.langs.size - a.langs.size ||
      Number(b.item.status === "approved") - Number(a.item.status === "approved") ||
      a.item.id - b.item.id,
  );
  return { items: ranked.slice(0, limit).map((r) => r.item), more: ranked.length > limit };
}
