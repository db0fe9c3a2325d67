import { describe, expect, it } from "vitest";
import { beadType } from "../fixtures/eval2/format";
import { EVAL8_DOCS } from "../fixtures/eval8/index";
import { BEAD_TYPES, checkEachGoldDoc } from "./gold-checks";

// Consistency of the gold annotation of test/fixtures/eval8 (docs/quality.md, "Evaluation set 8").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval8-gold.test.ts

// Skipped while the set is empty (before the annotators' branches are merged).
describe.skipIf(EVAL8_DOCS.length === 0)("evaluation set 8: gold annotation", () => {
  it("has one id per document across both parts, all held out", () => {
    expect(new Set(EVAL8_DOCS.map((d) => d.id)).size).toBe(EVAL8_DOCS.length);
    expect(EVAL8_DOCS.every((d) => d.half === "heldout")).toBe(true);
  });

  it("has at least eight documents of at least five genres from both annotators", () => {
    expect(EVAL8_DOCS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(EVAL8_DOCS.map((d) => d.genre)).size).toBeGreaterThanOrEqual(5);
    expect(EVAL8_DOCS.some((d) => d.id.startsWith("a-"))).toBe(true);
    expect(EVAL8_DOCS.some((d) => d.id.startsWith("b-"))).toBe(true);
  });

  it("has every bead type", () => {
    const types = new Set(EVAL8_DOCS.flatMap((d) => d.beads.map(beadType)));
    expect([...types].sort()).toEqual([...BEAD_TYPES].sort());
  });

  checkEachGoldDoc(EVAL8_DOCS);
});
