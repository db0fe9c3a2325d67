/**
 * What the review page shows of a bead besides its text: the glossary terms recognised in each language
 * (underlined) and the QA issues (qa.ts, given those same matches: one recognition per language).
 *
 * Its results are stored in D1 (src/db/segment-analyses.ts) under a key that includes ANALYSIS_ENGINE
 * (analysis-engine.ts), a hash of this module's sources and of every module it imports at run time:
 * test/node/analysis-engine.test.ts fails, naming the new value, whenever they change without it, so a
 * deploy never serves analyses an older engine made. (Keep what is not the analysis out of this module and
 * its imports: any change there asks for a new value, and every stored analysis is then made again.)
 */
import type { Segment, TermStatus } from "../types";
import { checkSegmentPair, type QaContext, type QaIssue } from "./qa";
import { recognizeTerms, type TermMatch } from "./terms";

/** A term to underline: a span of the text (UTF-16 offsets), the entry it belongs to, the term's status. */
export interface TermSpan {
  start: number;
  end: number;
  entryId: number;
  status: TermStatus;
}

export interface RowAnalysis {
  ar: TermSpan[];
  en: TermSpan[];
  qa: QaIssue[];
}

/** What an analysis reads of a bead: its two texts and their inline codes, nothing else. */
export type BeadTexts = Pick<Segment, "ar" | "en" | "arCodes" | "enCodes">;

/**
 * The spans to underline: primary hits only (a term nested in a longer one is part of it), one per span
 * (two entries listing the same term are alternative readings: the first is shown), none overlapping.
 */
export function termSpans(matches: readonly TermMatch[]): TermSpan[] {
  const spans: TermSpan[] = [];
  let end = -1;
  const primary = matches
    .filter((m) => m.nestedIn === null)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const m of primary) {
    if (m.start < end) continue;
    spans.push({ start: m.start, end: m.end, entryId: m.entryId, status: m.status });
    end = m.end;
  }
  return spans;
}

/** Terms and QA of one bead against a glossary (its matcher and its entries' ids and terms). */
export function analyseBead(glossary: QaContext, s: BeadTexts): RowAnalysis {
  const arMatches = s.ar === "" ? [] : recognizeTerms(glossary.matcher, s.ar, "ar");
  const enMatches = s.en === null ? [] : recognizeTerms(glossary.matcher, s.en, "en");
  const codes = s.arCodes.length || s.enCodes.length ? { ar: s.arCodes, en: s.enCodes } : undefined;
  return {
    ar: termSpans(arMatches),
    en: termSpans(enMatches),
    // An English addition (no Arabic) has nothing to check against; a missing English is the QA's own issue.
    qa:
      s.ar === "" || s.en === null
        ? []
        : checkSegmentPair(s.ar, s.en, glossary, codes, { ar: arMatches, en: enMatches }),
  };
}
