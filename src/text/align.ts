/**
 * Sentence alignment of an Arabic document with its English translation.
 *
 * Dynamic programming over beads (1-1, 1-2, 2-1, 2-2, 1-0, 0-1), in the manner of Gale & Church (1993)
 * with hunalign-style lexical anchors:
 * - a length model: English length ≈ C · Arabic length with variance S2 per Arabic character, both fitted
 *   on the project's gold-aligned fixtures (test/fixtures/eval, docs/quality.md);
 * - anchors that both sides share: numbers in any digit system and separator convention, month names,
 *   Latin-script tokens of the Arabic side (URLs, e-mail addresses, acronyms), punctuation (questions,
 *   quotations, parentheses) and glossary term pairs (an entry recognised on both sides).
 *
 * The search is banded around the length-proportional diagonal and the band is widened when the best path
 * runs along its edge, so long documents cost O(n · band) rather than O(n · m).
 * Each bead's score is its posterior probability (forward–backward over the same band), in [0, 1].
 */
import type { Lang } from "../types";
import { normalizeForSearch } from "./normalize";
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
  /** Initial half-width of the search band, in sentences (default: grows with the document). */
  band?: number;
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

const MONTHS: Record<string, number> = {};
const monthNames: [number, string[]][] = [
  [1, ["january", "jan", "يناير", "كانون الثاني", "جانفي"]],
  [2, ["february", "feb", "فبراير", "شباط", "فيفري"]],
  [3, ["march", "mar", "مارس", "اذار"]],
  [4, ["april", "apr", "ابريل", "نيسان", "افريل"]],
  [5, ["may", "مايو", "ايار", "ماي"]],
  [6, ["june", "jun", "يونيو", "يونيه", "حزيران", "جوان"]],
  [7, ["july", "jul", "يوليو", "يوليه", "تموز", "جويليه"]],
  [8, ["august", "aug", "اغسطس", "اب", "اوت"]],
  [9, ["september", "sept", "sep", "سبتمبر", "ايلول"]],
  [10, ["october", "oct", "اكتوبر", "تشرين الاول"]],
  [11, ["november", "nov", "نوفمبر", "تشرين الثاني"]],
  [12, ["december", "dec", "ديسمبر", "كانون الاول"]],
];
for (const [month, names] of monthNames) for (const name of names) MONTHS[name] = month;
// Ambiguous short forms only count next to a number ("3 May", "May 2025"), not as words ("may", "mar").
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
const MONTH_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${Object.keys(MONTHS)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);

const NUMBER_RE = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g;
const LATIN_RE = /[A-Za-z][A-Za-z0-9]*/g;

/** ASCII digits of any digit system. */
function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
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
    if (c <= 0x20 || c === 0xa0 || c === 0x0640 || (c >= 0x064b && c <= 0x065f) || c === 0x0670) continue;
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
  intern(kind: number, key: string): number {
    const full = `${kind}:${key}`;
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.kinds.length;
      this.ids.set(full, id);
      this.kinds.push(kind);
    }
    return id;
  }
}

