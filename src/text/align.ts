/**
 * Sentence alignment of an Arabic document with its English translation.
 *
 * Dynamic programming over beads (1-1, 1-2, 2-1, 2-2, 1-0, 0-1), in the manner of Gale & Church (1993)
 * with hunalign-style lexical anchors:
 * - a length model: English length ≈ C · Arabic length with variance S2 per Arabic character, both fitted
 *   on the project's gold-aligned fixtures (test/fixtures/eval, docs/quality.md);
 * - anchors that both sides share: numbers in any digit system and separator convention, month names,
 *   Latin-script tokens of the Arabic side (URLs, e-mail addresses, acronyms), punctuation (questions,
 *   quotations, parentheses) and glossary term pairs (an entry recognised on both sides);
 * - paragraph breaks, when known (`options.paragraphs`, or `alignTexts` on whole texts): beads should not
 *   straddle them and should end a paragraph on both sides or neither. Untranslated sentences whose length
 *   a neighbour could absorb are found mostly this way.
 *
 * The search is banded around the length-proportional diagonal and the band is widened when the best path
 * runs along its edge, so long documents cost O(n · band) rather than O(n · m).
 * Each bead's score is its posterior probability (forward–backward over the same band), in [0, 1].
 */
import type { Lang } from "../types";
import {
  ARABIC_INDIC_DIGIT_CLASS,
  ARABIC_QUESTION_MARK,
  arabicIndicDigitValue,
  isArabicIndicDigit,
  isArabicMarkOrTatweel,
  WRITTEN_NUMBER_SOURCE,
} from "./arabic";
import { softLineBreaks } from "./line-wrap";
import { type Sentence, segmentSentences } from "./segment";
import { buildTermMatcher, recognizeTerms, type TermEntryInput, type TermMatcher } from "./terms";

export interface AlignedBead {
  /** Indices of the Arabic sentences in this bead (0–2, consecutive). */
  ar: number[];
  /** Indices of the English sentences in this bead (0–2, consecutive). */
  en: number[];
  /** Posterior probability of this bead given both documents, in [0, 1]. */
  score: number;
}

export interface AlignOptions {
  /** Glossary matcher: term pairs found on both sides anchor the alignment. */
  matcher?: TermMatcher;
  /** Glossary entries to build a matcher from when `matcher` is not given. */
  entries?: readonly TermEntryInput[];
  /**
   * Paragraph number of every sentence on each side (non-decreasing; see `paragraphNumbers`). Translations
   * keep paragraphs, so beads that straddle a paragraph break, or end a paragraph on one side only, are
   * penalised — the soft form of Gale & Church's aligning paragraphs before sentences.
   */
  paragraphs?: { ar: readonly number[]; en: readonly number[] };
  /** Initial half-width of the search band, in sentences (default: grows with the document). */
  band?: number;
}

/**
 * Paragraph number of each sentence span of `text`: a line break between two sentences starts a paragraph,
 * unless it is a soft break of hard-wrapped text (line-wrap.ts).
 */
export function paragraphNumbers(text: string, spans: readonly { start: number; end: number }[]): number[] {
  const soft = new Set(softLineBreaks(text));
  let paragraph = 0;
  return spans.map((span, k) => {
    const prev = spans[k - 1];
    if (prev) {
      for (let p = prev.end; p < span.start; p++) {
        const c = text.charCodeAt(p);
        const isBreak = c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85;
        if (isBreak && !soft.has(p) && !(c === 0x0a && text.charCodeAt(p - 1) === 0x0d && soft.has(p - 1))) {
          paragraph++;
          break;
        }
      }
    }
    return paragraph;
  });
}

/**
 * Length model, fitted on the 1-1 beads of the gold fixtures (39 beads, docs/quality.md): English
 * non-space characters per Arabic non-space character (diacritics and tatweel not counted), and the
 * variance of the English length around C · Arabic length, per Arabic character.
 */
export const LENGTH_RATIO = 1.29;
export const LENGTH_VARIANCE = 5.31;

