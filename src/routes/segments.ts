// The segments of every document and of the memory, one at a time: list, read, edit (GET/PATCH
// /segments/{id}). Split from documents.ts, which keeps the documents' own routes and the shared schemas.
import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { getSegment } from "../db/documents";
import { concordance } from "../db/tm-concordance";
import { decodeCursor, page } from "../http/cursor";
import { etagOf, expectedVersion, isNotModified } from "../http/etag";
import { InlineCodeSchema } from "../schemas/inline-code";
import { LANGS, SEGMENT_STATUSES } from "../types";
import { editSegment } from "../usecases/documents";
import {
  apiRoute,
  IdParam,
  json,
  jsonBody,
  markIndexBacklog,
  notFoundError,
  notModified,
  PageQuery,
  ResponseHeaders,
  staleError,
  useCaseContext,
} from "./common";
import { IfMatch, IfNoneMatch, SegmentSchema, segmentText, withEtag } from "./documents";

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
      summary:
        "Set a segment's English and/or status (honours If-Match); a document's segment edit is an operation " +
        "of its history, undoable",
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
      responses: {
        200: withEtag(
          json(
            SegmentSchema.extend({
              operation: z
                .number()
                .int()
                .nullable()
                .openapi({
                  description:
                    "The edit's entry in its document's history (POST /api/documents/{documentId}/history/" +
                    "{operation}/undo undoes it while the segment is as the edit left it); null for a memory " +
                    "pair of no document",
                }),
            }),
            "Updated",
          ),
        ),
        ...notFoundError,
        ...staleError,
      },
    }),
    async (c) => {
      const current = await getSegment(c.var.db, c.req.valid("param").id);
      const expected = expectedVersion(c.req.header("if-match"), current.version) ?? current.version;
      const { segment, historyId } = await editSegment(
        useCaseContext(c),
        current,
        c.req.valid("json"),
        expected,
      );
      c.header("ETag", etagOf(segment.version));
      return c.json({ ...segment, operation: historyId }, 200);
    },
  );
