import { asc, sql } from "drizzle-orm";
import type { Db } from "../env";
import { badRequest, DomainError, ErrorCode, type FieldError } from "../errors";
import { normalizeForSearch } from "../text/normalize";
import type { EntryContent, GlossaryEntry, KeyedEntry } from "../types";
import { Guard, runBatch } from "./batch";
import { mergeImported } from "./entry-merge";
import { allEntries, BUMP_GLOSSARY_VERSION, glossaryVersion, snapshot } from "./glossary";
import { glossaryEntries } from "./schema";
import { sqlLiteral } from "./seed";

/**
 * Glossary exchange: every entry with its external key, and imports planned as a diff against the current
 * glossary, then applied as ONE D1 batch (one transaction), so an import applies completely or not at all.
 */

/**
 * Largest number of entries one import may hold. An import is one D1 batch (up to five statements per
 * entry) so that it is all-or-nothing; beyond this the batch would get unreasonably large, so bigger files
 * are refused (413) rather than applied in parts.
 */
export const MAX_IMPORT_ENTRIES = 5000;

export type ImportMode = "merge" | "replace";

export interface KeyedGlossaryEntry extends GlossaryEntry {
  key: string;
}

/** How a file row found its entry: by its key, or (no key match) by its preferred English and Arabic terms. */
export type MatchedBy = "key" | "terms";

export interface PlannedChange {
  id: number;
  key: string;
  /** The file row's own key (differs from `key` when the row matched by its terms). */
  fileKey: string;
  matchedBy: MatchedBy;
  version: number;
  before: EntryContent;
  after: EntryContent;
}

/** A row the user chose to leave out (by the file row's key, or the existing key of a planned deletion). */
export interface SkippedRow {
  key: string;
  action: "add" | "change" | "delete";
}

export interface ImportOptions {
  /** Keys of file rows (or, in replace mode, of entries to delete) not to apply. */
  skip?: ReadonlySet<string>;
}

export interface PlannedDeletion {
  id: number;
  key: string;
  version: number;
  before: EntryContent;
}

export interface ImportPlan {
  mode: ImportMode;
  /** The glossary version the plan was computed against (a web preview re-checks it before applying). */
  glossaryVersion: number;
  added: KeyedEntry[];
  changed: PlannedChange[];
  unchanged: number;
  deleted: PlannedDeletion[];
  skippedOnRequest: SkippedRow[];
}

/** The external key of an entry: its seed key, or `entry-<id>` for entries created in Diwan. */
export const entryKey = (id: number, seedKey: string | null) => seedKey ?? `entry-${id}`;

const GENERATED_KEY = /^entry-(\d{1,15})$/;
/** Keys with this prefix are placeholders for file entries without a key (e.g. TBX concepts without id). */
export const NO_KEY_PREFIX = "~row-";

/** Every entry with its key, in id order (exports and import planning). */
export async function keyedEntries(db: Db): Promise<KeyedGlossaryEntry[]> {
  const [entries, keys] = await Promise.all([
    allEntries(db),
    db
      .select({ id: glossaryEntries.id, seedKey: glossaryEntries.seedKey })
      .from(glossaryEntries)
      .orderBy(asc(glossaryEntries.id))
      .all(),
  ]);
  const seedKeys = new Map(keys.map((k) => [k.id, k.seedKey]));
  return entries.map((e) => ({ ...e, key: entryKey(e.id, seedKeys.get(e.id) ?? null) }));
}

/** Identity of an entry by its first preferred English and Arabic terms, normalised as search does. */
function termIdentity(e: EntryContent): string | null {
  const en = e.terms.find((t) => t.lang === "en" && t.status === "preferred");
  const ar = e.terms.find((t) => t.lang === "ar" && t.status === "preferred");
  if (!en || !ar) return null;
  return `${normalizeForSearch(en.text)}\u0000${normalizeForSearch(ar.text)}`;
}

/**
 * Content equality. Terms are compared grouped by language (order within a language kept): TBX groups
 * terms by language, and the order across languages carries no meaning.
 */
function canonical(e: EntryContent): string {
  const s = snapshot(e);
  const rank = (lang: string) => (lang === "ar" ? 0 : 1);
  s.terms = s.terms
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t.lang) - rank(b.t.lang) || a.i - b.i)
    .map((x) => x.t);
  return JSON.stringify(s);
}
const sameContent = (a: EntryContent, b: EntryContent) => canonical(a) === canonical(b);

