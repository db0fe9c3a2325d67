/**
 * Which texts a glossary change can touch: after some entries changed, a text's recognised terms (and the
 * QA made from them) can differ only if all the keys of one of those entries' terms (one of its key paths,
 * before or after the change) may be read in it, or one key whose flags the change alters (a term that came
 * or went). Stored analyses of the other texts stay right (src/usecases/review-analysis.ts).
 *
 * Why that is enough — the matcher reads the glossary only through:
 * - the keys a word may stand for (terms-scan.ts formOf): its candidate stems (morphology.arabicCandidates,
 *   latinCandidates, the form itself) that are keys, with acceptable flags (a key's flags are the OR of the
 *   terms that have it: only a term that came or went changes them), and "may end a term"
 *   (preferLeastStripped asks whether a reading is a one-word term: a path of one key). A key only a changed
 *   term has is walked only from that term's first key, so it matters only where the whole path may be read;
 * - so a text where no changed term's path may be read has no raw hit of a changed entry, and the same raw
 *   hits of the others, whose records (status, sense, owner kind: terms-compile.ts) come from their own
 *   entry alone;
 * - what resolution and the context rules look at is those raw hits (nesting, overlaps, two entries on one
 *   span, bodies and places next to a hit) and two things made from the whole glossary, terms-owner.ts:
 *   the entries an owner-bound term allows next to it, which change only for an entry whose qualifier text
 *   the change touches (its owners are found by recognising that text) — such entries are widened into
 *   the change — or by an entry of the change itself (then the text has a hit of it); and the places'
 *   gentilic stems, which a State's one-word Arabic terms give — a change that may alter them touches
 *   every text (null);
 * - QA reads the entries of the hits only.
 * test/text/terms-touch.test.ts checks it against analysing every text again, on random glossaries, edits
 * and texts.
 */
import type { Lang, TermStatus } from "../types";
import { KeyTable } from "./keytable";
import { arabicCandidates, latinCandidates } from "./morphology";
import { COMMA_KEY, compiledTerm, PERIOD_KEY } from "./terms-compile";
import { GAP_HYPHEN, GAP_SPACE, SCRIPT_AR, SCRIPT_LATIN, type TermEntryInput } from "./terms-matcher";
import { entryOwners, OWNER_STATE, ownerKindOf } from "./terms-owner";
import { endsInTaMarbuta, normString } from "./terms-scan";
import { createTokenScan, scanTokens, type TokenScan } from "./tokenize";

/** An entry as the matcher reads it. */
export type TouchEntry = TermEntryInput;

/** What changed in the glossary since a revision (src/db/glossary-changes.ts reads it). */
export interface GlossaryChange {
  /** Entries added, edited or deleted. */
  entryIds: ReadonlySet<number>;
  /** Terms those entries lost ("old": removed, or as before an edit) and gained ("new": added, or as after
   * an edit). */
  terms: readonly { entryId: number; lang: Lang; text: string; side: "old" | "new" }[];
  /** Domains those entries had (or have) at some point of the change, where the domain changed. */
  domains: readonly { entryId: number; domain: string }[];
}

/**
 * Some terms' key paths, flags aside: a text is touched when every key of one path may be read in it (in
 * any order: a superset of the raw hits), or one key whose flags may differ between the two glossaries.
 */
export class TermKeys {
  private readonly keys = new KeyTable();
  /** Per path: its keys' ids in `keys` (the punctuation keys left out: in every matcher, no flags). */
  private readonly paths: number[][] = [];
  /** Keys that count alone (flags: a term that has them came or went). */
  private readonly alone = new Set<number>();
  /** Per word form met so far (script tag + form): the ids of the keys it may be read as. */
  private readonly forms = new Map<string, number[]>();
  /** Every key's code units (its extra code unit aside): an Arabic candidate stem is a slice of the word
   * (morphology.KeyVisitor gets its bounds in the word's codes), so a word holding none of them has none. */
  private readonly slices: Uint16Array[] = [];
  /** Which code units start a slice; the keys as strings (Latin candidates are strings). */
  private readonly firsts = new Uint8Array(1 << 16);
  private readonly strings = new Set<string>();
  /** The Latin keys' first code unit (keys of one letter) or first two (as c0 × 65536 + c1), and whether
   * any is an acronym ("=UN"). */
  private readonly prefix1 = new Set<number>();
  private readonly prefix2 = new Set<number>();
  private acronyms = false;
  private readonly present = new Set<number>();

