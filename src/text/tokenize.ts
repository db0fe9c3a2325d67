/**
 * Word tokenisation for matching: words are runs of letters, digits and combining marks (plus tatweel and
 * zero-width joiners, which live inside Arabic words). Everything else — spaces, punctuation, hyphens,
 * bidi controls — separates words. Offsets are UTF-16 indices into the original text.
 */
import { isInvisible, isSpace, normalizeToken } from "./normalize";

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
   * hyphen or dash, spaces allowed), "comma" (a comma, spaces allowed) or "break" (anything else, including
   * a line break, and after the last token). Multi-word terms continue across space and hyphen only, and
   * across a comma only where the glossary term has one.
   */
  gap: TokenGap;
}

export type TokenGap = "space" | "hyphen" | "comma" | "break";

// 0 = unknown, 1 = word character, 2 = not.
const WORD_KIND = new Uint8Array(0x10000);
const WORDISH = /[\p{L}\p{N}\p{M}]/u;

function isWordCodeUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x0600 && c <= 0x06ff) {
    if (c <= 0x060f || c === 0x061b || (c >= 0x061c && c <= 0x061f)) return false;
    if (c >= 0x066a && c <= 0x066d) return false;
    return c !== 0x06d4;
  }
  if (c === 0x200c || c === 0x200d || c === 0x00ad) return true; // joiners inside words
  let k = WORD_KIND[c] as number;
  if (k === 0) {
    k = WORDISH.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_KIND[c] = k;
  }
  return k === 1;
}

function isArabicLetterCode(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

function isLatinLetterCode(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x02bc;
}

function isDash(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** Length (1 or 2) of the word character at i, or 0 if text[i] does not belong to a word. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) as number;
    return cp > 0xffff && WORDISH.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return isWordCodeUnit(c) ? 1 : 0;
}

/** Symbols that are part of names (BRICS+, OPEC+, R&D): each is a token of its own. */
function isSymbolToken(c: number): boolean {
  return c === 0x2b || c === 0x26;
}

/** In "U.N." or "e.g." a period between two single Latin letters stays inside the token. */
function isInnerAbbreviationDot(text: string, i: number, start: number): boolean {
  if (text.charCodeAt(i) !== 0x2e || i - 1 < start || !isLatinLetterCode(text.charCodeAt(i - 1)))
    return false;
  if (i - 2 >= start && text.charCodeAt(i - 2) !== 0x2e) return false;
  if (!isLatinLetterCode(text.charCodeAt(i + 1))) return false;
  const c = text.charCodeAt(i + 2);
  return !(isLatinLetterCode(c) || (c >= 0x30 && c <= 0x39));
}

/** Words of `text` with their normalised forms and original offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let len = wordCharLength(text, i);
    if (len === 0) {
      const c = text.charCodeAt(i);
      if (isSymbolToken(c)) {
        tokens.push({ start: i, end: i + 1, norm: text[i] as string, script: "other", gap: "break" });
      }
      i++;
      continue;
    }
    const start = i;
    let arabic = false;
    let latin = false;
    let dotted = false;
    while (i < n) {
      len = wordCharLength(text, i);
      if (len === 0) {
        // An apostrophe between two letters stays inside the word (Council's, don't).
        const c = text.charCodeAt(i);
        if (isApostrophe(c) && latin && i + 1 < n && isLatinLetterCode(text.charCodeAt(i + 1))) {
          i++;
          continue;
        }
        if (isInnerAbbreviationDot(text, i, start)) {
          dotted = true;
          i++;
          continue;
        }
        break;
      }
      const c = text.charCodeAt(i);
      if (!arabic && isArabicLetterCode(c)) arabic = true;
      else if (!latin && isLatinLetterCode(c)) latin = true;
      i += len;
    }
    // "U.N." and "a.i." keep their final period once a period was kept inside them.
    if (dotted && text.charCodeAt(i) === 0x2e && text.charCodeAt(i - 2) === 0x2e) i++;
    const end = i;
    const norm = normalizeToken(text, start, end);
    if (norm.length === 0) continue; // e.g. a lone tatweel or diacritic
    tokens.push({ start, end, norm, script: arabic ? "ar" : latin ? "latin" : "other", gap: "break" });
  }
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k] as Token;
    a.gap = gapBetween(text, a.end, (tokens[k + 1] as Token).start);
  }
  return tokens;
}

function gapBetween(text: string, from: number, to: number): TokenGap {
  let gap: TokenGap = "space";
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return "break";
    if (isSpace(c) || isInvisible(c) || c === 0x0640) continue;
    if (isDash(c) && gap === "space") gap = "hyphen";
    else if ((c === 0x2c || c === 0x060c) && gap === "space") gap = "comma";
    else return "break";
  }
  return gap;
}
