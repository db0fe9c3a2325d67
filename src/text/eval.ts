/**
 * Scoring helpers for the accuracy evaluation (test/text/quality.test.ts): precision, recall and F1 of
 * predicted items against gold items, compared by a key. Items are matched as multisets, so a duplicate
 * prediction counts once as correct and once as wrong.
 */

export interface Prf {
  /** Predicted items that match a gold item. */
  correct: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(correct: number, predicted: number, gold: number): Prf {
  // With nothing predicted (or nothing to find), a perfect score only if the other side is empty too.
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : correct / predicted;
  const recall = gold === 0 ? (predicted === 0 ? 1 : 0) : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { correct, predicted, gold, precision, recall, f1 };
}

export interface Comparison<T> {
  score: Prf;
  /** Predicted items with no gold counterpart. */
  falsePositives: T[];
  /** Gold items that were not predicted. */
  falseNegatives: T[];
}

export function compareByKey<T>(
  predicted: readonly T[],
  gold: readonly T[],
  key: (item: T) => string,
): Comparison<T> {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(key(g), (pool.get(key(g)) ?? 0) + 1);
  const falsePositives: T[] = [];
  let correct = 0;
  for (const p of predicted) {
    const k = key(p);
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      pool.set(k, left - 1);
      correct++;
    } else {
      falsePositives.push(p);
    }
  }
  const unmatched = new Map(pool);
  const falseNegatives = gold.filter((g) => {
    const k = key(g);
    const left = unmatched.get(k) ?? 0;
    if (left > 0) {
      unmatched.set(k, left - 1);
      return true;
    }
    return false;
  });
  return { score: prf(correct, predicted.length, gold.length), falsePositives, falseNegatives };
}

/** Micro-average: pools the counts of several comparisons. */
export function pooled(scores: readonly Prf[]): Prf {
  let correct = 0;
  let predicted = 0;
  let gold = 0;
  for (const s of scores) {
    correct += s.correct;
    predicted += s.predicted;
    gold += s.gold;
  }
  return prf(correct, predicted, gold);
}

export function formatPrf(label: string, s: Prf): string {
  const pct = (x: number) => x.toFixed(4);
  return `${label.padEnd(34)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (${s.correct}/${s.predicted} predicted, ${s.gold} gold)`;
}
