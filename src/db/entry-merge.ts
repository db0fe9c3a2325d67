/**
 * How two versions of an entry's content are combined, without losing what either side holds. Pure (no D1):
 * the import plan and the conflict handling of API and web call it.
 *
 * - `mergeImported`: a file row merged into a stored entry (import "merge" mode): it only adds and updates.
 * - `threeWayMerge`: an edit made on an old version combined with what others saved since (base → mine,
 *   base → theirs): fields only one side changed take that side's value; fields both changed differently
 *   are conflicts, which the caller resolves field by field (`resolveMerge`).
 */
import { normalizeForSearch } from "../text/normalize";
import type { EntryContent as EntryInput, Term } from "../types";

export const SCALAR_FIELDS = ["domain", "definition", "note", "source"] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Terms are the same term when their language and normalised text agree (how search and imports see them). */
const looseKey = (t: Term) => `${t.lang}\u0000${normalizeForSearch(t.text)}`;

/**
 * A file's version of an entry merged into the stored one: a value the file leaves empty keeps the stored
 * value, a term the file does not hold is kept, a term it holds (same language and normalised text) keeps
 * its stored spelling and takes the file's status and its non-empty part of speech and note, and new terms
 * come after the stored ones. Nothing is ever removed: removal is the "replace" mode's job.
 */
export function mergeImported(stored: EntryInput, file: EntryInput): EntryInput {
  const terms = stored.terms.map((t) => ({ ...t }));
  const at = new Map(terms.map((t, i) => [looseKey(t), i]));
  for (const f of file.terms) {
    const i = at.get(looseKey(f));
    if (i === undefined) {
      at.set(looseKey(f), terms.length);
      terms.push({ ...f });
      continue;
    }
    const s = terms[i]!;
    terms[i] = {
      lang: s.lang,
      text: s.text,
      status: f.status,
      partOfSpeech: f.partOfSpeech ?? s.partOfSpeech,
      note: f.note ?? s.note,
    };
  }
  return {
    domain: file.domain.trim() ? file.domain : stored.domain,
    definition: file.definition ?? stored.definition,
    note: file.note ?? stored.note,
    source: file.source ?? stored.source,
    terms,
  };
}

/** Exact identity of a term in a three-way merge: a changed text is a removal plus an addition. */
export const termId = (t: Pick<Term, "lang" | "text">) => `${t.lang}:${t.text}`;

const sameTerm = (a: Term | undefined, b: Term | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.status === b.status &&
    a.partOfSpeech === b.partOfSpeech &&
    a.note === b.note &&
    a.text === b.text &&
    a.lang === b.lang);

/** One field (a scalar, or one term as a whole) that both sides changed, differently. */
export type MergeConflict =
  | { kind: "field"; field: ScalarField; base: string | null; mine: string | null; theirs: string | null }
  | { kind: "term"; field: string; base: Term | null; mine: Term | null; theirs: Term | null };

export interface MergeResult {
  /** The merge with every conflict resolved in favour of "theirs" (what is stored now). */
  merged: EntryInput;
  conflicts: MergeConflict[];
  /** The same, with every conflict resolved for "mine" (so a choice per field is a pick between the two). */
  mineWins: EntryInput;
}

/** Either side's value of a scalar field, when only one side moved away from the base. */
function pick<T>(base: T, mine: T, theirs: T, same: (a: T, b: T) => boolean): { value: T; clash: boolean } {
  if (same(mine, base)) return { value: theirs, clash: false };
  if (same(theirs, base) || same(mine, theirs)) return { value: mine, clash: false };
  return { value: theirs, clash: true };
}

/** A term changed on both sides: its attributes merge one by one (a clash on any makes the term a conflict). */
function mergeTerm(base: Term, mine: Term, theirs: Term): { term: Term; clash: boolean } {
  const eq = (a: string | null, b: string | null) => a === b;
  const status = pick(base.status, mine.status, theirs.status, eq);
  const pos = pick(base.partOfSpeech, mine.partOfSpeech, theirs.partOfSpeech, eq);
  const note = pick(base.note, mine.note, theirs.note, eq);
  return {
    term: { ...theirs, status: status.value, partOfSpeech: pos.value, note: note.value },
    clash: status.clash || pos.clash || note.clash,
  };
}

