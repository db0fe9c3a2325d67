import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { apiTokens } from "../db/schema";
import { sha256Hex } from "../db/tokens";
import type { AppEnv, Principal } from "../env";
import { forbidden, unauthorized } from "../errors";
import { isSafeMethod } from "../http/methods";
import type { TokenScope } from "../types";

const LAST_USED_RESOLUTION_MS = 60_000;

const RANK: Record<TokenScope, number> = { read: 0, write: 1, admin: 2 };

async function equalSecrets(a: string, b: string): Promise<boolean> {
  // Compare digests of equal length, in constant time.
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  const ea = new TextEncoder().encode(ha);
  const eb = new TextEncoder().encode(hb);
  return crypto.subtle.timingSafeEqual(ea, eb);
}

/**
 * Resolves a bearer secret to a principal, or null. The bootstrap ADMIN_TOKEN is checked first; other
 * secrets are looked up by hash among unrevoked tokens. Throws when the server has no ADMIN_TOKEN: with
 * auth unconfigured, nothing authenticates (fail closed).
 */
export async function resolveToken(
  env: AppEnv["Bindings"],
  db: AppEnv["Variables"]["db"],
  secret: string,
): Promise<Principal | null> {
  if (!env.ADMIN_TOKEN) {
    throw unauthorized(
      "authentication is not configured on this server (no ADMIN_TOKEN): all requests are refused",
    );
  }
  if (await equalSecrets(secret, env.ADMIN_TOKEN)) return { tokenId: null, name: "admin", scope: "admin" };
  const hash = await sha256Hex(secret);
  const row = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  return { tokenId: row.id, name: row.name, scope: row.scope, lastUsedAt: row.lastUsedAt };
}

export function hasScope(principal: Principal, needed: TokenScope): boolean {
  return RANK[principal.scope] >= RANK[needed];
}

/**
 * Authenticates every /api request with `Authorization: Bearer <token>` and checks the scope its route
 * declares (`c.var.routePolicy`, src/middleware/route-policy.ts). A request no declared route answers (a 404
 * to be) needs `read` for safe methods and `write` for others.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!c.env.ADMIN_TOKEN) {
    throw unauthorized(
      "authentication is not configured on this server (no ADMIN_TOKEN): all requests are refused",
    );
  }
  if (!m?.[1]) throw unauthorized("missing bearer token: send Authorization: Bearer <token>");
  const principal = await resolveToken(c.env, c.var.db, m[1]);
  if (!principal) throw unauthorized("invalid or revoked token");
  c.set("principal", principal);
  const needed = c.var.routePolicy?.scope ?? (isSafeMethod(c.req.method) ? "read" : "write");
  if (!hasScope(principal, needed)) {
    throw forbidden(
      needed === "admin"
        ? `this operation needs scope "admin"`
        : `this token has scope "${principal.scope}"; "write" is needed to change data`,
    );
  }
  const lastUsed = principal.lastUsedAt ? Date.parse(principal.lastUsedAt) : 0;
  if (principal.tokenId !== null && Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
    const id = principal.tokenId;
    // Recording use must not slow or fail the request; at most one write a minute per token, so reads
    // stay reads (and can be served by a replica).
    c.executionCtx.waitUntil(
      c.var.db
        .update(apiTokens)
        .set({ lastUsedAt: new Date().toISOString() })
        .where(eq(apiTokens.id, id))
        .run()
        .catch(() => undefined),
    );
  }
  await next();
});
