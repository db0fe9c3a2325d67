import type { HistoryRecord } from "../../db/glossary";
import type { GlossaryEntry } from "../../types";
import { CsrfField, EntrySummary, headTerm, StatusBadge, TermText, useLangName } from "../components";
import { type DiffLine, DiffList, diffEntries } from "../diff";

export function EntryView({ entry }: { entry: GlossaryEntry }) {
  const langName = useLangName();
  return (
    <dl class="entry-view">
      <dt>Terms</dt>
      <dd>
        <ul class="term-list">
          {entry.terms.map((t) => (
            <li class={`term term-${t.status}`}>
              <span class="lang">{langName(t.lang)}</span> <TermText term={t} />{" "}
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
