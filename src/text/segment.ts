/**
 * Sentence segmentation for Arabic and English, in one pass over the text without regular expressions.
 *
 * Line breaks always end a segment (the data has one paragraph a line). Within a line a sentence ends at a
 * run of . ! ? ؟ … ۔ plus any closing quotes/brackets right after it, when whitespace follows — unless
 * the period belongs to a number, an abbreviation (Mr., U.S., e.g., د., ص.ب.), an initial (J. F. Kennedy),
 * a URL or e-mail address, or the next word starts in lower case. Two cases without whitespace still break:
 * a period typed before the space instead of after it (`المنقحة .يمكنك`), and a period or question mark
 * glued between two Arabic words. The Arabic comma ، and semicolon ؛ never end a sentence.
 */
import type { Lang } from "../types";
import {
  ALEF_WASLA,
  ARABIC_FULL_STOP,
  ARABIC_QUESTION_MARK,
  FIRST_BASIC_LETTER,
  HA,
  isArabicIndicDigit,
  isArabicMarkOrTatweel,
  LAST_BASIC_LETTER,
  MIM,
  TATWEEL,
} from "./arabic";
import { isInvisible, isSpace } from "./normalize";

export interface Sentence {
  /** input.slice(start, end): the sentence without surrounding whitespace. */
  text: string;
  /** UTF-16 offsets into the input, end exclusive. */
  start: number;
  end: number;
}

// Abbreviations written before a name or a number: a period after them never ends a sentence.
const TITLES = new Set(
  (
    "mr mrs ms mme mlle dr prof st sr jr mt ft no nos art arts para paras fig figs vol vols pp p ch sec " +
    "gen lt col capt cpt sgt maj adm cmdr gov sen rep pres amb hon rev fr messrs ave rd blvd dept est " +
    "approx cf vs viz al ca jan feb mar apr jun jul aug sep sept oct nov dec op ed eds"
  ).split(" "),
);
// Dotted abbreviations that often end a sentence: break before these sentence openers only.
const SENTENCE_OPENERS = new Set(
  (
    "The A An This That These Those It Its He She They We I You His Her Their Our In On At As After Before " +
    "But And Yet However Meanwhile There Here When While If Since During Although Mr Mrs Ms Dr"
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
  Title, // Mr, Dr, No, …
  Initial, // one Latin capital: J. F. Kennedy
  ArabicLetter, // one Arabic letter: د. م. ص.
  Dotted, // U.S, e.g, a.m, ص.ب (letters, each part at most two)
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
  if (dots > 0) return maxPart <= 2 ? WordKind.Dotted : WordKind.Other;
  if (letters === 1) return isArabicLetter(firstLetter) ? WordKind.ArabicLetter : WordKind.Initial;
  if (TITLES.has(text.slice(from, to).toLowerCase())) return WordKind.Title;
  return WordKind.Other;
}

/** Start of the whitespace-delimited word that ends at `to`, not before `floor`. */
function wordStart(text: string, floor: number, to: number): number {
  let s = to;
  while (s > floor && !isBlank(text.charCodeAt(s - 1))) s--;
  return s;
}

/** Decides whether the terminator run text[i, j) followed by closers up to k ends a sentence. */
function endsSentence(text: string, segStart: number, i: number, j: number, k: number, lang: Lang): boolean {
  const n = text.length;
  if (k >= n) return true;
  const after = text.charCodeAt(k);
  if (isNewline(after)) return true;
  const first = text.charCodeAt(i);
  const singlePeriod = first === 0x2e && j === i + 1;
  if (!isBlank(after)) {
    // "المنقحة .يمكنك": the period was typed before the space instead of after it.
    if (first === 0x2e && i > segStart && isBlank(text.charCodeAt(i - 1)) && isLetter(after)) return true;
    // Glued between two Arabic words: "الخصوصية.يمكنك", "لماذا؟قال".
    if (isArabicLetter(after) && k === j) {
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
  if (isNewline(next)) return true;
  let q = m;
  while (q < n && isOpener(next)) next = text.charCodeAt(++q);
  // A lower-case word after the terminator continues the sentence (approx. five, "Why?" he asked).
  if (isLowerLatin(next)) return false;
  if (!singlePeriod || k > j) return true; // ?, !, …, "..." or a closed quotation: a real end
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
    case WordKind.Title:
    case WordKind.Initial:
      return false;
    case WordKind.ArabicLetter: {
      // م. / هـ. after a year are era marks ("عام 2024 م."), elsewhere a title (د. for doctor).
      let b = ws;
      while (b > segStart && isBlank(text.charCodeAt(b - 1))) b--;
      const c = text.charCodeAt(i - 1);
      const eraMark = c === MIM || c === HA || c === TATWEEL;
      return eraMark && b > segStart && isDigit(text.charCodeAt(b - 1));
    }
    case WordKind.Dotted: {
      if (!isUpperLatin(next)) return false; // e.g. / i.e. mid-sentence, ص.ب. before a number
      let e = q;
      while (e < n && isLetter(text.charCodeAt(e))) e++;
      return SENTENCE_OPENERS.has(text.slice(q, e));
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
  let segStart = 0;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (isNewline(c)) {
      emit(segStart, i);
      segStart = ++i;
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
    if (endsSentence(input, segStart, i, j, k, lang)) {
      emit(segStart, k);
      segStart = k;
    }
    i = k;
  }
  emit(segStart, n);
  return out;
}
