import { describe, expect, it } from "vitest";
import {
  candidateBounds,
  fuzzyScore,
  indexTerms,
  phraseSpans,
  prefixLength,
  prepareQuery,
  scoreCandidate,
  tmTokens,
  wordDiff,
} from "../../src/text/fuzzy";
import { normalizeForSearch } from "../../src/text/normalize";
import { rng } from "../support/random";

const score = (a: string, b: string) => fuzzyScore(normalizeForSearch(a), normalizeForSearch(b));

// Expected values from docs/tm.md: weights word 10, number 3, punctuation 2 (tenths);
// score = ⌊100·(W − D)/W⌋, W = max(Wq, Wm).
describe("fuzzy score (hand-checked)", () => {
  it("is 100 for texts equal after normalisation (diacritics, hamza, tatweel, spacing)", () => {
    expect(score("قَالَ الوزيـــر إنّ", "قال  الوزير ان")).toBe(100);
    expect(score("The Council", "the  council")).toBe(100);
  });

  it("costs a replaced word 10 of W", () => {
    // 6 words each: W = 60, D = 10 → ⌊100·50/60⌋ = 83
    expect(score("أكد الوزير أهمية التعاون بين البلدين", "أكد الوزير أهمية الشراكة بين البلدين")).toBe(83);
    // 10 words: W = 100, D = 10 → 90
    expect(score("a b c d e f g h i j", "a b c d e f g h i k")).toBe(90);
  });

  it("costs an inserted word its weight against the longer text", () => {
    // q: 5 words (50), m: 6 words (60), D = 10 → ⌊100·50/60⌋ = 83
    expect(
      score("the council adopted the resolution", "the council unanimously adopted the resolution"),
    ).toBe(83);
  });

  it("counts a different number only slightly", () => {
    // resolution(10) 2334(3) was(10) adopted(10) in(10) 2016(3) .(2) → W = 48; D = 3 → ⌊100·45/48⌋ = 93
    expect(score("Resolution 2334 was adopted in 2016.", "Resolution 2335 was adopted in 2016.")).toBe(93);
    // Arabic-Indic digits are the same numbers: 100
    expect(score("القرار ٢٣٣٤", "القرار 2334")).toBe(100);
  });

  it("counts punctuation only slightly", () => {
    // Wq = 40, Wm = 42 (a full stop), D = 2 → ⌊100·40/42⌋ = 95
    expect(score("The Council met today", "The Council met today.")).toBe(95);
    // Arabic comma vs Latin comma fold to the same token: 100
    expect(score("أولا، ثانيا", "أولا, ثانيا")).toBe(100);
    // a replaced punctuation mark: W = 22 each, D = 2 → ⌊100·20/22⌋ = 90
    expect(score("yes no.", "yes no!")).toBe(90);
  });

  it("is 0 for unrelated texts and never negative", () => {
    expect(score("a b c", "x y z")).toBe(0);
    expect(score("a", "x y z w v")).toBe(0);
  });
});

describe("tokens and index terms", () => {
  it("splits leading and trailing punctuation, keeps inner marks", () => {
    const toks = tmTokens(normalizeForSearch("«U.N.'s» budget: 5,000.5 (2016)، تم."));
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'punct:"',
      "word:u.n.'s",
      'punct:"',
      "word:budget",
      "punct::",
      "number:5,000.5",
      "punct:(",
      "number:2016",
      "punct:)",
      "punct:,",
      "word:تم",
      "punct:.",
    ]);
    expect(indexTerms(normalizeForSearch("The Council, the council."))).toEqual([
      "the",
      "council",
      "the",
      "council",
    ]);
  });
});

describe("diff", () => {
  it("marks replaced, inserted and deleted words with the texts as written", () => {
    expect(
      wordDiff("The Security Council adopted resolution 2334.", "The Council adopted resolution 2335"),
    ).toEqual([
      { op: "equal", query: "The", match: "The" },
      { op: "insert", query: "Security" },
      { op: "equal", query: "Council adopted resolution", match: "Council adopted resolution" },
      { op: "replace", query: "2334", match: "2335" },
      { op: "insert", query: "." },
    ]);
    const d = wordDiff("أكد الوزير أهمية التعاون", "أكَّد الوزير على أهمية التعاون");
    expect(d).toEqual([
      { op: "equal", query: "أكد الوزير", match: "أكَّد الوزير" },
      { op: "delete", match: "على" },
      { op: "equal", query: "أهمية التعاون", match: "أهمية التعاون" },
    ]);
  });
});

describe("phrase spans", () => {
  it("finds whole words in order, across punctuation, not inside words", () => {
    const norm = normalizeForSearch("Peace, and security; peacekeeping and security.");
    expect(phraseSpans(norm, ["peace", "and", "security"]).map((s) => norm.slice(s.start, s.end))).toEqual([
      "peace, and security",
    ]);
    expect(phraseSpans(norm, ["and", "security"])).toHaveLength(2);
  });
});

// Deterministic pseudo-random texts over a small vocabulary (with numbers and punctuation), so that many
// pairs are close: every pair scoring ≥ minScore must pass the retrieval filters (no false negatives).

describe("candidate filters never drop a qualifying match", () => {
  it("length window, count filter and prefix hold for 8,000 random close pairs", () => {
    const rnd = rng(7);
    const vocab = [
      "the",
      "council",
      "peace",
      "security",
      "of",
      "and",
      "12",
      "2016",
      ",",
      ".",
      "(",
      ")",
      "un",
    ];
    const pick = () => vocab[Math.floor(rnd() * vocab.length)] as string;
    const sentence = () => Array.from({ length: 1 + Math.floor(rnd() * 14) }, pick).join(" ");
    const mutate = (s: string) => {
      const words = s.split(" ");
      const edits = Math.floor(rnd() * 4);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rnd() * (words.length + 1));
        const r = rnd();
        if (r < 0.33) words.splice(at, 0, pick());
        else if (r < 0.66) words.splice(at, 1);
        else words[at] = pick();
      }
      return words.join(" ");
    };
    let checked = 0;
    for (let k = 0; k < 8_000; k++) {
      const q = normalizeForSearch(sentence());
      const m = normalizeForSearch(mutate(q));
      const minScore = [50, 70, 85, 95][k % 4] as number;
      const pq = prepareQuery(q);
      const s = scoreCandidate(pq, m, minScore);
      if (!s) continue;
      checked++;
      const pm = prepareQuery(m);
      const b = candidateBounds(pq, minScore);
      expect(pm.words >= b.minWords && pm.words <= b.maxWords, `${q} | ${m}`).toBe(true);
      let common = 0;
      for (const [w, c] of pq.wordCounts) common += Math.min(c, pm.wordCounts.get(w) ?? 0);
      expect(common + 1e-9 >= Math.max(pq.words, pm.words) - b.wordSlack, `${q} | ${m}`).toBe(true);
      // Any order of the query's words (here: alphabetical) works as "rarest first" for the prefix rule.
      const ordered = [...pq.wordCounts.entries()].sort().map(([word, count]) => ({ word, count }));
      const prefix = ordered.slice(0, prefixLength(ordered, b.wordSlack));
      if (pq.words > 0 && common > 0)
        expect(
          prefix.some((t) => pm.wordCounts.has(t.word)),
          `${q} | ${m}`,
        ).toBe(true);
      expect(s.score).toBe(fuzzyScore(q, m));
    }
    expect(checked).toBeGreaterThan(800);
  });
});
