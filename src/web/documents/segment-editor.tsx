import type { FuzzyMatch } from "../../db/tm-match";
import type { DiffPart } from "../../text/fuzzy";
import type { Segment } from "../../types";
import { CsrfField } from "../components";
import { useT } from "../i18n/i18n";
import { segmentText } from "./messages";
import { SegmentStatusBadge } from "./pages";

/**
 * The English editor of one segment, in two places: the segment page (segment.tsx) and the review table's
 * inline editor (InlineEditor below, served as a fragment under the bead's row). One form, one list of the
 * memory's matches, one add-to-glossary form, one conflict notice: only the ids differ (`prefix`), so that
 * several inline editors can be open on one review page.
 */
export interface EditorProps {
  /** Where the form posts: the segment page's address. */
  action: string;
  /** Prefix of every id ("" on the segment page, `e<segment id>-` in the review table). */
  prefix: string;
  /** What the English field holds (the stored text, or the user's after a conflict or a match taken). */
  en: string;
  /** The version the form saves against. */
  version: number;
  matches: FuzzyMatch[];
  writable: boolean;
  csrfToken: string;
  /** Someone else's save that this form's would have overwritten. */
  conflict?: Segment | undefined;
  notice?: string | undefined;
}

/** The stored sentence of a match against the segment's: what the match lacks struck, what it adds marked. */
export function MatchDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) => {
        const gap = i > 0 ? " " : "";
        if (p.op === "equal") return `${gap}${p.match ?? ""}`;
        return (
          <>
            {gap}
            {p.query ? <del>{p.query}</del> : null}
            {p.query && p.match ? " " : null}
            {p.match ? <ins>{p.match}</ins> : null}
          </>
        );
      })}
    </>
  );
}

/** Someone else's save, shown instead of being overwritten (focused: the form's text is still ours). */
export function ConflictNotice({ conflict, prefix }: { conflict: Segment; prefix: string }) {
  const t = useT(segmentText);
  return (
    <div class="conflict" role="alert" tabindex={-1} autofocus id={`${prefix}conflict`}>
      <h2>{t.conflictTitle}</h2>
      <p>{t.conflictIntro}</p>
      <dl>
        <dt>{t.theirs}</dt>
        <dd lang="en" dir="ltr" id={`${prefix}theirs`}>
          {conflict.en ?? "—"}
        </dd>
        <dt>{t.theirStatus}</dt>
        <dd>
          <SegmentStatusBadge status={conflict.status} />
        </dd>
      </dl>
    </div>
  );
}

/** The English field and its buttons (Save; Save and approve; in the review table also Cancel). */
export function EnglishForm(props: EditorProps & { class: string; cancel?: boolean }) {
  const t = useT(segmentText);
  const p = props.prefix;
  return (
    <form method="post" action={props.action} class={props.class} id={`${p}segment-form`}>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="version" value={String(props.version)} />
      <label for={`${p}en`}>{t.english}</label>
      <textarea id={`${p}en`} name="en" rows={5} lang="en" dir="ltr" readonly={!props.writable}>
        {props.en}
      </textarea>
      {props.writable ? (
        <p class="actions">
          <button type="submit" name="_action" value="save">
            {t.save}
          </button>
          <button type="submit" name="_action" value="approve" class="secondary">
            {t.saveApprove}
          </button>
          {props.cancel ? (
            <button type="button" class="secondary" data-cancel="">
              {t.cancel}
            </button>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The memory's best matches, each with its score, its Arabic against the segment's (the diff) and its
 * English; "Use this translation" posts the form without script, fills the field with it (data-fill).
 */
export function MatchList({
  matches,
  prefix,
  writable,
}: Pick<EditorProps, "matches" | "prefix" | "writable">) {
  const t = useT(segmentText);
  if (matches.length === 0) return <p class="muted">{t.noMatches}</p>;
  return (
    <ol class="matches">
      {matches.map((m) => (
        <li>
          <strong class="score">{t.score(m.score)}</strong>{" "}
          <span lang="ar" dir="rtl" class="ar">
            <MatchDiff parts={m.diff} />
          </span>
          <div lang="en" dir="ltr">
            {m.en}
          </div>
          {writable ? (
            <button
              type="submit"
              form={`${prefix}segment-form`}
              name="_action"
              value={`use:${m.segmentId}`}
              class="small secondary"
              aria-label={t.useMatchLabel(m.score)}
              data-fill={m.en}
              data-filled={t.matchFilled}
            >
              {t.useMatch}
            </button>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** "Add to glossary": an Arabic phrase and its English (selected or typed) open the entry form filled in. */
export function AddTermForm({ prefix, source, back }: { prefix: string; source: string; back: string }) {
  const t = useT(segmentText);
  const p = prefix;
  return (
    <section aria-labelledby={`${p}add-term-h`} class="add-term">
      <h2 id={`${p}add-term-h`}>{t.addTerm}</h2>
      <p>{t.addTermIntro}</p>
      <form method="get" action="/glossary/new" class="search" id={`${p}add-term`}>
        <div class="field grow">
          <label for={`${p}term-ar`}>{t.termAr}</label>
          <input id={`${p}term-ar`} name="ar" type="text" lang="ar" dir="rtl" data-term="ar" />
        </div>
        <div class="field grow">
          <label for={`${p}term-en`}>{t.termEn}</label>
          <input id={`${p}term-en`} name="en" type="text" lang="en" dir="ltr" data-term="en" />
        </div>
        <input type="hidden" name="source" value={source} />
        {/* Where the entry comes from: its page offers to take it back (delete) while unchanged. */}
        <input type="hidden" name="back" value={back} />
        <button type="submit">{t.openEntry}</button>
      </form>
    </section>
  );
}

/**
 * The review table's editor of one bead (GET or POST of the segment page with `x-fragment: editor`; app.js
 * puts it in a row under the bead): the English form, the memory's matches beside it, "Add to glossary"
 * below (a phrase selected in the bead's cells fills it). A refused save comes back in it, theirs shown.
 */
export function InlineEditor(props: EditorProps & { position: number; source: string }) {
  const t = useT(segmentText);
  const p = props.prefix;
  return (
    <section class="inline-editor" aria-label={t.editorLabel(props.position + 1)} data-editor="">
      {props.conflict ? <ConflictNotice conflict={props.conflict} prefix={p} /> : null}
      {props.notice ? <p class="flash">{props.notice}</p> : null}
      <div class="pair">
        <EnglishForm {...props} class="stack" cancel />
        <div>
          <h2>{t.matches}</h2>
          <MatchList matches={props.matches} prefix={p} writable={props.writable} />
        </div>
      </div>
      <AddTermForm
        prefix={p}
        source={props.source}
        back={props.action.replace(/\/segments\/([0-9]+)$/, "#s$1")}
      />
    </section>
  );
}
