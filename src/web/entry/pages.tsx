import type { GlossaryEntry } from "../../types";
import {
  CsrfField,
  headTerm,
  headTermsInOrder,
  StatusBadge,
  TermText,
  useLangName,
  Value,
} from "../components";
import { type DiffLine, DiffList } from "../diff";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { CopyButton } from "./form-view";
import { entryText } from "./messages";

export function EntryView({ entry }: { entry: GlossaryEntry }) {
  const langName = useLangName();
  const t = useT(entryText);
  return (
    <dl class="entry-view">
      <dt>{t.terms}</dt>
      <dd>
        <ul class="term-list">
          {entry.terms.map((term) => (
            <li class={`term term-${term.status}`}>
              <span class="lang">{langName(term.lang)}</span> <TermText term={term} />{" "}
              <StatusBadge status={term.status} />
              {term.partOfSpeech ? (
                <span class="muted">
                  {" "}
                  <Value text={term.partOfSpeech} />
                </span>
              ) : null}
              {term.note ? (
                <span class="term-note">
                  {" "}
                  — <Value text={term.note} />
                </span>
              ) : null}{" "}
              <CopyButton text={term.text} />
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t.domain}</dt>
      <Value text={entry.domain} as="dd" />
      {entry.definition ? (
        <>
          <dt>{t.definition}</dt>
          <Value text={entry.definition} as="dd" />
        </>
      ) : null}
      {entry.note ? (
        <>
          <dt>{t.note}</dt>
          <Value text={entry.note} as="dd" />
        </>
      ) : null}
      {entry.source ? (
        <>
          <dt>{t.source}</dt>
          <Value text={entry.source} as="dd" />
        </>
      ) : null}
    </dl>
  );
}

/** The page title of an entry: its head terms, English — Arabic (plain text: a <title>). */
export function entryTitle(e: Pick<GlossaryEntry, "terms">): string {
  const en = headTerm(e, "en")?.text ?? "";
  const ar = headTerm(e, "ar")?.text ?? "";
  // First-strong isolates keep each term's direction inside the title, whatever the page's.
  return `\u2068${en}\u2069 — \u2068${ar}\u2069`;
}

export function EntryHeading({ entry }: { entry: GlossaryEntry }) {
  const [first, second] = headTermsInOrder(entry, useI18n().locale);
  return (
    <h1 class="entry-title">
      {first ? <TermText term={first} /> : null}
      {second ? (
        <>
          {" "}
          <span aria-hidden="true">·</span> <TermText term={second} />
        </>
      ) : null}
    </h1>
  );
}

export function EntryLinks({ id, writable, version }: { id: number; writable: boolean; version: number }) {
  const t = useT(entryText);
  return (
    <p class="entry-links">
      <span class="muted">{t.version(version)}</span> · <a href={`/glossary/${id}/history`}>{t.history}</a>
      {writable ? (
        <>
          {" "}
          · <a href={`/glossary/${id}/delete`}>{t.delete}</a>
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

/** Names of people (stored values), each isolated, joined in the interface language. */
function People({ names }: { names: string[] }) {
  const t = useT(entryText);
  return (
    <>
      {names.map((n, i) => (
        <>
          {i > 0 ? t.listSeparator : ""}
          <Value text={n} />
        </>
      ))}
    </>
  );
}

export function ConflictNotice({ conflict }: { conflict: ConflictInfo }) {
  const t = useT(entryText);
  const i18n = useI18n();
  return (
    <div class="conflict" role="alert" id="conflict" tabindex={-1} autofocus>
      <h2>{t.conflictTitle}</h2>
      <p>
        {t.conflictLoaded(conflict.loadedVersion, conflict.currentVersion)}
        {conflict.actors.length ? (
          <Fill text={t.conflictBy} slots={{ who: <People names={conflict.actors} /> }} />
        ) : null}
        {conflict.at ? (
          <>
            {t.conflictAt}
            <time datetime={conflict.at}>{i18n.dateTime(conflict.at)}</time>
          </>
        ) : null}
        {t.conflictKept}
      </p>
      <DiffList lines={conflict.lines} />
      <p>{t.conflictAdvice}</p>
    </div>
  );
}

export function DeletedNotice({ by, at }: { by: string | null; at: string | null }) {
  const t = useT(entryText);
  const i18n = useI18n();
  return (
    <div class="conflict" role="alert" tabindex={-1} autofocus>
      <h2>{t.deletedMeanwhile}</h2>
      <p>
        {at ? (
          <Fill text={t.deletedBy(i18n.dateTime(at))} slots={{ who: by ? <Value text={by} /> : t.someone }} />
        ) : null}
        {t.keptAsNew}
      </p>
    </div>
  );
}

export function DeletePage(props: {
  entry: GlossaryEntry;
  csrfToken: string;
  conflict?: ConflictInfo | undefined;
}) {
  const t = useT(entryText);
  return (
    <section class="narrow">
      <EntryHeading entry={props.entry} />
      {props.conflict ? <ConflictNotice conflict={props.conflict} /> : null}
      <h2>{t.deleteQuestion}</h2>
      <p>{t.deleteExplain}</p>
      <EntryView entry={props.entry} />
      <form method="post" action={`/glossary/${props.entry.id}/delete`} class="actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.entry.version)} />
        <button type="submit" class="danger">
          {t.deleteEntry}
        </button>{" "}
        <a href={`/glossary/${props.entry.id}`}>{t.cancel}</a>
      </form>
    </section>
  );
}

/** Where "Add to glossary" came from: a document's segment on the review page (`/documents/<id>#s<id>`). */
export const addedFromPath = (v: string | undefined) =>
  v && /^\/documents\/[0-9]{1,15}#s[0-9]{1,15}$/.test(v) ? v : null;

/**
 * An entry just made from a document's segment ("Add to glossary"), unchanged since: its undo deletes it
 * against version 1, so that once someone changed it the deletion is refused (the delete's conflict page).
 */
export function AddedUndo(props: { entry: GlossaryEntry; back: string; csrfToken: string }) {
  const t = useT(entryText);
  return (
    <form method="post" action={`/glossary/${props.entry.id}/delete`} class="flash" id="added">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="version" value="1" />
      {t.addedFrom} <a href={props.back}>{t.backToSegment}</a>{" "}
      <button type="submit" class="small secondary">
        {t.undoAdd}
      </button>
    </form>
  );
}
