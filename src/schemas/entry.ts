import { z } from "zod";
import { LANGS, TERM_STATUSES } from "../types";
import { line, multiline } from "./fields";

/**
 * The glossary entry's input rules: one schema for the API (POST/PUT/PATCH /api/glossary), the web editor's
 * form and every imported file, so none of them can store what another would refuse.
 */

export const TermSchema = z
  .object({
    lang: z.enum(LANGS),
    text: line(300).refine(
      (s) => s.trim() !== "" && s === s.trim(),
      "must be non-empty without surrounding spaces",
    ),
    status: z.enum(TERM_STATUSES).default("preferred"),
    partOfSpeech: line(40).nullable().default(null),
    // Notes and definitions are prose: termbases write them over several lines (issue 12).
    note: multiline(2000).nullable().default(null),
  })
  .meta({ id: "Term" });

/** Optional text where "" means "none"; no default, so a PATCH can tell "absent" from "cleared". */
export const optionalText = (max: number) =>
  line(max)
    .nullable()
    .transform((s) => (s === "" ? null : s));
/** optionalText that may span lines (definition, note). */
export const optionalProse = (max: number) =>
  multiline(max)
    .nullable()
    .transform((s) => (s === "" ? null : s));
const nullableText = (max: number) => optionalText(max).default(null);

export const EntryInputSchema = z
  .object({
    domain: line(100).refine((s) => s.trim() !== "", "must not be empty"),
    definition: optionalProse(2000).default(null),
    note: optionalProse(4000).default(null),
    source: nullableText(500),
    terms: z
      .array(TermSchema)
      .min(2)
      .max(50)
      .superRefine((terms, ctx) => {
        for (const lang of LANGS) {
          if (!terms.some((t) => t.lang === lang)) {
            ctx.addIssue({ code: "custom", message: `at least one ${lang} term is required`, path: [] });
          }
        }
        const seen = new Set<string>();
        terms.forEach((t, i) => {
          const key = `${t.lang}:${t.text}`;
          if (seen.has(key)) ctx.addIssue({ code: "custom", message: "duplicate term", path: [i, "text"] });
          seen.add(key);
        });
      }),
  })
  .meta({ id: "EntryInput" });
