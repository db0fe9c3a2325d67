/**
 * Word tokenisation for matching: words are runs of letters, digits and combining marks (plus tatweel and
 * zero-width joiners, which live inside Arabic words). Everything else — spaces, punctuation, hyphens,
 * bidi controls — separates words. Offsets are UTF-16 indices into the original text.
 */
import {
  ARABIC_BLOCK_END,
  ARABIC_BLOCK_FIRST,
  ARABIC_COMMA,
  isArabicBlockPunctuation,
  isArabicMarkOrTatweel,
  isArabicScriptLetter,
  TATWEEL,
} from "./arabic";
import { isCombining, isInvisible, isSpace, normalizeToScratch } from "./normalize";

export type TokenScript = "ar" | "latin" | "other";

export interface Token {
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** normalizeForSearch of the token's text. */
  norm: string;
  /** "ar" if the token has an Arabic letter, "latin" if it has a Latin letter, else "other" (numbers). */
  script: TokenScript;
  /**
   * What separates this token from the next: "space" (spaces, invisible marks or nothing), "hyphen" (a
   * hyphen or dash, spaces allowed), "comma" or "period" (one comma or period, spaces allowed) or "break"
   * (anything else, including a blank line, and after the last token; one line break counts as a space).
   * Multi-word terms continue across
   * space and hyphen, and across a comma or period only where the glossary term has one (St. Petersburg).
   */
  gap: TokenGap;
}

export type TokenGap = "space" | "hyphen" | "comma" | "period" | "break";

// 0 = unknown, 1 = word character, 2 = not.
const WORD_KIND = new Uint8Array(0x10000);
const WORDISH = /[\p{L}\p{N}\p{M}]/u;

function isWordCodeUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= ARABIC_BLOCK_FIRST && c < ARABIC_BLOCK_END) return !isArabicBlockPunctuation(c);
  if (c === 0x200c || c === 0x200d || c === 0x00ad) return true; // joiners inside words
  let k = WORD_KIND[c] as number;
  if (k === 0) {
    k = WORDISH.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_KIND[c] = k;
  }
  return k === 1;
}

