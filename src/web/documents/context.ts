import { getSegment } from "../../db/documents";
import type { Segment } from "../../types";
import type { UseCaseContext } from "../../usecases/context";
import { WebError } from "../errors";
import type { WebContext } from "../page";
import { documentsText } from "./messages";

/** The use-case context of a web request: its D1 session, the signed-in name as actor, waitUntil. */
export const useCaseContext = (c: WebContext): UseCaseContext => ({
  db: c.var.db,
  actor: c.var.session?.name ?? "web",
  waitUntil: (p) => c.executionCtx.waitUntil(p),
});

/** A path id: decimal digits only, else the page does not exist. */
export function pathId(c: WebContext, name: string): number {
  const raw = c.req.param(name) ?? "";
  const n = /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    const t = c.var.i18n.t(documentsText);
    throw new WebError(404, { title: t.notFoundTitle, message: t.notFound(0) });
  }
  return n;
}

/** A stale-version refusal from storage or a use case (the error's code, whichever class carries it). */
export const isStale = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "precondition-failed";

export const isNotFound = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === "not-found";

/** The segment, which must belong to the document (a stale link after a merge must not act elsewhere). */
export async function documentSegment(c: WebContext, docId: number, segmentId: number): Promise<Segment> {
  const t = c.var.i18n.t(documentsText);
  const missing = () => new WebError(404, { title: t.notFoundTitle, message: t.segmentNotFound(segmentId) });
  let seg: Segment;
  try {
    seg = await getSegment(c.var.db, segmentId);
  } catch {
    throw missing();
  }
  if (seg.documentId !== docId) throw missing();
  return seg;
}
