import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "./env";
import { ApiError, type FieldError, problemResponse } from "./errors";

function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/**
 * A router whose request validation failures become one problem+json shape (400 with field errors).
 * Every resource router and the root app are made with this.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) {
        const where = (result as { target?: string }).target;
        throw new ApiError(
          400,
          "validation",
          "Invalid request",
          `the request ${where === "json" ? "body" : (where ?? "input")} failed validation`,
          fieldErrors(result.error as ZodError),
        );
      }
    },
  });
}

/** Maps every thrown error to RFC 9457 problem details; unknown errors become a 500 without internals. */
export function handleError(err: Error, c: { req: { path: string } }): Response {
  if (err instanceof ApiError) return problemResponse(err, c.req.path);
  if (err instanceof HTTPException) {
    const status = err.status;
    const malformed = status === 400 && /json/i.test(err.message);
    return problemResponse(
      new ApiError(
        status,
        malformed ? "malformed-json" : `http-${status}`,
        malformed ? "Malformed JSON" : err.message || "Error",
        malformed ? "the request body is not valid JSON" : err.message,
      ),
      c.req.path,
    );
  }
  console.error("unhandled error", err);
  return problemResponse(
    new ApiError(
      500,
      "internal",
      "Internal server error",
      "an unexpected error occurred; it has been logged",
    ),
    c.req.path,
  );
}
