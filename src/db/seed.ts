import { normalizeForSearch } from "../text/normalize";
import type { KeyedEntry } from "../types";
import { snapshot } from "./entry-snapshot";

/** An SQL literal for SQLite: text quoted with '' escaping, null as NULL. */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("non-finite number in SQL literal");
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Self-contained SQL statements that load the seed entries idempotently. An entry is inserted only if its
 * key was never loaded before (seed_log), so re-running neither duplicates entries, nor overwrites user
 * edits, nor re-creates entries users deleted. Statements carry their values as literals so they can be
 * run by `wrangler d1 execute --file` as well as by D1's `batch()`.
 */
export function seedStatements(entries: KeyedEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const key = sqlLiteral(e.key);
    const fresh = `NOT EXISTS (SELECT 1 FROM seed_log WHERE seed_key = ${key}) AND NOT EXISTS (SELECT 1 FROM glossary_entries WHERE seed_key = ${key})`;
    const idOf = `(SELECT id FROM glossary_entries WHERE seed_key = ${key})`;
    const unlogged = `NOT EXISTS (SELECT 1 FROM seed_log WHERE seed_key = ${key})`;
    out.push(
      `INSERT INTO glossary_entries (seed_key, domain, definition, note, source, created_by, updated_by) SELECT ${key}, ${sqlLiteral(e.domain)}, ${sqlLiteral(e.definition)}, ${sqlLiteral(e.note)}, ${sqlLiteral(e.source)}, 'seed', 'seed' WHERE ${fresh}`,
    );
    e.terms.forEach((t, position) => {
      out.push(
        `INSERT INTO glossary_terms (entry_id, position, lang, text, norm, status, part_of_speech, note) SELECT ${idOf}, ${position}, ${sqlLiteral(t.lang)}, ${sqlLiteral(t.text)}, ${sqlLiteral(normalizeForSearch(t.text))}, ${sqlLiteral(t.status)}, ${sqlLiteral(t.partOfSpeech)}, ${sqlLiteral(t.note)} WHERE ${unlogged} AND NOT EXISTS (SELECT 1 FROM glossary_terms WHERE entry_id = ${idOf} AND position = ${position})`,
      );
    });
    // The position guard keeps a load that was interrupted before seed_log recorded the key from adding a
    // term twice when it is run again.
    out.push(
      `INSERT INTO glossary_history (entry_id, version, action, before, after, actor) SELECT ${idOf}, 1, 'create', NULL, ${sqlLiteral(JSON.stringify(snapshot(e)))}, 'seed' WHERE ${unlogged}`,
    );
    out.push(`INSERT INTO seed_log (seed_key) VALUES (${key}) ON CONFLICT DO NOTHING`);
  }
  out.push(`UPDATE meta SET value = value + 1 WHERE key = 'glossary_version'`);
  return out;
}
