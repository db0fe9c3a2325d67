/**
 * What the aligner compares between sentences besides their lengths: anchors that a sentence and its
 * translation share, whatever the genre (docs/quality.md, "Alignment model").
 *
 * - numbers, in digits of any system or in words on either side (number-words.ts);
 * - months, Gregorian in the Arabic series of every region and Hijri (رمضان ↔ Ramadan), and the numbers of
 *   a Hijri date (١٤٤٦هـ, ٥ رمضان) as optional anchors — rewarded when the other side has them, not
 *   missed when a translation gives only the Gregorian date — plus the Gregorian year and month of the
 *   Hijri date (tabular calendar), also optional;
 * - Latin tokens of the Arabic side found in the English (URLs, e-mail addresses, acronyms);
 * - punctuation that survives translation (question marks, exclamation marks, quotations, parentheses) and
 *   question-and-answer labels (س: ↔ Q:, ج: ↔ A:);
 * - glossary entries recognised on both sides;
 * - proper names across scripts, by transliteration skeleton (transliterate.ts);
 * - words of a bilingual lexicon learned from the memory (align-lexicon.ts), when one is given;
 * - conventional formulae: vocatives, the closing salaam, the basmala (align-formulae.ts).
 *
 * Each sentence gets a sorted multiset of feature ids; the low bit of an id marks an optional occurrence.
 * Names and lexicon words become features only where both documents have them, so an English word without
 * an Arabic counterpart anywhere costs nothing. Sentences that translators conventionally leave out or
 * add (the basmala, a closing prayer, "Check against delivery", a note in parentheses) get a skip bonus.
 */
import type { Lang } from "../types";
import { dateFeatures } from "./align-dates";
import {
  FORMULA_SKIP_BONUS,
  formulaeIn,
  SKIPPABLE_FORMULA_KEYS,
  VOCATIVE_FORMULA_KEYS,
} from "./align-formulae";
import { type AlignLexicon, arabicLexiconKey, englishLexiconKey } from "./align-lexicon";
import { ARABIC_QUESTION_MARK, isArabicMarkOrTatweel } from "./arabic";
import { numbersIn } from "./number-words";
import { recognizeTerms, type TermMatcher } from "./terms";
import { latinSkeleton, MIN_NAME_SKELETON, NameIndex } from "./transliterate";

export const KIND_NUMBER = 0;
export const KIND_MONTH = 1;
export const KIND_LATIN = 2;
export const KIND_PUNCT = 3;
export const KIND_TERM = 4;
export const KIND_NAME = 5;
export const KIND_LEXICON = 6;
export const KIND_FORMULA = 7;
export const KIND_COUNT = 8;

export { hijriToGregorian } from "./align-dates";

export interface SideFeatures {
  /** Non-space characters of each sentence, Arabic diacritics and tatweel not counted. */
  lengths: number[];
  /** Sorted feature ids of each sentence: (interned id << 1) | optional. */
  ids: Int32Array[];
  /** Nats by which skipping each sentence is cheaper than the skip prior (formulae, notes). */
  skipBonus: Float64Array;
}

export interface DocumentFeatures {
  ar: SideFeatures;
  en: SideFeatures;
  /** Kind of each interned id. */
  kinds: number[];
  /**
   * Reward added to the kind's when both sides of a bead have the feature, per interned id: a skippable
   * formula found on both sides earns back both skip bonuses (align-formulae.ts).
   */
  extraReward: Float64Array;
  /** 1 for the ids of forms of address (vocative lines: align-model.ts joins their paragraphs). */
  vocative: Uint8Array;
}

export interface FeatureOptions {
  matcher?: TermMatcher | undefined;
  lexicon?: AlignLexicon | undefined;
}

class FeatureTable {
  readonly ids = new Map<string, number>();
  readonly kinds: number[] = [];
  /** Latin tokens of the Arabic side, with their ids. */
  readonly latin: [string, number][] = [];
  intern(kind: number, key: string): number {
    const full = `${kind}:${key}`;
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.kinds.length;
      this.ids.set(full, id);
      this.kinds.push(kind);
      if (kind === KIND_LATIN) this.latin.push([key, id]);
    }
    return id;
  }
  /** Id of a feature seen before, or -1. */
  find(kind: number, key: string): number {
    return this.ids.get(`${kind}:${key}`) ?? -1;
  }
}

/** Non-space characters, not counting Arabic diacritics and tatweel: the unit of the length model. */
export function alignmentLength(sentence: string): number {
  let n = 0;
  for (let k = 0; k < sentence.length; k++) {
    const c = sentence.charCodeAt(k);
    if (c <= 0x20 || c === 0xa0 || isArabicMarkOrTatweel(c)) continue;
    if (c >= 0x2000 && c <= 0x200f) continue;
    n++;
  }
  return n;
}

// ---- names and words ----