  /** Adds a term's paths; `flags`: also its keys with flags, alone (the term came or went). */
  add(term: { lang: Lang; text: string; status?: TermStatus; note?: string | null }, flags = false): void {
    const compiled = compiledTerm(
      { lang: term.lang, text: term.text, status: term.status ?? "preferred", note: term.note },
      undefined,
    );
    if (compiled === null) return;
    const ids = compiled.keys.map((k) => {
      const s = String.fromCharCode(...k.codes);
      if (k.extra < 0 && (s === COMMA_KEY || s === PERIOD_KEY)) return -1;
      const id = this.keys.add(k.codes, 0, k.codes.length, 0, k.extra);
      if (flags && k.flags !== 0) this.alone.add(id);
      if (k.codes.length === 0) this.firsts.fill(1);
      else {
        this.slices.push(k.codes);
        this.firsts[k.codes[0] as number] = 1;
      }
      if (k.extra < 0) {
        this.strings.add(s);
        if (s.length === 1) this.prefix1.add(s.charCodeAt(0));
        else if (s.length > 1) this.prefix2.add(s.charCodeAt(0) * 65536 + s.charCodeAt(1));
        if (s[0] === "=") this.acronyms = true;
      }
      return id;
    });
    for (const path of compiled.paths)
      this.paths.push(path.flatMap((k) => ((ids[k] as number) < 0 ? [] : [ids[k] as number])));
    this.forms.clear();
  }

  get size(): number {
    return this.keys.size;
  }

  /** Whether `text` may be touched (see above), reading its words as terms-scan.ts does. */
  touches(text: string): boolean {
    if (this.keys.size === 0) return false;
    const present = this.present;
    present.clear();
    const scan = scanTokens(text, SCAN);
    for (let k = 0; k < scan.count; k++) for (const id of this.wordKeys(text, scan, k)) present.add(id);
    for (let k = 0; k + 1 < scan.count; k++) {
      if (scan.script[k] !== SCRIPT_LATIN || scan.script[k + 1] !== SCRIPT_LATIN) continue;
      if (scan.gap[k] !== GAP_SPACE && scan.gap[k] !== GAP_HYPHEN) continue;
      // The pair's first two normalised code units, and its original's first letter and length.
      const c = scan.codes;
      const a = scan.normStart[k] as number;
      const second = (scan.normEnd[k] as number) - a > 1 ? a + 1 : (scan.normStart[k + 1] as number);
      const s0 = scan.start[k] as number;
      const length =
        (scan.end[k] as number) - s0 + (scan.end[k + 1] as number) - (scan.start[k + 1] as number);
      if (!this.latinReachable(text, s0, length, c[a] as number, c[second] as number)) continue;
      const original =
        text.slice(scan.start[k], scan.end[k]) + text.slice(scan.start[k + 1], scan.end[k + 1]);
      for (const id of this.latinKeys(original, normString(scan, k) + normString(scan, k + 1)))
        present.add(id);
    }
    if (present.size === 0) return false;
    for (const id of this.alone) if (present.has(id)) return true;
    return this.paths.some((path) => path.every((id) => present.has(id)));
  }

