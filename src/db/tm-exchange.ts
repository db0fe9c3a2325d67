/** TMX import (staged, published in one transaction) and export pages of the translation memory. */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../env";
import { indexProfile } from "../text/fuzzy";
import { normalizeForSearch } from "../text/normalize";
import type { InlineCode, Lang, SegmentStatus } from "../types";
import { runBatch, type Statement } from "./batch";
import { codesColumn } from "./documents";
import { chunkJson } from "./json-chunks";
import { pairKeyColumn } from "./pair-key";
import { all } from "./tm";

// ---------------------------------------------------------------------------------------- TMX import

export interface TmPair {
  ar: string;
  en: string;
  /** Inline codes of each side (TMX bpt/ept/ph/it/hi), kept with the pair and exported again. */
  arCodes?: readonly InlineCode[];
  enCodes?: readonly InlineCode[];
  /** Where the pair is in its file (1-based `tu` position, `tuid`): named when it is skipped. */
  tu?: number;
  tuid?: string | null;
}

/** A pair left out, with why (the first MAX_STAGE_SKIPS of an import). */
export interface PairSkip {
  tu: number | null;
  tuid: string | null;
  reason: string;
}

const MAX_STAGE_SKIPS = 1_000;

export interface ImportResult {
  /** New free memory entries. */
  imported: number;
  /**
   * Pairs equal (ar and en after NFC and white-space normalisation: src/db/pair-key.ts) to a free entry
   * already stored or earlier in the file.
   */
  duplicates: number;
  /** Units without usable text on both sides (counted by the caller for units the parser dropped). */
  skipped: number;
  /** The first of the pairs skipped here, each with its reason. */
  skips: PairSkip[];
}

/** What the import's two phases took (for Server-Timing and the benchmark). */
export interface ImportTiming {
  /** Staging: reading the input, normalising and uploading the stage, in ms (wall clock). */
  stageMs: number;
  /** Sum of D1's `meta.duration` over the staging batches, in ms. */
  stageSqlMs: number;
  /** The publishing batch (one transaction), in ms (wall clock, as workerd sees it). */
  publishMs: number;
  /** Sum of D1's own `meta.duration` over the publishing batch's statements, in ms. */
  publishSqlMs: number;
  /** The longest of them (D1's 30 s limit is per query), in ms. */
  publishMaxSqlMs: number;
}

/** Staged statements per D1 batch while uploading an import: a few MB per round trip. */
const STAGE_STATEMENTS_PER_BATCH = 6;
/**
 * Pairs normalised and staged at a time, so the isolate never holds more than one batch of a file (a
 * streaming reader hands over this many, or fewer when their text reaches STAGE_CHARS).
 */
export const STAGE_PAIRS = 5_000;
/** Text (UTF-16 code units, both sides) after which a streaming reader hands its pairs over early. */
export const STAGE_CHARS = 4 * 1024 * 1024;
/** Abandoned staging rows (a failed upload) older than this are removed by the next import. */
const STAGE_TTL = "-1 day";

/**
 * Stores pairs as free memory entries (origin `tmx`, status `translated`); pairs equal after
 * normalisation (ar and en) to a free entry already stored, or to each other, are stored once and counted
 * in `occurrences`. All or nothing: pairs are first staged in tm_import_rows with their index terms
 * (invisible to every reader, several batches), then published by ONE batch — one transaction — that bumps
 * occurrences, inserts the new entries, indexes them set-based (the row in tm_bulk holds the per-row
 * trigger back meanwhile) and clears the stage. If publishing fails nothing is visible and
 * the stage is removed; an upload that dies midway leaves a stage no reader sees, removed a day later.
 */
export async function importPairs(db: Db, pairs: readonly TmPair[]): Promise<ImportResult> {
  const { timing: _, ...result } = await importPairBatches(db, [pairs]);
  return result;
}

/**
 * `importPairs` over pairs that arrive in batches, e.g. from a streaming reader: each batch is staged as
 * soon as it arrives, so only one batch is in memory; publishing waits for the last. If `batches` throws
 * (a parse error halfway through a file, a body over the limit), or anything else fails, the stage rows
 * written so far are deleted and the error is rethrown: nothing of the input becomes visible.
 */
