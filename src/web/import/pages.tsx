import type { GlossaryImportOutcome, ImportReport } from "../../usecases/glossary-exchange";
import { CsrfField, EntrySummary, Value } from "../components";
import { DiffList, diffEntries } from "../diff";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { DiacriticsWarning, diacriticTerms, FileKey, formatLabel, ImportFormatsHelp } from "./help";
import { importText } from "./messages";

/** A refusal on the upload page: the message in the page's language, the file's problems as found (English). */
export interface ImportError {
  message: string;
  detail?: string | undefined;
}

export function ImportPage(props: { csrfToken: string; error?: ImportError | undefined; formats: string[] }) {
  const t = useT(importText);
  return (
    <section class="narrow">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>
        <a href="/glossary/import/template" download>
          {t.template}
        </a>
      </p>
      {props.error ? (
        <div class="field-error" role="alert" tabindex={-1} autofocus id="error-summary">
          <p>{props.error.message}</p>
          {props.error.detail ? (
            <p lang="en" dir="ltr">
              {props.error.detail}
            </p>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/glossary/import" enctype="multipart/form-data" class="stack">
        <CsrfField token={props.csrfToken} />
        <label for="file">{t.file}</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,.tsv,.tbx,.xml,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
        <label for="format">{t.format}</label>
        <select id="format" name="format">
          <option value="auto">{t.fromName}</option>
          {props.formats.map((f) => (
            <option value={f}>{formatLabel(f)}</option>
          ))}
        </select>
        <label for="encoding">{t.encoding}</label>
        <select id="encoding" name="encoding">
          <option value="auto">{t.encodingAuto}</option>
          <option value="windows-1256">{t.encodingWindows1256}</option>
          <option value="iso-8859-6">{t.encodingIso88596}</option>
        </select>
        <fieldset>
          <legend>{t.mode}</legend>
          <label class="check">
            <input type="radio" name="mode" value="merge" checked /> {t.merge}
          </label>
          <label class="check">
            <input type="radio" name="mode" value="replace" /> {t.replace}
          </label>
        </fieldset>
        <button type="submit">{t.preview}</button>
      </form>
      <ImportFormatsHelp formats={props.formats} />
    </section>
  );
}

/** "Skip this row" (posted as skip=<key>): checked rows are left out when the import is applied. */
function SkipBox({ k, label }: { k: string; label: string }) {
  const t = useT(importText);
  return (
    <label class="check skip-row">
      <input type="checkbox" name="skip" value={k} form="apply-form" /> {t.skipRow}
      <span class="sr-only"> {label}</span>
    </label>
  );
}

export function ImportPreviewPage(props: {
  plan: GlossaryImportOutcome;
  content: string;
  format: string;
  fileName: string;
  csrfToken: string;
  notice?: string | undefined;
}) {
  const { plan } = props;
  const t = useT(importText);
  const i18n = useI18n();
  const count = (n: number) => <strong>{i18n.num(n)}</strong>;
  const nothing = !plan.added.length && !plan.changed.length && !plan.deleted.length;
  const report = plan.report;
  return (
    <section>
      <h1>{t.previewTitle}</h1>
      {props.notice ? (
        <p class="flash" aria-live="polite">
          {props.notice}
        </p>
      ) : null}
      {props.fileName ? (
        <p>
          <Fill text={t.fromFile} slots={{ file: <Value text={props.fileName} /> }} />
        </p>
      ) : null}
      <p class="counts">
        <Fill
          text={t.counts}
          slots={{
            added: count(plan.added.length),
            changed: count(plan.changed.length),
            deleted: count(plan.deleted.length),
            unchanged: i18n.num(plan.unchanged),
            mode: t[`mode_${plan.mode}`],
          }}
        />
      </p>
      <DiacriticsWarning terms={diacriticTerms(plan.added, plan.changed)} />
      {plan.skippedOnRequest.length ? <p>{t.skippedOnRequest(plan.skippedOnRequest.length)}</p> : null}
      {nothing ? null : <p>{t.skipHint}</p>}
      {plan.added.length ? (
        <>
          <h2>{t.additions}</h2>
          <ul class="plan">
            {plan.added.map((e, i) => (
              <li>
                <FileKey k={e.key} /> <EntrySummary e={e} />{" "}
                <span class="muted">
                  (<Value text={e.domain} />)
                </span>{" "}
                <SkipBox k={e.key} label={t.additionN(i + 1)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.changed.length ? (
        <>
          <h2>{t.changes}</h2>
          <ul class="plan">
            {plan.changed.map((c, i) => (
              <li>
                <a href={`/glossary/${c.id}`}>
                  <EntrySummary e={c.before} />
                </a>{" "}
                <SkipBox k={c.fileKey} label={t.changeN(i + 1)} />
                <p class="matched">
                  {c.matchedBy === "key" ? (
                    <Fill text={t.matchedByKey} slots={{ key: <FileKey k={c.fileKey} /> }} />
                  ) : (
                    <Fill
                      text={t.matchedByTerms}
                      slots={{ fileKey: <FileKey k={c.fileKey} />, key: <code>{c.key}</code> }}
                    />
                  )}
                </p>
                <DiffList lines={diffEntries(c.before, c.after)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.deleted.length ? (
        <>
          <h2>{t.deletions}</h2>
          <ul class="plan">
            {plan.deleted.map((d, i) => (
              <li class="removed">
                <code>{d.key}</code> <EntrySummary e={d.before} />{" "}
                <SkipBox k={d.key} label={t.deletionN(i + 1)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ImportReportView report={report} />
      {nothing ? (
        <p>{t.nothing}</p>
      ) : (
        <form method="post" action="/glossary/import/apply" class="actions" id="apply-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="format" value={props.format} />
          <input type="hidden" name="mode" value={plan.mode} />
          <input type="hidden" name="fileName" value={props.fileName} />
          <input type="hidden" name="glossaryVersion" value={String(plan.glossaryVersion)} />
          {plan.skippedOnRequest.map((s) => (
            <input type="hidden" name="skip" value={s.key} />
          ))}
          <textarea name="content" hidden>
            {props.content}
          </textarea>
          <button type="submit">{t.apply}</button> <a href="/glossary/import">{t.cancel}</a>
        </form>
      )}
    </section>
  );
}

/**
 * What the file holds that is not imported as written, item by item: entries skipped (with the line and
 * the reader's reason), entries imported with a change, and what Diwan does not store (with counts). The
 * reasons come from the file readers, in English: marked as such.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const t = useT(importText);
  const i18n = useI18n();
  const issues = (list: ImportReport["skipped"]) => (
    <ul class="plan report">
      {list.map((s) => (
        <li>
          {s.line > 0 ? <>{t.atLine(s.line)} </> : null}
          <Value text={s.entry} />
          {": "}
          <span lang="en" dir="ltr">
            {s.message}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      {report.skipped.length ? (
        <>
          <h2>{t.skippedTitle(report.skipped.length)}</h2>
          {issues(report.skipped)}
        </>
      ) : null}
      {report.adjusted.length ? (
        <>
          <h2>{t.adjustedTitle(report.adjusted.length)}</h2>
          {issues(report.adjusted)}
        </>
      ) : null}
      {report.notKept.length ? (
        <>
          <h2>{t.notKeptTitle}</h2>
          <ul class="plan report">
            {report.notKept.map((n) => (
              <li>
                <span lang="en" dir="ltr">
                  {n.what}
                </span>
                {": "}
                {i18n.num(n.count)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** After applying: what was done, what the file held that was not imported (item by item), ways on. */
export function ImportDonePage(props: { plan: GlossaryImportOutcome; links: [string, string][] }) {
  const { plan } = props;
  const t = useT(importText);
  return (
    <section class="narrow">
      <h1>{t.doneTitle}</h1>
      <p>{t.done(plan.added.length, plan.changed.length, plan.deleted.length, plan.unchanged)}</p>
      {plan.report.skipped.length || plan.skippedOnRequest.length ? (
        <p>{t.doneSkipped(plan.report.skipped.length, plan.skippedOnRequest.length)}</p>
      ) : null}
      <ImportReportView report={plan.report} />
      <ul class="links">
        {props.links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
