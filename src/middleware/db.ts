import { drizzle } from "drizzle-orm/d1";
import { createMiddleware } from "hono/factory";
import * as schema from "../db/schema";
import type { AppEnv } from "../env";
import { badRequest } from "../errors";

export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * Opens a D1 session per request (Sessions API). Reads may be served by a nearby replica; a client that
 * sends back the bookmark of its last response reads its own writes. Writes start at the primary.
 */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  const bookmark = c.req.header(BOOKMARK_HEADER)?.trim();
  const safe = c.req.method === "GET" || c.req.method === "HEAD";
  if (bookmark !== undefined && bookmark !== "" && !/^[0-9a-zA-Z-]{1,200}$/.test(bookmark)) {
    throw badRequest(`${BOOKMARK_HEADER} is not a D1 bookmark`);
  }
  const session = c.env.DB.withSession(bookmark || (safe ? "first-unconstrained" : "first-primary"));
  c.set("d1", session);
  // drizzle's D1 driver only calls prepare() and batch(), which a session provides.
  c.set("db", drizzle(session as unknown as D1Database, { schema }));
  await next();
  const latest = session.getBookmark();
  if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
});
