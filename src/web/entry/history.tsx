import type { HistoryRecord } from "../../db/glossary";
import type { EntryContent, GlossaryEntry } from "../../types";
import { CsrfField, EntrySummary, Value } from "../components";
import { DiffList, diffEntries } from "../diff";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { entryText, mergeText } from "./messages";
import { EntryHeading } from "./pages";

/** "Version 3: changed by admin", "imported from glossary.csv by admin", "reverted to version 1 by admin". */
function VersionLine({ r }: { r: HistoryRecord }) {
  const t = useT(entryText);
  const who = r.actor ? <Value text={r.actor} /> : t.unknown;
  const file = r.detail ? <Value text={r.detail} /> : null;
  if (r.via === "import") {
    const line =
      r.action === "delete"
        ? file
          ? t.versionImportDeleted(r.version)
          : t.versionImportDeletedNoFile(r.version)
        : file
          ? t.versionImported(r.version)
          : t.versionImportedNoFile(r.version);
    return <Fill text={line} slots={{ who, file }} />;
  }
  const reverted = r.via === "revert" ? Number(r.detail) : Number.NaN;
  if (Number.isSafeInteger(reverted))
    return <Fill text={t.versionReverted(r.version, reverted)} slots={{ who }} />;
  return <Fill text={t.versionLine(r.version, t[`action_${r.action}`])} slots={{ who }} />;
}

/**
 * An entry's history, newest first: who did what, how (edit, import of which file, revert), and the diff.
 * Every earlier version of an entry that still exists can be reverted to (a confirmation page first).
 */
export function HistoryPage(props: { id: number; records: HistoryRecord[]; current: GlossaryEntry | null }) {
  const { id, records, current } = props;
  const t = useT(entryText);
  const m = useT(mergeText);
  const i18n = useI18n();
  const last = records[records.length - 1];
  const latest = last?.after ?? last?.before;
  return (
    <section>
      <h1>
        <Fill text={t.historyOf} slots={{ entry: latest ? <EntrySummary e={latest} /> : t.entryN(id) }} />
        {last?.action === "delete" ? t.deletedMark : ""}
      </h1>
      <p>
        <a href={`/glossary/${id}`}>{t.backToEntry}</a>
      </p>
      <ol class="history" reversed>
        {[...records].reverse().map((r) => (
          <li>
            <h2>
              <VersionLine r={r} />
              <time datetime={r.at}>{i18n.dateTime(r.at)}</time>
            </h2>
            <DiffList lines={diffEntries(r.before, r.after)} />
            {current && r.after && r.version < current.version ? (
              <p class="history-actions">
                <a class="button secondary small" href={`/glossary/${id}/revert?version=${r.version}`}>
                  {m.revertLink(r.version)}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The confirmation before a revert: what the entry's content would become, as a diff from now. */
export function RevertPage(props: {
  entry: GlossaryEntry;
  version: number;
  target: EntryContent;
  csrfToken: string;
  moved?: boolean;
}) {
  const { entry, version, target } = props;
  const m = useT(mergeText);
  const lines = diffEntries(entry, target);
  return (
    <section class="narrow">
      <EntryHeading entry={entry} />
      {props.moved ? (
        <div class="conflict" role="alert" tabindex={-1} autofocus>
          <p>{m.revertMoved}</p>
        </div>
      ) : null}
      <h2>{m.revertTitle(version)}</h2>
      <p>{m.revertExplain(version, entry.version + 1)}</p>
      {lines.length ? (
        <>
          <p>{m.revertChanges}</p>
          <DiffList lines={lines} />
        </>
      ) : (
        <p>{m.revertSame}</p>
      )}
      <form method="post" action={`/glossary/${entry.id}/revert`} class="actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="expected" value={String(entry.version)} />
        {lines.length ? <button type="submit">{m.revertButton(version)}</button> : null}{" "}
        <a href={`/glossary/${entry.id}/history`}>{m.cancel}</a>
      </form>
    </section>
  );
}
