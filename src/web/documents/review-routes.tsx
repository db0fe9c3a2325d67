import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  latestHistory,
  listSegmentsToReview,
  previousPageFrom,
  segmentNeighbours,
} from "../../db/document-review";
import { documentStats, needsReview } from "../../db/document-stats";
import { type DocumentInfo, getSegment, listSegments } from "../../db/documents";
import { glossaryIndex } from "../../db/matcher";
import { findMatches } from "../../db/tm-match";
import { checkSegmentPair } from "../../text/qa";
import type { Segment, SegmentStatus } from "../../types";
import { editSegment } from "../../usecases/documents";
import { WebError } from "../errors";
import { needWrite } from "../guards";
import { formBody, page, render, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { beadOpOf, type Problem, runBeadOp } from "./bead-actions";
import { isStale, pathId, useCaseContext } from "./context";
import { reportSentences } from "./files";
import { documentsText, reviewText, segmentText } from "./messages";
import { type Done, ReviewPage, SavedBead } from "./review";
import { loadDocument } from "./routes";
import { analyseRow } from "./row-analysis";
import { SegmentPage } from "./segment";
import { InlineEditor } from "./segment-editor";

/**
 * The review of one document (mounted at /documents): its beads side by side, approve / mark reviewed
 * (each undoable), and one segment's page (edit the English with the memory's matches, QA, add a term).
 * Every write is conditional on the version the page showed: a colleague's change is never overwritten
 * unseen, and the refusal shows it.
 */
export const reviewRoutes = new Hono<WebEnv>();

/** Beads on one page of the review (bench/web-review.bench.ts: a 500-segment document's first page). */
export const BEADS_PER_PAGE = 200;
/** Operations of the history listed (each with its undo / redo button). */
const HISTORY_SHOWN = 6;

const positionParam = (v: string | undefined) => (v && /^[0-9]{1,9}$/.test(v) ? Number(v) : null);
const filterParam = (v: string | undefined): "all" | "review" => (v === "review" ? "review" : "all");

/** A segment as the review form names it: `id:version`, or `id:version:status` to restore (undo). */
const PICK = /^([0-9]{1,15}):([0-9]{1,9})$/;
const UNDO = /^([0-9]{1,15}):([0-9]{1,9}):(new|translated|reviewed|approved)$/;
const DONE = ["approved", "reviewed", "undone", "saved"] as const;
const DONE_OPS = ["merge", "split", "move", "unpair", "realign", "status", "undo"] as const;
type DoneKind = (typeof DONE)[number];
/** Most segments one operation may change (one page of the review). */
const MAX_PICKED = BEADS_PER_PAGE;

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

/** Where to go after an operation: the review page saying what was done, with what undoes it. */
function doneUrl(
  id: number,
  view: { filter: string; from: number | null },
  kind: DoneKind,
  changed: { before: Segment; after: Segment }[],
  undoable: boolean,
): string {
  const first = changed[0]?.after;
  const p = new URLSearchParams();
  if (view.filter !== "all") p.set("filter", view.filter);
  if (view.from !== null) p.set("from", String(view.from));
  p.set("done", kind);
  p.set("k", String(changed.length));
  if (first) {
    p.set("n", String(first.position + 1));
    p.set("sid", String(first.id));
  }
  if (undoable) for (const c of changed) p.append("u", `${c.after.id}:${c.after.version}:${c.before.status}`);
  return `/documents/${id}?${p}${first ? `#s${first.id}` : ""}`;
}

function doneText(c: WebContext, kind: DoneKind, count: number, n: number): string {
  const t = c.var.i18n.t(reviewText);
  if (count > 1 && kind !== "saved") return t[`done_${kind}_many`](count);
  return t[`done_${kind}`](n);
}

async function reviewPage(
  c: WebContext,
  id: number,
  opts: {
    filter: "all" | "review";
    from: number | null;
    done?: Done;
    problem?: Problem;
    status?: ContentfulStatusCode;
  },
) {
  const db = c.var.db;
  const review = opts.filter === "review";
  // Every read at once (one round trip of the page rather than two): the document's row too, whose absence
  // (404) only means the other reads found nothing.
  const [doc, rows, stats, index, prevFrom, history] = await Promise.all([
    loadDocument(c, id),
    review
      ? listSegmentsToReview(db, id, opts.from, BEADS_PER_PAGE)
      : listSegments(db, id, opts.from, BEADS_PER_PAGE),
    documentStats(db, [id]),
    glossaryIndex(db),
    opts.from === null ? null : previousPageFrom(db, id, opts.from, BEADS_PER_PAGE, review),
    latestHistory(db, id, HISTORY_SHOWN),
  ]);
  const shown = rows.slice(0, BEADS_PER_PAGE);
  const last = shown[shown.length - 1];
  const entryIds = new Set<number>();
  const analysed = shown.map((s) => {
    const analysis = analyseRow(index, s);
    for (const m of analysis.ar) entryIds.add(m.entryId);
    for (const m of analysis.en) entryIds.add(m.entryId);
    return { ...s, review: needsReview(s), analysis };
  });
  const entries = [...entryIds].flatMap((e) => index.entries.get(e) ?? []);
  return page(
    c,
    `\u2068${doc.title}\u2069`,
    <ReviewPage
      doc={doc}
      stats={stats.get(id)!}
      rows={analysed}
      entries={entries}
      history={history}
      filter={opts.filter}
      from={opts.from}
      prevFrom={prevFrom}
      nextFrom={rows.length > BEADS_PER_PAGE && last ? last.position : null}
      writable={canWrite(c.var.session)}
      csrfToken={c.var.csrfToken}
      done={opts.done}
      problem={opts.problem}
    />,
    opts.status ?? 200,
  );
}

reviewRoutes.get("/:id{[0-9]+}", async (c) => {
  const id = pathId(c, "id");
  const q = c.req.query();
  const n = positionParam(q.n);
  const k = positionParam(q.k) ?? 1;
  let done: Done | undefined;
  const kind = DONE.find((d) => d === q.done);
  const op = DONE_OPS.find((o) => o === q.op);
  const h = positionParam(q.h);
  if (q.done === "op" && op && n !== null && h !== null) {
    const t = c.var.i18n.t(reviewText);
    const text =
      op === "realign" ? t.done_realign(n, k) : op === "status" ? t.done_status(k) : t[`done_${op}`](n);
    done = { text, historyId: h, segmentId: positionParam(q.sid) ?? undefined };
  } else if (kind && n !== null) {
    const undo = c.req
      .queries("u")
      ?.filter((u) => UNDO.test(u))
      .slice(0, MAX_PICKED);
    done = { text: doneText(c, kind, k, n), undo, segmentId: positionParam(q.sid) ?? undefined };
  } else if (q.created && positionParam(q.created) !== null) {
    // From files: what extraction left out or kept after the text (src/web/documents/files.ts).
    const report = reportSentences(c, q.left, q.kept);
    done = { text: [c.var.i18n.t(documentsText).created_flash(Number(q.created)), ...report].join(" ") };
  }
  return reviewPage(c, id, { filter: filterParam(q.filter), from: positionParam(q.from), done });
});

/** The segment, which must belong to the document (a stale link after a merge must not act elsewhere). */
async function segmentOf(c: WebContext, docId: number, segmentId: number): Promise<Segment> {
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

reviewRoutes.post("/:id{[0-9]+}/ops", needWrite, async (c) => {
  const id = pathId(c, "id");
  const body = await formBody(c);
  const view = { filter: filterParam(str(body.filter)), from: positionParam(str(body.from)) };
  const action = str(body.action);
  const t = c.var.i18n.t(reviewText);
  const bead = beadOpOf(action, body);
  if (bead) {
    const out = await runBeadOp(c, id, body, bead, list(body.s));
    if (!out.done) return reviewPage(c, id, { ...view, problem: out.problem, status: out.status });
    const d = out.done;
    const p = new URLSearchParams();
    if (view.filter !== "all") p.set("filter", view.filter);
    if (view.from !== null) p.set("from", String(view.from));
    for (const [k, v] of [
      ["done", "op"],
      ["op", d.op],
      ["h", d.historyId],
      ["n", d.position + 1],
      ["k", d.count],
      ["sid", d.segmentId],
    ])
      p.set(String(k), String(v));
    return c.redirect(`/documents/${id}?${p}#s${d.segmentId}`, 303);
  }
  // What to change: the rows undone, the one row the keyboard named (`only`), or the rows ticked.
  let picked: { id: number; version: number; status: SegmentStatus }[] = [];
  if (action === "undo") {
    picked = list(body.u).flatMap((u) => {
      const m = UNDO.exec(u);
      return m ? [{ id: Number(m[1]), version: Number(m[2]), status: m[3] as SegmentStatus }] : [];
    });
  } else if (action === "approve" || action === "reviewed") {
    const status = action === "approve" ? "approved" : "reviewed";
    const only = str(body.only);
    picked = (only ? [only] : list(body.s)).flatMap((v) => {
      const m = PICK.exec(v);
      return m ? [{ id: Number(m[1]), version: Number(m[2]), status: status as SegmentStatus }] : [];
    });
  }
  if (picked.length === 0 || picked.length > MAX_PICKED)
    return reviewPage(c, id, {
      ...view,
      problem: { title: t.approveSelected, text: t.noneSelected },
      status: 400,
    });
  const ctx = useCaseContext(c);
  const changed: { before: Segment; after: Segment }[] = [];
  const stale: number[] = [];
  // One conditional write each: a segment someone changed since the page was loaded is left as it is.
  for (const p of picked) {
    const before = await segmentOf(c, id, p.id);
    try {
      changed.push({
        before,
        after: (await editSegment(ctx, before, { status: p.status }, p.version)).segment,
      });
    } catch (err) {
      if (!isStale(err)) throw err;
      stale.push(before.position + 1);
    }
  }
  const kind: DoneKind = action === "undo" ? "undone" : action === "approve" ? "approved" : "reviewed";
  if (stale.length) {
    const first = changed[0]?.after;
    const done = first
      ? {
          text: doneText(c, kind, changed.length, first.position + 1),
          undo:
            kind === "undone"
              ? undefined
              : changed.map((x) => `${x.after.id}:${x.after.version}:${x.before.status}`),
        }
      : undefined;
    const numbers = stale.map((n) => c.var.i18n.num(n)).join(c.var.i18n.locale === "ar" ? "، " : ", ");
    const text = stale.length === 1 ? t.stale(stale[0] ?? 0) : t.staleMany(numbers);
    return reviewPage(c, id, { ...view, done, problem: { title: t.staleTitle, text }, status: 409 });
  }
  return c.redirect(doneUrl(id, view, kind, changed, kind !== "undone"), 303);
});

/** The review table's inline editor asks for fragments, not pages (app.js). */
const wantsEditor = (c: WebContext) => c.req.header("x-fragment") === "editor";

/**
 * One segment's page (edit the English with the memory's matches, QA, bead forms, add a term), or with
 * `x-fragment: editor` the same form, matches and add-a-term form alone: the review table's inline editor.
 */
async function segmentPage(
  c: WebContext,
  docId: number,
  seg: Segment,
  form: { en: string; version: number; conflict?: Segment; notice?: string },
  status: ContentfulStatusCode = 200,
) {
  const db = c.var.db;
  const fragment = wantsEditor(c);
  const [doc, index, matches, [prevId, nextId]] = await Promise.all([
    loadDocument(c, docId),
    glossaryIndex(db),
    findMatches(db, seg.ar, "ar", 70, 4),
    fragment ? [null, null] : segmentNeighbours(db, seg),
  ]);
  const editor = {
    action: `/documents/${docId}/segments/${seg.id}`,
    en: form.en,
    version: form.version,
    matches: matches.filter((m) => m.segmentId !== seg.id).slice(0, 3),
    writable: canWrite(c.var.session),
    csrfToken: c.var.csrfToken,
    conflict: form.conflict,
    notice: form.notice,
  };
  if (fragment) {
    c.header("cache-control", "no-store");
    c.header("vary", "x-fragment, cookie");
    // After a refused save the row is shown as it is now too (theirs), under the editor that keeps ours.
    const row = form.conflict ? await savedBead(c, doc, seg, "") : null;
    return c.html(
      render(
        c,
        <>
          <InlineEditor
            {...editor}
            prefix={`e${seg.id}-`}
            position={seg.position}
            source={`${doc.title} #${seg.position + 1}`}
          />
          {row}
        </>,
      ),
      status,
    );
  }
  const en = form.en.trim() === "" ? null : form.en;
  return page(
    c,
    c.var.i18n.t(segmentText).title(seg.position + 1),
    <SegmentPage
      {...editor}
      doc={doc}
      segment={seg}
      qa={checkSegmentPair(seg.ar, en, index)}
      prevId={prevId}
      nextId={nextId}
    />,
    status,
  );
}

/** A bead as the review table shows it now, with the document's counts (the inline editor's answer). */
async function savedBead(c: WebContext, doc: DocumentInfo, seg: Segment, text: string) {
  const [stats, index] = await Promise.all([documentStats(c.var.db, [doc.id]), glossaryIndex(c.var.db)]);
  const analysis = analyseRow(index, seg);
  const row = { ...seg, review: needsReview(seg), analysis };
  // The entries of its underlined terms (the page lists each entry its links describe).
  const entryIds = new Set([...analysis.ar, ...analysis.en].map((m) => m.entryId));
  return (
    <SavedBead
      doc={doc}
      stats={stats.get(doc.id)!}
      row={row}
      entries={[...entryIds].flatMap((e) => index.entries.get(e) ?? [])}
      writable={canWrite(c.var.session)}
      text={text}
    />
  );
}

reviewRoutes.get("/:id{[0-9]+}/segments/:sid{[0-9]+}", async (c) => {
  const id = pathId(c, "id");
  const seg = await segmentOf(c, id, pathId(c, "sid"));
  return segmentPage(c, id, seg, { en: seg.en ?? "", version: seg.version });
});

reviewRoutes.post("/:id{[0-9]+}/segments/:sid{[0-9]+}", needWrite, async (c) => {
  const id = pathId(c, "id");
  const seg = await segmentOf(c, id, pathId(c, "sid"));
  const body = await formBody(c);
  const action = str(body.action) || str(body._action);
  const typed = str(body.en);
  const version = positionParam(str(body.version)) ?? seg.version;
  const use = /^use:([0-9]{1,15})$/.exec(action);
  if (use) {
    // Taking a match fills the field only: the translator checks it and saves.
    const match = await getSegment(c.var.db, Number(use[1])).catch(() => null);
    return segmentPage(c, id, seg, {
      en: match?.en ?? typed,
      version,
      notice: c.var.i18n.t(segmentText).matchFilled,
    });
  }
  const en = typed.replace(/\r\n?/g, "\n");
  const patch = {
    en: en.trim() === "" ? null : en,
    ...(action === "approve" ? { status: "approved" as const } : {}),
  };
  let saved: Segment;
  try {
    saved = (await editSegment(useCaseContext(c), seg, patch, version)).segment;
  } catch (err) {
    if (!isStale(err)) throw err;
    // Theirs shown, ours kept in the field; saving again (against their version) replaces theirs knowingly.
    return segmentPage(c, id, seg, { en: typed, version: seg.version, conflict: seg }, 409);
  }
  const kind: DoneKind = action === "approve" ? "approved" : "saved";
  if (wantsEditor(c)) {
    const doc = await loadDocument(c, id);
    c.header("cache-control", "no-store");
    return c.html(render(c, await savedBead(c, doc, saved, doneText(c, kind, 1, saved.position + 1))));
  }
  return c.redirect(
    doneUrl(id, { filter: "all", from: null }, kind, [{ before: seg, after: saved }], kind === "approved"),
    303,
  );
});
