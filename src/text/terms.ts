/**
 * Term recognition against a whole glossary in one pass over the text.
 *
 * Each glossary term becomes a path of token keys in a per-language trie (terms-build.ts; see
 * morphology.ts for keys). Each text token yields the small set of keys it may be an inflection of (clitics
 * and suffixes stripped only when the stem is a glossary key that accepts them). The matcher walks the trie
 * from every token over these candidate sets (terms-scan.ts) — an automaton over a lattice of token
 * readings, O(tokens × readings × term length), independent of the glossary size. Multi-word terms continue
 * across spaces and hyphens (and commas or periods where the term has them).
 *
 * The longest match wins (then the leftmost); shorter glossary terms inside it are reported too, with
 * `nestedIn` set to the enclosing match's entry id (terms-resolve.ts). Spans cover whole words of the
 * original text, clitics included (والتعددية, not التعددية), so `surface === text.slice(start, end)`.
 *
 * Context rules (terms-context.ts) keep words that are spelt like a term but are something else from
 * firing: known names that are not terms (الولايات المتحدة), verbs after a particle (فإنك توافق), the
 * impersonal من ال… أن (ومن المقرر أن), a form-IV verbal noun before a State's name (بإعلان المملكة المتحدة).
 */
import type { Lang } from "../types";
import { buildTermMatcher as build } from "./terms-build";
import { RECORD_BOUND, type TermEntryInput, type TermMatch, type TermMatcher } from "./terms-matcher";
import { analyseOwners, ownerKindOf } from "./terms-owner";
import { resolveHits } from "./terms-resolve";
import { bindVisitors, collectHits } from "./terms-scan";
import { TermScratch } from "./terms-scratch";

export type { TermEntryInput, TermInput, TermMatch, TermMatcher } from "./terms-matcher";
export { ReadingCache } from "./terms-matcher";

/** The scratch buffers of every build and recognition (the engine is synchronous and not re-entrant). */
const TERM_SCRATCH = new TermScratch();
bindVisitors(TERM_SCRATCH);

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[]): TermMatcher {
  const matcher = build(entries);
  const kinds = new Map(entries.map((e) => [e.id, ownerKindOf(e.domain)]));
  const { bound, places } = analyseOwners(
    matcher,
    kinds,
    (text, lang) => recognizeTerms(matcher, text, lang),
    new Map(entries.map((e) => [e.id, e.terms])),
  );
  for (const [record, info] of bound) {
    matcher.bound.set(record, info);
    matcher.recordFlags[record] = (matcher.recordFlags[record] as number) | RECORD_BOUND;
  }
  for (const p of places) matcher.places.add(p);
  return matcher;
}

/** All glossary terms of language `lang` found in `text`, ordered by start, longest first. */
export function recognizeTerms(matcher: TermMatcher, text: string, lang: Lang): TermMatch[] {
  const sc = TERM_SCRATCH;
  const scan = collectHits(sc, matcher, text, lang);
  if (scan === null) return [];
  sc.scan = sc.textScan; // do not keep a large text's own scan alive
  const out = sc.rawCount === 0 ? [] : resolveHits(sc, matcher, text, scan);
  sc.releaseIfLarge(scan.count);
  return out;
}
