import type { DocumentInfo } from "../../db/documents";
import type { FuzzyMatch } from "../../db/tm-match";
import type { DiffPart } from "../../text/fuzzy";
import type { QaIssue } from "../../text/qa";
import type { Segment } from "../../types";
import { CsrfField, Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { BeadForms } from "./bead-forms";
import { segmentText } from "./messages";
import { SegmentStatusBadge } from "./pages";
import { QaList } from "./review-parts";

export interface SegmentPageProps {
  doc: DocumentInfo;
  segment: Segment;
  /** What the English field holds (the stored text, or the user's after a conflict or a match taken). */
  en: string;
  /** The version the form saves against. */
  version: number;
  qa: QaIssue[];
  matches: FuzzyMatch[];
  prevId: number | null;
  nextId: number | null;
  writable: boolean;
  csrfToken: string;
  /** Someone else's save that this form's would have overwritten. */
  conflict?: Segment | undefined;
  notice?: string | undefined;
}

/** The stored sentence of a match against the segment's: what the match lacks struck, what it adds marked. */
export function MatchDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) => {
        const gap = i > 0 ? " " : "";
        if (p.op === "equal") return `${gap}${p.match ?? ""}`;
        return (
          <>
            {gap}
            {p.query ? <del>{p.query}</del> : null}
            {p.query && p.match ? " " : null}
            {p.match ? <ins>{p.match}</ins> : null}
          </>
        );
      })}
    </>
  );
}

export function SegmentPage(props: SegmentPageProps) {
  const t = useT(segmentText);
  const i18n = useI18n();
  const { doc, segment: s } = props;
  const base = `/documents/${doc.id}`;
  const action = `${base}/segments/${s.id}`;
  return (
    <section class="segment-page">
      <p class="crumbs">
        <a href={`${base}#s${s.id}`}>{t.back}</a> · <Value text={doc.title} />
      </p>
      <h1>{t.title(s.position + 1)}</h1>
      <nav class="pager" aria-label={t.title(s.position + 1)}>
        {props.prevId !== null ? (
          <a href={`${base}/segments/${props.prevId}`} rel="prev">
            {t.previous}
          </a>
        ) : null}
        {props.nextId !== null ? (
          <a href={`${base}/segments/${props.nextId}`} rel="next">
            {t.next}
          </a>
        ) : null}
      </nav>
      {props.conflict ? (
        <div class="conflict" role="alert" tabindex={-1} autofocus id="conflict">
          <h2>{t.conflictTitle}</h2>
          <p>{t.conflictIntro}</p>
          <dl>
            <dt>{t.theirs}</dt>
            <dd lang="en" dir="ltr" id="theirs">
              {props.conflict.en ?? "—"}
            </dd>
            <dt>{t.theirStatus}</dt>
            <dd>
              <SegmentStatusBadge status={props.conflict.status} />
            </dd>
          </dl>
        </div>
      ) : null}
      {props.notice ? (
        <p class="flash" aria-live="polite">
          {props.notice}
        </p>
      ) : null}
      <div class="pair">
        <div class="pair-ar">
          <h2 id="ar-h">{t.arabic}</h2>
          <p lang="ar" dir="rtl" class="ar source" id="ar-text">
            {s.ar}
          </p>
          <p class="muted">
            {t.confidence}: {s.score === null ? "—" : i18n.toDigits(s.score.toFixed(2))} ·{" "}
            <SegmentStatusBadge status={s.status} />
          </p>
        </div>
        <form method="post" action={action} class="pair-en stack" id="segment-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="version" value={String(props.version)} />
          <label for="en">{t.english}</label>
          <textarea id="en" name="en" rows={5} lang="en" dir="ltr" readonly={!props.writable}>
            {props.en}
          </textarea>
          {props.writable ? (
            <p class="actions">
              <button type="submit" name="_action" value="save">
                {t.save}
              </button>
              <button type="submit" name="_action" value="approve" class="secondary">
                {t.saveApprove}
              </button>
            </p>
          ) : null}
        </form>
      </div>
      <h2>{t.qa}</h2>
      {props.qa.length ? <QaList issues={props.qa} ar={s.ar} en={props.en} /> : <p class="muted">{t.noQa}</p>}
      {props.writable ? (
        <BeadForms docId={doc.id} docVersion={doc.version} segment={s} csrfToken={props.csrfToken} />
      ) : null}
      <h2>{t.matches}</h2>
      {props.matches.length === 0 ? (
        <p class="muted">{t.noMatches}</p>
      ) : (
        <ol class="matches">
          {props.matches.map((m) => (
            <li>
              <strong class="score">{t.score(m.score)}</strong>{" "}
              <span lang="ar" dir="rtl" class="ar">
                <MatchDiff parts={m.diff} />
              </span>
              <div lang="en" dir="ltr">
                {m.en}
              </div>
              {props.writable ? (
                <button
                  type="submit"
                  form="segment-form"
                  name="_action"
                  value={`use:${m.segmentId}`}
                  class="small secondary"
                  aria-label={t.useMatchLabel(m.score)}
                  data-fill={m.en}
                  data-filled={t.matchFilled}
                >
                  {t.useMatch}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="add-term-h" class="add-term">
        <h2 id="add-term-h">{t.addTerm}</h2>
        <p>{t.addTermIntro}</p>
        <form method="get" action="/glossary/new" class="search" id="add-term">
          <div class="field grow">
            <label for="term-ar">{t.termAr}</label>
            <input id="term-ar" name="ar" type="text" lang="ar" dir="rtl" />
          </div>
          <div class="field grow">
            <label for="term-en">{t.termEn}</label>
            <input id="term-en" name="en" type="text" lang="en" dir="ltr" />
          </div>
          <input type="hidden" name="source" value={`${doc.title} #${s.position + 1}`} />
          <button type="submit">{t.openEntry}</button>
        </form>
      </section>
    </section>
  );
}
