import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { readsTogether } from "../../db/batch";
import {
  latestHistory,
  listSegments,
  listSegmentsToReview,
  previousPageFrom,
  segmentNeighbours,
} from "../../db/document-review";
import { documentStats, needsReview } from "../../db/document-stats";
import { type DocumentInfo, getSegment, type PatchedSegment } from "../../db/documents";
import { glossaryIndex, glossaryState } from "../../db/matcher";
import { findMatches } from "../../db/tm-match";
import { checkSegmentPair } from "../../text/qa";
import type { Segment } from "../../types";
import { editSegment } from "../../usecases/documents";
import { analyseBeads } from "../../usecases/review-analysis";
import { needWrite } from "../guards";
import { formBody, page, render, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { beadOpOf, type Problem, runBeadOp } from "./bead-actions";
import { documentSegment, isStale, pathId, useCaseContext } from "./context";
import { reportSentences } from "./files";
import { documentsText, reviewText, segmentText } from "./messages";
import { type Done, ReviewPage, SavedBead } from "./review";
import { loadDocument } from "./routes";
import { SegmentPage } from "./segment";
import { InlineEditor } from "./segment-editor";
import { runStatusOps, staleText, UNDO } from "./status-actions";

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

const DONE = ["approved", "reviewed", "undone", "saved"] as const;
const DONE_OPS = ["merge", "split", "move", "unpair", "realign", "status", "undo"] as const;
type DoneKind = (typeof DONE)[number];
/** Most segments one operation may change (one page of the review). */
const MAX_PICKED = BEADS_PER_PAGE;

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

/**
 * Where to go after an operation: the review page saying what was done, with what undoes it (the history's
 * operations: one is undone by its own button, several by the page's Undo posting them all).
 */
function doneUrl(
  id: number,
  view: { filter: string; from: number | null },
  kind: DoneKind,
  changed: Segment[],
  operations: number[],
): string {
  const first = changed[0];
  const p = new URLSearchParams();
  if (view.filter !== "all") p.set("filter", view.filter);
  if (view.from !== null) p.set("from", String(view.from));
  p.set("done", kind);
  p.set("k", String(changed.length));
  if (first) {
    p.set("n", String(first.position + 1));
    p.set("sid", String(first.id));
  }
  if (operations.length === 1) p.set("h", String(operations[0]));
  else for (const op of operations) p.append("u", String(op));
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
  // Every read at once, in one D1 batch (one call and one round trip): the document's row too, whose absence
  // (404) only means the other reads found nothing.
  const db = readsTogether(c.var.db);
  const review = opts.filter === "review";
  const [doc, rows, stats, glossary, prevFrom, history] = await Promise.all([
    loadDocument(c, id, db),
    review
      ? listSegmentsToReview(db, id, opts.from, BEADS_PER_PAGE)
      : listSegments(db, id, opts.from, BEADS_PER_PAGE),
    documentStats(db, [id]),
    glossaryState(db),
    opts.from === null ? null : previousPageFrom(db, id, opts.from, BEADS_PER_PAGE, review),
    latestHistory(db, id, HISTORY_SHOWN),
  ]);
  const shown = rows.slice(0, BEADS_PER_PAGE);
  const last = shown[shown.length - 1];
  const { analyses, entries } = await analyseBeads(useCaseContext(c), glossary, shown);
  const analysed = shown.map((s, i) => ({ ...s, review: needsReview(s), analysis: analyses[i]! }));
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
    done = {
      text: doneText(c, kind, k, n),
      undo,
      historyId: h ?? undefined,
      segmentId: positionParam(q.sid) ?? undefined,
    };
  } else if (q.created && positionParam(q.created) !== null) {
    // From files: what extraction left out or kept after the text (src/web/documents/files.ts).
    const report = reportSentences(c, q.left, q.kept);
    done = { text: [c.var.i18n.t(documentsText).created_flash(Number(q.created)), ...report].join(" ") };
  }
  return reviewPage(c, id, { filter: filterParam(q.filter), from: positionParam(q.from), done });
});

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
  // Approve / mark reviewed the row the keyboard named (`only`) or the rows ticked, or undo those changes.
  const out = await runStatusOps(c, id, action, body, MAX_PICKED);
  if (!out)
    return reviewPage(c, id, {
      ...view,
      problem: { title: t.approveSelected, text: t.noneSelected },
      status: 400,
    });
  if (out.documentStale)
    return reviewPage(c, id, {
      ...view,
      problem: { title: t.docStaleTitle, text: t.docStale(out.documentStale.shown, out.documentStale.now) },
      status: 409,
    });
  const undoable = out.kind === "undone" ? [] : out.operations;
  if (out.stale.length) {
    const first = out.changed[0];
    const done = first
      ? { text: doneText(c, out.kind, out.changed.length, first.position + 1), undo: undoable.map(String) }
      : undefined;
    const problem = { title: t.staleTitle, text: staleText(c, out.stale) };
    return reviewPage(c, id, { ...view, done, problem, status: 409 });
  }
  return c.redirect(doneUrl(id, view, out.kind, out.changed, undoable), 303);
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

