/**
 * Term recognition against a whole glossary in one pass over the text.
 *
 * Each glossary term becomes a path of token keys in a per-language trie (see morphology.ts for keys).
 * Each text token yields the small set of keys it may be an inflection of (clitics and suffixes stripped
 * only when the stem is a glossary key that accepts them). The matcher walks the trie from every token over
 * these candidate sets — an automaton over a lattice of token readings, O(tokens × readings × term length),
 * independent of the glossary size. Multi-word terms only continue across spaces and hyphens.
 *
 * The longest match wins (then the leftmost); shorter glossary terms inside it are reported too, with
 * `nestedIn` set to the enclosing match's entry id. Spans cover whole words of the original text, clitics
 * included (والتعددية, not التعددية), so `surface === text.slice(start, end)`.
 */
import type { Lang, TermStatus } from "../types";
import {
  arabicCandidates,
  arabicGlossaryKey,
  arabicKeyFlags,
  latinCandidates,
  latinGlossaryKey,
} from "./morphology";
import { isArabicMark, isInvisible } from "./normalize";
import { type Token, tokenize } from "./tokenize";

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
  /** lightForm of the term and of each of its words (without the article): to prefer the closest spelling. */
  light: string;
  lightTokens: string[];
}

interface TrieNode {
  next: Map<number, TrieNode> | null;
  /** Indices into `records` of the terms ending here. */
  terms: number[] | null;
}

export interface TermMatcher {
  readonly roots: Record<Lang, TrieNode>;
  readonly keyIds: Map<string, number>;
  /** KEY_* flags of each key id. */
  readonly keyFlags: number[];
  readonly records: TermRecord[];
  /** Number of glossary terms indexed. */
  readonly termCount: number;
  readonly commaId: number;
}

const STATUS_RANK: Record<TermStatus, number> = { preferred: 0, admitted: 1, deprecated: 2, forbidden: 3 };

function newNode(): TrieNode {
  return { next: null, terms: null };
}

function taMarbutaAt(text: string, token: Token): boolean {
  for (let i = token.end - 1; i >= token.start; i--) {
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

// Key id of the comma inside a term ("United Nations Educational, Scientific and Cultural Organization").
const COMMA_KEY = ",";
const MAX_HYPHEN_VARIANTS = 8;

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[]): TermMatcher {
  const roots: Record<Lang, TrieNode> = { ar: newNode(), en: newNode() };
  const keyIds = new Map<string, number>();
  const keyFlags: number[] = [];
  const records: TermRecord[] = [];
  let termCount = 0;

  const keyId = (key: string, flags: number): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keyFlags.length;
      keyIds.set(key, id);
      keyFlags.push(flags);
    } else {
      keyFlags[id] = (keyFlags[id] as number) | flags;
    }
    return id;
  };
  const commaId = keyId(COMMA_KEY, 0);

  const tokenKeyId = (original: string, t: Token): number => {
    if (t.script === "ar") {
      const key = arabicGlossaryKey(original, t.norm);
      return keyId(key, arabicKeyFlags(original, key));
    }
    if (t.script === "latin") return keyId(latinGlossaryKey(original, t.norm), 0);
    return keyId(t.norm, 0);
  };

  const insert = (lang: Lang, path: number[], record: number): void => {
    let node = roots[lang];
    for (const id of path) {
      if (node.next === null) node.next = new Map();
      let child = node.next.get(id);
      if (child === undefined) {
        child = newNode();
        node.next.set(id, child);
      }
      node = child;
    }
    if (node.terms === null) node.terms = [];
    if (!node.terms.includes(record)) node.terms.push(record);
  };

  for (const entry of entries) {
    for (const term of entry.terms) {
      const tokens = tokenize(term.text);
      if (tokens.length === 0) continue;
      const record = records.length;
      const light: string[] = [];
      // Each variant is a key path; a hyphen between two Latin words may also be written solid (G-20, G20).
      let variants: number[][] = [[]];
      tokens.forEach((t, k) => {
        const original = term.text.slice(t.start, t.end);
        const id = tokenKeyId(original, t);
        light.push(
          lightForm(
            t.script === "ar" && arabicGlossaryKey(original, t.norm) !== t.norm
              ? original.slice(2)
              : original,
          ),
        );
        const prev = tokens[k - 1];
        const solid =
          prev !== undefined &&
          prev.gap === "hyphen" &&
          prev.script !== "ar" &&
          t.script !== "ar" &&
          variants.length < MAX_HYPHEN_VARIANTS
            ? tokenKeyId(term.text.slice(prev.start, prev.end) + original, {
                ...t,
                start: prev.start,
                norm: prev.norm + t.norm,
                script: prev.script === "latin" || t.script === "latin" ? "latin" : "other",
              })
            : -1;
        const next: number[][] = [];
        for (const v of variants) {
          if (prev?.gap === "comma") next.push([...v, commaId, id]);
          else next.push([...v, id]);
          if (solid >= 0) next.push([...v.slice(0, -1), solid]);
        }
        variants = next;
      });
      for (const path of variants) insert(term.lang, path, record);
      records.push({
        entryId: entry.id,
        termText: term.text,
        status: term.status,
        lang: term.lang,
        light: lightForm(term.text),
        lightTokens: light,
      });
      termCount++;
    }
  }
  return { roots, keyIds, keyFlags, records, termCount, commaId };
}

