/**
 * Bead operations posted from the review page (toolbar, row menu, keys) and the segment page (split and the
 * rest without script): merge, split, move a sentence, unpair, re-align a run, approve a run, undo / redo.
 * Each goes through the use case (src/usecases/document-beads.ts) against the document version the page
 * showed: when the document changed since, the use case refuses (nothing written) and the page says so,
 * showing the document as it is now.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { getHistoryEntry, type RunResult } from "../../db/document-runs";
import { getSegment } from "../../db/documents";
import type { SplitPoint } from "../../text/bead-edit";
import {
  mergeSegments,
  moveSentence,
  realignRun,
  setStatusOfRun,
  splitSegment,
  undoOperation,
  unpairSegment,
} from "../../usecases/document-beads";
import type { WebContext } from "../page";
import { str } from "../page";
import { isStale, useCaseContext } from "./context";
import { reviewText } from "./messages";
import { BEAD_OPS } from "./review-parts";
import { loadDocument } from "./routes";

export type BeadOp = (typeof BEAD_OPS)[number][0] | "split" | "undo-op";
const OPS = new Set<string>([...BEAD_OPS.map(([op]) => op), "split"]);

export interface Problem {
  title: string;
  text: string;
  detail?: string | undefined;
}

/** How the review page reports the outcome: a redirect after success, the page with a problem otherwise. */
export interface BeadOutcome {
  done?: { op: string; historyId: number; segmentId: number; position: number; count: number };
  problem?: Problem;
  status?: ContentfulStatusCode;
}

/** The operation a form's `action` names (a toolbar's `pick:<toolbar>` reads that toolbar's list). */
export function beadOpOf(
  action: string,
  body: Record<string, unknown>,
): { op: BeadOp; history?: number } | null {
  const undo = /^undo-op:([0-9]{1,15})$/.exec(action);
  if (undo) return { op: "undo-op", history: Number(undo[1]) };
  const pick = /^pick:(toolbar|toolbar-end)$/.exec(action);
  const op = pick ? str(body[`op_${pick[1]}`]) : action;
  return OPS.has(op) ? { op: op as BeadOp } : null;
}

const idOf = (v: string) => {
  const m = /^([0-9]{1,15})(?::[0-9]{1,9})?$/.exec(v);
  return m ? Number(m[1]) : null;
};

/** A split point of one language from the form: an offset typed, else a sentence chosen, else none. */
function pointOf(body: Record<string, unknown>, lang: "ar" | "en"): SplitPoint | undefined {
  const offset = str(body[`${lang}_offset`]).trim();
  if (/^[0-9]{1,7}$/.test(offset)) return { offset: Number(offset) };
  const sentence = /^s([0-9]{1,5})$/.exec(str(body[`${lang}_point`]));
  return sentence ? { sentence: Number(sentence[1]) } : undefined;
}