/** Bead type priors (Gale & Church 1993). */
const BEAD_TYPES: readonly { a: number; e: number; cost: number }[] = [
  { a: 1, e: 1, cost: -Math.log(0.89) },
  { a: 1, e: 0, cost: -Math.log(0.0099 / 2) },
  { a: 0, e: 1, cost: -Math.log(0.0099 / 2) },
  { a: 2, e: 1, cost: -Math.log(0.089 / 2) },
  { a: 1, e: 2, cost: -Math.log(0.089 / 2) },
  { a: 2, e: 2, cost: -Math.log(0.011) },
];

// Anchor kinds, with the reward for a feature found on both sides of a bead and the penalty for one
// found on one side only (in nats, the unit of the length and prior costs). Numbers are the most
// reliable anchor; English Latin words are not anchors by themselves (all English words are Latin), only
// Latin tokens of the Arabic side that reappear in the English.
const KIND_NUMBER = 0;
const KIND_MONTH = 1;
const KIND_LATIN = 2;
const KIND_PUNCT = 3;
const KIND_TERM = 4;
const MATCH_REWARD = [2.5, 1.5, 2.0, 1.0, 1.5];
const MISS_PENALTY = [1.0, 0.5, 1.0, 0.5, 0.3];
/**
 * Cost of a bead that straddles a paragraph break, or ends a paragraph on one side only (nats). Paragraphs
 * are near-hard anchors, as in Gale & Church, but the cost stays below two skips (2 × 5.3): when the
 * translator really re-paragraphed, pairing across the break must stay cheaper than dropping a sentence on
 * each side. The fixtures need at least 8.5 (docs/quality.md), so this constant is tuned on them.
 */
const PARAGRAPH_PENALTY = 9;

// Month names as written in Arabic (Egyptian/Gulf, Levantine/Iraqi and Maghrebi series, hamza folded to
// bare alef) and English. Levantine كانون/تشرين take the following word (الأول/الثاني).
const MONTHS = new Map<string, number>();
const monthNames: [number, string[]][] = [
  [1, ["january", "jan", "يناير", "جانفي"]],
  [2, ["february", "feb", "فبراير", "شباط", "فيفري"]],
  [3, ["march", "mar", "مارس", "اذار"]],
  [4, ["april", "apr", "ابريل", "نيسان", "افريل"]],
  [5, ["may", "مايو", "ايار", "ماي"]],
  [6, ["june", "jun", "يونيو", "يونيه", "حزيران", "جوان"]],
  [7, ["july", "jul", "يوليو", "يوليه", "تموز", "جويليه"]],
  [8, ["august", "aug", "اغسطس", "اب", "اوت"]],
  [9, ["september", "sept", "sep", "سبتمبر", "ايلول"]],
  [10, ["october", "oct", "اكتوبر"]],
  [11, ["november", "nov", "نوفمبر"]],
  [12, ["december", "dec", "ديسمبر"]],
];
for (const [month, names] of monthNames) for (const name of names) MONTHS.set(name, month);
// A Map: the key is a word of the text, and an English "constructor" must not find Object's.
const TWO_WORD_MONTHS = new Map<string, [number, number]>([
  ["كانون", [12, 1]],
  ["تشرين", [10, 11]],
]);
// Ambiguous forms ("may", "mar", آب) only count next to a number ("3 May", "May 2025").
const AMBIGUOUS_MONTHS = new Set([
  "may",
  "mar",
  "jan",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "ماي",
  "اب",
]);
const WORD_RE = /[A-Za-z]+|[\u0621-\u064A]+/g;
const NUMBER_RE = new RegExp(WRITTEN_NUMBER_SOURCE, "g");
const ARABIC_INDIC_DIGIT_RE = new RegExp(`[${ARABIC_INDIC_DIGIT_CLASS}]`, "g");
const ANY_DIGIT_RE = new RegExp(`[0-9${ARABIC_INDIC_DIGIT_CLASS}]`);
// Cheap pre-test (stems of the unambiguous names): most sentences name no month and skip the word scan.
const MAY_NAME_MONTH =
  /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ينا|فبر|مارس|بريل|مايو|يوني|يولي|غسطس|سبتمبر|كتوبر|نوفمبر|ديسمبر|كانون|شباط|[اآأ]ذار|نيسان|[اأ]يار|حزيران|تموز|آب|[اأ]يلول|تشرين|جانفي|فيفري|[اأ]فريل|ماي|جوان|جويلي|[اأ]وت/i;

