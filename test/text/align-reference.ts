/**
 * The slow, obvious reference of the aligner's search (src/text/align-dp.ts): the same bead costs
 * (align-model.ts), but every cell of the (n + 1) × (m + 1) lattice, Viterbi by plain minimisation and
 * posteriors by log-sum-exp forward and backward sums — no band, no widening, no row rescaling.
 */
import { BEAD_A, BEAD_E, BEAD_TYPES, beadCost, type Sides } from "../../src/text/align-model";

export interface ReferenceBead {
  ar: number[];
  en: number[];
  score: number;
  cost: number;
}

function logSumExp(xs: number[]): number {
  const max = Math.max(...xs);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

export function referenceAlign(s: Sides): { beads: ReferenceBead[]; total: number } {
  const { n, m } = s;
  const inv = 1 / s.model.temperature;
  const cost = (i: number, j: number, t: number) => beadCost(s, i, j, t);
  const valid = (i: number, j: number, t: number) =>
    i - (BEAD_A[t] as number) >= 0 && j - (BEAD_E[t] as number) >= 0;
  // Viterbi.
  const best: number[][] = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(Number.POSITIVE_INFINITY),
  );
  const back: number[][] = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(-1));
  (best[0] as number[])[0] = 0;
  // Forward (log of the summed path weights exp(−cost / T)).
  const fwd: number[][] = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(Number.NEGATIVE_INFINITY),
  );
  (fwd[0] as number[])[0] = 0;
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      const terms: number[] = [];
      for (let t = 0; t < BEAD_TYPES; t++) {
        if (!valid(i, j, t)) continue;
        const pi = i - (BEAD_A[t] as number);
        const pj = j - (BEAD_E[t] as number);
        const k = cost(i, j, t);
        const candidate = (best[pi] as number[])[pj] as number;
        if (candidate + k < ((best[i] as number[])[j] as number)) {
          (best[i] as number[])[j] = candidate + k;
          (back[i] as number[])[j] = t;
        }
        terms.push(((fwd[pi] as number[])[pj] as number) - k * inv);
      }
      (fwd[i] as number[])[j] = logSumExp(terms);
    }
  const bwd: number[][] = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(Number.NEGATIVE_INFINITY),
  );
  (bwd[n] as number[])[m] = 0;
  for (let i = n; i >= 0; i--)
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      const terms: number[] = [];
      for (let t = 0; t < BEAD_TYPES; t++) {
        const ni = i + (BEAD_A[t] as number);
        const nj = j + (BEAD_E[t] as number);
        if (ni > n || nj > m) continue;
        terms.push(((bwd[ni] as number[])[nj] as number) - cost(ni, nj, t) * inv);
      }
      (bwd[i] as number[])[j] = logSumExp(terms);
    }
  const logZ = (fwd[n] as number[])[m] as number;
  const beads: ReferenceBead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const t = (back[i] as number[])[j] as number;
    const a = BEAD_A[t] as number;
    const e = BEAD_E[t] as number;
    const k = cost(i, j, t);
    const logPost =
      ((fwd[i - a] as number[])[j - e] as number) - k * inv + ((bwd[i] as number[])[j] as number) - logZ;
    beads.push({
      ar: Array.from({ length: a }, (_, x) => i - a + x),
      en: Array.from({ length: e }, (_, x) => j - e + x),
      score: Math.min(1, Math.exp(logPost)),
      cost: k,
    });
    i -= a;
    j -= e;
  }
  beads.reverse();
  return { beads, total: (best[n] as number[])[m] as number };
}
