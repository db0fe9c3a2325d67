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
 * - A stem must keep at least 2 letters after proclitics (حق in وحق, حل in لحل; never غ from بالغ) and at
 *   least 3 once a suffix is stripped too.
 */

import { ALEF, ALEF_WASLA, ARABIC_BLOCK_END, ARABIC_BLOCK_FIRST, MIM, NUN, TA, WAW, YA } from "./arabic";
import { KeyTable, toCodes } from "./keytable";

/** The glossary token ended in ة: it takes ـت before pronouns, ـات, ـتان/ـتين. */
export const KEY_TA_MARBUTA = 1;
/** The key takes the sound masculine plural and feminine ـة (م- participles, -ي nisba adjectives). */
export const KEY_SOUND_PLURAL = 2;
/**
 * The key is a four-letter noun of a person's pattern فعيل or فاعل (رئيس, سفير, وزير, نائب): it takes
 * the feminine ـة (رئيسة, السفيرة, وزيرة) but not the sound masculine plural (رؤساء, سفراء are broken).
 */
export const KEY_FEMININE = 4;

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
const MIN_PROCLITIC_STEM = 2;

const ARTICLE = toCodes("ال");
const PROCLITIC_CODES = PROCLITICS.map(toCodes);
const PRONOUN_CODES = PRONOUNS.map(toCodes);
const NUMBER_CODES = NUMBER_SUFFIXES.map(toCodes);

/** Indices of `affixes` grouped by one of their code units (first or last), for the Arabic block. */
function groupBy(affixes: Uint16Array[], last: boolean): number[][] {
  const groups: number[][] = Array.from({ length: 256 }, () => []);
  affixes.forEach((x, i) => {
    const c = (last ? x[x.length - 1] : x[0]) as number;
    (groups[c - ARABIC_BLOCK_FIRST] as number[]).push(i);
  });
  return groups;
}
const NONE: number[] = [];
const PROCLITICS_BY_FIRST = groupBy(PROCLITIC_CODES, false);
const PRONOUNS_BY_LAST = groupBy(PRONOUN_CODES, true);
const NUMBERS_BY_LAST = groupBy(NUMBER_CODES, true);
const inBlock = (c: number | undefined, groups: number[][]): number[] =>
  c !== undefined && c >= ARABIC_BLOCK_FIRST && c < ARABIC_BLOCK_END
    ? (groups[c - ARABIC_BLOCK_FIRST] as number[])
    : NONE;

function startsWith(c: ArrayLike<number>, a: number, b: number, affix: Uint16Array): boolean {
  if (b - a < affix.length) return false;
  for (let i = 0; i < affix.length; i++) if (c[a + i] !== affix[i]) return false;
  return true;
}

function endsWith(c: ArrayLike<number>, a: number, b: number, affix: Uint16Array): boolean {
  const from = b - affix.length;
  if (from < a) return false;
  for (let i = 0; i < affix.length; i++) if (c[from + i] !== affix[i]) return false;
  return true;
}

/**
 * Start of the key of a glossary token codes[a, b) in Arabic script: after a leading article, if any.
 * أل/إل/آل are part of the word (ألمانيا), not the article: only a bare alef (or wasla) in the original
 * (`firstOriginal`) starts ال.
 */
export function arabicKeyStart(c: ArrayLike<number>, a: number, b: number, firstOriginal: number): number {
  if (b - a >= 4 && startsWith(c, a, b, ARTICLE) && (firstOriginal === ALEF || firstOriginal === ALEF_WASLA))
    return a + 2;
  return a;
}

/**
 * End of the key of a glossary token codes[a, b) (after arabicKeyStart): a sound masculine plural in ـون
 * (المماثلون, النازحون) is keyed by its singular, flagged KEY_SOUND_PLURAL, so that the oblique ـين of the
 * text (المماثلين) meets it too. Only stems of 4+ letters: تعاون and قانون keep their ون.
 */
export function arabicKeyEnd(c: ArrayLike<number>, a: number, b: number): number {
  return b - a >= 6 && c[b - 2] === WAW && c[b - 1] === NUN ? b - 2 : b;
}

