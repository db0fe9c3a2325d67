import { is, SQL, sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../env";
import type { DomainError } from "../errors";

/** Anything that renders to one SQL statement: a drizzle query builder, an `sql` template or a Guard. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

const dialect = new SQLiteSyncDialect();

function prepare(db: Db, q: Statement): D1PreparedStatement {
  const { sql, params } = is(q, SQL) ? dialect.sqlToQuery(q) : q.toSQL();
  return db.$client.prepare(sql).bind(...params);
}

/**
 * Optimistic concurrency: a condition a batch needs to hold when it runs ("these rows are still at the
 * versions I read"), and the error that reports it failing. A guard is a statement of the batch, placed
 * before the writes it protects; it is checked inside the batch's transaction, so nothing can change
 * between the check and the writes. While `holds` is true it selects 1; otherwise it fails, and D1 rolls
 * the whole batch back (SQLite has no RAISE() outside triggers: json() of a text that is not JSON fails).
 * runBatch then tells which guard failed by evaluating the guards again — never from the error's text.
 */
export class Guard {
  constructor(
    /** A boolean SQL expression (NULL counts as false). */
    readonly holds: SQL,
    /** The error to throw when it does not hold (may read the current state, e.g. the current version). */
    readonly error: () => DomainError | Promise<DomainError>,
  ) {}

  toSQL(): { sql: string; params: unknown[] } {
    return dialect.sqlToQuery(
      sql`SELECT CASE WHEN ${this.holds} THEN 1 ELSE json('guard failed') END AS held`,
    );
  }
}

/**
 * Runs statements as one D1 batch — a single transaction: all apply or none. (drizzle's own batch() cannot
 * take raw `sql` statements over a D1 session, so statements are rendered by drizzle and run by D1 directly.)
 * When the batch fails and holds guards, the first guard that no longer holds throws its error; a failure
 * with every guard holding is rethrown as it is. (Guards are re-read after the failure: a guard that failed
 * keeps failing, as versions only grow; one that turned false only after an unrelated failure reports a
 * conflict, which a retry resolves either way.)
 */
export async function runBatch(
  db: Db,
  statements: Statement[],
): Promise<D1Result<Record<string, unknown>>[]> {
  if (statements.length === 0) return [];
  try {
    return await db.$client.batch(statements.map((q) => prepare(db, q)));
  } catch (err) {
    const guards = statements.filter((q): q is Guard => q instanceof Guard);
    if (guards.length === 0) throw err;
    const checks = await db.$client.batch(
      guards.map((g) => prepare(db, sql`SELECT coalesce((${g.holds}), 0) AS held`)),
    );
    const failed = guards.find((_, i) => !(checks[i]?.results[0] as { held?: number } | undefined)?.held);
    if (failed) throw await failed.error();
    throw err;
  }
}

type BatchCall = {
  statements: D1PreparedStatement[];
  resolve: (results: D1Result[]) => void;
  reject: (err: unknown) => void;
};

/**
 * `db` whose D1 batches begun in the same turn — the arms of one Promise.all of storage reads, each of which
 * reaches runBatch before its first await — go to D1 as one batch: one call and one round trip instead of one
 * each (a review page's five reads: docs/benchmarks.md, "coldkeys"). A batch is one transaction, so the reads
 * also see one state; one failing statement fails them all. For reads: writes keep their own batches (a
 * guarded batch's failure would fail the reads joined to it). drizzle's query builders keep the plain client.
 */
export function readsTogether(db: Db): Db {
  const client = db.$client;
  let queue: BatchCall[] = [];
  const flush = () => {
    const calls = queue;
    queue = [];
    client.batch(calls.flatMap((c) => c.statements)).then(
      (results) => {
        let at = 0;
        for (const c of calls) {
          c.resolve(results.slice(at, at + c.statements.length));
          at += c.statements.length;
        }
      },
      (err) => {
        for (const c of calls) c.reject(err);
      },
    );
  };
  const together = {
    prepare: (query: string) => client.prepare(query),
    batch: (statements: D1PreparedStatement[]) =>
      new Promise<D1Result[]>((resolve, reject) => {
        if (queue.length === 0) queueMicrotask(flush);
        queue.push({ statements, resolve, reject });
      }),
  } as unknown as D1Database;
  return Object.assign(Object.create(db) as Db, { $client: together });
}

/**
 * Lets the runtime serve other requests before a long job goes on. An await on D1 is not enough: in
 * workerd (wrangler dev) the local D1 answers inside the process, so a chain of D1 calls never lets the
 * event loop read new connections, and a timer does; in production a job's CPU between its round trips
 * holds its isolate the same way.
 */
export function turnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