const LATIN_RE = /[A-Za-z][A-Za-z0-9]*/g;
const CAPITALISED_RE = /[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’]+/g;
const ARABIC_WORD_RE = /[\u0621-\u065F\u0670\u0671-\u06D3]+/g;
const ENGLISH_WORD_RE = /[A-Za-z]+(?:['’][A-Za-z]+)?/g;
/** Capitalised English words that are not names. */
const NOT_NAMES = new Set(
  (
    "The A An This That These Those It Its He She They We I You His Her Their Our In On At As After Before " +
    "But And Yet However Meanwhile There Here When While If Since During Although For From With By Of To " +
    "Mr Mrs Ms Dr Eng Prof Amb His Her Excellency Excellencies Highness Royal President Minister Ministers " +
    "Secretary General Council State States Republic Kingdom Ambassador Embassy Foreign Affairs Affair " +
    "Prime Crown Prince Deputy Assistant Chair Special Representative Permanent United Nations Union Q A " +
    "January February March April May June July August September October November December Monday " +
    "Tuesday Wednesday Thursday Friday Saturday Sunday"
  ).split(" "),
);

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Arabic word in the forms a name may take: without proclitics and article first (والحمادي → حمادي), then
 * without a conjunction only (وبروكسل → بروكسل), then as written if it has no article (the article's L
 * would otherwise make البيان look like Lebanon).
 */
function arabicNameForms(word: string): string[] {
  const w = word.replace(/[\u064B-\u065F\u0670\u0640]/g, "");
  const out: string[] = [];
  const m = /^([وف]?)([بلك]?)(ال|ل(?=ل))?(.{3,})$/.exec(w);
  if (m && (m[1] || m[2] || m[3])) out.push(m[4] as string);
  if (m?.[1] && !m[3]) out.push(w.slice(1));
  if (!m?.[3]) out.push(w);
  return out;
}

const QA_AR = /^\s*([سج])\s*[:：]/;
const QA_EN = /^\s*([QA])\s*[:.]\s/;

interface Scratch {
  table: FeatureTable;
  names: NameIndex;
  /** Interned ids of English names and lexicon words that some Arabic sentence has. */
  used: Set<number>;
  nameCache: Map<string, number>;
  /** Name id of each capitalised English word that may be a name. */
  englishNames: Map<string, number>;
  /** Lexicon feature ids of each word seen (Arabic: its translations; English: its own id or none). */
  lexiconCache: Map<string, readonly number[]>;
}

function pushId(ids: number[], id: number, optional: boolean): void {
  ids.push((id << 1) | (optional ? 1 : 0));
}

function commonFeatures(
  text: string,
  lang: Lang,
  t: FeatureTable,
  ids: number[],
  matcher?: TermMatcher,
): void {
  const dates = dateFeatures(text, lang);
  for (const v of numbersIn(dates.rest)) pushId(ids, t.intern(KIND_NUMBER, v), false);
  for (const v of dates.optionalNumbers) pushId(ids, t.intern(KIND_NUMBER, v), true);
  for (const m of dates.months) pushId(ids, t.intern(KIND_MONTH, String(m)), false);
  for (const m of dates.optionalMonths) pushId(ids, t.intern(KIND_MONTH, String(m)), true);
  let question = false;
  let exclamation = false;
  let quote = false;
  let paren = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3f || c === ARABIC_QUESTION_MARK) question = true;
    else if (c === 0x21) exclamation = true;
    else if (c === 0x22 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e)
      quote = true;
    else if (c === 0x28 || c === 0x29) paren = true;
  }
  if (question) pushId(ids, t.intern(KIND_PUNCT, "?"), false);
  if (exclamation) pushId(ids, t.intern(KIND_PUNCT, "!"), false);
  if (quote) pushId(ids, t.intern(KIND_PUNCT, '"'), false);
  if (paren) pushId(ids, t.intern(KIND_PUNCT, "("), false);
  const qa = (lang === "ar" ? QA_AR : QA_EN).exec(text)?.[1];
  if (qa !== undefined) pushId(ids, t.intern(KIND_PUNCT, qa === "س" || qa === "Q" ? "Q:" : "A:"), false);
  const formulae = formulaeIn(text, lang);
  for (const key of formulae.keys) pushId(ids, t.intern(KIND_FORMULA, key), false);
  for (const key of formulae.optionalKeys) pushId(ids, t.intern(KIND_FORMULA, key), true);
  if (matcher) {
    const entries = new Set<number>();
    for (const m of recognizeTerms(matcher, text, lang)) if (m.nestedIn === null) entries.add(m.entryId);
    for (const e of entries) pushId(ids, t.intern(KIND_TERM, String(e)), false);
  }
}

