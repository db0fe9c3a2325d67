import { raw } from "hono/html";
import type { HistorySummary } from "../../db/document-review";
import type { QaIssue, QaIssueType } from "../../text/qa";
import { Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { documentsText, reviewText } from "./messages";
import { qaListHtml } from "./review-rows";

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

/** Each QA issue's short words in the page's language (the checker's own messages are English). */
export function useQaLabels(): Record<QaIssueType, string> {
  const t = useT(reviewText);
  const labels = {} as Record<QaIssueType, string>;
  for (const [type, key] of Object.entries(QA_LABEL) as [QaIssueType, (typeof QA_LABEL)[QaIssueType]][])
    labels[type] = t[key];
  return labels;
}

/** A bead's QA issues (src/web/documents/review-rows.ts writes them, as it does in the review table). */
export function QaList({ issues, ar, en }: { issues: readonly QaIssue[]; ar?: string; en?: string | null }) {
  return raw(qaListHtml(issues, useQaLabels(), ar, en));
}

/** The operations a select offers on the ticked beads (the keyboard and the row menus post the same). */
export const BEAD_OPS = [
  ["merge", "m", "opMerge"],
  ["move-en-first", "[", "opMoveEnFirst"],
  ["move-en-last", "]", "opMoveEnLast"],
  ["move-ar-first", "{", "opMoveArFirst"],
  ["move-ar-last", "}", "opMoveArLast"],
  ["unpair", "u", "opUnpair"],
  ["realign", "g", "opRealign"],
  ["approve-range", "A", "opApproveRange"],
] as const;

/**
 * The operations on the ticked beads: approve / mark reviewed each (against its own version), and the bead
 * operations (against the document's version) chosen from a list. `data-key` names each key (app.js).
 */
export function Toolbar({ id }: { id: string }) {
  const t = useT(reviewText);
  return (
    <div class="toolbar" id={id}>
      <button type="submit" form="ops" name="action" value="approve" data-key="a">
        {t.approveSelected}
      </button>
      <button type="submit" form="ops" name="action" value="reviewed" class="secondary" data-key="r">
        {t.reviewedSelected}
      </button>
      <span class="op-pick">
        <label for={`${id}-op`}>{t.operation}</label>{" "}
        <select id={`${id}-op`} name={`op_${id}`} form="ops">
          {BEAD_OPS.map(([value, , label]) => (
            <option value={value}>{t[label]}</option>
          ))}
        </select>{" "}
        <button type="submit" form="ops" name="action" value={`pick:${id}`} class="secondary">
          {t.applyOp}
        </button>
      </span>
    </div>
  );
}

/**
 * The menu each row gets from app.js (one template, not 200 copies): a button per operation, posting the
 * ops form for that row. Split needs a point, so it opens the segment page's split form. The last two open
 * the bead's inline editor (its English with the memory's matches; add to glossary) under the row.
 */
export function BeadMenuTemplate() {
  const t = useT(reviewText);
  return (
    <template id="bead-menu">
      <fieldset class="bead-menu">
        <legend class="sr-only">{t.menu}</legend>
        {BEAD_OPS.filter(([v]) => v !== "realign" && v !== "approve-range").map(([value, key, label]) => (
          <button type="submit" form="ops" name="action" value={value} data-key={key}>
            {t[label]} <kbd>{key}</kbd>
          </button>
        ))}
        <a href="#split" data-split="">
          {t.opSplit} <kbd>s</kbd>
        </a>
        <button type="button" data-edit="en">
          {t.opEdit} <kbd>e</kbd>
        </button>
        <button type="button" data-edit="term">
          {t.opTerm} <kbd>t</kbd>
        </button>
      </fieldset>
    </template>
  );
}

function reviewUrl(id: number, filter: string, from: number | null) {
  const p = new URLSearchParams();
  if (filter !== "all") p.set("filter", filter);
  if (from !== null) p.set("from", String(from));
  const s = p.toString();
  return `/documents/${id}${s ? `?${s}` : ""}`;
}

/** Links between pages of beads (the keyboard follows them past the first and last row: app.js). */
export function Pager(props: {
  id: number;
  filter: string;
  from: number | null;
  prevFrom: number | null;
  nextFrom: number | null;
  range: [number, number] | null;
  total: number;
  /** The second pager (below the table) is named apart: two landmarks must not share a name. */
  end?: boolean;
}) {
  const d = useT(documentsText);
  const t = useT(reviewText);
  return (
    <nav class="pager" aria-label={props.end ? t.pagesEnd : d.pages}>
      {props.range ? <span>{t.pageRange(props.range[0], props.range[1], props.total)}</span> : null}
      {props.from !== null ? (
        <a href={reviewUrl(props.id, props.filter, props.prevFrom)} rel="prev" data-page="prev">
          {d.previousBeads}
        </a>
      ) : null}
      {props.nextFrom !== null ? (
        <a href={reviewUrl(props.id, props.filter, props.nextFrom)} rel="next" data-page="next">
          {d.nextBeads}
        </a>
      ) : null}
    </nav>
  );
}

const OP_LABEL = {
  merge: "hist_merge",
  split: "hist_split",
  move: "hist_move",
  unpair: "hist_unpair",
  realign: "hist_realign",
  status: "hist_status",
  undo: "hist_undo",
  edit: "hist_edit",
  "segment-status": "hist_segment_status",
} as const;

/**
 * The document's latest operations, newest first, each with who and when, and a button that undoes it
 * (an undo's button redoes: it undoes the undo). Keys: z undoes the newest, y redoes.
 */
export function History({ items, writable }: { items: readonly HistorySummary[]; writable: boolean }) {
  const t = useT(reviewText);
  const i18n = useI18n();
  if (items.length === 0) return null;
  return (
    <section class="history" aria-labelledby="history-h">
      <h2 id="history-h">{t.historyTitle}</h2>
      <ol>
        {items.map((h) => {
          const label = t[OP_LABEL[h.op as keyof typeof OP_LABEL] ?? "hist_other"];
          // Undoing an undo redoes what it undid; undoing a redo undoes again.
          const redo = h.op === "undo" && h.undidOp !== "undo";
          return (
            <li>
              {label}
              {h.undid !== null ? ` (${t.hist_of(h.undid)})` : ""} · <Value text={h.actor} /> ·{" "}
              <time datetime={h.at}>{i18n.toDigits(h.at.slice(0, 16).replace("T", " "))}</time>
              {h.undoneBy !== null ? (
                <> · {t.hist_undone}</>
              ) : writable ? (
                <>
                  {" "}
                  <button
                    type="submit"
                    form="ops"
                    name="action"
                    value={`undo-op:${h.id}`}
                    class="small secondary"
                    data-history={redo ? "redo" : "undo"}
                  >
                    {redo ? t.redo : t.undo}
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Downloads (XLIFF with a CAT-tool preset, TMX) and the upload of a translated XLIFF. */
export function Exchange({ id, writable }: { id: number; writable: boolean }) {
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
