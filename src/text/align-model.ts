/**
 * The cost of a bead — the negative log-probability, up to a constant, that a run of Arabic sentences and
 * a run of English sentences translate each other — as the aligner's dynamic programme sums it
 * (align-dp.ts). Every parameter is here, with where its value comes from (docs/quality.md, "Alignment
 * model"): fitted on the gold beads of the first evaluation set and of evaluation set 2's tuning half
 * only, never on its held-out half.
 */
import {
  type DocumentFeatures,
  KIND_COUNT,
  KIND_FORMULA,
  KIND_LATIN,
  KIND_MONTH,
  KIND_NUMBER,
  KIND_PUNCT,
  KIND_TERM,
} from "./align-features";

/**
 * Anchor kinds that make a sentence's content its own in the unsupported-member test. Left out (they still
 * count as support): names, since an Arabic common word may meet an English name's skeleton by chance;
 * lexicon words, a weaker anchor (58 % of them are found in their own bead); formulae, which have their own
 * penalties.
 */
export const OWN_ANCHOR_KINDS: readonly number[] = [
  KIND_NUMBER,
  KIND_MONTH,
  KIND_LATIN,
  KIND_PUNCT,
  KIND_TERM,
];

/** Bead types: Arabic and English sentence counts. */
export const BEAD_A = Int32Array.from([1, 1, 0, 2, 1, 2, 3, 1]);
export const BEAD_E = Int32Array.from([1, 0, 1, 1, 2, 2, 1, 3]);
export const BEAD_TYPES = BEAD_A.length;

export interface AlignModel {
  /** English non-space characters per Arabic one, and the variance per Arabic character. */
  lengthRatio: number;
  lengthVariance: number;
  /** Prior probability of each bead type (order of BEAD_A / BEAD_E). */
  priors: readonly number[];
  /** Per feature kind (align-features.ts KIND_*): reward when both sides have it, penalty when one lacks it. */
  matchReward: readonly number[];
  arMissPenalty: readonly number[];
  enMissPenalty: readonly number[];
  /** A paragraph break inside one side of a bead. */
  straddlePenalty: number;
  /**
   * A point between beads where one side is at a paragraph break and the other is not: charged to the
   * bead that ends there (a whole paragraph left out pays nothing).
   */
  paragraphMismatch: number;
  /**
   * The same, at a point next to a skipped sentence (1-0 / 0-1): a sentence left out at the start or the
   * end of a paragraph puts the two sides out of step there far more often than anything else does. A
   * skip pays it at its end, and at its start in place of what the bead before paid (when that bead is a
   * skip too, the point between them is credited twice — a rare case left as it is).
   */
  skipParagraphMismatch: number;
  /**
   * A sentence of a bead's multi-sentence side that has anchors of its own, none of which the other side
   * has: what an added or untranslated sentence absorbed into its neighbour looks like (a sentence a
   * translator split off carries some of its source's anchors). Naive-Bayes log-odds, docs/quality.md.
   */
  unsupportedMember: number;
  /** Posterior temperature: bead confidences are computed from exp(−cost / T) (calibration). */
  temperature: number;
}

/**
 * The model in use. Length ratio and variance: the 1-1 beads of set 1 and of set 2's tuning half. Priors:
 * Gale & Church's for 1-1, 1-2/2-1 and 2-2, with 1-2 more likely than 2-1 from Arabic (long Arabic
 * sentences chained with و / كما / حيث are split in English), 1-3 and 3-1 rarer still, and skips at
 * 1 % each. Anchor rewards and penalties: see docs/quality.md (the lexicon's: naive-Bayes log-odds of
 * scripts/align-fit.ts --lexicon, leave one document out).
 */
