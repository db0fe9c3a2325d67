import type { MergeConflict } from "../../db/entry-merge";
import type { Term } from "../../types";
import { StatusBadge, TermText, useLangName, Value } from "../components";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { commonText } from "../messages";
import { mergeText } from "./messages";

/** A save made from an older version that clashes with changes saved since (the three-way merge's result). */
export interface MergeInfo {
  conflicts: MergeConflict[];
  /** Who saved since the version the user loaded, and when the last of them did. */
  actors: string[];
  at: string | null;
  loadedVersion: number;
  currentVersion: number;
  /** Choices the user already made on an earlier conflict page that still apply (field → side). */
  chosen: ReadonlyMap<string, "mine" | "theirs">;
  /** The previous choices were dropped because the entry changed again meanwhile. */
  movedAgain: boolean;
}

/** The form field that carries the choice for a conflicting field (`MergeConflict.field`). */
export const choiceName = (field: string) => `choice:${field}`;

/** A scalar value or a term as one side of a conflict: its own language and direction, isolated. */
function SideValue({ conflict, side }: { conflict: MergeConflict; side: "mine" | "theirs" | "base" }) {
  const common = useT(commonText);
  const t = useT(mergeText);
  if (conflict.kind === "field") {
    const v = conflict[side];
    return (
      <span class="merge-value">{v ? <Value text={v} /> : <span class="empty">{common.empty}</span>}</span>
    );
  }
  const term = conflict[side];
  return (
    <span class="merge-value">
      {term ? <TermValue term={term} /> : <span class="empty">{t.termRemoved}</span>}
    </span>
  );
}

function TermValue({ term }: { term: Term }) {
  const t = useT(mergeText);
  return (
    <>
      <TermText term={term} /> <StatusBadge status={term.status} />
      {term.partOfSpeech ? (
        <>
          {" "}
          <span class="muted">
            {t.pos} <Value text={term.partOfSpeech} />
          </span>
        </>
      ) : null}
      {term.note ? (
        <>
          {" "}
          <span class="muted">
            {t.termNote} <Value text={term.note} />
          </span>
        </>
      ) : null}
    </>
  );
}

/** The conflicting field's name: "Definition", or "Arabic term قنصل فخري". */
function FieldName({ conflict }: { conflict: MergeConflict }) {
  const t = useT(mergeText);
  const langName = useLangName();
  if (conflict.kind === "field") return <>{t[`field_${conflict.field}`]}</>;
  const term = conflict.theirs ?? conflict.mine ?? conflict.base;
  if (!term) return <>{t.aTerm}</>;
  return <Fill text={t.termOf(langName(term.lang))} slots={{ term: <TermText term={term} /> }} />;
}

/**
 * The conflict page's heart: for every field both people changed, their value and the user's side by side,
 * each a radio button (posted with the entry form, `form="entry-form"`), so the user chooses per field.
 * Every other change of theirs is merged in without asking; nothing of theirs is lost unless chosen.
 */
export function MergeNotice({ merge }: { merge: MergeInfo }) {
  const t = useT(mergeText);
  const i18n = useI18n();
  return (
    <div class="conflict" role="alert" id="conflict" tabindex={-1} autofocus>
      <h2>{t.title}</h2>
      <p>
        {t.loaded(merge.loadedVersion, merge.currentVersion)}
        {merge.actors.length ? (
          <Fill
            text={t.by}
            slots={{
              who: (
                <>
                  {merge.actors.map((n, i) => (
                    <>
                      {i > 0 ? t.listSeparator : ""}
                      <Value text={n} />
                    </>
                  ))}
                </>
              ),
            }}
          />
        ) : null}
        {merge.at ? (
          <>
            {t.at}
            <time datetime={merge.at}>{i18n.dateTime(merge.at)}</time>
          </>
        ) : null}
        .
      </p>
      <p>{t.kept(merge.conflicts.length)}</p>
      {merge.movedAgain ? <p class="field-error">{t.movedAgain}</p> : null}
      {merge.conflicts.map((c, i) => {
        const name = choiceName(c.field);
        const chosen = merge.chosen.get(c.field);
        return (
          <fieldset class="merge-choice">
            <legend>
              <FieldName conflict={c} />
            </legend>
            <div class="merge-sides">
              <label class="merge-side" for={`merge-${i}-theirs`}>
                <span class="merge-pick">
                  <input
                    type="radio"
                    id={`merge-${i}-theirs`}
                    name={name}
                    value="theirs"
                    form="entry-form"
                    checked={chosen === "theirs"}
                  />{" "}
                  {t.keepTheirs}
                </span>
                <SideValue conflict={c} side="theirs" />
              </label>
              <label class="merge-side" for={`merge-${i}-mine`}>
                <span class="merge-pick">
                  <input
                    type="radio"
                    id={`merge-${i}-mine`}
                    name={name}
                    value="mine"
                    form="entry-form"
                    checked={chosen === "mine"}
                  />{" "}
                  {t.useMine}
                </span>
                <SideValue conflict={c} side="mine" />
              </label>
            </div>
            <details class="merge-base">
              <summary>{t.before(merge.loadedVersion)}</summary>
              <SideValue conflict={c} side="base" />
            </details>
          </fieldset>
        );
      })}
      <p>{t.advice}</p>
    </div>
  );
}
