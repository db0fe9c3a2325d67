import type { EntryContent, Term } from "../types";
import { LANG_NAMES, StatusBadge, TermText } from "./components";

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

const Old = ({ text }: { text: string | null }) =>
  text ? (
    <del dir="auto">
      <span class="sr-only">removed: </span>
      {text}
    </del>
  ) : (
    <span class="empty">(empty)</span>
  );
const New = ({ text }: { text: string | null }) =>
  text ? (
    <ins dir="auto">
      <span class="sr-only">added: </span>
      {text}
    </ins>
  ) : (
    <span class="empty">(empty)</span>
  );

function TermLabel({ term }: { term: Term }) {
  return (
    <>
      {LANG_NAMES[term.lang]} term <TermText term={term} />
    </>
  );
}

export function DiffList({ lines }: { lines: DiffLine[] }) {
  if (lines.length === 0) return <p class="muted">No visible change.</p>;
  return (
    <ul class="diff">
      {lines.map((l) => {
        switch (l.kind) {
          case "field":
            return (
              <li>
                <strong>{l.field}:</strong> <Old text={l.before} /> <span aria-hidden="true">→</span>{" "}
                <New text={l.after} />
              </li>
            );
          case "term-added":
            return (
              <li class="added">
                <span aria-hidden="true">+ </span>Added <TermLabel term={l.term} />{" "}
                <StatusBadge status={l.term.status} />
              </li>
            );
          case "term-removed":
            return (
              <li class="removed">
                <span aria-hidden="true">− </span>Removed <TermLabel term={l.term} />{" "}
                <StatusBadge status={l.term.status} />
              </li>
            );
          case "term-changed":
            return (
              <li>
                <TermLabel term={l.term} />, {l.what}: <Old text={l.before} />{" "}
                <span aria-hidden="true">→</span> <New text={l.after} />
              </li>
            );
          case "order":
            return <li>Order of the terms changed</li>;
        }
        return null;
      })}
    </ul>
  );
}
