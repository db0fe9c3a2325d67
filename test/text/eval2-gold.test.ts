import { describe, expect, it } from "vitest";
import { beadType } from "../fixtures/eval2/format";
import { EVAL2_DOCS, EVAL2_SPLIT } from "../fixtures/eval2/index";
import { BEAD_TYPES, checkEachGoldDoc } from "./gold-checks";

// Consistency of the gold annotation of test/fixtures/eval2 (docs/quality.md, "Evaluation set 2").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval2-gold.test.ts

describe("evaluation set 2: gold annotation", () => {
  it("has unique ids and one document of each genre in each half", () => {
    expect(new Set(EVAL2_DOCS.map((d) => d.id)).size).toBe(EVAL2_DOCS.length);
    expect(EVAL2_DOCS.length).toBeGreaterThanOrEqual(12);
    const genres = (half: string) =>
      EVAL2_SPLIT.filter((d) => d.half === half)
        .map((d) => d.source.genre)
        .sort();
    expect(genres("tuning")).toEqual(genres("heldout"));
    expect(new Set(genres("tuning")).size).toBe(genres("tuning").length);
  });

  it("has every bead type in each half", () => {
    for (const half of ["tuning", "heldout"]) {
      const types = new Set(EVAL2_DOCS.filter((d) => d.half === half).flatMap((d) => d.beads.map(beadType)));
      expect([...types].sort(), half).toEqual([...BEAD_TYPES].sort());
    }
  });

  checkEachGoldDoc(EVAL2_DOCS);
});
