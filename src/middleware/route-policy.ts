/**
 * Route metadata declared with each API route (`apiRoute` in src/routes/common.ts: the token scope it needs
 * and where its D1 session starts), read before the route runs. The declarations are the OpenAPI registry's
 * route definitions (`bearerAuth: [scope]`, `x-d1-session`); a router built from them, in registration order
 * like the app's own, finds the policy of a request's route, so the D1 session and the scope check (which
 * run before routing) follow what the route declares instead of path lists kept beside them.
 */
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { TrieRouter } from "hono/router/trie-router";
import type { AppEnv } from "../env";
import { TOKEN_SCOPES, type TokenScope } from "../types";

/** Where a route's D1 session starts: a nearby replica may answer reads; writes start at the primary. */
export type D1SessionMode = "replica" | "primary";

/** What the middleware needs to know of a route before it runs. */
export interface RoutePolicy {
  /** The token scope the route needs. */
  scope: TokenScope;
  /** Where its D1 session starts (a client's bookmark overrides both). */
  session: D1SessionMode;
}

/** The operation extension field that carries the D1 session mode. */
export const SESSION_EXTENSION = "x-d1-session";

/** A route definition as the OpenAPI registry holds it (the fields read here). */
export interface RouteDefinition {
  type: string;
  route?: {
    method: string;
    path: string;
    security?: Record<string, string[]>[];
    [SESSION_EXTENSION]?: unknown;
  };
}

export interface PolicyTable {
  /** The policy of the route that answers this method and path, or null when no declared route does. */
  policyOf(method: string, path: string): RoutePolicy | null;
}

const isScope = (s: unknown): s is TokenScope => TOKEN_SCOPES.includes(s as TokenScope);

/** The policies of the registered routes (registration order decides, as in the app's router). */
export function policyTable(definitions: readonly RouteDefinition[]): PolicyTable {
  const router = new TrieRouter<RoutePolicy>();
  for (const def of definitions) {
    const route = def.route;
    if (def.type !== "route" || !route) continue;
    const scope = route.security?.[0]?.bearerAuth?.[0];
    const session = route[SESSION_EXTENSION];
    // Routes without a policy (health, docs) are not API routes; the contract test holds /api ones to it.
    if (!isScope(scope) || (session !== "replica" && session !== "primary")) continue;
    router.add(route.method.toUpperCase(), route.path.replace(/\{([^}]+)\}/g, ":$1"), { scope, session });
  }
  return {
    policyOf(method, path) {
      // Hono answers HEAD with the GET route.
      const [matches] = router.match(method === "HEAD" ? "GET" : method, path);
      return matches[0]?.[0] ?? null;
    },
  };
}

/** Sets `c.var.routePolicy` for the request (null when no declared route matches: a 404 to be). */
export function routePolicy(definitions: () => readonly RouteDefinition[]): MiddlewareHandler<AppEnv> {
  let table: PolicyTable | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    // Built at the first request: every router is mounted by then.
    table ??= policyTable(definitions());
    c.set("routePolicy", table.policyOf(c.req.method, c.req.path));
    await next();
  });
}
