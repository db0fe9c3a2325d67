/**
 * Normalisation for matching and search only: stored text is never altered.
 *
 * `normalizeForSearch` folds Arabic orthographic variation (hamza/alef forms, ta marbuta, alef maqsura,
 * diacritics, tatweel, Persian letters, Arabic-Indic digits) and English case, quotes and dashes, so that
 * a query and a stored text written differently still meet. It is applied to both sides of every
 * comparison; columns such as `segments.ar_norm` and `glossary_terms.norm` hold its output.
 *
 * `normalizeWithMap` produces the same string plus, for every normalised character, the index of the
 * original character it came from, so that a match found in normalised text can be reported against the
 * text the user actually wrote.
 */

import {
  ALEF,
  ALEF_HAMZA_ABOVE,
  ALEF_HAMZA_BELOW,
  ALEF_MADDA,
  ALEF_MAQSURA,
  ALEF_WASLA,
  ARABIC_COMMA,
  ARABIC_DECIMAL_SEPARATOR,
  ARABIC_FULL_STOP,
  ARABIC_INDIC_ZERO,
  ARABIC_PERCENT,
  ARABIC_QUESTION_MARK,
  ARABIC_SEMICOLON,
  ARABIC_THOUSANDS_SEPARATOR,
  COMBINING_HAMZA_FIRST,
  COMBINING_HAMZA_LAST,
  chars,
  EASTERN_ARABIC_INDIC_ZERO,
  HA,
  HAMZA,
  isArabicMarkOrTatweel,
  KAF,
  TA_MARBUTA,
  WAW_HAMZA,
  YA,
  YA_HAMZA,
} from "./arabic";

const CHAR_FOLD: Record<string, string> = {
  [chars(ALEF_HAMZA_ABOVE)]: chars(ALEF),
  [chars(ALEF_HAMZA_BELOW)]: chars(ALEF),
  [chars(ALEF_MADDA)]: chars(ALEF),
  [chars(ALEF_WASLA)]: chars(ALEF),
  "\u0672": chars(ALEF), // alef with wavy hamza above
  "\u0673": chars(ALEF), // alef with wavy hamza below
  "\u0675": chars(ALEF), // high hamza alef
  [chars(ALEF_MAQSURA)]: chars(YA),
  "\u06CC": chars(YA), // Farsi yeh
  "\u06D2": chars(YA), // yeh barree
  [chars(TA_MARBUTA)]: chars(HA),
  "\u06C0": chars(HA), // heh with yeh above
  "\u06C1": chars(HA), // heh goal
  "\u06D5": chars(HA), // ae
  "\u06A9": chars(KAF), // keheh (Persian kaf)
  "\u06AA": chars(KAF), // swash kaf
  // Hamza on a seat is spelled both ways (مسؤول/مسئول): fold the seated forms to the bare hamza.
  [chars(WAW_HAMZA)]: chars(HAMZA),
  [chars(YA_HAMZA)]: chars(HAMZA),
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u02BC": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  [chars(ARABIC_COMMA)]: ",",
  [chars(ARABIC_SEMICOLON)]: ";",
  [chars(ARABIC_QUESTION_MARK)]: "?",
  [chars(ARABIC_PERCENT)]: "%",
  [chars(ARABIC_DECIMAL_SEPARATOR)]: ".",
  [chars(ARABIC_THOUSANDS_SEPARATOR)]: ",",
  [chars(ARABIC_FULL_STOP)]: ".",
};
for (let d = 0; d < 10; d++) {
  CHAR_FOLD[chars(ARABIC_INDIC_ZERO + d)] = String(d);
  CHAR_FOLD[chars(EASTERN_ARABIC_INDIC_ZERO + d)] = String(d);
}

