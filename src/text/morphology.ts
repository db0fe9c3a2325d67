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

import { ALEF, ALEF_WASLA, ARABIC_BLOCK_END, ARABIC_BLOCK_FIRST, HA, MIM, NUN, TA, WAW, YA } from "./arabic";
import { canonicalSpelling, classicalSingulars, singularGlossaryWord } from "./english";
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
const NUMBER_SUFFIXES = ["ا", "ان", "ين", "ات", "ون", "و", "ي", "ت", "تان", "تين", "تا", "تي", "ه"];
const NUN_FINAL = new Set(["ان", "ين", "ون", "تان", "تين"]);

const MIN_STRIPPED_STEM = 3;
const MIN_PROCLITIC_STEM = 2;

const ARTICLE = toCodes("ال");
const PROCLITIC_CODES = PROCLITICS.map(toCodes);
/** Whether each proclitic stack ends in the article (ال, وال, بال…, or لل = ل + ال). */
const PROCLITIC_HAS_ARTICLE = PROCLITICS.map((p) => p.endsWith("ال") || p.endsWith("لل"));
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
 * End of the key of a glossary token codes[a, b) (after arabicKeyStart): a sound masculine plural is keyed
 * by its singular, flagged KEY_SOUND_PLURAL, so that every case and number of the text meets it: ـون
 * (المماثلون, النازحون; stems of 4+ letters: تعاون and قانون keep their ون) and, where the stem has the
 * shape of a word that takes this plural (a participle in م-, a nisba in ـي, the active participle فاعل),
 * ـين (المراقبين, النازحين; not فلسطين) and, in construct (a word of the term follows), ـو (مستشارو).
 */
export function arabicKeyEnd(c: ArrayLike<number>, a: number, b: number, construct: boolean): number {
  if (b - a >= 6 && c[b - 1] === NUN && c[b - 2] === WAW) return b - 2;
  if (b - a >= 6 && c[b - 1] === NUN && c[b - 2] === YA && takesSoundPlural(c, a, b - 2)) return b - 2;
  if (construct && b - a >= 5 && c[b - 1] === WAW && takesSoundPlural(c, a, b - 1)) return b - 1;
  return b;
}