function foldArabicWord(w: string): string {
  return w.replace(/[\u0622\u0623\u0625]/g, "\u0627");
}

/** Months named in the text (1–12). */
function monthsIn(text: string): Set<number> {
  const months = new Set<number>();
  if (!MAY_NAME_MONTH.test(text)) return months;
  let pending: [number, number] | undefined;
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const w = raw.charCodeAt(0) < 0x80 ? raw.toLowerCase() : foldArabicWord(raw);
    if (pending) {
      if (w === "الاول") months.add(pending[0]);
      else if (w === "الثاني") months.add(pending[1]);
      pending = undefined;
    }
    const two = TWO_WORD_MONTHS.get(w);
    if (two) {
      pending = two;
      continue;
    }
    const month = MONTHS.get(w);
    if (month === undefined) continue;
    if (AMBIGUOUS_MONTHS.has(w)) {
      const at = m.index ?? 0;
      if (!ANY_DIGIT_RE.test(text.slice(Math.max(0, at - 6), at + raw.length + 6))) continue;
    }
    months.add(month);
  }
  return months;
}

const LATIN_RE = /[A-Za-z][A-Za-z0-9]*/g;

/** ASCII digits of any digit system. */
function asciiDigits(s: string): string {
  return s.replace(ARABIC_INDIC_DIGIT_RE, (d) => String(arabicIndicDigitValue(d.charCodeAt(0))));
}

/**
 * Canonical value of a written number: 1,200 = 1.200 = ١٬٢٠٠ = 1200; 3.5 = ٣٫٥ = 3,5. A separator
 * followed by exactly three digits is read as a thousands separator unless it is the Arabic decimal
 * separator; with both "." and "," the last one is the decimal point.
 */
export function canonicalNumber(written: string): string {
  const s = asciiDigits(written).replace(/\u066C/g, "");
  const parts = s.split(/([.,\u066B])/);
  const seps = parts.filter((_, k) => k % 2 === 1);
  const groups = parts.filter((_, k) => k % 2 === 0);
  if (seps.length === 0) return String(Number(s));
  let decimalAt = -1;
  const last = seps[seps.length - 1] as string;
  if (last === "\u066B") decimalAt = seps.length - 1;
  else if (seps.some((x) => x !== last)) decimalAt = seps.length - 1;
  else if (seps.length === 1 && (groups[1] as string).length !== 3) decimalAt = 0;
  let intPart = "";
  let frac = "";
  groups.forEach((g, k) => {
    if (decimalAt >= 0 && k > decimalAt) frac += g;
    else intPart += g;
  });
  const n = Number(intPart);
  return frac ? `${n}.${frac.replace(/0+$/, "") || "0"}` : String(n);
}

/** Non-space characters, not counting Arabic diacritics and tatweel: the unit of the length model. */
export function alignmentLength(sentence: string): number {
  let n = 0;
  for (let k = 0; k < sentence.length; k++) {
    const c = sentence.charCodeAt(k);
    if (c <= 0x20 || c === 0xa0 || isArabicMarkOrTatweel(c)) continue;
    if (c >= 0x2000 && c <= 0x200f) continue;
    n++;
  }
  return n;
}

interface SentenceFeatures {
  length: number;
  /** Sorted interned feature ids (a multiset). */
  ids: Int32Array;
}

