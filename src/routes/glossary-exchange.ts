import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import type { ImportPlan } from "../db/glossary-import";
import { unsupportedMediaType } from "../errors";
import { readUtf8Body } from "../http/body";
import { exportGlossary, importFormatOf, importGlossary } from "../usecases/glossary-exchange";
import { authErrors, BearerSecurity, json, problem, useCaseContext } from "./common";

/** Largest accepted import file (bytes). Bigger bodies are refused with 413 before they are read whole. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * An import body's declared media type must be one of its format's (or application/octet-stream, or none):
 * a CSV sent as XML, a form post or an image is refused with 415 before it is read. Only UTF-8 is accepted.
 */
function checkImportType(formatName: string, header: string | undefined): void {
  const format = importFormatOf(formatName);
  if (header === undefined) return;
  const [media = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (media !== "application/octet-stream" && !format.accepts.includes(media)) {
    throw unsupportedMediaType(
      `format=${formatName} expects the file as ${format.accepts.join(", ")} (or application/octet-stream), ` +
        `not ${media || "an empty type"}`,
    );
  }
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8")
    throw unsupportedMediaType(`only UTF-8 is accepted, not charset=${charset}`);
}

export const ImportQuery = z.object({
  format: z.string().max(20).openapi({ description: "tsv, csv or tbx" }),
  mode: z.enum(["merge", "replace"]).default("merge").openapi({
    description: "merge: add and update; replace: also delete entries the file does not hold",
  }),
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1")
    .openapi({ description: "true: compute and return the changes, write nothing" }),
});

const TermOut = z.object({
  lang: z.string(),
  text: z.string(),
  status: z.string(),
  partOfSpeech: z.string().nullable(),
  note: z.string().nullable(),
});
const EntryContent = z.object({
  domain: z.string(),
  definition: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string().nullable(),
  terms: z.array(TermOut),
});
const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    mode: z.enum(["merge", "replace"]),
    counts: z.object({
      added: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      deleted: z.number().int(),
    }),
    added: z.array(EntryContent.extend({ key: z.string() })),
    changed: z.array(
      z.object({ id: z.number(), key: z.string(), before: EntryContent, after: EntryContent }),
    ),
    unchanged: z.number().int(),
    deleted: z.array(z.object({ id: z.number(), key: z.string(), before: EntryContent })),
    glossaryVersion: z.number().int(),
  })
  .openapi("GlossaryImportResult");

export function importResult(plan: ImportPlan, dryRun: boolean) {
  return {
    dryRun,
    mode: plan.mode,
    counts: {
      added: plan.added.length,
      changed: plan.changed.length,
      unchanged: plan.unchanged,
      deleted: plan.deleted.length,
    },
    added: plan.added,
    changed: plan.changed.map(({ id, key, before, after }) => ({ id, key, before, after })),
    unchanged: plan.unchanged,
    deleted: plan.deleted.map(({ id, key, before }) => ({ id, key, before })),
    glossaryVersion: plan.glossaryVersion,
  };
}

const tags = ["Glossary"];

/** Bulk export/import of the whole glossary. Mounted before glossaryRouter (its /glossary/{id} is greedy). */
export const glossaryExchangeRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/glossary/export",
      tags,
      security: BearerSecurity,
      summary: "Export the whole glossary (TBX v3 Basic, TBX 2008, CSV or the seed TSV)",
      description:
        "TBX has no registered media type; it is served as `application/xml`. Keys are seed keys, or " +
        "`entry-<id>` for entries created in Diwan, so a re-import of an export changes nothing.",
      request: {
        query: z.object({
          format: z.string().max(20).default("tsv").openapi({ description: "tbx, tbx2008, csv or tsv" }),
          escapeFormulas: z
            .enum(["true", "false"])
            .default("true")
            .openapi({
              description:
                "CSV/TSV: prefix cells starting with =, +, -, @, tab or CR with an apostrophe so spreadsheets do " +
                "not run them as formulas (the import takes it off again). false writes them as they are.",
            }),
        }),
      },
      responses: {
        200: {
          description: "The file, with a Content-Disposition file name",
          content: {
            "text/tab-separated-values": { schema: z.string() },
            "text/csv": { schema: z.string() },
            "application/xml": { schema: z.string() },
          },
        },
        ...authErrors,
      },
    }),
    async (c) => {
      const { format, escapeFormulas } = c.req.valid("query");
      const file = await exportGlossary(c.var.db, format, { escapeFormulas: escapeFormulas === "true" });
      c.header("content-type", file.mediaType);
      c.header("content-disposition", `attachment; filename="${file.fileName}"`);
      c.header("cache-control", "no-store");
      return c.body(file.body, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/glossary/import",
      tags,
      security: BearerSecurity,
      summary: "Import a glossary file: merge or replace, all or nothing; dryRun=true previews",
      description:
        `The body is the file itself (UTF-8, at most ${MAX_IMPORT_BYTES} bytes and 5000 entries). File entries ` +
        "match existing ones by key (seed key or `entry-<id>`), else by their preferred English and Arabic " +
        "terms (normalised). The whole import is one transaction.",
      request: {
        query: ImportQuery,
        body: {
          required: true,
          content: {
            "text/tab-separated-values": { schema: z.string() },
            "text/csv": { schema: z.string() },
            "application/xml": { schema: z.string() },
          },
        },
      },
      responses: {
        200: json(ImportResultSchema, "What changed (or, with dryRun, what would change)"),
        ...authErrors,
        409: problem("The glossary changed while the import was applied; nothing was written"),
        415: problem(
          "The declared content type is not the format's (e.g. text/csv for csv), the charset is not UTF-8, " +
            "or the body is not a file of the named format",
        ),
      },
    }),
    async (c) => {
      const { format, mode, dryRun } = c.req.valid("query");
      // The body is the file itself, declared as its format's type (a JSON body is refused here too).
      checkImportType(format, c.req.header("content-type"));
      const text = await readUtf8Body(c.req.raw, MAX_IMPORT_BYTES);
      const plan = await importGlossary(useCaseContext(c), { format, text, mode, dryRun });
      return c.json(importResult(plan, dryRun), 200);
    },
  );
