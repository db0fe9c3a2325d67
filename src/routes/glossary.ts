import { z } from "@hono/zod-openapi";
import { createRouter } from "../app";
import {
  createEntry,
  deleteEntry,
  entryDomains,
  entryHistory,
  listEntries,
  requireEntry,
} from "../db/glossary";
import { badRequest } from "../errors";
import { decodeCursor, decodeOffsetCursor, encodeOffsetCursor, page } from "../http/cursor";
import { etagOf, expectedVersion, isNotModified, requestedVersion } from "../http/etag";
import { EntryInputSchema, optionalProse, optionalText } from "../schemas/entry";
import { MATCH_KINDS } from "../text/term-search";
import { type EntryContent, LANGS, TERM_STATUSES } from "../types";
import { revertEntry, saveEntry } from "../usecases/glossary-edit";
import { ENTRY_SORTS, findEntries } from "../usecases/glossary-search";
import {
  apiRoute,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  notModified,
  PageQuery,
  ResponseHeaders,
  StaleProblemSchema,
  staleError,
} from "./common";

/** A stored term: every field present (the input's defaults applied), so clients need not test for absence. */
const StoredTermSchema = z
  .object({
    lang: z.enum(LANGS),
    text: z.string(),
    status: z.enum(TERM_STATUSES),
    partOfSpeech: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi("GlossaryTerm");

export const EntrySchema = z
  .object({
    id: z.number().int(),
    domain: z.string(),
    definition: z.string().nullable(),
    note: z.string().nullable(),
    source: z.string().nullable(),
    terms: z.array(StoredTermSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("GlossaryEntry");

const FoundEntrySchema = EntrySchema.extend({
  match: z
    .object({
      kind: z.enum(MATCH_KINDS),
      lang: z.enum(LANGS),
      text: z.string(),
      distance: z.number().int(),
    })
    .nullable()
    .optional()
    .openapi({ description: "How the entry matched the query (search only)" }),
}).openapi("FoundGlossaryEntry");

const EntryPatchSchema = z
  .object({
    domain: EntryInputSchema.shape.domain.optional(),
    definition: optionalProse(2000).optional(),
    note: optionalProse(4000).optional(),
    source: optionalText(500).optional(),
    terms: EntryInputSchema.shape.terms.optional(),
  })
  .openapi("EntryPatch");

const ListQuery = z.object({
  q: z
    .string()
    .max(300)
    .optional()
    .openapi({
      description:
        "Search terms, ranked: exact (normalised: diacritics, hamza forms, tatweel, case), then the query read " +
        "as an inflected form of a term (clitics, indefinite: للأمن الوطني → الأمن الوطني), then terms starting " +
        "with it, containing it, or inside it; typo-tolerant matches (marked approximate) only when none of " +
        "these exist. Each item says how it matched (`match`).",
    }),
  lang: z.enum(LANGS).optional().openapi({ description: "Search (and filter) terms of this language only" }),
  sort: z
    .enum(ENTRY_SORTS)
    .optional()
    .openapi({
      description:
        "relevance (default with q), term (first preferred term of `lang`, Arabic by default), domain, " +
        "changed (newest first). Without q and sort, entries come in id order.",
    }),
  status: z.enum(TERM_STATUSES).optional(),
  domain: z.string().max(100).optional(),
  ...PageQuery,
});

const IfMatch = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({
      description:
        'Entity tag of the version the change was made from, e.g. "v3". If the entry moved on since, the change ' +
        "is merged three ways: fields only one side changed keep that side's value; if both changed the same " +
        "field differently, nothing is written and 412 lists the conflicts.",
    }),
});

/** Content the API would accept, or a 400 naming the failing fields. */
function validEntry(content: EntryContent): EntryContent {
  const check = EntryInputSchema.safeParse(content);
  if (check.success) return check.data;
  throw badRequest(
    "the entry is not valid",
    check.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
  );
}

const mergedHeader = {
  ...ResponseHeaders.etag,
  "Diwan-Merged-With": {
    schema: { type: "string" as const },
    description: "Present when the change was made from an older version: the entity tag it was merged with",
  },
};

const HistorySchema = z
  .object({
    id: z.number().int(),
    entryId: z.number().int(),
    version: z.number().int(),
    action: z.enum(["create", "update", "delete"]),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    actor: z.string().nullable(),
    at: z.string(),
    via: z.enum(["edit", "import", "revert"]).openapi({
      description: "How the change was made: an edit (web form or API), an import, a revert",
    }),
    detail: z.string().nullable().openapi({
      description: "import: the file's name (when known); revert: the version restored",
    }),
  })
  .openapi("HistoryRecord");

const tags = ["Glossary"];
const etagHeader = ResponseHeaders.etag;

/** What Swagger's "Try it out" sends to POST and PUT; test/api/openapi-contract.test.ts posts it. */
const ENTRY_EXAMPLE = {
  domain: "instruments",
  definition: "A record of a meeting agreed by the parties.",
  terms: [
    { lang: "en" as const, text: "agreed minutes", status: "preferred" as const, partOfSpeech: "noun" },
    { lang: "ar" as const, text: "محضر متفق عليه", status: "preferred" as const, partOfSpeech: "noun" },
    { lang: "ar" as const, text: "المحضر المتفق عليه", status: "admitted" as const },
  ],
};

const IfNoneMatch = z.object({
  "if-none-match": z
    .string()
    .optional()
    .openapi({ description: 'The ETag of the copy you hold, e.g. "v3": 304 if it is still current' }),
});

/** A stale PUT/PATCH whose fields clash with changes saved since: nothing written, each clash listed. */
const EditConflictSchema = StaleProblemSchema.extend({
  conflicts: z
    .array(
      z.object({
        kind: z.enum(["field", "term"]),
        field: z
          .string()
          .openapi({ description: "The field (definition, note…), or `terms.<key>` for a term" }),
        base: z.union([z.string(), StoredTermSchema]).nullable(),
        mine: z.union([z.string(), StoredTermSchema]).nullable(),
        theirs: z.union([z.string(), StoredTermSchema]).nullable(),
      }),
    )
    .optional()
    .openapi({ description: "Fields (or terms) both sides changed differently (three-way merge)" }),
}).openapi("EditConflictProblem");

const updateResponses = {
  200: { ...json(EntrySchema, "Updated"), headers: mergedHeader },
  ...notFoundError,
  412: {
    description: "The change clashes with changes saved since its If-Match version; nothing was written",
    content: { "application/problem+json": { schema: EditConflictSchema } },
  },
};

export const glossaryRouter = createRouter()
  .openapi(
    apiRoute({
      method: "get",
      path: "/glossary",
      scope: "read",
      session: "replica",
      tags,
      summary: "Search and list glossary entries",
      request: { query: ListQuery },
      responses: {
        200: json(
          z.object({
            items: z.array(FoundEntrySchema),
            nextCursor: z.string().nullable(),
            total: z
              .number()
              .int()
              .optional()
              .openapi({ description: "Matching entries in all (search and sort)" }),
            approximate: z
              .boolean()
              .optional()
              .openapi({ description: "true: nothing matched exactly; the items are typo-tolerant matches" }),
          }),
          "A page of entries",
        ),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.q?.trim() || q.sort) {
        const offset = decodeOffsetCursor(q.cursor);
        const found = await findEntries(c.var.db, { ...q, offset });
        const next = offset + found.items.length;
        return c.json(
          {
            items: found.items,
            nextCursor: next < found.total ? encodeOffsetCursor(next) : null,
            total: found.total,
            approximate: found.approximate,
          },
          200,
        );
      }
      const rows = await listEntries(c.var.db, { ...q, afterId: decodeCursor(q.cursor) });
      return c.json(page(rows, q.limit), 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/glossary/domains",
      scope: "read",
      session: "replica",
      tags,
      summary: "Domains (subject fields) in use, with entry counts",
      responses: {
        200: json(
          z.object({ items: z.array(z.object({ domain: z.string(), count: z.number() })) }),
          "Domains",
        ),
      },
    }),
    async (c) => c.json({ items: await entryDomains(c.var.db) }, 200),
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/glossary",
      scope: "write",
      session: "primary",
      tags,
      summary: "Create an entry",
      request: { body: jsonBody(EntryInputSchema, ENTRY_EXAMPLE) },
      responses: {
        201: { ...json(EntrySchema, "Created"), headers: { ...etagHeader, ...ResponseHeaders.location } },
      },
    }),
    async (c) => {
      const entry = await createEntry(c.var.db, c.req.valid("json"), c.var.principal.name);
      c.header("ETag", etagOf(entry.version));
      c.header("Location", `/api/glossary/${entry.id}`);
      return c.json(entry, 201);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/glossary/{id}",
      scope: "read",
      session: "replica",
      tags,
      summary: "Get an entry (304 when If-None-Match names its current version)",
      request: { params: IdParam, headers: IfNoneMatch },
      responses: {
        200: { ...json(EntrySchema, "The entry"), headers: etagHeader },
        ...notModified,
        ...notFoundError,
      },
    }),
    async (c) => {
      const entry = await requireEntry(c.var.db, c.req.valid("param").id);
      const etag = etagOf(entry.version);
      c.header("ETag", etag);
      if (isNotModified(c.req.header("if-none-match"), etag)) return c.body(null, 304);
      return c.json(entry, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "put",
      path: "/glossary/{id}",
      scope: "write",
      session: "primary",
      tags,
      summary: "Replace an entry's content (three-way merge with changes made since the If-Match version)",
      request: { params: IdParam, headers: IfMatch, body: jsonBody(EntryInputSchema, ENTRY_EXAMPLE) },
      responses: updateResponses,
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { entry, mergedWith } = await saveEntry(c.var.db, {
        id: c.req.valid("param").id,
        loadedVersion: requestedVersion(c.req.header("if-match")),
        edit: () => body,
        validate: validEntry,
        actor: c.var.principal.name,
      });
      c.header("ETag", etagOf(entry.version));
      if (mergedWith !== null) c.header("Diwan-Merged-With", etagOf(mergedWith));
      return c.json(entry, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "patch",
      path: "/glossary/{id}",
      scope: "write",
      session: "primary",
      tags,
      summary: "Change only the fields sent (three-way merge with changes made since the If-Match version)",
      description:
        "Fields left out of the body keep their stored values; `terms`, when sent, is the entry's whole term " +
        "list. With a stale If-Match the fields sent are merged with what others saved since (as for PUT).",
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(EntryPatchSchema, { note: "Used for bilateral consultations." }),
      },
      responses: updateResponses,
    }),
    async (c) => {
      const patch = c.req.valid("json");
      const { entry, mergedWith } = await saveEntry(c.var.db, {
        id: c.req.valid("param").id,
        loadedVersion: requestedVersion(c.req.header("if-match")),
        edit: (from) => ({
          domain: patch.domain ?? from.domain,
          definition: patch.definition !== undefined ? patch.definition : from.definition,
          note: patch.note !== undefined ? patch.note : from.note,
          source: patch.source !== undefined ? patch.source : from.source,
          terms: patch.terms ?? from.terms,
        }),
        validate: validEntry,
        actor: c.var.principal.name,
      });
      c.header("ETag", etagOf(entry.version));
      if (mergedWith !== null) c.header("Diwan-Merged-With", etagOf(mergedWith));
      return c.json(entry, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "delete",
      path: "/glossary/{id}",
      scope: "write",
      session: "primary",
      tags,
      summary: "Delete an entry (honours If-Match); its history is kept. 204 without a body",
      request: { params: IdParam, headers: IfMatch },
      responses: { 204: { description: "Deleted" }, ...notFoundError, ...staleError },
    }),
    async (c) => {
      const before = await requireEntry(c.var.db, c.req.valid("param").id);
      const expected = expectedVersion(c.req.header("if-match"), before.version) ?? before.version;
      await deleteEntry(c.var.db, before, expected, c.var.principal.name);
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: "post",
      path: "/glossary/{id}/revert",
      scope: "write",
      session: "primary",
      tags,
      summary: "Revert an entry to an earlier version (recorded as a new version; honours If-Match)",
      request: {
        params: IdParam,
        headers: IfMatch,
        body: jsonBody(
          z.object({ version: z.number().int().min(1).openapi({ description: "Version to restore" }) }),
          { version: 1 },
        ),
      },
      responses: {
        200: {
          ...json(EntrySchema, "The entry with the earlier content, as a new version"),
          headers: etagHeader,
        },
        ...notFoundError,
        ...staleError,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const current = await requireEntry(c.var.db, id);
      const expected = expectedVersion(c.req.header("if-match"), current.version);
      const entry = await revertEntry(
        c.var.db,
        id,
        c.req.valid("json").version,
        expected,
        c.var.principal.name,
      );
      c.header("ETag", etagOf(entry.version));
      return c.json(entry, 200);
    },
  )
  .openapi(
    apiRoute({
      method: "get",
      path: "/glossary/{id}/history",
      scope: "read",
      session: "replica",
      tags,
      summary: "Every change of an entry, oldest first (also after deletion)",
      request: { params: IdParam },
      responses: {
        200: json(z.object({ items: z.array(HistorySchema) }), "History"),
        ...notFoundError,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await entryHistory(c.var.db, id);
      if (items.length === 0) await requireEntry(c.var.db, id);
      return c.json({ items }, 200);
    },
  );
