/**
 * The glossary's change log (table glossary_changes, migration 0015: written by triggers on every write to
 * glossary_entries and glossary_terms): which entries changed since a revision, and their terms' forms and
 * domains before and after — what src/text/terms-touch.ts reads to tell which stored analyses a change can
 * touch (src/usecases/review-analysis.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import type { GlossaryChange } from "../text/terms-touch";
import type { Lang } from "../types";
import { runBatch } from "./batch";

export interface ChangeRow {
  revision: number;
  entryId: number;
  side: "old" | "new";
  /** A term's language, or null: `text` is then the entry's domain. */
  lang: Lang | null;
  text: string;
}

/** Rows kept: older ones are dropped when the matcher of a newer revision is stored (src/db/matcher.ts). */
export const CHANGES_KEPT = 10_000;
/** More rows than this since a revision (an import): analyse everything again rather than read them all. */
export const MAX_CHANGE_ROWS = 2_000;

/**
 * The change rows from `revision` on (>=: see the migration), or null when the log does not go back that far
 * (before migration 0015, or dropped) or holds too many of them.
 */
export async function changesSince(db: Db, revision: number): Promise<ChangeRow[] | null> {
  const [from, rows] = await runBatch(db, [
    sql`SELECT coalesce((SELECT value FROM meta WHERE key = 'glossary_changes_from'), 0) AS value`,
    sql`SELECT revision, entry_id AS entryId, side, lang, text FROM glossary_changes
      WHERE revision >= ${revision} ORDER BY id LIMIT ${MAX_CHANGE_ROWS + 1}`,
  ]);
  const complete = revision >= ((from?.results?.[0] as { value: number } | undefined)?.value ?? 0);
  const found = (rows?.results ?? []) as unknown as ChangeRow[];
  return complete && found.length <= MAX_CHANGE_ROWS ? found : null;
}

/** The change since `revision` (rows read from an earlier or equal revision by changesSince). */
export function changeOf(rows: readonly ChangeRow[], revision: number): GlossaryChange {
  const since = rows.filter((r) => r.revision >= revision);
  return {
    entryIds: new Set(since.map((r) => r.entryId)),
    terms: since.flatMap((r) =>
      r.lang === null ? [] : [{ entryId: r.entryId, lang: r.lang, text: r.text, side: r.side }],
    ),
    domains: since.flatMap((r) => (r.lang === null ? [{ entryId: r.entryId, domain: r.text }] : [])),
  };
}

/** Drops the rows no reader needs any more (older than CHANGES_KEPT revisions before `revision`). */
export function dropOldChanges(revision: number) {
  const from = revision - CHANGES_KEPT;
  return [
    sql`DELETE FROM glossary_changes WHERE revision < ${from}`,
    sql`UPDATE meta SET value = max(value, ${from}) WHERE key = 'glossary_changes_from'`,
  ];
}
