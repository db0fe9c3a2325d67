/**
 * Translation memory over D1, shared parts: reading rows of a statement and term lookup.
 * The postings (tm_tokens, tm_postings) are maintained behind the writes: triggers on `segments` record
 * what changed (migrations/0006), tm-index.ts applies it set-based, and every TM read catches up first. Fuzzy matching and pre-translation: tm-match.ts; concordance: tm-concordance.ts; TMX import and
 * export: tm-exchange.ts. Scoring is src/text/fuzzy.ts; docs/tm.md explains the design and its D1 limits.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import type { Lang } from "../types";
import { runBatch, type Statement } from "./batch";

export async function all<T>(db: Db, q: Statement): Promise<T[]> {
  const [res] = await runBatch(db, [q]);
  return (res?.results ?? []) as T[];
}
// ------------------------------------------------------------------------------------------ terms

export interface TermInfo {
  id: number;
  df: number;
}

/** The statement looking terms of one language up (to run in a batch with others); read it with termMap. */
export function termLookupStatement(lang: Lang, terms: Iterable<string>): Statement {
  return sql`SELECT id, token, df FROM tm_tokens
    WHERE lang = ${lang} AND token IN (SELECT value FROM json_each(${JSON.stringify([...new Set(terms)])}))`;
}

/** Rows of termLookupStatement as a map term → id and document frequency. */
export function termMap(rows: readonly Record<string, unknown>[]): Map<string, TermInfo> {
  const out = new Map<string, TermInfo>();
  for (const r of rows) out.set(r.token as string, { id: r.id as number, df: r.df as number });
  return out;
}

/** Ids and document frequencies of terms in one language (absent terms are missing from the map). */
export async function lookupTerms(
  db: Db,
  lang: Lang,
  terms: Iterable<string>,
): Promise<Map<string, TermInfo>> {
  return termMap(await all(db, termLookupStatement(lang, terms)));
}
