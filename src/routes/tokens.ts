import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { createToken, listTokens, revokeToken } from "../db/tokens";
import { TOKEN_SCOPES } from "../types";
import { apiRoute, IdParam, json, jsonBody, line, notFoundError } from "./common";

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

export const tokensRouter = createRouter()
  .openapi(
    apiRoute({
      method: "post",
      path: "/tokens",
      scope: "admin",
      session: "primary",
      tags,
      summary: "Create an API token (admin). The secret is returned once and never again.",
      request: {
        body: jsonBody(
          z.object({
            name: line(100).refine((s) => s.trim() !== "", "must not be empty"),
            scope: z.enum(TOKEN_SCOPES),
          }),
          { name: "reviewer laptop", scope: "read" },
        ),
      },
      responses: {
        201: json(
          z.object({ id: z.number(), name: z.string(), scope: z.enum(TOKEN_SCOPES), token: z.string() }),
          "Created",
        ),
      },
    }),
    async (c) => {
      const { name, scope } = c.req.valid("json");
      const t = await createToken(c.var.db, name, scope);
      return c.json({ id: t.id, name: t.name, scope: t.scope, token: t.token }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/tokens",
      scope: "admin",
      session: "replica",
      tags,
      summary: "List API tokens (admin); secrets are never shown",
      responses: { 200: json(z.object({ items: z.array(TokenSchema) }), "Tokens") },
    }),
    async (c) => c.json({ items: await listTokens(c.var.db) }, 200),
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/tokens/{id}",
      scope: "admin",
      session: "primary",
      tags,
      summary: "Revoke an API token (admin); like every DELETE, 204 without a body",
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, ...notFoundError },
    }),
    async (c) => {
      await revokeToken(c.var.db, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
