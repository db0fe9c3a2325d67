import type { Term } from "../types";

/** What a client writes: an entry without server-managed fields. */
export interface EntryInput {
  domain: string;
  definition: string | null;
  note: string | null;
  source: string | null;
  terms: Term[];
}

/** The content of an entry as history keeps it (no server-managed fields). Pure: Node scripts use it too. */
export function snapshot(e: EntryInput): EntryInput {
  return {
    domain: e.domain,
    definition: e.definition,
    note: e.note,
    source: e.source,
    terms: e.terms.map((t) => ({ ...t })),
  };
}
