import { LANGS, TERM_STATUSES, type TermStatus } from "../../types";
import { CsrfField, FieldError, useLangName } from "../components";
import { type EntryForm, type FormErrors, headRows } from "./form";

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
  const langName = useLangName();
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
          const label = head ? `${langName(t.lang)} term` : `Variant term ${++variant}`;
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
                        {langName(l)}
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
