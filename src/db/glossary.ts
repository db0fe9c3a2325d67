import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { type DomainError, notFound, staleVersion } from "../errors";
import { normalizeForSearch } from "../text/normalize";

export { snapshot } from "./entry-snapshot";

import type { EntryContent, GlossaryEntry, Lang, Term, TermStatus } from "../types";
import { Guard, runBatch, type Statement } from "./batch";
import { snapshot } from "./entry-snapshot";
import { glossaryEntries, glossaryHistory, glossaryTerms, meta } from "./schema";

export interface GlossaryQuery {
  q?: string | undefined;
  lang?: Lang | undefined;
  status?: TermStatus | undefined;
  domain?: string | undefined;
  limit: number;
  afterId: number | null;
}

type EntryRow = typeof glossaryEntries.$inferSelect;
type TermRow = typeof glossaryTerms.$inferSelect;

function toEntry(row: EntryRow, terms: TermRow[]): GlossaryEntry {
  return {
    id: row.id,
    domain: row.domain,
    definition: row.definition,
    note: row.note,
    source: row.source,
    terms: terms.map((t) => ({
      lang: t.lang,
      text: t.text,
      status: t.status,
      partOfSpeech: t.partOfSpeech,
      note: t.note,
    })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Entries with their terms; `terms` must be ordered by entry, then position. */
function joinTerms(rows: EntryRow[], terms: TermRow[]): GlossaryEntry[] {
  const byEntry = new Map<number, TermRow[]>();
  for (const t of terms) {
    const list = byEntry.get(t.entryId);
    if (list) list.push(t);
    else byEntry.set(t.entryId, [t]);
  }
  return rows.map((r) => toEntry(r, byEntry.get(r.id) ?? []));
}

async function withTerms(db: Db, rows: EntryRow[]): Promise<GlossaryEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const terms: TermRow[] = [];
  // Stay well under D1's 100 bound parameters per statement.
  for (let i = 0; i < ids.length; i += 90) {
    terms.push(
      ...(await db
        .select()
        .from(glossaryTerms)
        .where(inArray(glossaryTerms.entryId, ids.slice(i, i + 90)))
        .orderBy(asc(glossaryTerms.entryId), asc(glossaryTerms.position), asc(glossaryTerms.id))
        .all()),
    );
  }
  return joinTerms(rows, terms);
}

/** Entries matching the filters, in id order, one keyset page (fetches limit+1 rows to know if more exist). */
export async function listEntries(db: Db, query: GlossaryQuery): Promise<GlossaryEntry[]> {
  const where: SQL[] = [];
  if (query.afterId !== null) where.push(gt(glossaryEntries.id, query.afterId));
  if (query.domain) where.push(eq(glossaryEntries.domain, query.domain));
  const termConds: SQL[] = [];
  const q = query.q ? normalizeForSearch(query.q) : "";
  // instr(), not LIKE: D1 refuses LIKE patterns over 50 bytes (a five-word Arabic phrase), and instr has no
  // wildcards to escape. Both scan the terms; the glossary is small.
  if (q) termConds.push(sql`instr(t.norm, ${q}) > 0`);
  if (query.lang) termConds.push(sql`t.lang = ${query.lang}`);
  if (query.status) termConds.push(sql`t.status = ${query.status}`);
  if (termConds.length) {
    // One term must satisfy all term-level filters together (e.g. an Arabic term that is forbidden).
    where.push(
      sql`EXISTS (SELECT 1 FROM glossary_terms t WHERE t.entry_id = glossary_entries.id AND ${sql.join(termConds, sql` AND `)})`,
    );
  }
  const rows = await db
    .select()
    .from(glossaryEntries)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(glossaryEntries.id))
    .limit(query.limit + 1)
    .all();
  return withTerms(db, rows);
}

export async function getEntry(db: Db, id: number): Promise<GlossaryEntry | null> {
  const row = await db.select().from(glossaryEntries).where(eq(glossaryEntries.id, id)).get();
  if (!row) return null;
  const [entry] = await withTerms(db, [row]);
  return entry ?? null;
}

export async function requireEntry(db: Db, id: number): Promise<GlossaryEntry> {
  const entry = await getEntry(db, id);
  if (!entry) throw notFound(`glossary entry ${id}`);
  return entry;
}

function termInserts(entryIdSql: SQL, terms: Term[]): Statement[] {
  return terms.map(
    (t, position) =>
      sql`INSERT INTO glossary_terms (entry_id, position, lang, text, norm, status, part_of_speech, note)
      VALUES (${entryIdSql}, ${position}, ${t.lang}, ${t.text}, ${normalizeForSearch(t.text)}, ${t.status},
        ${t.partOfSpeech}, ${t.note})`,
  );
}

/**
 * The statement every glossary write ends its batch with: the glossary version keys the term matcher's
 * cache (matcher.ts) and a web import's preview. Plain SQL text, so the seed's SQL file can hold it too.
 */
export const BUMP_GLOSSARY_VERSION = "UPDATE meta SET value = value + 1 WHERE key = 'glossary_version'";

/** Current glossary version: changes whenever any entry is created, edited or deleted. */
export async function glossaryVersion(db: Db): Promise<number> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, "glossary_version")).get();
  return row?.value ?? 0;
}

