import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { indexBacklog } from "../db/tm-index";
import type { AppEnv } from "../env";
import { PROBLEM_CODES } from "../errors";
import { type RoutePolicy, SESSION_EXTENSION } from "../middleware/route-policy";
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
    code: z.enum(PROBLEM_CODES).openapi({
      description: "Stable error code (src/errors.ts: ErrorCode, and an uploaded file's format error code)",
      example: "validation",
    }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() }))
      .optional(),
    line: z.number().int().optional().openapi({ description: "Uploaded files: 1-based line of the problem" }),
    column: z.number().int().optional().openapi({ description: "Uploaded files: column (UTF-16 units)" }),
  })
  .openapi("Problem");

/** The 412 of a conditional write: the version the resource is at now, to reload and retry. */
export const StaleProblemSchema = ProblemSchema.extend({
  code: z.literal("precondition-failed"),
  currentVersion: z
    .number()
    .int()
    .openapi({ description: 'The resource\'s current version (ETag `"v<n>"`)' }),
}).openapi("StaleVersionProblem");

/** A response header as the OpenAPI document declares it. */
const header = (description: string) => ({ schema: { type: "string" as const }, description });

/** Response headers, by the name the route sends (declared beside the response that carries them). */
export const ResponseHeaders = {
  etag: { ETag: header('Entity tag of the version, e.g. "v3": send it as If-Match or If-None-Match') },
  location: { Location: header("Path of the created resource") },
  serverTiming: {
    "Server-Timing": header("Server-side durations in ms (`name;dur=…`), for benchmarks and dev tools"),
  },
  attachment: { "Content-Disposition": header("attachment with the file name") },
  authenticate: { "WWW-Authenticate": header('Bearer realm="diwan"') },
  /** Memory reads: segments the index had not caught up with when the read answered (INDEX_PENDING_HEADER). */
  indexPending: {
    "Diwan-Index-Pending": header(
      "Segments not yet in the memory's index, so not seen by this read (absent when the index is up to date)",
    ),
  },
  retryAfter: { "Retry-After": header("Seconds to wait before retrying") },
} as const;

/** `x-d1-bookmark`, sent on every /api response (src/middleware/db.ts), declared once as a component. */
export const BOOKMARK_COMPONENT = "D1Bookmark";
export const bookmarkHeaderComponent = header(
  "D1 session bookmark of this response: send it back as the x-d1-bookmark request header to read your own writes",
);
export const bookmarkParameterComponent = {
  name: "x-d1-bookmark",
  in: "header" as const,
  required: false,
  schema: { type: "string" as const, pattern: "^[0-9a-zA-Z-]{1,200}$" },
  description: "The x-d1-bookmark of a previous response: this request sees at least what that one did",
};

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Error responses every authenticated route can give (400: also a malformed x-d1-bookmark). */
export const authErrors = {
  400: problem("Invalid request (field-level reasons in `errors`)"),
  401: { ...problem("Missing, invalid or revoked token"), headers: ResponseHeaders.authenticate },
  403: problem("The token's scope does not allow this"),
} as const;
/** Error responses of a route that takes a request body. */
export const bodyErrors = {
  413: problem("Request body over the size limit"),
} as const;
export const notFoundError = { 404: problem("No such resource") } as const;
export const staleError = {
  412: {
    description: "If-Match names a version that is no longer current; nothing was written",
    content: { "application/problem+json": { schema: StaleProblemSchema } },
  },
} as const;
/** The answer to a GET whose If-None-Match names the current version. */
export const notModified = {
  304: {
    description: "Not modified: If-None-Match names the current version",
    headers: ResponseHeaders.etag,
  },
} as const;
export { problem };

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A JSON request body with the example Swagger's "Try it out" sends (it must be accepted as it is). */
export const jsonBody = <T extends z.ZodType>(schema: T, example: z.input<T>) => ({
  required: true,
  content: { "application/json": { schema, example } },
});

/** A file request body: its media types, each with an example file that the route accepts. */
export const fileBody = (description: string, examples: Record<string, string>) => ({
  required: true,
  description,
  content: Object.fromEntries(
    Object.entries(examples).map(([type, example]) => [type, { schema: z.string(), example }]),
  ),
});

/** Positive integer path id. */
export const IdParam = z.object({
  id: decimalInt(1, Number.MAX_SAFE_INTEGER).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const PageQuery = {
  limit: decimalInt(1, 500).default(50).openapi({ description: "Page size (1–500)" }),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page" }),
};

type ApiRouteConfig<P extends string> = Omit<RouteConfig, "path" | "security"> & { path: P } & RoutePolicy;

type Response = RouteConfig["responses"][string];

/** Every response of an /api route carries the D1 bookmark (src/middleware/db.ts sets it after the handler). */
function withBookmark(responses: Record<string, Response>): Record<string, Response> {
  const bookmark = { "x-d1-bookmark": { $ref: `#/components/headers/${BOOKMARK_COMPONENT}` } };
  return Object.fromEntries(
    Object.entries(responses).map(([status, r]) => [
      status,
      "$ref" in r ? r : { ...r, headers: { ...bookmark, ...((r.headers as object | undefined) ?? {}) } },
    ]),
  );
}

/**
 * An /api route: the OpenAPI route with what every API route shares, and its policy declared with it.
 * The scope becomes the operation's security requirement (`bearerAuth: [scope]`) and the session mode its
 * `x-d1-session`; the middleware reads both from the OpenAPI registry (src/middleware/route-policy.ts).
 * Adds the errors every authenticated route can give, 413 where a body is accepted, the x-d1-bookmark
 * request parameter and response header.
 */
export function apiRoute<P extends string, R extends ApiRouteConfig<P>>(config: R) {
  const { scope, session, ...route } = config;
  const responses = withBookmark({
    ...authErrors,
    ...(route.request?.body ? bodyErrors : {}),
    ...route.responses,
  });
  return createRoute({
    ...route,
    security: [{ bearerAuth: [scope] }],
    [SESSION_EXTENSION]: session,
    parameters: [{ $ref: `#/components/parameters/${BOOKMARK_COMPONENT}` }, ...(route.parameters ?? [])],
    responses,
  } as Omit<R, "scope" | "session">);
}

/** The use-case context of an API request: its D1 session, the token's name as actor, its waitUntil. */
export const useCaseContext = (c: Context<AppEnv>): UseCaseContext => ({
  db: c.var.db,
  actor: c.var.principal.name,
  waitUntil: (promise) => c.executionCtx.waitUntil(promise),
});

/**
 * Response header of the memory reads (matches, variants, concordance) naming the segments the index had
 * not caught up with when the read answered: a read applies at most READ_SYNC_SEGMENTS of a backlog
 * (src/db/tm-index.ts), so after a rebuild or a very large import it answers from the part indexed.
 * Absent when the index is up to date.
 */
export const INDEX_PENDING_HEADER = "Diwan-Index-Pending";

/** Sets INDEX_PENDING_HEADER when segments are still to index (one count of tm_pending). */
export async function markIndexBacklog(c: Context<AppEnv>): Promise<void> {
  const pending = await indexBacklog(c.var.db);
  if (pending > 0) c.header(INDEX_PENDING_HEADER, String(pending));
}
