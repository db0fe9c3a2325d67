import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { alignSentences, alignTexts, paragraphNumbers } from "../../src/text/align";
import { beadRangeKey, compareByKey, formatPrf, type Prf, pooled } from "../../src/text/eval";
import { segmentSentences } from "../../src/text/segment";
import type { Lang } from "../../src/types";
import {
  EVAL_TEXTS,
  type EvalText,
  type GoldSpan,
  goldTerms,
  locateSentences,
  parseBeads,
  stripMarkup,
} from "../fixtures/eval";
import { SAMPLE_000_AR, SAMPLE_000_SHA256 } from "../fixtures/eval/sample-000.source";
import { loadSeedGlossary, recognizedTerms } from "../fixtures/glossary";

// Accuracy of segmentation, sentence alignment and term recognition on the hand-annotated fixtures
// (docs/quality.md). Run: npx vitest run --project workers test/text/quality.test.ts

const glossary = loadSeedGlossary(env.SEED_TSV);
const LANGS: Lang[] = ["ar", "en"];

interface TextScores {
  id: string;
  segmentation: Record<Lang, Prf>;
  alignGold: Prf;
  alignGoldNoParagraphs: Prf;
  alignEndToEnd: Prf;
  terms: Record<Lang, Prf>;
  notes: string[];
}

const spanKey = (s: GoldSpan) => `${s.start}-${s.end}`;

function scoreText(t: EvalText): TextScores {
  const notes: string[] = [];
  const text: Record<Lang, string> = { ar: t.ar, en: t.en };
  const gold: Record<Lang, string[]> = { ar: t.arGold, en: t.enGold };
  const goldSpans = { ar: locateSentences(t.ar, t.arGold), en: locateSentences(t.en, t.enGold) };

  const predicted = {
    ar: segmentSentences(t.ar, "ar").map((s) => ({ start: s.start, end: s.end })),
    en: segmentSentences(t.en, "en").map((s) => ({ start: s.start, end: s.end })),
  };
  const segmentation = {} as Record<Lang, Prf>;
  for (const lang of LANGS) {
    const c = compareByKey(predicted[lang], goldSpans[lang], spanKey);
    segmentation[lang] = c.score;
    for (const s of c.falseNegatives)
      notes.push(`segment missed ${lang}: ${JSON.stringify(text[lang].slice(s.start, s.end))}`);
    for (const s of c.falsePositives)
      notes.push(`segment wrong ${lang}: ${JSON.stringify(text[lang].slice(s.start, s.end))}`);
  }

  const beadKey = (b: { ar: number[]; en: number[] }) => `${b.ar.join(",")}:${b.en.join(",")}`;
  const goldBeads = parseBeads(t.beads);
  const goldSentences = { ar: t.arGold.map(stripMarkup), en: t.enGold.map(stripMarkup) };
  const onGold = alignSentences(goldSentences.ar, goldSentences.en, {
    matcher: glossary.matcher,
    paragraphs: { ar: paragraphNumbers(t.ar, goldSpans.ar), en: paragraphNumbers(t.en, goldSpans.en) },
  });
  const alignGoldCmp = compareByKey(onGold, goldBeads, beadKey);
  // Without paragraph structure (sentences only), for comparison: not asserted.
  const noParagraphs = alignSentences(goldSentences.ar, goldSentences.en, { matcher: glossary.matcher });
  const noParagraphsCmp = compareByKey(noParagraphs, goldBeads, beadKey);
  for (const b of noParagraphsCmp.falsePositives) notes.push(`bead wrong (no paragraph info): ${beadKey(b)}`);
  for (const b of alignGoldCmp.falsePositives) notes.push(`bead wrong (gold sentences): ${beadKey(b)}`);
  for (const b of alignGoldCmp.falseNegatives) notes.push(`bead missed (gold sentences): ${beadKey(b)}`);

  // End to end: the texts as a caller would pass them (alignTexts segments both and uses paragraphs).
  const endToEnd = alignTexts(t.ar, t.en, { matcher: glossary.matcher });
  const e2e = compareByKey(
    endToEnd.beads.map((b) => beadRangeKey(endToEnd.ar, endToEnd.en, b)),
    goldBeads.map((b) => beadRangeKey(goldSpans.ar, goldSpans.en, b)),
    (k) => k,
  );

  const terms = {} as Record<Lang, Prf>;
  for (const lang of LANGS) {
    const found = recognizedTerms(glossary, text[lang], lang);
    const c = compareByKey(found, goldTerms(text[lang], gold[lang]), (x) => `${x.start}-${x.end}:${x.key}`);
    terms[lang] = c.score;
    for (const x of c.falsePositives)
      notes.push(`term wrong ${lang}: ${x.key} ${JSON.stringify(x.surface)} @${x.start}`);
    for (const x of c.falseNegatives)
      notes.push(`term missed ${lang}: ${x.key} ${JSON.stringify(x.surface)} @${x.start}`);
  }
  return {
    id: t.id,
    segmentation,
    alignGold: alignGoldCmp.score,
    alignGoldNoParagraphs: noParagraphsCmp.score,
    alignEndToEnd: e2e.score,
    terms,
    notes,
  };
}

