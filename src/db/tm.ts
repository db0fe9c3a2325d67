/**
 * Translation memory over D1, shared parts: term lookup and JSON chunking of lists bound to one statement.
 * The postings (tm_tokens, tm_postings) are maintained behind the writes: triggers on `segments` record
 * what changed (migrations/0006), tm-index.ts applies it set-based, and every TM read catches up first. Fuzzy matching and pre-translation: tm-match.ts; concordance: tm-concordance.ts; TMX import and
 * export: tm-exchange.ts. Scoring is src/text/fuzzy.ts; docs/tm.md explains the design and its D1 limits.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import type { Lang } from "../types";
import { runBatch, type Statement } from "./batch";

/** Largest JSON payload bound to one statement: far under D1's ~2 MB per bound string. */
export const JSON_CHUNK_BYTES = 900_000;

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

/** Splits rows into JSON arrays of at most JSON_CHUNK_BYTES each (one bound parameter per statement). */
export function* chunkJson(rows: readonly unknown[]): Generator<string> {
  let chunk: string[] = [];
  let bytes = 0;
  for (const r of rows) {
    const s = JSON.stringify(r);
    const size = s.length * 3;
    if (chunk.length > 0 && bytes + size > JSON_CHUNK_BYTES) {
      yield `[${chunk.join(",")}]`;
      chunk = [];
      bytes = 0;
    }
    chunk.push(s);
    bytes += size;
  }
  if (chunk.length > 0) yield `[${chunk.join(",")}]`;
}