class FeatureTable {
  readonly ids = new Map<string, number>();
  readonly kinds: number[] = [];
  /** Latin tokens of the Arabic side, with their feature ids. */
  readonly latinTokens: [string, number][] = [];
  intern(kind: number, key: string): number {
    const full = `${kind}:${key}`;
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.kinds.length;
      this.ids.set(full, id);
      this.kinds.push(kind);
      if (kind === KIND_LATIN) this.latinTokens.push([key, id]);
    }
    return id;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function sentenceFeatures(
  text: string,
  lang: Lang,
  table: FeatureTable,
  matcher: TermMatcher | undefined,
): SentenceFeatures {
  const ids: number[] = [];
  // One pass for the length and for which of the (rarer) features are worth a closer look.
  let length = 0;
  let digit = false;
  let question = false;
  let exclamation = false;
  let quote = false;
  let paren = false;
  let latin = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c <= 0x20 || c === 0xa0 || isArabicMarkOrTatweel(c)) continue;
    if (c >= 0x2000 && c <= 0x200f) continue;
    length++;
    if ((c >= 0x30 && c <= 0x39) || isArabicIndicDigit(c)) digit = true;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin = true;
    else if (c === 0x3f || c === ARABIC_QUESTION_MARK) question = true;
    else if (c === 0x21) exclamation = true;
    else if (c === 0x22 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e)
      quote = true;
    else if (c === 0x28 || c === 0x29) paren = true;
  }
  if (digit) {
    for (const m of text.matchAll(NUMBER_RE)) ids.push(table.intern(KIND_NUMBER, canonicalNumber(m[0])));
  }
  for (const month of monthsIn(text)) ids.push(table.intern(KIND_MONTH, String(month)));
  if (question) ids.push(table.intern(KIND_PUNCT, "?"));
  if (exclamation) ids.push(table.intern(KIND_PUNCT, "!"));
  if (quote) ids.push(table.intern(KIND_PUNCT, '"'));
  if (paren) ids.push(table.intern(KIND_PUNCT, "("));

  // Latin tokens: on the Arabic side every one is an anchor candidate; on the English side only those
  // tokens are looked for, so English prose does not flood the table.
  if (latin && lang === "ar") {
    const seen = new Set<string>();
    for (const m of text.matchAll(LATIN_RE)) {
      const w = m[0].toLowerCase();
      if (w.length < 2 || seen.has(w)) continue;
      seen.add(w);
      ids.push(table.intern(KIND_LATIN, w));
    }
  } else if (latin && table.latinTokens.length > 0) {
    const lower = text.toLowerCase();
    for (const [w, id] of table.latinTokens) {
      for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
        if (!isWordChar(lower.charCodeAt(at - 1)) && !isWordChar(lower.charCodeAt(at + w.length))) {
          ids.push(id);
          break;
        }
      }
    }
  }

  if (matcher) {
    const entries = new Set<number>();
    for (const t of recognizeTerms(matcher, text, lang)) if (t.nestedIn === null) entries.add(t.entryId);
    for (const e of entries) ids.push(table.intern(KIND_TERM, String(e)));
  }
  return { length, ids: Int32Array.from(ids).sort() };
}

function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as number) <= (b[j] as number) ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** -log(2 · (1 − Φ(|d|))): the Gale–Church cost of a length deviation of d standard deviations. */
function lengthCostExact(x: number): number {
  if (x > 6) return (x * x) / 2 + Math.log(x * Math.sqrt(2 * Math.PI)) - Math.LN2;
  // erfc via Abramowitz–Stegun 7.1.26 (error < 1.5e-7, ample for a cost).
  const z = x / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-z * z);
  return -Math.log(Math.max(erfc, 1e-300));
}

// The DP evaluates the length cost hundreds of thousands of times: tabulate it (step 1/64 σ up to 16 σ,
// linear interpolation; the curve is smooth, so the error is far below the model's own precision).
const COST_STEPS = 64;
const COST_MAX = 16;
const COST_TABLE = Float64Array.from({ length: COST_MAX * COST_STEPS + 2 }, (_, k) =>
  lengthCostExact(k / COST_STEPS),
);

function lengthCost(d: number): number {
  const x = (d < 0 ? -d : d) * COST_STEPS;
  if (x >= COST_MAX * COST_STEPS) return lengthCostExact(x / COST_STEPS);
  const k = x | 0;
  const lo = COST_TABLE[k] as number;
  return lo + ((COST_TABLE[k + 1] as number) - lo) * (x - k);
}

interface Sides {
  /** Prefix sums of sentence lengths: length of sentences [a, b) = prefix[b] − prefix[a]. */
  arPrefix: Float64Array;
  enPrefix: Float64Array;
  ar: Int32Array[];
  en: Int32Array[];
  arPairs: Int32Array[];
  enPairs: Int32Array[];
  matchReward: Float64Array;
  missPenalty: Float64Array;
  /** Whether an English-side occurrence of the feature is penalised when unmatched. */
  enMissPenalty: Float64Array;
  /** 1 where the sentence is the last of its paragraph; null without paragraph information. */
  arParaEnd: Uint8Array | null;
  enParaEnd: Uint8Array | null;
}