export async function runBeadOp(
  c: WebContext,
  docId: number,
  body: Record<string, unknown>,
  picked: { op: BeadOp; history?: number },
  ticked: string[],
): Promise<BeadOutcome> {
  const t = c.var.i18n.t(reviewText);
  const { op } = picked;
  const version = /^[0-9]{1,9}$/.test(str(body.v)) ? Number(str(body.v)) : -1;
  const only = idOf(str(body.only));
  const ids = ticked.map(idOf).filter((x): x is number => x !== null);
  const refuse = (text: string, detail?: string): BeadOutcome => ({
    problem: { title: t.refusedTitle, text, detail },
    status: 400,
  });
  const single = only ?? (ids.length === 1 ? ids[0] : undefined);
  const ranged = op === "realign" || op === "approve-range";
  if (op !== "undo-op" && !ranged && single === undefined) return refuse(t.pickOne);
  const [from, to] = ids.length ? [ids[0] as number, ids[ids.length - 1] as number] : [only, only];
  if (ranged && (from === null || to === null || from === undefined || to === undefined))
    return refuse(t.pickRun);
  const ctx = useCaseContext(c);
  const target = single as number;
  try {
    let result: RunResult;
    let count = 0;
    if (op === "merge") result = await mergeSegments(ctx, docId, target, version);
    else if (op === "unpair") result = await unpairSegment(ctx, docId, target, version);
    else if (op === "split") {
      const points = { ar: pointOf(body, "ar"), en: pointOf(body, "en") };
      if (!points.ar && !points.en) return refuse(t.refused_split);
      result = await splitSegment(ctx, docId, target, points, version);
    } else if (op.startsWith("move-")) {
      const [, lang, which] = op.split("-") as [string, "ar" | "en", "first" | "last"];
      result = await moveSentence(ctx, docId, target, lang, which, version);
    } else if (op === "realign") result = await realignRun(ctx, docId, from as number, to as number, version);
    else if (op === "approve-range") {
      const r = await setStatusOfRun(ctx, docId, from as number, to as number, "approved", version);
      count = r.changed.length;
      result = r;
    } else result = await undoOperation(ctx, docId, picked.history as number, version);
    const first = result.rows[0];
    return {
      done: {
        op:
          op === "undo-op"
            ? "undo"
            : op.startsWith("move-")
              ? "move"
              : op === "approve-range"
                ? "status"
                : op,
        historyId: result.historyId,
        segmentId: first?.id ?? target,
        position: first?.position ?? 0,
        count: op === "approve-range" ? count : result.rows.length,
      },
    };
  } catch (err) {
    // An undo refused because its segments changed since (a colleague's edit it would overwrite) says so,
    // whatever else moved on: the page then shows the segments as they are now.
    if (op === "undo-op" && (err as { code?: unknown }).code === "concurrent-edit")
      return undoRefused(c, docId, picked.history as number, err as { detail?: unknown });
    // A page loaded before someone else's operation may name a segment that operation removed: whatever
    // the error, a document that moved on since the page was loaded is the reason to give.
    const moved = isStale(err) || (await loadDocument(c, docId)).version !== version;
    if (moved) {
      const doc = await loadDocument(c, docId);
      return {
        problem: { title: t.docStaleTitle, text: t.docStale(version, doc.version) },
        status: 409,
      };
    }
    const e = err as { code?: unknown; detail?: unknown; errors?: { message: string }[] };
    if (typeof e.code !== "string" || typeof e.detail !== "string") throw err;
    const detail = [e.detail, ...(e.errors ?? []).map((x) => x.message)].join(": ");
    if (e.code === "concurrent-edit") return { ...refuse(t.refused_undo, detail), status: 409 };
    if (/inline codes/.test(detail)) return refuse(t.refused_codes, detail);
    const text =
      op === "merge"
        ? t.refused_merge
        : op === "unpair"
          ? t.refused_unpair
          : op === "split"
            ? t.refused_split
            : op.startsWith("move-")
              ? t.refused_move
              : t.refused_other;
    return { ...refuse(text, detail), status: e.code === "not-found" ? 404 : 400 };
  }
}

/**
 * Why an undo was refused: an edit of one segment names it (someone changed it after the edit: undoing
 * would overwrite their change); other operations, their segments changed since.
 */
async function undoRefused(
  c: WebContext,
  docId: number,
  historyId: number,
  err: { detail?: unknown },
): Promise<BeadOutcome> {
  const t = c.var.i18n.t(reviewText);
  const detail = typeof err.detail === "string" ? err.detail : undefined;
  const entry = await getHistoryEntry(c.var.db, docId, historyId).catch(() => null);
  const segmentId = entry?.after[0]?.id;
  const edit = entry && (entry.op === "edit" || entry.op === "segment-status") && entry.undoneBy === null;
  const now =
    edit && segmentId !== undefined ? await getSegment(c.var.db, segmentId).catch(() => null) : null;
  const text = now ? t.refused_undo_edit(now.position + 1) : t.refused_undo;
  return { problem: { title: t.refusedTitle, text, detail }, status: 409 };
}
