import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { unsupportedMediaType } from "../errors";
import { readBodyBytes, uploadContentType } from "../http/body";
import { TERM_STATUSES } from "../types";
import {
  DEFAULT_IMPORT_DOMAIN,
  exportFormats,
  exportGlossary,
  type GlossaryImportOutcome,
  glossaryTemplate,
  importFormatOf,
  importFormats,
  importGlossary,
  XLSX_TYPE,
} from "../usecases/glossary-exchange";
import { apiRoute, fileBody, json, problem, ResponseHeaders, useCaseContext } from "./common";

/** Largest accepted import file (bytes). Bigger bodies are refused with 413 before they are read whole. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * An import body's declared media type must be one of its format's (or application/octet-stream, or none):
 * a CSV sent as XML, a form post or an image is refused with 415 before it is read. The charset: UTF-8 or
 * UTF-16, or for CSV/TSV/OmegaT a single-byte encoding, returned to be read in (uploadContentType).
 */
function checkImportType(formatName: string, header: string | undefined): { charset: string | null } {
  const format = importFormatOf(formatName);
  if (header === undefined) return { charset: null };
  const { media, charset } = uploadContentType(header, { textTable: format.takesCharset === true });
  if (media !== "application/octet-stream" && !format.accepts.includes(media)) {
    throw unsupportedMediaType(
      `format=${formatName} expects the file as ${format.accepts.join(", ")} (or application/octet-stream), ` +
        `not ${media || "an empty type"}`,
    );
  }
  return { charset };
}

const formatEnum = (names: string[]) => z.enum(names as [string, ...string[]]);

/** One entry in each import format: the examples of POST /glossary/import (by body media type). */
const TSV_EXAMPLE = [
  "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource",
  "agreed-minutes\ten\tpreferred\tagreed minutes\tnoun\t\tinstruments\tA record of a meeting agreed by the parties.\t\t",
  "agreed-minutes\tar\tpreferred\tمحضر متفق عليه\tnoun\t\t\t\t\t",
  "",
].join("\n");
const CSV_EXAMPLE = TSV_EXAMPLE.replace(/\t/g, ",");
const TBX_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>Example</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="k-agreed-minutes"><descrip type="subjectField">instruments</descrip>
<langSec xml:lang="en"><termSec><term>agreed minutes</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
<langSec xml:lang="ar"><termSec><term>محضر متفق عليه</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry>
</body></text>
</tbx>
`;
const OMEGAT_EXAMPLE = "محضر متفق عليه\tagreed minutes\tpreferred; domain: instruments\n";

/** The import formats by the media type of their example (the contract test sends each with its format). */
export const IMPORT_EXAMPLES = {
  "text/tab-separated-values": { format: "tsv", example: TSV_EXAMPLE },
  "text/csv": { format: "csv", example: CSV_EXAMPLE },
  "application/xml": { format: "tbx", example: TBX_EXAMPLE },
  "text/plain": { format: "omegat", example: OMEGAT_EXAMPLE },
} as const;

export const ImportQuery = z.object({
  format: formatEnum(importFormats()).openapi({
    description: "The file's format (its media type must be one the format accepts)",
    example: "tsv",
  }),
  mode: z
    .enum(["merge", "replace"])
    .default("merge")
    .openapi({
      description:
        "merge: add and update only — an empty cell keeps the stored value and a term the file lacks is kept; " +
        "replace: each matched entry becomes exactly the file's row, and entries the file does not hold are deleted",
    }),
  sheet: z
    .string()
    .min(1)
    .max(31)
    .optional()
    .openapi({ description: "xlsx: the sheet to read, by name (default: the first sheet)" }),
  fileName: z
    .string()
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not hold control characters")
    .optional()
    .openapi({ description: "The file's name, recorded in each entry's history" }),
  skip: z
    .string()
    .max(100_000)
    .optional()
    .transform(
      (v) =>
        new Set(
          (v ?? "")
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        ),
    )
    .openapi({
      type: "string",
      description:
        "Comma-separated keys of file rows (or, in replace mode, of entries to delete) to leave out, as a preview lists them",
    }),
  dryRun: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1")
    .openapi({ description: "true: compute and return the changes, write nothing" }),
  defaultDomain: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\u0000-\u001F\u007F]*$/, "must not contain control characters")
    .default(DEFAULT_IMPORT_DOMAIN)
    .openapi({
      description: `domain of entries the file gives none (TBX without subjectField, tables without a domain column); default "${DEFAULT_IMPORT_DOMAIN}"`,
    }),
  deleteAll: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .openapi({
      description:
        "true: confirm that a replace with a file holding no entries deletes every entry of the glossary " +
        "(without it such a replace is refused, 400 — an empty file is far likelier a mistake)",
    }),
  partial: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true")
    .openapi({
      description:
        "true (default): import the valid entries and list each skipped one with its reason; false: refuse the " +
        "file (400 listing them) if any entry cannot be imported",
    }),
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
const Issue = z.object({
  entry: z.string().openapi({ description: "The entry's id or key in the file, `#n` or `row <line>`" }),
  line: z.number().int().openapi({ description: "1-based line where it starts (0: not known)" }),
  message: z.string(),
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
      skipped: z.number().int(),
    }),
    added: z.array(EntryContent.extend({ key: z.string() })),
    changed: z.array(
      z.object({
        id: z.number(),
        key: z.string(),
        fileKey: z.string().openapi({ description: "The file row's key" }),
        matchedBy: z.enum(["key", "terms"]).openapi({
          description:
            "key: the row's key names the entry; terms: no key matched, its preferred en+ar terms did",
        }),
        before: EntryContent,
        after: EntryContent,
      }),
    ),
    unchanged: z.number().int(),
    deleted: z.array(z.object({ id: z.number(), key: z.string(), before: EntryContent })),
    skippedOnRequest: z.array(z.object({ key: z.string(), action: z.enum(["add", "change", "delete"]) })),
    glossaryVersion: z.number().int(),
    skipped: z
      .array(Issue)
      .openapi({ description: "Entries (or rows) of the file not imported, each with its reason" }),
    adjusted: z.array(Issue).openapi({
      description: "Entries imported with a change: terms trimmed, default domain, other languages left out",
    }),
    notKept: z
      .array(z.object({ what: z.string(), count: z.number().int() }))
      .openapi({ description: "What the file holds that Diwan does not store (data categories, columns)" }),
    notice: z
      .string()
      .nullable()
      .openapi({
        description:
          "Said of the file as a whole: that it holds no entry (an empty OmegaT glossary; in replace mode, " +
          "every entry of the glossary is then among the deletions), else null",
      }),
  })
  .openapi("GlossaryImportResult");

