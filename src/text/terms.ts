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
 */
import type { Lang, TermStatus } from "../types";
import { EdgeTable, KeyTable, toCodes } from "./keytable";
import {
  arabicCandidates,
  arabicKeyFlags,
  arabicKeyStart,
  latinCandidates,
  latinGlossaryKey,
} from "./morphology";
import { isArabicMark, isInvisible } from "./normalize";
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
  termText: string;
  status: TermStatus;
  lang: Lang;
  /** lightForm of the term and of each of its words (without the article), computed when first needed. */
  light: string | null;
  lightTokens: string[] | null;
}

export interface TermMatcher {
  /** Trie over token keys: node ids, root per language, edges (node, key) → child. */
  readonly roots: Record<Lang, number>;
  readonly edges: EdgeTable;
  /** Per node: indices into `records` of the terms ending there, and whether any edge leaves it. */
  readonly nodeTerms: (number[] | null)[];
  readonly nodeHasNext: boolean[];
  /** Token keys (see morphology.ts) with their KEY_* flags. */
  readonly keys: KeyTable;
  readonly records: TermRecord[];
  /** Number of glossary terms indexed. */
  readonly termCount: number;
  /** Key ids of the comma and period pseudo-keys. */
  readonly commaId: number;
  readonly periodId: number;
}

const STATUS_RANK: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };
const HA = 0x0647;
// Token gaps (GAPS in tokenize.ts) and scripts (SCRIPTS).
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

// Reused by buildTermMatcher and recognizeTerms (synchronous, so never in use twice at once).
const BUILD_SCAN = createTokenScan();
const TEXT_SCAN = createTokenScan();

/** Whether the original word text[start, end) ends in ة (ignoring harakat and tatweel). */
function endsInTaMarbuta(text: string, start: number, end: number): boolean {
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0640 || (c >= 0x064b && c <= 0x065f) || c === 0x0670) continue;
    return c === 0x0629;
  }
  return false;
}

/** Marks, tatweel and invisibles removed, letters untouched: tells الامم from الأمم, Greater from greater. */
function lightForm(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0640 || isArabicMark(c) || isInvisible(c)) continue;
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

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[]): TermMatcher {
  const roots: Record<Lang, number> = { ar: 0, en: 1 };
  const edges = new EdgeTable();
  const nodeTerms: (number[] | null)[] = [null, null];
  const nodeHasNext: boolean[] = [false, false];
  const keys = new KeyTable();
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
      const flags = arabicKeyFlags(scan.codes, ka, b, endsInTaMarbuta(text, start, scan.end[k] as number));
      return keys.add(scan.codes, ka, b, flags);
    }
    if (script === SCRIPT_LATIN)
      return keys.addString(latinGlossaryKey(text.slice(scan.start[k], scan.end[k]), normString(scan, k)));
    return keys.add(scan.codes, a, b);
  };

  for (const entry of entries) {
    for (const term of entry.terms) {
      const text = term.text;
      const scan = scanTokens(text, BUILD_SCAN);
      if (scan.count === 0) continue;
      const record = records.length;
      records.push({
        entryId: entry.id,
        termText: text,
        status: term.status,
        lang: term.lang,
        light: null,
        lightTokens: null,
      });
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
        ) {
          const original =
            text.slice(scan.start[k - 1], scan.end[k - 1]) + text.slice(scan.start[k], scan.end[k]);
          solid = keys.addString(latinGlossaryKey(original, normString(scan, k - 1) + normString(scan, k)));
        }
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
        for (const id of path) {
          let child = nodeHasNext[node] ? edges.get(node, id) : -1;
          if (child < 0) {
            child = nodeTerms.length;
            nodeTerms.push(null);
            nodeHasNext.push(false);
            edges.set(node, id, child);
            nodeHasNext[node] = true;
          }
          node = child;
        }
        const ending = nodeTerms[node];
        if (ending == null) nodeTerms[node] = [record];
        else if (!ending.includes(record)) ending.push(record);
      }
    }
  }
  return {
    roots,
    edges,
    nodeTerms,
    nodeHasNext,
    keys,
    records,
    termCount: records.length,
    commaId,
    periodId,
  };
}

interface RawMatch {
  startTok: number;
  endTok: number;
  record: number;
  entryId: number;
}

