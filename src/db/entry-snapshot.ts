import type { EntryContent } from "../types";

/** The content of an entry as history keeps it (no server-managed fields). Pure: Node scripts use it too. */
export function snapshot(e: EntryContent): EntryContent {
  return {
    domain: e.domain,
    definition: e.definition,
    note: e.note,
    source: e.source,
    terms: e.terms.map((t) => ({ ...t })),
  };
}
