import type { HistoryRecord } from "../db/glossary";
import type { ImportPlan } from "../db/glossary-import";
import type { TokenInfo } from "../db/tokens";
import { type GlossaryEntry, LANGS, TERM_STATUSES, type TermStatus } from "../types";
import { type DiffLine, DiffList, diffEntries } from "./diff";
import type { EntryForm, FormErrors } from "./entry-form";
import { headRows } from "./entry-form";
import { CsrfField, FieldError, headTerm, LANG_NAMES, StatusBadge, TermText } from "./layout";

export function LoginPage(props: { error?: string; next: string }) {
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <p>Sign in with a Diwan API token. Read-only tokens can browse; write tokens can edit.</p>
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <label for="token">Access token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          spellcheck={false}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={props.error ? "token-error" : undefined}
        />
        <FieldError id="token-error" message={props.error} />
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

export interface ListFilters {
  q: string;
  domain: string;
  status: string;
  after: number | null;
}

function listUrl(f: ListFilters, after: number | null): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.domain) p.set("domain", f.domain);
  if (f.status) p.set("status", f.status);
  if (after !== null) p.set("after", String(after));
  const s = p.toString();
  return s ? `/glossary?${s}` : "/glossary";
}

export function GlossaryPage(props: {
  filters: ListFilters;
  domains: string[];
  entries: GlossaryEntry[];
  hasMore: boolean;
  writable: boolean;
  exportFormats: string[];
}) {
  const f = props.filters;
  return (
    <>
      <div class="titlebar">
        <h1>Glossary</h1>
        {props.writable ? (
          <a class="button" href="/glossary/new">
            New entry
          </a>
        ) : null}
      </div>
      <form method="get" action="/glossary" class="search" id="search-form">
        <div class="field grow">
          <label for="q">Search</label>
          <input id="q" name="q" type="search" value={f.q} dir="auto" autocomplete="off" />
        </div>
        <div class="field">
          <label for="domain">Domain</label>
          <select id="domain" name="domain">
            <option value="">All domains</option>
            {props.domains.map((d) => (
              <option value={d} selected={d === f.domain}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any status</option>
            {TERM_STATUSES.map((s) => (
              <option value={s} selected={s === f.status}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <Results {...props} />
      <section class="exports" aria-label="Export">
        <h2>Export</h2>
        <p class="actions">
          {props.exportFormats.map((f) => (
            <a class="button secondary" href={`/glossary/export?format=${f}`} download>
              {`Export ${f === "tbx2008" ? "TBX 2008" : f.toUpperCase()}`}
            </a>
          ))}
        </p>
      </section>
    </>
  );
}

/** The results region: also served alone (x-fragment: results) for the live search script. */
export function Results(props: { filters: ListFilters; entries: GlossaryEntry[]; hasMore: boolean }) {
  const f = props.filters;
  const last = props.entries[props.entries.length - 1];
  return (
    <section id="results" aria-live="polite" aria-label="Results">
      {props.entries.length === 0 ? (
        <p class="muted">No entries match.</p>
      ) : (
        <table class="entries">
          <thead>
            <tr>
              <th scope="col" class="ar-head">
                Arabic
              </th>
              <th scope="col">English</th>
              <th scope="col">Domain</th>
              <th scope="col">Other terms</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => {
              const ar = headTerm(e, "ar");
              const en = headTerm(e, "en");
              const others = e.terms.filter((t) => t !== ar && t !== en);
              return (
                <tr>
                  <td class="ar-cell" lang="ar" dir="rtl">
                    <a href={`/glossary/${e.id}`} lang="ar">
                      {ar?.text ?? "—"}
                    </a>
                  </td>
                  <td>
                    <a href={`/glossary/${e.id}`}>{en?.text ?? "—"}</a>
                  </td>
                  <td class="domain">{e.domain}</td>
                  <td class="others">
                    {others.map((t) => (
                      <span class={`term term-${t.status}`}>
                        <TermText term={t} /> <StatusBadge status={t.status} />
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {f.after !== null ? <a href={listUrl(f, null)}>First page</a> : null}
        {props.hasMore && last ? (
          <a href={listUrl(f, last.id)} rel="next">
            Next page
          </a>
        ) : null}
      </nav>
    </section>
  );
}

function StatusSelect(props: { id: string; name: string; value: TermStatus; of: string }) {
  return (
    <div class="field">
      <label for={props.id}>
        Status<span class="sr-only"> of {props.of}</span>
      </label>
      <select id={props.id} name={props.name}>
        {TERM_STATUSES.map((s) => (
          <option value={s} selected={s === props.value}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  dir?: "rtl" | "ltr" | "auto";
  lang?: string;
  multiline?: boolean;
  required?: boolean;
  list?: string;
}) {
  const errId = `${props.id}-error`;
  const common = {
    id: props.id,
    name: props.name,
    dir: props.dir ?? "auto",
    ...(props.lang ? { lang: props.lang } : {}),
    "aria-invalid": props.error ? "true" : undefined,
    "aria-describedby": props.error ? errId : undefined,
    "aria-required": props.required ? "true" : undefined,
  };
  return (
    <div class={`field${props.error ? " has-error" : ""}`}>
      <label for={props.id}>{props.label}</label>
      {props.required ? (
        <span class="req" aria-hidden="true">
          required
        </span>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={3}>
          {props.value}
        </textarea>
      ) : (
        <input {...common} type="text" value={props.value} list={props.list} />
      )}
      <FieldError id={errId} message={props.error} />
    </div>
  );
}

export function EntryFormView(props: {
  action: string;
  form: EntryForm;
  errors: FormErrors;
  csrfToken: string;
  domains: string[];
}) {
  const { form, errors } = props;
  const heads = headRows(form);
  let variant = 0;
  const errorList = Object.entries(errors);
  return (
    <form method="post" action={props.action} class="entry-form" novalidate>
      <CsrfField token={props.csrfToken} />
      {form.version !== null ? <input type="hidden" name="version" value={String(form.version)} /> : null}
      {errorList.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>The entry was not saved</h2>
          <ul>
            {errorList.map(([field, message]) => (
              <li>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset class="terms" aria-describedby={errors.terms ? "terms-error" : undefined}>
        <legend>Terms</legend>
        <FieldError id="terms-error" message={errors.terms} />
        {form.terms.map((t, row) => {
          const head = heads.has(row);
          const label = head ? `${LANG_NAMES[t.lang]} term` : `Variant term ${++variant}`;
          const id = `term-${row}`;
          return (
            <div class={`term-row${t.lang === "ar" ? " rtl-row" : ""}`}>
              {head ? (
                <input type="hidden" name="term_lang" value={t.lang} />
              ) : (
                <div class="field">
                  <label for={`${id}-lang`}>{`Language of variant ${variant}`}</label>
                  <select id={`${id}-lang`} name="term_lang">
                    {LANGS.map((l) => (
                      <option value={l} selected={l === t.lang}>
                        {LANG_NAMES[l]}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <TextField
                id={`${id}-text`}
                name="term_text"
                label={label}
                value={t.text}
                error={errors[`terms.${row}.text`]}
                dir={t.lang === "ar" ? "rtl" : "ltr"}
                lang={t.lang}
                required={head}
              />
              <StatusSelect
                id={`${id}-status`}
                name="term_status"
                value={t.status}
                of={label.replace(/^Variant/, "variant")}
              />
              <TextField
                id={`${id}-pos`}
                name="term_pos"
                label="Part of speech"
                value={t.pos}
                error={errors[`terms.${row}.pos`]}
                dir="ltr"
              />
              <TextField
                id={`${id}-note`}
                name="term_note"
                label="Term note"
                value={t.note}
                error={errors[`terms.${row}.note`]}
              />
            </div>
          );
        })}
        <button type="submit" name="_action" value="add-term" class="secondary" formnovalidate>
          Add term
        </button>
      </fieldset>
      <TextField
        id="domain"
        name="domain"
        label="Domain"
        value={form.domain}
        error={errors.domain}
        dir="ltr"
        required
        list="domain-list"
      />
      <datalist id="domain-list">
        {props.domains.map((d) => (
          <option value={d} />
        ))}
      </datalist>
      <TextField
        id="definition"
        name="definition"
        label="Definition"
        value={form.definition}
        error={errors.definition}
        multiline
      />
      <TextField id="note" name="note" label="Note" value={form.note} error={errors.note} multiline />
      <TextField id="source" name="source" label="Source" value={form.source} error={errors.source} />
      <div class="actions">
        <button type="submit" name="_action" value="save">
          Save
        </button>
      </div>
    </form>
  );
}

/** The id of the control a form error belongs to (for the error summary links). */
export function fieldId(field: string): string {
  const m = /^terms\.(\d+)\.(\w+)$/.exec(field);
  if (m) return `term-${m[1]}-${m[2]}`;
  if (field === "terms") return "terms-error";
  return field;
}

export function EntryView({ entry }: { entry: GlossaryEntry }) {
  return (
    <dl class="entry-view">
      <dt>Terms</dt>
      <dd>
        <ul class="term-list">
          {entry.terms.map((t) => (
            <li class={`term term-${t.status}`}>
              <span class="lang">{LANG_NAMES[t.lang]}</span> <TermText term={t} />{" "}
              <StatusBadge status={t.status} />
              {t.partOfSpeech ? <span class="muted"> {t.partOfSpeech}</span> : null}
              {t.note ? (
                <span class="term-note" dir="auto">
                  {" "}
                  — {t.note}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </dd>
      <dt>Domain</dt>
      <dd>{entry.domain}</dd>
      {entry.definition ? (
        <>
          <dt>Definition</dt>
          <dd dir="auto">{entry.definition}</dd>
        </>
      ) : null}
      {entry.note ? (
        <>
          <dt>Note</dt>
          <dd dir="auto">{entry.note}</dd>
        </>
      ) : null}
      {entry.source ? (
        <>
          <dt>Source</dt>
          <dd dir="auto">{entry.source}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function entryTitle(e: Pick<GlossaryEntry, "terms">): string {
  const en = headTerm(e, "en")?.text ?? "";
  const ar = headTerm(e, "ar")?.text ?? "";
  return `${en} — ${ar}`;
}

export function EntryHeading({ entry }: { entry: GlossaryEntry }) {
  const ar = headTerm(entry, "ar");
  const en = headTerm(entry, "en");
  return (
    <h1 class="entry-title">
      {en ? <TermText term={en} /> : null}
      {ar ? (
        <>
          {" "}
          <span aria-hidden="true">·</span> <TermText term={ar} />
        </>
      ) : null}
    </h1>
  );
}

export function EntryLinks({ id, writable, version }: { id: number; writable: boolean; version: number }) {
  return (
    <p class="entry-links">
      <span class="muted">Version {version}</span> · <a href={`/glossary/${id}/history`}>History</a>
      {writable ? (
        <>
          {" "}
          · <a href={`/glossary/${id}/delete`}>Delete</a>
        </>
      ) : null}
    </p>
  );
}

export interface ConflictInfo {
  /** The change someone else made since the version the user loaded. */
  lines: DiffLine[];
  actors: string[];
  at: string | null;
  loadedVersion: number;
  currentVersion: number;
}

export function ConflictNotice({ conflict }: { conflict: ConflictInfo }) {
  return (
    <div class="conflict" role="alert" id="conflict">
      <h2>Not saved: someone else changed this entry</h2>
      <p>
        You loaded version {conflict.loadedVersion}; it is now at version {conflict.currentVersion}
        {conflict.actors.length ? `, changed by ${conflict.actors.join(", ")}` : ""}
        {conflict.at ? (
          <>
            {" "}
            at <time datetime={conflict.at}>{conflict.at.replace("T", " ").slice(0, 19)} UTC</time>
          </>
        ) : null}
        . Your input is kept below. Their change:
      </p>
      <DiffList lines={conflict.lines} />
      <p>
        Review it, adjust your input if needed, then press Save again to replace their version with yours.
      </p>
    </div>
  );
}

export function DeletePage(props: {
  entry: GlossaryEntry;
  csrfToken: string;
  conflict?: ConflictInfo | undefined;
}) {
  return (
    <section class="narrow">
      <EntryHeading entry={props.entry} />
      {props.conflict ? <ConflictNotice conflict={props.conflict} /> : null}
      <h2>Delete this entry?</h2>
      <p>The entry and its terms are removed from the glossary. Its history is kept.</p>
      <EntryView entry={props.entry} />
      <form method="post" action={`/glossary/${props.entry.id}/delete`} class="actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.entry.version)} />
        <button type="submit" class="danger">
          Delete entry
        </button>{" "}
        <a href={`/glossary/${props.entry.id}`}>Cancel</a>
      </form>
    </section>
  );
}

const ACTION_TEXT = { create: "Created", update: "Changed", delete: "Deleted" } as const;

export function HistoryPage({ id, records }: { id: number; records: HistoryRecord[] }) {
  const last = records[records.length - 1];
  const latest = last?.after ?? last?.before;
  return (
    <section>
      <h1>
        History of {latest ? <EntrySummary e={latest} /> : `entry ${id}`}
        {last?.action === "delete" ? " (deleted)" : ""}
      </h1>
      <p>
        <a href={`/glossary/${id}`}>Back to the entry</a>
      </p>
      <ol class="history" reversed>
        {[...records].reverse().map((r) => (
          <li>
            <h2>
              Version {r.version}: {ACTION_TEXT[r.action]} by {r.actor ?? "unknown"},{" "}
              <time datetime={r.at}>{r.at.replace("T", " ").slice(0, 19)} UTC</time>
            </h2>
            <DiffList lines={diffEntries(r.before, r.after)} />
          </li>
        ))}
      </ol>
    </section>
  );
}

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

function EntrySummary({ e }: { e: { terms: GlossaryEntry["terms"] } }) {
  const ar = headTerm(e, "ar");
  const en = headTerm(e, "en");
  return (
    <>
      {en ? <TermText term={en} /> : null} · {ar ? <TermText term={ar} /> : null}
    </>
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

export function TokensPage(props: {
  tokens: TokenInfo[];
  csrfToken: string;
  created?: { name: string; token: string } | undefined;
  error?: string | undefined;
}) {
  return (
    <section>
      <h1>API tokens</h1>
      {props.created ? (
        <div class="flash" aria-live="polite">
          <p>
            Token <strong>{props.created.name}</strong> created. Copy it now: it is not shown again.
          </p>
          <p>
            <code class="secret">{props.created.token}</code>
          </p>
        </div>
      ) : null}
      <table class="tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>{t.scope}</td>
              <td>{t.createdAt.slice(0, 16).replace("T", " ")}</td>
              <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td>
                {t.revokedAt ? (
                  "revoked"
                ) : (
                  <form method="post" action={`/tokens/${t.id}/revoke`} class="inline">
                    <CsrfField token={props.csrfToken} />
                    <button type="submit" class="danger small" aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Create a token</h2>
      <form method="post" action="/tokens" class="stack narrow">
        <CsrfField token={props.csrfToken} />
        <label for="token-name">Name</label>
        <input id="token-name" name="name" type="text" required maxlength={100} />
        <FieldError id="token-name-error" message={props.error} />
        <label for="token-scope">Scope</label>
        <select id="token-scope" name="scope">
          <option value="read">read</option>
          <option value="write">write</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}

export function MessagePage({
  title,
  message,
  link,
}: {
  title: string;
  message: string;
  link?: [string, string];
}) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      {link ? (
        <p>
          <a href={link[0]}>{link[1]}</a>
        </p>
      ) : null}
    </section>
  );
}
