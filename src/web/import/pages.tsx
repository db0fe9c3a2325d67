import type { ImportPlan } from "../../db/glossary-import";
import { CsrfField, EntrySummary, Value } from "../components";
import { DiffList, diffEntries } from "../diff";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
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
          accept=".csv,.tsv,.tbx,.xml,text/csv,text/tab-separated-values"
          required
        />
        <label for="format">{t.format}</label>
        <select id="format" name="format">
          <option value="auto">{t.fromName}</option>
          {props.formats.map((f) => (
            <option value={f}>{f === "omegat" ? "OmegaT" : f.toUpperCase()}</option>
          ))}
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
    </section>
  );
}

export function ImportPreviewPage(props: {
  plan: ImportPlan;
  content: string;
  format: string;
  csrfToken: string;
  notice?: string | undefined;
}) {
  const { plan } = props;
  const t = useT(importText);
  const i18n = useI18n();
  const count = (n: number) => <strong>{i18n.num(n)}</strong>;
  const nothing = !plan.added.length && !plan.changed.length && !plan.deleted.length;
  return (
    <section>
      <h1>{t.previewTitle}</h1>
      {props.notice ? (
        <p class="flash" aria-live="polite">
          {props.notice}
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
      {plan.added.length ? (
        <>
          <h2>{t.additions}</h2>
          <ul class="plan">
            {plan.added.map((e) => (
              <li>
                <code>{e.key}</code> <EntrySummary e={e} />{" "}
                <span class="muted">
                  (<Value text={e.domain} />)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.changed.length ? (
        <>
          <h2>{t.changes}</h2>
          <ul class="plan">
            {plan.changed.map((c) => (
              <li>
                <a href={`/glossary/${c.id}`}>
                  <EntrySummary e={c.before} />
                </a>{" "}
                <code>{c.key}</code>
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
            {plan.deleted.map((d) => (
              <li class="removed">
                <code>{d.key}</code> <EntrySummary e={d.before} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {nothing ? (
        <p>{t.nothing}</p>
      ) : (
        <form method="post" action="/glossary/import/apply" class="actions">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="format" value={props.format} />
          <input type="hidden" name="mode" value={plan.mode} />
          <input type="hidden" name="glossaryVersion" value={String(plan.glossaryVersion)} />
          <textarea name="content" hidden>
            {props.content}
          </textarea>
          <button type="submit">{t.apply}</button> <a href="/glossary/import">{t.cancel}</a>
        </form>
      )}
    </section>
  );
}