/** Creates an entry, its terms, its history record and bumps the glossary version, atomically. */
export async function createEntry(
  db: Db,
  input: EntryContent,
  actor: string,
  seedKey: string | null = null,
): Promise<GlossaryEntry> {
  // One batch = one transaction: the new id is read back inside it, so no other writer can interleave.
  const newId = sql`(SELECT max(id) FROM glossary_entries)`;
  const [inserted] = await runBatch(db, [
    db
      .insert(glossaryEntries)
      .values({
        seedKey,
        domain: input.domain,
        definition: input.definition,
        note: input.note,
        source: input.source,
        createdBy: actor,
        updatedBy: actor,
      })
      .returning({ id: glossaryEntries.id }),
    ...termInserts(newId, input.terms),
    sql`INSERT INTO glossary_history (entry_id, version, action, before, after, actor)
      VALUES (${newId}, 1, 'create', NULL, ${JSON.stringify(snapshot(input))}, ${actor})`,
    sql.raw(BUMP_GLOSSARY_VERSION),
  ]);
  const id = inserted?.results[0]?.id as number | undefined;
  if (id === undefined) throw new Error("entry insert returned no id");
  return requireEntry(db, id);
}

/** The guard of a write to entry `id` read at version `expected`: 404 if it is gone, 412 if it moved on. */
function entryAt(db: Db, id: number, expected: number): Guard {
  return new Guard(
    sql`(SELECT version FROM glossary_entries WHERE id = ${id}) = ${expected}`,
    async (): Promise<DomainError> => {
      const now = await getEntry(db, id);
      if (!now) return notFound(`glossary entry ${id}`);
      return staleVersion(
        `glossary entry ${id} was changed by someone else (now at version ${now.version})`,
        now.version,
      );
    },
  );
}

/**
 * Replaces an entry's content if it is still at `expected` version (a guarded batch: if a concurrent
 * writer got there first, nothing is written and the guard reports 412).
 */
export async function replaceEntry(
  db: Db,
  id: number,
  input: EntryContent,
  before: GlossaryEntry,
  expected: number,
  actor: string,
  how: { via: "edit" | "revert"; detail: string | null } = { via: "edit", detail: null },
): Promise<GlossaryEntry> {
  await runBatch(db, [
    entryAt(db, id, expected),
    sql`DELETE FROM glossary_terms WHERE entry_id = ${id}`,
    ...termInserts(sql`${id}`, input.terms),
    sql`INSERT INTO glossary_history (entry_id, version, action, before, after, actor, via, detail)
      VALUES (${id}, ${expected + 1}, 'update', ${JSON.stringify(snapshot(before))}, ${JSON.stringify(snapshot(input))}, ${actor},
        ${how.via}, ${how.detail})`,
    sql.raw(BUMP_GLOSSARY_VERSION),
    sql`UPDATE glossary_entries SET domain = ${input.domain}, definition = ${input.definition},
      note = ${input.note}, source = ${input.source}, version = version + 1, updated_by = ${actor},
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = ${id}`,
  ]);
  return requireEntry(db, id);
}

