import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  type AlignedBead,
  alignSentences,
  alignTexts,
  canonicalNumber,
  paragraphNumbers,
} from "../../src/text/align";
import { segmentSentences } from "../../src/text/segment";
import { loadSeedGlossary } from "../fixtures/glossary";
import { rng } from "../support/random";

const AR_WORDS = [
  "وقال",
  "الوزير",
  "إن",
  "التعاون",
  "بين",
  "البلدين",
  "يشهد",
  "تطورا",
  "ملحوظا",
  "في",
  "مجالات",
  "عدة",
];
const EN_WORDS = [
  "The",
  "minister",
  "said",
  "that",
  "cooperation",
  "between",
  "the",
  "two",
  "countries",
  "has",
  "grown",
];

function filler(words: string[], chars: number, rnd: () => number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = words[Math.floor(rnd() * words.length)] as string;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(" ");
}

/** A parallel pair of sentences of about `chars` Arabic characters, anchored by the number `k`. */
function pair(k: number, chars: number, rnd: () => number): [string, string] {
  const arDigits = String(k).replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  return [
    `${filler(AR_WORDS, chars, rnd)} ${k % 2 ? arDigits : String(k)}.`,
    `${filler(EN_WORDS, chars * 1.29, rnd)} ${k}.`,
  ];
}

function key(b: { ar: number[]; en: number[] }): string {
  return `${b.ar.join(",")}:${b.en.join(",")}`;
}

/** Beads must cover 0..n-1 and 0..m-1 exactly once, in order, with consecutive indices and valid types. */
function expectWellFormed(beads: AlignedBead[], n: number, m: number): void {
  const ar = beads.flatMap((b) => b.ar);
  const en = beads.flatMap((b) => b.en);
  expect(ar).toEqual(Array.from({ length: n }, (_, i) => i));
  expect(en).toEqual(Array.from({ length: m }, (_, j) => j));
  for (const b of beads) {
    expect(b.ar.length + b.en.length).toBeGreaterThan(0);
    expect(b.ar.length).toBeLessThanOrEqual(3);
    expect(b.en.length).toBeLessThanOrEqual(3);
    expect(b.score).toBeGreaterThanOrEqual(0);
    expect(b.score).toBeLessThanOrEqual(1);
  }
}