/**
 * A bead as the review table shows it now, with the document's counts (the inline editor's answer); after
 * a save also its Undo, the document's latest operations and, if the page was current, its new version.
 */
async function savedBead(
  c: WebContext,
  doc: DocumentInfo,
  seg: Segment,
  text: string,
  undo?: { operation: number | null; pageVersion: number | null },
) {
  const [stats, glossary, history] = await Promise.all([
    documentStats(c.var.db, [doc.id]),
    glossaryState(c.var.db),
    undo ? latestHistory(c.var.db, doc.id, HISTORY_SHOWN) : [],
  ]);
  // The entries of its underlined terms too (the page lists each entry its links describe).
  const { analyses, entries } = await analyseBeads(useCaseContext(c), glossary, [seg]);
  const row = { ...seg, review: needsReview(seg), analysis: analyses[0]! };
  return (
    <SavedBead
      doc={doc}
      stats={stats.get(doc.id)!}
      row={row}
      entries={entries}
      writable={canWrite(c.var.session)}
      text={text}
      history={undo ? history : undefined}
      operation={undo?.operation ?? null}
      pageVersion={undo?.pageVersion ?? null}
    />
  );
}

reviewRoutes.get("/:id{[0-9]+}/segments/:sid{[0-9]+}", async (c) => {
  const id = pathId(c, "id");
  const seg = await documentSegment(c, id, pathId(c, "sid"));
  return segmentPage(c, id, seg, { en: seg.en ?? "", version: seg.version });
});

reviewRoutes.post("/:id{[0-9]+}/segments/:sid{[0-9]+}", needWrite, async (c) => {
  const id = pathId(c, "id");
  const seg = await documentSegment(c, id, pathId(c, "sid"));
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
  let edited: PatchedSegment;
  try {
    edited = await editSegment(useCaseContext(c), seg, patch, version);
  } catch (err) {
    if (!isStale(err)) throw err;
    // Theirs shown, ours kept in the field; saving again (against their version) replaces theirs knowingly.
    return segmentPage(c, id, seg, { en: typed, version: seg.version, conflict: seg }, 409);
  }
  const saved = edited.segment;
  const kind: DoneKind = action === "approve" ? "approved" : "saved";
  const operations = edited.historyId === null ? [] : [edited.historyId];
  if (wantsEditor(c)) {
    const doc = await loadDocument(c, id);
    c.header("cache-control", "no-store");
    // The review page's version moves on with this edit only if the page showed the version before it
    // (else it shows rows older than the document, and its operations must stay refused).
    const pageVersion = positionParam(str(body.page_v));
    const current = edited.documentVersion !== null && pageVersion === edited.documentVersion - 1;
    const undo = { operation: edited.historyId, pageVersion: current ? edited.documentVersion : null };
    const text = doneText(c, kind, 1, saved.position + 1);
    return c.html(render(c, await savedBead(c, doc, saved, text, undo)));
  }
  return c.redirect(doneUrl(id, { filter: "all", from: null }, kind, [saved], operations), 303);
});