/** Deletes an entry (terms cascade) if still at `expected` (guarded); history keeps a delete record. */
export async function deleteEntry(
  db: Db,
  before: GlossaryEntry,
  expected: number,
  actor: string,
): Promise<void> {
  const id = before.id;
  await runBatch(db, [
    entryAt(db, id, expected),
    sql`INSERT INTO glossary_history (entry_id, version, action, before, after, actor)
      VALUES (${id}, ${expected + 1}, 'delete', ${JSON.stringify(snapshot(before))}, NULL, ${actor})`,
    sql.raw(BUMP_GLOSSARY_VERSION),
    sql`DELETE FROM glossary_entries WHERE id = ${id}`,
  ]);
}

export interface HistoryRecord {
  id: number;
  entryId: number;
  version: number;
  action: "create" | "update" | "delete";
  before: EntryContent | null;
  after: EntryContent | null;
  actor: string | null;
  at: string;
  /** edit (form or API), import (detail: the file's name, when known), revert (detail: the version restored). */
  via: "edit" | "import" | "revert";
  detail: string | null;
}

export async function entryHistory(db: Db, entryId: number): Promise<HistoryRecord[]> {
  const rows = await db
    .select()
    .from(glossaryHistory)
    .where(eq(glossaryHistory.entryId, entryId))
    .orderBy(asc(glossaryHistory.id))
    .all();
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entryId,
    version: r.version,
    action: r.action,
    before: (r.before as EntryContent | null) ?? null,
    after: (r.after as EntryContent | null) ?? null,
    actor: r.actor,
    at: r.at,
    via: r.via,
    detail: r.detail,
  }));
}

/**
 * The content an entry had at `version` (the history record that produced it), or null if unknown (an
 * entry loaded before history existed, or a version it never had).
 */
export async function entryAtVersion(db: Db, entryId: number, version: number): Promise<EntryContent | null> {
  const row = await db
    .select({ after: glossaryHistory.after })
    .from(glossaryHistory)
    .where(and(eq(glossaryHistory.entryId, entryId), eq(glossaryHistory.version, version)))
    .orderBy(asc(glossaryHistory.id))
    .get();
  return (row?.after as EntryContent | null | undefined) ?? null;
}

/** The columns an entry and a term show, named as GlossaryEntry and Term name them. */
const ENTRY_COLUMNS = sql.raw(
  "id, domain, definition, note, source, version, created_at AS createdAt, updated_at AS updatedAt",
);
const TERM_COLUMNS = sql.raw("entry_id AS entryId, lang, text, status, part_of_speech AS partOfSpeech, note");

/** Every entry with its terms (for the term matcher and exports). */
export async function allEntries(db: Db): Promise<GlossaryEntry[]> {
  return (await glossarySnapshot(db)).entries;
}

/**
 * Every entry, with the glossary's counters read in the same batch (one snapshot): `version` as the writers
 * raise it, `revision` as the triggers of migration 0014 raise it on every write to an entry or a term.
 */
export async function glossarySnapshot(
  db: Db,
): Promise<{ version: number; revision: number; entries: GlossaryEntry[] }> {
  // Thousands of rows (the term matcher is built from them after every glossary change): only the columns
  // an entry shows, named as GlossaryEntry names them, read in one batch (one snapshot of entries and terms)
  // and built here — drizzle's per-row mapping of every column was most of this read's CPU.
  const [counters, entries, terms] = await runBatch(db, [
    sql`SELECT (SELECT value FROM meta WHERE key = 'glossary_version') AS version,
      (SELECT value FROM meta WHERE key = 'glossary_revision') AS revision`,
    sql`SELECT ${ENTRY_COLUMNS} FROM ${glossaryEntries} ORDER BY id`,
    sql`SELECT ${TERM_COLUMNS} FROM ${glossaryTerms} ORDER BY entry_id, position, id`,
  ]);
  const c = counters?.results?.[0] as { version: number | null; revision: number | null } | undefined;
  return { version: c?.version ?? 0, revision: c?.revision ?? 0, entries: entriesOf(entries, terms) };
}

