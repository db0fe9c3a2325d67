import type { DocumentInfo } from "../../db/documents";
import type { FuzzyMatch } from "../../db/tm-match";
import type { QaIssue } from "../../text/qa";
import type { Segment } from "../../types";
import { Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { BeadForms } from "./bead-forms";
import { segmentText } from "./messages";
import { SegmentStatusBadge } from "./pages";
import { QaList } from "./review-parts";
import { AddTermForm, ConflictNotice, EnglishForm, MatchList } from "./segment-editor";

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
      {props.conflict ? <ConflictNotice conflict={props.conflict} prefix="" /> : null}
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
        <EnglishForm {...props} action={action} prefix="" class="pair-en stack" />
      </div>
      <h2>{t.qa}</h2>
      {props.qa.length ? <QaList issues={props.qa} ar={s.ar} en={props.en} /> : <p class="muted">{t.noQa}</p>}
      {props.writable ? (
        <BeadForms docId={doc.id} docVersion={doc.version} segment={s} csrfToken={props.csrfToken} />
      ) : null}
      <h2>{t.matches}</h2>
      <MatchList matches={props.matches} prefix="" writable={props.writable} />
      <AddTermForm
        prefix=""
        source={`${doc.title} #${s.position + 1}`}
        back={`/documents/${doc.id}#s${s.id}`}
      />
    </section>
  );
}