/**
 * Key ids each token may stand for: `first` when the token starts a term (any proclitic),
 * `inner` when it continues one (only the article may be stripped in front).
 */
function tokenReadings(
  matcher: TermMatcher,
  text: string,
  token: Token,
): { first: number[]; inner: number[] } {
  const first: number[] = [];
  const inner: number[] = [];
  const { keyIds, keyFlags } = matcher;
  if (token.script === "ar") {
    arabicCandidates(token.norm, taMarbutaAt(text, token), (key, required, forbidden, viaProclitic) => {
      const id = keyIds.get(key);
      if (id === undefined) return;
      const flags = keyFlags[id] as number;
      if ((flags & required) !== required || (flags & forbidden) !== 0) return;
      if (!first.includes(id)) first.push(id);
      if (!viaProclitic && !inner.includes(id)) inner.push(id);
    });
  } else if (token.script === "latin") {
    latinCandidates(text.slice(token.start, token.end), token.norm, (key) => {
      const id = keyIds.get(key);
      if (id === undefined || first.includes(id)) return;
      first.push(id);
      inner.push(id);
    });
  } else {
    const id = keyIds.get(token.norm);
    if (id !== undefined) {
      first.push(id);
      inner.push(id);
    }
  }
  return { first, inner };
}

interface RawMatch {
  startTok: number;
  endTok: number;
  record: number;
}

/** All glossary terms of language `lang` found in `text`, ordered by start, longest first. */
export function recognizeTerms(matcher: TermMatcher, text: string, lang: Lang): TermMatch[] {
  const root = matcher.roots[lang];
  if (root.next === null) return [];
  const tokens = tokenize(text);
  const readings = tokens.map((t) => tokenReadings(matcher, text, t));
  const raw: RawMatch[] = [];

  const walk = (node: TrieNode, startTok: number, k: number): void => {
    if (node.terms !== null) for (const record of node.terms) raw.push({ startTok, endTok: k, record });
    if (node.next === null || k + 1 >= tokens.length) return;
    const gap = (tokens[k] as Token).gap;
    let from: TrieNode | undefined = node;
    if (gap === "comma") from = node.next.get(matcher.commaId);
    else if (gap === "break") return;
    if (from?.next == null) return;
    for (const id of (readings[k + 1] as { inner: number[] }).inner) {
      const child = from.next.get(id);
      if (child !== undefined) walk(child, startTok, k + 1);
    }
  };
  const rootNext = root.next;
  for (let k = 0; k < tokens.length; k++) {
    for (const id of (readings[k] as { first: number[] }).first) {
      const child = rootNext.get(id);
      if (child !== undefined) walk(child, k, k);
    }
  }
  if (raw.length === 0) return [];
  return resolve(matcher, text, tokens, raw);
}

