import type { SegmentStatus } from "../types";

export interface AlignedPair {
  ar: string;
  en: string | null;
  score: number;
  status: SegmentStatus;
}

export interface BeadCounts {
  "1-1": number;
  "1-2": number;
  "2-1": number;
  "2-2": number;
  "1-3": number;
  "3-1": number;
  "1-0": number;
  "0-1": number;
}

/**
 * Beads below this confidence are stored as `new`, so a reviewer looks at them. The bead score is a
 * calibrated posterior (docs/quality.md, "Alignment confidence"): on the tuning half of evaluation set 2
 * and the first set, beads scored ≥ 0.9 were right 98.6 % of the time, so review goes to the rest.
 */
export const LOW_CONFIDENCE = 0.9;

/**
 * Turns alignment beads into translation units. A segment needs Arabic, so the English of a 0-1 bead (a
 * sentence with no Arabic counterpart) is attached to the neighbouring unit — the previous one, else the
 * next — and that unit is marked `new` for review instead of being dropped silently.
 */
export function pairsFromBeads(
  beads: readonly { ar: readonly number[]; en: readonly number[]; score: number }[],
  arSentences: readonly string[],
  enSentences: readonly string[],
): { pairs: AlignedPair[]; counts: BeadCounts } {
  const counts: BeadCounts = {
    "1-1": 0,
    "1-2": 0,
    "2-1": 0,
    "2-2": 0,
    "1-3": 0,
    "3-1": 0,
    "1-0": 0,
    "0-1": 0,
  };
  const pairs: AlignedPair[] = [];
  let pendingEnglish: string[] = [];
  for (const bead of beads) {
    const kind = `${bead.ar.length}-${bead.en.length}` as keyof BeadCounts;
    if (kind in counts) counts[kind]++;
    const en = bead.en.map((j) => enSentences[j] ?? "").join(" ");
    if (bead.ar.length === 0) {
      const previous = pairs[pairs.length - 1];
      if (previous) {
        previous.en = previous.en ? `${previous.en} ${en}` : en;
        previous.status = "new";
      } else {
        pendingEnglish.push(en);
      }
      continue;
    }
    const ar = bead.ar.map((i) => arSentences[i] ?? "").join(" ");
    const english = [...pendingEnglish, ...(en ? [en] : [])].join(" ");
    const reviewed = pendingEnglish.length > 0 || bead.score < LOW_CONFIDENCE || english === "";
    pendingEnglish = [];
    pairs.push({ ar, en: english || null, score: bead.score, status: reviewed ? "new" : "translated" });
  }
  return { pairs, counts };
}
