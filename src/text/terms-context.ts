/**
 * Context rules: words spelt like a term that the words around them read as something else.
 * - A word read as a verb by the particle before it (فإنك توافق, لم توافق, قد توافق) starts no term
 *   (morphology.isVerbAfterParticle; applied by the scan).
 * - A one-word term in the impersonal من ال… أن (ومن المقرر أن, *it is scheduled that*) is not reported.
 * - A one-word form-IV verbal noun (إعلان) directly before the name of a State is that State's act
 *   (بإعلان المملكة المتحدة, *the announcement by the United Kingdom*), not the term.
 * Known names that are not terms (الولايات المتحدة) are the build's KNOWN_NAMES, resolved like terms.
 * Both resolvers (terms-resolve.ts and the reference in the tests) apply these rules to the raw hits.
 */
import { ALEF, FA, LAM, MIM, NUN, WAW } from "./arabic";
import { isVerbAfterParticle } from "./morphology";
import { GAP_SPACE, RECORD_ARABIC, RECORD_NAME, RECORD_VERBAL_NOUN, SCRIPT_AR } from "./terms-matcher";
import type { TokenScan } from "./tokenize";

const IMPERSONAL_MIN = [MIM, NUN]; // من
const IMPERSONAL_AN = [ALEF, NUN]; // أن, normalised
const ARTICLE = [ALEF, LAM];

/** Token t is an Arabic word that the particle before it (its morphology.particleFlags) reads as a verb. */
export function verbByContext(scan: TokenScan, t: number, particle: number): boolean {
  return (
    scan.script[t] === SCRIPT_AR &&
    isVerbAfterParticle(particle, scan.codes, scan.normStart[t] as number, scan.normEnd[t] as number)
  );
}

/** Whether token k's normalised form is `word`, optionally after the conjunction و or ف. */
function tokenIs(scan: TokenScan, k: number, word: number[], conjunction: boolean): boolean {
  const a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  const c = scan.codes;
  let from = a;
  if (conjunction && b - a === word.length + 1 && (c[a] === WAW || c[a] === FA)) from = a + 1;
  if (b - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (c[from + i] !== word[i]) return false;
  return true;
}

/** A one-word hit on token t in من ال… أن (ومن المقرر أن): an impersonal predicate, not a term. */
function isImpersonal(scan: TokenScan, t: number): boolean {
  if (t === 0 || t + 1 >= scan.count || scan.gap[t - 1] !== GAP_SPACE || scan.gap[t] !== GAP_SPACE)
    return false;
  const a = scan.normStart[t] as number;
  if (scan.codes[a] !== ARTICLE[0] || scan.codes[a + 1] !== ARTICLE[1]) return false;
  return tokenIs(scan, t - 1, IMPERSONAL_MIN, true) && tokenIs(scan, t + 1, IMPERSONAL_AN, false);
}

/**
 * Whether the context rejects a raw hit of record flags `flags` (RECORD_*) on the single token s;
 * `nameFollows`: a raw hit of a known name starts on token s + 1. Hits of several tokens and names are
 * never rejected.
 */
export function oneWordHitRejected(flags: number, scan: TokenScan, s: number, nameFollows: boolean): boolean {
  if ((flags & RECORD_NAME) !== 0) return false;
  if ((flags & RECORD_ARABIC) !== 0 && isImpersonal(scan, s)) return true;
  return (flags & RECORD_VERBAL_NOUN) !== 0 && s + 1 < scan.count && nameFollows && scan.gap[s] === GAP_SPACE;
}
