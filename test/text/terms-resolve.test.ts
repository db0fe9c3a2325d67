import { describe, expect, it } from "vitest";
import { buildTermMatcher, recognizeTerms, type TermEntryInput } from "../../src/text/terms";
import type { TermMatcher } from "../../src/text/terms-matcher";
import { boundHitRejected } from "../../src/text/terms-owner";
import { resolveHits } from "../../src/text/terms-resolve";
import { bindVisitors, collectHits } from "../../src/text/terms-scan";
import { TermScratch } from "../../src/text/terms-scratch";
import { scanTokens } from "../../src/text/tokenize";
import type { Lang, TermStatus } from "../../src/types";
import { pick, randomInt, rng } from "../support/random";
import { type RawHit, resolveReference } from "./terms-reference";

// The fast resolver (typed arrays, counting sort, group ids) against the slow, obvious one of
// terms-reference.ts, on seeded random glossaries and texts over a small vocabulary, so that terms nest,
// overlap, share spans and meet the context rules (names, particles, من … أن, verbal nouns) often.

const AR_WORDS = [
  "مجلس",
  "الأمن",
  "والأمن",
  "الوطني",
  "مستشار",
  "ومستشاري",
  "الأمم",
  "للأمم",
  "المتحدة",
  "الولايات",
  "المملكة",
  "حقوق",
  "الإنسان",
  "إعلان",
  "بإعلان",
  "مشترك",
  "توافق",
  "التوافق",
  "لم",
  "من",
  "ومن",
  "المقرر",
  "أن",
  "الخاص",
  "وزير",
  "وزيرة",
  "الخارجية",
  "التعاون",
  "الدولي",
  "الرئيس",
  "رئيس",
  "الصيني",
  "فخامة",
  "الجمهورية",
  "مصر",
  "لمصر",
  "الأمانة",
  "العامة",
];
const EN_WORDS = [
  "human",
  "rights",
  "council",
  "Council",
  "Security",
  "United",
  "Nations",
  "UN",
  "the",
  "of",
  "permanent",
  "members",
  "non",
  "G",
  "20",
  "adviser",
  "Secretariat",
  "Russian",
  "GCC",
];
const SEPARATORS = [" ", " ", " ", " ", " ", "-", ", ", ". ", "\n"];
const STATUSES: TermStatus[] = ["preferred", "admitted", "deprecated", "forbidden"];
// Owners (terms-owner.ts): organisations and places, and entries that are neither.
const DOMAINS = ["international organisations", "geography", "titles and offices", undefined];

function phrase(random: () => number, words: readonly string[], max: number): string {
  const n = 1 + randomInt(random, max);
  return Array.from({ length: n }, () => pick(random, words)).join(" ");
}

function randomGlossary(random: () => number): TermEntryInput[] {
  const made: { lang: Lang; text: string }[] = [];
  const entries: TermEntryInput[] = [];
  const count = 5 + randomInt(random, 25);
  for (let id = 1; id <= count; id++) {
    const terms = [];
    const seen = new Set<string>();
    for (let k = 1 + randomInt(random, 3); k > 0; k--) {
      const lang: Lang = random() < 0.7 ? "ar" : "en";
      const before = made.filter((s) => s.lang === lang);
      let text = phrase(random, lang === "ar" ? AR_WORDS : EN_WORDS, 4);
      if (before.length > 0 && random() < 0.4) {
        // A term of another entry (two entries on one span), or a part of one (nesting).
        const words = pick(random, before).text.split(" ");
        const from = randomInt(random, words.length);
        text =
          random() < 0.3 ? words.join(" ") : words.slice(from, from + 1 + randomInt(random, 2)).join(" ");
      }
      if (seen.has(`${lang}:${text}`)) continue;
      seen.add(`${lang}:${text}`);
      made.push({ lang, text });
      terms.push({ lang, text, status: pick(random, STATUSES) });
      if (random() < 0.3) {
        // The same term with its owner spelt out: the shorter one is owner-bound.
        const words = lang === "ar" ? AR_WORDS : EN_WORDS;
        const q = phrase(random, words, 2);
        const longer = lang === "ar" || random() < 0.5 ? `${text} ${q}` : `${q} ${text}`;
        if (!seen.has(`${lang}:${longer}`)) {
          seen.add(`${lang}:${longer}`);
          terms.push({ lang, text: longer, status: pick(random, STATUSES) });
        }
      }
    }
    const domain = pick(random, DOMAINS);
    entries.push(domain === undefined ? { id, terms } : { id, terms, domain });
  }
  return entries;
}

/** Words of the vocabulary and, now and then, whole terms of the glossary, with random separators. */
function randomText(random: () => number, lang: Lang, glossary: readonly TermEntryInput[]): string {
  const words = lang === "ar" ? AR_WORDS : EN_WORDS;
  const terms = glossary.flatMap((e) => e.terms.filter((t) => t.lang === lang).map((t) => t.text));
  let text = "";
  for (let n = 3 + randomInt(random, 25); n > 0; n--) {
    const piece = terms.length > 0 && random() < 0.3 ? pick(random, terms) : pick(random, words);
    text += piece + pick(random, SEPARATORS);
  }
  return text;
}

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
