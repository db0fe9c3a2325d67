/**
 * Context rules: words spelt like a term that the words around them read as something else.
 * - A word read as a verb by the particle before it (فإنك توافق, لم توافق, قد توافق) starts no term
 *   (morphology.isVerbAfterParticle; applied by the scan).
 * - A one-word term in the impersonal من ال… أن (ومن المقرر أن, *it is scheduled that*) is not reported.
 * - A one-word form-IV verbal noun (إعلان) directly before the name of a State is that State's act
 *   (بإعلان المملكة المتحدة, *the announcement by the United Kingdom*), not the term.
 * - A one-word abstract noun in ـية (الدبلوماسية, الشرعية) with the article, right after a word with the
 *   article, is the feminine nisba adjective agreeing with it (القنوات الدبلوماسية, *diplomatic
 *   channels*), not the noun (*diplomacy*).
 * - A one-word term of the shape مفاعل, a form-III participle (مراقب, *observer*), is not found in its
 *   feminine ـة: مراقبة is spelt like the verbal noun مفاعلة (*monitoring*), which is what a text nearly
 *   always means (وتعمل اللجنة على مراقبة تنفيذ الاتفاق). Inside multi-word terms the feminine still
 *   agrees (دولة مراقبة).
 * - An English term right after a prefix joined to it by a hyphen (non-permanent members, Under-Secretary-
 *   General) is another concept (english.meaningPrefix; applied by the scan).
 * Known names that are not terms (الولايات المتحدة) are the build's KNOWN_NAMES, resolved like terms.
 * Both resolvers (terms-resolve.ts and the reference in the tests) apply these rules to the raw hits.
 */
import { ALEF, BA, FA, HA, KAF, LAM, MIM, NUN, WAW } from "./arabic";
import { isVerbAfterParticle } from "./morphology";
import {
  GAP_SPACE,
  RECORD_ARABIC,
  RECORD_FORM_THREE,
  RECORD_NAME,
  RECORD_NISBA_NOUN,
  RECORD_VERBAL_NOUN,
  SCRIPT_AR,
} from "./terms-matcher";
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

/** Whether token k is an Arabic word with the article, after a proclitic when `proclitic`. */
function hasArticle(scan: TokenScan, k: number, proclitic: boolean): boolean {
  if (scan.script[k] !== SCRIPT_AR) return false;
  const c = scan.codes;
  let a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  if (proclitic) {
    if (c[a] === LAM && c[a + 1] === LAM) return b - a >= 4; // لل = ل + ال
    if (c[a] === WAW || c[a] === FA) a++;
    if (c[a] === BA || c[a] === KAF) a++;
  }
  return b - a >= 4 && c[a] === ARTICLE[0] && c[a + 1] === ARTICLE[1];
}

/** A one-word ـية hit on token t right after a definite word: the nisba adjective agreeing with it. */
function isAgreeingAdjective(scan: TokenScan, t: number): boolean {
  return (
    t > 0 && scan.gap[t - 1] === GAP_SPACE && hasArticle(scan, t, false) && hasArticle(scan, t - 1, true)
  );
}

/**
 * Whether the context rejects a raw hit of record flags `flags` (RECORD_*) on the single token s;
 * `stateFollows`: a raw hit of a known State name starts on token s + 1. Hits of several tokens and names
 * are never rejected.
 */
export function oneWordHitRejected(
  flags: number,
  scan: TokenScan,
  s: number,
  stateFollows: boolean,
): boolean {
  if ((flags & RECORD_NAME) !== 0) return false;
  if ((flags & RECORD_ARABIC) !== 0 && isImpersonal(scan, s)) return true;
  if ((flags & RECORD_NISBA_NOUN) !== 0 && isAgreeingAdjective(scan, s)) return true;
  if ((flags & RECORD_FORM_THREE) !== 0 && scan.codes[(scan.normEnd[s] as number) - 1] === HA) return true;
  return (
    (flags & RECORD_VERBAL_NOUN) !== 0 && s + 1 < scan.count && stateFollows && scan.gap[s] === GAP_SPACE
  );
}
