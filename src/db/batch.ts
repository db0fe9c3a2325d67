import { is, SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../env";

/** Anything that renders to one SQL statement: a drizzle query builder or an `sql` template. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

const dialect = new SQLiteSyncDialect();

function prepare(db: Db, q: Statement): D1PreparedStatement {
  const { sql, params } = is(q, SQL) ? dialect.sqlToQuery(q) : q.toSQL();
  return db.$client.prepare(sql).bind(...params);
}

/**
 * Runs statements as one D1 batch — a single transaction: all apply or none. (drizzle's own batch() cannot
 * take raw `sql` statements over a D1 session, so statements are rendered by drizzle and run by D1 directly.)
 */
export async function runBatch(
  db: Db,
  statements: Statement[],
): Promise<D1Result<Record<string, unknown>>[]> {
  if (statements.length === 0) return [];
  return db.$client.batch(statements.map((q) => prepare(db, q)));
}