const EMPTY_IDS = new Int32Array(0);

function beadIds(single: Int32Array[], pairs: Int32Array[], end: number, count: number): Int32Array {
  if (count === 0) return EMPTY_IDS;
  if (count === 1) return single[end - 1] as Int32Array;
  return pairs[end - 2] as Int32Array;
}

/** Cost (negative log-probability, up to a constant) of the bead ending at (i, j) with a/e sentences. */
function beadCost(s: Sides, i: number, j: number, a: number, e: number, prior: number): number {
  // A skipped sentence has no counterpart whose length it should match (Moore 2002), nor anchors that
  // could be shared: only the prior.
  if (a === 0 || e === 0) return prior;
  const la = (s.arPrefix[i] as number) - (s.arPrefix[i - a] as number);
  const le = (s.enPrefix[j] as number) - (s.enPrefix[j - e] as number);
  let cost = prior + lengthCost((le - la * LENGTH_RATIO) / Math.sqrt(Math.max(1, la) * LENGTH_VARIANCE));

  if (s.arParaEnd !== null && s.enParaEnd !== null) {
    if (a === 2 && s.arParaEnd[i - 2] === 1) cost += PARAGRAPH_PENALTY;
    if (e === 2 && s.enParaEnd[j - 2] === 1) cost += PARAGRAPH_PENALTY;
    if (s.arParaEnd[i - 1] !== s.enParaEnd[j - 1]) cost += PARAGRAPH_PENALTY;
  }

  const A = beadIds(s.ar, s.arPairs, i, a);
  const E = beadIds(s.en, s.enPairs, j, e);
  let x = 0;
  let y = 0;
  while (x < A.length && y < E.length) {
    const va = A[x] as number;
    const ve = E[y] as number;
    if (va === ve) {
      cost -= s.matchReward[va] as number;
      x++;
      y++;
    } else if (va < ve) {
      cost += s.missPenalty[va] as number;
      x++;
    } else {
      cost += s.enMissPenalty[ve] as number;
      y++;
    }
  }
  for (; x < A.length; x++) cost += s.missPenalty[A[x] as number] as number;
  for (; y < E.length; y++) cost += s.enMissPenalty[E[y] as number] as number;
  return cost;
}

interface BandResult {
  beads: AlignedBead[];
  touchesEdge: boolean;
}

const T = BEAD_TYPES.length;
const TYPE_A = Int32Array.from(BEAD_TYPES, (t) => t.a);
const TYPE_E = Int32Array.from(BEAD_TYPES, (t) => t.e);
const TYPE_COST = Float64Array.from(BEAD_TYPES, (t) => t.cost);

/**
 * Viterbi search (log domain) and forward–backward posteriors (linear domain, each row rescaled to its
 * maximum so that long documents do not underflow) inside the band |j − i·m/n| ≤ w.
 */
