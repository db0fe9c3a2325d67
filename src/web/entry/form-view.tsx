import { LANGS, TERM_STATUSES, type TermStatus } from "../../types";
import { CsrfField, FieldError, useLangName, useStatusName } from "../components";
import { useT } from "../i18n/i18n";
import { commonText } from "../messages";
import { type EntryForm, type FormErrors, headRows } from "./form";
import { entryText } from "./messages";

function StatusSelect(props: { id: string; name: string; value: TermStatus; of: string }) {
  const t = useT(entryText);
  const statusName = useStatusName();
  return (
    <div class="field">
      <label for={props.id}>
        {t.status}
        <span class="sr-only">{t.statusOf(props.of)}</span>
      </label>
      <select id={props.id} name={props.name}>
        {TERM_STATUSES.map((s) => (
          <option value={s} selected={s === props.value}>
            {statusName(s)}
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
  const required = useT(commonText).required;
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
          {required}
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

/**
 * A button that copies a term (the text of `from`, an input, else `text`). Rendered hidden: it needs the
 * clipboard, so web-src/glossary.js shows it; without JavaScript there is nothing to press.
 */
export function CopyButton({ text, from }: { text: string; from?: string }) {
  const t = useT(entryText);
  return (
    <button
      type="button"
      class="copy secondary small"
      hidden
      data-copy={text}
      data-copy-from={from}
      data-copied={t.copied}
      aria-label={t.copyTerm(text)}
    >
      {t.copy}
    </button>
  );
}

export function EntryFormView(props: {
  action: string;
  form: EntryForm;
  errors: FormErrors;
  csrfToken: string;
  domains: string[];
  /** The form shown again with what the user sent (refused or in conflict): not saved yet. */
  unsaved?: boolean;
}) {
  const { form, errors } = props;
  const t = useT(entryText);
  const langName = useLangName();
  const common = useT(commonText);
  const heads = headRows(form);
  let variant = 0;
  const errorList = Object.entries(errors);
  return (
    <form
      method="post"
      action={props.action}
      class="entry-form"
      id="entry-form"
      novalidate
      data-guard=""
      data-unsaved={props.unsaved ? "" : undefined}
    >
      <CsrfField token={props.csrfToken} />
      {form.version !== null ? <input type="hidden" name="version" value={String(form.version)} /> : null}
      {/*
        The form's default button is its first submit button: Enter in a field presses this one (Save), never
        "Add term". Not rendered (hidden) and so out of the tab order; the visible Save ends the form.
      */}
      <button type="submit" name="_action" value="save" hidden>
        {t.save}
      </button>
      {errorList.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
          <h2>{t.notSaved}</h2>
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
        <legend>{t.terms}</legend>
        <FieldError id="terms-error" message={errors.terms} />
        {form.terms.map((term, row) => {
          const head = heads.has(row);
          const n = head ? 0 : ++variant;
          const label = head ? common[`term_${term.lang}`] : t.variant(n);
          const id = `term-${row}`;
          return (
            <div class={`term-row${term.lang === "ar" ? " rtl-row" : ""}`}>
              {head ? (
                <input type="hidden" name="term_lang" value={term.lang} />
              ) : (
                <div class="field">
                  <label for={`${id}-lang`}>{t.languageOfVariant(n)}</label>
                  <select id={`${id}-lang`} name="term_lang" data-lang-of={`${id}-text`}>
                    {LANGS.map((l) => (
                      <option value={l} selected={l === term.lang}>
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
                value={term.text}
                error={errors[`terms.${row}.text`]}
                dir={term.lang === "ar" ? "rtl" : "ltr"}
                lang={term.lang}
                required={head}
              />
              <StatusSelect
                id={`${id}-status`}
                name="term_status"
                value={term.status}
                of={head ? label : t.variantLower(n)}
              />
              <TextField
                id={`${id}-pos`}
                name="term_pos"
                label={t.partOfSpeech}
                value={term.pos}
                error={errors[`terms.${row}.pos`]}
                dir="ltr"
              />
              <TextField
                id={`${id}-note`}
                name="term_note"
                label={t.termNote}
                value={term.note}
                error={errors[`terms.${row}.note`]}
                multiline
              />
              {term.text ? <CopyButton text={term.text} from={`${id}-text`} /> : null}
            </div>
          );
        })}
        <button type="submit" name="_action" value="add-term" class="secondary" formnovalidate>
          {t.addTerm}
        </button>
      </fieldset>
      <TextField
        id="domain"
        name="domain"
        label={t.domain}
        value={form.domain}
        error={errors.domain}
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
        label={t.definition}
        value={form.definition}
        error={errors.definition}
        multiline
      />
      <TextField id="note" name="note" label={t.note} value={form.note} error={errors.note} multiline />
      <TextField id="source" name="source" label={t.source} value={form.source} error={errors.source} />
      <div class="actions">
        <button type="submit" name="_action" value="save" aria-keyshortcuts="Control+S" title={t.saveHint}>
          {t.save}
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
