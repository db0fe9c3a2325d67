import { z } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { createRouter } from "../app";
import { listSegments } from "../db/document-review";
import { CONFIDENCE_BANDS, type DocumentStats, documentStats } from "../db/document-stats";
import { type DocumentInfo, listDocuments, renameDocument, requireDocument } from "../db/documents";
import { glossaryIndex } from "../db/matcher";
import type { AppEnv, Db } from "../env";
import { badRequest } from "../errors";
import { DOCUMENT_FILE_FORMATS } from "../formats/document-file";
import { readBodyBytes } from "../http/body";
import { decodeCursor, encodeCursor, page } from "../http/cursor";
import { etagOf, expectedVersion, isNotModified } from "../http/etag";
import { InlineCodeSchema } from "../schemas/inline-code";
import { checkSegmentPair } from "../text/qa";
import { SEGMENT_ORIGINS, SEGMENT_STATUSES } from "../types";
import { createDocumentFromFiles, DOCUMENT_FILE_MAX_BYTES } from "../usecases/document-files";
import { createDocumentFromSegments, createDocumentFromTexts, deleteDocument } from "../usecases/documents";
import {
  apiRoute,
  IdParam,
  json,
  jsonBody,
  line,
  multiline,
  notFoundError,
  notModified,
  PageQuery,
  problem,
  ResponseHeaders,
  staleError,
  useCaseContext,
} from "./common";
import { QaIssueSchema } from "./text";

export const segmentText = multiline(20_000).refine((s) => s.trim() !== "", "must not be empty");

export const DocumentSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    sourceLang: z.string(),
    targetLang: z.string(),
    segmentCount: z.number().int(),
    translatedCount: z.number().int(),
    version: z.number().int().openapi({ description: "The document's version (ETag; If-Match of changes)" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    stats: z
      .object({
        byStatus: z.record(z.enum(SEGMENT_STATUSES), z.number().int()),
        byConfidence: z.record(z.enum(CONFIDENCE_BANDS), z.number().int()).openapi({
          description: "By aligner score: high >= 0.9, medium >= 0.5, low below, none without a score",
        }),
        needsReview: z.number().int(),
      })
      .openapi("DocumentStats"),
  })
  .openapi("Document");

const withStats = async (db: Db, docs: DocumentInfo[]) => {
  const stats = await documentStats(
    db,
    docs.map((d) => d.id),
  );
  return docs.map((d) => ({ ...d, stats: stats.get(d.id) as DocumentStats }));
};

export const SegmentSchema = z
  .object({
    id: z.number().int(),
    documentId: z.number().int().nullable(),
    position: z.number().int(),
    ar: z.string(),
    en: z.string().nullable(),
    status: z.enum(SEGMENT_STATUSES),
    origin: z.enum(SEGMENT_ORIGINS),
    score: z.number().nullable(),
    version: z.number().int(),
    arCodes: z.array(InlineCodeSchema).openapi({ description: "Inline codes of `ar` (offsets in `ar`)" }),
    enCodes: z.array(InlineCodeSchema).openapi({ description: "Inline codes of `en` (offsets in `en`)" }),
    arTagged: z.string().openapi({
      description:
        "`ar` with its codes as placeholders: `{1}` opens, `{/1}` closes, `{2/}` stands alone; `{{` is a `{`",
    }),
    enTagged: z.string().nullable().openapi({ description: "`en` with its codes as placeholders" }),
    statusBy: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "Who set the status (document segments)" }),
    statusAt: z.string().nullable().optional(),
    arGap: z.string().optional().openapi({
      description: "Whitespace after the Arabic in the document's running text (a space, a paragraph break)",
    }),
    enGap: z.string().optional(),
  })
  .openapi("Segment");

export const CreateFromSegments = z
  .object({
    title: line(300).refine((s) => s.trim() !== "", "must not be empty"),
    segments: z
      .array(z.object({ ar: segmentText, en: segmentText.nullable().optional() }))
      .min(1)
      .max(100_000),
  })
  .openapi("CreateDocumentFromSegments");

export const RenameDocument = z
  .object({ title: line(300).refine((s) => s.trim() !== "", "must not be empty") })
  .strict()
  .openapi("RenameDocument");

export const CreateFromTexts = z
  .object({
    title: line(300).refine((s) => s.trim() !== "", "must not be empty"),
    ar: multiline(1_000_000).refine((s) => s.trim() !== "", "must not be empty"),
    en: multiline(1_000_000).nullable().optional(),
  })
  .openapi("CreateDocumentFromTexts");

const sideFile = (what: string) =>
  z.instanceof(File).openapi({
    type: "string",
    format: "binary",
    description: `${what}: .txt (UTF-8/UTF-16 with BOM), .html, .docx or .xliff; recognised by its name and checked against its content`,
  });

export const CreateFromFiles = z
  .object({
    title: line(300).optional().openapi({ description: "Defaults to the Arabic file's name" }),
    ar: sideFile("The Arabic original (an .xliff alone: its units as segments, with their targets)"),
    en: sideFile("The English translation (an .xliff: its targets)").optional(),
  })
  .openapi("CreateDocumentFromFiles");

