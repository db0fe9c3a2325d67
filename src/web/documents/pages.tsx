import type { DocumentStats } from "../../db/document-stats";
import type { DocumentInfo } from "../../db/documents";
import { SEGMENT_STATUSES, type SegmentStatus } from "../../types";
import { CsrfField, FieldError, Value } from "../components";
import { useI18n, useT } from "../i18n/i18n";
import { documentFilesText, documentsText } from "./messages";

export type DocumentRow = DocumentInfo & { stats: DocumentStats };

/** A workflow status as a word and a shape, never colour alone. */
export function SegmentStatusBadge({ status }: { status: SegmentStatus }) {
  const t = useT(documentsText);
  return <span class={`seg-status st-${status}`}>{t[`status_${status}`]}</span>;
}

export function DocumentListPage(props: {
  documents: DocumentRow[];
  hasMore: boolean;
  after: number | null;
  /** Title search (Arabic normalised as the API's `q`); "" lists every document. */
  q: string;
  writable: boolean;
}) {
  const t = useT(documentsText);
  const i18n = useI18n();
  const last = props.documents[props.documents.length - 1];
  const listUrl = (after: number | null) => {
    const p = new URLSearchParams();
    if (props.q) p.set("q", props.q);
    if (after !== null) p.set("after", String(after));
    const s = p.toString();
    return `/documents${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <div class="titlebar">
        <h1>{t.title}</h1>
        {props.writable ? (
          <a class="button" href="/documents/new">
            {t.newDocument}
          </a>
        ) : null}
      </div>
      <form method="get" action="/documents" class="search">
        <div class="field grow">
          <label for="q">{t.searchTitles}</label>
          <input id="q" name="q" type="search" value={props.q} dir="auto" autocomplete="off" />
        </div>
        <button type="submit">{t.search}</button>
        {props.q ? (
          <a href="/documents" class="button secondary">
            {t.clearSearch}
          </a>
        ) : null}
      </form>
      {props.documents.length === 0 ? (
        <p class="muted" id="no-documents">
          {props.q ? t.noMatch : t.noDocuments}
        </p>
      ) : (
        <table class="documents" aria-label={props.q ? t.found : t.title}>
          <thead>
            <tr>
              <th scope="col">{t.docTitle}</th>
              <th scope="col">{t.created}</th>
              <th scope="col">{t.segments}</th>
              <th scope="col">{t.byStatus}</th>
              <th scope="col">{t.toReview}</th>
            </tr>
          </thead>
          <tbody>
            {props.documents.map((d) => (
              <tr>
                <td>
                  <a href={`/documents/${d.id}`}>
                    <Value text={d.title} />
                  </a>
                </td>
                <td class="date">{i18n.dateTime(d.createdAt)}</td>
                <td class="num">{i18n.num(d.segmentCount)}</td>
                <td class="statuses">
                  {SEGMENT_STATUSES.filter((s) => d.stats.byStatus[s] > 0).map((s) => (
                    <span class="count">
                      <SegmentStatusBadge status={s} /> {i18n.num(d.stats.byStatus[s])}
                    </span>
                  ))}
                </td>
                <td class="num">
                  {d.stats.needsReview > 0 ? (
                    <a href={`/documents/${d.id}?filter=review`}>
                      {t.share(d.stats.needsReview, d.segmentCount)}
                    </a>
                  ) : (
                    i18n.num(0)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t.pages}>
        {props.after !== null ? <a href={listUrl(null)}>{t.firstPage}</a> : null}
        {props.hasMore && last ? (
          <a href={listUrl(last.id)} rel="next">
            {t.nextPage}
          </a>
        ) : null}
      </nav>
    </>
  );
}

export interface NewDocumentForm {
  title: string;
  ar: string;
  en: string;
}

export type NewDocumentErrors = Partial<Record<"title" | "ar" | "en", string>>;

/** What a file input accepts: the formats of createDocumentFromFiles (the server checks the content). */
const DOCUMENT_FILE_ACCEPT = ".txt,.html,.htm,.xhtml,.docx,.docm,.xliff,.xlf,.sdlxliff,.mqxliff";

export function NewDocumentPage(props: {
  form: NewDocumentForm;
  errors: NewDocumentErrors;
  csrfToken: string;
  /** Files were chosen for the refused request: the browser does not keep them, so say so. */
  filesChosen?: boolean;
  maxMegabytes: number;
}) {
  const t = useT(documentsText);
  const files = useT(documentFilesText);
  const { form, errors } = props;
  const messages = Object.entries(errors).filter(([, m]) => m);
  const described = (field: keyof NewDocumentErrors, hint?: string) => {
    const ids = [errors[field] ? `${field}-error` : "", hint ?? ""].filter(Boolean).join(" ");
    return {
      ...(ids ? { "aria-describedby": ids } : {}),
      ...(errors[field] ? { "aria-invalid": "true" as const } : {}),
    };
  };
  return (
    <section class="new-document">
      <h1>{t.newTitle}</h1>
      <p>{t.newIntro}</p>
      {messages.length ? (
        <div class="error-summary" role="alert" tabindex={-1} autofocus id="error-summary">
          <h2>{t.errorsTitle}</h2>
          <ul>
            {messages.map(([field, m]) => (
              <li>
                <a href={`#${field}`}>{m}</a>
              </li>
            ))}
          </ul>
          {props.filesChosen ? <p>{files.chooseAgain}</p> : null}
        </div>
      ) : null}
      <form method="post" action="/documents/new" enctype="multipart/form-data" class="stack">
        <CsrfField token={props.csrfToken} />
        <div class={`field${errors.title ? " has-error" : ""}`}>
          <label for="title">{t.titleLabel}</label>
          <input
            id="title"
            name="title"
            type="text"
            value={form.title}
            dir="auto"
            {...described("title", "title-hint")}
          />
          <p class="muted" id="title-hint">
            {t.titleHint}
          </p>
          <FieldError id="title-error" message={errors.title} />
        </div>
        <p class="muted" id="files-hint">
          {t.filesHint(props.maxMegabytes)}
        </p>
        <div class="two-texts">
          {(["ar", "en"] as const).map((lang) => (
            <div class={`field${errors[lang] ? " has-error" : ""}`}>
              <label for={lang}>{lang === "ar" ? t.arLabel : t.enLabel}</label>
              <textarea
                id={lang}
                name={lang}
                rows={12}
                lang={lang}
                dir={lang === "ar" ? "rtl" : "ltr"}
                {...described(lang)}
              >
                {form[lang]}
              </textarea>
              <label for={`${lang}_file`} class="file-label">
                {lang === "ar" ? t.arFile : t.enFile}
              </label>
              <input
                id={`${lang}_file`}
                name={`${lang}_file`}
                type="file"
                accept={DOCUMENT_FILE_ACCEPT}
                {...described(lang, "files-hint")}
              />
              <FieldError id={`${lang}-error`} message={errors[lang]} />
            </div>
          ))}
        </div>
        <button type="submit">{t.create}</button>
      </form>
    </section>
  );
}

export function DeleteDocumentPage(props: { doc: DocumentInfo; csrfToken: string }) {
  const t = useT(documentsText);
  return (
    <section class="narrow">
      <h1>{t.deleteTitle}</h1>
      <p>
        <strong>
          <Value text={props.doc.title} />
        </strong>
      </p>
      <p>{t.deleteWarning(props.doc.segmentCount)}</p>
      <form method="post" action={`/documents/${props.doc.id}/delete`} class="actions">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="danger">
          {t.deleteConfirm}
        </button>
        <a href={`/documents/${props.doc.id}`}>{t.cancel}</a>
      </form>
    </section>
  );
}