function alignInBand(s: Sides, n: number, m: number, w: number): BandResult {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    const centre = (i * m) / n;
    lo[i] = Math.max(0, Math.floor(centre - w));
    hi[i] = Math.min(m, Math.ceil(centre + w));
    rowStart[i + 1] = (rowStart[i] as number) + (hi[i] as number) - (lo[i] as number) + 1;
  }
  const cells = rowStart[n + 1] as number;
  const cellOf = (i: number, j: number): number =>
    i < 0 || j < (lo[i] as number) || j > (hi[i] as number)
      ? -1
      : (rowStart[i] as number) + j - (lo[i] as number);

  const best = new Float64Array(cells).fill(Number.POSITIVE_INFINITY);
  const back = new Int8Array(cells).fill(-1);
  // prob[c·T + t]: probability (exp −cost) of the bead of type t ending at cell c; 0 if impossible.
  const prob = new Float64Array(cells * T);
  const fwd = new Float64Array(cells);
  const fwdScale = new Float64Array(n + 1); // log scale of each row of fwd
  best[0] = 0;

  for (let i = 0; i <= n; i++) {
    const li = lo[i] as number;
    const hiI = hi[i] as number;
    const base = rowStart[i] as number;
    // Forward values of row i are computed relative to row i−1's scale.
    const prevScale = i > 0 ? (fwdScale[i - 1] as number) : 0;
    const twoBack = i > 1 ? Math.exp((fwdScale[i - 2] as number) - prevScale) : 0;
    let rowMax = 0;
    for (let j = li; j <= hiI; j++) {
      const c = base + j - li;
      if (c === 0) {
        fwd[0] = 1;
        rowMax = 1;
        continue;
      }
      let b = Number.POSITIVE_INFINITY;
      let bt = -1;
      let f = 0;
      for (let t = 0; t < T; t++) {
        const a = TYPE_A[t] as number;
        const e = TYPE_E[t] as number;
        const pi = i - a;
        const pj = j - e;
        if (pi < 0 || pj < (lo[pi] as number) || pj > (hi[pi] as number)) continue;
        const p = (rowStart[pi] as number) + pj - (lo[pi] as number);
        const bp = best[p] as number;
        if (bp === Number.POSITIVE_INFINITY) continue;
        const cost = beadCost(s, i, j, a, e, TYPE_COST[t] as number);
        const pr = Math.exp(-cost);
        prob[c * T + t] = pr;
        if (bp + cost < b) {
          b = bp + cost;
          bt = t;
        }
        f += (fwd[p] as number) * pr * (a === 2 ? twoBack : 1);
      }
      best[c] = b;
      back[c] = bt;
      fwd[c] = f;
      if (f > rowMax) rowMax = f;
    }
    if (rowMax <= 0) rowMax = 1;
    for (let c = base; c < (rowStart[i + 1] as number); c++) fwd[c] = (fwd[c] as number) / rowMax;
    fwdScale[i] = prevScale + Math.log(rowMax);
  }

  // Backward pass over the stored bead probabilities, same row rescaling.
  const bwd = new Float64Array(cells);
  const bwdScale = new Float64Array(n + 2);
  for (let i = n; i >= 0; i--) {
    const li = lo[i] as number;
    const base = rowStart[i] as number;
    const nextScale = i < n ? (bwdScale[i + 1] as number) : 0;
    const twoAhead = i + 2 <= n ? Math.exp((bwdScale[i + 2] as number) - nextScale) : 0;
    let rowMax = 0;
    for (let j = hi[i] as number; j >= li; j--) {
      const c = base + j - li;
      let h = i === n && j === m ? 1 : 0;
      for (let t = 0; t < T; t++) {
        const a = TYPE_A[t] as number;
        const d = cellOf(i + a > n ? -1 : i + a, j + (TYPE_E[t] as number));
        if (d < 0) continue;
        const pr = prob[d * T + t] as number;
        if (pr === 0) continue;
        h += pr * (bwd[d] as number) * (a === 2 ? twoAhead : 1);
      }
      bwd[c] = h;
      if (h > rowMax) rowMax = h;
    }
    if (rowMax <= 0) rowMax = 1;
    for (let c = base; c < (rowStart[i + 1] as number); c++) bwd[c] = (bwd[c] as number) / rowMax;
    bwdScale[i] = nextScale + Math.log(rowMax);
  }
  const last = cells - 1;
  // Unreachable end (a band too narrow for the slope): the caller widens the band.
  if (best[last] === Number.POSITIVE_INFINITY) return { beads: [], touchesEdge: true };
  const logZ = (fwdScale[n] as number) + Math.log(fwd[last] as number);

  const beads: AlignedBead[] = [];
  let touchesEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const c = cellOf(i, j);
    const t = back[c] as number;
    const a = TYPE_A[t] as number;
    const e = TYPE_E[t] as number;
    if ((j === lo[i] && j > 0) || (j === hi[i] && j < m)) touchesEdge = true;
    const p = cellOf(i - a, j - e);
    const logPost =
      (fwdScale[i - a] as number) +
      Math.log(fwd[p] as number) +
      Math.log(prob[c * T + t] as number) +
      (bwdScale[i] as number) +
      Math.log(bwd[c] as number) -
      logZ;
    beads.push({
      ar: Array.from({ length: a }, (_, k) => i - a + k),
      en: Array.from({ length: e }, (_, k) => j - e + k),
      score: Number.isFinite(logPost) ? Math.min(1, Math.max(0, Math.exp(logPost))) : 0,
    });
    i -= a;
    j -= e;
  }
  beads.reverse();
  return { beads, touchesEdge };
}