/** The stem codes[a, b) has a shape that takes the sound masculine plural (see arabicKeyEnd). */
function takesSoundPlural(c: ArrayLike<number>, a: number, b: number): boolean {
  return (b - a >= 4 && c[a] === MIM) || c[b - 1] === YA || (b - a === 4 && c[a + 1] === ALEF);
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

/** Whether codes[a, b) has the shape مفاعل of a form-III active participle (مراقب, مساعد, مشارك). */
export function isFormThreeParticiple(c: ArrayLike<number>, a: number, b: number): boolean {
  return b - a === 5 && c[a] === MIM && c[a + 2] === ALEF;
}

/**
 * Marker code unit that ends the dual key of a glossary word in ـان/ـين (الطرفان → طرف + DUAL_MARK): the
 * text's dual forms (الطرفين, طرفا/طرفي in construct) meet it, its singular does not. A noncharacter,
 * never in normalised text.
 */
export const DUAL_MARK = 0xfdd0;

/**
 * Reports a candidate key codes[a, b) (followed by `extra` when ≥ 0: ه for a ta marbuta restored, or
 * DUAL_MARK), the flags the key must have and must not have, `rank`: how many letters of proclitics other
 * than the article were stripped in front (0 for none), and `construct`: the reading is only plausible
 * in the middle of a multi-word term (a construct form such as وزيري الخارجية, or a two-letter stem behind
 * a one-letter proclitic, وحق النقض), so it may continue a term but not end one.
 */
export type KeyVisitor = (
  a: number,
  b: number,
  extra: number,
  requiredFlags: number,
  forbiddenFlags: number,
  rank: number,
  construct: boolean,
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
  suffixCandidates(c, a, b, taMarbuta, 0, false, false, false, visit);
  for (const k of inBlock(c[a], PROCLITICS_BY_FIRST)) {
    const p = PROCLITIC_CODES[k] as Uint16Array;
    if (b - a - p.length < MIN_PROCLITIC_STEM || !startsWith(c, a, b, p)) continue;
    // Behind و ف ب ك ل (alone or stacked) without the article, a two-letter stem is most often the word's
    // own first letter read as a clitic (بحر is not ب + حر): only a multi-word term may start there
    // (وحق النقض, لحل الدولتين).
    const article = PROCLITIC_HAS_ARTICLE[k] as boolean;
    const shortStem = !article && b - a - p.length < MIN_STRIPPED_STEM;
    suffixCandidates(c, a + p.length, b, taMarbuta, k === 0 ? 0 : p.length, shortStem, article, true, visit);
  }
}

function suffixCandidates(
  c: ArrayLike<number>,
  a: number,
  b: number,
  taMarbuta: boolean,
  rank: number,
  construct: boolean,
  definite: boolean,
  stripped: boolean,
  visit: KeyVisitor,
): void {
  if (b - a >= (stripped ? MIN_PROCLITIC_STEM : 1)) visit(a, b, -1, 0, 0, rank, construct);
  numberCandidates(c, a, b, false, taMarbuta, definite, rank, visit);
  if (taMarbuta) return; // a final ة is never the pronoun ـه, and no pronoun ends in ة
  for (const k of inBlock(c[b - 1], PRONOUNS_BY_LAST)) {
    const pr = PRONOUN_CODES[k] as Uint16Array;
    if (b - a - pr.length < 2 || !endsWith(c, a, b, pr)) continue;
    const b1 = b - pr.length;
    // Bare stem + pronoun: not on ta-marbuta keys (those take ـت before a pronoun).
    if (b1 - a >= MIN_STRIPPED_STEM) visit(a, b1, -1, 0, KEY_TA_MARBUTA, rank, false);
    numberCandidates(c, a, b1, true, false, definite, rank, visit);
  }
}

function numberCandidates(
  c: ArrayLike<number>,
  a: number,
  b1: number,
  hasPronoun: boolean,
  taMarbuta: boolean,
  definite: boolean,
  rank: number,
  visit: KeyVisitor,
): void {
  // A noun in construct never has the article: the construct readings below need an indefinite word.
  const construct = !hasPronoun && !definite;
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
          visit(a, be, -1, KEY_SOUND_PLURAL, 0, rank, false);
          visit(a, be, -1, KEY_FEMININE, 0, rank, false);
        }
        break;
      case "ت":
        if (hasPronoun) visit(a, be, HA, KEY_TA_MARBUTA, 0, rank, false);
        break;
      case "تان":
      case "تين":
        visit(a, be, HA, KEY_TA_MARBUTA, 0, rank, false);
        break;
      case "تا":
      case "تي":
        // Dual of a ta-marbuta noun in construct (قنصليتا / قنصليتي البلدين), or ـتي = its ت + "my".
        if (construct) visit(a, be, HA, KEY_TA_MARBUTA, 0, rank, false);
        break;
      case "ات":
        visit(a, be, -1, 0, KEY_TA_MARBUTA, rank, false);
        visit(a, be, HA, KEY_TA_MARBUTA, 0, rank, false);
        break;
      case "ون":
      case "و":
        visit(a, be, -1, KEY_SOUND_PLURAL, 0, rank, false);
        break;
      case "ي":
        visit(a, be, -1, KEY_SOUND_PLURAL, 0, rank, false);
        if (construct) {
          // Oblique dual (or plural) in construct, of any noun: وزيري الخارجية, طرفي النزاع.
          visit(a, be, -1, 0, KEY_TA_MARBUTA, rank, true);
          visit(a, be, DUAL_MARK, 0, 0, rank, true);
        }
        break;
      case "ا":
        if (!hasPronoun) {
          visit(a, be, -1, 0, KEY_TA_MARBUTA, rank, false);
          if (construct) visit(a, be, DUAL_MARK, 0, 0, rank, true); // nominative dual in construct: طرفا النزاع
        }
        break;
      default: // ان, ين: dual (and ين plural) of any noun, and a dual the glossary lists
        visit(a, be, -1, 0, KEY_TA_MARBUTA, rank, false);
        visit(a, be, DUAL_MARK, 0, 0, rank, false);
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
 * "Children Fund"), in canonical spelling (english.ts), with `singular` a plural keyed by its singular;
 * short all-capital acronyms (UN, WHO) stay case-sensitive so "who" and "us" do not match.
 */
export function latinGlossaryKey(original: string, norm: string, singular: boolean): string {
  if (isShortAcronym(original)) return `=${original}`;
  const w = norm.endsWith("'s") && norm.length > 3 ? norm.slice(0, -2) : norm;
  return canonicalSpelling(singular ? singularGlossaryWord(w) : w);
}

function isShortAcronym(s: string): boolean {
  if (s.length < 2 || s.length > 3) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/**
 * English possessive and plural variants of a normalised (lower-case) word, in canonical spelling
 * (english.ts: colour = color, organisation = organization); `original` keeps its case for acronyms.
 */
export function latinCandidates(original: string, norm: string, visit: (key: string) => void): void {
  const word = (key: string) => visit(canonicalSpelling(key));
  word(norm);
  let w = norm;
  let o = original;
  if (w.endsWith("'s")) {
    w = w.slice(0, -2);
    o = o.slice(0, -2);
  } else if (w.endsWith("'")) {
    w = w.slice(0, -1);
    o = o.slice(0, -1);
  }
  if (w !== norm) word(w);
  if (w.length > 4 && w.endsWith("ies")) word(`${w.slice(0, -3)}y`);
  if (w.length > 3 && w.endsWith("es")) word(w.slice(0, -2));
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) word(w.slice(0, -1));
  classicalSingulars(w, word);
  if (isShortAcronym(o)) visit(`=${o}`);
  else if (o.length >= 3 && o.endsWith("s") && isShortAcronym(o.slice(0, -1))) visit(`=${o.slice(0, -1)}`);
}
