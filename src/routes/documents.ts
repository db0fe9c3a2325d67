import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { CONFIDENCE_BANDS, type DocumentStats, documentStats } from "../db/document-stats";
import {
  type DocumentInfo,
  getSegment,
  listDocuments,
  listSegments,
  renameDocument,
  requireDocument,
} from "../db/documents";
import { glossaryIndex } from "../db/matcher";
import { concordance } from "../db/tm-concordance";
import type { Db } from "../env";
import { decodeCursor, encodeCursor, page } from "../http/cursor";
import { etagOf, expectedVersion, isNotModified } from "../http/etag";
import { InlineCodeSchema } from "../schemas/inline-code";
import { checkSegmentPair } from "../text/qa";
import { LANGS, SEGMENT_ORIGINS, SEGMENT_STATUSES } from "../types";
import {
  createDocumentFromSegments,
  createDocumentFromTexts,
  deleteDocument,
  editSegment,
} from "../usecases/documents";
import {
  apiRoute,
  IdParam,
  json,
  jsonBody,
  line,
  markIndexBacklog,
  multiline,
  notFoundError,
  notModified,
  PageQuery,
  ResponseHeaders,
  staleError,
  useCaseContext,
} from "./common";
import { QaIssueSchema } from "./text";

const segmentText = multiline(20_000).refine((s) => s.trim() !== "", "must not be empty");

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

const IfNoneMatch = z.object({
  "if-none-match": z
    .string()
    .optional()
    .openapi({ description: 'The ETag of the copy you hold, e.g. "v3": 304 if it is still current' }),
});
const IfMatch = z.object({
  "if-match": z.string().optional().openapi({ description: 'The version you saw, e.g. "v3" (412 if stale)' }),
});
const withEtag = <R extends object>(response: R) => ({ ...response, headers: ResponseHeaders.etag });

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
        "translation), which is segmented and aligned; low-confidence beads are stored with status `new`",
      request: {
        body: jsonBody(z.union([CreateFromSegments, CreateFromTexts]), {
          title: "Council meeting",
          ar: "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.",
          en: "The council met on 11 September. Members discussed security threats and counter-terrorism.",
        }),
      },
      responses: {
        201: {
          ...json(
            z.object({
              id: z.number(),
              title: z.string(),
              segmentCount: z.number(),
              beads: BeadCountsSchema.optional().openapi({ description: "Bead counts by type (texts only)" }),
            }),
            "Created",
          ),
          headers: ResponseHeaders.location,
        },
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
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

export const segmentsRouter = createRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/segments",
      scope: "read",
      session: "replica",
      tags: ["Segments"],
      summary:
        "Concordance: segments holding the query's words in order, as whole words (Arabic normalised: " +
        "diacritics, tatweel, hamza forms ignored), with highlight spans in the stored text",
      request: {
        query: z.object({
          q: z.string().min(1).max(500).openapi({ example: "مكافحة الإرهاب" }),
          lang: z.enum(LANGS).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: {
          ...json(
            z.object({
              items: z.array(
                SegmentSchema.extend({
                  highlights: z.array(
                    z.object({
                      field: z.enum(LANGS),
                      start: z.number().int().openapi({ description: "UTF-16 offset in the stored text" }),
                      end: z.number().int().openapi({ description: "End offset, exclusive" }),
                    }),
                  ),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
            "A page",
          ),
          headers: ResponseHeaders.indexPending,
        },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const hits = await concordance(c.var.db, q.q, q.lang, decodeCursor(q.cursor), q.limit);
      await markIndexBacklog(c);
      return c.json(page(hits, q.limit), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/segments/{id}",
      scope: "read",
      session: "replica",
      tags: ["Segments"],
      summary: "Get a segment (304 when If-None-Match names its current version)",
      request: { params: IdParam, headers: IfNoneMatch },
      responses: {
        200: withEtag(json(SegmentSchema, "The segment")),
        ...notModified,
        ...notFoundError,
      },
    }),
    async (c) => {
      const seg = await getSegment(c.var.db, c.req.valid("param").id);
      const etag = etagOf(seg.version);
      c.header("ETag", etag);
      if (isNotModified(c.req.header("if-none-match"), etag)) return c.body(null, 304);
      return c.json(seg, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/segments/{id}",
      scope: "write",
      session: "primary",
      tags: ["Segments"],
      summary: "Set a segment's English and/or status (honours If-Match)",
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(
          z
            .object({
              en: segmentText.nullable().optional(),
              status: z.enum(SEGMENT_STATUSES).optional(),
              enCodes: z.array(InlineCodeSchema).max(2_000).optional().openapi({
                description:
                  "Inline codes of the English (offsets in it); new English without them drops the old ones",
              }),
            })
            .refine(
              (b) => b.en !== undefined || b.status !== undefined || b.enCodes !== undefined,
              "give en, status, enCodes or several",
            ),
          { status: "reviewed" },
        ),
      },
      responses: { 200: withEtag(json(SegmentSchema, "Updated")), ...notFoundError, ...staleError },
    }),
    async (c) => {
      const current = await getSegment(c.var.db, c.req.valid("param").id);
      const expected = expectedVersion(c.req.header("if-match"), current.version) ?? current.version;
      const seg = await editSegment(useCaseContext(c), current, c.req.valid("json"), expected);
      c.header("ETag", etagOf(seg.version));
      return c.json(seg, 200);
    },
  );