/** Bidi controls, zero-width characters, BOM, soft hyphen: invisible, never significant for matching. */
export function isInvisible(c: number): boolean {
  return (
    c === 0x00ad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** The characters `\s` matches in JavaScript, except U+FEFF (treated as invisible, like a BOM). */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Fold an already NFKC-normalised piece: drop marks and invisibles, map variants, lower-case. */
function foldPiece(piece: string): string {
  let out = "";
  for (let k = 0; k < piece.length; k++) {
    const c = piece.charCodeAt(k);
    if (isArabicMarkOrTatweel(c) || isInvisible(c)) continue;
    const ch = piece[k] as string;
    out += CHAR_FOLD[ch] ?? ch;
  }
  return out.toLowerCase();
}

// Per-code-unit results for the BMP, filled lazily: the normalised form of a lone character.
const BMP_CACHE: (string | undefined)[] = new Array(0x10000);
// 0 = not yet known, 1 = combining mark, 2 = anything else.
const MARK_KIND = new Uint8Array(0x10000);
const COMBINING = /\p{M}/u;

export function isCombining(c: number): boolean {
  let k = MARK_KIND[c] as number;
  if (k === 0) {
    k = COMBINING.test(String.fromCharCode(c)) ? 1 : 2;
    MARK_KIND[c] = k;
  }
  return k === 1;
}

function foldChar(c: number): string {
  let s = BMP_CACHE[c];
  if (s === undefined) {
    s = foldPiece(String.fromCharCode(c).normalize("NFKC"));
    BMP_CACHE[c] = s;
  }
  return s;
}

// Per-code-unit class for the fast path: 0 = not yet known, 1 = dropped, 2 = needs the general path
// (NFKC expansion, surrogate, composing mark), 3 = whitespace, ≥ 16 = folds to the single code unit (v - 16).
const SIMPLE = new Int32Array(0x10000);

function classify(c: number): number {
  let v: number;
  if (isSpace(c)) v = 3;
  else if ((c >= 0xd800 && c <= 0xdfff) || (c >= COMBINING_HAMZA_FIRST && c <= COMBINING_HAMZA_LAST))
    v = 2; // hamza/madda compose
  else {
    const f = foldChar(c);
    if (f.length === 0) v = 1;
    else if (f.length === 1) v = isSpace(f.charCodeAt(0)) ? 3 : f.charCodeAt(0) + 16;
    else v = 2;
  }
  SIMPLE[c] = v;
  return v;
}

// Scratch output buffers, reused across calls (the engine is synchronous).
let codes = new Uint16Array(1024);
let origins = new Int32Array(1024);
const UTF16 = new TextDecoder("utf-16le");
const SCRATCH_KEEP = 1 << 16;

function grow(min: number): void {
  let size = codes.length * 2;
  while (size < min) size *= 2;
  const c = new Uint16Array(size);
  c.set(codes);
  codes = c;
  const o = new Int32Array(size);
  o.set(origins);
  origins = o;
}

/**
 * Core loop: text[from, to) → normalised code units in `codes` (and their origins in `origins`); returns
 * their count. Whitespace runs collapse to one space and are trimmed at both ends. A base character and the
 * combining marks after it are normalised together (so NFKC can compose them), and every output character
 * of that cluster points at the cluster's first code unit.
 */
function normalizeRange(text: string, from: number, to: number): number {
  let n = 0;
  let pendingSpace = -1;
  let i = from;
  const needed = (to - from) * 2 + 8;
  if (codes.length < needed) grow(needed);
  else if (codes.length > SCRATCH_KEEP && needed <= SCRATCH_KEEP) {
    // Do not keep a whole document's worth of scratch memory alive after one large call.
    codes = new Uint16Array(1024);
    origins = new Int32Array(1024);
  }
  while (i < to) {
    const c = text.charCodeAt(i);
    const v = SIMPLE[c] || classify(c);
    if (v >= 16) {
      const d = i + 1 < to ? text.charCodeAt(i + 1) : 0x20;
      // Fast unless a mark that may compose with this character follows (harakat are just dropped).
      if ((SIMPLE[d] || classify(d)) === 1 || !isCombining(d)) {
        if (pendingSpace >= 0) {
          codes[n] = 0x20;
          origins[n++] = pendingSpace;
          pendingSpace = -1;
        }
        codes[n] = v - 16;
        origins[n++] = i;
        i++;
        continue;
      }
    } else if (v === 1) {
      i++;
      continue;
    } else if (v === 3) {
      if (pendingSpace < 0 && n > 0) pendingSpace = i;
      i++;
      continue;
    }
    // General path: a cluster of one code point and the combining marks after it.
    let j = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && j < to) {
      const d = text.charCodeAt(j);
      if (d >= 0xdc00 && d <= 0xdfff) j++;
    }
    while (j < to && isCombining(text.charCodeAt(j))) j++;
    const piece = j === i + 1 ? foldChar(c) : foldPiece(text.slice(i, j).normalize("NFKC"));
    if (n + piece.length + 2 > codes.length) grow(n + piece.length + 2);
    for (let k = 0; k < piece.length; k++) {
      const p = piece.charCodeAt(k);
      if (isSpace(p)) {
        if (pendingSpace < 0 && n > 0) pendingSpace = i;
        continue;
      }
      if (pendingSpace >= 0) {
        codes[n] = 0x20;
        origins[n++] = pendingSpace;
        pendingSpace = -1;
      }
      codes[n] = p;
      origins[n++] = i;
    }
    i = j;
  }
  return n;
}

function codesToString(n: number): string {
  if (n === 0) return "";
  if (n <= 64) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  return UTF16.decode(codes.subarray(0, n));
}

/** Normalised form of any Arabic, English or mixed text, for search and matching. */
export function normalizeForSearch(text: string): string {
  return codesToString(normalizeRange(text, 0, text.length));
}

/** Normalised text plus its offset map back into the original. */
export interface NormalizedText {
  norm: string;
  /**
   * map[i] is the UTF-16 index in the original text of the character norm[i] came from;
   * map[norm.length] === text.length. Non-decreasing.
   */
  map: Int32Array;
}

/** `normalizeForSearch` with an offset map, so that matches in `norm` can be reported in `text`. */
export function normalizeWithMap(text: string): NormalizedText {
  const n = normalizeRange(text, 0, text.length);
  const norm = codesToString(n);
  const map = new Int32Array(n + 1);
  map.set(origins.subarray(0, n));
  map[n] = text.length;
  return { norm, map };
}

/**
 * Original [start, end) of the normalised range [normStart, normEnd). The end extends to the next
 * normalised character's origin minus any whitespace, so characters removed by normalisation (diacritics,
 * tatweel) that trail the last matched letter stay inside the span.
 */
export function originalRange(
  text: string,
  map: ArrayLike<number>,
  normStart: number,
  normEnd: number,
): { start: number; end: number } {
  const start = map[normStart] ?? text.length;
  let end = map[normEnd] ?? text.length;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Removed entirely by normalisation (harakat, tatweel, invisible controls)? */
export function isDropped(c: number): boolean {
  return (SIMPLE[c] || classify(c)) === 1;
}

/**
 * normalizeForSearch as code units in shared scratch buffers: codes[i] for i < length, with origins[i] the
 * original index of code unit i. Valid only until the next call into this module (the tokenizer copies what
 * it keeps), which spares the matcher an allocation per call.
 */
export function normalizeToScratch(text: string): {
  length: number;
  codes: Uint16Array;
  origins: Int32Array;
} {
  const length = normalizeRange(text, 0, text.length);
  return { length, codes, origins };
}

/** Normalised form of the token text[from, to) (no whitespace inside), for the term matcher. */
export function normalizeToken(text: string, from: number, to: number): string {
  return codesToString(normalizeRange(text, from, to));
}
