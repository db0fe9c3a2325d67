/**
 * Term recognition against a whole glossary in one pass over the text.
 *
 * Each glossary term becomes a path of token keys in a per-language trie (see morphology.ts for keys).
 * Each text token yields the small set of keys it may be an inflection of (clitics and suffixes stripped
 * only when the stem is a glossary key that accepts them). The matcher walks the trie from every token over
 * these candidate sets — an automaton over a lattice of token readings, O(tokens × readings × term length),
 * independent of the glossary size. Multi-word terms continue across spaces and hyphens (and commas or periods where the term has them).
 *
 * The longest match wins (then the leftmost); shorter glossary terms inside it are reported too, with
 * `nestedIn` set to the enclosing match's entry id. Spans cover whole words of the original text, clitics
 * included (والتعددية, not التعددية), so `surface === text.slice(start, end)`.
 *
 * Context rules keep words that are spelt like a term but are something else from firing:
 * - a known multi-word name that is not a glossary term (الولايات المتحدة) takes part in the longest-match
 *   resolution like a term, so the glossary word inside it (ولاية) is not reported; the name itself is not
 *   reported either;
 * - a word read as a verb by the particle before it (فإنك توافق, لم توافق, قد توافق) starts no term;
 * - a one-word term in the impersonal من ال… أن (ومن المقرر أن, *it is scheduled that*) is not reported;
 * - a one-word form-IV verbal noun (إعلان) directly before the name of a State is that State's act
 *   (بإعلان المملكة المتحدة, *the announcement by the United Kingdom*), not the term.
 */
import type { Lang, TermStatus } from "../types";
import { HA, isArabicMarkOrTatweel, TA_MARBUTA } from "./arabic";
import { EdgeTable, KeyTable } from "./keytable";
import {
  arabicCandidates,
  arabicKeyEnd,
  arabicKeyFlags,
  arabicKeyStart,
  isFormFourVerbalNoun,
  isVerbAfterParticle,
  KEY_SOUND_PLURAL,
  latinCandidates,
  particleFlags,
} from "./morphology";
import { isInvisible } from "./normalize";
import { createTokenScan, scanTokens, type TokenScan, tokenize } from "./tokenize";

export interface TermInput {
  lang: Lang;
  text: string;
  status: TermStatus;
}

export interface TermEntryInput {
  id: number;
  terms: TermInput[];
}

export interface TermMatch {
  /** UTF-16 offsets into the original text, end exclusive; whole words. */
  start: number;
  end: number;
  /** text.slice(start, end) */
  surface: string;
  entryId: number;
  /** The glossary term matched, as written in the glossary. */
  termText: string;
  status: TermStatus;
  lang: Lang;
  /** Entry id of the longer match this one lies inside, or null for a primary hit. */
  nestedIn: number | null;
}

interface TermRecord {
  entryId: number;
  /** A known name that is not a glossary term (see KNOWN_NAMES): never reported. */
  name: boolean;
  termText: string;
  status: TermStatus;
  lang: Lang;
  /** One-word Arabic term shaped like a form-IV verbal noun (see isFormFourVerbalNoun). */
  verbalNoun: boolean;
  /** lightForm of the term and of each of its words (without the article), computed when first needed. */
  light: string | null;
  lightTokens: string[] | null;
}

export interface TermMatcher {
  /** Trie over token keys: node ids, root per language, edges (node, key) → child. */
  readonly roots: Record<Lang, number>;
  readonly edges: EdgeTable;
  /** The root's edges as a direct table per language: key id → child node, or −1 (every term starts
   * there, so these are the lookups made for every reading of every token). */
  readonly rootChild: Record<Lang, Int32Array>;
  /** Per node: the records of the terms ending there, endings[endingStart[node], endingStart[node + 1]),
   * and whether any edge leaves it (flat arrays: the walk reads them for every step). */
  readonly endingStart: Int32Array;
  readonly endings: Int32Array;
  readonly hasNext: Uint8Array;
  /** Token keys (see morphology.ts) with their KEY_* flags. */
  readonly keys: KeyTable;
  readonly records: TermRecord[];
  /** Number of glossary terms indexed. */
  readonly termCount: number;
  /** Key ids of the comma and period pseudo-keys. */
  readonly commaId: number;
  readonly periodId: number;
  /** Per record: RECORD_* flags and entry id, so that resolution does not touch the record objects. */
  readonly recordFlags: Uint8Array;
  readonly recordEntry: Float64Array;
  /** Readings of the word forms seen so far (filled by recognizeTerms; see ReadingCache). */
  readonly readings: ReadingCache;
}

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