export async function importPairBatches(
  db: Db,
  batches: AsyncIterable<readonly TmPair[]> | Iterable<readonly TmPair[]>,
): Promise<ImportResult & { timing: ImportTiming }> {
  const importId = crypto.randomUUID();
  const t0 = performance.now();
  let skipped = 0;
  const skips: PairSkip[] = [];
  let staged = 0;
  let stageSqlMs = 0;
  const stageBatch = async (statements: Statement[]) => {
    for (const r of await runBatch(db, statements)) stageSqlMs += r.meta?.duration ?? 0;
  };
  const stage = async (pairs: readonly TmPair[]) => {
    let pending: Statement[] = [];
    for (let from = 0; from < pairs.length; from += STAGE_PAIRS) {
      const rows: unknown[] = [];
      for (let k = from; k < Math.min(pairs.length, from + STAGE_PAIRS); k++) {
        const p = pairs[k]!;
        const arNorm = normalizeForSearch(p.ar);
        const enNorm = normalizeForSearch(p.en);
        if (arNorm === "" || enNorm === "") {
          skipped++;
          if (skips.length < MAX_STAGE_SKIPS) {
            const side = arNorm === "" ? "Arabic" : "English";
            const codes = (arNorm === "" ? p.arCodes : p.enCodes)?.length ?? 0;
            const what = codes > 0 ? "inline codes only: not memory" : "nothing to match once normalised";
            skips.push({
              tu: p.tu ?? null,
              tuid: p.tuid ?? null,
              reason: `the ${side} has no text (${what})`,
            });
          }
          continue;
        }
        // The index terms as the triggers would compute them (same token model: src/text/fuzzy.ts).
        const ar = indexProfile(arNorm);
        const en = indexProfile(enNorm);
        rows.push([
          staged++,
          p.ar,
          p.en,
          arNorm,
          enNorm,
          ar.terms,
          en.terms,
          ar.words,
          en.words,
          codesColumn(p.arCodes),
          codesColumn(p.enCodes),
          pairKeyColumn(p.ar),
          pairKeyColumn(p.en),
        ]);
      }
      for (const chunk of chunkJson(rows)) {
        pending.push(
          sql`INSERT INTO tm_import_rows (import_id, seq, ar, en, ar_norm, en_norm, ar_terms, en_terms, ar_len, en_len,
              ar_codes, en_codes, ar_key, en_key)
            SELECT ${importId}, value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]',
              value ->> '$[4]', value -> '$[5]', value -> '$[6]', value ->> '$[7]', value ->> '$[8]',
              value ->> '$[9]', value ->> '$[10]', value ->> '$[11]', value ->> '$[12]'
            FROM json_each(${chunk})`,
        );
        if (pending.length >= STAGE_STATEMENTS_PER_BATCH) {
          await stageBatch(pending);
          pending = [];
        }
      }
    }
    await stageBatch(pending);
  };
  try {
    await runBatch(db, [
      sql`DELETE FROM tm_import_rows WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ','now', ${STAGE_TTL})`,
    ]);
    // One batch is staged while the next is read and parsed (two in memory at most): D1's writes and the
    // isolate's parsing overlap. Rows are numbered synchronously at the start of each stage call, in order.
    let staging: Promise<void> | null = null;
    try {
      for await (const batch of batches) {
        if (staging !== null) await staging;
        staging = stage(batch);
        staging.catch(() => undefined); // awaited below or before the next batch; not unhandled meanwhile
      }
      if (staging !== null) await staging;
    } catch (err) {
      // Settle the staging in flight before the stage rows are deleted below, or it could write after.
      await staging?.catch(() => undefined);
      throw err;
    }
    const stageMs = performance.now() - t0;
    if (staged === 0)
      return {
        imported: 0,
        duplicates: 0,
        skipped,
        skips,
        timing: { stageMs, stageSqlMs, publishMs: 0, publishSqlMs: 0, publishMaxSqlMs: 0 },
      };
    // Within the file, the first of equal pairs (lowest seq) is the one stored: bare columns of an
    // aggregate query with min() come from the row holding the minimum.
    const newRows = sql`FROM segments AS s
      JOIN tm_import_rows AS r ON r.import_id = ${importId} AND r.seq = s.position`;
    const firstNew = sql`(SELECT first_id FROM tm_bulk WHERE import_id = ${importId})`;
    const indexNew = (lang: Lang): Statement[] => {
      const terms = lang === "ar" ? sql`r.ar_terms` : sql`r.en_terms`;
      const len = lang === "ar" ? sql`r.ar_len` : sql`r.en_len`;
      return [
        sql`INSERT INTO tm_tokens (lang, token, df)
          SELECT ${lang}, j.value, count(*) ${newRows}, json_each(${terms}) AS j
          WHERE s.id >= ${firstNew} AND s.document_id IS NULL GROUP BY j.value
          ON CONFLICT (lang, token) DO UPDATE SET df = df + excluded.df`,
        // In key order: each postings page is written once instead of once per segment. CROSS JOIN pins
        // the loop order: left to itself, D1's planner scanned all of a language's terms per segment.
        sql`INSERT INTO tm_postings (token_id, segment_id, len, paired)
          SELECT k.id, s.id, ${len}, 1 ${newRows} CROSS JOIN json_each(${terms}) AS j
          CROSS JOIN tm_tokens AS k ON k.lang = ${lang} AND k.token = j.value
          WHERE s.id >= ${firstNew} AND s.document_id IS NULL ORDER BY k.id, s.id`,
      ];
    };
    // Groups of the file's pairs that are one pair: equal keys (which imply equal normalised texts, so
    // the ar_norm index finds the stored entry) and the same inline codes (a pair whose codes differ is
    // another pair: merging it would lose them). Then the free entry each group is already stored as.
    const groups = sql`(SELECT min(seq) AS seq, ar, en, ar_norm, en_norm, ar_key, en_key, count(*) AS n,
        ar_codes, en_codes, coalesce(ar_key, ar) AS ak, coalesce(en_key, en) AS ek,
        coalesce(ar_codes, '') AS ac, coalesce(en_codes, '') AS ec
      FROM tm_import_rows WHERE import_id = ${importId}
      GROUP BY ar_norm, en_norm, coalesce(ar_key, ar), coalesce(en_key, en), coalesce(ar_codes, ''),
        coalesce(en_codes, ''))`;
    const stored = (s: SQL) => sql`${s}.ar_norm = g.ar_norm AND ${s}.en_norm = g.en_norm
      AND ${s}.document_id IS NULL AND coalesce(${s}.ar_key, ${s}.ar) = g.ak AND coalesce(${s}.en_key, ${s}.en) = g.ek
      AND coalesce(${s}.ar_codes, '') = g.ac AND coalesce(${s}.en_codes, '') = g.ec`;
    const t1 = performance.now();
    const res = await runBatch(db, [
      // How many entries the INSERT below adds (its meta.changes also counts the triggers' index rows).
      sql`SELECT count(*) AS n FROM ${groups} AS g
        WHERE NOT EXISTS (SELECT 1 FROM segments AS s WHERE ${stored(sql`s`)})`,
      // A pair's occurrences are the most times it occurred in one file: the same file imported again, or
      // another holding it, changes nothing (issue 12: a second import inflated the counts).
      sql`UPDATE segments SET occurrences = g.n, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
        FROM ${groups} AS g
        WHERE ${stored(sql`segments`)} AND g.n > segments.occurrences`,
      // New ids are above every id ever used (AUTOINCREMENT), so `id >= first_id` is exactly this import.
      sql`INSERT INTO tm_bulk (import_id, first_id)
        VALUES (${importId}, (SELECT coalesce(max(id), 0) + 1 FROM segments))`,
      // The first pair of a group gives the text (SQLite: bare columns come from the min() row).
      sql`INSERT INTO segments (document_id, position, ar, en, status, origin, ar_norm, en_norm, occurrences,
          ar_codes, en_codes, ar_key, en_key)
        SELECT NULL, seq, ar, en, 'translated', 'tmx', ar_norm, en_norm, n, ar_codes, en_codes, ar_key, en_key
        FROM ${groups} AS g
        WHERE NOT EXISTS (SELECT 1 FROM segments AS s WHERE ${stored(sql`s`)})
        ORDER BY seq`,
      ...indexNew("ar"),
      ...indexNew("en"),
      sql`DELETE FROM tm_bulk WHERE import_id = ${importId}`,
      sql`DELETE FROM tm_import_rows WHERE import_id = ${importId}`,
    ]);
    const publishMs = performance.now() - t1;
    const durations = res.map((r) => r.meta?.duration ?? 0);
    const publishSqlMs = durations.reduce((sum, d) => sum + d, 0);
    const imported = Number(res[0]?.results[0]?.n ?? 0);
    return {
      imported,
      duplicates: staged - imported,
      skipped,
      skips,
      timing: {
        stageMs,
        stageSqlMs,
        publishMs,
        publishSqlMs,
        publishMaxSqlMs: Math.max(...durations),
      },
    };
  } catch (err) {
    await runBatch(db, [sql`DELETE FROM tm_import_rows WHERE import_id = ${importId}`]).catch(
      () => undefined,
    );
    throw err;
  }
}