const results = EVAL_TEXTS.map(scoreText);
const total = {
  segmentation: pooled(results.flatMap((r) => [r.segmentation.ar, r.segmentation.en])),
  alignGold: pooled(results.map((r) => r.alignGold)),
  alignGoldNoParagraphs: pooled(results.map((r) => r.alignGoldNoParagraphs)),
  alignEndToEnd: pooled(results.map((r) => r.alignEndToEnd)),
  terms: pooled(results.flatMap((r) => [r.terms.ar, r.terms.en])),
};

describe("evaluation fixtures", () => {
  it("hold a byte-exact copy of the sample article", async () => {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(SAMPLE_000_AR));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(hex).toBe(SAMPLE_000_SHA256);
  });

  it.each(EVAL_TEXTS.map((t) => [t.id, t] as const))("%s: gold is consistent", (_id, t) => {
    const ar = locateSentences(t.ar, t.arGold);
    const en = locateSentences(t.en, t.enGold);
    const beads = parseBeads(t.beads);
    expect(beads.flatMap((b) => b.ar)).toEqual(ar.map((_, i) => i));
    expect(beads.flatMap((b) => b.en)).toEqual(en.map((_, i) => i));
    for (const [lang, text, marked] of [
      ["ar", t.ar, t.arGold],
      ["en", t.en, t.enGold],
    ] as const) {
      for (const term of goldTerms(text, marked)) {
        expect(text.slice(term.start, term.end), `${t.id} ${lang}`).toBe(term.surface);
        expect(glossary.idOf.has(term.key), `${term.key} is not a key of glossary/diplomatic.tsv`).toBe(true);
      }
    }
  });
});

describe("accuracy", () => {
  it("prints the figures", () => {
    const lines = ["", "=== Diwan text engine: accuracy on test/fixtures/eval ==="];
    for (const r of results) {
      lines.push(`--- ${r.id}`);
      lines.push(formatPrf("segmentation ar (exact sentences)", r.segmentation.ar));
      lines.push(formatPrf("segmentation en (exact sentences)", r.segmentation.en));
      lines.push(formatPrf("alignment, gold sentences", r.alignGold));
      lines.push(formatPrf("  (without paragraph info)", r.alignGoldNoParagraphs));
      lines.push(formatPrf("alignment, end to end", r.alignEndToEnd));
      lines.push(formatPrf("terms ar", r.terms.ar));
      lines.push(formatPrf("terms en", r.terms.en));
      for (const n of r.notes) lines.push(`    ${n}`);
    }
    lines.push("--- all texts (micro-averaged)");
    lines.push(formatPrf("segmentation", total.segmentation));
    lines.push(formatPrf("alignment, gold sentences", total.alignGold));
    lines.push(formatPrf("  (without paragraph info)", total.alignGoldNoParagraphs));
    lines.push(formatPrf("alignment, end to end", total.alignEndToEnd));
    lines.push(formatPrf("terms", total.terms));
    console.log(lines.join("\n"));
    expect(results).toHaveLength(EVAL_TEXTS.length);
  });

  it("segments sentences with F1 ≥ 0.98", () => {
    expect(total.segmentation.f1).toBeGreaterThanOrEqual(0.98);
  });

  it("aligns gold sentences with strict bead F1 ≥ 0.97", () => {
    expect(total.alignGold.f1).toBeGreaterThanOrEqual(0.97);
  });

  it("aligns end to end (own segmentation) with strict bead F1 ≥ 0.97", () => {
    expect(total.alignEndToEnd.f1).toBeGreaterThanOrEqual(0.97);
  });

  it("recognises terms with precision and recall ≥ 0.99", () => {
    expect(total.terms.precision).toBeGreaterThanOrEqual(0.99);
    expect(total.terms.recall).toBeGreaterThanOrEqual(0.99);
  });
});
