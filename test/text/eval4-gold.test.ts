import { describe, expect, it } from "vitest";
import { beadType } from "../fixtures/eval2/format";
import { EVAL4_DOCS } from "../fixtures/eval4/index";
import { BEAD_TYPES, checkEachGoldDoc } from "./gold-checks";

// Consistency of the gold annotation of test/fixtures/eval4 (docs/quality.md, "Evaluation set 4").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval4-gold.test.ts

describe("evaluation set 4: gold annotation", () => {
  it("has one id per document across both parts, all held out", () => {
    expect(new Set(EVAL4_DOCS.map((d) => d.id)).size).toBe(EVAL4_DOCS.length);
    expect(EVAL4_DOCS.every((d) => d.half === "heldout")).toBe(true);
  });

  it("has at least eight documents of at least five genres from both annotators", () => {
    expect(EVAL4_DOCS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(EVAL4_DOCS.map((d) => d.genre)).size).toBeGreaterThanOrEqual(5);
    expect(EVAL4_DOCS.some((d) => d.id.startsWith("a-"))).toBe(true);
    expect(EVAL4_DOCS.some((d) => d.id.startsWith("b-"))).toBe(true);
  });

  it("has every bead type", () => {
    const types = new Set(EVAL4_DOCS.flatMap((d) => d.beads.map(beadType)));
    expect([...types].sort()).toEqual([...BEAD_TYPES].sort());
  });

  checkEachGoldDoc(EVAL4_DOCS);
});
