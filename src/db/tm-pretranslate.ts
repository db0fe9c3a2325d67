/**
 * Pre-translation of a document from the memory (matches of tm-match.ts recorded per segment, a 100%
 * match's English filled in) and the recorded matches XLIFF export offers.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../env";
import { normalizeForSearch } from "../text/normalize";
import { runBatch, type Statement, turnOfEventLoop } from "./batch";
import { requireDocument } from "./documents";
import { chunkJson } from "./json-chunks";
import { all } from "./tm";
import { matchMany, type TmMatch } from "./tm-match";

/** Matches recorded per segment by pre-translation (what XLIFF export offers as alternatives). */
export const STORED_MATCHES = 3;
/**
 * Segments pre-translated per step: their matches are read, then their results written in one batch (the
 * fills of one step are in the memory the next step reads).
 */
export const PRETRANSLATE_CHUNK = 250;
/**
 * Segments per matchMany call within a step, with a turn of the event loop before each call: one long job
 * must not hold the Worker (issue 16.7: 1,800 segments kept every other request waiting for their whole
 * 24 s). Queries of one matchMany call do not influence each other, so slicing a step's reads changes no
 * result; only a step's writes are seen by later steps, and steps keep their size.
 */
export const PRETRANSLATE_SLICE = 25;

export interface PretranslateResult {
  /** Segments without English that received a 100% match's translation. */
  filled: number;
  /** Segments without English left empty but with at least one match ≥ minScore recorded. */
  matched: number;
  /** Segments without English and without any match ≥ minScore. */
  unmatched: number;
}

/**
 * Pre-translates a document: every segment without English gets its best matches (≥ minScore, at most
 * STORED_MATCHES) recorded in segment_matches, and a 100% match's English when there is one (status
 * `translated`, origin `tm`, score 100). A segment that has English is never touched — the UPDATE itself
 * requires `en IS NULL`, so a translation saved meanwhile is not overwritten either — and no segment
 * matches itself.
 */
export async function pretranslate(
  db: Db,
  documentId: number,
  minScore: number,
  /** Segments per matchMany call (a test compares slicings: the results must not depend on it). */
  slice = PRETRANSLATE_SLICE,
): Promise<PretranslateResult> {
  await requireDocument(db, documentId);
  const todo = await all<{ id: number; ar: string; arNorm: string }>(
    db,
    // Code-only segments (empty ar_norm) are not translated from memory: the memory holds none.
    sql`SELECT id, ar, ar_norm AS arNorm FROM segments
      WHERE document_id = ${documentId} AND en IS NULL AND ar_norm <> '' ORDER BY position`,
  );
  const result: PretranslateResult = { filled: 0, matched: 0, unmatched: 0 };
  for (let from = 0; from < todo.length; from += PRETRANSLATE_CHUNK) {
    const part = todo.slice(from, from + PRETRANSLATE_CHUNK);
    const found: TmMatch[][] = [];
    for (let k = 0; k < part.length; k += slice) {
      await turnOfEventLoop();
      found.push(
        ...(await matchMany(
          db,
          part.slice(k, k + slice).map((s) => ({ text: s.ar, norm: s.arNorm, excludeId: s.id })),
          "ar",
          minScore,
          STORED_MATCHES,
          { cap: PRETRANSLATE_CAP, guaranteed: 1 },
        )),
      );
    }
    const stored: unknown[] = [];
    const fills: unknown[] = [];
    part.forEach((s, k) => {
      const matches = found[k] ?? [];
      matches.forEach((m, rank) => {
        stored.push([s.id, rank, m.segmentId, m.score, m.ar, m.en, matchOrigin(m)]);
      });
      const best = matches[0];
      if (best && best.score === 100)
        fills.push([s.id, best.en, normalizeForSearch(best.en), best.segmentId]);
      else if (best) result.matched++;
      else result.unmatched++;
    });
    const ids = JSON.stringify(part.map((s) => s.id));
    const statements: Statement[] = [
      sql`DELETE FROM segment_matches WHERE segment_id IN (SELECT value FROM json_each(${ids}))`,
    ];
    for (const chunk of chunkJson(stored)) {
      statements.push(
        sql`INSERT INTO segment_matches (segment_id, rank, source_segment_id, score, ar, en, origin)
          SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]',
            value ->> '$[5]', value ->> '$[6]' FROM json_each(${chunk})`,
      );
    }
    const fillStart = statements.length;
    for (const chunk of chunkJson(fills)) {
      statements.push(
        // The match's English codes come along when its Arabic carries the same codes as this segment's
        // (same JSON); otherwise the English comes without codes and QA says which are missing.
        sql`UPDATE segments SET en = j.value ->> '$[1]', en_norm = j.value ->> '$[2]', status = 'translated',
            en_codes = (SELECT m.en_codes FROM segments AS m
              WHERE m.id = j.value ->> '$[3]' AND m.ar_codes IS segments.ar_codes),
            origin = 'tm', score = 100, version = segments.version + 1,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
          FROM json_each(${chunk}) AS j
          WHERE segments.id = j.value ->> '$[0]' AND segments.en IS NULL
          RETURNING segments.id`,
      );
    }
    const res = await runBatch(db, statements);
    let filled = 0;
    // Rows returned, not meta.changes: that also counts the index rows the triggers wrote.
    for (let k = fillStart; k < res.length; k++) filled += res[k]?.results.length ?? 0;
    result.filled += filled;
    // A segment translated by someone between our read and the update keeps its translation; it had a
    // match recorded all the same.
    result.matched += fills.length - filled;
  }
  return result;
}

/** Candidates verified per segment in pre-translation (smaller than interactively: many queries at once). */
const PRETRANSLATE_CAP = 60;

/** What the XLIFF export names as a match's origin: the memory and where the pair came from. */
function matchOrigin(m: TmMatch): string {
  return m.documentId === null ? `diwan-tm/${m.origin}` : `diwan-tm/document-${m.documentId}`;
}

/**
 * The matches pre-translation recorded for these segments, best first (for XLIFF `alt-trans` /
 * `mtc:matches`). Segments without recorded matches are absent from the map.
 */
export async function storedMatches(
  db: Db,
  segmentIds: number[],
): Promise<Map<number, { ar: string; en: string; score: number; origin: string }[]>> {
  const out = new Map<number, { ar: string; en: string; score: number; origin: string }[]>();
  for (const chunk of chunkJson(segmentIds)) {
    const rows = await all<{ segmentId: number; ar: string; en: string; score: number; origin: string }>(
      db,
      sql`SELECT segment_id AS segmentId, ar, en, score, origin FROM segment_matches
        WHERE segment_id IN (SELECT value FROM json_each(${chunk})) ORDER BY segment_id, rank`,
    );
    for (const r of rows) {
      let list = out.get(r.segmentId);
      if (!list) {
        list = [];
        out.set(r.segmentId, list);
      }
      list.push({ ar: r.ar, en: r.en, score: r.score, origin: r.origin });
    }
  }
  return out;
}
