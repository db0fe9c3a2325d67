/**
 * Bead operations on a document's segments (merge, split, move a sentence, unpair, re-align a run), status
 * changes over a run, and undo. Each reads the run it changes, computes the replacement with the pure
 * engine (src/text/bead-edit.ts: both languages' running texts stay exactly the same), and writes it with
 * `replaceRun`: one transaction, guarded by the document version the caller saw (412 when stale), with a
 * history row that an undo replays backwards. Called by the API routes and the web pages alike.
 */
import {
  type DocumentRow,
  getHistoryEntry,
  markUndone,
  notUndone,
  type ReplacementRow,
  type RunResult,
  readAround,
  readBetween,
  readRun,
  replaceRun,
  sameContent,
} from "../db/document-runs";
import { glossaryIndex } from "../db/matcher";
import { memoryLexicon } from "../db/memory-lexicon";
import { badRequest, DomainError, ErrorCode } from "../errors";
import {
  type Bead,
  isEmpty,
  mergeBeads,
  moveSentence as moveSentenceOf,
  runningText,
  type SplitPoint,
  splitBead,
  splitOffset,
} from "../text/bead-edit";
import { alignRun } from "../text/bead-segments";
import type { Lang, SegmentStatus } from "../types";
import type { UseCaseContext } from "./context";
import { scheduleTmIndexSync } from "./memory-index";

/** Longest run a re-alignment or a status change takes in one request (history keeps both runs). */
export const MAX_RUN = 2_000;

const beadOf = (r: DocumentRow): Bead => ({
  ar: { text: r.ar, gap: r.ar === "" ? "" : r.arGap },
  en: { text: r.en ?? "", gap: r.en ? r.enGap : "" },
});

/**
 * The row a bead becomes. A bead whose structure a person changed is theirs: no aligner score, status
 * `translated` when both sides have text (else `new`), set by them now; approval is a separate step.
 */
function rowOf(
  bead: Bead,
  id: number | null,
  base: DocumentRow,
  ctx: UseCaseContext,
  now: string,
): ReplacementRow {
  const both = !isEmpty(bead.ar) && !isEmpty(bead.en);
  return {
    id,
    ar: bead.ar.text,
    en: isEmpty(bead.en) ? null : bead.en.text,
    arGap: bead.ar.gap,
    enGap: bead.en.gap,
    status: both ? "translated" : "new",
    statusBy: ctx.actor,
    statusAt: now,
    origin: base.origin,
    score: null,
    // Only segments without inline codes reach here (withoutCodes); a new segment has no XLIFF origin.
    arCodes: null,
    enCodes: null,
    xliff: id === null ? null : base.xliff,
  };
}

const hasCodes = (codes: string | null) => codes !== null && codes !== "[]";

/**
 * Bead operations cut and join plain texts; inline codes anchored in them would be misplaced, so segments
 * that carry codes are refused (nothing changes) until the operations move codes with their text.
 */
function withoutCodes(rows: readonly DocumentRow[]): void {
  const coded = rows.find((r) => hasCodes(r.arCodes) || hasCodes(r.enCodes));
  if (coded)
    throw badRequest("segments with inline codes cannot be merged, split or moved yet", [
      { field: "segment", message: `segment ${coded.id} carries inline codes (from XLIFF or TMX)` },
    ]);
}

const nonEmpty = (b: Bead) => !isEmpty(b.ar) || !isEmpty(b.en);

async function apply(
  ctx: UseCaseContext,
  documentId: number,
  expectedVersion: number,
  old: DocumentRow[],
  next: ReplacementRow[],
  op: string,
  detail: unknown,
  extra: Pick<Parameters<typeof replaceRun>[1], "guards" | "after"> = {},
): Promise<RunResult> {
  const result = await replaceRun(ctx.db, {
    documentId,
    expectedVersion,
    old,
    next,
    op,
    actor: ctx.actor,
    detail,
    ...extra,
  });
  scheduleTmIndexSync(ctx);
  return result;
}

/** Merges a segment with the next one: both languages joined, the first segment's id kept. */
export async function mergeSegments(
  ctx: UseCaseContext,
  documentId: number,
  segmentId: number,
  expectedVersion: number,
): Promise<RunResult> {
  const { rows, index } = await readAround(ctx.db, documentId, segmentId, 0, 1);
  const a = rows[index] as DocumentRow;
  const b = rows[index + 1];
  if (!b)
    throw badRequest("nothing to merge with", [
      { field: "segment", message: `segment ${segmentId} is the last of its document` },
    ]);
  withoutCodes([a, b]);
  const merged = rowOf(mergeBeads(beadOf(a), beadOf(b)), a.id, a, ctx, new Date().toISOString());
  return apply(ctx, documentId, expectedVersion, [a, b], [merged], "merge", { segment: a.id, next: b.id });
}

