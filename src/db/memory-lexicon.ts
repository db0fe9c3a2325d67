/**
 * The bilingual word lexicon the aligner learns from the memory's approved segments (src/text/align-lexicon.ts),
 * held per isolate beside the glossary's matcher (matcher.ts) and learned again only when the memory
 * version changes: `memory_version` in meta, raised by triggers (migration 0012) whenever an approved
 * segment appears, changes or goes. Bounded: learned from the LEXICON_PAIRS most recent approved pairs
 * (and align-lexicon's work bound), so the work per change is capped whatever the memory's size.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { type AlignLexicon, learnLexicon } from "../text/align-lexicon";
import { all } from "./tm";

/** Approved pairs read to learn from (the most recent ones): ~0.2 s of learning on the benchmark machine. */
export const LEXICON_PAIRS = 2_000;

export interface MemoryLexicon {
  lexicon: AlignLexicon;
  /** Approved pairs it was learned from. */
  pairs: number;
  /** The memory version it was learned at. */
  version: number;
}

let cached: MemoryLexicon | null = null;
let building: Promise<MemoryLexicon> | null = null;

/** The memory version: changes whenever an approved segment is added, edited, unapproved or deleted. */
export async function memoryVersion(db: Db): Promise<number> {
  const [row] = await all<{ value: number }>(db, sql`SELECT value FROM meta WHERE key = 'memory_version'`);
  return row?.value ?? 0;
}

/** The most recent approved pairs of the memory (documents' segments and free memory entries alike). */
export async function approvedPairs(db: Db, limit = LEXICON_PAIRS): Promise<{ ar: string; en: string }[]> {
  return all<{ ar: string; en: string }>(
    db,
    sql`SELECT ar, en FROM segments WHERE status = 'approved' AND en IS NOT NULL AND en <> ''
      ORDER BY id DESC LIMIT ${limit}`,
  );
}

/** The lexicon learned from the memory's approved segments, for the aligner (one version read per call). */
export async function memoryLexicon(db: Db): Promise<MemoryLexicon> {
  const version = await memoryVersion(db);
  if (cached && cached.version === version) return cached;
  if (!building) {
    building = (async () => {
      const pairs = await approvedPairs(db);
      const learned: MemoryLexicon = { lexicon: learnLexicon(pairs), pairs: pairs.length, version };
      // Pairs read after the version: if an approval slipped in between, the next call learns again.
      if (!cached || cached.version <= version) cached = learned;
      return learned;
    })().finally(() => {
      building = null;
    });
  }
  const learned = await building;
  return learned.version === version ? learned : memoryLexicon(db);
}
