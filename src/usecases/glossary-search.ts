/**
 * Finding glossary entries: ranked search (src/text/term-search.ts) and sorted, filtered lists, over the
 * glossary held in memory beside the term matcher (one build per glossary version, src/db/matcher.ts), so
 * result counts, any sort order and any page are cheap. Used by the API's search and the web list.
 */

import { searchIndex } from "../db/matcher";
import type { Db } from "../env";
import { type MatchKind, searchForm, searchTerms } from "../text/term-search";
import type { GlossaryEntry, Lang, TermStatus } from "../types";

export const ENTRY_SORTS = ["relevance", "term", "domain", "changed"] as const;
export type EntrySort = (typeof ENTRY_SORTS)[number];

export interface FindQuery {
  q?: string | undefined;
  /** Search (and sort by) terms of this language only; both when absent. */
  lang?: Lang | undefined;
  status?: TermStatus | undefined;
  domain?: string | undefined;
  /** relevance (the default with a query), term, domain, changed (newest first; the default without one). */
  sort?: EntrySort | undefined;
  /** The language of the terms a term sort orders by: `lang` when given, else this, else Arabic. */
  sortLang?: Lang | undefined;
  offset: number;
  limit: number;
}

export interface EntryMatch {
  kind: MatchKind;
  lang: Lang;
  /** The term that matched, as written in the glossary. */
  text: string;
  /** Edits between the query and the term for an approximate match, else 0. */
  distance: number;
}

export type FoundEntry = GlossaryEntry & { match: EntryMatch | null };

export interface FindResult {
  items: FoundEntry[];
  /** Entries matching in all (not only this page). */
  total: number;
  /** True when nothing matched exactly and the items are approximate (typo-tolerant) matches. */
  approximate: boolean;
}

/** The term an entry is sorted by: its first preferred term in `lang` (else its first term in `lang`). */
function sortTerm(e: GlossaryEntry, lang: Lang): string {
  const t =
    e.terms.find((x) => x.lang === lang && x.status === "preferred") ?? e.terms.find((x) => x.lang === lang);
  return t ? searchForm(t.text) : "\uffff";
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function findEntries(db: Db, query: FindQuery): Promise<FindResult> {
  const { index, search } = await searchIndex(db);
  const q = query.q?.trim() ?? "";
  let found: FoundEntry[];
  if (q) {
    found = searchTerms(search, q, query).map((h) => ({
      ...index.entries.get(h.entryId)!,
      match: { kind: h.kind, lang: h.lang, text: h.termText, distance: h.distance },
    }));
  } else {
    found = [];
    for (const e of index.entries.values()) {
      if (query.domain && e.domain !== query.domain) continue;
      if (
        (query.lang || query.status) &&
        !e.terms.some(
          (t) => (!query.lang || t.lang === query.lang) && (!query.status || t.status === query.status),
        )
      )
        continue;
      found.push({ ...e, match: null });
    }
  }
  const sort = query.sort ?? (q ? "relevance" : "changed");
  if (sort !== "relevance") {
    const lang = query.lang ?? query.sortLang ?? "ar";
    const keyed = found.map((e) => ({ e, term: sortTerm(e, lang) }));
    keyed.sort((a, b) => {
      if (sort === "domain")
        return compareText(a.e.domain, b.e.domain) || compareText(a.term, b.term) || a.e.id - b.e.id;
      if (sort === "changed") return compareText(b.e.updatedAt, a.e.updatedAt) || b.e.id - a.e.id;
      return compareText(a.term, b.term) || a.e.id - b.e.id;
    });
    found = keyed.map((k) => k.e);
  }
  return {
    items: found.slice(query.offset, query.offset + query.limit),
    total: found.length,
    approximate: found.length > 0 && found[0]!.match?.kind === "approximate",
  };
}