// State of the running recognizeTerms call, at module level so that the hot callbacks below are plain
// functions rather than closures re-created on every call (the engine is synchronous and not re-entrant).
let curKeys: KeyTable = new KeyTable();
let curFlags: number[] = [];
let curCodes: Uint16Array = new Uint16Array(0);
let curScan: TokenScan = TEXT_SCAN;
let curRecords: TermRecord[] = [];
let curFirst: (number[] | null)[] = [];
let curInner: (number[] | null)[] = [];
let curTok = 0;
let curRaw: RawMatch[] = [];
let curComma = -1;
let curPeriod = -1;

/** Key ids token curTok may stand for: `first` when it starts a term (any proclitic), `inner` when it
 * continues one (only the article may be stripped in front). */
function addReading(id: number, asInner: boolean): void {
  let f = curFirst[curTok];
  if (f == null) curFirst[curTok] = f = [id];
  else if (!f.includes(id)) f.push(id);
  if (!asInner) return;
  let i = curInner[curTok];
  if (i == null) curInner[curTok] = i = [id];
  else if (!i.includes(id)) i.push(id);
}

function visitArabic(
  a: number,
  b: number,
  appendHa: boolean,
  required: number,
  forbidden: number,
  viaProclitic: boolean,
): void {
  const id = curKeys.find(curCodes, a, b, appendHa ? HA : -1);
  if (id < 0) return;
  const f = curFlags[id] as number;
  if ((f & required) === required && (f & forbidden) === 0) addReading(id, !viaProclitic);
}

function visitLatin(key: string): void {
  const id = curKeys.findString(key);
  if (id >= 0) addReading(id, true);
}

function walk(m: TermMatcher, node: number, startTok: number, t: number): void {
  const ending = m.nodeTerms[node];
  if (ending != null)
    for (const record of ending)
      curRaw.push({ startTok, endTok: t, record, entryId: (curRecords[record] as TermRecord).entryId });
  if (!m.nodeHasNext[node] || t + 1 >= curScan.count) return;
  const gap = curScan.gap[t];
  let from = node;
  if (gap === GAP_COMMA) from = m.edges.get(node, curComma);
  else if (gap === GAP_PERIOD) from = m.edges.get(node, curPeriod);
  else if (gap === GAP_BREAK) return;
  const next = curInner[t + 1];
  if (from < 0 || !m.nodeHasNext[from] || next == null) return;
  for (const id of next) {
    const child = m.edges.get(from, id);
    if (child >= 0) walk(m, child, startTok, t + 1);
  }
}

/** All glossary terms of language `lang` found in `text`, ordered by start, longest first. */
export function recognizeTerms(matcher: TermMatcher, text: string, lang: Lang): TermMatch[] {
  const root = matcher.roots[lang];
  if (!matcher.nodeHasNext[root]) return [];
  const scan = scanTokens(text, TEXT_SCAN);
  const count = scan.count;
  curKeys = matcher.keys;
  curFlags = matcher.keys.flags;
  curCodes = scan.codes;
  curScan = scan;
  curRecords = matcher.records;
  curComma = matcher.commaId;
  curPeriod = matcher.periodId;
  curFirst = new Array(count).fill(null);
  curInner = new Array(count).fill(null);
  for (curTok = 0; curTok < count; curTok++) {
    const a = scan.normStart[curTok] as number;
    const b = scan.normEnd[curTok] as number;
    const script = scan.script[curTok];
    const start = scan.start[curTok] as number;
    const end = scan.end[curTok] as number;
    if (script === SCRIPT_AR)
      arabicCandidates(curCodes, a, b, endsInTaMarbuta(text, start, end), visitArabic);
    else if (script === SCRIPT_LATIN)
      latinCandidates(text.slice(start, end), normString(scan, curTok), visitLatin);
    else {
      const id = curKeys.find(curCodes, a, b);
      if (id >= 0) addReading(id, true);
    }
  }
  const raw: RawMatch[] = [];
  curRaw = raw;
  for (let t = 0; t < count; t++) {
    const ids = curFirst[t];
    if (ids == null) continue;
    for (const id of ids) {
      const child = matcher.edges.get(root, id);
      if (child >= 0) walk(matcher, child, t, t);
    }
  }
  curFirst = curInner = curRaw = [];
  if (raw.length === 0) return [];
  return resolve(matcher, text, scan, raw);
}