function isLatinLetterCode(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

function isDash(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** Symbols that are part of names (BRICS+, OPEC+, R&D): each is a token of its own. */
function isSymbolToken(c: number): boolean {
  return c === 0x2b || c === 0x26;
}

// Per code unit, filled on first use: the predicates the scan asks about each character, as bits, so that
// the hot loop does one table load instead of several range tests and a RegExp per new character.
const CLASS_KNOWN = 1;
const CLASS_WORD = 2;
const CLASS_ARABIC = 4;
const CLASS_LATIN = 8;
const CLASS_EXTENDS = 16;
const CHAR_CLASS = new Uint8Array(0x10000);

function charClass(c: number): number {
  let k = CHAR_CLASS[c] as number;
  if (k === 0) {
    k =
      CLASS_KNOWN |
      (c < 0xd800 || c > 0xdbff ? (isWordCodeUnit(c) ? CLASS_WORD : 0) : 0) |
      (isArabicScriptLetter(c) ? CLASS_ARABIC : 0) |
      (isLatinLetterCode(c) ? CLASS_LATIN : 0) |
      (extendsWord(c) ? CLASS_EXTENDS : 0);
    CHAR_CLASS[c] = k;
  }
  return k;
}

/** Length (1 or 2) of the word character at codes[i], or 0 if it does not belong to a word. */
function wordCharLength(codes: Uint16Array, i: number, n: number): number {
  const c = codes[i] as number;
  if (c < 0xd800 || c > 0xdbff) return (charClass(c) & CLASS_WORD) !== 0 ? 1 : 0;
  const d = i + 1 < n ? (codes[i + 1] as number) : 0;
  if (d < 0xdc00 || d > 0xdfff) return 0;
  return WORDISH.test(String.fromCharCode(c, d)) ? 2 : 0;
}

/** In "u.n." or "e.g." a period between two single Latin letters stays inside the token. */
function isInnerAbbreviationDot(codes: Uint16Array, i: number, start: number, n: number): boolean {
  if (codes[i] !== 0x2e || i - 1 < start || !isLatinLetterCode(codes[i - 1] as number)) return false;
  if (i - 2 >= start && codes[i - 2] !== 0x2e) return false;
  if (i + 1 >= n || !isLatinLetterCode(codes[i + 1] as number)) return false;
  const c = i + 2 < n ? (codes[i + 2] as number) : 0x20;
  return !(isLatinLetterCode(c) || (c >= 0x30 && c <= 0x39));
}

/** Word-internal characters that normalisation drops or merges: they extend a token's original span. */
function extendsWord(c: number): boolean {
  return (
    (c >= 0xdc00 && c <= 0xdfff) ||
    c === 0x200c ||
    c === 0x200d ||
    c === 0x00ad ||
    isArabicMarkOrTatweel(c) ||
    isCombining(c)
  );
}

export const GAPS: readonly TokenGap[] = ["space", "hyphen", "comma", "period", "break"];
export const SCRIPTS: readonly TokenScript[] = ["other", "ar", "latin"];

/** Tokens of a text in flat arrays, over its normalised code units: the matcher's allocation-free form. */
export interface TokenScan {
  /** normalizeForSearch(text) as code units (the first `length` of them). */
  codes: Uint16Array;
  length: number;
  count: number;
  /** Token k is codes[normStart[k], normEnd[k]) and text[start[k], end[k]). */
  normStart: Int32Array;
  normEnd: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Index into SCRIPTS. */
  script: Uint8Array;
  /** Index into GAPS: what separates token k from token k + 1. */
  gap: Uint8Array;
}

/** An empty scan to pass to scanTokens again and again: its arrays grow as needed and are reused. */
export function createTokenScan(capacity = 256): TokenScan {
  return {
    codes: new Uint16Array(capacity),
    length: 0,
    count: 0,
    normStart: new Int32Array(capacity),
    normEnd: new Int32Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    script: new Uint8Array(capacity),
    gap: new Uint8Array(capacity),
  };
}

/**
 * Scans `text` into tokens (see Token) without creating a string per token. With `into`, the arrays of a
 * previous scan are reused (and its contents replaced).
 */
export function scanTokens(text: string, into?: TokenScan): TokenScan {
  const { length: n, codes: src, origins } = normalizeToScratch(text);
  // A large text gets arrays of its own, so that a reused scan does not keep them alive.
  let scan = into && n < 1 << 16 ? into : createTokenScan(n + 1);
  if (scan.codes.length < n + 1) {
    scan = createTokenScan(Math.max(n + 1, scan.codes.length * 2));
    Object.assign(into as TokenScan, scan);
  }
  const codes = scan.codes;
  if (n > 32) codes.set(src.subarray(0, n));
  else for (let i = 0; i < n; i++) codes[i] = src[i] as number;
  scan.length = n;
  let count = 0;
  let i = 0;
  while (i < n) {
    if (wordCharLength(codes, i, n) === 0) {
      if (isSymbolToken(codes[i] as number)) {
        scan.normStart[count] = i;
        scan.normEnd[count] = i + 1;
        scan.start[count] = origins[i] as number;
        scan.end[count] = (origins[i] as number) + 1;
        scan.script[count++] = 0;
      }
      i++;
      continue;
    }
    const a = i;
    let seen = 0; // CLASS_* bits of the word's characters so far
    let dotted = false;
    while (i < n) {
      const c = codes[i] as number;
      if (c < 0xd800 || c > 0xdbff) {
        const k = (CHAR_CLASS[c] as number) || charClass(c);
        if ((k & CLASS_WORD) !== 0) {
          seen |= k;
          i++;
          continue;
        }
      } else if (wordCharLength(codes, i, n) === 2) {
        i += 2;
        continue;
      }
      // An apostrophe between two letters stays inside the word (council's, don't).
      if (
        c === 0x27 &&
        (seen & CLASS_LATIN) !== 0 &&
        i + 1 < n &&
        isLatinLetterCode(codes[i + 1] as number)
      ) {
        i++;
        continue;
      }
      if (isInnerAbbreviationDot(codes, i, a, n)) {
        dotted = true;
        i++;
        continue;
      }
      break;
    }
    const arabic = (seen & CLASS_ARABIC) !== 0;
    const latin = (seen & CLASS_LATIN) !== 0;
    // "u.n." and "a.i." keep their final period once a period was kept inside them.
    if (dotted && i < n && codes[i] === 0x2e && codes[i - 2] === 0x2e) i++;
    let e = (origins[i - 1] as number) + 1;
    while (e < text.length && (charClass(text.charCodeAt(e)) & CLASS_EXTENDS) !== 0) e++;
    scan.normStart[count] = a;
    scan.normEnd[count] = i;
    scan.start[count] = origins[a] as number;
    scan.end[count] = e;
    scan.script[count++] = arabic ? 1 : latin ? 2 : 0;
  }
  scan.count = count;
  for (let k = 0; k + 1 < count; k++) {
    const from = scan.end[k] as number;
    const to = scan.start[k + 1] as number;
    // The usual gap, one plain space, without the general scan.
    scan.gap[k] = to === from + 1 && text.charCodeAt(from) === 0x20 ? 0 : gapBetween(text, from, to);
  }
  if (count > 0) scan.gap[count - 1] = 4;
  return scan;
}

/** Words of `text` with their normalised forms and original offsets. */
export function tokenize(text: string): Token[] {
  const scan = scanTokens(text);
  const tokens: Token[] = [];
  for (let k = 0; k < scan.count; k++) {
    let norm = "";
    for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
      norm += String.fromCharCode(scan.codes[i] as number);
    tokens.push({
      start: scan.start[k] as number,
      end: scan.end[k] as number,
      norm,
      script: SCRIPTS[scan.script[k] as number] as TokenScript,
      gap: GAPS[scan.gap[k] as number] as TokenGap,
    });
  }
  return tokens;
}

/**
 * One line break between two words is a space (hard-wrapped text, a PDF copy: a term runs on across it);
 * a second one (a blank line) or a paragraph separator U+2029 ends the run. CR LF is one line break.
 */
function gapBetween(text: string, from: number, to: number): number {
  let gap = 0;
  let lineBreaks = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x2029) return 4;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x85) {
      if (c === 0x0d && text.charCodeAt(j + 1) === 0x0a) j++;
      if (++lineBreaks > 1) return 4;
      continue;
    }
    if (isSpace(c) || isInvisible(c) || c === TATWEEL) continue;
    if (isDash(c) && gap === 0) gap = 1;
    else if ((c === 0x2c || c === ARABIC_COMMA) && gap === 0) gap = 2;
    else if (c === 0x2e && gap === 0) gap = 3;
    else return 4;
  }
  return gap;
}