const ExtractionNoteSchema = z.object({ what: z.string(), count: z.number().int(), detail: z.string() });
const SideReportSchema = z
  .object({
    file: z.string(),
    format: z.enum(DOCUMENT_FILE_FORMATS),
    paragraphs: z.number().int(),
    characters: z.number().int().optional(),
    kept: z.array(ExtractionNoteSchema).openapi({ description: "Kept but moved (footnotes at the end…)" }),
    leftOut: z
      .array(ExtractionNoteSchema)
      .openapi({ description: "In the file, not in the text (comments…)" }),
  })
  .openapi("DocumentFileReport");

/** Multipart bodies of document files: read up to the limit, then parsed by the form validator. */
const FILES_BODY_MAX_BYTES = 2 * DOCUMENT_FILE_MAX_BYTES + 64 * 1024;
const limitedMultipart = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const bytes = await readBodyBytes(c.req.raw, FILES_BODY_MAX_BYTES);
    // The boundary from the header, else from the body's first line (RFC 2046: it starts "--boundary").
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1] ?? /^--([^\r\n]{1,70})\r?\n/.exec(head)?.[1];
    let form: FormData;
    try {
      if (boundary === undefined) throw new Error("no boundary");
      form = await new Response(bytes, {
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      }).formData();
    } catch {
      throw badRequest("the multipart/form-data body cannot be read", [
        { field: "", message: "a multipart/form-data body with fields ar (a file), en (a file) and title" },
      ]);
    }
    // Hono's form validator reads this cache instead of the consumed stream.
    (c.req as unknown as { bodyCache: Record<string, unknown> }).bodyCache.formData = Promise.resolve(form);
  }
  await next();
});

/** The documented multipart example: two small files (text and HTML), so it stays readable as a string. */
const FILES_EXAMPLE = [
  "--diwan-example",
  'Content-Disposition: form-data; name="title"',
  "",
  "Council meeting (files)",
  "--diwan-example",
  'Content-Disposition: form-data; name="ar"; filename="meeting-ar.txt"',
  "Content-Type: text/plain; charset=utf-8",
  "",
  "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء التهديدات الأمنية.",
  "--diwan-example",
  'Content-Disposition: form-data; name="en"; filename="meeting-en.html"',
  "Content-Type: text/html",
  "",
  "<h1>Council meeting</h1><p>The council met on 11 September. Members discussed security threats.</p>",
  "--diwan-example--",
  "",
].join("\r\n");

const BeadCountsSchema = z.object({
  "1-1": z.number(),
  "1-2": z.number(),
  "2-1": z.number(),
  "2-2": z.number(),
  "1-3": z.number(),
  "3-1": z.number(),
  "1-0": z.number(),
  "0-1": z.number(),
});

const tags = ["Documents"];

export const IfNoneMatch = z.object({
  "if-none-match": z
    .string()
    .optional()
    .openapi({ description: 'The ETag of the copy you hold, e.g. "v3": 304 if it is still current' }),
});
export const IfMatch = z.object({
  "if-match": z.string().optional().openapi({ description: 'The version you saw, e.g. "v3" (412 if stale)' }),
});
export const withEtag = <R extends object>(response: R) => ({ ...response, headers: ResponseHeaders.etag });