export function importResult(plan: GlossaryImportOutcome, dryRun: boolean) {
  return {
    dryRun,
    mode: plan.mode,
    counts: {
      added: plan.added.length,
      changed: plan.changed.length,
      unchanged: plan.unchanged,
      deleted: plan.deleted.length,
      skipped: plan.report.skipped.length,
      skippedOnRequest: plan.skippedOnRequest.length,
    },
    added: plan.added,
    changed: plan.changed.map(({ id, key, fileKey, matchedBy, before, after }) => ({
      id,
      key,
      fileKey,
      matchedBy,
      before,
      after,
    })),
    unchanged: plan.unchanged,
    deleted: plan.deleted.map(({ id, key, before }) => ({ id, key, before })),
    skippedOnRequest: plan.skippedOnRequest,
    glossaryVersion: plan.glossaryVersion,
    skipped: plan.report.skipped,
    adjusted: plan.report.adjusted,
    notKept: plan.report.notKept,
    notice: plan.report.notice,
  };
}

const tags = ["Glossary"];

/** Bulk export/import of the whole glossary. Mounted before glossaryRouter (its /glossary/{id} is greedy). */
export const glossaryExchangeRouter = createRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/glossary/export",
      scope: "read",
      session: "replica",
      tags,
      summary:
        "Export the glossary or a selection (TBX v3 Basic, TBX 2008, CSV, the seed TSV, XLSX or OmegaT)",
      description:
        "TBX has no registered media type; it is served as `application/xml`. Keys are seed keys, or " +
        "`entry-<id>` for entries created in Diwan, so a re-import of an export changes nothing. XLSX has the " +
        "CSV/TSV column layout on sheet Glossary and what each column holds on sheet Columns. `domain`, " +
        "`status` and `q` export a selection; `template=true` gives the headers and one example entry instead.",
      request: {
        query: z.object({
          format: formatEnum(exportFormats()).default("tsv").openapi({
            description: "TBX v3 Basic, TBX 2008, CSV, the seed TSV, XLSX or OmegaT's glossary text",
          }),
          domain: z.string().max(100).optional().openapi({ description: "only entries of this domain" }),
          status: z
            .enum(TERM_STATUSES)
            .optional()
            .openapi({ description: "only entries with a term of this status" }),
          q: z.string().max(300).optional().openapi({
            description: "only entries with a term containing this text (normalised like search)",
          }),
          template: z
            .enum(["true", "false"])
            .default("false")
            .openapi({
              description:
                "true: a file to fill in (xlsx, csv or tsv): the headers and one example entry (XLSX: and a " +
                "sheet saying what each column holds) instead of the glossary",
            }),
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
          headers: ResponseHeaders.attachment,
          content: {
            "text/tab-separated-values": { schema: z.string() },
            "text/csv": { schema: z.string() },
            "application/xml": { schema: z.string() },
            "text/plain": { schema: z.string() },
            [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        409: problem("TBX of an empty glossary or selection (a TBX file needs an entry)"),
      },
    }),
    async (c) => {
      const { format, escapeFormulas, domain, status, q, template } = c.req.valid("query");
      const file =
        template === "true"
          ? await glossaryTemplate(format)
          : await exportGlossary(
              c.var.db,
              format,
              { escapeFormulas: escapeFormulas === "true" },
              {
                ...(domain !== undefined ? { domain } : {}),
                ...(status ? { status } : {}),
                ...(q ? { q } : {}),
              },
            );
      c.header("content-type", file.mediaType);
      c.header("content-disposition", `attachment; filename="${file.fileName}"`);
      c.header("cache-control", "no-store");
      return typeof file.body === "string"
        ? c.body(file.body, 200)
        : c.body(file.body as Uint8Array<ArrayBuffer>, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/glossary/import",
      scope: "write",
      session: "primary",
      tags,
      summary:
        "Import a glossary file: merge or replace; partial (valid entries in, each skipped one listed); dryRun=true previews",
      description:
        `The body is the file itself (UTF-8, at most ${MAX_IMPORT_BYTES} bytes and 5000 entries). File entries ` +
        "match existing ones by key (seed key or `entry-<id>`), else by their preferred English and Arabic " +
        "terms (normalised). The whole import is one transaction. Entries the file holds that cannot be imported " +
        "(one language only, invalid fields) are skipped and listed with their reasons in `skipped` (`partial=false` " +
        "refuses the file instead); a file none of whose entries can be imported is refused. UTF-16 with a byte " +
        "order mark is read (TBX also by its XML declaration).",
      request: {
        query: ImportQuery,
        body: fileBody(
          "The glossary file (send it as a media type its format accepts)",
          Object.fromEntries(Object.entries(IMPORT_EXAMPLES).map(([type, { example }]) => [type, example])),
        ),
      },
      responses: {
        200: json(ImportResultSchema, "What changed (or, with dryRun, what would change)"),
        409: problem("The glossary changed while the import was applied; nothing was written"),
        415: problem(
          "The declared content type is not the format's (e.g. text/csv for csv), the charset is not UTF-8/16 (nor, for CSV, TSV and OmegaT, a single-byte encoding such as windows-1256), " +
            "or the body is not a file of the named format",
        ),
      },
    }),
    async (c) => {
      const { format, mode, dryRun, defaultDomain, partial, deleteAll, fileName, skip, sheet } =
        c.req.valid("query");
      // The body is the file itself, declared as its format's type (a JSON body is refused here too).
      const { charset } = checkImportType(format, c.req.header("content-type"));
      const file = await readBodyBytes(c.req.raw, MAX_IMPORT_BYTES);
      const plan = await importGlossary(useCaseContext(c), {
        format,
        file,
        mode,
        dryRun,
        defaultDomain,
        partial,
        deleteAll,
        skip,
        fileName: fileName ?? null,
        ...(sheet !== undefined ? { sheet } : {}),
        ...(charset !== null ? { encoding: charset } : {}),
      });
      return c.json(importResult(plan, dryRun), 200);
    },
  );
