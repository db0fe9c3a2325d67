/**
 * Light, dictionary-checked morphology for term matching. A glossary token is indexed under one *key*
 * (its normalised form, minus the Arabic article); a text token yields the keys it may be an inflection of.
 * Nothing is stripped blindly: a candidate stem counts only if it is a key of the glossary and the stripped
 * affixes fit that key (see `KEY_*` flags), which keeps precision high — "بريكست" never yields "بريكس",
 * "بالغ" never yields "غ".
 *
 * Decisions (documented in docs, tested in test/text/terms.test.ts):
 * - The article ال is optional on both sides: glossary keys drop it, text tokens may carry it.
 * - Nisba adjectives are different terms: الأمنية / الأمني do not match الأمن (the construct/plural ـي and
 *   ـو endings are allowed only on keys that take the sound masculine plural: participles in م- such as
 *   مستشار, and nisba adjectives in -ي such as وطني).
 * - A stem that lost any affix other than the bare article must keep at least 3 letters.
 */

/** The glossary token ended in ة: it takes ـت before pronouns, ـات, ـتان/ـتين. */
export const KEY_TA_MARBUTA = 1;
/** The key takes the sound masculine plural and feminine ـة (م- participles, -ي nisba adjectives). */
export const KEY_SOUND_PLURAL = 2;

/** Proclitic combinations (normalised), longest meaningful stacks of و/ف + ب/ك/ل + ال. */
const PROCLITICS = [
  "ال",
  "و",
  "ف",
  "ب",
  "ك",
  "ل",
  "وال",
  "فال",
  "بال",
  "كال",
  "لل",
  "ولل",
  "فلل",
  "وب",
  "وك",
  "ول",
  "فب",
  "فك",
  "فل",
  "وبال",
  "وكال",
  "فبال",
  "فكال",
];
const PRONOUNS = ["ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا"];
const NUMBER_SUFFIXES = ["ا", "ان", "ين", "ات", "ون", "و", "ي", "ت", "تان", "تين", "ه"];
const NUN_FINAL = new Set(["ان", "ين", "ون", "تان", "تين"]);

const MIN_STRIPPED_STEM = 3;

/** Key of a glossary token in Arabic script: normalised, without a leading bare-alef article. */
export function arabicGlossaryKey(original: string, norm: string): string {
  // أل/إل/آل are part of the word (ألمانيا), not the article: only a bare alef (or wasla) starts ال.
  const first = original.charCodeAt(0);
  if (norm.startsWith("ال") && (first === 0x0627 || first === 0x0671) && norm.length >= 4)
    return norm.slice(2);
  return norm;
}

export function arabicKeyFlags(original: string, key: string): number {
  let flags = 0;
  let last = original.length - 1;
  while (last >= 0) {
    const c = original.charCodeAt(last);
    // Skip trailing harakat and tatweel to find the last letter.
    if (c === 0x0640 || (c >= 0x064b && c <= 0x065f) || c === 0x0670) last--;
    else break;
  }
  if (original.charCodeAt(last) === 0x0629) flags |= KEY_TA_MARBUTA;
  else if ((key.length >= 4 && key.startsWith("م")) || (key.length >= 3 && key.endsWith("ي")))
    flags |= KEY_SOUND_PLURAL;
  return flags;
}

/** Reports a candidate key; returns nothing. `article` = only the article (or nothing) was stripped in front. */
export type KeyVisitor = (
  key: string,
  requiredFlags: number,
  forbiddenFlags: number,
  viaProclitic: boolean,
) => void;

/**
 * Every (stem, constraint) a normalised Arabic word may be an inflection of. `taMarbuta` says the original
 * word ended in ة (so its final ه is not the pronoun "his").
 */
export function arabicCandidates(norm: string, taMarbuta: boolean, visit: KeyVisitor): void {
  suffixCandidates(norm, taMarbuta, false, false, visit);
  for (const p of PROCLITICS) {
    if (norm.length - p.length < 2 || !norm.startsWith(p)) continue;
    const articleOnly = p === "ال";
    suffixCandidates(norm.slice(p.length), taMarbuta, !articleOnly, true, visit);
  }
}

