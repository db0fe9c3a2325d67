import { drizzle } from "drizzle-orm/d1";
import type { Context, Env, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { badRequest } from "../errors";
import { isSafeMethod } from "../http/methods";

export const BOOKMARK_HEADER = "x-d1-bookmark";

/** What a D1 bookmark looks like; anything else a client sends back is not passed to D1. */
export const isD1Bookmark = (s: string) => /^[0-9a-zA-Z-]{1,200}$/.test(s);

/** How a client's D1 bookmark travels: a header for API clients, a cookie for browsers. */
export interface BookmarkCarrier<E extends Env> {
  /** The bookmark the client sent back, or null. */
  read(c: Context<E>): string | null;
  /** Hands the session's latest bookmark to the client, after the handler made the response. */
  write(c: Context<E>, bookmark: string, safe: boolean): void;
}

/**
 * The one D1 session factory (Sessions API), for the API and the web pages: a session per request, in
 * `c.var.d1` and, through drizzle, `c.var.db`. Reads may be served by a nearby replica; a client that sends
 * back the bookmark of its last response reads its own writes. Writes start at the primary: an API route
 * declares where its session starts (`session` of apiRoute), a web page goes by its method.
 */
export function d1Sessions<E extends AppEnv>(carrier: BookmarkCarrier<E>): MiddlewareHandler<E> {
  return createMiddleware<E>(async (c, next) => {
    const safe = isSafeMethod(c.req.method);
    const bookmark = carrier.read(c);
    // The variables every env E shares with AppEnv (TypeScript cannot look keys up in a generic E).
    const base = c as unknown as Context<AppEnv>;
    // An API route declares its mode (route-policy.ts); web pages and unknown paths go by the method.
    const mode = base.var.routePolicy?.session ?? (safe ? "replica" : "primary");
    const session = c.env.DB.withSession(
      bookmark ?? (mode === "replica" ? "first-unconstrained" : "first-primary"),
    );
    base.set("d1", session);
    // drizzle's D1 driver only calls prepare() and batch(), which a session provides. No schema: its
    // relational queries are not used, and drizzle would build their configuration for every request.
    base.set("db", drizzle(session as unknown as D1Database));
    await next();
    const latest = session.getBookmark();
    if (latest) carrier.write(c, latest, safe);
  });
}

/** The API's D1 sessions: the bookmark comes and goes in the `x-d1-bookmark` header (a malformed one is a 400). */
export const d1Session = d1Sessions<AppEnv>({
  read(c) {
    const bookmark = c.req.header(BOOKMARK_HEADER)?.trim();
    if (!bookmark) return null;
    if (!isD1Bookmark(bookmark)) throw badRequest(`${BOOKMARK_HEADER} is not a D1 bookmark`);
    return bookmark;
  },
  write(c, bookmark) {
    c.res.headers.set(BOOKMARK_HEADER, bookmark);
  },
});