/** KEY_* flags of the key codes[a, b); `taMarbuta`: the original word ended in ة. */
export function arabicKeyFlags(c: ArrayLike<number>, a: number, b: number, taMarbuta: boolean): number {
  if (taMarbuta) return KEY_TA_MARBUTA;
  if ((b - a >= 4 && c[a] === MIM) || (b - a >= 3 && c[b - 1] === YA)) return KEY_SOUND_PLURAL;
  if (b - a === 4 && (c[a + 2] === YA || c[a + 1] === ALEF)) return KEY_FEMININE;
  return 0;
}

/**
 * Whether the key codes[a, b) has the shape of a form-IV verbal noun إفعال (إعلان, إصلاح, إنشاء): an
 * action noun, which before the name of a State denotes that State's act ("the announcement by the
 * United Kingdom"), not an instrument. افتعال-shaped words (اتفاق, اجتماع) are excluded.
 */
export function isFormFourVerbalNoun(c: ArrayLike<number>, a: number, b: number): boolean {
  return b - a === 5 && c[a] === ALEF && c[a + 3] === ALEF && c[a + 1] !== TA;
}

/**
 * Reports a candidate key codes[a, b) (followed by ه when `appendHa`: a ta marbuta restored), the flags the
 * key must have and must not have, and whether a proclitic other than the article was stripped.
 */
export type KeyVisitor = (
  a: number,
  b: number,
  appendHa: boolean,
  requiredFlags: number,
  forbiddenFlags: number,
  viaProclitic: boolean,
) => void;

/**
 * Every (stem, constraint) the normalised Arabic word c[a, b) may be an inflection of. `taMarbuta` says the
 * original word ended in ة (so its final ه is not the pronoun "his").
 */
export function arabicCandidates(
  c: ArrayLike<number>,
  a: number,
  b: number,
  taMarbuta: boolean,
  visit: KeyVisitor,
): void {
  suffixCandidates(c, a, b, taMarbuta, false, false, visit);
  for (const k of inBlock(c[a], PROCLITICS_BY_FIRST)) {
    const p = PROCLITIC_CODES[k] as Uint16Array;
    if (b - a - p.length < MIN_PROCLITIC_STEM || !startsWith(c, a, b, p)) continue;
    suffixCandidates(c, a + p.length, b, taMarbuta, k !== 0, true, visit);
  }
}

function suffixCandidates(
  c: ArrayLike<number>,
  a: number,
  b: number,
  taMarbuta: boolean,
  viaProclitic: boolean,
  stripped: boolean,
  visit: KeyVisitor,
): void {
  if (b - a >= (stripped ? MIN_PROCLITIC_STEM : 1)) visit(a, b, false, 0, 0, viaProclitic);
  numberCandidates(c, a, b, false, taMarbuta, viaProclitic, visit);
  if (taMarbuta) return; // a final ة is never the pronoun ـه, and no pronoun ends in ة
  for (const k of inBlock(c[b - 1], PRONOUNS_BY_LAST)) {
    const pr = PRONOUN_CODES[k] as Uint16Array;
    if (b - a - pr.length < 2 || !endsWith(c, a, b, pr)) continue;
    const b1 = b - pr.length;
    // Bare stem + pronoun: not on ta-marbuta keys (those take ـت before a pronoun).
    if (b1 - a >= MIN_STRIPPED_STEM) visit(a, b1, false, 0, KEY_TA_MARBUTA, viaProclitic);
    numberCandidates(c, a, b1, true, false, viaProclitic, visit);
  }
}

