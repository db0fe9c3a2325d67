import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { buildTermSearch, type TermSearchIndex } from "../text/term-search";
import { buildTermMatcher, type TermMatcher } from "../text/terms";
import type { GlossaryEntry } from "../types";
import { runBatch } from "./batch";
import { glossarySnapshot, glossarySnapshotSince } from "./glossary";
import { dropOldChanges } from "./glossary-changes";
import { all } from "./tm";
import { sha256Hex } from "./tokens";

export interface GlossaryIndex {
  version: number;
  /** The glossary revision (meta.glossary_revision) the entries were read at, in the same snapshot. */
  revision: number;
  /**
   * What the matcher was built from (every entry's id, terms and domain, serialised): a new glossary version
   * whose input is the same keeps the same matcher object.
   */
  matcherInput: string;
  /** Hex SHA-256 of `matcherInput`: names the matcher in stored analyses (src/db/segment-analyses.ts). */
  matcherKey: string;
  /** Built on first use: a review page whose analyses are all stored or kept needs only the key. */
  readonly matcher: TermMatcher;
  /** Whether `matcher` has been built (for tests and the bench's notes). */
  readonly matcherBuilt: boolean;
  /** Read from this isolate's previous index and the change log since it (glossarySnapshotSince), not whole. */
  fromChanges: boolean;
  entries: Map<number, GlossaryEntry>;
  /** The search index of the same entries, built on the first search of this version (searchIndex()). */
  search: TermSearchIndex | null;
}

/** The glossary's counters, and the key of its matcher when an isolate stored it for this revision. */
export interface GlossaryState {
  version: number;
  revision: number;
  matcherKey: string | null;
}

/** The glossary's search index (term-search.ts), built once per glossary version beside the matcher. */
export async function searchIndex(db: Db): Promise<{ index: GlossaryIndex; search: TermSearchIndex }> {
  const index = await glossaryIndex(db);
  index.search ??= buildTermSearch([...index.entries.values()], index.matcher);
  return { index, search: index.search };
}

// The one piece of module state: a cache keyed by the glossary version and revision, so a matcher is built
// once per glossary change and per isolate, never per request, and never served stale after an edit.
let cached: GlossaryIndex | null = null;
let building: Promise<GlossaryIndex> | null = null;

/** The counters and the stored matcher key of the current revision: one cheap read. */
export async function glossaryState(db: Db): Promise<GlossaryState> {
  const [row] = await all<GlossaryState>(
    db,
    sql`SELECT coalesce((SELECT value FROM meta WHERE key = 'glossary_version'), 0) AS version,
      coalesce((SELECT value FROM meta WHERE key = 'glossary_revision'), 0) AS revision,
      (SELECT matcher_key FROM glossary_matchers
        WHERE revision = (SELECT value FROM meta WHERE key = 'glossary_revision')) AS matcherKey`,
  );
  return row ?? { version: 0, revision: 0, matcherKey: null };
}

/** This isolate's index when it is the glossary of `state` (null: not built here, or built before a change). */
export function builtIndex(state: GlossaryState): GlossaryIndex | null {
  return cached && cached.version === state.version && cached.revision === state.revision ? cached : null;
}

/** The term matcher for the current glossary (one cheap read per call; rebuilt only on change, when used). */
export async function glossaryIndex(db: Db): Promise<GlossaryIndex> {
  return glossaryIndexAt(db, await glossaryState(db));
}

/** The index of the glossary `state` was read from (or of a later one, if it changed meanwhile). */
export async function glossaryIndexAt(db: Db, state: GlossaryState): Promise<GlossaryIndex> {
  const hit = builtIndex(state);
  if (hit) return hit;
  if (!building) {
    building = build(db).finally(() => {
      building = null;
    });
  }
  const index = await building;
  // Built from an older snapshot than `state` (a build already under way): read the state again.
  return index.revision >= state.revision ? index : glossaryIndex(db);
}

async function build(db: Db): Promise<GlossaryIndex> {
  // After an edit this isolate holds the previous revision's entries: only the changed entries' terms are read.
  const held = cached;
  const since = held ? await glossarySnapshotSince(db, held) : null;
  const { version, revision, entries } = since ?? (await glossarySnapshot(db));
  const input = entries.map((e) => ({ id: e.id, terms: e.terms, domain: e.domain }));
  // The matcher is a function of exactly this input: an edit that leaves it equal (a definition, a note,
  // a source) keeps the built matcher, and with it the analyses made with it (src/usecases/review-analysis.ts).
  const inputKey = JSON.stringify(input);
  const reused = cached?.matcherInput === inputKey ? cached : null;
  let matcher: TermMatcher | null = null;
  const index: GlossaryIndex = {
    version,
    revision,
    get matcher() {
      matcher ??= reused ? reused.matcher : buildTermMatcher(input);
      return matcher;
    },
    get matcherBuilt() {
      return matcher !== null || reused?.matcherBuilt === true;
    },
    matcherInput: inputKey,
    fromChanges: since !== null,
    matcherKey: reused?.matcherKey ?? (await sha256Hex(inputKey)),
    entries: new Map(entries.map((e) => [e.id, e])),
    search: null,
  };
  // The revision and the entries are one snapshot, so the key stored names exactly this revision's matcher
  // (a later write raises the revision: the row is then never read again, and is dropped by a later one).
  await runBatch(db, [
    sql`INSERT INTO glossary_matchers (revision, matcher_key) VALUES (${revision}, ${index.matcherKey})
      ON CONFLICT (revision) DO NOTHING`,
    sql`DELETE FROM glossary_matchers WHERE revision < ${revision}`,
    ...dropOldChanges(revision),
  ]);
  if (!cached || cached.revision <= revision) cached = index;
  return index;
}

/** Forgets this isolate's index, as a new isolate starts (tests of what is stored in D1). */
export function forgetGlossaryIndex(): void {
  cached = null;
}
