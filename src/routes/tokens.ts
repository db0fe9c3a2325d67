import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { createToken, listTokens, revokeToken } from "../db/tokens";
import { requireScope } from "../middleware/auth";
import { TOKEN_SCOPES } from "../types";
import { authErrors, BearerSecurity, IdParam, json, jsonBody, line, notFoundError } from "./common";

const TokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("Token");

const tags = ["Tokens"];
const adminOnly = requireScope("admin");

export const tokensRouter = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags,
      security: BearerSecurity,
      middleware: [adminOnly] as const,
      summary: "Create an API token (admin). The secret is returned once and never again.",
      request: {
        body: jsonBody(
          z.object({
            name: line(100).refine((s) => s.trim() !== "", "must not be empty"),
            scope: z.enum(TOKEN_SCOPES),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({ id: z.number(), name: z.string(), scope: z.enum(TOKEN_SCOPES), token: z.string() }),
          "Created",
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const { name, scope } = c.req.valid("json");
      const t = await createToken(c.var.db, name, scope);
      return c.json({ id: t.id, name: t.name, scope: t.scope, token: t.token }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags,
      security: BearerSecurity,
      middleware: [adminOnly] as const,
      summary: "List API tokens (admin); secrets are never shown",
      responses: { 200: json(z.object({ items: z.array(TokenSchema) }), "Tokens"), ...authErrors },
    }),
    async (c) => c.json({ items: await listTokens(c.var.db) }, 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags,
      security: BearerSecurity,
      middleware: [adminOnly] as const,
      summary: "Revoke an API token (admin)",
      request: { params: IdParam },
      responses: { 200: json(TokenSchema, "Revoked"), ...authErrors, ...notFoundError },
    }),
    async (c) => c.json(await revokeToken(c.var.db, c.req.valid("param").id), 200),
  );