/**
 * One hit per span and entry, then longest-leftmost primaries with the shorter hits inside them nested.
 * `raw` comes in order of start token (the walk goes left to right), so no comparator sort is needed:
 * hits are taken by decreasing length in one pass per length, and the output is insertion-sorted.
 */
function resolve(matcher: TermMatcher, text: string, scan: TokenScan, raw: RawMatch[]): TermMatch[] {
  const unique: RawMatch[] = [];
  let maxLen = 0;
  for (const m of raw) {
    let dup = -1;
    for (let j = unique.length - 1; j >= 0; j--) {
      const u = unique[j] as RawMatch;
      if (u.startTok !== m.startTok) break;
      if (u.endTok === m.endTok && u.entryId === m.entryId) {
        dup = j;
        break;
      }
    }
    if (dup >= 0) {
      if (better(matcher, text, scan, m, unique[dup] as RawMatch)) unique[dup] = m;
      continue;
    }
    unique.push(m);
    if (m.endTok - m.startTok > maxLen) maxLen = m.endTok - m.startTok;
  }
  const primaries: RawMatch[] = [];
  const nested: RawMatch[] = [];
  const out: TermMatch[] = [];
  for (let len = maxLen; len >= 0; len--) {
    for (const m of unique) {
      if (m.endTok - m.startTok !== len) continue;
      let nestedIn: number | null = null;
      let keep = true;
      for (const p of primaries) {
        if (m.endTok < p.startTok || m.startTok > p.endTok) continue;
        if (m.startTok === p.startTok && m.endTok === p.endTok) continue; // same span, other entry: co-primary
        if (m.startTok >= p.startTok && m.endTok <= p.endTok && p.entryId !== m.entryId) {
          nestedIn = p.entryId;
          continue;
        }
        keep = false; // partial overlap with a longer (or earlier) hit, or the same entry inside itself
        break;
      }
      if (!keep) continue;
      if (nestedIn !== null) {
        if (nested.some((o) => sameEntryInside(m, o))) continue;
        nested.push(m);
      } else primaries.push(m);
      const rec = matcher.records[m.record] as TermRecord;
      const start = scan.start[m.startTok] as number;
      const end = scan.end[m.endTok] as number;
      const hit: TermMatch = {
        start,
        end,
        surface: text.slice(start, end),
        entryId: m.entryId,
        termText: rec.termText,
        status: rec.status,
        lang: rec.lang,
        nestedIn,
      };
      // Insertion sort by start, then longest first, then entry id.
      let j = out.length;
      out.push(hit);
      while (j > 0) {
        const o = out[j - 1] as TermMatch;
        if (
          o.start < start ||
          (o.start === start && (o.end > end || (o.end === end && o.entryId <= m.entryId)))
        )
          break;
        out[j] = o;
        j--;
      }
      out[j] = hit;
    }
  }
  return out;
}

function sameEntryInside(inner: RawMatch, outer: RawMatch): boolean {
  return inner.startTok >= outer.startTok && inner.endTok <= outer.endTok && inner.entryId === outer.entryId;
}

function lightTokens(rec: TermRecord): string[] {
  if (rec.lightTokens === null) {
    rec.light = lightForm(rec.termText);
    rec.lightTokens = tokenize(rec.termText).map((t) => {
      const w = rec.termText.slice(t.start, t.end);
      return lightForm(
        t.script === "ar" ? w.slice(arabicKeyStart(toCodes(w), 0, w.length, w.charCodeAt(0))) : w,
      );
    });
  }
  return rec.lightTokens;
}

/** Of two terms of one entry found on the same span, the one spelt most like the text wins. */
function better(matcher: TermMatcher, text: string, scan: TokenScan, a: RawMatch, b: RawMatch): boolean {
  const ra = matcher.records[a.record] as TermRecord;
  const rb = matcher.records[b.record] as TermRecord;
  const surface = lightForm(text.slice(scan.start[a.startTok], scan.end[a.endTok]));
  const closeness = (r: TermRecord): number =>
    (lightForm(r.termText) === surface ? 1000 : 0) +
    10 * lightTokens(r).filter((t) => surface.includes(t)).length;
  return (closeness(ra) - closeness(rb) || STATUS_RANK[rb.status] - STATUS_RANK[ra.status]) > 0;
}