/**
 * Three-way merge of entry content. `base` is the version "mine" was edited from; `theirs` is what is
 * stored now. Term order: mine's order when theirs kept the base order, else theirs' order, with the other
 * side's new terms after.
 */
export function threeWayMerge(base: EntryInput, mine: EntryInput, theirs: EntryInput): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged: EntryInput = { ...theirs, terms: [] };
  const mineWins: EntryInput = { ...theirs, terms: [] };
  for (const field of SCALAR_FIELDS) {
    const r = pick(base[field], mine[field], theirs[field], (a, b) => a === b);
    merged[field] = r.value as never;
    mineWins[field] = (r.clash ? mine[field] : r.value) as never;
    if (r.clash)
      conflicts.push({ kind: "field", field, base: base[field], mine: mine[field], theirs: theirs[field] });
  }
  const index = (e: EntryInput) => new Map(e.terms.map((t) => [termId(t), t]));
  const [b, m, t] = [index(base), index(mine), index(theirs)];
  const commonOrder = (e: EntryInput) => e.terms.map(termId).filter((k) => b.has(k));
  const theirsKeptOrder =
    commonOrder(theirs).join("\n") ===
    base.terms
      .map(termId)
      .filter((k) => t.has(k))
      .join("\n");
  const primary = theirsKeptOrder ? mine : theirs;
  const secondary = theirsKeptOrder ? theirs : mine;
  const keys = [...new Set([...primary.terms.map(termId), ...secondary.terms.map(termId), ...b.keys()])];
  for (const key of keys) {
    const [bt, mt, tt] = [b.get(key), m.get(key), t.get(key)];
    let value: Term | undefined;
    let clash = false;
    if (!bt) {
      // Added by one side, or by both (a conflict unless both added it alike).
      value = tt ?? mt;
      clash = mt !== undefined && tt !== undefined && !sameTerm(mt, tt);
    } else if (!mt && !tt) value = undefined;
    else if (!mt) {
      // Removed by mine: fine unless theirs changed it meanwhile.
      clash = !sameTerm(tt, bt);
      value = undefined;
    } else if (!tt) {
      clash = !sameTerm(mt, bt);
      value = undefined;
    } else {
      const r = mergeTerm(bt, mt, tt);
      value = r.term;
      clash = r.clash;
    }
    if (clash) {
      conflicts.push({
        kind: "term",
        field: `terms.${key}`,
        base: bt ?? null,
        mine: mt ?? null,
        theirs: tt ?? null,
      });
      if (tt) merged.terms.push({ ...tt });
      if (mt) mineWins.terms.push({ ...mt });
    } else if (value) {
      merged.terms.push({ ...value });
      mineWins.terms.push({ ...value });
    }
  }
  return { merged, conflicts, mineWins };
}

/** The merge with each conflict resolved as chosen (field → "mine"; any other field keeps "theirs"). */
export function resolveMerge(result: MergeResult, mineFields: ReadonlySet<string>): EntryInput {
  if (result.conflicts.length === 0) return result.merged;
  const out: EntryInput = { ...result.merged, terms: [] };
  const choose = new Set(result.conflicts.filter((c) => mineFields.has(c.field)).map((c) => c.field));
  for (const c of result.conflicts) {
    if (c.kind === "field" && choose.has(c.field)) out[c.field] = c.mine as never;
  }
  const termConflicts = new Map(
    result.conflicts.filter((c) => c.kind === "term").map((c) => [c.field, c] as const),
  );
  // Walk the union of both resolutions in order, taking each conflicting term from the chosen side.
  const theirsTerms = new Map(result.merged.terms.map((t) => [termId(t), t]));
  const mineTerms = new Map(result.mineWins.terms.map((t) => [termId(t), t]));
  const keys = [...new Set([...result.merged.terms.map(termId), ...result.mineWins.terms.map(termId)])];
  for (const key of keys) {
    const c = termConflicts.get(`terms.${key}`);
    const term = c ? (choose.has(c.field) ? mineTerms.get(key) : theirsTerms.get(key)) : theirsTerms.get(key);
    if (term) out.terms.push({ ...term });
  }
  return out;
}