  private wordKeys(text: string, scan: TokenScan, k: number): readonly number[] {
    const start = scan.start[k] as number;
    const end = scan.end[k] as number;
    const a = scan.normStart[k] as number;
    const b = scan.normEnd[k] as number;
    if (scan.script[k] === SCRIPT_LATIN) {
      const c1 = b - a > 1 ? (scan.codes[a + 1] as number) : -1;
      if (!this.latinReachable(text, start, end - start, scan.codes[a] as number, c1)) return NONE;
    } else if (!this.holdsSlice(scan.codes, a, b)) return NONE;
    // Words recur (in a text and across a page): each form is analysed once (as terms-scan.ts caches them).
    const script = scan.script[k];
    const form =
      script === SCRIPT_LATIN
        ? `l${text.slice(start, end)}`
        : `${script === SCRIPT_AR && endsInTaMarbuta(text, start, end) ? "t" : script}${normString(scan, k)}`;
    let found = this.forms.get(form);
    if (found === undefined) {
      found = this.formKeys(text, scan, k);
      this.forms.set(form, found);
    }
    return found;
  }

  private holdsSlice(c: ArrayLike<number>, a: number, b: number): boolean {
    for (let i = a; i < b; i++) {
      if (this.firsts[c[i] as number] !== 1) continue;
      for (const slice of this.slices) {
        const n = slice.length;
        if (i + n > b || slice[0] !== c[i]) continue;
        let j = 1;
        while (j < n && c[i + j] === slice[j]) j++;
        if (j === n) return true;
      }
    }
    return false;
  }

  private formKeys(text: string, scan: TokenScan, k: number): number[] {
    const a = scan.normStart[k] as number;
    const b = scan.normEnd[k] as number;
    const start = scan.start[k] as number;
    const end = scan.end[k] as number;
    if (scan.script[k] === SCRIPT_AR) {
      const found: number[] = [];
      arabicCandidates(scan.codes, a, b, endsInTaMarbuta(text, start, end), (x, y, extra) => {
        const id = this.keys.find(scan.codes, x, y, extra);
        if (id >= 0) found.push(id);
      });
      return found;
    }
    if (scan.script[k] === SCRIPT_LATIN) return this.latinKeys(text.slice(start, end), normString(scan, k));
    const id = this.keys.find(scan.codes, a, b);
    return id >= 0 ? [id] : [];
  }

  /**
   * Whether a Latin word (its original at text[start, start + length), its normalised first code units c0
   * and c1, −1: none) may be read as a key. A Latin candidate is a spelling of the word that keeps its first
   * two letters (test/text/terms-touch.test.ts checks it on every word it has), or an acronym: "=" + the
   * word less up to three letters, two or three capitals. A word neither can reach needs no candidates
   * (their spelling rules are most of the cost).
   */
  private latinReachable(text: string, start: number, length: number, c0: number, c1: number): boolean {
    if (this.prefix1.has(c0) || (c1 >= 0 && this.prefix2.has(c0 * 65536 + c1))) return true;
    const first = text.charCodeAt(start);
    if (!this.acronyms || length > 6 || first < 0x41 || first > 0x5a) return false;
    const original = text.slice(start, start + length);
    for (let cut = 0; cut <= 3 && cut < length; cut++)
      if (this.strings.has(`=${original.slice(0, length - cut)}`)) return true;
    return false;
  }

  private latinKeys(original: string, norm: string): number[] {
    const found: number[] = [];
    for (const key of latinCandidatesOf(original, norm))
      if (this.strings.has(key)) found.push(this.keys.findString(key));
    return found;
  }
}

const SCAN = createTokenScan();
const NONE: readonly number[] = [];

/** A Latin word's candidate keys (morphology.latinCandidates: no glossary in them), kept per isolate. */
const LATIN = new Map<string, string[]>();
const MAX_LATIN = 50_000;

export function latinCandidatesOf(original: string, norm: string): string[] {
  const form = `${original}\u0000${norm}`;
  let keys = LATIN.get(form);
  if (keys === undefined) {
    if (LATIN.size >= MAX_LATIN) LATIN.clear();
    const found: string[] = [];
    latinCandidates(original, norm, (key) => found.push(key));
    keys = found;
    LATIN.set(form, keys);
  }
  return keys;
}

