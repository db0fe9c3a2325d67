import { confidenceBand, type DocumentStats } from "../../db/document-stats";
import type { DocumentInfo } from "../../db/documents";
import type { QaIssue, QaIssueType } from "../../text/qa";
import type { Segment, SegmentStatus } from "../../types";
import { CsrfField, Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { documentsText, reviewText } from "./messages";
import { SegmentStatusBadge } from "./pages";

export type ReviewRow = Segment & { qa: QaIssue[]; review: boolean };

/** What the page says after an operation, with the operation that undoes it (a value of the ops form). */
export interface Done {
  text: string;
  /** `id:version:status` of each segment changed: posting them back restores the statuses. */
  undo?: string[] | undefined;
  /** The segment it concerns, focused on arrival. */
  segmentId?: number | undefined;
}

export interface ReviewProps {
  doc: DocumentInfo;
  stats: DocumentStats;
  rows: ReviewRow[];
  filter: "all" | "review";
  /** Position after which this page starts (null: the first page), and whether more follow. */
  from: number | null;
  nextFrom: number | null;
  writable: boolean;
  csrfToken: string;
  done?: Done | undefined;
  /** An operation refused (nothing selected; someone else changed a segment first). */
  problem?: { title: string; text: string } | undefined;
}

const QA_LABEL = {
  "empty-target": "qa_empty_target",
  untranslated: "qa_untranslated",
  "term-missing": "qa_term_missing",
  "term-forbidden": "qa_term_forbidden",
  "term-deprecated": "qa_term_deprecated",
  "number-mismatch": "qa_number_mismatch",
  "unbalanced-brackets": "qa_unbalanced_brackets",
  "code-missing": "qa_code_missing",
  "code-extra": "qa_code_extra",
  "code-reordered": "qa_code_reordered",
  "code-unbalanced": "qa_code_unbalanced",
} as const satisfies Record<QaIssueType, string>;

/** QA issues as short words in the page's language (the checker's own messages are English). */
export function QaList({ issues }: { issues: QaIssue[] }) {
  const t = useT(reviewText);
  return (
    <ul class="qa">
      {issues.map((q) => (
        <li class={`qa-${q.severity}`}>{t[QA_LABEL[q.type]]}</li>
      ))}
    </ul>
  );
}

function reviewUrl(id: number, filter: string, from: number | null) {
  const p = new URLSearchParams();
  if (filter !== "all") p.set("filter", filter);
  if (from !== null) p.set("from", String(from));
  const s = p.toString();
  return `/documents/${id}${s ? `?${s}` : ""}`;
}

/** Per-page texts of the rows, looked up once (a page has up to 500 rows). */
interface RowText {
  noEnglish: string;
  lowShort: string;
  noScore: string;
  status: Record<SegmentStatus, string>;
  num(n: number): string;
  digits(s: string): string;
}

/**
 * One bead: the two languages side by side (English left, Arabic right on either interface), each with its
 * language and direction. Kept lean: a 500-bead page is sent whole (bench/web-review.bench.ts). The row
 * number links to the segment's page; the checkbox selects it for the toolbar's operations.
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
  const en = (
    <td lang="en" dir="ltr">
      {s.en ?? <i>{t.noEnglish}</i>}
    </td>
  );
  const ar = (
    <td lang="ar" dir="rtl">
      {s.ar}
    </td>
  );
  return (
    <tr id={`s${s.id}`} class={s.review ? "flag" : undefined}>
      <th id={`n${s.id}`}>
        <a href={`${base}/segments/${s.id}`}>{t.num(s.position + 1)}</a>
      </th>
      {rtl ? ar : en}
      {rtl ? en : ar}
      <td class={`c-${b}`}>
        {s.score === null ? t.noScore : t.digits(s.score.toFixed(2))}
        {s.review ? <b>{t.lowShort}</b> : null}
      </td>
      <td>
        <span class={`st st-${s.status}`}>{t.status[s.status]}</span>
        {s.qa.length ? <QaList issues={s.qa} /> : null}
      </td>
      {writable ? (
        <td>
          <input
            type="checkbox"
            form="ops"
            name="s"
            value={`${s.id}:${s.version}`}
            aria-labelledby={`sel n${s.id}`}
          />
        </td>
      ) : null}
    </tr>
  );
}

/** The operations on the selected beads (also the keyboard's target: app.js fills `only` for one row). */
function Toolbar({ id }: { id: string }) {
  const t = useT(reviewText);
  return (
    <p class="toolbar" id={id}>
      <button type="submit" form="ops" name="action" value="approve" data-key="a">
        {t.approveSelected}
      </button>
      <button type="submit" form="ops" name="action" value="reviewed" class="secondary" data-key="r">
        {t.reviewedSelected}
      </button>
    </p>
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
  const d2 = useT(documentsText);
  const rowText: RowText = {
    noEnglish: t.noEnglish,
    lowShort: t.lowShort,
    noScore: t.noScore,
    status: {
      new: d2.status_new,
      translated: d2.status_translated,
      reviewed: d2.status_reviewed,
      approved: d2.status_approved,
    },
    num: i18n.num,
    digits: i18n.toDigits,
  };
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
      {props.problem ? (
        <div class="conflict" role="alert" tabindex={-1} autofocus id="conflict">
          <h2>{props.problem.title}</h2>
          <p>{props.problem.text}</p>
        </div>
      ) : null}
      {props.done ? (
        <div class="flash" aria-live="polite">
          {props.done.text}{" "}
          {props.done.undo?.length && props.writable ? (
            <button type="submit" form="ops" name="action" value="undo" class="small secondary">
              {t.undo}
            </button>
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
          {props.from !== null ? <input type="hidden" name="from" value={String(props.from)} /> : null}
          <input type="hidden" name="only" id="only" value="" />
          {(props.done?.undo ?? []).map((u) => (
            <input type="hidden" name="u" value={u} />
          ))}
        </form>
      ) : null}
      {/* The checkboxes' accessible name: "Select segment" + the row's number. */}
      <p hidden>
        <span id="sel">{t.select}</span>
      </p>
      <p class="muted keys">{t.keys}</p>
      {props.writable && props.rows.length ? <Toolbar id="toolbar" /> : null}
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
      <nav class="pager" aria-label={d.pages}>
        {props.from !== null ? <a href={reviewUrl(doc.id, props.filter, null)}>{d.previousBeads}</a> : null}
        {props.nextFrom !== null ? (
          <a href={reviewUrl(doc.id, props.filter, props.nextFrom)} rel="next">
            {d.nextBeads}
          </a>
        ) : null}
      </nav>
      <Exchange id={doc.id} writable={props.writable} />
    </>
  );
}

/** Downloads (XLIFF with a CAT-tool preset, TMX) and the upload of a translated XLIFF. */
function Exchange({ id, writable }: { id: number; writable: boolean }) {
  const t = useT(reviewText);
  return (
    <section class="exports" aria-labelledby="exchange-h">
      <h2 id="exchange-h">{t.exports}</h2>
      <form method="get" action={`/documents/${id}/xliff`} class="search">
        <div class="field">
          <label for="xv">{t.xliffVersion}</label>
          <select id="xv" name="version">
            <option value="1.2">1.2</option>
            <option value="2.0">2.0</option>
            <option value="2.1">2.1</option>
          </select>
        </div>
        <div class="field">
          <label for="preset">{t.preset}</label>
          <select id="preset" name="emptyTargets">
            <option value="omit">{t.preset_generic}</option>
            <option value="source">{t.preset_omegat}</option>
            <option value="empty">{t.preset_empty}</option>
          </select>
        </div>
        <button type="submit">{t.downloadXliff}</button>
      </form>
      <p class="actions">
        <a class="button secondary" href={`/documents/${id}/tmx`} download>
          {t.downloadTmx}
        </a>
        {writable ? (
          <a class="button secondary" href={`/documents/${id}/import`}>
            {t.uploadXliff}
          </a>
        ) : null}
      </p>
    </section>
  );
}