function sentenceFeatures(
  text: string,
  lang: Lang,
  table: FeatureTable,
  matcher: TermMatcher | undefined,
): SentenceFeatures {
  const ids: number[] = [];
  for (const m of text.matchAll(NUMBER_RE)) ids.push(table.intern(KIND_NUMBER, canonicalNumber(m[0])));

  const norm = normalizeForSearch(text);
  const months = new Set<number>();
  for (const m of norm.matchAll(MONTH_RE)) {
    const name = m[1] as string;
    if (AMBIGUOUS_MONTHS.has(name)) {
      const around = norm.slice(Math.max(0, (m.index ?? 0) - 4), (m.index ?? 0) + name.length + 5);
      if (!/\d/.test(around)) continue;
    }
    months.add(MONTHS[name] as number);
  }
  for (const month of months) ids.push(table.intern(KIND_MONTH, String(month)));

  // Latin tokens: on the Arabic side every one is an anchor candidate; on the English side they are
  // looked up only (see alignSentences), so English prose does not flood the table.
  if (lang === "ar") {
    const seen = new Set<string>();
    for (const m of text.matchAll(LATIN_RE)) {
      const w = m[0].toLowerCase();
      if (w.length >= 2 && !seen.has(w)) {
        seen.add(w);
        ids.push(table.intern(KIND_LATIN, w));
      }
    }
  } else {
    const seen = new Set<string>();
    for (const m of text.matchAll(LATIN_RE)) {
      const w = m[0].toLowerCase();
      const id = table.ids.get(`${KIND_LATIN}:${w}`);
      if (id !== undefined && !seen.has(w)) {
        seen.add(w);
        ids.push(id);
      }
    }
  }

  if (/[?\u061F]/.test(text)) ids.push(table.intern(KIND_PUNCT, "?"));
  if (/[!]/.test(text)) ids.push(table.intern(KIND_PUNCT, "!"));
  if (/["\u00AB\u00BB\u201C\u201D\u201E]/.test(text)) ids.push(table.intern(KIND_PUNCT, '"'));
  if (/[()]/.test(text)) ids.push(table.intern(KIND_PUNCT, "("));

  if (matcher) {
    const entries = new Set<number>();
    for (const t of recognizeTerms(matcher, text, lang)) if (t.nestedIn === null) entries.add(t.entryId);
    for (const e of entries) ids.push(table.intern(KIND_TERM, String(e)));
  }
  return { length: alignmentLength(text), ids: Int32Array.from(ids).sort() };
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
function lengthCost(d: number): number {
  const x = Math.abs(d);
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

interface Sides {
  ar: SentenceFeatures[];
  en: SentenceFeatures[];
  arPairs: Int32Array[];
  enPairs: Int32Array[];
  kinds: number[];
}

const EMPTY_IDS = new Int32Array(0);

function beadIds(list: SentenceFeatures[], pairs: Int32Array[], end: number, count: number): Int32Array {
  if (count === 0) return EMPTY_IDS;
  if (count === 1) return (list[end - 1] as SentenceFeatures).ids;
  return pairs[end - 2] as Int32Array;
}

/** Cost (negative log-probability, up to a constant) of the bead ending at (i, j) with a/e sentences. */
function beadCost(s: Sides, i: number, j: number, a: number, e: number, prior: number): number {
  let la = 0;
  let le = 0;
  for (let k = i - a; k < i; k++) la += (s.ar[k] as SentenceFeatures).length;
  for (let k = j - e; k < j; k++) le += (s.en[k] as SentenceFeatures).length;
  // A skipped sentence has no counterpart whose length it should match (Moore 2002): only the prior.
  let cost = prior;
  if (a > 0 && e > 0) cost += lengthCost((le - la * LENGTH_RATIO) / Math.sqrt(la * LENGTH_VARIANCE));

  const A = beadIds(s.ar, s.arPairs, i, a);
  const E = beadIds(s.en, s.enPairs, j, e);
  let x = 0;
  let y = 0;
  while (x < A.length || y < E.length) {
    const va = x < A.length ? (A[x] as number) : Number.MAX_SAFE_INTEGER;
    const ve = y < E.length ? (E[y] as number) : Number.MAX_SAFE_INTEGER;
    if (va === ve) {
      cost -= MATCH_REWARD[s.kinds[va] as number] as number;
      x++;
      y++;
    } else if (va < ve) {
      cost += MISS_PENALTY[s.kinds[va] as number] as number;
      x++;
    } else {
      const kind = s.kinds[ve] as number;
      if (kind !== KIND_LATIN) cost += MISS_PENALTY[kind] as number;
      y++;
    }
  }
  return cost;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

interface Band {
  lo: Int32Array;
  hi: Int32Array;
  rowStart: Int32Array;
  cells: number;
}

function makeBand(n: number, m: number, w: number): Band {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    const centre = (i * m) / n;
    lo[i] = Math.max(0, Math.floor(centre - w));
    hi[i] = Math.min(m, Math.ceil(centre + w));
    rowStart[i + 1] = (rowStart[i] as number) + (hi[i] as number) - (lo[i] as number) + 1;
  }
  return { lo, hi, rowStart, cells: rowStart[n + 1] as number };
}

interface BandResult {
  beads: AlignedBead[];
  touchesEdge: boolean;
}

function alignInBand(s: Sides, w: number): BandResult {
  const n = s.ar.length;
  const m = s.en.length;
  const band = makeBand(n, m, w);
  const { lo, hi, rowStart, cells } = band;
  const T = BEAD_TYPES.length;
  const best = new Float64Array(cells).fill(Number.POSITIVE_INFINITY);
  const back = new Int8Array(cells).fill(-1);
  // Forward log-probabilities and the cost of every transition into a cell, for the posteriors.
  const fwd = new Float64Array(cells).fill(Number.NEGATIVE_INFINITY);
  const trans = new Float64Array(cells * T).fill(Number.POSITIVE_INFINITY);
  const cellOf = (i: number, j: number): number =>
    i < 0 || i > n || j < (lo[i] as number) || j > (hi[i] as number)
      ? -1
      : (rowStart[i] as number) + j - (lo[i] as number);

  best[0] = 0;
  fwd[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i] as number; j <= (hi[i] as number); j++) {
      const c = (rowStart[i] as number) + j - (lo[i] as number);
      if (c === 0) continue;
      let b = Number.POSITIVE_INFINITY;
      let bt = -1;
      let f = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < T; t++) {
        const type = BEAD_TYPES[t] as { a: number; e: number; cost: number };
        const p = cellOf(i - type.a, j - type.e);
        if (p < 0 || best[p] === Number.POSITIVE_INFINITY) continue;
        const cost = beadCost(s, i, j, type.a, type.e, type.cost);
        trans[c * T + t] = cost;
        const total = (best[p] as number) + cost;
        if (total < b) {
          b = total;
          bt = t;
        }
        f = logAddExp(f, (fwd[p] as number) - cost);
      }
      best[c] = b;
      back[c] = bt;
      fwd[c] = f;
    }
  }

  // Backward pass over the stored transition costs.
  const bwd = new Float64Array(cells).fill(Number.NEGATIVE_INFINITY);
  const last = cells - 1;
  bwd[last] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = hi[i] as number; j >= (lo[i] as number); j--) {
      const c = (rowStart[i] as number) + j - (lo[i] as number);
      const bc = bwd[c] as number;
      if (bc === Number.NEGATIVE_INFINITY) continue;
      for (let t = 0; t < T; t++) {
        const cost = trans[c * T + t] as number;
        if (cost === Number.POSITIVE_INFINITY) continue;
        const type = BEAD_TYPES[t] as { a: number; e: number };
        const p = cellOf(i - type.a, j - type.e);
        bwd[p] = logAddExp(bwd[p] as number, bc - cost);
      }
    }
  }
  const logZ = fwd[last] as number;

  const beads: AlignedBead[] = [];
  let touchesEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const c = cellOf(i, j);
    const t = back[c] as number;
    const type = BEAD_TYPES[t] as { a: number; e: number };
    if ((j === lo[i] && j > 0) || (j === hi[i] && j < m)) touchesEdge = true;
    const p = cellOf(i - type.a, j - type.e);
    const logPost = (fwd[p] as number) - (trans[c * T + t] as number) + (bwd[c] as number) - logZ;
    const score = Math.min(1, Math.max(0, Math.exp(logPost)));
    beads.push({
      ar: Array.from({ length: type.a }, (_, k) => i - type.a + k),
      en: Array.from({ length: type.e }, (_, k) => j - type.e + k),
      score,
    });
    i -= type.a;
    j -= type.e;
  }
  beads.reverse();
  return { beads, touchesEdge };
}

/**
 * Aligns Arabic sentences with English sentences. Returns beads in document order that cover every
 * sentence of both sides exactly once.
 */
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
  const pairs = (list: SentenceFeatures[]) =>
    list.slice(1).map((f, k) => mergeSorted((list[k] as SentenceFeatures).ids, f.ids));
  const sides: Sides = { ar: arF, en: enF, arPairs: pairs(arF), enPairs: pairs(enF), kinds: table.kinds };

  const n = ar.length;
  const m = en.length;
  const full = Math.max(n, m);
  let w = options.band ?? Math.max(8, Math.ceil(Math.sqrt(full) * 1.5), Math.ceil(Math.abs(n - m) / 2) + 4);
  for (;;) {
    const result = alignInBand(sides, w);
    if (!result.touchesEdge || w >= full) return result.beads;
    w = Math.min(full, w * 2);
  }
}
