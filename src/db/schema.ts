import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { InlineCode } from "../formats/inline";
import type { XliffOrigin } from "../formats/xliff-model";
import { LANGS, SEGMENT_ORIGINS, SEGMENT_STATUSES, TERM_STATUSES, TOKEN_SCOPES } from "../types";

/** ISO-8601 UTC timestamps as text: readable in `wrangler d1 execute` and sortable. */
const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export type { Lang, SegmentOrigin, SegmentStatus, TermStatus, TokenScope } from "../types";

export const documents = sqliteTable("documents", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  sourceLang: text("source_lang").notNull().default("ar"),
  targetLang: text("target_lang").notNull().default("en"),
  /**
   * Version of the document's segments as a whole (its ETag): every bead operation, status change and
   * segment edit raises it, so a client that names the version it saw (If-Match) never acts on rows it has
   * not seen.
   */
  version: integer("version").notNull().default(1),
  /** The title normalised for search (src/text/normalize.ts); null for documents made before it existed. */
  titleNorm: text("title_norm"),
  ...timestamps,
});

export const segments = sqliteTable(
  "segments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id").references(() => documents.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    ar: text("ar").notNull(),
    en: text("en"),
    status: text("status", { enum: SEGMENT_STATUSES }).notNull().default("new"),
    origin: text("origin", { enum: SEGMENT_ORIGINS }).notNull().default("manual"),
    score: real("score"),
    version: integer("version").notNull().default(1),
    /** Normalised copies (src/text/normalize.ts) used only for search and matching. */
    arNorm: text("ar_norm").notNull(),
    enNorm: text("en_norm"),
    /**
     * Free memory entries: the most times this pair occurred in one imported TMX (src/db/tm-exchange.ts);
     * importing a file again, or another one holding the pair, never adds to it. 1 for document segments.
     */
    occurrences: integer("occurrences").notNull().default(1),
    /**
     * The text in Unicode NFC with white space collapsed and trimmed (src/db/pair-key.ts), when that differs
     * from `ar` / `en`; NULL when the text is already in that form. Free memory entries equal in both keys
     * are one entry (a TMX import counts the others as duplicates): never compared after case or Arabic
     * search folding, which `ar_norm` / `en_norm` apply.
     */
    arKey: text("ar_key"),
    enKey: text("en_key"),
    /**
     * Inline codes of `ar` and `en` (docs/formats.md, "Inline codes"): JSON arrays of InlineCode anchored at
     * UTF-16 offsets of the plain text; NULL when the text has none. The texts stay plain, so matching and
     * search ignore codes.
     */
    arCodes: text("ar_codes", { mode: "json" }).$type<InlineCode[]>(),
    enCodes: text("en_codes", { mode: "json" }).$type<InlineCode[]>(),
    /**
     * Where the segment came from in an imported XLIFF (XliffOrigin as JSON: file, unit, segment id, the
     * content between segments), so an export writes the same files, units and segments again; NULL else.
     */
    xliff: text("xliff", { mode: "json" }).$type<XliffOrigin>(),
    /**
     * What follows each side in its language's running text (whitespace: a space, a paragraph break), so
     * bead operations keep the documents' texts exactly (src/text/bead-edit.ts). Ignored for an empty side.
     */
    arGap: text("ar_gap").notNull().default(" "),
    enGap: text("en_gap").notNull().default(" "),
    /** Who set the current status and when (null: set when the segment was created or imported). */
    statusBy: text("status_by"),
    statusAt: text("status_at"),
    ...timestamps,
  },
  (t) => [
    index("segments_document_position").on(t.documentId, t.position),
    // Exact (100%) matches and duplicate detection look segments up by normalised Arabic.
    index("segments_ar_norm").on(t.arNorm),
  ],
);

/**
 * What happened to a document's segments, one row per operation (bead operations, status changes, undo):
 * the contiguous run of segments it replaced (`before`) and the run that replaced it (`after`), as JSON
 * arrays of full rows (DocumentRow in src/db/document-history.ts), which is all an undo needs.
 */
export const documentHistory = sqliteTable(
  "document_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** The document's version after the operation. */
    version: integer("version").notNull(),
    op: text("op").notNull(),
    actor: text("actor").notNull(),
    /** The operation's parameters as given (JSON). */
    detail: text("detail").notNull(),
    /** Position of the first segment of the run when the operation was applied. */
    position: integer("position").notNull(),
    before: text("before").notNull(),
    after: text("after").notNull(),
    /** The history row of the undo that reverted this operation. */
    undoneBy: integer("undone_by"),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("document_history_document").on(t.documentId, t.id)],
);

/**
 * Segments whose term-index postings (tm_tokens, tm_postings: custom migrations 0003–0005) lag behind their
 * text: one row per changed segment, written by the triggers on `segments` (migration 0006) and applied
 * set-based by src/db/tm-index.ts. `ar_norm`/`en_norm` are the texts the index still reflects (NULL: nothing
 * indexed for that language); `rev` changes on every later write (a database-wide counter, so a value is
 * never reused), which tells a sync whether the segment moved on since it read the row. No foreign key: the
 * row of a deleted segment must stay until its postings are removed.
 */
export const tmPending = sqliteTable("tm_pending", {
  segmentId: integer("segment_id").primaryKey(),
  arNorm: text("ar_norm"),
  enNorm: text("en_norm"),
  rev: integer("rev").notNull(),
});

