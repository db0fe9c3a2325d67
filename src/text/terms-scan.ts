/**
 * Scanning a text against the matcher: each token's readings (the key ids its word form may stand for,
 * cached per form in the matcher's ReadingCache), then a walk of the trie from every token over these
 * readings — an automaton over a lattice of token readings, O(tokens × readings × term length),
 * independent of the glossary size. The raw hits (token span, record) land in the scratch object, in order
 * of start token, for terms-resolve.ts.
 */
import type { Lang } from "../types";
import { HA, isArabicMarkOrTatweel, TA_MARBUTA } from "./arabic";
import { arabicCandidates, latinCandidates, particleFlags } from "./morphology";
import { verbByContext } from "./terms-context";
import {
  CACHE_MAX_FORMS,
  CACHE_MAX_READINGS,
  GAP_BREAK,
  GAP_COMMA,
  GAP_PERIOD,
  GAP_SPACE,
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

/** Whether the original word text[start, end) ends in ة (ignoring harakat and tatweel). */
export function endsInTaMarbuta(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (isArabicMarkOrTatweel(c)) continue;
    return c === TA_MARBUTA;
  }
  return false;
}

function normString(scan: TokenScan, k: number): string {
  let s = "";
  for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
    s += String.fromCharCode(scan.codes[i] as number);
  return s;
}

/** Adds reading `id` to the form being analysed (sc.formStart… in the cache pool). */
function addReading(sc: TermScratch, id: number, asInner: boolean): void {
  const cache = sc.cache;
  let pool = cache.pool;
  for (let i = sc.formStart; i < cache.poolLength; i++) {
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

/** Gives the scratch object its visitors (once): arabicCandidates and latinCandidates report to them. */
export function bindVisitors(sc: TermScratch): void {
  sc.visitArabic = (a, b, appendHa, required, forbidden, viaProclitic) => {
    const id = sc.keys.find(sc.scan.codes, a, b, appendHa ? HA : -1);
    if (id < 0) return;
    const f = sc.keyFlags[id] as number;
    if ((f & required) === required && (f & forbidden) === 0) addReading(sc, id, !viaProclitic);
  };
  sc.visitLatin = (key) => {
    const id = sc.keys.findString(key);
    if (id >= 0) addReading(sc, id, true);
  };
}

/** Cache id of token k's form, analysing it first if it is new. */
function formOf(sc: TermScratch, text: string, scan: TokenScan, k: number): number {
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
  if (script === SCRIPT_AR) arabicCandidates(scan.codes, a, b, tag === FORM_AR_TA_MARBUTA, sc.visitArabic);
  else if (script === SCRIPT_LATIN)
    latinCandidates(text.slice(start, end), normString(scan, k), sc.visitLatin);
  else {
    const id = sc.keys.find(scan.codes, a, b);
    if (id >= 0) addReading(sc, id, true);
  }
  cache.start.push(sc.formStart);
  cache.count.push(cache.poolLength - sc.formStart);
  cache.particle.push(script === SCRIPT_AR ? particleFlags(scan.codes, a, b) : 0);
  return form;
}

function walk(
  sc: TermScratch,
  m: TermMatcher,
  pool: Int32Array,
  count: number,
  node: number,
  startTok: number,
  t: number,
): void {
  const endingEnd = m.endingStart[node + 1] as number;
  for (let i = m.endingStart[node] as number; i < endingEnd; i++)
    sc.addRaw(startTok, t, m.endings[i] as number);
  if (m.hasNext[node] === 0 || t + 1 >= count) return;
  const gap = sc.scan.gap[t];
  let from = node;
  if (gap === GAP_COMMA) from = m.edges.get(node, m.commaId);
  else if (gap === GAP_PERIOD) from = m.edges.get(node, m.periodId);
  else if (gap === GAP_BREAK) return;
  if (from < 0 || m.hasNext[from] === 0) return;
  const s = sc.tokStart[t + 1] as number;
  const e = s + (sc.tokCount[t + 1] as number);
  for (let i = s; i < e; i++) {
    const r = pool[i] as number;
    if ((r & 1) === 0) continue;
    const next = m.edges.get(from, r >> 1);
    if (next >= 0) walk(sc, m, pool, count, next, startTok, t + 1);
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
  let particle = 0; // particleFlags of the previous token, if Arabic and followed by a space
  for (let t = 0; t < count; t++) {
    const form = formOf(sc, text, scan, t);
    const readings = cache.count[form] as number;
    tokStart[t] = cache.start[form] as number;
    tokCount[t] = readings;
    noStart[t] = particle !== 0 && readings !== 0 && verbByContext(scan, t, particle) ? 1 : 0;
    particle = scan.gap[t] === GAP_SPACE ? (cache.particle[form] as number) : 0;
  }
  const pool = cache.pool;
  const rootChild = matcher.rootChild[lang];
  for (let t = 0; t < count; t++) {
    if (noStart[t] === 1) continue;
    const s = tokStart[t] as number;
    const e = s + (tokCount[t] as number);
    for (let i = s; i < e; i++) {
      const next = rootChild[(pool[i] as number) >> 1] as number;
      if (next >= 0) walk(sc, matcher, pool, count, next, t, t);
    }
  }
  return scan;
}