export const documentsRouter = createRouter()
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents",
      scope: "write",
      session: "primary",
      tags,
      summary:
        "Create a document: from Arabic segments with optional English, or from an Arabic text (and its English " +
        "translation), which is segmented and aligned; low-confidence beads are stored with status `new`. " +
        "As multipart/form-data, from files: `ar` (and `en`) each .txt, .html, .docx or .xliff (text extracted " +
        "with paragraph boundaries; see docs/formats.md); a refused file names its side as the field",
      middleware: [limitedMultipart] as const,
      request: {
        body: {
          required: false,
          content: {
            "application/json": {
              schema: z.union([CreateFromSegments, CreateFromTexts]),
              example: {
                title: "Council meeting",
                ar: "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.",
                en: "The council met on 11 September. Members discussed security threats and counter-terrorism.",
              },
            },
            "multipart/form-data": { schema: CreateFromFiles, example: FILES_EXAMPLE },
          },
        },
      },
      responses: {
        201: {
          ...json(
            z.object({
              id: z.number(),
              title: z.string(),
              segmentCount: z.number(),
              beads: BeadCountsSchema.optional().openapi({ description: "Bead counts by type (texts only)" }),
              files: z
                .object({ ar: SideReportSchema, en: SideReportSchema.optional() })
                .optional()
                .openapi({ description: "From files: what each file gave, kept and left out" }),
            }),
            "Created",
          ),
          headers: ResponseHeaders.location,
        },
        413: problem("A file or its text is too large (field: ar or en)"),
        415: problem("A file that is not what its name says, an old .doc, a password-protected .docx"),
      },
    }),
    async (c) => {
      const type = c.req.header("content-type") ?? "";
      if (/^multipart\/form-data/i.test(type)) {
        // Validated against CreateFromFiles (the form validator runs for multipart bodies only).
        const form = c.req.valid("form") as z.infer<typeof CreateFromFiles>;
        const read = async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
        const { doc, beads, files } = await createDocumentFromFiles(useCaseContext(c), {
          title: form.title,
          ar: await read(form.ar),
          en: form.en ? await read(form.en) : null,
        });
        c.header("Location", `/api/documents/${doc.id}`);
        return c.json({ id: doc.id, title: doc.title, segmentCount: doc.segmentCount, beads, files }, 201);
      }
      if (!/^application\/(.+\+)?json\b/i.test(type))
        throw badRequest("send the document as JSON (texts or segments) or multipart/form-data (files)", [
          { field: "", message: "a JSON or multipart/form-data body is required" },
        ]);
      const body = c.req.valid("json") as
        | z.infer<typeof CreateFromSegments>
        | z.infer<typeof CreateFromTexts>;
      if ("ar" in body) {
        const { doc, beads } = await createDocumentFromTexts(useCaseContext(c), body.title, body.ar, body.en);
        c.header("Location", `/api/documents/${doc.id}`);
        return c.json({ id: doc.id, title: doc.title, segmentCount: doc.segmentCount, beads }, 201);
      }
      const doc = await createDocumentFromSegments(useCaseContext(c), body.title, body.segments);
      c.header("Location", `/api/documents/${doc.id}`);
      return c.json({ id: doc.id, title: doc.title, segmentCount: doc.segmentCount }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/documents",
      scope: "read",
      session: "replica",
      tags,
      summary: "List documents (with `q`, those whose title contains it; Arabic normalised)",
      request: { query: z.object({ ...PageQuery, q: z.string().max(300).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(DocumentSchema), nextCursor: z.string().nullable() }), "A page"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await listDocuments(c.var.db, decodeCursor(q.cursor), q.limit, q.q);
      const { items, nextCursor } = page(rows, q.limit);
      return c.json({ items: await withStats(c.var.db, items), nextCursor }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/documents/{id}",
      scope: "read",
      session: "replica",
      tags,
      summary: "Get a document (304 when If-None-Match names its current version)",
      request: { params: IdParam, headers: IfNoneMatch },
      responses: {
        200: withEtag(json(DocumentSchema, "The document")),
        ...notModified,
        ...notFoundError,
      },
    }),
    async (c) => {
      const doc = await requireDocument(c.var.db, c.req.valid("param").id);
      const etag = etagOf(doc.version);
      c.header("ETag", etag);
      if (isNotModified(c.req.header("if-none-match"), etag)) return c.body(null, 304);
      const [withCounts] = await withStats(c.var.db, [doc]);
      return c.json(withCounts, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/documents/{id}",
      scope: "write",
      session: "primary",
      tags,
      summary: "Rename a document (honours If-Match)",
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(RenameDocument, { title: "Council meeting, 11 September" }),
      },
      responses: { 200: withEtag(json(DocumentSchema, "Renamed")), ...notFoundError, ...staleError },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const current = await requireDocument(c.var.db, id);
      const expected = expectedVersion(c.req.header("if-match"), current.version) ?? current.version;
      const doc = await renameDocument(c.var.db, id, c.req.valid("json").title, expected);
      c.header("ETag", etagOf(doc.version));
      const [withCounts] = await withStats(c.var.db, [doc]);
      return c.json(withCounts, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/documents/{id}",
      scope: "write",
      session: "primary",
      tags,
      summary: "Delete a document and its segments (204 without a body)",
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" }, ...notFoundError },
    }),
    async (c) => {
      await deleteDocument(useCaseContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/documents/{id}/segments",
      scope: "read",
      session: "replica",
      tags,
      summary: "A document's segments in order (with `qa=true`, each with its QA issues)",
      request: {
        params: IdParam,
        query: z.object({
          ...PageQuery,
          qa: z
            .enum(["true", "false"])
            .optional()
            .openapi({ description: "Include QA issues of each segment pair" }),
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(SegmentSchema.extend({ qa: z.array(QaIssueSchema).optional() })),
            nextCursor: z.string().nullable(),
          }),
          "A page",
        ),
        ...notFoundError,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      await requireDocument(c.var.db, id);
      const rows = await listSegments(c.var.db, id, decodeCursor(q.cursor), q.limit);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      // Keyset on position: the cursor carries the last position, not an id.
      const nextCursor = rows.length > q.limit && last ? encodeCursor(last.position) : null;
      if (q.qa !== "true") return c.json({ items, nextCursor }, 200);
      const ctx = await glossaryIndex(c.var.db);
      return c.json(
        {
          items: items.map((s) => ({
            ...s,
            qa: checkSegmentPair(s.ar, s.en, ctx, { ar: s.arCodes, en: s.enCodes }),
          })),
          nextCursor,
        },
        200,
      );
    },
  );
