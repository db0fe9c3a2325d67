/**
 * Helpers of the glossary exchange formats (TBX, CSV/TSV), which write and read entry content
 * (`EntryContent`, src/types.ts) with the stable external key of the seed glossary.
 */
import type { EntryContent, Term } from "../types";

/** What the TBX writers take: entry content, with a key or an id when there is one (for the concept id). */
export type ExportedEntry = EntryContent & { key?: string | null; id?: number };

/** What the TBX reader returns: entry content, with `key` the file's concept id when there is one. */
export type ReadEntry = EntryContent & { key: string | null };

/**
 * Concept id for XML formats (must be an XML `ID`, i.e. an NCName): `k-<key>` when the entry has a key,
 * else `e-<id>`. Readers strip `k-` again, so keys survive a round trip even when they start with a digit.
 */
export function conceptId(e: ExportedEntry, index: number): string {
  if (e.key) return `k-${e.key}`;
  return e.id !== undefined ? `e-${e.id}` : `n-${index + 1}`;
}

export function keyFromConceptId(id: string | undefined): string | null {
  if (id === undefined || id === "") return null;
  return id.startsWith("k-") ? id.slice(2) : id;
}

/** Languages in order of first appearance, each with its terms in input order. */
export function termsByLanguage(terms: Term[]): [Term["lang"], Term[]][] {
  const groups = new Map<Term["lang"], Term[]>();
  for (const t of terms) {
    const g = groups.get(t.lang);
    if (g) g.push(t);
    else groups.set(t.lang, [t]);
  }
  return [...groups];
}

/** One entry or row a reader left out or changed, for the import report. */
export interface GlossaryReadIssue {
  /** The entry as the file names it: its id or key, else `#<position>` or `row <line>`. */
  entry: string;
  /** 1-based line where the entry starts. */
  line: number;
  message: string;
}

/** What a lenient glossary reader returns: the entries it can import and, item by item, what it did not. */
export interface GlossaryReading {
  entries: ReadEntry[];
  /** 1-based line where each entry starts (same order as `entries`). */
  lines: number[];
  /** Entries (or rows) not imported, each with its reason. */
  skipped: GlossaryReadIssue[];
  /** Entries imported with a change: terms trimmed, default domain, other languages left out. */
  adjusted: GlossaryReadIssue[];
  /** What the file holds that Diwan does not store (data categories, columns), with counts. */
  notKept: Record<string, number>;
}