function numberCandidates(
  c: ArrayLike<number>,
  a: number,
  b1: number,
  hasPronoun: boolean,
  taMarbuta: boolean,
  viaProclitic: boolean,
  visit: KeyVisitor,
): void {
  for (const k of inBlock(c[b1 - 1], NUMBERS_BY_LAST)) {
    const n = NUMBER_CODES[k] as Uint16Array;
    if (b1 - a - n.length < MIN_STRIPPED_STEM || !endsWith(c, a, b1, n)) continue;
    const suffix = NUMBER_SUFFIXES[k] as string;
    if (hasPronoun && NUN_FINAL.has(suffix)) continue; // the ن of a plural/dual drops before a pronoun
    const be = b1 - n.length;
    switch (suffix) {
      case "ه":
        // Feminine ـة of a participle, nisba adjective or فعيل/فاعل person noun (مستشارة, وطنية, رئيسة);
        // only a real ة, no pronoun after.
        if (taMarbuta && !hasPronoun) {
          visit(a, be, false, KEY_SOUND_PLURAL, 0, viaProclitic);
          visit(a, be, false, KEY_FEMININE, 0, viaProclitic);
        }
        break;
      case "ت":
        if (hasPronoun) visit(a, be, true, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "تان":
      case "تين":
        visit(a, be, true, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "ات":
        visit(a, be, false, 0, KEY_TA_MARBUTA, viaProclitic);
        visit(a, be, true, KEY_TA_MARBUTA, 0, viaProclitic);
        break;
      case "ون":
      case "و":
      case "ي":
        visit(a, be, false, KEY_SOUND_PLURAL, 0, viaProclitic);
        break;
      case "ا":
        if (!hasPronoun) visit(a, be, false, 0, KEY_TA_MARBUTA, viaProclitic);
        break;
      default: // ان, ين: dual (and ين plural) of any noun
        visit(a, be, false, 0, KEY_TA_MARBUTA, viaProclitic);
        break;
    }
  }
}

// Particles after which a word is a verb, not a noun term (فإنك توافق على, لم توافق, وقد توافق). Flags:
// VERB_NEXT for قد/لم/لن/سوف/كي (only a verb follows them); otherwise the imperfect prefixes a verb agreeing
// with the pronoun attached to إنّ/أنّ/لأنّ/بأنّ/لكنّ starts with (إنها توافق, إنك توافق, but إنه توافق…
// is a noun: "he" would need يوافق).
const VERB_NEXT = 1;
const PREFIX_TA = 2;
const PREFIX_YA = 4;
const PREFIX_NUN = 8;
const PREFIX_ALEF = 16;
const PARTICLES = new KeyTable();
for (const conj of ["", "و", "ف"]) {
  for (const p of ["قد", "لقد", "لم", "لن", "سوف", "كي", "لكي"]) PARTICLES.addString(conj + p, VERB_NEXT);
  for (const p of ["ان", "لان", "بان", "لكن"]) {
    const pronouns: [string, number][] = [
      ["ك", PREFIX_TA],
      ["كم", PREFIX_TA],
      ["كما", PREFIX_TA],
      ["كن", PREFIX_TA],
      ["ها", PREFIX_TA],
      ["ه", PREFIX_YA],
      ["هم", PREFIX_YA],
      ["هما", PREFIX_YA | PREFIX_TA],
      ["هن", PREFIX_YA],
      ["نا", PREFIX_NUN],
      ["ني", PREFIX_ALEF],
      ["ي", PREFIX_ALEF],
    ];
    for (const [pronoun, prefix] of pronouns) PARTICLES.addString(conj + p + pronoun, prefix);
  }
}

/** PARTICLES flags of the normalised word c[a, b): 0 unless it is a particle that tells a verb follows. */
export function particleFlags(c: ArrayLike<number>, a: number, b: number): number {
  if (b - a > 7) return 0;
  const id = PARTICLES.find(c, a, b);
  return id < 0 ? 0 : (PARTICLES.flags[id] as number);
}

/**
 * Whether the normalised Arabic word c[a, b) is a verb by its context: the word before it is a particle
 * (`particle`: its particleFlags) that only a verb follows, or إنّ and the like with a pronoun, and the word
 * starts with the imperfect prefix agreeing with that pronoun. A word with the article is never a verb.
 */
export function isVerbAfterParticle(particle: number, c: ArrayLike<number>, a: number, b: number): boolean {
  if (particle === 0 || b - a < 3 || startsWith(c, a, b, ARTICLE)) return false;
  if (particle & VERB_NEXT) return true;
  if (b - a < 4) return false;
  const first = c[a];
  return (
    (first === TA && (particle & PREFIX_TA) !== 0) ||
    (first === YA && (particle & PREFIX_YA) !== 0) ||
    (first === NUN && (particle & PREFIX_NUN) !== 0) ||
    (first === ALEF && (particle & PREFIX_ALEF) !== 0)
  );
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