/**
 * Splits a segment in two at a point of each language (before a sentence, or at a UTF-16 offset); a
 * language without a point stays whole in the first segment. Neither segment may be left without text.
 */
export async function splitSegment(
  ctx: UseCaseContext,
  documentId: number,
  segmentId: number,
  points: { ar?: SplitPoint | undefined; en?: SplitPoint | undefined },
  expectedVersion: number,
): Promise<RunResult> {
  const { rows, index } = await readAround(ctx.db, documentId, segmentId, 0, 0);
  const row = rows[index] as DocumentRow;
  withoutCodes([row]);
  const bead = beadOf(row);
  const offsets: Record<Lang, number> = { ar: bead.ar.text.length, en: bead.en.text.length };
  for (const lang of ["ar", "en"] as const) {
    const point = points[lang];
    if (!point) continue;
    const at = splitOffset(bead[lang].text, lang, point);
    if (typeof at === "string")
      throw badRequest("the split point is not in the text", [{ field: lang, message: at }]);
    offsets[lang] = at;
  }
  const parts = splitBead(bead, offsets.ar, offsets.en);
  if (!parts.every(nonEmpty))
    throw badRequest("the split would leave a segment without text", [
      {
        field: points.ar ? "ar" : "en",
        message: "split between sentences so that both parts keep some text",
      },
    ]);
  const now = new Date().toISOString();
  return apply(
    ctx,
    documentId,
    expectedVersion,
    [row],
    [rowOf(parts[0], row.id, row, ctx, now), rowOf(parts[1], null, row, ctx, now)],
    "split",
    { segment: row.id, ar: points.ar ?? null, en: points.en ?? null },
  );
}

/**
 * Moves the first sentence of one language of a segment to the end of the previous segment, or its last
 * sentence to the start of the next: the alignment shifts by one sentence. A segment left without text in
 * either language is removed.
 */
export async function moveSentence(
  ctx: UseCaseContext,
  documentId: number,
  segmentId: number,
  lang: Lang,
  which: "first" | "last",
  expectedVersion: number,
): Promise<RunResult> {
  const first = which === "first";
  const { rows, index } = await readAround(ctx.db, documentId, segmentId, first ? 1 : 0, first ? 0 : 1);
  const row = rows[index] as DocumentRow;
  const neighbour = rows[first ? index - 1 : index + 1];
  if (!neighbour)
    throw badRequest("no neighbouring segment", [
      {
        field: "sentence",
        message: `segment ${segmentId} is the ${first ? "first" : "last"} of its document: its ${which} sentence has nowhere to go`,
      },
    ]);
  withoutCodes([row, neighbour]);
  const moved = moveSentenceOf(beadOf(row), beadOf(neighbour), lang, which);
  if (typeof moved === "string") throw badRequest("nothing to move", [{ field: "lang", message: moved }]);
  const old = first ? [neighbour, row] : [row, neighbour];
  const now = new Date().toISOString();
  const next = moved.flatMap((b, i) => {
    const base = old[i] as DocumentRow;
    return nonEmpty(b) ? [rowOf(b, base.id, base, ctx, now)] : [];
  });
  return apply(ctx, documentId, expectedVersion, old, next, "move", {
    segment: row.id,
    lang,
    sentence: which,
  });
}

/**
 * Gives each language of a segment an empty counterpart: the Arabic stays, marked untranslated, and the
 * English becomes a segment of its own right after it (an addition of the translation), ready to be moved
 * or merged where it belongs. Both sides need text.
 */
export async function unpairSegment(
  ctx: UseCaseContext,
  documentId: number,
  segmentId: number,
  expectedVersion: number,
): Promise<RunResult> {
  const { rows, index } = await readAround(ctx.db, documentId, segmentId, 0, 0);
  const row = rows[index] as DocumentRow;
  withoutCodes([row]);
  const bead = beadOf(row);
  if (isEmpty(bead.ar) || isEmpty(bead.en))
    throw badRequest("nothing to unpair", [
      { field: "segment", message: `segment ${segmentId} already has an empty side` },
    ]);
  const now = new Date().toISOString();
  const empty = { text: "", gap: "" };
  return apply(
    ctx,
    documentId,
    expectedVersion,
    [row],
    [
      rowOf({ ar: bead.ar, en: empty }, row.id, row, ctx, now),
      rowOf({ ar: empty, en: bead.en }, null, row, ctx, now),
    ],
    "unpair",
    { segment: row.id },
  );
}

function checkRunLength(rows: DocumentRow[]): void {
  if (rows.length > MAX_RUN)
    throw badRequest("run too long", [
      { field: "to", message: `${rows.length} segments; at most ${MAX_RUN} in one request` },
    ]);
}

/**
 * Re-aligns the segments from one to another (inclusive) automatically: their running texts are segmented
 * into sentences and aligned again (glossary terms, paragraph breaks and the memory's lexicon as anchors); the new beads replace
 * the run, keeping its ids in order where the count allows, with the aligner's scores and statuses.
 */
