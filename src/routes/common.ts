import { z } from "@hono/zod-openapi";

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

const DECIMAL = /^[0-9]{1,16}$/;

/**
 * An integer from a path or query string, written in decimal digits only. `z.coerce.number()` would also
 * take "0x10", "1e2", " 5", "+5" and "5.0" (Number() does), so /glossary/0x1 read entry 1.
 */
export const decimalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && DECIMAL.test(v) ? Number(v) : v),
    z
      .number({
        error: "must be a decimal integer: digits only (no sign, spaces, fraction, hex or exponent)",
      })
      .int()
      .min(min)
      .max(max),
  );

/** Positive integer path id. */
export const IdParam = z.object({
  id: decimalInt(1, Number.MAX_SAFE_INTEGER).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const PageQuery = {
  limit: decimalInt(1, 500).default(50).openapi({ description: "Page size (1–500)" }),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page" }),
};

/** Single-line text: control characters (tabs, line breaks included) are refused, never stripped. */
export const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), "must not contain control characters or line breaks");

/** Multi-line text: line breaks and tabs allowed, other control characters refused. */
export const multiline = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s),
      "must not contain control characters",
    );

export const BearerSecurity = [{ bearerAuth: [] }];
