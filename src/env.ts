import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { RoutePolicy } from "./middleware/route-policy";
import type { TokenScope } from "./types";

/** Bindings and variables configured in wrangler.toml / .dev.vars / secrets. */
export interface Bindings {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Secret: the bootstrap admin token. Without it every authenticated route refuses (fails closed). */
  ADMIN_TOKEN?: string;
  /** Largest accepted JSON request body in bytes (default 1 MiB). */
  MAX_BODY_BYTES?: string;
  /** Secret used to sign web session cookies (defaults to a key derived from ADMIN_TOKEN). */
  SESSION_SECRET?: string;
}

export interface Principal {
  /** Token id, or null for the bootstrap ADMIN_TOKEN. */
  tokenId: number | null;
  name: string;
  scope: TokenScope;
  /** When a stored token was last used (null for ADMIN_TOKEN or a never-used token). */
  lastUsedAt?: string | null;
}

/**
 * Drizzle over a D1 session; `$client` is the session itself (for batches of raw statements). Without the
 * schema's relational queries (db.query, unused): drizzle would rebuild their configuration per request.
 */
export type Db = DrizzleD1Database & { $client: D1Database };

export interface Variables {
  /** Drizzle over this request's D1 session (Sessions API: read-your-writes via bookmarks). */
  db: Db;
  /** The raw D1 session, for prepared statements drizzle does not express well. */
  d1: D1DatabaseSession;
  principal: Principal;
  /** The API route's declared scope and D1 session mode (src/middleware/route-policy.ts); null: no route. */
  routePolicy: RoutePolicy | null;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