export async function realignRun(
  ctx: UseCaseContext,
  documentId: number,
  fromId: number,
  toId: number,
  expectedVersion: number,
): Promise<RunResult> {
  const old = await readBetween(ctx.db, documentId, fromId, toId);
  checkRunLength(old);
  withoutCodes(old);
  const beads = old.map(beadOf);
  const [{ matcher }, { lexicon }] = await Promise.all([glossaryIndex(ctx.db), memoryLexicon(ctx.db)]);
  const { segments } = alignRun(runningText(beads, "ar"), runningText(beads, "en"), {
    matcher,
    lexicon,
    keepLeading: true,
  });
  const now = new Date().toISOString();
  const next = segments.map((s, i): ReplacementRow => {
    const base = old[Math.min(i, old.length - 1)] as DocumentRow;
    return {
      ...rowOf(s, old[i]?.id ?? null, base, ctx, now),
      status: s.status,
      score: isEmpty(s.ar) || isEmpty(s.en) ? null : s.score,
      origin: "aligned",
    };
  });
  return apply(ctx, documentId, expectedVersion, old, next, "realign", { from: fromId, to: toId });
}

export interface StatusResult extends RunResult {
  /** Segments whose status changed. */
  changed: number[];
  /** Segments left as they were, and why. */
  skipped: { id: number; reason: string }[];
}

/**
 * Sets the workflow status of every segment from one to another (inclusive), recording who and when. A
 * segment without both languages can only be `new`; such segments, and those already at the status, are
 * left as they are and listed.
 */
export async function setStatusOfRun(
  ctx: UseCaseContext,
  documentId: number,
  fromId: number,
  toId: number,
  status: SegmentStatus,
  expectedVersion: number,
): Promise<StatusResult> {
  const old = await readBetween(ctx.db, documentId, fromId, toId);
  checkRunLength(old);
  const now = new Date().toISOString();
  const changed: number[] = [];
  const skipped: { id: number; reason: string }[] = [];
  const next = old.map((r): ReplacementRow => {
    const { id: _id, position: _p, version: _v, ...rest } = r;
    if (r.status === status) skipped.push({ id: r.id, reason: `already ${status}` });
    else if (status !== "new" && (!r.ar || !r.en))
      skipped.push({ id: r.id, reason: `no ${r.ar ? "English" : "Arabic"}: only status new is possible` });
    else {
      changed.push(r.id);
      return { ...rest, id: r.id, status, statusBy: ctx.actor, statusAt: now };
    }
    return { ...rest, id: r.id };
  });
  const result = await apply(ctx, documentId, expectedVersion, old, next, "status", {
    from: fromId,
    to: toId,
    status,
    changed: changed.length,
  });
  return { ...result, changed, skipped };
}

/**
 * Undoes an operation of the history: the run it wrote, if still as it left it (the same segments holding
 * the same texts, statuses and the rest), is replaced by the run it replaced (deleted segments come back
 * under their ids). An undo is itself an operation (undo it to redo). When later operations or edits
 * changed that run, nothing is written (409): undoing would overwrite them; undo them first. Contents, not
 * versions, are compared: an undone later operation leaves the run as this one left it, at higher versions.
 */
export async function undoOperation(
  ctx: UseCaseContext,
  documentId: number,
  historyId: number,
  expectedVersion: number,
): Promise<RunResult> {
  const entry = await getHistoryEntry(ctx.db, documentId, historyId);
  const conflict = (why: string) =>
    new DomainError(ErrorCode.ConcurrentEdit, `cannot undo operation ${historyId}: ${why}`);
  if (entry.undoneBy !== null) throw conflict(`it was undone by operation ${entry.undoneBy}`);
  const firstAfter = entry.after[0];
  if (!firstAfter) throw conflict("it wrote no segments");
  const located = await readAround(ctx.db, documentId, firstAfter.id, 0, 0).catch(() => null);
  const current = located
    ? await readRun(
        ctx.db,
        documentId,
        (located.rows[located.index] as DocumentRow).position,
        entry.after.length,
      )
    : [];
  const unchanged =
    current.length === entry.after.length &&
    current.every((r, i) => {
      const left = entry.after[i];
      return left !== undefined && r.id === left.id && sameContent(r, left);
    });
  if (!unchanged) throw conflict("its segments changed since; undo the later operations on them first");
  const next = entry.before.map(
    ({ position: _p, version, ...rest }): ReplacementRow => ({
      ...rest,
      restoreVersion: version + 1,
    }),
  );
  return apply(
    ctx,
    documentId,
    expectedVersion,
    current,
    next,
    "undo",
    { undid: historyId, op: entry.op },
    {
      guards: [notUndone(historyId)],
      after: [markUndone(documentId, historyId)],
    },
  );
}
