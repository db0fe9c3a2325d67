import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { decimalInt } from "../schemas/fields";
import type { UseCaseContext } from "../usecases/context";

export { decimalInt, line, multiline } from "../schemas/fields";

/** RFC 9457 problem details, the one error shape of the API. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "/problems/validation" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().openapi({ example: "validation" }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Error responses every authenticated route can give. */
export const authErrors = {
  400: problem("Invalid request (field-level reasons in `errors`)"),
  401: problem("Missing, invalid or revoked token"),
  403: problem("The token's scope does not allow this"),
  413: problem("Request body over the size limit"),
} as const;
export const notFoundError = { 404: problem("No such resource") } as const;
export const staleError = { 412: problem("If-Match names a version that is no longer current") } as const;
export { problem };

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** Positive integer path id. */
export const IdParam = z.object({
  id: decimalInt(1, Number.MAX_SAFE_INTEGER).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const PageQuery = {
  limit: decimalInt(1, 500).default(50).openapi({ description: "Page size (1–500)" }),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page" }),
};

export const BearerSecurity = [{ bearerAuth: [] }];

/** The use-case context of an API request: its D1 session, the token's name as actor, its waitUntil. */
export const useCaseContext = (c: Context<AppEnv>): UseCaseContext => ({
  db: c.var.db,
  actor: c.var.principal.name,
  waitUntil: (promise) => c.executionCtx.waitUntil(promise),
});
