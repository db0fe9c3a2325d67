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

// ---- Evaluation set 2 (issue 13): bead ranges, calibration, per-class tallies, boundary errors ----

export interface Span {
  start: number;
  end: number;
}

/** A bead as the character ranges it covers on each side, so beads over different segmentations compare. */
export function beadRangeKey(
  arSpans: readonly Span[],
  enSpans: readonly Span[],
  bead: { ar: readonly number[]; en: readonly number[] },
): string {
  const side = (spans: readonly Span[], idx: readonly number[]) => {
    const first = spans[idx[0] ?? -1];
    const last = spans[idx[idx.length - 1] ?? -1];
    return first && last ? `${first.start}-${last.end}` : "-";
  };
  return `${side(arSpans, bead.ar)}|${side(enSpans, bead.en)}`;
}

/** Bead type as sentence counts, e.g. "1-2" (one Arabic, two English), "1-0". */
export function beadTypeOf(bead: { ar: readonly unknown[]; en: readonly unknown[] }): string {
  return `${bead.ar.length}-${bead.en.length}`;
}

export interface CalibrationRow {
  /** e.g. "≥ 0.90", "0.70–0.90", "< 0.70". */
  label: string;
  items: number;
  right: number;
  /** right / items (0 when the band is empty). */
  share: number;
}

/**
 * Calibration of a confidence: items in bands split at `edges` (ascending; a band holds min ≤ score < max,
 * the top band includes 1), highest band first, with the share of right items in each.
 */
export function calibration(
  items: readonly { score: number; right: boolean }[],
  edges: readonly number[] = [0.7, 0.9],
): CalibrationRow[] {
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
  const rows: CalibrationRow[] = [];
  for (let b = bounds.length - 2; b >= 0; b--) {
    const lo = bounds[b] as number;
    const hi = bounds[b + 1] as number;
    const inBand = items.filter((x) => x.score >= lo && x.score < hi);
    const right = inBand.filter((x) => x.right).length;
    const label =
      lo === Number.NEGATIVE_INFINITY
        ? `< ${hi.toFixed(2)}`
        : hi === Number.POSITIVE_INFINITY
          ? `≥ ${lo.toFixed(2)}`
          : `${lo.toFixed(2)}–${hi.toFixed(2)}`;
    rows.push({ label, items: inBand.length, right, share: inBand.length === 0 ? 0 : right / inBand.length });
  }
  return rows;
}

export interface ClassTally {
  name: string;
  gold: number;
  found: number;
  recall: number;
}

/** Recall per class, for gold items that may each belong to several classes; sorted by class name. */
export function recallByClass<T>(
  gold: readonly T[],
  classesOf: (item: T) => readonly string[],
  found: (item: T) => boolean,
): ClassTally[] {
  const tally = new Map<string, { gold: number; found: number }>();
  for (const item of gold) {
    const hit = found(item);
    for (const name of new Set(classesOf(item))) {
      const t = tally.get(name) ?? { gold: 0, found: 0 };
      t.gold++;
      if (hit) t.found++;
      tally.set(name, t);
    }
  }
  return [...tally]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, t]) => ({ name, ...t, recall: t.gold === 0 ? 1 : t.found / t.gold }));
}

/** Sentence boundaries of a segmentation: the gap (usually whitespace) between consecutive sentences. */
export function boundaries(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (let k = 1; k < spans.length; k++)
    out.push({ start: (spans[k - 1] as Span).end, end: (spans[k] as Span).start });
  return out;
}

