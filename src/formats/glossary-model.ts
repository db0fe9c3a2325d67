/**
 * The glossary shapes the exchange formats (TBX, CSV/TSV) write and read: Diwan's GlossaryEntry without
 * the database bookkeeping, plus the stable external key of the seed glossary.
 */
import type { GlossaryEntry, Term } from "../types";

/** What the writers need: an entry as stored (id/key optional; versions and dates are not exported). */
export interface GlossaryExportEntry {
  id?: number;
  /** Stable external key (`a-z0-9-`), e.g. the seed TSV `key`. */
  key?: string | null;
  domain: string;
  definition: string | null;
  note: string | null;
  source: string | null;
  terms: Term[];
}

/** What the readers return: no id, version or timestamps; `key` is the file's concept id when there is one. */
export type ImportedGlossaryEntry = Omit<GlossaryEntry, "id" | "version" | "createdAt" | "updatedAt"> & {
  key: string | null;
};

/**
 * Concept id for XML formats (must be an XML `ID`, i.e. an NCName): `k-<key>` when the entry has a key,
 * else `e-<id>`. Readers strip `k-` again, so keys survive a round trip even when they start with a digit.
 */
export function conceptId(e: GlossaryExportEntry, index: number): string {
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
