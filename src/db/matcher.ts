import type { Db } from "../env";
import { buildTermSearch, type TermSearchIndex } from "../text/term-search";
import { buildTermMatcher, type TermMatcher } from "../text/terms";
import type { GlossaryEntry } from "../types";
import { allEntries, glossaryVersion } from "./glossary";

export interface GlossaryIndex {
  version: number;
  /**
   * What the matcher was built from (every entry's id, terms and domain, serialised): a new glossary version
   * whose input is the same keeps the same matcher object.
   */
  matcherInput: string;
  matcher: TermMatcher;
  entries: Map<number, GlossaryEntry>;
  /** The search index of the same entries, built on the first search of this version (searchIndex()). */
  search: TermSearchIndex | null;
}

/** The glossary's search index (term-search.ts), built once per glossary version beside the matcher. */
export async function searchIndex(db: Db): Promise<{ index: GlossaryIndex; search: TermSearchIndex }> {
  const index = await glossaryIndex(db);
  index.search ??= buildTermSearch([...index.entries.values()], index.matcher);
  return { index, search: index.search };
}

// The one piece of module state: a cache keyed by the glossary version, so a matcher is built once per
// glossary change and per isolate, never per request, and never served stale after an edit.
let cached: GlossaryIndex | null = null;
let building: Promise<GlossaryIndex> | null = null;

/** The term matcher for the current glossary (one cheap version read per call; rebuilt only on change). */
export async function glossaryIndex(db: Db): Promise<GlossaryIndex> {
  const version = await glossaryVersion(db);
  if (cached && cached.version === version) return cached;
  if (!building) {
    building = (async () => {
      const entries = await allEntries(db);
      const input = entries.map((e) => ({ id: e.id, terms: e.terms, domain: e.domain }));
      // The matcher is a function of exactly this input: an edit that leaves it equal (a definition, a note,
      // a source) keeps the built matcher, and with it the analyses made with it (row-analysis.ts).
      const inputKey = JSON.stringify(input);
      const reused = cached?.matcherInput === inputKey ? cached.matcher : null;
      const index: GlossaryIndex = {
        version,
        matcher: reused ?? buildTermMatcher(input),
        matcherInput: inputKey,
        entries: new Map(entries.map((e) => [e.id, e])),
        search: null,
      };
      // Entries read after the version: if an edit slipped in between, the next call rebuilds.
      if (!cached || cached.version <= version) cached = index;
      return index;
    })().finally(() => {
      building = null;
    });
  }
  const index = await building;
  return index.version === version ? index : glossaryIndex(db);
}
