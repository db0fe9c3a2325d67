/**
 * Status changes posted from the review page (approve / mark reviewed the focused or ticked beads) and
 * their undo. Each segment's change is one conditional edit (against the segment version the page showed:
 * a segment someone changed since is left as it is, and listed) and one operation of the document's
 * history; the page's Undo posts those operations back, and each is undone as the history's Undo button
 * would (src/usecases/document-beads.ts undoOperation: refused for a segment changed since).
 */
import { getHistoryEntry } from "../../db/document-runs";
import type { Segment, SegmentStatus } from "../../types";
import { undoOperation } from "../../usecases/document-beads";
import { editSegment } from "../../usecases/documents";
import type { WebContext } from "../page";
import { str } from "../page";
import { documentSegment, isStale, useCaseContext } from "./context";
import { reviewText } from "./messages";
import { loadDocument } from "./routes";

/** A segment as the review form names it: `id:version`. */
const PICK = /^([0-9]{1,15}):([0-9]{1,9})$/;
/** An operation of the history the page's Undo names (`u`): its id. */
export const UNDO = /^[0-9]{1,15}$/;

export interface StatusChange {
  kind: "approved" | "reviewed" | "undone";
  /** Segments changed, as they are now. */
  changed: Segment[];
  /** Their operations in the history (what an Undo posts back), oldest first. */
  operations: number[];
  /** Positions (from 1) of the segments left as they were: changed by someone else since. */
  stale: number[];
  /** Set when nothing could be tried: the document changed since the page was loaded (undo). */
  documentStale?: { shown: number; now: number };
}

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

/**
 * Approves or marks reviewed the segments picked (`only`, else the ticked `s`), or undoes the operations
 * `u` (newest first); null when nothing (or more than `max`) was picked.
 */
export async function runStatusOps(
  c: WebContext,
  docId: number,
  action: string,
  body: Record<string, unknown>,
  max: number,
): Promise<StatusChange | null> {
  const ctx = useCaseContext(c);
  const out: StatusChange = { kind: "undone", changed: [], operations: [], stale: [] };
  if (action === "undo") {
    const ops = list(body.u).filter((u) => UNDO.test(u));
    if (ops.length === 0 || ops.length > max) return null;
    let version = /^[0-9]{1,9}$/.test(str(body.v)) ? Number(str(body.v)) : -1;
    for (const op of ops.map(Number).reverse()) {
      try {
        const r = await undoOperation(ctx, docId, op, version);
        version = r.version;
        out.operations.push(r.historyId);
        const row = r.rows[0];
        if (row) out.changed.unshift(await documentSegment(c, docId, row.id));
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (isStale(err) && out.changed.length === 0) {
          out.documentStale = { shown: version, now: (await loadDocument(c, docId)).version };
          return out;
        }
        // Someone changed the segment since (or undid the operation already): theirs is kept.
        if (code !== "concurrent-edit" && !isStale(err)) throw err;
        const seg = await firstSegmentOf(c, docId, op);
        if (seg) out.stale.push(seg.position + 1);
      }
    }
    return out;
  }
  if (action !== "approve" && action !== "reviewed") return null;
  const status: SegmentStatus = action === "approve" ? "approved" : "reviewed";
  out.kind = status;
  const only = str(body.only);
  const picked = (only ? [only] : list(body.s)).flatMap((v) => {
    const m = PICK.exec(v);
    return m ? [{ id: Number(m[1]), version: Number(m[2]) }] : [];
  });
  if (picked.length === 0 || picked.length > max) return null;
  for (const p of picked) {
    const before = await documentSegment(c, docId, p.id);
    try {
      const edited = await editSegment(ctx, before, { status }, p.version);
      out.changed.push(edited.segment);
      if (edited.historyId !== null) out.operations.push(edited.historyId);
    } catch (err) {
      if (!isStale(err)) throw err;
      out.stale.push(before.position + 1);
    }
  }
  return out;
}

/** The segment an operation of the history concerns (the first it wrote), if it still exists. */
async function firstSegmentOf(c: WebContext, docId: number, op: number): Promise<Segment | null> {
  const entry = await getHistoryEntry(c.var.db, docId, op).catch(() => null);
  const id = entry?.after[0]?.id;
  return id === undefined ? null : documentSegment(c, docId, id).catch(() => null);
}

export const staleText = (c: WebContext, stale: number[]) => {
  const t = c.var.i18n.t(reviewText);
  const numbers = stale.map((n) => c.var.i18n.num(n)).join(c.var.i18n.locale === "ar" ? "، " : ", ");
  return stale.length === 1 ? t.stale(stale[0] ?? 0) : t.staleMany(numbers);
};
