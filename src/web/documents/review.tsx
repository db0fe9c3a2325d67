import { raw } from "hono/html";
import type { HistorySummary } from "../../db/document-review";
import type { DocumentStats } from "../../db/document-stats";
import type { DocumentInfo } from "../../db/documents";
import type { GlossaryEntry } from "../../types";
import { CsrfField, Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { documentsText, reviewText } from "./messages";
import { SegmentStatusBadge } from "./pages";
import { BeadMenuTemplate, Exchange, History, Pager, Toolbar, useQaLabels } from "./review-parts";
import { type ReviewRow, type RowText, rowHtml } from "./review-rows";
import { TermsOnPage } from "./terms";

export type { ReviewRow };

/** What the page says after an operation, with what undoes it. */
export interface Done {
  text: string;
  /** The operations of the history it wrote, when several (approve the ticked): the page's Undo undoes all. */
  undo?: string[] | undefined;
  /** The operation of the history it wrote, when one: undoing it is the ops form's `undo-op:<id>`. */
  historyId?: number | undefined;
  /** The segment it concerns, focused on arrival. */
  segmentId?: number | undefined;
}

export interface ReviewProps {
  doc: DocumentInfo;
  stats: DocumentStats;
  rows: ReviewRow[];
  /** The glossary entries of the terms underlined on this page. */
  entries: GlossaryEntry[];
  history: HistorySummary[];
  filter: "all" | "review";
  /** Position after which this page starts (null: the first page), the previous page's, the next page's. */
  from: number | null;
  prevFrom: number | null;
  nextFrom: number | null;
  writable: boolean;
  csrfToken: string;
  done?: Done | undefined;
  /** An operation refused (nothing selected; someone else changed the document or a segment first). */
  problem?: { title: string; text: string; detail?: string | undefined } | undefined;
}

/** The rows' texts in the page's language. */
function useRowText(): RowText {
  const t = useT(reviewText);
  const d = useT(documentsText);
  const i18n = useI18n();
  return {
    select: t.select,
    noEnglish: t.noEnglish,
    lowShort: t.lowShort,
    noScore: t.noScore,
    status: {
      new: d.status_new,
      translated: d.status_translated,
      reviewed: d.status_reviewed,
      approved: d.status_approved,
    },
    qa: useQaLabels(),
    num: i18n.num,
    digits: i18n.toDigits,
  };
}

/** The document's counts: segments, how many need review, how many of each status. */
function Summary({ doc, stats }: { doc: DocumentInfo; stats: DocumentStats }) {
  const t = useT(reviewText);
  const i18n = useI18n();
  return (
    <p id="summary">
      {t.summary(doc.segmentCount, stats.needsReview)}{" "}
      {(["new", "translated", "reviewed", "approved"] as const).map((s) =>
        stats.byStatus[s] ? (
          <span class="count">
            <SegmentStatusBadge status={s} /> {i18n.num(stats.byStatus[s])}
          </span>
        ) : null,
      )}
    </p>
  );
}

/**
 * One bead saved from the review table's inline editor (inline-editor.js puts its parts in place of the
 * page's): the row as the page would show it now, the glossary entries its terms point to (added to the
 * page's list when missing), the document's counts, and what was done (announced) with its Undo (the
 * review form's button for the edit's operation), the document's latest operations and, when the page was
 * current before the save, the document's version now (the review form's, so that its operations apply).
 */
export function SavedBead(props: {
  doc: DocumentInfo;
  stats: DocumentStats;
  row: ReviewRow;
  entries: GlossaryEntry[];
  writable: boolean;
  text: string;
  history?: HistorySummary[] | undefined;
  operation?: number | null;
  pageVersion?: number | null;
}) {
  const t = useT(reviewText);
  const rtl = useI18n().dir === "rtl";
  return (
    <>
      <Summary doc={props.doc} stats={props.stats} />
      <table>
        <tbody>
          {raw(rowHtml(props.row, `/documents/${props.doc.id}`, props.writable, rtl, useRowText()))}
        </tbody>
      </table>
      {props.text ? (
        <div class="flash" id="done">
          <span id="saved">{props.text}</span>
          {props.writable && props.operation ? (
            <>
              {" "}
              <UndoButton operation={props.operation} label={t.undo} />
            </>
          ) : null}
        </div>
      ) : null}
      {props.pageVersion ? <input type="hidden" id="page-version" value={String(props.pageVersion)} /> : null}
      <TermsOnPage entries={props.entries} />
      {props.history ? <History items={props.history} writable={props.writable} /> : null}
    </>
  );
}

/** Undoes one operation of the history: a button of the review form (`undo-op:<id>`). */
function UndoButton({ operation, label }: { operation: number; label: string }) {
  return (
    <button type="submit" form="ops" name="action" value={`undo-op:${operation}`} class="small secondary">
      {label}
    </button>
  );
}

export function ReviewPage(props: ReviewProps) {
  const t = useT(reviewText);
  const d = useT(documentsText);
  const i18n = useI18n();
  const rtl = i18n.dir === "rtl";
  const { doc, stats } = props;
  const arHead = (
    <th scope="col" class="ar-col">
      {t.arabic}
    </th>
  );
  const enHead = <th scope="col">{t.english}</th>;
  const rowText = useRowText();
  const first = props.rows[0];
  const last = props.rows[props.rows.length - 1];
  const pager = (end: boolean) => (
    <Pager
      end={end}
      id={doc.id}
      filter={props.filter}
      from={props.from}
      prevFrom={props.prevFrom}
      nextFrom={props.nextFrom}
      range={first && last ? [first.position + 1, last.position + 1] : null}
      total={doc.segmentCount}
    />
  );
  return (
    <>
      <div class="titlebar">
        <h1>
          <Value text={doc.title} />
        </h1>
        {props.writable ? (
          <a class="button secondary" href={`/documents/${doc.id}/delete`}>
            {d.delete}
          </a>
        ) : null}
      </div>
      <Summary doc={doc} stats={stats} />
      {props.problem ? (
        <div class="conflict" role="alert" tabindex={-1} autofocus id="conflict">
          <h2>{props.problem.title}</h2>
          <p>{props.problem.text}</p>
          {props.problem.detail ? (
            <p lang="en" dir="ltr" class="muted">
              {props.problem.detail}
            </p>
          ) : null}
        </div>
      ) : null}
      {props.done ? (
        <div class="flash" aria-live="polite" id="done">
          {props.done.text}{" "}
          {props.writable && props.done.undo?.length ? (
            <button type="submit" form="ops" name="action" value="undo" class="small secondary">
              {t.undo}
            </button>
          ) : null}
          {props.writable && props.done.historyId !== undefined ? (
            <UndoButton operation={props.done.historyId} label={t.undo} />
          ) : null}
        </div>
      ) : null}
      <form method="get" action={`/documents/${doc.id}`} class="search">
        <div class="field">
          <label for="filter">{t.filter}</label>
          <select id="filter" name="filter">
            <option value="all" selected={props.filter === "all"}>
              {t.filterAll}
            </option>
            <option value="review" selected={props.filter === "review"}>
              {t.filterReview}
            </option>
          </select>
        </div>
        <button type="submit">{t.apply}</button>
      </form>
      {props.writable ? (
        <form id="ops" method="post" action={`/documents/${doc.id}/ops`}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="filter" value={props.filter} />
          <input type="hidden" name="v" value={String(doc.version)} />
          {props.from !== null ? <input type="hidden" name="from" value={String(props.from)} /> : null}
          <input type="hidden" name="only" id="only" value="" />
          {(props.done?.undo ?? []).map((u) => (
            <input type="hidden" name="u" value={u} />
          ))}
        </form>
      ) : null}
      {/* The row menus' name (app.js): "Operations" + the row's number. */}
      <p hidden>
        <span id="mlabel">{t.menu}</span>
      </p>
      <details class="keys">
        <summary>{t.keysTitle}</summary>
        <p>{t.keys}</p>
        <p>{t.keysOps}</p>
      </details>
      {props.writable && props.rows.length ? <Toolbar id="toolbar" /> : null}
      {pager(false)}
      {props.rows.length === 0 ? (
        <p class="muted">{props.filter === "review" ? t.noneShown : d.noDocuments}</p>
      ) : (
        <table class="beads" aria-label={t.beads}>
          <thead>
            <tr>
              <th scope="col">{t.number}</th>
              {rtl ? arHead : enHead}
              {rtl ? enHead : arHead}
              <th scope="col">{t.confidence}</th>
              <th scope="col">{t.status}</th>
              {props.writable ? <th scope="col">{t.select}</th> : null}
            </tr>
          </thead>
          <tbody>
            {raw(
              props.rows
                .map((s) => rowHtml(s, `/documents/${doc.id}`, props.writable, rtl, rowText))
                .join(""),
            )}
          </tbody>
        </table>
      )}
      {props.writable && props.rows.length > 20 ? <Toolbar id="toolbar-end" /> : null}
      {pager(true)}
      {props.writable ? <BeadMenuTemplate /> : null}
      <TermsOnPage entries={props.entries} />
      <History items={props.history} writable={props.writable} />
      <Exchange id={doc.id} writable={props.writable} />
    </>
  );
}
