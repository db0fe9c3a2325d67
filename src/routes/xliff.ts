import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { createDocument, requireDocument } from "../db/documents";
import { glossaryIndex } from "../db/matcher";
import { scheduleTmIndexSync } from "../db/tm-index";
import { storedMatches } from "../db/tm-match";
import {
  applyImport,
  exportUnits,
  type ImportUnit,
  importStatements,
  importUnitOf,
  planImport,
  targetProblem,
} from "../db/xliff";
import { ApiError, type FieldError, unsupportedMediaType } from "../errors";
import { FormatError } from "../formats/errors";
import { type ParsedXliff, type ParsedXliffUnit, parseXliff } from "../formats/xliff-read";
import { toXliff } from "../formats/xliff-write";
import { readUtf8Body } from "../http/body";
import { authErrors, BearerSecurity, IdParam, json, line, notFoundError, problem } from "./common";

/**
 * Largest XLIFF upload. While an import is read and parsed the isolate holds the body bytes, the decoded
 * text (Arabic is two bytes a character in V8) and the compact units; measured in V8, a 42 MB file of
 * 100,000 translated units peaks at ~115 MB with the bytes still alive — too close to a Worker's 128 MB.
 * 40 MiB (a translated 100,000-segment document is ~38 MB) leaves room; the TMX import uses the same.
 */
export const XLIFF_MAX_BYTES = 40 * 1024 * 1024;
/** Most units a new document may be created from (as POST /documents). */
export const MAX_IMPORT_UNITS = 100_000;

export const XLIFF_MEDIA_TYPE = "application/xliff+xml";

const bool = (fallback: boolean, description: string) =>
  z
    .enum(["true", "false"])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true")
    .openapi({ description });

const ExportQuery = z.object({
  version: z.enum(["1.2", "2.0", "2.1"]).default("1.2").openapi({ description: "XLIFF version" }),
  emptyTargets: z
    .enum(["omit", "empty", "source"])
    .default("omit")
    .openapi({
      description:
        "Units without English: `omit` the target (Trados, memoQ, Phrase, Okapi), write an `empty` one, " +
        "or a `source` copy flagged untranslated (OmegaT's XLIFF 1.2 filter)",
    }),
  matches: bool(true, "Add translation-memory matches recorded by pre-translation"),
  glossary: bool(true, "Add termbase hints for glossary terms found in the Arabic"),
  qa: bool(true, "Add QA notes for units that have English"),
});

const ImportQuery = z.object({
  dryRun: bool(false, "Report what the import would do without writing anything"),
});

const CreateQuery = z.object({
  title: line(300)
    .refine((s) => s.trim() !== "", "must not be empty")
    .optional()
    .openapi({ description: "Title of the new document (default: `XLIFF import <date and time>`)" }),
});

const ImportResult = z
  .object({
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    conflicts: z.array(
      z.object({
        unitId: z.string(),
        reason: z.enum(["unknown-unit", "duplicate-unit", "source-changed", "locked"]),
      }),
    ),
    dryRun: z.boolean(),
  })
  .openapi("XliffImportResult");

const xliffBody = {
  required: true,
  description: "XLIFF 1.2, 2.0 or 2.1 in UTF-8",
  content: { [XLIFF_MEDIA_TYPE]: { schema: z.string() }, "application/xml": { schema: z.string() } },
};

const formatErrors = {
  409: problem("Segments changed while the import ran (nothing written)"),
  415: problem("Not XLIFF 1.2/2.0/2.1, not UTF-8, or a JSON/form content type"),
};

const FORMAT_TITLES: Partial<Record<FormatError["code"], string>> = {
  "xml-doctype": "DOCTYPE not accepted",
  "xml-entity": "Entity not accepted",
  "wrong-root": "Not XLIFF",
  "wrong-version": "Unsupported XLIFF version",
  "wrong-namespace": "Wrong XLIFF namespace",
  "wrong-language": "Wrong languages",
};

