/**
 * Web sign-in lockout: attempts per client address in a fixed window, in D1 (one count for every data
 * centre, unlike the Cache API used before). An attempt is counted BEFORE its token is evaluated, with one
 * atomic upsert (D1 runs a batch as one transaction, one at a time), so parallel guesses each get their own
 * number and only the first LOGIN_ATTEMPT_LIMIT of a window are evaluated. A successful sign-in gives its
 * attempt back, so the count is that of failures plus attempts in flight — and a valid token never resets it.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { runBatch } from "./batch";

export const LOGIN_ATTEMPT_LIMIT = 10;
export const LOGIN_WINDOW_S = 600;

export interface LoginAttempt {
  /** Attempts of this client in its window, this one included. */
  attempts: number;
  /** Seconds until the window ends. */
  retryAfterS: number;
}

/** Counts one sign-in attempt of `client` (expired windows are dropped first, in the same transaction). */
export async function countLoginAttempt(db: Db, client: string): Promise<LoginAttempt> {
  const now = Math.floor(Date.now() / 1000);
  const [, counted] = await runBatch(db, [
    sql`DELETE FROM login_attempts WHERE reset_at <= ${now}`,
    sql`INSERT INTO login_attempts (client, attempts, reset_at) VALUES (${client}, 1, ${now + LOGIN_WINDOW_S})
      ON CONFLICT (client) DO UPDATE SET attempts = attempts + 1
      RETURNING attempts, reset_at AS resetAt`,
  ]);
  const row = counted?.results[0] as { attempts: number; resetAt: number } | undefined;
  if (!row) throw new Error("login attempt was not counted");
  return { attempts: row.attempts, retryAfterS: Math.max(1, row.resetAt - now) };
}

/** Gives back the attempt of a successful sign-in. */
export async function refundLoginAttempt(db: Db, client: string): Promise<void> {
  await runBatch(db, [
    sql`UPDATE login_attempts SET attempts = max(attempts - 1, 0) WHERE client = ${client}`,
  ]);
}
