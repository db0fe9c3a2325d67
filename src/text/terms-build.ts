/**
 * Building the term matcher: each glossary term becomes a path of token keys (see morphology.ts) in a
 * per-language trie; known names that are not terms (KNOWN_NAMES) are added like terms and flagged.
 */
import type { Lang } from "../types";
import { EdgeTable, KeyTable } from "./keytable";
import {
  arabicKeyEnd,
  arabicKeyFlags,
  arabicKeyStart,
  isFormFourVerbalNoun,
  KEY_SOUND_PLURAL,
} from "./morphology";
import {
  GAP_COMMA,
  GAP_HYPHEN,
  GAP_PERIOD,
  RECORD_ARABIC,
  RECORD_NAME,
  RECORD_VERBAL_NOUN,
  ReadingCache,
  SCRIPT_AR,
  SCRIPT_LATIN,
  type TermEntryInput,
  type TermInput,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";
import { endsInTaMarbuta } from "./terms-scan";
import type { TermScratch } from "./terms-scratch";
import { scanTokens, type TokenScan } from "./tokenize";

/**
 * Multi-word names of States that are not glossary terms but contain a glossary word (الولايات: plural of
 * ولاية, *mandate*). Matched like terms so that the longest match covers the name; never reported.
 */
const KNOWN_NAMES: readonly { lang: Lang; text: string }[] = [
  { lang: "ar", text: "الولايات المتحدة" },
  { lang: "ar", text: "الولايات المتحدة الأمريكية" },
  { lang: "ar", text: "الولايات المتحدة الأميركية" },
  { lang: "ar", text: "المملكة المتحدة" },
  { lang: "ar", text: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية" },
];

// Pseudo-keys for punctuation inside a term: "United Nations Educational, Scientific and …", "St. Petersburg".
const COMMA_KEY = ",";
const PERIOD_KEY = ".";
const MAX_VARIANTS = 8;

/** Whether text[a, b) is a short all-capital acronym (UN, WHO): such keys stay case-sensitive. */
export function isShortAcronymAt(text: string, a: number, b: number): boolean {
  if (b - a < 2 || b - a > 3) return false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}

/**
 * Key id of a Latin glossary word or of two joined words (G-20 → g20), as morphology.latinGlossaryKey
 * computes it, without building strings: `=` + the original for a short acronym, else the normalised
 * form without a possessive 's.
 */
export function addLatinKey(
  keys: KeyTable,
  text: string,
  scan: TokenScan,
  k0: number,
  k1: number,
  scratch: TermScratch,
): number {
  const oa = scan.start[k0] as number;
  const ob = scan.end[k1] as number;
  if (k0 === k1 ? isShortAcronymAt(text, oa, ob) : false) {
    const s = scratch.keyBuffer(ob - oa + 1);
    s[0] = 0x3d;
    for (let i = oa; i < ob; i++) s[i - oa + 1] = text.charCodeAt(i);
    return keys.add(s, 0, ob - oa + 1);
  }
  if (k0 !== k1) {
    // Two words joined: the original is the two words without what separates them.
    const a0 = scan.start[k0] as number;
    const b0 = scan.end[k0] as number;
    const a1 = scan.start[k1] as number;
    const b1 = scan.end[k1] as number;
    const n = b0 - a0 + b1 - a1;
    const s = scratch.keyBuffer(n + 1);
    for (let i = a0; i < b0; i++) s[i - a0] = text.charCodeAt(i);
    for (let i = a1; i < b1; i++) s[b0 - a0 + i - a1] = text.charCodeAt(i);
    if (n >= 2 && n <= 3) {
      let acronym = true;
      for (let i = 0; i < n; i++) if ((s[i] as number) < 0x41 || (s[i] as number) > 0x5a) acronym = false;
      if (acronym) {
        s.copyWithin(1, 0, n);
        s[0] = 0x3d;
        return keys.add(s, 0, n + 1);
      }
    }
    // Normalised forms of the two words, concatenated.
    let m = 0;
    const c = scan.codes;
    const t = scratch.keyBuffer(
      (scan.normEnd[k0] as number) -
        (scan.normStart[k0] as number) +
        (scan.normEnd[k1] as number) -
        (scan.normStart[k1] as number),
    );
    for (let i = scan.normStart[k0] as number; i < (scan.normEnd[k0] as number); i++) t[m++] = c[i] as number;
    for (let i = scan.normStart[k1] as number; i < (scan.normEnd[k1] as number); i++) t[m++] = c[i] as number;
    return keys.add(t, 0, withoutPossessive(t, 0, m));
  }
  const a = scan.normStart[k0] as number;
  const b = scan.normEnd[k0] as number;
  return keys.add(scan.codes, a, a + withoutPossessive(scan.codes, a, b));
}

/** Length of the normalised word c[a, b) without a final 's (if longer than 3). */
function withoutPossessive(c: ArrayLike<number>, a: number, b: number): number {
  return b - a > 3 && c[b - 2] === 0x27 && c[b - 1] === 0x73 ? b - a - 2 : b - a;
}

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[], scratch: TermScratch): TermMatcher {
  const roots: Record<Lang, number> = { ar: 0, en: 1 };
  let termTotal = KNOWN_NAMES.length;
  for (const entry of entries) termTotal += entry.terms.length;
  // Sized for the glossary up front: growing the tables rehashes everything.
  const edges = new EdgeTable(termTotal * 3);
  const keys = new KeyTable();
  // Trie nodes: whether an edge leaves each, and the records ending there as linked lists (first, last,
  // next per list cell), turned into flat arrays at the end.
  let nodes = 2;
  let hasNext = new Uint8Array(Math.max(1024, termTotal * 3));
  let endHead = new Int32Array(hasNext.length).fill(-1);
  let endTail = new Int32Array(hasNext.length).fill(-1);
  const cellRecord: number[] = [];
  const rootEdges: number[] = []; // (root, key id, child) triples
  const cellNext: number[] = [];
  const records: TermRecord[] = [];
  const commaId = keys.addString(COMMA_KEY);
  const periodId = keys.addString(PERIOD_KEY);

  const tokenKey = (text: string, scan: TokenScan, k: number): number => {
    const a = scan.normStart[k] as number;
    const b = scan.normEnd[k] as number;
    const script = scan.script[k];
    if (script === SCRIPT_AR) {
      const start = scan.start[k] as number;
      const ka = arabicKeyStart(scan.codes, a, b, text.charCodeAt(start));
      const kb = arabicKeyEnd(scan.codes, ka, b);
      const taMarbuta = endsInTaMarbuta(text, start, scan.end[k] as number);
      const flags = arabicKeyFlags(scan.codes, ka, kb, taMarbuta) | (kb < b ? KEY_SOUND_PLURAL : 0);
      return keys.add(scan.codes, ka, kb, flags);
    }
    if (script === SCRIPT_LATIN) return addLatinKey(keys, text, scan, k, k, scratch);
    return keys.add(scan.codes, a, b);
  };

  const addEnding = (node: number, record: number): void => {
    for (let c = endHead[node] as number; c >= 0; c = cellNext[c] as number)
      if (cellRecord[c] === record) return;
    const cell = cellRecord.length;
    cellRecord.push(record);
    cellNext.push(-1);
    const tail = endTail[node] as number;
    if (tail < 0) endHead[node] = cell;
    else cellNext[tail] = cell;
    endTail[node] = cell;
  };
  const child = (node: number, id: number): number => {
    let next = hasNext[node] === 1 ? edges.get(node, id) : -1;
    if (next < 0) {
      next = nodes++;
      if (next === hasNext.length) {
        const size = hasNext.length * 2;
        const h = new Uint8Array(size);
        h.set(hasNext);
        hasNext = h;
        const head = new Int32Array(size).fill(-1);
        head.set(endHead);
        endHead = head;
        const tail = new Int32Array(size).fill(-1);
        tail.set(endTail);
        endTail = tail;
      }
      edges.set(node, id, next);
      if (node === roots.ar || node === roots.en) rootEdges.push(node, id, next);
      hasNext[node] = 1;
    }
    return next;
  };

  const addTerm = (entryId: number, term: TermInput, name: boolean): void => {
    const text = term.text;
    const scan = scanTokens(text, scratch.buildScan);
    if (scan.count === 0) return;
    const record = records.length;
    let verbalNoun = false;
    if (scan.count === 1 && scan.script[0] === SCRIPT_AR) {
      const a = arabicKeyStart(
        scan.codes,
        scan.normStart[0] as number,
        scan.normEnd[0] as number,
        text.charCodeAt(0),
      );
      verbalNoun = isFormFourVerbalNoun(scan.codes, a, scan.normEnd[0] as number);
    }
    records.push({
      entryId,
      name,
      termText: text,
      status: term.status,
      lang: term.lang,
      verbalNoun,
      light: null,
      lightTokens: null,
    });
    // Fast path: words separated by spaces (or hyphens between Arabic words) form one key path.
    let plain = true;
    for (let k = 1; k < scan.count && plain; k++) {
      const gap = scan.gap[k - 1];
      if (gap === GAP_COMMA || gap === GAP_PERIOD) plain = false;
      else if (gap === GAP_HYPHEN && scan.script[k - 1] !== SCRIPT_AR && scan.script[k] !== SCRIPT_AR)
        plain = false;
    }
    if (plain) {
      let node = roots[term.lang];
      for (let k = 0; k < scan.count; k++) node = child(node, tokenKey(text, scan, k));
      addEnding(node, record);
      return;
    }
    // Each variant is a key path: a period inside a term may be left out (St. Petersburg, St Petersburg),
    // a hyphen between two Latin words may be left out too (G-20, G20).
    let variants: number[][] = [[]];
    for (let k = 0; k < scan.count; k++) {
      const id = tokenKey(text, scan, k);
      const gapBefore = k > 0 ? scan.gap[k - 1] : -1;
      let solid = -1;
      if (
        gapBefore === GAP_HYPHEN &&
        scan.script[k - 1] !== SCRIPT_AR &&
        scan.script[k] !== SCRIPT_AR &&
        variants.length < MAX_VARIANTS
      )
        solid = addLatinKey(keys, text, scan, k - 1, k, scratch);
      if (solid < 0 && gapBefore !== GAP_COMMA && gapBefore !== GAP_PERIOD) {
        for (const v of variants) v.push(id);
        continue;
      }
      const next: number[][] = [];
      for (const v of variants) {
        if (gapBefore === GAP_COMMA) next.push([...v, commaId, id]);
        else if (gapBefore === GAP_PERIOD) next.push([...v, periodId, id], [...v, id]);
        else next.push([...v, id]);
        if (solid >= 0) next.push([...v.slice(0, -1), solid]);
      }
      variants = next;
    }
    for (const path of variants) {
      let node = roots[term.lang];
      for (const id of path) node = child(node, id);
      addEnding(node, record);
    }
  };

  for (const entry of entries) for (const term of entry.terms) addTerm(entry.id, term, false);
  const termCount = records.length;
  for (const name of KNOWN_NAMES) addTerm(0, { lang: name.lang, text: name.text, status: "preferred" }, true);
  const endingStart = new Int32Array(nodes + 1);
  const endings = new Int32Array(cellRecord.length);
  let filled = 0;
  for (let i = 0; i < nodes; i++) {
    endingStart[i] = filled;
    for (let c = endHead[i] as number; c >= 0; c = cellNext[c] as number)
      endings[filled++] = cellRecord[c] as number;
  }
  endingStart[nodes] = filled;
  const rootChild: Record<Lang, Int32Array> = {
    ar: new Int32Array(keys.size).fill(-1),
    en: new Int32Array(keys.size).fill(-1),
  };
  for (let i = 0; i < rootEdges.length; i += 3)
    rootChild[rootEdges[i] === roots.ar ? "ar" : "en"][rootEdges[i + 1] as number] = rootEdges[
      i + 2
    ] as number;
  const recordFlags = new Uint8Array(records.length);
  const recordEntry = new Float64Array(records.length);
  records.forEach((r, i) => {
    recordFlags[i] =
      (r.name ? RECORD_NAME : 0) |
      (r.lang === "ar" ? RECORD_ARABIC : 0) |
      (r.verbalNoun ? RECORD_VERBAL_NOUN : 0);
    recordEntry[i] = r.entryId;
  });
  return {
    roots,
    edges,
    rootChild,
    endingStart,
    endings,
    hasNext: hasNext.subarray(0, nodes),
    keys,
    records,
    termCount,
    commaId,
    periodId,
    recordFlags,
    recordEntry,
    readings: new ReadingCache(),
  };
}
