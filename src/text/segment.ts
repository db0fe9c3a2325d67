/**
 * Sentence segmentation for Arabic and English, in one pass over the text without regular expressions,
 * following the annotation conventions of docs/quality.md (evaluation set 2, "Sentences").
 *
 * A line break ends a segment, except the soft breaks of hard-wrapped text (a PDF or e-mail copy broken at
 * a fixed width: line-wrap.ts), which are spaces. Within a line a sentence ends at a run of . ! ? ؟ … ۔
 * plus any closing quotes/brackets right after it, when whitespace follows — unless the period belongs to
 * a number, an abbreviation or title (Mr., Eng., H.E., U.S., e.g., د., م., أ.د., ص.ب.: abbreviations.ts
 * says which and when they still end a sentence), an initial (J. F. Kennedy), a list number or Roman numeral at the start of a line (1. / II.), a URL or e-mail
 * address, or the next word starts in lower case. An ellipsis (… or ...) is a pause, not an end, unless
 * what follows opens a new sentence (an upper-case word; in Arabic a reporting verb or a sentence-opening
 * particle: `... وتناول اللقاء`). Two cases without whitespace still break: a period typed before the
 * space instead of after it (`المنقحة .يمكنك`), and a period or question mark glued between two Arabic
 * words. The Arabic comma ، and semicolon ؛ never end a sentence. Quotations of several sentences are
 * split after each quoted sentence, the closing quote going with the last one.
 */
import type { Lang } from "../types";
import { CONNECTIVES, DOTTED_BREAKERS, REFERENCES, TITLE_BREAKERS, TITLES } from "./abbreviations";
import {
  ALEF_WASLA,
  ARABIC_FULL_STOP,
  ARABIC_QUESTION_MARK,
  FA,
  FIRST_BASIC_LETTER,
  HA,
  isArabicIndicDigit,
  isArabicMarkOrTatweel,
  LAST_BASIC_LETTER,
  MIM,
  TATWEEL,
  WAW,
} from "./arabic";
import { softLineBreaks } from "./line-wrap";
import { isInvisible, isSpace } from "./normalize";

export interface Sentence {
  /** input.slice(start, end): the sentence without surrounding whitespace. */
  text: string;
  /** UTF-16 offsets into the input, end exclusive. */
  start: number;
  end: number;
}

// Arabic words that open a new sentence after an ellipsis (informal typing uses "..." as a full stop):
// reporting verbs in the perfect (masculine; the feminine adds ت) and sentence-opening particles. After
// anything else an ellipsis is a pause (`المستحيل… بل`, `عاماً… أربعة عشر عاماً`). Hamza folded to ا.
const ARABIC_OPENER_VERBS = new Set(
  (
    "قال اكد اشار اضاف اوضح اعرب تناول بحث ناقش استعرض شدد دعا دعت لفت نوه تابع اختتم افتتح استقبل " +
    "التقى التقت عقد شارك تراس وقع اعلن جاء ذكر تطرق ثمن رحب اعتبر طالب حذر اكدت كان يذكر تجدر يشار " +
    "يأتي ياتي تاتي اما كما وقد لقد"
  ).split(" "),
);

function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85;
}

function isTerminator(c: number): boolean {
  return (
    c === 0x2e ||
    c === 0x21 ||
    c === 0x3f ||
    c === ARABIC_QUESTION_MARK ||
    c === 0x2026 ||
    c === ARABIC_FULL_STOP
  );
}

/** Closing quotes and brackets that stay with the sentence they close. */
function isCloser(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 0xbb ||
    c === 0x203a ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x7d
  );
}

/** Opening quotes and brackets in front of a word. */
function isOpener(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x201c ||
    c === 0x2018 ||
    c === 0xab ||
    c === 0x2039 ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x7b
  );
}

// Tatweel counts as a letter here (it lies inside ء … ي): هـ is two letters, not an era-mark letter.
function isArabicLetter(c: number): boolean {
  return (
    (c >= FIRST_BASIC_LETTER && c <= LAST_BASIC_LETTER) ||
    (c >= ALEF_WASLA && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff)
  );
}

function isUpperLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function isLowerLatin(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || isArabicIndicDigit(c);
}

function isLetter(c: number): boolean {
  return isArabicLetter(c) || isUpperLatin(c) || isLowerLatin(c);
}

function isBlank(c: number): boolean {
  return isSpace(c) || isInvisible(c);
}

/** Shape of the word right before a period, as the abbreviation rules need it. */
enum WordKind {
  Empty, // the period follows whitespace
  Number,
  Title, // Mr, Dr, H.E, Jan, … (abbreviations.ts, TITLES)
  Reference, // No, Art, para: an abbreviation before a number only (REFERENCES)
  Connective, // e.g, cf, vs (CONNECTIVES)
  Initial, // one Latin capital: J. F. Kennedy
  ArabicLetter, // one Arabic letter: د. م. ص.
  Dotted, // U.S, e.g, a.m, ص.ب (letters, each part at most two)
  Roman, // II, IV, XII (upper case)
  Other,
}

