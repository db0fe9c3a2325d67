/**
 * One error type for the whole API, rendered as RFC 9457 problem details by `problemResponse`.
 * Routes and queries throw these; the single error handler in app.ts turns them into responses.
 */
export interface FieldError {
  /** Path of the failing field in dotted form, e.g. `terms.0.text` (empty for the whole body). */
  field: string;
  /** Human-readable reason. */
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine-readable code; also the last segment of the problem `type`. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ApiError(400, "validation", "Invalid request", detail, errors);
export const notFound = (what: string) =>
  new ApiError(404, "not-found", "Not found", `${what} does not exist`);
export const unauthorized = (detail: string) => new ApiError(401, "unauthorized", "Unauthorized", detail);
export const forbidden = (detail: string) => new ApiError(403, "forbidden", "Forbidden", detail);
export const preconditionFailed = (detail: string, extra?: Record<string, unknown>) =>
  new ApiError(412, "precondition-failed", "Precondition failed", detail, undefined, extra);
export const payloadTooLarge = (limit: number) =>
  new ApiError(
    413,
    "payload-too-large",
    "Payload too large",
    `request body exceeds the limit of ${limit} bytes`,
  );
export const unsupportedMediaType = (detail: string) =>
  new ApiError(415, "unsupported-media-type", "Unsupported media type", detail);
export const conflict = (detail: string) => new ApiError(409, "conflict", "Conflict", detail);

export function problemBody(err: ApiError, instance?: string): Record<string, unknown> {
  return {
    type: `/problems/${err.code}`,
    title: err.title,
    status: err.status,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(instance ? { instance } : {}),
    code: err.code,
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.extra ?? {}),
  };
}

export function problemResponse(err: ApiError, instance?: string): Response {
  const headers = new Headers({ "content-type": "application/problem+json; charset=utf-8" });
  if (err.status === 401) headers.set("www-authenticate", 'Bearer realm="diwan"');
  return new Response(JSON.stringify(problemBody(err, instance)), { status: err.status, headers });
}
