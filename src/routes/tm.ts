import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import { findMatches, variants } from "../db/tm-match";
import { unsupportedMediaType } from "../errors";
import { bodyPieces } from "../http/body";
import { serverTiming } from "../http/server-timing";
import { LANGS, SEGMENT_ORIGINS, SEGMENT_STATUSES } from "../types";
import { rebuildTmIndex } from "../usecases/memory-index";
import { pretranslateDocument } from "../usecases/pretranslate";
import { exportTmx, importTmx } from "../usecases/tmx";
import {
  apiRoute,
  decimalInt,
  fileBody,
  IdParam,
  json,
  line,
  markIndexBacklog,
  notFoundError,
  problem,
  ResponseHeaders,
  useCaseContext,
} from "./common";

/**
 * Largest TMX upload: 100 MB, the request body limit of Cloudflare's Free and Pro plans (≈ 260,000 pairs of
 * the benchmark's text). Memory no longer grows with the file: the body is decoded, parsed and staged as it
 * arrives, one batch of pairs at a time (see docs/tm.md). What grows is the publishing transaction, which
 * must stay under D1's 30 s per query: see docs/benchmarks.md for its duration at 100,000 pairs.
 */
export const TMX_MAX_BYTES = 100_000_000;
export const TMX_MEDIA_TYPE = "application/x-tmx+xml";
const TMX_TYPES = new Set([TMX_MEDIA_TYPE, "application/xml", "text/xml", "application/octet-stream"]);

const tags = ["Translation memory"];

const MinScore = (fallback: number) =>
  decimalInt(1, 100)
    .default(fallback)
    .openapi({ description: "Smallest score returned (1–100; below 50 queries get slower)" });

const DiffPartSchema = z
  .object({
    op: z.enum(["equal", "insert", "delete", "replace"]),
    query: z.string().optional().openapi({ description: "The query's words (as written)" }),
    match: z.string().optional().openapi({ description: "The stored text's words (as written)" }),
  })
  .openapi("TmDiffPart");

const MatchSchema = z
  .object({
    segmentId: z.number().int(),
    documentId: z.number().int().nullable().openapi({ description: "null for a free memory entry" }),
    ar: z.string(),
    en: z.string(),
    score: z.number().int().openapi({ description: "0–100; 100 = same normalised text" }),
    origin: z.enum(SEGMENT_ORIGINS),
    status: z.enum(SEGMENT_STATUSES),
    occurrences: z.number().int().openapi({
      description:
        "Times the pair is held, summed over every segment giving it: 1 per document segment; for a free entry the most times it occurred in one imported TMX",
    }),
    updatedAt: z.string(),
    diff: z.array(DiffPartSchema),
  })
  .openapi("TmMatch");

const VariantSchema = z
  .object({
    en: z.string().openapi({ description: "The translation (Arabic when the query is English)" }),
    count: z.number().int(),
    segments: z.array(
      z.object({
        segmentId: z.number().int(),
        documentId: z.number().int().nullable(),
        documentTitle: z.string().nullable(),
        origin: z.enum(SEGMENT_ORIGINS),
        status: z.enum(SEGMENT_STATUSES),
        occurrences: z.number().int(),
        updatedAt: z.string(),
      }),
    ),
  })
  .openapi("TmVariant");

const ImportResultSchema = z
  .object({
    imported: z.number().int().openapi({ description: "New free memory entries" }),
    duplicates: z.number().int().openapi({
      description:
        "Pairs already stored as free entries (or repeated in the file): equal after NFC and white-space normalisation, not after case or Arabic folding. Importing a file again changes nothing",
    }),
    skipped: z.number().int().openapi({ description: "Units without both an Arabic and an English text" }),
    skips: z
      .array(
        z.object({
          tu: z.number().int().nullable().openapi({ description: "1-based position of the tu in the file" }),
          tuid: z.string().nullable(),
          reason: z.string(),
        }),
      )
      .openapi({ description: "The skipped units one by one, with why (the first 1,000)" }),
    languages: z.record(z.string(), z.number().int()).openapi({
      description: "Variant languages of the file as written, with how many tuv carry each",
      example: { "ar-SA": 2, "en-GB": 2, "fr-FR": 1 },
    }),
  })
  .openapi("TmImportResult");

/** A TMX file of one Arabic–English pair: the example of POST /tm/import. */
const TMX_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="example" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ar" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="ar"><seg>عقد المجلس اجتماعه في 11 سبتمبر.</seg></tuv>
      <tuv xml:lang="en"><seg>The council met on 11 September.</seg></tuv>
    </tu>
  </body>
