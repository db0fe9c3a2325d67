/**
 * RFC 9457 problem details: how an error becomes a response. Every error thrown while answering an API
 * request ends here (app.ts `handleError`): a DomainError as its code's status, a framework error as the
 * problem it stands for, anything else as a 500 that reveals nothing.
 */
import { HTTPException } from "hono/http-exception";
import { codeOfStatus, DomainError, ErrorCode, type FieldError } from "../errors";

/** What a problem response is made of (a DomainError is one). */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
  extra?: Record<string, unknown> | undefined;
}

/** Any thrown value as a problem. Unknown errors are logged and answered as an internal error. */
export function problemOf(err: unknown): Problem {
  if (err instanceof DomainError) return err;
  if (err instanceof HTTPException) {
    // Hono's own refusals: a body its JSON validator cannot parse; otherwise the status it chose.
    if (err.status === 400 && /json/i.test(err.message))
      return new DomainError(ErrorCode.MalformedJson, "the request body is not valid JSON");
    // Any other: the code of its status, so every problem's code is one of PROBLEM_CODES.
    const code = codeOfStatus(err.status);
    return code === ErrorCode.Internal
      ? new DomainError(code, err.message || "an unexpected error occurred")
      : new DomainError(code, err.message || `refused with status ${err.status}`);
  }
  console.error("unhandled error", err);
  return new DomainError(ErrorCode.Internal, "an unexpected error occurred; it has been logged");
}

export function problemBody(p: Problem, instance?: string): Record<string, unknown> {
  return {
    type: `/problems/${p.code}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(instance ? { instance } : {}),
    code: p.code,
    ...(p.errors ? { errors: p.errors } : {}),
    ...(p.extra ?? {}),
  };
}

export function problemResponse(p: Problem, instance?: string): Response {
  const headers = new Headers({ "content-type": "application/problem+json; charset=utf-8" });
  if (p.status === 401) headers.set("www-authenticate", 'Bearer realm="diwan"');
  // A problem that says when to come back (index-catching-up) says it in the header clients know too.
  if (typeof p.extra?.retryAfter === "number") headers.set("retry-after", String(p.extra.retryAfter));
  return new Response(JSON.stringify(problemBody(p, instance)), { status: p.status, headers });
}
