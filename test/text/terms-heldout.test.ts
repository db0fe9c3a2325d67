import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compareByKey, formatPrf, pooled } from "../../src/text/eval";
import { markedTerms, stripMarkup } from "../fixtures/eval/gold";
import { TERMS_HELDOUT } from "../fixtures/eval/terms-heldout";
import { loadSeedGlossary, recognizedTerms } from "../fixtures/glossary";

// Term recognition on the held-out sentences of test/fixtures/eval/terms-heldout.ts (docs/quality.md).
// Run: npx vitest run --project workers test/text/terms-heldout.test.ts

const glossary = loadSeedGlossary(env.SEED_TSV);

const notes: string[] = [];
const scores = TERMS_HELDOUT.map((s) => {
  const text = stripMarkup(s.marked);
  const found = recognizedTerms(glossary, text, s.lang);
  const c = compareByKey(found, markedTerms(s.marked), (x) => `${x.start}-${x.end}:${x.key}`);
  for (const x of c.falsePositives) notes.push(`term wrong ${s.lang}: ${x.key} ${JSON.stringify(x.surface)}`);
  for (const x of c.falseNegatives)
    notes.push(`term missed ${s.lang}: ${x.key} ${JSON.stringify(x.surface)}`);
  return { lang: s.lang, score: c.score };
});
const ar = pooled(scores.filter((s) => s.lang === "ar").map((s) => s.score));
const en = pooled(scores.filter((s) => s.lang === "en").map((s) => s.score));
const total = pooled(scores.map((s) => s.score));

describe("term recognition on held-out sentences", () => {
  it("has consistent gold", () => {
    for (const s of TERMS_HELDOUT) {
      const text = stripMarkup(s.marked);
      for (const t of markedTerms(s.marked)) {
        expect(text.slice(t.start, t.end)).toBe(t.surface);
        expect(glossary.idOf.has(t.key), `${t.key} is not a key of glossary/diplomatic.tsv`).toBe(true);
      }
    }
  });

  it("prints the figures", () => {
    const lines = ["", "=== Diwan term recognition: held-out sentences ==="];
    lines.push(formatPrf("terms ar", ar), formatPrf("terms en", en), formatPrf("terms", total));
    for (const n of notes) lines.push(`    ${n}`);
    console.log(lines.join("\n"));
    expect(scores).toHaveLength(TERMS_HELDOUT.length);
  });

  it("recognises terms with precision and recall ≥ 0.95", () => {
    expect(total.precision).toBeGreaterThanOrEqual(0.95);
    expect(total.recall).toBeGreaterThanOrEqual(0.95);
  });
});
