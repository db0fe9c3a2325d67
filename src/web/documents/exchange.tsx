import type { DocumentInfo } from "../../db/documents";
import type { ConflictReason } from "../../db/xliff";
import type { XliffImportResult } from "../../usecases/xliff-import";
import { CsrfField, Value } from "../components";
import { useT } from "../i18n/i18n";
import { exchangeText } from "./messages";

const REASON = {
  "unknown-unit": "reason_unknown_unit",
  "duplicate-unit": "reason_duplicate_unit",
  "source-changed": "reason_source_changed",
  locked: "reason_locked",
  "segmentation-changed": "reason_segmentation_changed",
} as const satisfies Record<ConflictReason, string>;

export interface UploadError {
  message: string;
  /** The reader's own words (English), shown marked as such. */
  detail?: string | undefined;
}

export function UploadPage(props: { doc: DocumentInfo; csrfToken: string; error?: UploadError | undefined }) {
  const t = useT(exchangeText);
  const { doc } = props;
  return (
    <section class="narrow">
      <p class="crumbs">
        <a href={`/documents/${doc.id}`}>{t.back}</a> · <Value text={doc.title} />
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1} autofocus id="error-summary">
          <p>{props.error.message}</p>
          {props.error.detail ? (
            <p lang="en" dir="ltr">
              {props.error.detail}
            </p>
          ) : null}
        </div>
      ) : null}
      <form method="post" action={`/documents/${doc.id}/import`} enctype="multipart/form-data" class="stack">
        <CsrfField token={props.csrfToken} />
        <label for="file">{t.file}</label>
        <input id="file" name="file" type="file" accept=".xlf,.xliff,.sdlxliff,.mqxliff,.xml" required />
        <button type="submit">{t.check}</button>
      </form>
    </section>
  );
}

/** The dry run's report (or, after applying, what was done), with the file carried back to apply it. */
export function ImportReportPage(props: {
  doc: DocumentInfo;
  result: XliffImportResult;
  content: string;
  csrfToken: string;
  applied: boolean;
}) {
  const t = useT(exchangeText);
  const { doc, result } = props;
  return (
    <section>
      <p class="crumbs">
        <a href={`/documents/${doc.id}`}>{t.back}</a> · <Value text={doc.title} />
      </p>
      <h1>{props.applied ? t.applied(result.updated) : t.reportTitle}</h1>
      {props.applied ? null : (
        <p class="counts">{t.counts(result.updated, result.unchanged, result.skipped)}</p>
      )}
      {result.conflicts.length ? (
        <>
          <h2>{t.conflicts}</h2>
          <ul class="plan" id="conflicts">
            {result.conflicts.map((c) => (
              <li>
                {t.unit} <code>{c.unitId}</code>: {t[REASON[c.reason]]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.applied ? (
        <p>
          <a class="button" href={`/documents/${doc.id}`}>
            {t.back}
          </a>
        </p>
      ) : result.updated > 0 ? (
        <form method="post" action={`/documents/${doc.id}/import/apply`} class="actions">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="content" value={props.content} />
          <button type="submit">{t.apply}</button>
          <a href={`/documents/${doc.id}`}>{t.back}</a>
        </form>
      ) : (
        <p class="muted">{t.nothing}</p>
      )}
    </section>
  );
}
