import type { SegmentStatus } from "../types";
import { alignSentences, alignTexts } from "./align";
import type { AlignLexicon } from "./align-lexicon";
import { type Side, sidesOfGroups } from "./bead-edit";
import { type Sentence, segmentSentences } from "./segment";
import type { TermMatcher } from "./terms";

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

/** A translation unit of an aligned document: the sentence indices of each side, and how it is stored. */
export interface BeadGroup {
  ar: number[];
  en: number[];
  score: number;
  status: SegmentStatus;
}

/**
 * Turns alignment beads into translation units. A segment needs Arabic, so the English of a 0-1 bead (a
 * sentence with no Arabic counterpart) is attached to the neighbouring unit — the previous one, else the
 * next — and that unit is marked `new` for review instead of being dropped silently.
 */
export function groupsFromBeads(
  beads: readonly { ar: readonly number[]; en: readonly number[]; score: number }[],
): {
  groups: BeadGroup[];
  counts: BeadCounts;
} {
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
  const groups: BeadGroup[] = [];
  let pendingEnglish: number[] = [];
  for (const bead of beads) {
    const kind = `${bead.ar.length}-${bead.en.length}` as keyof BeadCounts;
    if (kind in counts) counts[kind]++;
    if (bead.ar.length === 0) {
      const previous = groups[groups.length - 1];
      if (previous) {
        previous.en.push(...bead.en);
        previous.status = "new";
      } else {
        pendingEnglish.push(...bead.en);
      }
      continue;
    }
    const en = [...pendingEnglish, ...bead.en];
    const reviewed = pendingEnglish.length > 0 || bead.score < LOW_CONFIDENCE || en.length === 0;
    pendingEnglish = [];
    groups.push({ ar: [...bead.ar], en, score: bead.score, status: reviewed ? "new" : "translated" });
  }
  // English with no Arabic at all (a re-aligned run of English additions) stays a unit of its own.
  if (pendingEnglish.length > 0) groups.push({ ar: [], en: pendingEnglish, score: 0, status: "new" });
  return { groups, counts };
}

export interface AlignedSegment {
  ar: Side;
  en: Side;
  score: number;
  status: SegmentStatus;
}

/**
 * The segments of an aligned document, each side cut from its original text with the whitespace after it
 * (bead-edit.ts: the running text of each language is its input without leading whitespace).
 */
export function segmentsFromBeads(
  ar: { text: string; sentences: readonly Sentence[] },
  en: { text: string; sentences: readonly Sentence[] },
  beads: readonly { ar: readonly number[]; en: readonly number[]; score: number }[],
  keepLeading = false,
): { segments: AlignedSegment[]; counts: BeadCounts } {
  const { groups, counts } = groupsFromBeads(beads);
  const arSides = sidesOfGroups(
    ar.text,
    ar.sentences,
    groups.map((g) => g.ar),
    keepLeading,
  );
  const enSides = sidesOfGroups(
    en.text,
    en.sentences,
    groups.map((g) => g.en),
    keepLeading,
  );
  const segments = groups.map((g, k) => ({
    ar: arSides[k] as Side,
    en: enSides[k] as Side,
    score: g.score,
    status: g.status,
  }));
  return { segments, counts };
}

/**
 * Segments and aligns two texts into translation units (see segmentsFromBeads): document creation, and
 * re-aligning a run of stored segments (`keepLeading`: their running texts are kept whole). Either text
 * may be empty.
 */
export function alignRun(
  ar: string,
  en: string,
  options: { matcher?: TermMatcher; lexicon?: AlignLexicon | undefined; keepLeading?: boolean } = {},
): { segments: AlignedSegment[]; counts: BeadCounts } {
  const both = ar.trim() !== "" && en.trim() !== "";
  const aligned = both
    ? alignTexts(ar, en, {
        matcher: options.matcher,
        ...(options.lexicon ? { lexicon: options.lexicon } : {}),
      })
    : null;
  const arSentences = aligned?.ar ?? segmentSentences(ar, "ar");
  const enSentences = aligned?.en ?? segmentSentences(en, "en");
  const beads =
    aligned?.beads ??
    alignSentences(
      arSentences.map((s) => s.text),
      enSentences.map((s) => s.text),
    );
  return segmentsFromBeads(
    { text: ar, sentences: arSentences },
    { text: en, sentences: enSentences },
    beads,
    options.keepLeading,
  );
}