/** One hit per span and entry, then longest-leftmost primaries with the shorter hits inside them nested. */
function resolve(matcher: TermMatcher, text: string, tokens: Token[], raw: RawMatch[]): TermMatch[] {
  const best = new Map<string, RawMatch>();
  for (const m of raw) {
    const rec = matcher.records[m.record] as TermRecord;
    const key = `${m.startTok}:${m.endTok}:${rec.entryId}`;
    const prev = best.get(key);
    if (prev === undefined || better(matcher, text, tokens, m, prev)) best.set(key, m);
  }
  const hits = [...best.values()].sort(
    (a, b) => b.endTok - b.startTok - (a.endTok - a.startTok) || a.startTok - b.startTok,
  );
  const primaries: RawMatch[] = [];
  const nested: RawMatch[] = [];
  const out: TermMatch[] = [];
  for (const m of hits) {
    const entryId = (matcher.records[m.record] as TermRecord).entryId;
    let nestedIn: number | null = null;
    let keep = true;
    for (const p of primaries) {
      if (m.endTok < p.startTok || m.startTok > p.endTok) continue;
      const pEntry = (matcher.records[p.record] as TermRecord).entryId;
      if (m.startTok === p.startTok && m.endTok === p.endTok) continue; // same span, other entry: co-primary
      if (m.startTok >= p.startTok && m.endTok <= p.endTok && pEntry !== entryId) {
        nestedIn = pEntry;
        continue;
      }
      keep = false; // partial overlap with a longer (or earlier) hit, or the same entry inside itself
      break;
    }
    if (!keep) continue;
    if (nestedIn !== null && nested.some((o) => sameEntryInside(matcher, m, o))) continue;
    if (nestedIn === null) primaries.push(m);
    else nested.push(m);
    out.push(toMatch(matcher, text, tokens, m, nestedIn));
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.entryId - b.entryId);
}

/** `inner` lies within `outer` and names the same concept: reporting it again would add nothing. */
function sameEntryInside(matcher: TermMatcher, inner: RawMatch, outer: RawMatch): boolean {
  return (
    inner.startTok >= outer.startTok &&
    inner.endTok <= outer.endTok &&
    (matcher.records[inner.record] as TermRecord).entryId ===
      (matcher.records[outer.record] as TermRecord).entryId
  );
}

/** Of two terms of one entry found on the same span, the one spelt most like the text wins. */
function better(matcher: TermMatcher, text: string, tokens: Token[], a: RawMatch, b: RawMatch): boolean {
  const ra = matcher.records[a.record] as TermRecord;
  const rb = matcher.records[b.record] as TermRecord;
  const surface = lightForm(text.slice((tokens[a.startTok] as Token).start, (tokens[a.endTok] as Token).end));
  const closeness = (r: TermRecord): number =>
    (r.light === surface ? 1000 : 0) + 10 * r.lightTokens.filter((t) => surface.includes(t)).length;
  return (closeness(ra) - closeness(rb) || STATUS_RANK[rb.status] - STATUS_RANK[ra.status]) > 0;
}

function toMatch(
  matcher: TermMatcher,
  text: string,
  tokens: Token[],
  m: RawMatch,
  nestedIn: number | null,
): TermMatch {
  const rec = matcher.records[m.record] as TermRecord;
  const start = (tokens[m.startTok] as Token).start;
  const end = (tokens[m.endTok] as Token).end;
  return {
    start,
    end,
    surface: text.slice(start, end),
    entryId: rec.entryId,
    termText: rec.termText,
    status: rec.status,
    lang: rec.lang,
    nestedIn,
  };
}