/** FormatError → problem: another format is 415, a broken or hostile file is 400, with its position. */
export function formatProblem(err: FormatError): ApiError {
  const unsupported =
    err.code === "wrong-root" || err.code === "wrong-version" || err.code === "wrong-namespace";
  const where = err.line === undefined ? {} : { line: err.line, column: err.column ?? 0 };
  return new ApiError(
    unsupported ? 415 : 400,
    err.code,
    FORMAT_TITLES[err.code] ?? (err.code.startsWith("xml-") ? "Malformed XML" : "Invalid XLIFF"),
    err.message,
    undefined,
    where,
  );
}

const ACCEPTED_TYPES = new Set([
  XLIFF_MEDIA_TYPE,
  "application/x-xliff+xml",
  "application/xml",
  "text/xml",
  "application/octet-stream",
]);

/**
 * Reads and parses an uploaded XLIFF: size, encoding, media type and language checks included. With
 * `onUnit`, units are handed over one by one and not collected.
 */
async function readXliff(req: Request, onUnit?: (unit: ParsedXliffUnit) => void): Promise<ParsedXliff> {
  const type = req.headers.get("content-type");
  if (type !== null) {
    const [media = "", ...params] = type.split(";").map((s) => s.trim().toLowerCase());
    if (!ACCEPTED_TYPES.has(media))
      throw unsupportedMediaType(
        `send the file as ${XLIFF_MEDIA_TYPE} (or application/xml), not ${media || "an empty type"}`,
      );
    const charset = params
      .find((p) => p.startsWith("charset="))
      ?.slice(8)
      .replace(/"/g, "");
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8")
      throw unsupportedMediaType(`only UTF-8 is accepted, not charset=${charset}`);
  }
  const text = await readUtf8Body(req, XLIFF_MAX_BYTES);
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text.slice(0, 300))?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared))
    throw unsupportedMediaType(`only UTF-8 is accepted; the XML declaration says ${declared}`);
  let parsed: ParsedXliff;
  try {
    parsed = parseXliff(text, {}, onUnit);
  } catch (err) {
    if (err instanceof FormatError) throw formatProblem(err);
    throw err;
  }
  const primary = (tag: string | null) => tag?.split(/[-_]/)[0]?.toLowerCase() ?? null;
  if (primary(parsed.srcLang) !== "ar" || (parsed.trgLang !== null && primary(parsed.trgLang) !== "en"))
    throw formatProblem(
      new FormatError(
        "wrong-language",
        `Diwan exchanges Arabic → English; this file is ${parsed.srcLang} → ${parsed.trgLang ?? "?"}`,
      ),
    );
  return parsed;
}

