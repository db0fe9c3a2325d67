import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createRouter } from "../app";
import { type DocumentRow, documentVersion, listHistory, type RunResult } from "../db/document-runs";
import type { AppEnv } from "../env";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { etagOf, expectedVersion } from "../http/etag";
import { MoveRequest, RunRequest, SplitRequest, StatusRequest } from "../schemas/document-beads";
import { decimalInt } from "../schemas/fields";
import { SEGMENT_ORIGINS, SEGMENT_STATUSES } from "../types";
import {
  mergeSegments,
  moveSentence,
  realignRun,
  setStatusOfRun,
  splitSegment,
  undoOperation,
  unpairSegment,
} from "../usecases/document-beads";
import {
  apiRoute,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  PageQuery,
  problem,
  ResponseHeaders,
  staleError,
  useCaseContext,
} from "./common";

const tags = ["Document beads"];

export const DocumentSegmentSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    ar: z.string().openapi({ description: "Empty for an English addition (a sentence with no Arabic)" }),
    en: z.string().nullable(),
    arGap: z.string().openapi({ description: "Whitespace after the Arabic in the document's running text" }),
    enGap: z.string(),
    status: z.enum(SEGMENT_STATUSES),
    statusBy: z
      .string()
      .nullable()
      .openapi({ description: "Who set the status (null: at creation or import)" }),
    statusAt: z.string().nullable(),
    origin: z.enum(SEGMENT_ORIGINS),
    score: z
      .number()
      .nullable()
      .openapi({ description: "Aligner confidence; null for a bead a person made" }),
    version: z.number().int(),
  })
  .openapi("DocumentSegment");

const RunResultSchema = z
  .object({
    version: z.number().int().openapi({ description: "The document's version now (also the ETag)" }),
    operation: z.number().int().openapi({ description: "Id of the history entry (to undo it)" }),
    segments: z.array(DocumentSegmentSchema).openapi({ description: "The run of segments as it is now" }),
    removed: z.array(z.number().int()).openapi({ description: "Ids of segments that no longer exist" }),
  })
  .openapi("BeadOperationResult");

const SegmentParams = z.object({
  id: IdParam.shape.id,
  segmentId: decimalInt(1, Number.MAX_SAFE_INTEGER).openapi({
    param: { name: "segmentId", in: "path" },
    example: 1,
  }),
});

const HistoryParams = z.object({
  id: IdParam.shape.id,
  historyId: decimalInt(1, Number.MAX_SAFE_INTEGER).openapi({
    param: { name: "historyId", in: "path" },
    example: 1,
  }),
});

const IfMatch = z.object({
  "if-match": z.string().optional().openapi({
    description: 'The document version the client saw, e.g. "v7" (GET /api/documents/{id} gives it)',
  }),
});

const conflictError = { 409: problem("The operation cannot be undone: its segments changed since") };
const applied = <T extends z.ZodType>(schema: T) => ({
  ...json(schema, "Applied"),
  headers: ResponseHeaders.etag,
});
const responses = {
  200: applied(RunResultSchema),
  ...notFoundError,
  ...staleError,
};

/** The document version this request may act on: If-Match, checked against the current one (412), or that. */
async function expected(c: Context<AppEnv>, documentId: number): Promise<number> {
  const current = await documentVersion(c.var.db, documentId);
  return expectedVersion(c.req.header("if-match"), current) ?? current;
}

/** A row as the API shows it (codes and XLIFF origin are carried internally; GET .../segments shows codes). */
const shown = ({ arCodes: _a, enCodes: _e, xliff: _x, ...row }: DocumentRow) => row;

function answer<T extends RunResult>(c: Context<AppEnv>, r: T) {
  c.header("ETag", etagOf(r.version));
  const { historyId, rows, version, removed, ...rest } = r;
  return { version, operation: historyId, segments: rows.map(shown), removed, ...rest };
}

const op = (path: string, summary: string) =>
  apiRoute({
    method: "post",
    path,
    scope: "write",
    session: "primary",
    tags,
    summary,
    request: { params: SegmentParams, headers: IfMatch },
    responses,
  });

const opWithBody = <B extends z.ZodType>(path: string, summary: string, body: B, example: z.input<B>) =>
  apiRoute({
    method: "post",
    path,
    scope: "write",
    session: "primary",
    tags,
    summary,
    request: { params: SegmentParams, headers: IfMatch, body: jsonBody(body, example) },
    responses,
  });

