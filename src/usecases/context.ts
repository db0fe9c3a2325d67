import type { Db } from "../env";

/**
 * What a use case needs from the request that calls it, and nothing of HTTP: the database session, who is
 * acting (recorded in histories) and a way to finish work after the response (Workers' `waitUntil`, e.g.
 * the memory's index sync). Routes and web pages build it from their Hono context.
 */
export interface UseCaseContext {
  db: Db;
  /** Name of the token (or web session) acting. */
  actor: string;
  waitUntil(promise: Promise<unknown>): void;
}
