import { type EntryContent, TERM_STATUSES, type Term, type TermStatus } from "../types";
import { StatusBadge, TermText, useStatusName, valueLang } from "./components";
import { useI18n, useT } from "./i18n/i18n";
import { commonText, diffText } from "./messages";

/** One readable line of a change between two versions of an entry. */
export type DiffLine =
  | { kind: "field"; field: string; before: string | null; after: string | null }
  | { kind: "term-added"; term: Term }
  | { kind: "term-removed"; term: Term }
  | { kind: "term-changed"; term: Term; what: string; before: string | null; after: string | null }
  | { kind: "order" };

const FIELDS = [
  ["domain", "Domain"],
  ["definition", "Definition"],
  ["note", "Note"],
  ["source", "Source"],
] as const;

/** The diff line's field (its English name, as stored in DiffLine) → its label in the catalog. */
const FIELD_LABEL: Record<string, "field_domain" | "field_definition" | "field_note" | "field_source"> = {
  Domain: "field_domain",
  Definition: "field_definition",
  Note: "field_note",
  Source: "field_source",
};

const termKey = (t: Term) => `${t.lang}\u0000${t.text}`;

/** What changed from `before` to `after` (either may be null: created / deleted). */
export function diffEntries(before: EntryContent | null, after: EntryContent | null): DiffLine[] {
  const out: DiffLine[] = [];
  for (const [field, label] of FIELDS) {
    const b = before ? before[field] : null;
    const a = after ? after[field] : null;
    if ((b ?? "") !== (a ?? "")) out.push({ kind: "field", field: label, before: b, after: a });
  }
  const beforeTerms = new Map((before?.terms ?? []).map((t) => [termKey(t), t]));
  const afterTerms = new Map((after?.terms ?? []).map((t) => [termKey(t), t]));
  for (const [k, t] of beforeTerms) if (!afterTerms.has(k)) out.push({ kind: "term-removed", term: t });
  for (const [k, t] of afterTerms) {
    const old = beforeTerms.get(k);
    if (!old) {
      out.push({ kind: "term-added", term: t });
      continue;
    }
    if (old.status !== t.status)
      out.push({ kind: "term-changed", term: t, what: "status", before: old.status, after: t.status });
    if ((old.partOfSpeech ?? "") !== (t.partOfSpeech ?? ""))
      out.push({
        kind: "term-changed",
        term: t,
        what: "part of speech",
        before: old.partOfSpeech,
        after: t.partOfSpeech,
      });
    if ((old.note ?? "") !== (t.note ?? ""))
      out.push({ kind: "term-changed", term: t, what: "note", before: old.note, after: t.note });
  }
  if (before && after && out.length === 0) {
    const order = (e: EntryContent) => e.terms.map(termKey).join("\u0001");
    if (order(before) !== order(after)) out.push({ kind: "order" });
  }
  return out;
}

/** A stored value in a diff: its own language and direction, isolated from the label before it. */
function Changed({ text, kind }: { text: string | null; kind: "del" | "ins" }) {
  const t = useT(diffText);
  const empty = useT(commonText).empty;
  if (!text) return <span class="empty">{empty}</span>;
  const { lang, dir } = valueLang(text);
  // The hidden label stays outside the value: inside, it would decide the value's direction (dir="auto").
  return kind === "del" ? (
    <>
      <span class="sr-only">{t.removed} </span>
      <del lang={lang} dir={dir}>
        {text}
      </del>
    </>
  ) : (
    <>
      <span class="sr-only">{t.added} </span>
      <ins lang={lang} dir={dir}>
        {text}
      </ins>
    </>
  );
}

/** A term status in a diff, by its interface name. */
function ChangedStatus({ status, kind }: { status: string | null; kind: "del" | "ins" }) {
  const statusName = useStatusName();
  const t = useT(diffText);
  if (!status || !(TERM_STATUSES as readonly string[]).includes(status))
    return <Changed text={status} kind={kind} />;
  const name = statusName(status as TermStatus);
  return kind === "del" ? (
    <>
      <span class="sr-only">{t.removed} </span>
      <del>{name}</del>
    </>
  ) : (
    <>
      <span class="sr-only">{t.added} </span>
      <ins>{name}</ins>
    </>
  );
}

function TermLabel({ term }: { term: Term }) {
  const t = useT(commonText);
  return (
    <>
      {t[`term_${term.lang}`]} <TermText term={term} />
    </>
  );
}

const WHAT: Record<string, "what_status" | "what_pos" | "what_note"> = {
  status: "what_status",
  "part of speech": "what_pos",
  note: "what_note",
};

export function DiffList({ lines }: { lines: DiffLine[] }) {
  const t = useT(diffText);
  if (lines.length === 0) return <p class="muted">{t.noChange}</p>;
  const arrow = useI18n().dir === "rtl" ? "←" : "→";
  return (
    <ul class="diff">
      {lines.map((l) => {
        switch (l.kind) {
          case "field":
            return (
              <li>
                <strong>{t[FIELD_LABEL[l.field] ?? "field_note"]}:</strong>{" "}
                <Changed text={l.before} kind="del" /> <span aria-hidden="true">{arrow}</span>{" "}
                <Changed text={l.after} kind="ins" />
              </li>
            );
          case "term-added":
            return (
              <li class="added">
                <span aria-hidden="true">+ </span>
                {t.addedTerm} <TermLabel term={l.term} /> <StatusBadge status={l.term.status} />
              </li>
            );
          case "term-removed":
            return (
              <li class="removed">
                <span aria-hidden="true">− </span>
                {t.removedTerm} <TermLabel term={l.term} /> <StatusBadge status={l.term.status} />
              </li>
            );
          case "term-changed":
            return (
              <li>
                <TermLabel term={l.term} />
                {t.comma}
                {t[WHAT[l.what] ?? "what_note"]}:{" "}
                {l.what === "status" ? (
                  <>
                    <ChangedStatus status={l.before} kind="del" /> <span aria-hidden="true">{arrow}</span>{" "}
                    <ChangedStatus status={l.after} kind="ins" />
                  </>
                ) : (
                  <>
                    <Changed text={l.before} kind="del" /> <span aria-hidden="true">{arrow}</span>{" "}
                    <Changed text={l.after} kind="ins" />
                  </>
                )}
              </li>
            );
          case "order":
            return <li>{t.order}</li>;
        }
        return null;
      })}
    </ul>
  );
}