/**
 * Compares the file's entries with the glossary. A file entry matches an existing one by key (seed key or
 * `entry-<id>`), otherwise by its preferred English+Arabic terms. Two file entries claiming the same
 * existing entry, or one key used twice, is an error: applying it would be ambiguous.
 *
 * "merge" only adds and updates (mergeImported: an empty value or a term missing from the file keeps the
 * stored one); "replace" makes each matched entry exactly the file's row and deletes entries the file does
 * not hold. Rows named in `options.skip` are left out (and an entry a skipped row matched is not deleted).
 */
export async function planImport(
  db: Db,
  incoming: KeyedEntry[],
  mode: ImportMode,
  options: ImportOptions = {},
): Promise<ImportPlan> {
  if (incoming.length > MAX_IMPORT_ENTRIES) {
    throw new DomainError(
      ErrorCode.PayloadTooLarge,
      `an import may hold at most ${MAX_IMPORT_ENTRIES} entries (this file has ${incoming.length}); split it`,
      { title: "Import too large" },
    );
  }
  const [version, existing] = await Promise.all([glossaryVersion(db), keyedEntries(db)]);
  const byKey = new Map(existing.map((e) => [e.key, e]));
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byTerms = new Map<string, KeyedGlossaryEntry>();
  for (const e of existing) {
    const id = termIdentity(e);
    if (id !== null && !byTerms.has(id)) byTerms.set(id, e);
  }

  const problems: FieldError[] = [];
  const seenKeys = new Set<string>();
  const claimed = new Map<number, string>();
  const matchedBy: MatchedBy[] = incoming.map(() => "key");
  const matches: (KeyedGlossaryEntry | null)[] = incoming.map((entry) => {
    if (seenKeys.has(entry.key)) {
      problems.push({ field: `entries.${entry.key}`, message: `key "${entry.key}" appears more than once` });
    }
    seenKeys.add(entry.key);
    const generated = GENERATED_KEY.exec(entry.key);
    return byKey.get(entry.key) ?? (generated ? byId.get(Number(generated[1])) : undefined) ?? null;
  });
  // Key matches claim their entries first, so a term match never steals an entry another row names by key.
  matches.forEach((m, i) => {
    if (m) claimed.set(m.id, incoming[i]!.key);
  });
  incoming.forEach((entry, i) => {
    if (matches[i]) return;
    const id = termIdentity(entry);
    const m = id === null ? undefined : byTerms.get(id);
    if (!m) return;
    const other = claimed.get(m.id);
    if (other !== undefined && other !== entry.key) {
      problems.push({
        field: `entries.${entry.key}`,
        message: `matches existing entry ${m.key} by its preferred terms, which "${other}" already updates`,
      });
      return;
    }
    claimed.set(m.id, entry.key);
    matches[i] = m;
    matchedBy[i] = "terms";
  });
  if (problems.length) throw badRequest("the file cannot be matched unambiguously", problems);

  const skip = options.skip ?? new Set<string>();
  const plan: ImportPlan = {
    mode,
    glossaryVersion: version,
    added: [],
    changed: [],
    unchanged: 0,
    deleted: [],
    skippedOnRequest: [],
  };
  incoming.forEach((entry, i) => {
    const m = matches[i];
    const after = m ? (mode === "merge" ? mergeImported(m, entry) : snapshot(entry)) : entry;
    if (m && sameContent(m, after)) {
      plan.unchanged++;
      return;
    }
    if (skip.has(entry.key)) {
      plan.skippedOnRequest.push({ key: entry.key, action: m ? "change" : "add" });
      return;
    }
    if (!m) plan.added.push(entry);
    else
      plan.changed.push({
        id: m.id,
        key: m.key,
        fileKey: entry.key,
        matchedBy: matchedBy[i]!,
        version: m.version,
        before: snapshot(m),
        after,
      });
  });
  if (mode === "replace") {
    for (const e of existing) {
      if (claimed.has(e.id)) continue;
      if (skip.has(e.key)) plan.skippedOnRequest.push({ key: e.key, action: "delete" });
      else plan.deleted.push({ id: e.id, key: e.key, version: e.version, before: snapshot(e) });
    }
  }
  return plan;
}

export const planIsEmpty = (p: ImportPlan) => !p.added.length && !p.changed.length && !p.deleted.length;