// RECORD_* flags (TermMatcher.recordFlags).
const RECORD_NAME = 1;
const RECORD_ARABIC = 2;
const RECORD_VERBAL_NOUN = 4;

const STATUS_RANK: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };
// Token gaps (GAPS in tokenize.ts) and scripts (SCRIPTS).
const GAP_SPACE = 0;
const GAP_HYPHEN = 1;
const GAP_COMMA = 2;
const GAP_PERIOD = 3;
const GAP_BREAK = 4;
const SCRIPT_AR = 1;
const SCRIPT_LATIN = 2;
// Pseudo-keys for punctuation inside a term: "United Nations Educational, Scientific and …", "St. Petersburg".
const COMMA_KEY = ",";
const PERIOD_KEY = ".";
const MAX_VARIANTS = 8;
// Extra code unit that ends a ReadingCache key: which script the form is in, and for Arabic whether the
// original word ended in ة (its readings differ from the same letters ending in ه).
const FORM_AR = 1;
const FORM_AR_TA_MARBUTA = 2;
const FORM_LATIN = 3;
const FORM_OTHER = 4;

// Reused by buildTermMatcher and recognizeTerms (synchronous, so never in use twice at once).
const BUILD_SCAN = createTokenScan();
const TEXT_SCAN = createTokenScan();

/**
 * The key ids each word form may stand for, computed once per form and matcher: most words of a text
 * recur (in it and across texts), and their clitic and suffix analysis is the costliest part of a scan.
 * Each reading is `2 × keyId + inner`: inner = 1 when the word may continue a term (only the article
 * stripped in front), 0 when it may only start one (another proclitic stripped). Cleared when large.
 */
export class ReadingCache {
  forms = new KeyTable();
  start: number[] = [];
  count: number[] = [];
  /** morphology.particleFlags of each Arabic form (0 for others). */
  particle: number[] = [];
  pool = new Int32Array(4096);
  poolLength = 0;

  get size(): number {
    return this.start.length;
  }

  clear(): void {
    this.forms.clear();
    this.start.length = 0;
    this.count.length = 0;
    this.particle.length = 0;
    this.poolLength = 0;
  }
}
const CACHE_MAX_FORMS = 50_000;
const CACHE_MAX_READINGS = 1 << 18;

/** Whether the original word text[start, end) ends in ة (ignoring Arabic marks and tatweel). */
function endsInTaMarbuta(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (isArabicMarkOrTatweel(c)) continue;
    return c === TA_MARBUTA;
  }
  return false;
}

/** Marks, tatweel and invisibles removed, letters untouched: tells الامم from الأمم, Greater from greater. */
function lightForm(s: string): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isArabicMarkOrTatweel(c) || isInvisible(c)) break;
    i++;
  }
  if (i === s.length) return s; // the usual case: nothing to drop
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isArabicMarkOrTatweel(c) || isInvisible(c)) continue;
    out += s[i];
  }
  return out;
}

function normString(scan: TokenScan, k: number): string {
  let s = "";
  for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
    s += String.fromCharCode(scan.codes[i] as number);
  return s;
}

// Scratch for Latin keys built from the original text ("=" + an acronym, two joined words).
let keyScratch = new Uint16Array(256);

function scratchFor(n: number): Uint16Array {
  if (keyScratch.length < n) keyScratch = new Uint16Array(n * 2);
  return keyScratch;
}

