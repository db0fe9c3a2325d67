/**
 * Scanning a text against the matcher: each token's readings (the key ids its word form may stand for,
 * cached per form in the matcher's ReadingCache), then a walk of the trie from every token over these
 * readings — an automaton over a lattice of token readings, O(tokens × readings × term length),
 * independent of the glossary size. The raw hits (token span, record) land in the scratch object, in order
 * of start token, for terms-resolve.ts.
 */
import type { Lang } from "../types";
import { isArabicMarkOrTatweel, TA_MARBUTA } from "./arabic";
import { meaningPrefix } from "./english";
import { arabicCandidates, latinCandidates, particleFlags } from "./morphology";
import { verbByContext } from "./terms-context";
import {
  CACHE_MAX_FORMS,
  CACHE_MAX_READINGS,
  GAP_BREAK,
  GAP_COMMA,
  GAP_HYPHEN,
  GAP_PERIOD,
  GAP_SPACE,
  READING_END,
  READING_INNER,
  SCRIPT_AR,
  SCRIPT_LATIN,
  type TermMatcher,
} from "./terms-matcher";
import type { TermScratch } from "./terms-scratch";
import { scanTokens, type TokenScan } from "./tokenize";

// Extra code unit that ends a ReadingCache key: which script the form is in, and for Arabic whether the
// original word ended in ة (its readings differ from the same letters ending in ه).
const FORM_AR = 1;
const FORM_AR_TA_MARBUTA = 2;
const FORM_LATIN = 3;
const FORM_OTHER = 4;
const FORM_LATIN_PAIR = 5;

/** Whether the original word text[start, end) ends in ة (ignoring harakat and tatweel). */
export function endsInTaMarbuta(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (isArabicMarkOrTatweel(c)) continue;
    return c === TA_MARBUTA;
  }
  return false;
}

/** Token k's normalised text (the scan keeps it as code units, not as a string). */
export function normString(scan: TokenScan, k: number): string {
  let s = "";
  for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
    s += String.fromCharCode(scan.codes[i] as number);
  return s;
}

/** Adds reading `id` (READING_* bits `bits`) to the form being analysed (sc.formStart… in the pool). */
function addReading(sc: TermScratch, id: number, bits: number, rank: number): void {
  const cache = sc.cache;
  let pool = cache.pool;
  for (let i = sc.formStart; i < cache.poolLength; i++) {
    if ((pool[i] as number) >> 2 === id) {
      pool[i] = (pool[i] as number) | bits;
      const r = i - sc.formStart;
      if (rank < (sc.formRank[r] as number)) sc.formRank[r] = rank;
      return;
    }
  }
  if (cache.poolLength === pool.length) {
    const grown = new Int32Array(pool.length * 2);
    grown.set(pool);
    cache.pool = pool = grown;
  }
  sc.formRank[cache.poolLength - sc.formStart] = rank;
  pool[cache.poolLength++] = 4 * id + bits;
}

/**
 * A reading of the form being analysed that strips more letters (proclitics other than the article, and
 * suffixes) than another reading that is a one-word term of the glossary may not end a term: a word that
 * is a glossary word as written is not also read as a clitic + a shorter one-word term (وزير is not
 * و + زير, لجنة not ل + جنة) or a shorter term + a suffix (البحرين is not the dual of بحر), while a
 * multi-word term may still start there (و + جهة الإيداع).
 */
function preferLeastStripped(sc: TermScratch, m: TermMatcher): void {
  const cache = sc.cache;
  const n = cache.poolLength - sc.formStart;
  if (n < 2) return;
  const rootChild = m.rootChild.ar;
  let least = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) {
    const reading = cache.pool[sc.formStart + r] as number;
    if ((reading & READING_END) === 0) continue;
    const node = rootChild[reading >> 2] as number;
    if (node >= 0 && (m.endingStart[node + 1] as number) > (m.endingStart[node] as number))
      least = Math.min(least, sc.formRank[r] as number);
  }
  for (let r = 0; r < n; r++)
    if ((sc.formRank[r] as number) > least) {
      const i = sc.formStart + r;
      cache.pool[i] = (cache.pool[i] as number) & ~READING_END;
    }
}