/**
 * Applies a plan as one D1 batch. Values are written as escaped SQL literals (`sqlLiteral`), not bound
 * parameters, so multi-row term inserts stay clear of D1's 100-parameter limit. The batch is guarded (see
 * Guard in batch.ts): every entry it changes or deletes must still be at the version the plan saw, and no
 * entry may have taken one of the keys it adds; otherwise nothing is imported (409, preview again).
 */
export async function applyImport(
  db: Db,
  plan: ImportPlan,
  actor: string,
  fileName: string | null = null,
): Promise<void> {
  if (planIsEmpty(plan)) return;
  const L = sqlLiteral;
  const json = (e: EntryContent | null) => (e === null ? "NULL" : L(JSON.stringify(snapshot(e))));
  const statements: string[] = [];
  const termRows = (entryId: string, e: EntryContent) =>
    `INSERT INTO glossary_terms (entry_id, position, lang, text, norm, status, part_of_speech, note) VALUES ${e.terms
      .map(
        (t, position) =>
          `(${entryId}, ${position}, ${L(t.lang)}, ${L(t.text)}, ${L(normalizeForSearch(t.text))}, ${L(t.status)}, ${L(t.partOfSpeech)}, ${L(t.note)})`,
      )
      .join(", ")}`;

  for (const d of plan.deleted) {
    statements.push(
      `INSERT INTO glossary_history (entry_id, version, action, before, after, actor, via, detail) VALUES (${d.id}, ${d.version + 1}, 'delete', ${json(d.before)}, NULL, ${L(actor)}, 'import', ${L(fileName)})`,
    );
    statements.push(`DELETE FROM glossary_entries WHERE id = ${d.id}`);
  }
  for (const c of plan.changed) {
    const a = c.after;
    statements.push(`DELETE FROM glossary_terms WHERE entry_id = ${c.id}`);
    statements.push(termRows(String(c.id), a));
    statements.push(
      `INSERT INTO glossary_history (entry_id, version, action, before, after, actor, via, detail) VALUES (${c.id}, ${c.version + 1}, 'update', ${json(c.before)}, ${json(a)}, ${L(actor)}, 'import', ${L(fileName)})`,
    );
    statements.push(
      `UPDATE glossary_entries SET domain = ${L(a.domain)}, definition = ${L(a.definition)}, note = ${L(a.note)}, source = ${L(a.source)}, version = version + 1, updated_by = ${L(actor)}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ${c.id}`,
    );
  }
  // Inside the transaction the newest row is the one just inserted, so max(id) names it.
  const newId = "(SELECT max(id) FROM glossary_entries)";
  const seedKeys: string[] = [];
  for (const e of plan.added) {
    // Keys of the form entry-<id> name rows of some other Diwan; they are not kept as seed keys here.
    const seedKey = GENERATED_KEY.test(e.key) || e.key.startsWith(NO_KEY_PREFIX) ? null : e.key;
    if (seedKey !== null) seedKeys.push(seedKey);
    statements.push(
      `INSERT INTO glossary_entries (seed_key, domain, definition, note, source, created_by, updated_by) VALUES (${L(seedKey)}, ${L(e.domain)}, ${L(e.definition)}, ${L(e.note)}, ${L(e.source)}, ${L(actor)}, ${L(actor)})`,
    );
    statements.push(termRows(newId, e));
    statements.push(
      `INSERT INTO glossary_history (entry_id, version, action, before, after, actor, via, detail) VALUES (${newId}, 1, 'create', NULL, ${json(e)}, ${L(actor)}, 'import', ${L(fileName)})`,
    );
  }
  statements.push(BUMP_GLOSSARY_VERSION);
  const planned = [...plan.deleted, ...plan.changed].map((e) => [e.id, e.version]);
  const conflict = (detail: string) => () => new DomainError(ErrorCode.ConcurrentImport, detail);
  await runBatch(db, [
    new Guard(
      sql`(SELECT count(*) FROM json_each(${JSON.stringify(planned)}) AS j
        JOIN glossary_entries AS e ON e.id = j.value ->> '$[0]' AND e.version = j.value ->> '$[1]') = ${planned.length}`,
      conflict(
        "the glossary changed while the import was being applied; nothing was imported — preview it again",
      ),
    ),
    new Guard(
      sql`NOT EXISTS (SELECT 1 FROM glossary_entries
        WHERE seed_key IN (SELECT value FROM json_each(${JSON.stringify(seedKeys)})))`,
      conflict(
        "an entry with one of the file's keys was added meanwhile; nothing was imported — preview it again",
      ),
    ),
    ...statements.map((s) => sql.raw(s)),
  ]);
}