/** An ASCII-only file name (quoted-string safe) and its full UTF-8 form for RFC 5987 `filename*`. */
export function attachmentFilename(title: string, id: number, version: string): string {
  const suffix = `-${id}.${version}.xlf`;
  const clean = title
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  const ascii =
    clean
      .replace(/[^A-Za-z0-9._ -]+/g, "_")
      .replace(/_+/g, "_")
      .replace(/^[_ .-]+|[_ .-]+$/g, "")
      .slice(0, 80) || "document";
  const encoded = encodeURIComponent(`${clean || "document"}${suffix}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}${suffix}"; filename*=UTF-8''${encoded}`;
}

const tags = ["XLIFF"];

export const xliffRouter = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}/xliff",
      tags,
      security: BearerSecurity,
      summary: "Export a document as XLIFF (streamed; unit ids are segment ids; approved units locked)",
      request: { params: IdParam, query: ExportQuery },
      responses: {
        200: {
          description: "The XLIFF file",
          content: { [XLIFF_MEDIA_TYPE]: { schema: z.string() } },
        },
        ...authErrors,
        ...notFoundError,
        409: problem("XLIFF 2 requested for a document without segments"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const db = c.var.db;
      const doc = await requireDocument(db, id);
      // Checked before streaming: the 2.x writer would otherwise fail after the headers were sent.
      if (doc.segmentCount === 0 && q.version !== "1.2")
        throw new ApiError(
          409,
          "empty-document",
          "Empty document",
          "XLIFF 2 needs at least one unit and this document has no segments; export version 1.2",
        );
      const index = q.glossary || q.qa ? await glossaryIndex(db) : null;
      const units = await exportUnits(db, id, {
        index,
        glossary: q.glossary,
        qa: q.qa,
        matches: q.matches ? (ids) => storedMatches(db, ids) : null,
      });
      const body = toXliff(q.version, { id, title: doc.title, srcLang: "ar", trgLang: "en" }, units, {
        emptyTargets: q.emptyTargets,
      });
      return c.body(body, 200, {
        "content-type": `${XLIFF_MEDIA_TYPE}; charset=utf-8`,
        "content-disposition": attachmentFilename(doc.title, id, q.version),
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/documents/{id}/xliff",
      tags,
      security: BearerSecurity,
      summary: "Import translated XLIFF into a document (all or nothing; conflicts reported, not applied)",
      request: { params: IdParam, query: ImportQuery, body: xliffBody },
      responses: {
        200: json(ImportResult, "What the import did (or would do, with dryRun)"),
        ...authErrors,
        ...notFoundError,
        ...formatErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { dryRun } = c.req.valid("query");
      const db = c.var.db;
      await requireDocument(db, id);
      const t0 = Date.now();
      const units: ImportUnit[] = [];
      await readXliff(c.req.raw, (u) => units.push(importUnitOf(u)));
      const t1 = Date.now();
      const plan = await planImport(db, id, units);
      const t2 = Date.now();
      if (!dryRun && plan.updates.length > 0) {
        await applyImport(db, importStatements(id, plan.updates));
        // The term index follows after the response (src/db/tm-index.ts); TM reads catch up first.
        scheduleTmIndexSync(c.executionCtx, db);
      }
      const t3 = Date.now();
      // Visible to benchmarks and browser dev tools; Workers' clocks only advance across I/O.
      c.header("server-timing", `parse;dur=${t1 - t0}, plan;dur=${t2 - t1}, write;dur=${t3 - t2}`);
      return c.json(
        {
          updated: plan.updates.length,
          unchanged: plan.unchanged,
          skipped: plan.skipped,
          conflicts: plan.conflicts,
          dryRun,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/documents/import/xliff",
      tags,
      security: BearerSecurity,
      summary:
        "Create a document from a bilingual XLIFF file (sources → Arabic, translated targets → English)",
      request: { query: CreateQuery, body: xliffBody },
      responses: {
        201: json(
          z.object({
            id: z.number().int(),
            title: z.string(),
            segmentCount: z.number().int(),
            translated: z.number().int(),
          }),
          "Created",
        ),
        ...authErrors,
        ...formatErrors,
      },
    }),
    async (c) => {
      const { title } = c.req.valid("query");
      const parsed = await readXliff(c.req.raw);
      const units = parsed.units.filter((u) => u.source.trim() !== "");
      if (units.length === 0)
        throw new ApiError(400, "invalid-content", "Invalid XLIFF", "the file has no units with source text");
      if (units.length > MAX_IMPORT_UNITS)
        throw new ApiError(
          413,
          "too-many-units",
          "Too many units",
          `at most ${MAX_IMPORT_UNITS} units per document`,
        );
      const invalid: FieldError[] = [];
      for (const u of units) {
        const sourceProblem = targetProblem(u.source);
        if (sourceProblem)
          invalid.push({ field: `units.${u.id}.source`, message: sourceProblem.replace("target", "source") });
        const problemText = u.en === null ? null : targetProblem(u.en);
        if (problemText) invalid.push({ field: `units.${u.id}.target`, message: problemText });
      }
      if (invalid.length > 0)
        throw new ApiError(
          400,
          "invalid-content",
          "Invalid XLIFF",
          `${invalid.length} unit(s) cannot be stored`,
          invalid.slice(0, 100),
        );
      const doc = await createDocument(
        c.var.db,
        title ?? `XLIFF import ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
        units.map((u) => ({
          ar: u.source,
          en: u.en,
          status: u.en === null ? "new" : (u.status ?? "translated"),
          origin: "xliff",
          score: null,
        })),
      );
      scheduleTmIndexSync(c.executionCtx, c.var.db);
      c.header("Location", `/api/documents/${doc.id}`);
      return c.json(
        { id: doc.id, title: doc.title, segmentCount: doc.segmentCount, translated: doc.translatedCount },
        201,
      );
    },
  );