/** Gives the scratch object its visitors (once): arabicCandidates and latinCandidates report to them. */
export function bindVisitors(sc: TermScratch): void {
  sc.visitArabic = (a, b, extra, required, forbidden, rank, construct) => {
    const id = sc.keys.find(sc.scan.codes, a, b, extra);
    if (id < 0) return;
    const f = sc.keyFlags[id] as number;
    if ((f & required) === required && (f & forbidden) === 0)
      // Ranked by the letters stripped around the stem (the article aside): see preferLeastStripped.
      addReading(
        sc,
        id,
        (rank === 0 ? READING_INNER : 0) | (construct ? 0 : READING_END),
        rank + sc.formEnd - b,
      );
  };
  sc.visitLatin = (key) => {
    const id = sc.keys.findString(key);
    if (id >= 0) addReading(sc, id, READING_INNER | READING_END, 0);
  };
}

/** Cache id of token k's form, analysing it first if it is new. */
function formOf(sc: TermScratch, m: TermMatcher, text: string, scan: TokenScan, k: number): number {
  const cache = sc.cache;
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
    const s = sc.keyBuffer(end - start);
    for (let i = start; i < end; i++) s[i - start] = text.charCodeAt(i);
    codes = s;
    ka = 0;
    kb = end - start;
    tag = FORM_LATIN;
  } else tag = FORM_OTHER;
  const known = cache.forms.find(codes, ka, kb, tag);
  if (known >= 0) return known;
  const form = cache.forms.add(codes, ka, kb, 0, tag);
  sc.formStart = cache.poolLength;
  let flags = 0;
  if (script === SCRIPT_AR) {
    sc.formEnd = b;
    arabicCandidates(scan.codes, a, b, tag === FORM_AR_TA_MARBUTA, sc.visitArabic);
    preferLeastStripped(sc, m);
    flags = particleFlags(scan.codes, a, b);
  } else if (script === SCRIPT_LATIN) {
    const norm = normString(scan, k);
    latinCandidates(text.slice(start, end), norm, sc.visitLatin);
    flags = meaningPrefix(norm);
  } else {
    const id = sc.keys.find(scan.codes, a, b);
    if (id >= 0) addReading(sc, id, READING_INNER | READING_END, 0);
  }
  cache.start.push(sc.formStart);
  cache.count.push(cache.poolLength - sc.formStart);
  cache.particle.push(flags);
  return form;
}

/** Cache id of the Latin tokens k and k + 1 written as one word (cease fire → ceasefire). */
function pairFormOf(sc: TermScratch, text: string, scan: TokenScan, k: number): number {
  const cache = sc.cache;
  const a0 = scan.start[k] as number;
  const b0 = scan.end[k] as number;
  const a1 = scan.start[k + 1] as number;
  const b1 = scan.end[k + 1] as number;
  const n = b0 - a0 + b1 - a1;
  const s = sc.keyBuffer(n);
  for (let i = a0; i < b0; i++) s[i - a0] = text.charCodeAt(i);
  for (let i = a1; i < b1; i++) s[b0 - a0 + i - a1] = text.charCodeAt(i);
  const known = cache.forms.find(s, 0, n, FORM_LATIN_PAIR);
  if (known >= 0) return known;
  const form = cache.forms.add(s, 0, n, 0, FORM_LATIN_PAIR);
  sc.formStart = cache.poolLength;
  const original = text.slice(a0, b0) + text.slice(a1, b1);
  latinCandidates(original, normString(scan, k) + normString(scan, k + 1), sc.visitLatin);
  cache.start.push(sc.formStart);
  cache.count.push(cache.poolLength - sc.formStart);
  cache.particle.push(0);
  return form;
}

/**
 * Walks on from trie node `node`, reached by reading token t as the last word of a span that started at
 * token startTok; `end`: that reading may end a term (see READING_END).
 */
