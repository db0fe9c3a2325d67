import { describe, expect, it } from "vitest";
import { buildTermMatcher, recognizeTerms } from "../../src/text/terms";
import type { TermMatcher } from "../../src/text/terms-matcher";
import { boundHitRejected } from "../../src/text/terms-owner";
import { resolveHits } from "../../src/text/terms-resolve";
import { bindVisitors, collectHits } from "../../src/text/terms-scan";
import { TermScratch } from "../../src/text/terms-scratch";
import { scanTokens } from "../../src/text/tokenize";
import type { Lang } from "../../src/types";
import { randomInt, rng } from "../support/random";
import { randomGlossary, randomText } from "./random-glossary";
import { type RawHit, resolveReference } from "./terms-reference";

// The fast resolver (typed arrays, counting sort, group ids) against the slow, obvious one of
// terms-reference.ts, on seeded random glossaries and texts over a small vocabulary, so that terms nest,
// overlap, share spans and meet the context rules (names, particles, من … أن, verbal nouns) often.

const scratch = new TermScratch();
bindVisitors(scratch);

function rawHits(sc: TermScratch): RawHit[] {
  return Array.from({ length: sc.rawCount }, (_, i) => ({
    start: sc.rawStart[i] as number,
    end: sc.rawEnd[i] as number,
    record: sc.rawRecord[i] as number,
  }));
}

function compare(matcher: TermMatcher, text: string, lang: Lang) {
  const scan = collectHits(scratch, matcher, text, lang);
  if (scan === null) return { fast: [], slow: [], raw: 0, rejected: 0 };
  const raw = rawHits(scratch);
  const view = {
    start: raw.map((h) => h.start),
    end: raw.map((h) => h.end),
    record: raw.map((h) => h.record),
    count: raw.length,
  };
  const rejected = raw.filter((h) =>
    boundHitRejected(matcher, text, scan, view, h.start, h.end, h.record),
  ).length;
  const fast = raw.length === 0 ? [] : resolveHits(scratch, matcher, text, scan);
  return { fast, slow: resolveReference(matcher, text, scan, raw), raw: raw.length, rejected };
}

describe("term resolution: fast resolver = reference resolver", () => {
  it("on 600 random glossaries and texts (the hits the scan finds)", () => {
    const random = rng(20261127);
    let hits = 0;
    let nested = 0;
    let ownerRejected = 0;
    for (let round = 0; round < 600; round++) {
      const glossary = randomGlossary(random);
      const matcher = buildTermMatcher(glossary);
      for (const lang of ["ar", "en"] as const) {
        const text = randomText(random, lang, glossary);
        const { fast, slow, raw, rejected } = compare(matcher, text, lang);
        ownerRejected += rejected;
        expect(fast, `round ${round} ${lang}: ${JSON.stringify(text)}`).toEqual(slow);
        // recognizeTerms is collectHits + resolveHits.
        expect(recognizeTerms(matcher, text, lang)).toEqual(slow);
        hits += raw;
        nested += slow.filter((m) => m.nestedIn !== null).length;
      }
    }
    // The generator must exercise what it is meant to: many hits, nesting.
    console.log(`random resolution: ${hits} raw hits, ${nested} nested, ${ownerRejected} owner-rejected`);
    expect(hits).toBeGreaterThan(5000);
    expect(nested).toBeGreaterThan(500);
    expect(ownerRejected).toBeGreaterThan(50);
  }, 60_000);

  it("on 2,000 sets of arbitrary raw hits (any spans, any records, names included)", () => {
    const random = rng(7);
    for (let round = 0; round < 2000; round++) {
      const glossary = randomGlossary(random);
      const matcher = buildTermMatcher(glossary);
      const lang: Lang = random() < 0.7 ? "ar" : "en";
      const text = randomText(random, lang, glossary);
      const scan = scanTokens(text, scratch.textScan);
      const hits: RawHit[] = [];
      for (let n = randomInt(random, 40); n > 0; n--) {
        const start = randomInt(random, scan.count);
        const end = Math.min(scan.count - 1, start + randomInt(random, 4));
        hits.push({ start, end, record: randomInt(random, matcher.records.length) });
      }
      hits.sort((a, b) => a.start - b.start); // the scan's order: by start token (stable)
      scratch.rawCount = 0;
      for (const h of hits) scratch.addRaw(h.start, h.end, h.record);
      const fast = hits.length === 0 ? [] : resolveHits(scratch, matcher, text, scan);
      expect(fast, `round ${round}: ${JSON.stringify(text)} ${JSON.stringify(hits)}`).toEqual(
        resolveReference(matcher, text, scan, hits),
      );
    }
  }, 60_000);
});