export const glossaryEntries = sqliteTable(
  "glossary_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable key of an entry that came from glossary/ (null for entries users created). */
    seedKey: text("seed_key"),
    domain: text("domain").notNull(),
    definition: text("definition"),
    note: text("note"),
    source: text("source"),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by"),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("glossary_entries_seed_key").on(t.seedKey),
    index("glossary_entries_domain").on(t.domain),
  ],
);

export const glossaryTerms = sqliteTable(
  "glossary_terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => glossaryEntries.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    lang: text("lang", { enum: LANGS }).notNull(),
    text: text("text").notNull(),
    norm: text("norm").notNull(),
    status: text("status", { enum: TERM_STATUSES }).notNull().default("preferred"),
    partOfSpeech: text("part_of_speech"),
    note: text("note"),
  },
  (t) => [index("glossary_terms_entry").on(t.entryId), index("glossary_terms_lang_norm").on(t.lang, t.norm)],
);

/** Every change of a glossary entry; kept after the entry is deleted (no foreign key on purpose). */
export const glossaryHistory = sqliteTable(
  "glossary_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id").notNull(),
    version: integer("version").notNull(),
    action: text("action", { enum: ["create", "update", "delete"] }).notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    actor: text("actor"),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** How the change was made: an edit (form or API), an import, a revert to an earlier version. */
    via: text("via", { enum: ["edit", "import", "revert"] })
      .notNull()
      .default("edit"),
    /** For an import, the file's name (when known); for a revert, the version reverted to. */
    detail: text("detail"),
  },
  (t) => [index("glossary_history_entry").on(t.entryId, t.id)],
);

/** Keys of seed entries ever loaded, so a restart never re-adds an entry a user deleted. */
export const seedLog = sqliteTable("seed_log", {
  seedKey: text("seed_key").primaryKey(),
  loadedAt: text("loaded_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * What the review page shows of a bead besides its text (its recognised glossary terms and QA issues:
 * BeadAnalysis, src/text/bead-analysis.ts), kept so that a new isolate reads it instead of computing it.
 * `key` is a hash of everything the analysis depends on (src/db/segment-analyses.ts: the segment's texts
 * and codes, the glossary matcher's input, the engine's sources): a row is used only when the key made from
 * the current segment and glossary is equal, so no write path has to invalidate it. One row per segment,
 * replaced when made again; gone with its segment.
 */
export const segmentAnalyses = sqliteTable("segment_analyses", {
  segmentId: integer("segment_id")
    .primaryKey()
    .references(() => segments.id, { onDelete: "cascade" }),
  key: text("key").notNull(),
  analysis: text("analysis").notNull(),
  /** The glossary revision the analysis was made with, or kept for (migration 0015): after a glossary
   * change, an analysis the change cannot touch is kept (src/usecases/review-analysis.ts). */
  revision: integer("revision"),
});

/**
 * The hash of the term matcher's input (src/db/matcher.ts) per glossary revision (`meta.glossary_revision`,
 * raised by triggers on every write to glossary_entries and glossary_terms, migration 0014), so a new
 * isolate knows which stored analyses are current without reading the glossary and building the matcher.
 */
export const glossaryMatchers = sqliteTable("glossary_matchers", {
  revision: integer("revision").primaryKey(),
  matcherKey: text("matcher_key").notNull(),
});

/**
 * What changed in the glossary, per revision (`meta.glossary_revision`), written by triggers on
 * glossary_entries and glossary_terms (migration 0015): a term's text and language as it was ("old") or
 * became ("new"), or an entry's domain (lang null) — what src/text/terms-touch.ts needs to tell which stored
 * analyses a change can touch. Complete from `meta.glossary_changes_from` on (older rows are dropped).
 */
export const glossaryChanges = sqliteTable(
  "glossary_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    revision: integer("revision").notNull(),
    entryId: integer("entry_id").notNull(),
    side: text("side", { enum: ["old", "new"] }).notNull(),
    lang: text("lang"),
    text: text("text").notNull(),
  },
  (t) => [index("glossary_changes_revision").on(t.revision)],
);

/** Small counters; `glossary_version` keys the term matcher cache; `glossary_revision`
 * counts every write to the glossary's entries and terms (triggers). */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: integer("value").notNull().default(0),
});

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    /** SHA-256 of the secret, hex. The secret itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash)],
);

/**
 * Sign-in attempts per client address in the current window (web sign-in lockout). Counted with one atomic
 * upsert before a token is evaluated, so parallel guesses cannot all pass the check (src/db/login-attempts.ts).
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    client: text("client").primaryKey(),
    attempts: integer("attempts").notNull(),
    /** When the window ends (seconds since the epoch); the count starts again after it. */
    resetAt: integer("reset_at").notNull(),
  },
  (t) => [index("login_attempts_reset").on(t.resetAt)],
);

/**
 * Open web sessions. The signed cookie names one by its random id; a session is valid only while its row
 * exists, so signing out (which deletes it) ends every copy of the cookie (src/db/web-sessions.ts).
 */
export const webSessions = sqliteTable(
  "web_sessions",
  {
    sid: text("sid").primaryKey(),
    /** The API token signed in with, or null for ADMIN_TOKEN. */
    tokenId: integer("token_id"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** Seconds since the epoch, as in the cookie. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("web_sessions_expiry").on(t.expiresAt)],
);
