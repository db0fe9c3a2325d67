import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { unsupportedMediaType } from "../errors";
import { readBodyBytes, uploadContentType } from "../http/body";
import { serverTiming } from "../http/server-timing";
import { exportXliff } from "../usecases/xliff-export";
import { createDocumentFromXliff, importXliff, type ReadUpload } from "../usecases/xliff-import";
import {
  apiRoute,
  fileBody,
  IdParam,
  json,
  line,
  notFoundError,
  problem,
  ResponseHeaders,
  useCaseContext,
} from "./common";

/**
 * Largest XLIFF upload. While an import is read and parsed the isolate holds the body bytes, the decoded
 * text (Arabic is two bytes a character in V8) and the compact units; measured in V8, a 42 MB file of
 * 100,000 translated units peaks at ~115 MB with the bytes still alive — too close to a Worker's 128 MB.
 * 40 MiB (a translated 100,000-segment document is ~38 MB) leaves room; the TMX import uses the same.
 */
export const XLIFF_MAX_BYTES = 40 * 1024 * 1024;
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
  states: z
    .enum(["lenient", "strict"])
    .default("lenient")
    .openapi({
      description:
        "How draft states are read: `lenient` (a target under a draft standard state only — OmegaT's " +
        "`needs-translation` — is a translation when it differs from what Diwan exported), or `strict` " +
        "(the states as they are: a draft is stored as status new)",
    }),
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
        segment: z
          .string()
          .optional()
          .openapi({ description: "In a unit of several segments: the segment's id (or position, from 1)" }),
        reason: z.enum([
          "unknown-unit",
          "duplicate-unit",
          "source-changed",
          "locked",
          "segmentation-changed",
        ]),
      }),
    ),
    dryRun: z.boolean(),
  })
  .openapi("XliffImportResult");

/** A translated XLIFF 1.2 file of one unit (for PUT, unit ids are the document's segment ids). */
const XLIFF_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="council.txt" source-language="ar" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>عقد المجلس اجتماعه في 11 سبتمبر.</source>
        <target state="translated">The council met on 11 September.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;

const xliffBody = fileBody("XLIFF 1.2, 2.0 or 2.1 in UTF-8", {
  [XLIFF_MEDIA_TYPE]: XLIFF_EXAMPLE,
  "application/xml": XLIFF_EXAMPLE,
});

const formatErrors = {
  409: problem("Segments changed while the import ran (nothing written)"),
  415: problem("Not XLIFF 1.2/2.0/2.1, not UTF-8, or a JSON/form content type"),
};

const ACCEPTED_TYPES = new Set([
  XLIFF_MEDIA_TYPE,
  "application/x-xliff+xml",
  "application/xml",
  "text/xml",
  "application/octet-stream",
]);

/**
 * The uploaded XLIFF's text, read when the use case asks for it: media type and charset checked, at most
 * XLIFF_MAX_BYTES, UTF-8 only (invalid bytes refused).
 */
const xliffUpload =
  (req: Request): ReadUpload =>
  async () => {
    const type = req.headers.get("content-type");
    if (type !== null) {
      const { media } = uploadContentType(type);
      if (!ACCEPTED_TYPES.has(media))
        throw unsupportedMediaType(
          `send the file as ${XLIFF_MEDIA_TYPE} (or application/xml), not ${media || "an empty type"}`,
        );
    }
    return readBodyBytes(req, XLIFF_MAX_BYTES);
  };

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
    apiRoute({
      method: "get",
      path: "/documents/{id}/xliff",
      scope: "read",
      session: "replica",
      tags,
      summary: "Export a document as XLIFF (streamed; unit ids are segment ids; approved units locked)",
      request: { params: IdParam, query: ExportQuery },
      responses: {
        200: {
          description: "The XLIFF file",
          headers: ResponseHeaders.attachment,
          content: { [XLIFF_MEDIA_TYPE]: { schema: z.string() } },
        },
        ...notFoundError,
        409: problem("XLIFF 2 requested for a document without segments"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const { title, body } = await exportXliff(c.var.db, id, q);
      return c.body(body, 200, {
        "content-type": `${XLIFF_MEDIA_TYPE}; charset=utf-8`,
        "content-disposition": attachmentFilename(title, id, q.version),
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    apiRoute({
      method: "put",
      path: "/documents/{id}/xliff",
      scope: "write",
      session: "primary",
      tags,
      summary: "Import translated XLIFF into a document (all or nothing; conflicts reported, not applied)",
      request: { params: IdParam, query: ImportQuery, body: xliffBody },
      responses: {
        200: {
          ...json(ImportResult, "What the import did (or would do, with dryRun)"),
          headers: ResponseHeaders.serverTiming,
        },
        ...notFoundError,
        ...formatErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { dryRun, states } = c.req.valid("query");
      const { result, timing } = await importXliff(
        useCaseContext(c),
        id,
        xliffUpload(c.req.raw),
        dryRun,
        states,
      );
      // Visible to benchmarks and browser dev tools; Workers' clocks only advance across I/O.
      c.header("server-timing", serverTiming({ ...timing }));
      return c.json(result, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents/import/xliff",
      scope: "write",
      session: "primary",
      tags,
      summary:
        "Create a document from a bilingual XLIFF file (sources → Arabic, translated targets → English)",
      request: { query: CreateQuery, body: xliffBody },
      responses: {
        201: {
          ...json(
            z.object({
              id: z.number().int(),
              title: z.string(),
              segmentCount: z.number().int(),
              translated: z.number().int(),
            }),
            "Created",
          ),
          headers: ResponseHeaders.location,
        },
        ...formatErrors,
      },
    }),
    async (c) => {
      const { title } = c.req.valid("query");
      const doc = await createDocumentFromXliff(useCaseContext(c), title, xliffUpload(c.req.raw));
      c.header("Location", `/api/documents/${doc.id}`);
      return c.json(
        { id: doc.id, title: doc.title, segmentCount: doc.segmentCount, translated: doc.translatedCount },
        201,
      );
    },
  );