// ---------------------------------------------------------------------------------------- TMX export

export interface ExportRow {
  id: number;
  position: number;
  ar: string;
  en: string;
  /** Inline codes as stored (JSON text, NULL for none). */
  arCodes: string | null;
  enCodes: string | null;
  status: SegmentStatus;
  updatedAt: string;
}

/** Rows per keyset page of a TMX export: a few MB of text per D1 query at most. */
export const EXPORT_PAGE_ROWS = 2_000;

/**
 * Pairs (segments with English) for a TMX export, page by page: the whole memory in id order, or one
 * document's segments in position order. Throws not-found for a missing document before streaming starts.
 */
export async function* exportPairs(
  db: Db,
  documentId: number | null,
  pageRows = EXPORT_PAGE_ROWS,
): AsyncGenerator<ExportRow> {
  let after = -1;
  for (;;) {
    const rows = await all<ExportRow>(
      db,
      documentId === null
        ? sql`SELECT id, position, ar, en, status, updated_at AS updatedAt, ar_codes AS arCodes,
              en_codes AS enCodes FROM segments
            WHERE id > ${after} AND en IS NOT NULL ORDER BY id LIMIT ${pageRows}`
        : sql`SELECT id, position, ar, en, status, updated_at AS updatedAt, ar_codes AS arCodes,
              en_codes AS enCodes FROM segments
            WHERE document_id = ${documentId} AND position > ${after} AND en IS NOT NULL
            ORDER BY position LIMIT ${pageRows}`,
    );
    // Code-only segments (a tag between sentences in an imported XLIFF) are kept but are not memory.
    for (const r of rows) if (r.ar.trim() !== "" && r.en.trim() !== "") yield r;
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1] as ExportRow;
    after = documentId === null ? last.id : last.position;
  }
}