export const ALIGN_MODEL: AlignModel = {
  lengthRatio: 1.29,
  lengthVariance: 5.31,
  priors: [0.86, 0.01, 0.01, 0.03, 0.06, 0.01, 0.004, 0.01],
  //           number month latin punct term  name lexicon formula
  matchReward: [2.5, 1.5, 2.0, 1.0, 1.5, 2.0, 1.5, 2.0],
  arMissPenalty: [1.0, 0.5, 1.0, 0.5, 0.3, 0.5, 0.7, 3.0],
  enMissPenalty: [1.0, 0.5, 0, 0.5, 0.3, 0.5, 0.7, 3.0],
  straddlePenalty: 3,
  paragraphMismatch: 5.41,
  skipParagraphMismatch: 1.59,
  unsupportedMember: 4.06,
  temperature: 1,
};

/** Everything the cost of a bead needs, precomputed once per pair of documents. */
export interface Sides {
  n: number;
  m: number;
  /** Prefix sums of sentence lengths: length of sentences [a, b) = prefix[b] − prefix[a]. */
  arPrefix: Float64Array;
  enPrefix: Float64Array;
  /** arInvSd[c][end]: 1 / the length model's standard deviation for the c Arabic sentences ending before `end`. */
  arInvSd: Float64Array[];
  /** windows[c][end]: merged feature ids of the c sentences ending before `end` (c = 1…3). */
  arWindows: Int32Array[][];
  enWindows: Int32Array[][];
  arSkipBonus: Float64Array;
  enSkipBonus: Float64Array;
  /** Per interned feature id. */
  matchReward: Float64Array;
  arMiss: Float64Array;
  enMiss: Float64Array;
  /** 1 for the ids (formulae) that a side repeating them still matches once, without a miss penalty. */
  onceOnly: Uint8Array;
  /** 1 for the ids whose kind counts as a sentence's own anchor in the unsupported-member test. */
  ownAnchor: Uint8Array;
  /**
   * breaks[i] = 1 where position i (before sentence i; 0 and n included) is a paragraph break, and
   * ends[k] = 1 where sentence k ends a paragraph; null without paragraph information.
   */
  arBreak: Uint8Array | null;
  enBreak: Uint8Array | null;
  /** Cost of each bead type's prior, and the model. */
  priorCost: Float64Array;
  model: AlignModel;
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

function windows(ids: Int32Array[]): Int32Array[][] {
  const one = [new Int32Array(0), ...ids];
  const two = one.map((x, end) => (end >= 2 ? mergeSorted(ids[end - 2] as Int32Array, x) : x));
  const three = two.map((x, end) => (end >= 3 ? mergeSorted(ids[end - 3] as Int32Array, x) : x));
  return [[], one, two, three];
}

function arLengths(lengths: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += lengths[k] as number;
  return sum;
}

function prefix(lengths: readonly number[]): Float64Array {
  const out = new Float64Array(lengths.length + 1);
  lengths.forEach((l, k) => {
    out[k + 1] = (out[k] as number) + l;
  });
  return out;
}

/** Paragraph breaks between sentences (positions 0…n) from non-decreasing paragraph numbers. */
function paragraphBreaks(p: readonly number[]): Uint8Array {
  return Uint8Array.from({ length: p.length + 1 }, (_, i) =>
    i === 0 || i === p.length || p[i - 1] !== p[i] ? 1 : 0,
  );
}

/**
 * Speeches set each form of address on a line of its own (السيد الرئيس، / أصحاب الجلالة والفخامة والسمو، /
 * أصحاب المعالي والسعادة،) where the translation may have one line: a break between two vocative lines is
 * layout, not a paragraph, and does not count.
 */
function joinVocativeLines(breaks: Uint8Array, ids: readonly Int32Array[], vocative: Uint8Array): Uint8Array {
  const isVocative = ids.map((own) => own.some((f) => (f & 1) === 0 && vocative[f >> 1] === 1));
  for (let k = 1; k < ids.length; k++) if (isVocative[k - 1] && isVocative[k]) breaks[k] = 0;
  return breaks;
}

function vocativeSkipCharge(
  bonus: number,
  own: Int32Array,
  vocative: Uint8Array,
  missPenalty: readonly number[],
): number {
  for (const f of own) if ((f & 1) === 0 && vocative[f >> 1] === 1) bonus -= missPenalty[KIND_FORMULA] ?? 0;
  return bonus;
}

export function prepareSides(
  features: DocumentFeatures,
  model: AlignModel,
  paragraphs?: { ar: readonly number[]; en: readonly number[] },
): Sides {
  const kinds = features.kinds;
  const perKind = (values: readonly number[]) => Float64Array.from(kinds, (k) => values[k] ?? 0);
  if (model.matchReward.length !== KIND_COUNT)
    throw new Error("alignment model: one reward per feature kind");
  const n = features.ar.lengths.length;
  const m = features.en.lengths.length;
  const sides: Sides = {
    n,
    m,
    arPrefix: prefix(features.ar.lengths),
    enPrefix: prefix(features.en.lengths),
    arInvSd: [0, 1, 2, 3].map((c) =>
      Float64Array.from({ length: n + 1 }, (_, end) => {
        const la = end >= c ? arLengths(features.ar.lengths, end - c, end) : 0;
        return 1 / Math.sqrt(Math.max(1, la) * model.lengthVariance);
      }),
    ),
    arWindows: windows(features.ar.ids),
    enWindows: windows(features.en.ids),
    // A form of address left unpaired is a formula the other side lacks, as it would be inside a bead (not
    // so an "atmosphere" or a salaam, which translators do leave out): its skip pays the miss penalty.
    arSkipBonus: Float64Array.from(features.ar.skipBonus, (bonus, k) =>
      vocativeSkipCharge(bonus, features.ar.ids[k] as Int32Array, features.vocative, model.arMissPenalty),
    ),
    enSkipBonus: Float64Array.from(features.en.skipBonus, (bonus, k) =>
      vocativeSkipCharge(bonus, features.en.ids[k] as Int32Array, features.vocative, model.enMissPenalty),
    ),
    matchReward: Float64Array.from(
      kinds,
      (k, id) => (model.matchReward[k] ?? 0) + ((features.extraReward[id] as number | undefined) ?? 0),
    ),
    arMiss: perKind(model.arMissPenalty),
    enMiss: perKind(model.enMissPenalty),
    onceOnly: Uint8Array.from(kinds, (k) => (k === KIND_FORMULA ? 1 : 0)),
    ownAnchor: Uint8Array.from(kinds, (k) => (OWN_ANCHOR_KINDS.includes(k) ? 1 : 0)),
    arBreak: null,
    enBreak: null,
    priorCost: Float64Array.from(model.priors, (p) => -Math.log(p)),
    model,
  };
  if (paragraphs && paragraphs.ar.length === n && paragraphs.en.length === m) {
    sides.arBreak = joinVocativeLines(paragraphBreaks(paragraphs.ar), features.ar.ids, features.vocative);
    sides.enBreak = joinVocativeLines(paragraphBreaks(paragraphs.en), features.en.ids, features.vocative);
  }
  return sides;
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

export function lengthCost(d: number): number {
  const x = (d < 0 ? -d : d) * COST_STEPS;
  if (x >= COST_MAX * COST_STEPS) return lengthCostExact(x / COST_STEPS);
  const k = x | 0;
  const lo = COST_TABLE[k] as number;
  return lo + ((COST_TABLE[k + 1] as number) - lo) * (x - k);
}

/** Cost of the bead of type t ending after Arabic sentence i − 1 and English sentence j − 1. */
export function beadCost(s: Sides, i: number, j: number, t: number): number {
  const a = BEAD_A[t] as number;
  const e = BEAD_E[t] as number;
  const prior = s.priorCost[t] as number;
  const model = s.model;
  const arBreak = s.arBreak;
  const enBreak = s.enBreak;
  const paragraphs = arBreak !== null && enBreak !== null;
  const outOfStep = paragraphs && arBreak[i] !== enBreak[j];
  // A skipped sentence has no counterpart whose length it should match (Moore 2002), nor anchors that
  // could be shared: only the prior, less the bonus of a conventional formula or note, and the paragraph
  // points next to it at the skip's rate.
  if (a === 0 || e === 0) {
    let cost = prior - (a === 0 ? (s.enSkipBonus[j - 1] as number) : (s.arSkipBonus[i - 1] as number));
    if (outOfStep) cost += model.skipParagraphMismatch;
    if (paragraphs && arBreak[i - a] !== enBreak[j - e])
      cost += model.skipParagraphMismatch - model.paragraphMismatch;
    return cost;
  }
  const mismatch = outOfStep ? model.paragraphMismatch : 0;
  const la = (s.arPrefix[i] as number) - (s.arPrefix[i - a] as number);
  const le = (s.enPrefix[j] as number) - (s.enPrefix[j - e] as number);
  let cost =
    prior +
    mismatch +
    lengthCost((le - la * model.lengthRatio) * ((s.arInvSd[a] as Float64Array)[i] as number));
  if (arBreak !== null && enBreak !== null) {
    for (let k = i - a + 1; k < i; k++) if (arBreak[k] === 1) cost += model.straddlePenalty;
    for (let k = j - e + 1; k < j; k++) if (enBreak[k] === 1) cost += model.straddlePenalty;
  }

  const A = (s.arWindows[a] as Int32Array[])[i] as Int32Array;
  const E = (s.enWindows[e] as Int32Array[])[j] as Int32Array;
  let x = 0;
  let y = 0;
  while (x < A.length && y < E.length) {
    const fa = A[x] as number;
    const fe = E[y] as number;
    const va = fa >> 1;
    const ve = fe >> 1;
    if (va === ve) {
      cost -= s.matchReward[va] as number;
      x++;
      y++;
      // A formula repeated on one side (a vocative series over two lines) is one formula, matched once.
      if (s.onceOnly[va] === 1) {
        while (x < A.length && (A[x] as number) >> 1 === va) x++;
        while (y < E.length && (E[y] as number) >> 1 === ve) y++;
      }
    } else if (va < ve) {
      if ((fa & 1) === 0) cost += s.arMiss[va] as number;
      x++;
    } else {
      if ((fe & 1) === 0) cost += s.enMiss[ve] as number;
      y++;
    }
  }
  for (; x < A.length; x++)
    if (((A[x] as number) & 1) === 0) cost += s.arMiss[(A[x] as number) >> 1] as number;
  for (; y < E.length; y++)
    if (((E[y] as number) & 1) === 0) cost += s.enMiss[(E[y] as number) >> 1] as number;
  if (a > 1) {
    const one = s.arWindows[1] as Int32Array[];
    for (let k = i - a + 1; k <= i; k++)
      if (unsupported(one[k] as Int32Array, E, s.ownAnchor)) cost += model.unsupportedMember;
  }
  if (e > 1) {
    const one = s.enWindows[1] as Int32Array[];
    for (let k = j - e + 1; k <= j; k++)
      if (unsupported(one[k] as Int32Array, A, s.ownAnchor)) cost += model.unsupportedMember;
  }
  return cost;
}

/**
 * True if `own` (one sentence's sorted feature ids) has a feature of its own (not optional) and shares no
 * feature with `other` (the other side of the bead).
 */
function unsupported(own: Int32Array, other: Int32Array, ownAnchor: Uint8Array): boolean {
  let hasOwn = false;
  let x = 0;
  let y = 0;
  while (x < own.length && y < other.length) {
    const vo = (own[x] as number) >> 1;
    const vt = (other[y] as number) >> 1;
    if (vo === vt) return false;
    if (vo < vt) {
      if (((own[x] as number) & 1) === 0 && ownAnchor[vo] === 1) hasOwn = true;
      x++;
    } else y++;
  }
  for (; x < own.length && !hasOwn; x++)
    if (((own[x] as number) & 1) === 0 && ownAnchor[(own[x] as number) >> 1] === 1) hasOwn = true;
  return hasOwn;
}