/** Whether text[a, b) is a short all-capital acronym (UN, WHO): such keys stay case-sensitive. */
function isShortAcronymAt(text: string, a: number, b: number): boolean {
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
function addLatinKey(keys: KeyTable, text: string, scan: TokenScan, k0: number, k1: number): number {
  const oa = scan.start[k0] as number;
  const ob = scan.end[k1] as number;
  if (k0 === k1 ? isShortAcronymAt(text, oa, ob) : false) {
    const s = scratchFor(ob - oa + 1);
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
    const s = scratchFor(n + 1);
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
    const t = scratchFor(
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
export function buildTermMatcher(entries: readonly TermEntryInput[]): TermMatcher {
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
    if (script === SCRIPT_LATIN) return addLatinKey(keys, text, scan, k, k);
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
    const scan = scanTokens(text, BUILD_SCAN);
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
        solid = addLatinKey(keys, text, scan, k - 1, k);
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

// State of the running recognizeTerms call, at module level so that the hot functions below are plain
// functions rather than closures re-created on every call (the engine is synchronous and not re-entrant).
let curKeys: KeyTable = new KeyTable();
let curFlags: number[] = [];
let curCache: ReadingCache = new ReadingCache();
let curScan: TokenScan = TEXT_SCAN;
let curFormStart = 0;
// Per token: its readings are curCache.pool[tokStart[t], tokStart[t] + tokCount[t]); noStart[t] = 1 when
// the token may not start a term (a verb by context).
let tokStart = new Int32Array(256);
let tokCount = new Int32Array(256);
let noStart = new Uint8Array(256);
// Raw hits: token span and record, in order of start token.
let rawStart = new Int32Array(1024);
let rawEnd = new Int32Array(1024);
let rawRecord = new Int32Array(1024);
let rawCount = 0;

/** Adds reading `id` to the form being analysed (curFormStart… in the cache pool). */
function addReading(id: number, asInner: boolean): void {
  const cache = curCache;
  let pool = cache.pool;
  for (let i = curFormStart; i < cache.poolLength; i++) {
    if ((pool[i] as number) >> 1 === id) {
      if (asInner) pool[i] = (pool[i] as number) | 1;
      return;
    }
  }
  if (cache.poolLength === pool.length) {
    const grown = new Int32Array(pool.length * 2);
    grown.set(pool);
    cache.pool = pool = grown;
  }
  pool[cache.poolLength++] = 2 * id + (asInner ? 1 : 0);
}

function visitArabic(
  a: number,
  b: number,
  appendHa: boolean,
  required: number,
  forbidden: number,
  viaProclitic: boolean,
): void {
  const id = curKeys.find(curScan.codes, a, b, appendHa ? HA : -1);
  if (id < 0) return;
  const f = curFlags[id] as number;
  if ((f & required) === required && (f & forbidden) === 0) addReading(id, !viaProclitic);
}

function visitLatin(key: string): void {
  const id = curKeys.findString(key);
  if (id >= 0) addReading(id, true);
}

/** Cache id of token k's form, analysing it first if it is new. */
function formOf(text: string, scan: TokenScan, k: number): number {
  const cache = curCache;
  const a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  const script = scan.script[k];
  const start = scan.start[k] as number;
  const end = scan.end[k] as number;
  let codes: ArrayLike<number> = scan.codes;
  let ka = a;
  let kb = b;
  let tag: number;
  if (script === SCRIPT_AR) tag = endsInTaMarbuta(text, start, end) ? FORM_AR_TA_MARBUTA : FORM_AR;
  else if (script === SCRIPT_LATIN) {
    // Latin readings depend on letter case (UN, WHO): the form is the original word.
    const s = scratchFor(end - start);
    for (let i = start; i < end; i++) s[i - start] = text.charCodeAt(i);
    codes = s;
    ka = 0;
    kb = end - start;
    tag = FORM_LATIN;
  } else tag = FORM_OTHER;
  const known = cache.forms.find(codes, ka, kb, tag);
  if (known >= 0) return known;
  const form = cache.forms.add(codes, ka, kb, 0, tag);
  curFormStart = cache.poolLength;
  if (script === SCRIPT_AR) arabicCandidates(scan.codes, a, b, tag === FORM_AR_TA_MARBUTA, visitArabic);
  else if (script === SCRIPT_LATIN) latinCandidates(text.slice(start, end), normString(scan, k), visitLatin);
  else {
    const id = curKeys.find(scan.codes, a, b);
    if (id >= 0) addReading(id, true);
  }
  cache.start.push(curFormStart);
  cache.count.push(cache.poolLength - curFormStart);
  cache.particle.push(script === SCRIPT_AR ? particleFlags(scan.codes, a, b) : 0);
  return form;
}

function addRaw(startTok: number, endTok: number, record: number): void {
  if (rawCount === rawStart.length) {
    const grow = (x: Int32Array) => {
      const g = new Int32Array(x.length * 2);
      g.set(x);
      return g;
    };
    rawStart = grow(rawStart);
    rawEnd = grow(rawEnd);
    rawRecord = grow(rawRecord);
  }
  rawStart[rawCount] = startTok;
  rawEnd[rawCount] = endTok;
  rawRecord[rawCount++] = record;
}

function walk(
  m: TermMatcher,
  pool: Int32Array,
  count: number,
  node: number,
  startTok: number,
  t: number,
): void {
  const endingEnd = m.endingStart[node + 1] as number;
  for (let i = m.endingStart[node] as number; i < endingEnd; i++) addRaw(startTok, t, m.endings[i] as number);
  if (m.hasNext[node] === 0 || t + 1 >= count) return;
  const gap = curScan.gap[t];
  let from = node;
  if (gap === GAP_COMMA) from = m.edges.get(node, m.commaId);
  else if (gap === GAP_PERIOD) from = m.edges.get(node, m.periodId);
  else if (gap === GAP_BREAK) return;
  if (from < 0 || m.hasNext[from] === 0) return;
  const s = tokStart[t + 1] as number;
  const e = s + (tokCount[t + 1] as number);
  for (let i = s; i < e; i++) {
    const r = pool[i] as number;
    if ((r & 1) === 0) continue;
    const next = m.edges.get(from, r >> 1);
    if (next >= 0) walk(m, pool, count, next, startTok, t + 1);
  }
}

/** All glossary terms of language `lang` found in `text`, ordered by start, longest first. */
export function recognizeTerms(matcher: TermMatcher, text: string, lang: Lang): TermMatch[] {
  const root = matcher.roots[lang];
  if (matcher.hasNext[root] === 0) return [];
  const scan = scanTokens(text, TEXT_SCAN);
  const count = scan.count;
  if (count === 0) return [];
  const cache = matcher.readings;
  if (cache.size > CACHE_MAX_FORMS || cache.poolLength > CACHE_MAX_READINGS) cache.clear();
  curKeys = matcher.keys;
  curFlags = matcher.keys.flags;
  curCache = cache;
  curScan = scan;
  if (tokStart.length < count) {
    tokStart = new Int32Array(count * 2);
    tokCount = new Int32Array(count * 2);
    noStart = new Uint8Array(count * 2);
  }
  const codes = scan.codes;
  let particle = 0; // particleFlags of the previous token, if Arabic and followed by a space
  for (let t = 0; t < count; t++) {
    const form = formOf(text, scan, t);
    const readings = cache.count[form] as number;
    tokStart[t] = cache.start[form] as number;
    tokCount[t] = readings;
    noStart[t] =
      particle !== 0 &&
      readings !== 0 &&
      scan.script[t] === SCRIPT_AR &&
      isVerbAfterParticle(particle, codes, scan.normStart[t] as number, scan.normEnd[t] as number)
        ? 1
        : 0;
    particle = scan.gap[t] === GAP_SPACE ? (cache.particle[form] as number) : 0;
  }
  const pool = cache.pool;
  const rootChild = matcher.rootChild[lang];
  rawCount = 0;
  for (let t = 0; t < count; t++) {
    if (noStart[t] === 1) continue;
    const s = tokStart[t] as number;
    const e = s + (tokCount[t] as number);
    for (let i = s; i < e; i++) {
      const next = rootChild[(pool[i] as number) >> 1] as number;
      if (next >= 0) walk(matcher, pool, count, next, t, t);
    }
  }
  curScan = TEXT_SCAN; // do not keep a large text's own scan alive
  const out = rawCount === 0 ? [] : resolve(matcher, text, scan);
  if (count > SCRATCH_KEEP_TOKENS || rawCount > SCRATCH_KEEP_TOKENS) releaseScratch();
  return out;
}

// Scratch arrays grown for a whole document are dropped after it, not kept for the next sentence.
const SCRATCH_KEEP_TOKENS = 1 << 14;

function releaseScratch(): void {
  tokStart = new Int32Array(256);
  tokCount = new Int32Array(256);
  noStart = new Uint8Array(256);
  rawStart = new Int32Array(1024);
  rawEnd = new Int32Array(1024);
  rawRecord = new Int32Array(1024);
  rawCount = 0;
  uStart = new Int32Array(0);
  groupOf = new Int32Array(0);
  ensureResolveCapacity(512, 128);
  if (seenKeys.length > 4096) {
    seenKeys = new Float64Array(4096);
    seenGroup = new Int32Array(4096);
    seenStamps = new Int32Array(4096);
    seenStamp = 0;
  }
}

const IMPERSONAL_MIN = toKey("من");
const IMPERSONAL_AN = toKey("ان");
const ARTICLE_KEY = toKey("ال");

function toKey(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Whether token k's normalised form is `word`, optionally after the conjunction و or ف. */
function tokenIs(scan: TokenScan, k: number, word: number[], conjunction: boolean): boolean {
  const a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  const c = scan.codes;
  let from = a;
  if (conjunction && b - a === word.length + 1 && (c[a] === 0x0648 || c[a] === 0x0641)) from = a + 1;
  if (b - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (c[from + i] !== word[i]) return false;
  return true;
}

/** A one-word hit on token t in من ال… أن (ومن المقرر أن): an impersonal predicate, not a term. */
function isImpersonal(scan: TokenScan, t: number): boolean {
  if (t === 0 || t + 1 >= scan.count || scan.gap[t - 1] !== GAP_SPACE || scan.gap[t] !== GAP_SPACE)
    return false;
  const a = scan.normStart[t] as number;
  if (scan.codes[a] !== ARTICLE_KEY[0] || scan.codes[a + 1] !== ARTICLE_KEY[1]) return false;
  return tokenIs(scan, t - 1, IMPERSONAL_MIN, true) && tokenIs(scan, t + 1, IMPERSONAL_AN, false);
}

// Resolution scratch, reused: unique hits (span, record, entry, name flag); per token, the group of
// primaries covering it; per group (one span, its co-primary entries), its span, entries and nested hits
// (a linked list through nestedNext); per unique hit, whether and how it was taken.
let uStart = new Int32Array(1024);
let uEnd = new Int32Array(1024);
let uRecord = new Int32Array(1024);
let uEntry = new Float64Array(1024);
let uName = new Uint8Array(1024);
let byLength = new Int32Array(1024);
let taken = new Uint8Array(1024);
let nestedEntry = new Float64Array(1024);
let nestedNext = new Int32Array(1024);
let groupOf = new Int32Array(256);
let nameAt = new Uint8Array(256);
let gStart = new Int32Array(256);
let gEnd = new Int32Array(256);
let gEntryFrom = new Int32Array(256);
let gEntryCount = new Int32Array(256);
let gNested = new Int32Array(256);
let coEntries = new Float64Array(256);
let lenCount = new Int32Array(64);
let order = new Int32Array(64);
const TAKEN_NOT = 0;
const TAKEN_PRIMARY = 1;
const TAKEN_NESTED = 2;

// (group, entry) pairs that have a nested hit, in an open-addressing set that a new stamp empties.
let seenKeys = new Float64Array(4096);
let seenGroup = new Int32Array(4096);
let seenStamps = new Int32Array(4096);
let seenStamp = 0;

/** Whether entry `entryId` has a nested hit in group `g`; with `add`, records that it has. */
function nestedSeen(g: number, entryId: number, add: boolean): boolean {
  const mask = seenKeys.length - 1;
  let h = (Math.imul(g + 1, 0x9e3779b1) ^ Math.imul(entryId | 0, 0x85ebca77)) & mask;
  for (;;) {
    if (seenStamps[h] !== seenStamp) {
      if (add) {
        seenStamps[h] = seenStamp;
        seenKeys[h] = entryId;
        seenGroup[h] = g;
      }
      return false;
    }
    if (seenKeys[h] === entryId && seenGroup[h] === g) return true;
    h = (h + 1) & mask;
  }
}

function ensureResolveCapacity(hits: number, tokens: number): void {
  if (uStart.length < hits) {
    const size = hits * 2;
    uStart = new Int32Array(size);
    uEnd = new Int32Array(size);
    uRecord = new Int32Array(size);
    uEntry = new Float64Array(size);
    uName = new Uint8Array(size);
    byLength = new Int32Array(size);
    taken = new Uint8Array(size);
    nestedEntry = new Float64Array(size);
    nestedNext = new Int32Array(size);
    coEntries = new Float64Array(size);
  }
  if (groupOf.length < tokens) {
    const size = tokens * 2;
    groupOf = new Int32Array(size);
    nameAt = new Uint8Array(size);
    gStart = new Int32Array(size);
    gEnd = new Int32Array(size);
    gEntryFrom = new Int32Array(size);
    gEntryCount = new Int32Array(size);
    gNested = new Int32Array(size);
  }
}

/**
 * One hit per span and entry, then longest-leftmost primaries with the shorter hits inside them nested.
 * Raw hits come in order of start token (the walk goes left to right). Primaries never overlap one another
 * except on the very same span, so each token belongs to at most one group of primaries, and a shorter hit
 * is inside a group exactly when its first and last tokens are.
 */
function resolve(matcher: TermMatcher, text: string, scan: TokenScan): TermMatch[] {
  const records = matcher.records;
  const recordFlags = matcher.recordFlags;
  const recordEntry = matcher.recordEntry;
  const count = scan.count;
  ensureResolveCapacity(rawCount, count);
  groupOf.fill(-1, 0, count);
  nameAt.fill(0, 0, count);
  for (let i = 0; i < rawCount; i++)
    if (((recordFlags[rawRecord[i] as number] as number) & RECORD_NAME) !== 0)
      nameAt[rawStart[i] as number] = 1;

  let n = 0;
  let maxLen = 0;
  for (let i = 0; i < rawCount; i++) {
    const s = rawStart[i] as number;
    const e = rawEnd[i] as number;
    const rec = rawRecord[i] as number;
    const flags = recordFlags[rec] as number;
    const entryId = recordEntry[rec] as number;
    const isName = flags & RECORD_NAME;
    if (s === e && isName === 0) {
      // One-word hits that the context reads as something else.
      if ((flags & RECORD_ARABIC) !== 0 && isImpersonal(scan, s)) continue;
      if (
        (flags & RECORD_VERBAL_NOUN) !== 0 &&
        s + 1 < count &&
        nameAt[s + 1] === 1 &&
        scan.gap[s] === GAP_SPACE
      )
        continue;
    }
    let dup = -1;
    for (let j = n - 1; j >= 0 && uStart[j] === s; j--) {
      if (uEnd[j] === e && uEntry[j] === entryId && uName[j] === isName) {
        dup = j;
        break;
      }
    }
    if (dup >= 0) {
      if (better(matcher, text, scan, s, e, rec, uRecord[dup] as number)) uRecord[dup] = rec;
      continue;
    }
    uStart[n] = s;
    uEnd[n] = e;
    uEntry[n] = entryId;
    uName[n] = isName;
    uRecord[n++] = rec;
    if (e - s > maxLen) maxLen = e - s;
  }

  // Unique hits by decreasing length (counting sort, stable: leftmost first within a length).
  if (lenCount.length < maxLen + 2) lenCount = new Int32Array(maxLen + 2);
  lenCount.fill(0, 0, maxLen + 2);
  for (let u = 0; u < n; u++) {
    const slot = maxLen - ((uEnd[u] as number) - (uStart[u] as number)) + 1;
    lenCount[slot] = (lenCount[slot] as number) + 1;
  }
  for (let l = 1; l <= maxLen + 1; l++) lenCount[l] = (lenCount[l] as number) + (lenCount[l - 1] as number);
  for (let u = 0; u < n; u++) {
    const slot = maxLen - ((uEnd[u] as number) - (uStart[u] as number));
    byLength[lenCount[slot] as number] = u;
    lenCount[slot] = (lenCount[slot] as number) + 1;
  }

  // Hits of one span and length come one after another in this order, so a group's co-primary entries
  // are appended to coEntries contiguously.
  taken.fill(TAKEN_NOT, 0, n);
  if (seenKeys.length < 4 * n || seenStamp > 1 << 30) {
    let size = seenKeys.length;
    while (size < 4 * n) size *= 2;
    seenKeys = new Float64Array(size);
    seenGroup = new Int32Array(size);
    seenStamps = new Int32Array(size);
    seenStamp = 0;
  }
  seenStamp++;
  let groups = 0;
  let coLength = 0;
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const u = byLength[k] as number;
    const s = uStart[u] as number;
    const e = uEnd[u] as number;
    const name = uName[u] !== 0;
    const entryId = uEntry[u] as number;
    const gs = groupOf[s] as number;
    const ge = groupOf[e] as number;
    if (gs < 0 && ge < 0) {
      // Free span: a new primary group (no primary can lie strictly inside it: those are longer).
      const g = groups++;
      gStart[g] = s;
      gEnd[g] = e;
      gEntryFrom[g] = coLength;
      gEntryCount[g] = 0;
      gNested[g] = -1;
      for (let t = s; t <= e; t++) groupOf[t] = g;
      if (!name) {
        coEntries[coLength++] = entryId;
        gEntryCount[g] = 1;
        taken[u] = TAKEN_PRIMARY;
        kept++;
      }
      continue;
    }
    if (gs !== ge || name) continue; // partial overlap, or a name inside something
    const from = gEntryFrom[gs] as number;
    const entries = gEntryCount[gs] as number;
    if (gStart[gs] === s && gEnd[gs] === e) {
      // Same span, another entry: co-primary.
      coEntries[coLength++] = entryId;
      gEntryCount[gs] = entries + 1;
      taken[u] = TAKEN_PRIMARY;
      kept++;
      continue;
    }
    // Inside the group: nested in it, unless the group is a name or has this entry itself, or a longer
    // nested hit of the same entry already covers it.
    if (entries === 0) continue;
    let skip = false;
    for (let i = from; i < from + entries; i++)
      if (coEntries[i] === entryId) {
        skip = true;
        break;
      }
    if (!skip && nestedSeen(gs, entryId, false))
      for (let o = gNested[gs] as number; o >= 0 && !skip; o = nestedNext[o] as number)
        if (uEntry[o] === entryId && (uStart[o] as number) <= s && (uEnd[o] as number) >= e) skip = true;
    if (skip) continue;
    nestedSeen(gs, entryId, true);
    nestedNext[u] = gNested[gs] as number;
    gNested[gs] = u;
    taken[u] = TAKEN_NESTED;
    nestedEntry[u] = coEntries[from + entries - 1] as number;
    kept++;
  }

  // Unique hits are in order of start token; within one start, order longest first, then by entry id.
  const out: TermMatch[] = [];
  if (order.length < kept) order = new Int32Array(kept * 2);
  for (let u = 0; u < n; ) {
    const s = uStart[u] as number;
    let m = 0;
    for (; u < n && uStart[u] === s; u++) {
      if (taken[u] === TAKEN_NOT) continue;
      const e = uEnd[u] as number;
      const id = uEntry[u] as number;
      let j = m++;
      while (j > 0) {
        const p = order[j - 1] as number;
        const pe = uEnd[p] as number;
        if (pe > e || (pe === e && (uEntry[p] as number) <= id)) break;
        order[j] = p;
        j--;
      }
      order[j] = u;
    }
    const start = scan.start[s] as number;
    for (let j = 0; j < m; j++) {
      const v = order[j] as number;
      const rec = records[uRecord[v] as number] as TermRecord;
      const end = scan.end[uEnd[v] as number] as number;
      out.push({
        start,
        end,
        surface: text.slice(start, end),
        entryId: rec.entryId,
        termText: rec.termText,
        status: rec.status,
        lang: rec.lang,
        nestedIn: taken[v] === TAKEN_PRIMARY ? null : (nestedEntry[v] as number),
      });
    }
  }
  return out;
}

function lightTokens(rec: TermRecord): string[] {
  if (rec.lightTokens === null) {
    rec.light = lightForm(rec.termText);
    rec.lightTokens = tokenize(rec.termText).map((t) => {
      const w = rec.termText.slice(t.start, t.end);
      const codes = Array.from(w, (c) => c.charCodeAt(0));
      return lightForm(t.script === "ar" ? w.slice(arabicKeyStart(codes, 0, w.length, w.charCodeAt(0))) : w);
    });
  }
  return rec.lightTokens;
}

/** Of two terms of one entry found on the same span, the one spelt most like the text wins. */
function better(
  matcher: TermMatcher,
  text: string,
  scan: TokenScan,
  s: number,
  e: number,
  a: number,
  b: number,
): boolean {
  const ra = matcher.records[a] as TermRecord;
  const rb = matcher.records[b] as TermRecord;
  const surface = lightForm(text.slice(scan.start[s], scan.end[e]));
  const closeness = (r: TermRecord): number => {
    const tokens = lightTokens(r);
    let c = r.light === surface ? 1000 : 0;
    for (const t of tokens) if (surface.includes(t)) c += 10;
    return c;
  };
  return (closeness(ra) - closeness(rb) || STATUS_RANK[rb.status] - STATUS_RANK[ra.status]) > 0;
}