const QA_LABEL = /^(?:[سج]|Q|A)\s*[:：]/u;
const LIST_MARKER = /^(?:[•▪◦·-]\s|[\d٠-٩]{1,3}\s*[-.)]\s|[IVX]{1,4}\.\s|(?:أولاً|ثانياً|ثالثاً|رابعاً)\s*:)/u;
// A title or initials before the gap: "Amb.", "Dr.", "H.E.", "U.S.", "أ.د.", "م." (not "war." or "الحرب.").
const ABBREVIATION =
  /(?:^|[\s(«"“])(?:(?:Mr|Mrs|Ms|Dr|Prof|Amb|Eng|Sr|Jr|St|No|Gen|Col|Hon|Rev|Art|Vol)\.|(?:\p{L}\.){2,}|[\u0600-\u06FF]{1,2}\.)$/u;

/**
 * What surrounds a sentence boundary (`gap` = the whitespace between two sentences, or the point where one
 * is missing), in words a reader of the error list understands: "line break: table row", "abbreviation",
 * "ellipsis", "quotation", "Q&A label", "list number", "colon", "other". Heuristic, for reporting only.
 */
export function boundaryContext(text: string, gap: Span): string {
  const before = text.slice(Math.max(0, gap.start - 40), gap.start);
  const after = text.slice(gap.end, gap.end + 40);
  const lineBefore = before.slice(before.lastIndexOf("\n") + 1);
  if (/[\n\r\u2028\u2029]/.test(text.slice(gap.start, gap.end))) {
    if (lineBefore.includes("\t") || /^[^\n]*\t/.test(after)) return "line break: table row";
    if (QA_LABEL.test(after)) return "line break: Q&A label";
    if (LIST_MARKER.test(after)) return "line break: list item";
    if (/[.!?؟…:;»"”)،,]\s*$/.test(lineBefore)) return "line break after punctuation";
    return "line break without final punctuation (headline, wrapped line)";
  }
  const paragraphStart = text.lastIndexOf("\n", gap.start - 1) + 1;
  const sinceParagraph = text.slice(paragraphStart, gap.start);
  const open = (sinceParagraph.match(/[«“]/g) ?? []).length - (sinceParagraph.match(/[»”]/g) ?? []).length;
  const straight = (sinceParagraph.match(/"/g) ?? []).length % 2;
  if (/(?:…|\.\.\.)\s*$/.test(before)) return "ellipsis";
  if (ABBREVIATION.test(before.trimEnd())) return "abbreviation";
  if (QA_LABEL.test(lineBefore.trim()) && lineBefore.trim().length <= 3) return "Q&A label";
  if (/^\s*(?:[\d٠-٩]{1,3}\s*[-.)]|[IVX]{1,4}\.|[•▪◦·])$/u.test(lineBefore)) return "list number";
  if (open > 0 || straight === 1 || /[»”"]\s*$/.test(before)) return "quotation";
  if (/:\s*$/.test(before)) return "colon";
  return "other";
}

export interface BoundaryError {
  /** "missed" = a gold boundary the segmenter did not make; "spurious" = one it made that gold lacks. */
  kind: "missed" | "spurious" | "shifted";
  gap: Span;
  context: string;
}

/**
 * The boundaries on which two segmentations of `text` differ, with their context. A predicted boundary
 * within `slack` characters of a missed gold one is one "shifted" error (e.g. a closing quote put on the
 * wrong side), not two.
 */
export function boundaryErrors(
  text: string,
  gold: readonly Span[],
  predicted: readonly Span[],
  slack = 3,
): BoundaryError[] {
  const key = (g: Span) => `${g.start}-${g.end}`;
  const g = boundaries(gold);
  const p = boundaries(predicted);
  const pKeys = new Set(p.map(key));
  const gKeys = new Set(g.map(key));
  const missed = g.filter((b) => !pKeys.has(key(b)));
  const spurious = p.filter((b) => !gKeys.has(key(b)));
  const out: BoundaryError[] = [];
  const used = new Set<Span>();
  for (const m of missed) {
    const near = spurious.find((s) => !used.has(s) && Math.abs(s.start - m.start) <= slack);
    if (near) {
      used.add(near);
      out.push({ kind: "shifted", gap: m, context: boundaryContext(text, m) });
    } else out.push({ kind: "missed", gap: m, context: boundaryContext(text, m) });
  }
  for (const s of spurious)
    if (!used.has(s)) out.push({ kind: "spurious", gap: s, context: boundaryContext(text, s) });
  return out.sort((a, b) => a.gap.start - b.gap.start);
}

/** Counts of items by a class name, largest first (ties by name). */
export function countBy<T>(items: readonly T[], classOf: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(classOf(item), (counts.get(classOf(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
