/**
 * Sentence alignment of an Arabic document with its English translation.
 *
 * Dynamic programming over beads of up to three sentences a side (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0,
 * 0-1), in the manner of Gale & Church (1993) with hunalign-style lexical anchors:
 * - a length model: English length ≈ C · Arabic length with variance S² per Arabic character;
 * - anchors both sides share (align-features.ts): numbers in digits or words, Gregorian and Hijri dates,
 *   Latin tokens, punctuation and Q&A labels, glossary term pairs, proper names by transliteration, and
 *   words of a lexicon learned from the memory's approved segments when one is given;
 * - paragraph breaks, when known (`options.paragraphs`, or `alignTexts` on whole texts);
 * - conventional additions and omissions (the basmala, "Check against delivery", a note in parentheses)
 *   are cheaper to leave unpaired.
 * Costs are in align-model.ts, the banded search in align-dp.ts. Each bead's score is its posterior
 * probability (forward–backward at the calibrated temperature), in [0, 1]: docs/quality.md gives the share
 * of right beads per score band.
 */

import { alignBanded } from "./align-dp";
import { documentFeatures } from "./align-features";
import type { AlignLexicon } from "./align-lexicon";
import { ALIGN_MODEL, type AlignModel, prepareSides } from "./align-model";
import { softLineBreaks } from "./line-wrap";
import { type Sentence, segmentSentences } from "./segment";
import { buildTermMatcher, type TermEntryInput, type TermMatcher } from "./terms";

export { alignmentLength } from "./align-features";
export { canonicalNumber } from "./number-words";

export interface AlignedBead {
  /** Indices of the Arabic sentences in this bead (0–3, consecutive). */
  ar: number[];
  /** Indices of the English sentences in this bead (0–3, consecutive). */
  en: number[];
  /** Posterior probability of this bead given both documents, in [0, 1] (calibrated: docs/quality.md). */
  score: number;
}

export interface AlignOptions {
  /** Glossary matcher: term pairs found on both sides anchor the alignment. */
  matcher?: TermMatcher;
  /** Glossary entries to build a matcher from when `matcher` is not given. */
  entries?: readonly TermEntryInput[];
  /** Word pairs learned from the memory's approved segments (align-lexicon.ts); optional. */
  lexicon?: AlignLexicon;
  /**
   * Paragraph number of every sentence on each side (non-decreasing; see `paragraphNumbers`). Translations
   * keep paragraphs, so beads that straddle a paragraph break, or are out of step with the paragraphs of
   * both sides, cost more — the soft form of Gale & Church's aligning paragraphs before sentences.
   */
  paragraphs?: { ar: readonly number[]; en: readonly number[] };
  /** Initial half-width of the search band, in sentences (default: grows with the document). */
  band?: number;
  /** Model parameters (tests and tuning only; default ALIGN_MODEL). */
  model?: AlignModel;
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

export function alignSentences(
  ar: readonly string[],
  en: readonly string[],
  options: AlignOptions = {},
): AlignedBead[] {
  if (ar.length === 0) return en.map((_, j) => ({ ar: [], en: [j], score: 1 }));
  if (en.length === 0) return ar.map((_, i) => ({ ar: [i], en: [], score: 1 }));
  const matcher = options.matcher ?? (options.entries ? buildTermMatcher(options.entries) : undefined);
  const features = documentFeatures(ar, en, { matcher, lexicon: options.lexicon });
  const sides = prepareSides(features, options.model ?? ALIGN_MODEL, options.paragraphs);
  return alignBanded(sides, options.band).map((b) => ({ ar: b.ar, en: b.en, score: b.score }));
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
