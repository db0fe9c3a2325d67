import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "./env";
import { badRequest, type FieldError } from "./errors";
import { problemOf, problemResponse } from "./http/problem";

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
        throw badRequest(
          `the request ${where === "json" ? "body" : (where ?? "input")} failed validation`,
          fieldErrors(result.error as ZodError),
        );
      }
    },
  });
}

/** Every error thrown while answering: RFC 9457 problem details (src/http/problem.ts). */
export function handleError(err: Error, c: { req: { path: string } }): Response {
  return problemResponse(problemOf(err), c.req.path);
}