function arabicFeatures(text: string, s: Scratch, options: FeatureOptions): Int32Array {
  const ids: number[] = [];
  const t = s.table;
  commonFeatures(text, "ar", t, ids, options.matcher);
  const seenLatin = new Set<string>();
  for (const m of text.matchAll(LATIN_RE)) {
    const w = m[0].toLowerCase();
    if (w.length < 2 || seenLatin.has(w)) continue;
    seenLatin.add(w);
    pushId(ids, t.intern(KIND_LATIN, w), false);
  }
  const names = new Set<number>();
  const lexicon = new Set<number>();
  for (const m of text.matchAll(ARABIC_WORD_RE)) {
    const word = m[0];
    let name = s.nameCache.get(word);
    if (name === undefined) {
      name = -1;
      for (const form of arabicNameForms(word)) {
        const hit = s.names.lookup(form);
        if (hit !== undefined) {
          name = hit;
          break;
        }
      }
      s.nameCache.set(word, name);
    }
    if (name >= 0) names.add(name);
    if (options.lexicon) {
      let found = s.lexiconCache.get(word);
      if (found === undefined) {
        const key = arabicLexiconKey(word);
        const translations = key ? options.lexicon.translations(key) : undefined;
        found = translations ? translations.map((en) => t.intern(KIND_LEXICON, en)) : [];
        s.lexiconCache.set(word, found);
      }
      for (const id of found) lexicon.add(id);
    }
  }
  for (const id of names) {
    s.used.add(id);
    pushId(ids, id, false);
  }
  for (const id of lexicon) {
    s.used.add(id);
    pushId(ids, id, false);
  }
  return Int32Array.from(ids).sort();
}

function englishFeatures(text: string, s: Scratch, options: FeatureOptions): Int32Array {
  const ids: number[] = [];
  const t = s.table;
  commonFeatures(text, "en", t, ids, options.matcher);
  // Latin tokens of the Arabic side that reappear here.
  const lower = t.latin.length > 0 ? text.toLowerCase() : "";
  for (const [w, id] of t.latin) {
    for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
      if (!isWordChar(lower.charCodeAt(at - 1)) && !isWordChar(lower.charCodeAt(at + w.length))) {
        pushId(ids, id, false);
        break;
      }
    }
  }
  const seen = new Set<number>();
  for (const m of text.matchAll(CAPITALISED_RE)) {
    for (const part of m[0].split(/['’]/)) {
      const id = s.englishNames.get(part) ?? -1;
      if (id >= 0 && s.used.has(id) && !seen.has(id)) {
        seen.add(id);
        pushId(ids, id, false);
      }
    }
  }
  if (options.lexicon) {
    for (const m of text.matchAll(ENGLISH_WORD_RE)) {
      // English words are looked up after every Arabic sentence is read, so the table is complete.
      let cached = s.lexiconCache.get(m[0]);
      if (cached === undefined) {
        const key = englishLexiconKey(m[0]);
        cached = [key ? t.find(KIND_LEXICON, key) : -1];
        s.lexiconCache.set(m[0], cached);
      }
      const id = cached[0] as number;
      if (id >= 0 && s.used.has(id) && !seen.has(id)) {
        seen.add(id);
        pushId(ids, id, false);
      }
    }
  }
  return Int32Array.from(ids).sort();
}

/** The anchors of every sentence of both documents (see the module comment). */
export function documentFeatures(
  ar: readonly string[],
  en: readonly string[],
  options: FeatureOptions = {},
): DocumentFeatures {
  const table = new FeatureTable();
  const names = new NameIndex();
  const englishNames = new Map<string, number>();
  // English names first, by skeleton: Arabic words are looked up among them.
  for (const sentence of en)
    for (const m of sentence.matchAll(CAPITALISED_RE))
      for (const part of m[0].split(/['’]/)) {
        if (englishNames.has(part) || part.length < 3 || NOT_NAMES.has(part) || part === part.toUpperCase())
          continue;
        const key = latinSkeleton(part);
        if (key.length < MIN_NAME_SKELETON) continue;
        const id = table.intern(KIND_NAME, key);
        englishNames.set(part, id);
        names.add(part, id);
      }
  const s: Scratch = {
    table,
    names,
    used: new Set(),
    nameCache: new Map(),
    englishNames,
    lexiconCache: new Map(),
  };
  const side = (list: readonly string[], lang: Lang): SideFeatures => ({
    lengths: list.map(alignmentLength),
    ids: list.map((x) => (lang === "ar" ? arabicFeatures(x, s, options) : englishFeatures(x, s, options))),
    skipBonus: Float64Array.from(list, (x) => formulaeIn(x, lang).skipBonus),
  });
  const arSide = side(ar, "ar");
  const enSide = side(en, "en");
  const extraReward = new Float64Array(table.kinds.length);
  for (const key of SKIPPABLE_FORMULA_KEYS) {
    const id = table.find(KIND_FORMULA, key);
    if (id >= 0) extraReward[id] = 2 * FORMULA_SKIP_BONUS;
  }
  const vocative = new Uint8Array(table.kinds.length);
  for (const key of VOCATIVE_FORMULA_KEYS) {
    const id = table.find(KIND_FORMULA, key);
    if (id >= 0) vocative[id] = 1;
  }
  return { ar: arSide, en: enSide, kinds: table.kinds, extraReward, vocative };
}