export function alignSentences(
  ar: readonly string[],
  en: readonly string[],
  options: AlignOptions = {},
): AlignedBead[] {
  if (ar.length === 0) return en.map((_, j) => ({ ar: [], en: [j], score: 1 }));
  if (en.length === 0) return ar.map((_, i) => ({ ar: [i], en: [], score: 1 }));

  const matcher = options.matcher ?? (options.entries ? buildTermMatcher(options.entries) : undefined);
  const table = new FeatureTable();
  // Arabic first: English Latin tokens are looked up among the Arabic ones.
  const arF = ar.map((s) => sentenceFeatures(s, "ar", table, matcher));
  const enF = en.map((s) => sentenceFeatures(s, "en", table, matcher));
  const prefix = (list: SentenceFeatures[]) => {
    const out = new Float64Array(list.length + 1);
    list.forEach((f, k) => {
      out[k + 1] = (out[k] as number) + f.length;
    });
    return out;
  };
  const pairs = (list: SentenceFeatures[]) =>
    list.slice(1).map((f, k) => mergeSorted((list[k] as SentenceFeatures).ids, f.ids));
  const kinds = table.kinds;
  const sides: Sides = {
    arPrefix: prefix(arF),
    enPrefix: prefix(enF),
    ar: arF.map((f) => f.ids),
    en: enF.map((f) => f.ids),
    arPairs: pairs(arF),
    enPairs: pairs(enF),
    matchReward: Float64Array.from(kinds, (k) => MATCH_REWARD[k] as number),
    missPenalty: Float64Array.from(kinds, (k) => MISS_PENALTY[k] as number),
    enMissPenalty: Float64Array.from(kinds, (k) => (k === KIND_LATIN ? 0 : (MISS_PENALTY[k] as number))),
    arParaEnd: null,
    enParaEnd: null,
  };
  const paras = options.paragraphs;
  if (paras && paras.ar.length === ar.length && paras.en.length === en.length) {
    const ends = (p: readonly number[]) =>
      Uint8Array.from(p, (x, k) => (k === p.length - 1 || p[k + 1] !== x ? 1 : 0));
    sides.arParaEnd = ends(paras.ar);
    sides.enParaEnd = ends(paras.en);
  }

  const n = ar.length;
  const m = en.length;
  const full = Math.max(n, m);
  // Consecutive rows of the band must overlap, whatever the slope m/n, for the end to be reachable.
  const minimum = Math.ceil(Math.max(m / n, n / m)) + 2;
  let w = Math.max(
    minimum,
    options.band ?? Math.max(8, Math.ceil(Math.sqrt(full)), Math.ceil(Math.abs(n - m) / 2) + 4),
  );
  for (;;) {
    const result = alignInBand(sides, n, m, w);
    if (!result.touchesEdge || w >= full) return result.beads;
    w = Math.min(full, w * 2);
  }
}

export interface AlignedTexts {
  ar: Sentence[];
  en: Sentence[];
  beads: AlignedBead[];
}

/**
 * Segments two whole texts and aligns their sentences, with the paragraph structure (line breaks) of both
 * texts as anchors: the usual entry point when the input is a document rather than a list of sentences.
 */
export function alignTexts(
  ar: string,
  en: string,
  options: Omit<AlignOptions, "paragraphs"> = {},
): AlignedTexts {
  const arSentences = segmentSentences(ar, "ar");
  const enSentences = segmentSentences(en, "en");
  const beads = alignSentences(
    arSentences.map((s) => s.text),
    enSentences.map((s) => s.text),
    {
      ...options,
      paragraphs: { ar: paragraphNumbers(ar, arSentences), en: paragraphNumbers(en, enSentences) },
    },
  );
  return { ar: arSentences, en: enSentences, beads };
}
