/**
 * What the review page shows of a bead besides its text: the glossary terms recognised in each language
 * (underlined) and the QA issues (src/text/qa.ts, given those same matches: one recognition per language).
 * Computed once per segment pair and glossary version, then kept: a review page is reloaded after every
 * operation, and recognising both languages of 200 beads on each load was most of the page's time.
 */
import type { GlossaryIndex } from "../../db/matcher";
import { checkSegmentPair, type QaIssue } from "../../text/qa";
import { recognizeTerms, type TermMatch, type TermMatcher } from "../../text/terms";
import type { Segment, TermStatus } from "../../types";

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

/** Most analyses kept per glossary version (a few long documents' worth; each is a few hundred bytes). */
const MAX_CACHED = 20_000;
// Keyed by the matcher: an analysis reads the glossary only through it and through the entries' ids and
// terms (QA's QaEntry), which are the matcher's input (src/db/matcher.ts builds a new matcher whenever that
// input changes, and keeps the old one only when it is equal). So analyses made with an older glossary are
// never served, survive an edit of a definition or a note, and are collected with their matcher.
const caches = new WeakMap<TermMatcher, Map<string, RowAnalysis>>();

const keyOf = (s: Pick<Segment, "ar" | "en" | "arCodes" | "enCodes">) =>
  s.arCodes.length || s.enCodes.length
    ? `${s.ar}\u0000${s.en ?? "\u0001"}\u0000${JSON.stringify([s.arCodes, s.enCodes])}`
    : `${s.ar}\u0000${s.en ?? "\u0001"}`;

/** Terms and QA of one bead, computed or taken from the cache of this glossary version. */
export function analyseRow(
  index: GlossaryIndex,
  s: Pick<Segment, "ar" | "en" | "arCodes" | "enCodes">,
): RowAnalysis {
  let cache = caches.get(index.matcher);
  if (!cache) {
    cache = new Map();
    caches.set(index.matcher, cache);
  }
  const key = keyOf(s);
  const hit = cache.get(key);
  if (hit) return hit;
  const arMatches = s.ar === "" ? [] : recognizeTerms(index.matcher, s.ar, "ar");
  const enMatches = s.en === null ? [] : recognizeTerms(index.matcher, s.en, "en");
  const codes = s.arCodes.length || s.enCodes.length ? { ar: s.arCodes, en: s.enCodes } : undefined;
  const analysis: RowAnalysis = {
    ar: termSpans(arMatches),
    en: termSpans(enMatches),
    // An English addition (no Arabic) has nothing to check against; a missing English is the QA's own issue.
    qa:
      s.ar === "" || s.en === null
        ? []
        : checkSegmentPair(s.ar, s.en, index, codes, { ar: arMatches, en: enMatches }),
  };
  if (cache.size >= MAX_CACHED) {
    // Oldest first (a Map keeps insertion order): drop a tenth at once rather than one per insert.
    let drop = MAX_CACHED / 10;
    for (const k of cache.keys()) {
      cache.delete(k);
      if (--drop === 0) break;
    }
  }
  cache.set(key, analysis);
  return analysis;
}
