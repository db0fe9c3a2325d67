import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import {
  applyImport,
  type ImportPlan,
  type KeyedGlossaryEntry,
  keyedEntries,
  NO_KEY_PREFIX,
  planImport,
} from "../db/glossary-import";
import { badRequest, type FieldError, unsupportedMediaType } from "../errors";
import { parseGlossaryCsv, writeGlossaryCsv } from "../formats/csv";
import { FormatError } from "../formats/errors";
import { GlossaryTsvError, type KeyedEntry, parseGlossaryTsv, writeGlossaryTsv } from "../formats/seed-tsv";
import { parseTbx, writeTbx, writeTbx2008 } from "../formats/tbx";
import { streamToString } from "../formats/xml-stream";
import { readUtf8Body } from "../http/body";
import { authErrors, BearerSecurity, json, problem } from "./common";
import { EntryInputSchema } from "./glossary";

/** Largest accepted import file (bytes). Bigger bodies are refused with 413 before they are read whole. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ExchangeFormat {
  /** Media type of exports. TBX has no registered type; `application/xml` is what tools accept. */
  mediaType: string;
  /** Media types an import of this format may declare (besides application/octet-stream or none). */
  accepts: readonly string[];
  extension: string;
  parse(text: string): KeyedEntry[];
  /** `escapeFormulas` (CSV/TSV only): prefix cells a spreadsheet would run as formulas (spreadsheet-cell.ts). */
  write(entries: KeyedEntry[], options: ExportOptions): string | Promise<string>;
}

export interface ExportOptions {
  escapeFormulas: boolean;
}

/**
 * TBX concepts without an id get a placeholder key: it never matches an existing key and is not stored
 * (see NO_KEY_PREFIX in glossary-import.ts), so such entries match by their terms or are added.
 */
function fromTbx(text: string): KeyedEntry[] {
  // Only ids in the seed key syntax are kept as keys, so every stored key can be written to TSV/CSV again.
  return parseTbx(text).entries.map((e, i) => ({
    key: e.key && /^[a-z0-9][a-z0-9-]{0,99}$/.test(e.key) ? e.key : `${NO_KEY_PREFIX}${i + 1}`,
    domain: e.domain,
    definition: e.definition,
    note: e.note,
    source: e.source,
    terms: e.terms,
  }));
}

const TBX_TYPES = ["application/xml", "text/xml", "application/x-tbx+xml", "application/tbx+xml"];

/** The glossary file formats Diwan reads and writes, by the `format` query value. */
export const EXCHANGE_FORMATS: Record<string, ExchangeFormat> = {
  tsv: {
    mediaType: "text/tab-separated-values; charset=utf-8",
    accepts: ["text/tab-separated-values", "text/tsv", "text/plain"],
    extension: "tsv",
    parse: parseGlossaryTsv,
    write: (entries, options) => writeGlossaryTsv(entries, options),
  },
  csv: {
    mediaType: "text/csv; charset=utf-8; header=present",
    // application/vnd.ms-excel: what Windows (and browsers on it) call a .csv file.
    accepts: [
      "text/csv",
      "application/csv",
      "text/comma-separated-values",
      "application/vnd.ms-excel",
      "text/plain",
    ],
    extension: "csv",
    parse: parseGlossaryCsv,
    write: (entries, options) => writeGlossaryCsv(entries, options),
  },
  tbx: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    parse: fromTbx,
    write: (entries) => streamToString(writeTbx(entries)),
  },
  tbx2008: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    parse: fromTbx,
    write: (entries) => streamToString(writeTbx2008(entries)),
  },
};

export const exportFormats = () => Object.keys(EXCHANGE_FORMATS);
/** Formats an import accepts: every readable one (tbx2008 is an export variant; the TBX reader takes both). */
export const importFormats = () => exportFormats().filter((f) => f !== "tbx2008");

function formatOf(name: string, allowed: string[]): ExchangeFormat {
  const format = allowed.includes(name) ? EXCHANGE_FORMATS[name] : undefined;
  if (!format) {
    throw badRequest(`format must be one of ${allowed.join(", ")}`, [
      { field: "format", message: `unknown format "${name}"` },
    ]);
  }
  return format;
}

/**
 * An import body's declared media type must be one of its format's (or application/octet-stream, or none):
 * a CSV sent as XML, a form post or an image is refused with 415 before it is read. Only UTF-8 is accepted.
 */
function checkImportType(formatName: string, header: string | undefined): void {
  const format = formatOf(formatName, importFormats());
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

/** Strips server-managed fields so formats see only what a file holds. */
const toKeyed = (e: KeyedGlossaryEntry): KeyedEntry => ({
  key: e.key,
  domain: e.domain,
  definition: e.definition,
  note: e.note,
  source: e.source,
  terms: e.terms,
});

export async function exportGlossary(
  db: Parameters<typeof keyedEntries>[0],
  formatName: string,
  options: ExportOptions = { escapeFormulas: true },
): Promise<{ body: string; mediaType: string; fileName: string }> {
  const format = formatOf(formatName, exportFormats());
  const entries = (await keyedEntries(db)).map(toKeyed);
  const suffix = formatName === "tbx2008" ? "-tbx2008" : "";
  return {
    body: await format.write(entries, options),
    mediaType: format.mediaType,
    fileName: `diwan-glossary${suffix}.${format.extension}`,
  };
}

/**
 * Parses an import file and validates every entry with the API's own entry schema, so a file can never
 * hold what the API or the web form would refuse. Parse problems carry their line numbers.
 */
export function parseGlossaryFile(formatName: string, text: string): KeyedEntry[] {
  const format = formatOf(formatName, importFormats());
  let entries: KeyedEntry[];
  try {
    entries = format.parse(text);
  } catch (err) {
    if (err instanceof GlossaryTsvError) {
      throw badRequest(
        `the ${formatName.toUpperCase()} file has ${err.problems.length} problem(s)`,
        err.problems.map((p) => ({ field: p.field, message: `line ${p.line}: ${p.message}`, line: p.line })),
      );
    }
    if (err instanceof FormatError) {
      if (err.code.startsWith("wrong-"))
        throw unsupportedMediaType(`not a ${formatName} file: ${err.message}`);
      throw badRequest(`the ${formatName.toUpperCase()} file cannot be read`, [
        { field: "file", message: err.message, ...(err.line !== undefined ? { line: err.line } : {}) },
      ]);
    }
    throw err;
  }
  const problems: FieldError[] = [];
  for (const entry of entries) {
    const check = EntryInputSchema.safeParse(entry);
    if (check.success) continue;
    for (const issue of check.error.issues) {
      problems.push({
        field: [`entries`, entry.key, ...issue.path.map(String)].join("."),
        message: issue.message,
      });
    }
  }
  if (problems.length) throw badRequest("some entries of the file are not valid", problems);
  return entries;
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
      const entries = parseGlossaryFile(format, text);
      const plan = await planImport(c.var.db, entries, mode);
      if (!dryRun) await applyImport(c.var.db, plan, c.var.principal.name);
      return c.json(importResult(plan, dryRun), 200);
    },
  );