/**
 * The glossary as glossarySnapshot reads it, from one read at `held.revision` (`held.entries`, in id order):
 * every entry's row, but terms only for the entries the change log (glossary_changes, migration 0015: every
 * write to a term, an entry's insert and delete) names from that revision on — the others' terms are the
 * held ones. Null (read everything) when the log does not reach back that far, or the held read is not an
 * earlier state of this glossary (a later revision, an entry neither held nor named).
 */
export async function glossarySnapshotSince(
  db: Db,
  held: { revision: number; entries: ReadonlyMap<number, GlossaryEntry> },
): Promise<{ version: number; revision: number; entries: GlossaryEntry[] } | null> {
  // >=: the revision a trigger writes is read before or after its own write's raise (see the migration).
  const named = sql`SELECT entry_id FROM glossary_changes WHERE revision >= ${held.revision}`;
  const [counters, changed, entries, terms] = await runBatch(db, [
    sql`SELECT (SELECT value FROM meta WHERE key = 'glossary_version') AS version,
      (SELECT value FROM meta WHERE key = 'glossary_revision') AS revision,
      coalesce((SELECT value FROM meta WHERE key = 'glossary_changes_from'), 0) AS changesFrom`,
    sql`SELECT DISTINCT entry_id AS id FROM glossary_changes WHERE revision >= ${held.revision}`,
    sql`SELECT ${ENTRY_COLUMNS} FROM ${glossaryEntries} ORDER BY id`,
    sql`SELECT ${TERM_COLUMNS} FROM ${glossaryTerms} WHERE entry_id IN (${named})
      ORDER BY entry_id, position, id`,
  ]);
  const c = counters?.results?.[0] as
    | { version: number | null; revision: number | null; changesFrom: number }
    | undefined;
  const revision = c?.revision ?? 0;
  if (!c || revision < held.revision || held.revision < c.changesFrom) return null;
  const read = new Set(((changed?.results ?? []) as { id: number }[]).map((r) => r.id));
  const out: GlossaryEntry[] = [];
  for (const e of entriesOf(entries, terms)) {
    if (read.has(e.id)) out.push(e);
    else {
      const before = held.entries.get(e.id);
      if (!before) return null;
      out.push({ ...e, terms: before.terms });
    }
  }
  return { version: c.version ?? 0, revision, entries: out };
}

/** The entries of these ids that exist (in id order): a page's few entries without reading them all. */
export async function entriesByIds(db: Db, ids: readonly number[]): Promise<GlossaryEntry[]> {
  if (ids.length === 0) return [];
  // One JSON parameter (D1 binds at most 100 per statement; a review page lists ~200 entries).
  const list = JSON.stringify(ids);
  const [entries, terms] = await runBatch(db, [
    sql`SELECT ${ENTRY_COLUMNS} FROM ${glossaryEntries}
      WHERE id IN (SELECT value FROM json_each(${list})) ORDER BY id`,
    sql`SELECT ${TERM_COLUMNS} FROM ${glossaryTerms}
      WHERE entry_id IN (SELECT value FROM json_each(${list})) ORDER BY entry_id, position, id`,
  ]);
  return entriesOf(entries, terms);
}

function entriesOf(
  entries: { results?: unknown[] } | undefined,
  terms: { results?: unknown[] } | undefined,
): GlossaryEntry[] {
  const byEntry = new Map<number, Term[]>();
  for (const t of (terms?.results ?? []) as (Term & { entryId: number })[]) {
    const term: Term = {
      lang: t.lang,
      text: t.text,
      status: t.status,
      partOfSpeech: t.partOfSpeech,
      note: t.note,
    };
    const list = byEntry.get(t.entryId);
    if (list) list.push(term);
    else byEntry.set(t.entryId, [term]);
  }
  return ((entries?.results ?? []) as Omit<GlossaryEntry, "terms">[]).map((e) => ({
    id: e.id,
    domain: e.domain,
    definition: e.definition,
    note: e.note,
    source: e.source,
    terms: byEntry.get(e.id) ?? [],
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  }));
}

export async function entryDomains(db: Db): Promise<{ domain: string; count: number }[]> {
  return db
    .select({ domain: glossaryEntries.domain, count: sql<number>`count(*)` })
    .from(glossaryEntries)
    .groupBy(glossaryEntries.domain)
    .orderBy(asc(glossaryEntries.domain))
    .all();
}