function classifyWord(text: string, from: number, to: number): WordKind {
  // Drop opening quotes/brackets: («د. …), ("Mr. …).
  while (from < to && isOpener(text.charCodeAt(from))) from++;
  if (from >= to) return WordKind.Empty;
  let letters = 0;
  let digits = 0;
  let dots = 0;
  let partLetters = 0;
  let maxPart = 0;
  let other = false;
  let firstLetter = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      letters++;
      partLetters++;
      if (firstLetter < 0) firstLetter = c;
    } else if (isDigit(c)) digits++;
    else if (c === 0x2e) {
      dots++;
      if (partLetters > maxPart) maxPart = partLetters;
      partLetters = 0;
    } else if (isArabicMarkOrTatweel(c)) {
      // tatweel and harakat inside an Arabic abbreviation (هـ)
    } else if (c !== 0x2c) other = true; // @ / : - … mark URLs, e-mails and compounds
  }
  if (partLetters > maxPart) maxPart = partLetters;
  if (other) return WordKind.Other;
  if (letters === 0 && digits > 0) return WordKind.Number;
  if (digits > 0) return WordKind.Other;
  const word = text.slice(from, to);
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return WordKind.Title;
  if (CONNECTIVES.has(lower)) return WordKind.Connective;
  if (dots > 0) return maxPart <= 2 ? WordKind.Dotted : WordKind.Other;
  if (letters === 1) return isArabicLetter(firstLetter) ? WordKind.ArabicLetter : WordKind.Initial;
  // A one-letter Arabic title behind the conjunction و / ف: "وم. فهد", "ود. علي".
  if (letters === 2 && (firstLetter === WAW || firstLetter === FA)) return WordKind.ArabicLetter;
  if (REFERENCES.has(lower)) return WordKind.Reference;
  if (/^[IVX]+$/.test(word) && letters <= 5) return WordKind.Roman;
  return WordKind.Other;
}

/** Start of the whitespace-delimited word that ends at `to`, not before `floor`. */
function wordStart(text: string, floor: number, to: number): number {
  let s = to;
  while (s > floor && !isBlank(text.charCodeAt(s - 1))) s--;
  return s;
}

/** Whether the Arabic word at `at` opens a new sentence after an ellipsis (ARABIC_OPENER_VERBS). */
function opensArabicSentence(text: string, at: number): boolean {
  let word = "";
  for (let p = at; p < text.length && p - at < 24; p++) {
    const c = text.charCodeAt(p);
    if (isArabicMarkOrTatweel(c)) continue;
    if (!isArabicLetter(c)) break;
    word += c === 0x0622 || c === 0x0623 || c === 0x0625 ? "ا" : text[p];
  }
  for (const w of [word, word.slice(1)]) {
    if (w !== word && !/^[وف]/.test(word)) break;
    if (ARABIC_OPENER_VERBS.has(w) || (w.endsWith("ت") && ARABIC_OPENER_VERBS.has(w.slice(0, -1))))
      return true;
  }
  // "من جانبه", "من جهتها", "ومن ناحية أخرى"
  return /^[وف]?من\s+(?:جانب|جهت|ناحي)/.test(text.slice(at, at + 24));
}

/** The Latin letters from `at` ("The" of "The talks"). */
function latinWord(text: string, at: number): string {
  let e = at;
  while (e < text.length && (isUpperLatin(text.charCodeAt(e)) || isLowerLatin(text.charCodeAt(e)))) e++;
  return text.slice(at, e);
}

/** Whether an upper-case Roman numeral stands at `at` (Vol. II, Art. IV). */
function isRomanNumeral(text: string, at: number): boolean {
  const word = latinWord(text, at);
  return word.length > 0 && word.length <= 5 && /^[IVXLC]+$/.test(word);
}

/** An ellipsis: "…" or two or more periods. */
function isEllipsis(text: string, i: number, j: number): boolean {
  if (j === i + 1) return text.charCodeAt(i) === 0x2026;
  for (let p = i; p < j; p++) if (text.charCodeAt(p) !== 0x2e) return false;
  return true;
}

/**
 * Decides whether the terminator run text[i, j) followed by closers up to k ends a sentence.
 * `hardBreak(p)`: whether the line-break character at p ends a line (soft breaks of wrapped text do not).
 */