function walk(
  sc: TermScratch,
  m: TermMatcher,
  pool: Int32Array,
  count: number,
  node: number,
  startTok: number,
  t: number,
  end: boolean,
): void {
  if (end) {
    const endingEnd = m.endingStart[node + 1] as number;
    for (let i = m.endingStart[node] as number; i < endingEnd; i++)
      sc.addRaw(startTok, t, m.endings[i] as number);
  }
  if (m.hasNext[node] === 0 || t + 1 >= count) return;
  const gap = sc.scan.gap[t];
  let from = node;
  if (gap === GAP_COMMA) from = m.edges.get(node, m.commaId);
  else if (gap === GAP_PERIOD) from = m.edges.get(node, m.periodId);
  else if (gap === GAP_BREAK) return;
  if (from < 0 || m.hasNext[from] === 0) return;
  let s = sc.tokStart[t + 1] as number;
  let e = s + (sc.tokCount[t + 1] as number);
  for (let i = s; i < e; i++) {
    const r = pool[i] as number;
    if ((r & READING_INNER) === 0) continue;
    const next = m.edges.get(from, r >> 2);
    if (next >= 0) walk(sc, m, pool, count, next, startTok, t + 1, (r & READING_END) !== 0);
  }
  s = sc.pairStart[t + 1] as number;
  e = s + (sc.pairCount[t + 1] as number);
  for (let i = s; i < e; i++) {
    const next = m.edges.get(from, (pool[i] as number) >> 2);
    if (next >= 0) walk(sc, m, pool, count, next, startTok, t + 2, true);
  }
}

/**
 * Tokenises `text` and collects the raw hits of language `lang` into the scratch object (rawStart, rawEnd,
 * rawRecord, rawCount). Returns the token scan, or null when the text has no token or the language no term.
 */
export function collectHits(
  sc: TermScratch,
  matcher: TermMatcher,
  text: string,
  lang: Lang,
): TokenScan | null {
  sc.rawCount = 0;
  const root = matcher.roots[lang];
  if (matcher.hasNext[root] === 0) return null;
  const scan = scanTokens(text, sc.textScan);
  const count = scan.count;
  if (count === 0) return null;
  const cache = matcher.readings;
  if (cache.size > CACHE_MAX_FORMS || cache.poolLength > CACHE_MAX_READINGS) cache.clear();
  sc.keys = matcher.keys;
  sc.keyFlags = matcher.keys.flags;
  sc.cache = cache;
  sc.scan = scan;
  sc.ensureTokens(count);
  const tokStart = sc.tokStart;
  const tokCount = sc.tokCount;
  const noStart = sc.noStart;
  const pairStart = sc.pairStart;
  const pairCount = sc.pairCount;
  let particle = 0; // particleFlags of the previous token, if Arabic and followed by a space
  let prefix = 0; // meaningPrefix of the previous token, if Latin and followed by a space or hyphen
  for (let t = 0; t < count; t++) {
    const form = formOf(sc, matcher, text, scan, t);
    const readings = cache.count[form] as number;
    tokStart[t] = cache.start[form] as number;
    tokCount[t] = readings;
    pairCount[t] = 0;
    if (scan.script[t] === SCRIPT_LATIN) {
      noStart[t] = prefix !== 0 ? 1 : 0;
      const gap = scan.gap[t];
      const flags = cache.particle[form] as number;
      prefix = gap === GAP_HYPHEN ? flags : gap === GAP_SPACE && flags === 2 ? 2 : 0;
      particle = 0;
      continue;
    }
    prefix = 0;
    noStart[t] = particle !== 0 && readings !== 0 && verbByContext(scan, t, particle) ? 1 : 0;
    particle = scan.gap[t] === GAP_SPACE ? (cache.particle[form] as number) : 0;
  }
  // Two Latin words written apart that may be one glossary word (cease-fire, cyber security).
  for (let t = 0; t + 1 < count; t++) {
    if (scan.script[t] !== SCRIPT_LATIN || scan.script[t + 1] !== SCRIPT_LATIN) continue;
    const gap = scan.gap[t];
    if (gap !== GAP_SPACE && gap !== GAP_HYPHEN) continue;
    const form = pairFormOf(sc, text, scan, t);
    pairStart[t] = cache.start[form] as number;
    pairCount[t] = cache.count[form] as number;
  }
  const pool = cache.pool;
  const rootChild = matcher.rootChild[lang];
  for (let t = 0; t < count; t++) {
    if (noStart[t] === 1) continue;
    let s = tokStart[t] as number;
    let e = s + (tokCount[t] as number);
    for (let i = s; i < e; i++) {
      const r = pool[i] as number;
      const next = rootChild[r >> 2] as number;
      if (next >= 0) walk(sc, matcher, pool, count, next, t, t, (r & READING_END) !== 0);
    }
    s = pairStart[t] as number;
    e = s + (pairCount[t] as number);
    for (let i = s; i < e; i++) {
      const next = rootChild[(pool[i] as number) >> 2] as number;
      if (next >= 0) walk(sc, matcher, pool, count, next, t, t + 1, true);
    }
  }
  return scan;
}
