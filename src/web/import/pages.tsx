import type { ImportPlan } from "../../db/glossary-import";
import { CsrfField, EntrySummary } from "../components";
import { DiffList, diffEntries } from "../diff";

export function ImportPage(props: { csrfToken: string; error?: string | undefined; formats: string[] }) {
  return (
    <section class="narrow">
      <h1>Import glossary entries</h1>
      <p>
        Upload a CSV, TSV or TBX file (at most 2 MB here; larger files through the API). You will see what
        would change before anything is saved.
      </p>
      {props.error ? (
        <p class="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/glossary/import" enctype="multipart/form-data" class="stack">
        <CsrfField token={props.csrfToken} />
        <label for="file">File</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,.tsv,.tbx,.xml,text/csv,text/tab-separated-values"
          required
        />
        <label for="format">Format</label>
        <select id="format" name="format">
          <option value="auto">From the file name</option>
          {props.formats.map((f) => (
            <option value={f}>{f.toUpperCase()}</option>
          ))}
        </select>
        <fieldset>
          <legend>Mode</legend>
          <label class="check">
            <input type="radio" name="mode" value="merge" checked /> Merge: add new entries and update changed
            ones
          </label>
          <label class="check">
            <input type="radio" name="mode" value="replace" /> Replace: also delete entries that are not in
            the file
          </label>
        </fieldset>
        <button type="submit">Preview import</button>
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
  const nothing = !plan.added.length && !plan.changed.length && !plan.deleted.length;
  return (
    <section>
      <h1>Import preview</h1>
      {props.notice ? (
        <p class="flash" aria-live="polite">
          {props.notice}
        </p>
      ) : null}
      <p class="counts">
        <strong>{plan.added.length}</strong> to add, <strong>{plan.changed.length}</strong> to change,{" "}
        <strong>{plan.deleted.length}</strong> to delete, {plan.unchanged} unchanged ({plan.mode}).
      </p>
      {plan.added.length ? (
        <>
          <h2>Additions</h2>
          <ul class="plan">
            {plan.added.map((e) => (
              <li>
                <code>{e.key}</code> <EntrySummary e={e} /> <span class="muted">({e.domain})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.changed.length ? (
        <>
          <h2>Changes</h2>
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
          <h2>Deletions</h2>
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
        <p>Nothing to import: the glossary already holds this file.</p>
      ) : (
        <form method="post" action="/glossary/import/apply" class="actions">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="format" value={props.format} />
          <input type="hidden" name="mode" value={plan.mode} />
          <input type="hidden" name="glossaryVersion" value={String(plan.glossaryVersion)} />
          <textarea name="content" hidden>
            {props.content}
          </textarea>
          <button type="submit">Apply import</button> <a href="/glossary/import">Cancel</a>
        </form>
      )}
    </section>
  );
}
