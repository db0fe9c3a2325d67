import { z } from "zod";

/**
 * Field rules shared by the API's schemas, the web forms and file imports. Plain zod: the routes'
 * OpenAPI document reads these schemas (and their `.meta` ids) through @hono/zod-openapi, which extends
 * the same zod instance.
 */

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