describe("alignSentences", () => {
  it("aligns a parallel text 1-1 with confident scores", () => {
    const rnd = rng(1);
    const pairs = [40, 120, 60, 200, 35, 90].map((c, k) => pair(k + 1, c, rnd));
    const beads = alignSentences(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    expect(beads.map(key)).toEqual(["0:0", "1:1", "2:2", "3:3", "4:4", "5:5"]);
    for (const b of beads) expect(b.score).toBeGreaterThan(0.8);
  });

  it("finds 1-2 and 2-1 beads from lengths and shared numbers", () => {
    const rnd = rng(2);
    const [a0, e0] = pair(11, 80, rnd);
    const [a1] = pair(12, 150, rnd);
    const [a2, e2] = pair(13, 60, rnd);
    const [a3, e3] = pair(14, 70, rnd);
    const [a4, e4] = pair(15, 90, rnd);
    // English splits a1 in two halves; Arabic a3 + a4 are merged into one English sentence.
    const e1a = `${filler(EN_WORDS, 90, rnd)} 12.`;
    const e1b = `${filler(EN_WORDS, 100, rnd)}.`;
    const e34 = `${e3.slice(0, -1)}, and ${e4}`;
    const beads = alignSentences([a0, a1, a2, a3, a4], [e0, e1a, e1b, e2, e34]);
    expect(beads.map(key)).toEqual(["0:0", "1:1,2", "2:3", "3,4:4"]);
  });

  it("finds a 2-2 bead", () => {
    const rnd = rng(3);
    const [a0, e0] = pair(21, 80, rnd);
    const [a3, e3] = pair(24, 80, rnd);
    // Two Arabic sentences rendered as two English sentences with a different split point.
    const a1 = `${filler(AR_WORDS, 40, rnd)} 22.`;
    const a2 = `${filler(AR_WORDS, 160, rnd)} 23.`;
    const e1 = `${filler(EN_WORDS, 140, rnd)} 22 and 23.`;
    const e2 = `${filler(EN_WORDS, 120, rnd)}.`;
    const beads = alignSentences([a0, a1, a2, a3], [e0, e1, e2, e3]);
    expect(beads.map(key)).toEqual(["0:0", "1,2:1,2", "3:3"]);
  });

  it("finds an untranslated Arabic sentence (1-0) and an added English note (0-1)", () => {
    const rnd = rng(4);
    const ps = [1, 2, 3, 4, 5].map((k) => pair(k * 7, 90, rnd));
    const dropped = `${filler(AR_WORDS, 110, rnd)} ٢٠٢٣ و٤٤.`;
    const note = `${filler(EN_WORDS, 140, rnd)} (2019, 88).`;
    const ar = [ps[0]?.[0], ps[1]?.[0], dropped, ps[2]?.[0], ps[3]?.[0], ps[4]?.[0]] as string[];
    const en = [ps[0]?.[1], ps[1]?.[1], ps[2]?.[1], ps[3]?.[1], note, ps[4]?.[1]] as string[];
    const beads = alignSentences(ar, en);
    expect(beads.map(key)).toEqual(["0:0", "1:1", "2:", "3:2", "4:3", ":4", "5:5"]);
  });

  it("uses glossary term pairs as anchors", () => {
    const glossary = loadSeedGlossary(env.SEED_TSV);
    // Same lengths everywhere: only the term pairs tell which English sentence renders which Arabic one.
    const ar = [
      "وأدان مجلس الأمن الهجوم بشدة.",
      "ورحب الاتحاد الأفريقي بالاتفاق.",
      "وقال صندوق النقد الدولي ذلك.",
    ];
    const en = [
      "The Security Council strongly condemned it.",
      "The African Union welcomed the agreement.",
      "The International Monetary Fund said so.",
    ];
    const withTerms = alignSentences(ar, en, { matcher: glossary.matcher });
    expect(withTerms.map(key)).toEqual(["0:0", "1:1", "2:2"]);
    // Dropping the first Arabic sentence: the terms pull each English sentence to its source.
    const shifted = alignSentences(ar.slice(1), en, { entries: glossary.entries });
    expect(shifted.map(key)).toEqual([":0", "0:1", "1:2"]);
  });

  it("uses paragraph breaks to find an untranslated sentence that lengths alone would absorb", () => {
    const rnd = rng(7);
    const [a0, e0] = pair(1, 90, rnd);
    const [a2, e2] = pair(3, 90, rnd);
    // a1 is long; its translation is split in two (1-2); the short a1b, a paragraph of its own, is dropped.
    const a1 = `${filler(AR_WORDS, 160, rnd)}.`;
    const e1a = `${filler(EN_WORDS, 120, rnd)}.`;
    const e1b = `${filler(EN_WORDS, 110, rnd)}.`;
    const a1b = `${filler(AR_WORDS, 80, rnd)}.`;
    const ar = [a0, a1, a1b, a2];
    const en = [e0, e1a, e1b, e2];
    const paragraphs = { ar: [0, 1, 2, 3], en: [0, 1, 1, 2] };
    expect(alignSentences(ar, en, { paragraphs }).map(key)).toEqual(["0:0", "1:1,2", "2:", "3:3"]);
  });

  it("still pairs sentences 1-1 when the translator merged two paragraphs", () => {
    const rnd = rng(8);
    const ps = [1, 2, 3, 4].map((k) => pair(k * 3, 100, rnd));
    const ar = ps.map((p) => p[0]);
    const en = ps.map((p) => p[1]);
    const beads = alignSentences(ar, en, { paragraphs: { ar: [0, 0, 1, 1], en: [0, 0, 0, 0] } });
    expect(beads.map(key)).toEqual(["0:0", "1:1", "2:2", "3:3"]);
  });

  it("numbers paragraphs by the line breaks between sentences", () => {
    const text = "One. Two.\nThree.\n\nFour.";
    const spans = ["One.", "Two.", "Three.", "Four."].map((s) => ({
      start: text.indexOf(s),
      end: text.indexOf(s) + s.length,
    }));
    expect(paragraphNumbers(text, spans)).toEqual([0, 0, 1, 2]);
  });

  it("does not count the soft line breaks of hard-wrapped text as paragraph breaks", () => {
    const lines = [
      "The truce took effect on 19 January and has allowed the",
      "number of trucks crossing each day to rise to about 600.",
      "More than 500,000 displaced persons have returned to the",
      "north since the start of the truce, most of them to find",
      "their homes destroyed.",
      "",
      "Needs and response",
    ];
    const text = lines.join("\n");
    const sentences = segmentSentences(text, "en");
    expect(sentences).toHaveLength(3);
    expect(paragraphNumbers(text, sentences)).toEqual([0, 0, 1]);
  });

  it("aligns whole texts, segmenting them and using their paragraphs", () => {
    const ar =
      "أدان مجلس الأمن الهجوم الذي وقع في 12 آذار/مارس. وطالب بالتحقيق فيه.\n\nوتجدر الإشارة إلى أن هذا البيان صدر بعد مشاورات مغلقة.\n\nوأكد دعمه للبعثة التي تضم 1.200 فرد.";
    const en =
      "The Security Council condemned the attack of 12 March and demanded an investigation.\n\nIt affirmed its support for the Mission, which has 1,200 personnel.";
    const result = alignTexts(ar, en);
    expect(result.ar.map((s) => s.text)).toHaveLength(4);
    expect(result.en.map((s) => s.text)).toHaveLength(2);
    for (const s of [...result.ar, ...result.en]) expect(s.end).toBeGreaterThan(s.start);
    expect(result.beads.map(key)).toEqual(["0,1:0", "2:", "3:1"]);
  });

  it("handles empty sides", () => {
    expect(alignSentences([], [])).toEqual([]);
    expect(alignSentences(["أ.", "ب."], []).map(key)).toEqual(["0:", "1:"]);
    expect(alignSentences([], ["A.", "B.", "C."]).map(key)).toEqual([":0", ":1", ":2"]);
    expect(alignSentences(["جملة واحدة."], ["One sentence."]).map(key)).toEqual(["0:0"]);
  });

  it("covers every sentence of long documents exactly once, in order", () => {
    const rnd = rng(5);
    const ps = Array.from({ length: 500 }, (_, k) => pair(k + 100, 30 + Math.floor(rnd() * 200), rnd));
    // Drop every 37th Arabic sentence from the English, and merge every 53rd English pair.
    const en: string[] = [];
    ps.forEach(([, e], k) => {
      if (k % 37 === 36) return;
      if (k % 53 === 52 && en.length > 0) en[en.length - 1] = `${en[en.length - 1]} ${e}`;
      else en.push(e);
    });
    const ar = ps.map((p) => p[0]);
    const beads = alignSentences(ar, en);
    expectWellFormed(beads, ar.length, en.length);
    const oneToOne = beads.filter((b) => b.ar.length === 1 && b.en.length === 1).length;
    expect(oneToOne).toBeGreaterThan(440);
  });

  it("returns well-formed beads for any shape, band and paragraphing", () => {
    const rnd = rng(9);
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(rnd() * (trial % 20 === 0 ? 120 : 9));
      const m = Math.floor(rnd() * (trial % 20 === 0 ? 120 : 9));
      const ar = Array.from(
        { length: n },
        (_, k) => `${filler(AR_WORDS, rnd() * 150, rnd)} ${k % 3 ? "" : k}`,
      );
      const en = Array.from(
        { length: m },
        (_, k) => `${filler(EN_WORDS, rnd() * 200, rnd)} ${k % 4 ? "" : k}`,
      );
      const paragraphs =
        trial % 2
          ? { ar: ar.map((_, i) => Math.floor(i / 3)), en: en.map((_, j) => Math.floor(j / 2)) }
          : undefined;
      const beads = alignSentences(ar, en, { paragraphs, band: trial % 3 === 0 ? 1 : undefined });
      expectWellFormed(beads, n, m);
    }
  });

  it("widens the band when the translation drifts far from the diagonal", () => {
    const rnd = rng(6);
    const ps = Array.from({ length: 200 }, (_, k) => pair(k + 1000, 40 + Math.floor(rnd() * 120), rnd));
    // The English lacks the first 40 Arabic sentences.
    const ar = ps.map((p) => p[0]);
    const en = ps.slice(40).map((p) => p[1]);
    const beads = alignSentences(ar, en, { band: 5 });
    expectWellFormed(beads, ar.length, en.length);
    const matched = beads.filter((b) => b.ar.length === 1 && b.en.length === 1);
    expect(matched.length).toBeGreaterThan(150);
    for (const b of matched) expect((b.ar[0] as number) - (b.en[0] as number)).toBe(40);
  });
});

describe("canonicalNumber", () => {
  it("reads separators and digit systems", () => {
    expect(canonicalNumber("1,200")).toBe("1200");
    expect(canonicalNumber("1.200")).toBe("1200");
    expect(canonicalNumber("١٬٢٠٠")).toBe("1200");
    expect(canonicalNumber("3.5")).toBe("3.5");
    expect(canonicalNumber("٣٫٥")).toBe("3.5");
    expect(canonicalNumber("۱۲")).toBe("12");
    expect(canonicalNumber("1,234,567.50")).toBe("1234567.5");
    expect(canonicalNumber("2025")).toBe("2025");
  });
});
