import type { HistorySummary } from "../../db/document-review";
import { confidenceBand, type DocumentStats } from "../../db/document-stats";
import type { DocumentInfo } from "../../db/documents";
import type { RowAnalysis } from "../../text/bead-analysis";
import type { GlossaryEntry, Segment, SegmentStatus } from "../../types";
import { CsrfField, Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { documentsText, reviewText } from "./messages";
import { SegmentStatusBadge } from "./pages";
import { BeadMenuTemplate, Exchange, History, Pager, QaList, Toolbar } from "./review-parts";
import { Marked, TermsOnPage } from "./terms";

export type ReviewRow = Segment & { analysis: RowAnalysis; review: boolean };

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

/** Per-page texts of the rows, looked up once (a page has up to 200 rows). */
interface RowText {
  /** The checkbox's name, before the row's number. */
  select: string;
  noEnglish: string;
  lowShort: string;
  noScore: string;
  status: Record<SegmentStatus, string>;
  num(n: number): string;
  digits(s: string): string;
}

/**
 * One bead: the two languages side by side (English left, Arabic right on either interface), each with its
 * language and direction, glossary terms underlined, QA issues under the status. Kept lean (a page has 200
 * beads: bench/web-review.bench.ts): the row number links to the segment's page (edit, split and the other
 * operations without script), the checkbox ticks it for the toolbar; app.js adds a menu of operations.
 */
function Row({
  s,
  base,
  writable,
  rtl,
  t,
}: {
  s: ReviewRow;
  base: string;
  writable: boolean;
  rtl: boolean;
  t: RowText;
}) {
  const b = confidenceBand(s.score);
  const a = s.analysis;
  const num = t.num(s.position + 1);
  const en = (
    <td lang="en" dir="ltr">
      {s.en === null ? <i>{t.noEnglish}</i> : <Marked text={s.en} spans={a.en} />}
    </td>
  );
  const ar = (
    <td lang="ar" dir="rtl">
      <Marked text={s.ar} spans={a.ar} />
    </td>
  );
  return (
    <tr id={`s${s.id}`} class={s.review ? "flag" : undefined}>
      <th>
        <a href={`${base}/segments/${s.id}`}>{num}</a>
      </th>
      {rtl ? ar : en}
      {rtl ? en : ar}
      <td class={`c-${b}`}>
        {s.score === null ? t.noScore : t.digits(s.score.toFixed(2))}
        {s.review ? <b>{t.lowShort}</b> : null}
      </td>
      <td>
        <span class={`st st-${s.status}`}>{t.status[s.status]}</span>
        {a.qa.length ? <QaList issues={a.qa} ar={s.ar} en={s.en} /> : null}
      </td>
      {writable ? (
        <td>
          <input
            type="checkbox"
            form="ops"
            name="s"
            value={`${s.id}:${s.version}`}
            aria-label={`${t.select} ${num}`}
          />
        </td>
      ) : null}
    </tr>
  );
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
          <Row
            s={props.row}
            base={`/documents/${props.doc.id}`}
            writable={props.writable}
            rtl={rtl}
            t={useRowText()}
          />
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
            {props.rows.map((s) => (
              <Row s={s} base={`/documents/${doc.id}`} writable={props.writable} rtl={rtl} t={rowText} />
            ))}
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