function suffixCandidates(
  r: string,
  taMarbuta: boolean,
  viaProclitic: boolean,
  stripped: boolean,
  visit: KeyVisitor,
): void {
  const strictMin = viaProclitic ? MIN_STRIPPED_STEM : 2;
  if (r.length >= (stripped ? strictMin : 1)) visit(r, 0, 0, viaProclitic);
  numberCandidates(r, "", taMarbuta, viaProclitic, visit);
  if (taMarbuta) return; // a final ة is never the pronoun ـه, and no pronoun ends in ة
  for (const pr of PRONOUNS) {
    if (r.length - pr.length < 2 || !r.endsWith(pr)) continue;
    const r1 = r.slice(0, r.length - pr.length);
    // Bare stem + pronoun: not on ta-marbuta keys (those take ـت before a pronoun).
    if (r1.length >= MIN_STRIPPED_STEM) visit(r1, 0, KEY_TA_MARBUTA, viaProclitic);
    numberCandidates(r1, pr, false, viaProclitic, visit);
  }
}

function numberCandidates(
  r1: string,
  pronoun: string,
  taMarbuta: boolean,
  viaProclitic: boolean,
  visit: KeyVisitor,
): void {
  for (const n of NUMBER_SUFFIXES) {
    if (r1.length - n.length < MIN_STRIPPED_STEM || !r1.endsWith(n)) continue;
    if (pronoun !== "" && NUN_FINAL.has(n)) continue; // the ن of a plural/dual drops before a pronoun
    const base = r1.slice(0, r1.length - n.length);
    switch (n) {
      case "ه":
        // Feminine ـة of a participle or nisba adjective (مستشارة, وطنية); only a real ة, no pronoun after.
        if (taMarbuta && pronoun === "") visit(base, KEY_SOUND_PLURAL, 0, viaProclitic);
        break;
      case "ت":
        if (pronoun !== "") visit(`${base}ه`, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "تان":
      case "تين":
        visit(`${base}ه`, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "ات":
        visit(base, 0, KEY_TA_MARBUTA, viaProclitic);
        visit(`${base}ه`, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "ون":
      case "و":
      case "ي":
        visit(base, KEY_SOUND_PLURAL, 0, viaProclitic);
        break;
      case "ا":
        if (pronoun === "") visit(base, 0, KEY_TA_MARBUTA, viaProclitic);
        break;
      default: // ان, ين: dual (and ين plural) of any noun
        visit(base, 0, KEY_TA_MARBUTA, viaProclitic);
        break;
    }
  }
}

/**
 * Key of a glossary token in Latin script: lower case, without a possessive (Children's Fund also matches
 * "Children Fund"); short all-capital acronyms (UN, WHO) stay case-sensitive so "who" and "us" do not match.
 */
export function latinGlossaryKey(original: string, norm: string): string {
  if (isShortAcronym(original)) return `=${original}`;
  return norm.endsWith("'s") && norm.length > 3 ? norm.slice(0, -2) : norm;
}

function isShortAcronym(s: string): boolean {
  if (s.length < 2 || s.length > 3) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/** English possessive and plural variants of a normalised (lower-case) word; `original` keeps its case. */
export function latinCandidates(original: string, norm: string, visit: (key: string) => void): void {
  visit(norm);
  let w = norm;
  let o = original;
  if (w.endsWith("'s")) {
    w = w.slice(0, -2);
    o = o.slice(0, -2);
  } else if (w.endsWith("'")) {
    w = w.slice(0, -1);
    o = o.slice(0, -1);
  }
  if (w !== norm) visit(w);
  if (w.length > 4 && w.endsWith("ies")) visit(`${w.slice(0, -3)}y`);
  if (w.length > 3 && w.endsWith("es")) visit(w.slice(0, -2));
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) visit(w.slice(0, -1));
  if (isShortAcronym(o)) visit(`=${o}`);
  else if (o.length >= 3 && o.endsWith("s") && isShortAcronym(o.slice(0, -1))) visit(`=${o.slice(0, -1)}`);
}