</tmx>
`;

const queryText = line(2_000).refine((s) => s.trim() !== "", "must not be empty");

function checkTmxType(req: Request): void {
  const type = req.headers.get("content-type");
  if (type !== null) {
    const media = (type.split(";")[0] ?? "").trim().toLowerCase();
    if (!TMX_TYPES.has(media))
      throw unsupportedMediaType(`send the file as ${TMX_MEDIA_TYPE} (or application/xml), not ${media}`);
  }
}

export const tmRouter = createRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/tm/matches",
      scope: "read",
      session: "replica",
      tags,
      summary: "Fuzzy matches for a sentence from the whole memory, best first, with word diffs",
      description:
        "Word-level weighted edit distance on normalised text (numbers and punctuation count little); " +
        "see docs/tm.md for the formula. Only segments with both Arabic and English are candidates. A pair " +
        "held by several documents is one match (its best-ranked segment, occurrences summed). While the " +
        "memory's index catches up with a rebuild or a very large import, the read applies at most 4,000 " +
        "segments of it, answers from the part indexed and names the rest in the Diwan-Index-Pending header.",
      request: {
        query: z.object({
          q: queryText.openapi({
            description: "The sentence to match",
            example: "عقد المجلس اجتماعه في 11 سبتمبر.",
          }),
          lang: z.enum(LANGS).default("ar").openapi({ description: "Language of q" }),
          minScore: MinScore(70),
          limit: decimalInt(1, 50).default(5),
        }),
      },
      responses: {
        200: {
          ...json(z.object({ matches: z.array(MatchSchema) }), "Matches"),
          headers: { ...ResponseHeaders.serverTiming, ...ResponseHeaders.indexPending },
        },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const t0 = performance.now();
      const matches = await findMatches(c.var.db, q.q, q.lang, q.minScore, q.limit);
      // Server-side time of the query for clients and benchmarks (Server-Timing is ignored otherwise).
      c.header("Server-Timing", serverTiming({ tm: performance.now() - t0 }, 1));
      await markIndexBacklog(c);
      return c.json({ matches }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/tm/variants",
      scope: "read",
      session: "replica",
      tags,
      summary: "All translations stored for one source sentence, grouped, with their documents and dates",
      request: {
        query: z.object({
          q: queryText.openapi({ example: "عقد المجلس اجتماعه في 11 سبتمبر." }),
          lang: z.enum(LANGS).default("ar"),
          limit: decimalInt(1, 100).default(20),
        }),
      },
      responses: {
        200: {
          ...json(z.object({ variants: z.array(VariantSchema) }), "Variants"),
          headers: ResponseHeaders.indexPending,
        },
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const found = await variants(c.var.db, q.q, q.lang, q.limit);
      await markIndexBacklog(c);
      return c.json({ variants: found }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/documents/{id}/pretranslate",
      scope: "write",
      session: "primary",
      tags,
      summary: "Fill empty targets from 100% memory matches and record the best fuzzy matches",
      description:
        "Segments that have English are never changed. A segment without English gets the English of a " +
        "100% match (status translated, origin tm) and its best matches ≥ minScore recorded for XLIFF export. " +
        "While the memory's index is catching up with a rebuild or a very large import (more than 4,000 " +
        "segments to index), it answers 503 index-catching-up with Retry-After and changes nothing.",
      request: { params: IdParam, query: z.object({ minScore: MinScore(70) }) },
      responses: {
        200: json(
          z.object({
            filled: z.number().int(),
            matched: z.number().int(),
            unmatched: z.number().int(),
          }),
          "Counts over the segments that had no English",
        ),
        ...notFoundError,
        503: {
          ...problem(
            "The memory's index is catching up (`pending` segments): retry after Retry-After seconds",
          ),
          headers: ResponseHeaders.retryAfter,
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { minScore } = c.req.valid("query");
      return c.json(await pretranslateDocument(useCaseContext(c), id, minScore), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/tm/export",
      scope: "read",
      session: "replica",
      tags,
      summary: "The memory (or one document's pairs) as TMX 1.4b, streamed",
      request: {
        query: z.object({
          document: decimalInt(1, Number.MAX_SAFE_INTEGER).optional(),
        }),
      },
      responses: {
        200: {
          description: "TMX 1.4b",
          headers: ResponseHeaders.attachment,
          content: { [TMX_MEDIA_TYPE]: { schema: z.string() } },
        },
        ...notFoundError,
      },
    }),
    async (c) => {
      const { document } = c.req.valid("query");
      const { body, fileName } = await exportTmx(c.var.db, document ?? null);
      return new Response(body, {
        status: 200,
        headers: {
          "content-type": `${TMX_MEDIA_TYPE}; charset=utf-8`,
          "content-disposition": `attachment; filename="${fileName}"`,
        },
      }) as never;
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/tm/import",
      scope: "write",
      session: "primary",
      tags,
      summary: "Import a TMX file into the memory as free entries (all or nothing)",
      description:
        `The body is the TMX file (UTF-8, at most ${TMX_MAX_BYTES} bytes); variants tagged ar* and en* are ` +
        "read. Entries get origin tmx and status translated; a pair already stored is counted, not stored again.",
      request: {
        body: fileBody("TMX 1.4b in UTF-8", {
          [TMX_MEDIA_TYPE]: TMX_EXAMPLE,
          "application/xml": TMX_EXAMPLE,
        }),
      },
      responses: {
        200: { ...json(ImportResultSchema, "What was stored"), headers: ResponseHeaders.serverTiming },
        415: problem("Not a TMX media type"),
      },
    }),
    async (c) => {
      checkTmxType(c.req.raw);
      const { result, timing } = await importTmx(c.var.db, bodyPieces(c.req.raw, TMX_MAX_BYTES));
      c.header(
        "Server-Timing",
        serverTiming({
          stage: timing.stageMs,
          "stage-sql": timing.stageSqlMs,
          publish: timing.publishMs,
          "publish-sql": timing.publishSqlMs,
          "publish-max-sql": timing.publishMaxSqlMs,
        }),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/tm/reindex",
      scope: "admin",
      session: "primary",
      tags,
      summary: "Rebuild the memory's term index from scratch (admin)",
      description:
        "Empties the index and marks every segment for indexing in one transaction, then rebuilds it in the " +
        "background (20 s for 68,587 segments in the local benchmark). Meanwhile each fuzzy match, variants, " +
        "pre-translation or concordance read applies at most 4,000 segments of it before answering, and answers " +
        "from the part built: results may miss segments until the rebuild has finished.",
      responses: {
        202: json(
          z.object({ pending: z.number().int().openapi({ description: "Segments to index" }) }),
          "Rebuild started",
        ),
      },
    }),
    async (c) => {
      return c.json({ pending: await rebuildTmIndex(useCaseContext(c)) }, 202);
    },
  );