export const documentBeadsRouter = createRouter()
  .openapi(
    op(
      "/documents/{id}/segments/{segmentId}/merge",
      "Merge a segment with the next one (both languages joined; translations kept)",
    ),
    async (c) => {
      const { id, segmentId } = c.req.valid("param");
      const r = await mergeSegments(useCaseContext(c), id, segmentId, await expected(c, id));
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    opWithBody(
      "/documents/{id}/segments/{segmentId}/split",
      "Split a segment in two, before a sentence or at a UTF-16 offset of either language",
      SplitRequest,
      { ar: { sentence: 1 }, en: { sentence: 1 } },
    ),
    async (c) => {
      const { id, segmentId } = c.req.valid("param");
      const body = c.req.valid("json");
      const r = await splitSegment(useCaseContext(c), id, segmentId, body, await expected(c, id));
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    opWithBody(
      "/documents/{id}/segments/{segmentId}/move",
      "Move the first sentence of one language to the previous segment, or the last to the next",
      MoveRequest,
      { lang: "en", sentence: "last" },
    ),
    async (c) => {
      const { id, segmentId } = c.req.valid("param");
      const body = c.req.valid("json");
      const r = await moveSentence(
        useCaseContext(c),
        id,
        segmentId,
        body.lang,
        body.sentence,
        await expected(c, id),
      );
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    op(
      "/documents/{id}/segments/{segmentId}/unpair",
      "Give each language an empty counterpart: the Arabic stays untranslated, the English becomes the next " +
        "segment (an addition)",
    ),
    async (c) => {
      const { id, segmentId } = c.req.valid("param");
      const r = await unpairSegment(useCaseContext(c), id, segmentId, await expected(c, id));
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents/{id}/realign",
      scope: "write",
      session: "primary",
      tags,
      summary: "Re-align a run of segments automatically (at most 2,000)",
      request: {
        params: IdParam,
        headers: IfMatch,
        // Segment ids of the document (GET /api/documents/{id}/segments gives them).
        body: jsonBody(RunRequest, { from: 1, to: 2 }),
      },
      responses,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const r = await realignRun(useCaseContext(c), id, body.from, body.to, await expected(c, id));
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents/{id}/status",
      scope: "write",
      session: "primary",
      tags,
      summary:
        "Set the workflow status of a run of segments (e.g. approve a range), with who and when; segments " +
        "without both languages, or already at that status, are listed as skipped",
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(StatusRequest, { from: 1, to: 2, status: "approved" }),
      },
      responses: {
        ...responses,
        200: applied(
          RunResultSchema.extend({
            changed: z.array(z.number().int()),
            skipped: z.array(z.object({ id: z.number().int(), reason: z.string() })),
          }),
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const r = await setStatusOfRun(
        useCaseContext(c),
        id,
        body.from,
        body.to,
        body.status,
        await expected(c, id),
      );
      return c.json(answer(c, r), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/documents/{id}/history",
      scope: "read",
      session: "replica",
      tags,
      summary: "The document's operations, newest first (each with the runs it replaced and wrote)",
      request: { params: IdParam, query: z.object(PageQuery) },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                version: z.number().int(),
                op: z.string(),
                actor: z.string(),
                at: z.string(),
                detail: z.unknown(),
                position: z.number().int(),
                before: z.array(DocumentSegmentSchema),
                after: z.array(DocumentSegmentSchema),
                undoneBy: z.number().int().nullable(),
              }),
            ),
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
      await documentVersion(c.var.db, id);
      const rows = await listHistory(c.var.db, id, decodeCursor(q.cursor), q.limit);
      const items = rows.slice(0, q.limit).map(({ documentId: _d, ...e }) => ({
        ...e,
        before: e.before.map(shown),
        after: e.after.map(shown),
      }));
      const last = items[items.length - 1];
      return c.json({ items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents/{id}/history/{historyId}/undo",
      scope: "write",
      session: "primary",
      tags,
      summary: "Undo an operation (its run must be as it left it); an undo is itself undoable",
      request: { params: HistoryParams, headers: IfMatch },
      responses: { ...responses, ...conflictError },
    }),
    async (c) => {
      const { id, historyId } = c.req.valid("param");
      const r = await undoOperation(useCaseContext(c), id, historyId, await expected(c, id));
      return c.json(answer(c, r), 200);
    },
  );
