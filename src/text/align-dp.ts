/**
 * The aligner's search: Viterbi (log domain) for the best sequence of beads and forward–backward (linear
 * domain, each row rescaled to its maximum so that long documents do not underflow) for each bead's
 * posterior probability, over beads of up to three sentences a side (align-model.ts).
 *
 * Banded: only cells with |j − i·m/n| ≤ w are visited, and the band is doubled while the best path runs
 * along its edge, so a document pair costs O(n · w · types) rather than O(n · m · types). The slow, obvious
 * reference (every cell, log-sum-exp) is test/text/align-reference.ts; a seeded randomised test compares
 * the two.
 */
import { BEAD_A, BEAD_E, BEAD_TYPES, beadCost, type Sides } from "./align-model";

export interface Bead {
  ar: number[];
  en: number[];
  /** Posterior probability of this bead given both documents, in [0, 1]. */
  score: number;
  /** Cost of the bead (nats), for diagnostics. */
  cost: number;
}

interface BandResult {
  beads: Bead[];
  touchesEdge: boolean;
}

const T = BEAD_TYPES;
const MAX_SPAN = 3;

function alignInBand(s: Sides, w: number): BandResult {
  const { n, m } = s;
  const inverseTemperature = 1 / s.model.temperature;
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
    i < 0 || i > n || j < (lo[i] as number) || j > (hi[i] as number)
      ? -1
      : (rowStart[i] as number) + j - (lo[i] as number);

  const best = new Float64Array(cells).fill(Number.POSITIVE_INFINITY);
  const back = new Int8Array(cells).fill(-1);
  // prob[c·T + t]: exp(−cost / T) of the bead of type t ending at cell c; 0 if impossible.
  const prob = new Float64Array(cells * T);
  const fwd = new Float64Array(cells);
  const fwdScale = new Float64Array(n + 1); // log scale of each row of fwd
  const rowFactor = new Float64Array(MAX_SPAN + 1);
  best[0] = 0;

  for (let i = 0; i <= n; i++) {
    const li = lo[i] as number;
    const base = rowStart[i] as number;
    // Forward values of row i are computed relative to row i−1's scale; rows further back are rescaled.
    const prevScale = i > 0 ? (fwdScale[i - 1] as number) : 0;
    for (let a = 0; a <= MAX_SPAN; a++)
      rowFactor[a] = a <= 1 ? 1 : i - a >= 0 ? Math.exp((fwdScale[i - a] as number) - prevScale) : 0;
    let rowMax = 0;
    for (let j = li; j <= (hi[i] as number); j++) {
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
        const a = BEAD_A[t] as number;
        const pi = i - a;
        const pj = j - (BEAD_E[t] as number);
        if (pi < 0 || pj < (lo[pi] as number) || pj > (hi[pi] as number)) continue;
        const p = (rowStart[pi] as number) + pj - (lo[pi] as number);
        const bp = best[p] as number;
        if (bp === Number.POSITIVE_INFINITY) continue;
        const k = beadCost(s, i, j, t);
        const pr = Math.exp(-k * inverseTemperature);
        prob[c * T + t] = pr;
        if (bp + k < b) {
          b = bp + k;
          bt = t;
        }
        f += (fwd[p] as number) * pr * (rowFactor[a] as number);
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
    for (let a = 0; a <= MAX_SPAN; a++)
      rowFactor[a] = a <= 1 ? 1 : i + a <= n ? Math.exp((bwdScale[i + a] as number) - nextScale) : 0;
    let rowMax = 0;
    for (let j = hi[i] as number; j >= li; j--) {
      const c = base + j - li;
      let h = i === n && j === m ? 1 : 0;
      for (let t = 0; t < T; t++) {
        const a = BEAD_A[t] as number;
        const d = cellOf(i + a, j + (BEAD_E[t] as number));
        if (d < 0) continue;
        const pr = prob[d * T + t] as number;
        if (pr === 0) continue;
        h += pr * (bwd[d] as number) * (rowFactor[a] as number);
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

  const beads: Bead[] = [];
  let touchesEdge = false;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const c = cellOf(i, j);
    const t = back[c] as number;
    const a = BEAD_A[t] as number;
    const e = BEAD_E[t] as number;
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
      cost: beadCost(s, i, j, t),
    });
    i -= a;
    j -= e;
  }
  beads.reverse();
  return { beads, touchesEdge };
}

/** Default initial half-width of the band for documents of n and m sentences. */
export function initialBand(n: number, m: number): number {
  return Math.max(8, Math.ceil(Math.sqrt(Math.max(n, m))), Math.ceil(Math.abs(n - m) / 2) + 4);
}

/** The best beads and their posteriors; `band` is the initial half-width (widened as needed). */
export function alignBanded(s: Sides, band?: number): Bead[] {
  const { n, m } = s;
  const full = Math.max(n, m);
  // Consecutive rows of the band must overlap, whatever the slope m/n, for the end to be reachable.
  const minimum = Math.ceil(Math.max(m / n, n / m)) + MAX_SPAN;
  let w = Math.max(minimum, band ?? initialBand(n, m));
  for (;;) {
    const result = alignInBand(s, w);
    if (!result.touchesEdge || w >= full) return result.beads;
    w = Math.min(full, w * 2);
  }
}