/** Whether one of the entry's terms contains another of its language (as terms-owner.ts tests first):
 * without such a pair an entry has no qualifier. */
function mayQualify(entry: TouchEntry): boolean {
  const terms = entry.terms;
  for (const a of terms) {
    const core = (a.lang === "ar" ? a.text.replace(/^ال/, "") : a.text).toLowerCase();
    for (const b of terms)
      if (a !== b && a.lang === b.lang && b.text.length > core.length && b.text.toLowerCase().includes(core))
        return true;
  }
  return false;
}

/** The terms of an entry that the matcher makes records of, as terms-owner.ts reads them. */
function recordTerms(entry: TouchEntry): { lang: Lang; termText: string }[] {
  return entry.terms
    .filter((t) => compiledTerm(t, entry.domain) !== null)
    .map((t) => ({ lang: t.lang, termText: t.text }));
}

/**
 * The keys whose words a glossary change touches (see above), or null when it may touch any text (the
 * places' gentilic stems may have changed). `current`: the glossary after the change.
 */
export function keysTouchedBy(
  change: GlossaryChange,
  current: ReadonlyMap<number, TouchEntry>,
): TermKeys | null {
  // A text on one side only (added, removed, or an edit's old or new text) changes its keys' flags.
  const sides = new Map<string, Set<string>>();
  for (const t of change.terms) {
    const key = `${t.entryId}|${t.lang}|${t.text}`;
    sides.set(key, (sides.get(key) ?? new Set()).add(t.side));
  }
  const addChanged = (keys: TermKeys) => {
    for (const t of change.terms) keys.add(t, sides.get(`${t.entryId}|${t.lang}|${t.text}`)?.size === 1);
  };
  const changed = new TermKeys();
  addChanged(changed);
  for (const id of change.entryIds) for (const t of current.get(id)?.terms ?? []) changed.add(t);
  if (placesMayChange(change, current)) return null;
  const touched = new TermKeys();
  addChanged(touched);
  for (const entry of current.values()) {
    const own = change.entryIds.has(entry.id);
    if (!own) {
      // An owner-bound term's allowed neighbours come from recognising its qualifiers: widen to the entry.
      if (!mayQualify(entry)) continue;
      const state = ownerKindOf(entry.domain) === OWNER_STATE;
      const { qualifiers } = entryOwners(recordTerms(entry), state);
      if (!qualifiers.some((q) => changed.touches(q.text))) continue;
    }
    for (const t of entry.terms) touched.add(t);
  }
  return touched;
}

/** Whether the change may add or remove a gentilic stem of a place (a State's one-word Arabic term). */
function placesMayChange(change: GlossaryChange, current: ReadonlyMap<number, TouchEntry>): boolean {
  const placesOf = (terms: readonly { lang: Lang; text: string }[]) =>
    entryOwners(
      terms
        .filter((t) => compiledTerm({ lang: t.lang, text: t.text, status: "preferred" }, undefined) !== null)
        .map((t) => ({ lang: t.lang, termText: t.text })),
      true,
    ).places;
  for (const id of change.entryIds) {
    const entry = current.get(id);
    const domains = change.domains.filter((d) => d.entryId === id).map((d) => d.domain);
    if (![...domains, entry?.domain].some((d) => ownerKindOf(d) === OWNER_STATE)) continue;
    const terms = change.terms.filter((t) => t.entryId === id);
    // The domain changed, or the entry came or went: all its terms start or stop counting.
    if (domains.length > 0) {
      if (placesOf([...terms, ...(entry?.terms ?? [])]).length > 0) return true;
      continue;
    }
    // Terms edited: the places the lost and the gained terms give (an edit of a status keeps them).
    const lost = new Set(placesOf(terms.filter((t) => t.side === "old")));
    const gained = new Set(placesOf(terms.filter((t) => t.side === "new")));
    if (lost.size !== gained.size || [...lost].some((p) => !gained.has(p))) return true;
  }
  return false;
}