function endsSentence(
  text: string,
  segStart: number,
  i: number,
  j: number,
  k: number,
  lang: Lang,
  hardBreak: (p: number) => boolean,
): boolean {
  const n = text.length;
  if (k >= n) return true;
  const after = text.charCodeAt(k);
  if (isNewline(after) && hardBreak(k)) return true;
  const first = text.charCodeAt(i);
  const singlePeriod = first === 0x2e && j === i + 1;
  const ellipsis = k === j && isEllipsis(text, i, j);
  if (!isBlank(after)) {
    // "المنقحة .يمكنك": the period was typed before the space instead of after it.
    if (first === 0x2e && i > segStart && isBlank(text.charCodeAt(i - 1)) && isLetter(after)) return true;
    // Glued between two Arabic words: "الخصوصية.يمكنك", "لماذا؟قال".
    if (isArabicLetter(after) && k === j) {
      if (ellipsis) return opensArabicSentence(text, k);
      if (!singlePeriod) return true;
      if (lang === "ar" && i > 0 && isArabicLetter(text.charCodeAt(i - 1))) {
        const kind = classifyWord(text, wordStart(text, segStart, i), i);
        return kind === WordKind.Other;
      }
    }
    return false;
  }
  // Whitespace follows: find the next word's first character.
  let m = k;
  while (m < n && isBlank(text.charCodeAt(m))) m++;
  if (m >= n) return true;
  let next = text.charCodeAt(m);
  if (isNewline(next) && hardBreak(m)) return true;
  let q = m;
  while (q < n && isOpener(next)) next = text.charCodeAt(++q);
  // A lower-case word after the terminator continues the sentence (approx. five, "Why?" he asked).
  if (isLowerLatin(next)) return false;
  // An ellipsis is a pause unless a new sentence follows it: an upper-case word, an Arabic opener.
  if (ellipsis) return isUpperLatin(next) || (isArabicLetter(next) && opensArabicSentence(text, q));
  if (!singlePeriod || k > j) return true; // ?, !, a closed quotation: a real end
  const ws = wordStart(text, segStart, i);
  switch (classifyWord(text, ws, i)) {
    case WordKind.Empty:
      return true;
    case WordKind.Number: {
      // "1. First point" at the start of a line is list numbering, not a sentence.
      let b = ws;
      while (b > segStart && isBlank(text.charCodeAt(b - 1))) b--;
      return b > segStart;
    }
    case WordKind.Roman: {
      // "II. Economic affairs": a section number at the start of a line; elsewhere "Annex II. The …" ends.
      let b = ws;
      while (b > segStart && isBlank(text.charCodeAt(b - 1))) b--;
      return b > segStart;
    }
    case WordKind.Title:
    case WordKind.Initial:
      // A name follows (H.E. Mr. Karim, J. F. Kennedy) unless a word that opens sentences does.
      return TITLE_BREAKERS.has(latinWord(text, q));
    case WordKind.Reference:
      // No. 5, Art. II, para. (3): before anything else the word is a word (the answer "No.").
      return !(isDigit(next) || next === 0x28 || isRomanNumeral(text, q));
    case WordKind.Connective:
      return false;
    case WordKind.ArabicLetter: {
      // م. / هـ. after a year are era marks ("عام 2024 م."), elsewhere a title (د. for doctor) before a
      // name, which ends a sentence only before a word that opens one ("… م. وأكد").
      let b = ws;
      while (b > segStart && isBlank(text.charCodeAt(b - 1))) b--;
      const c = text.charCodeAt(i - 1);
      const eraMark = c === MIM || c === HA || c === TATWEEL;
      if (eraMark && b > segStart && isDigit(text.charCodeAt(b - 1))) return true;
      return isArabicLetter(next) && opensArabicSentence(text, q);
    }
    case WordKind.Dotted: {
      // أ.د. / ق.م / ص.ب.: an Arabic sentence opener after them; e.g. / U.S. / a.m.: an English one.
      if (isArabicLetter(next)) return opensArabicSentence(text, q);
      return isUpperLatin(next) && DOTTED_BREAKERS.has(latinWord(text, q));
    }
    default:
      return true;
  }
}

/** Splits `input` into sentences with their offsets; `text === input.slice(start, end)` for each. */
export function segmentSentences(input: string, lang: Lang): Sentence[] {
  const out: Sentence[] = [];
  const n = input.length;
  const emit = (from: number, to: number): void => {
    while (from < to && isBlank(input.charCodeAt(from))) from++;
    while (to > from && isBlank(input.charCodeAt(to - 1))) to--;
    if (to > from) out.push({ text: input.slice(from, to), start: from, end: to });
  };
  const soft = softLineBreaks(input);
  const softSet = soft.length > 0 ? new Set(soft) : null;
  // A CRLF is one break, recorded at its CR.
  const hardBreak = (p: number): boolean =>
    softSet === null ||
    !(
      softSet.has(p) ||
      (input.charCodeAt(p) === 0x0a && input.charCodeAt(p - 1) === 0x0d && softSet.has(p - 1))
    );
  let segStart = 0;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (isNewline(c)) {
      if (hardBreak(i)) {
        emit(segStart, i);
        segStart = i + 1;
      }
      i++;
      continue;
    }
    if (!isTerminator(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isTerminator(input.charCodeAt(j))) j++;
    let k = j;
    while (k < n && isCloser(input.charCodeAt(k))) k++;
    if (endsSentence(input, segStart, i, j, k, lang, hardBreak)) {
      emit(segStart, k);
      segStart = k;
    }
    i = k;
  }
  emit(segStart, n);
  return out;
}
