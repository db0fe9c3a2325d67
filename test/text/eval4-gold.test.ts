import { describe, expect, it } from "vitest";
import { EVAL4_DOCS } from "../fixtures/eval4/index";
import { checkEachGoldDoc } from "./gold-checks";

// Consistency of the gold annotation of test/fixtures/eval4 (docs/quality.md, "Evaluation set 4").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval4-gold.test.ts

describe("evaluation set 4: gold annotation", () => {
  it("has one id per document across both parts, all held out", () => {
    expect(new Set(EVAL4_DOCS.map((d) => d.id)).size).toBe(EVAL4_DOCS.length);
    expect(EVAL4_DOCS.every((d) => d.half === "heldout")).toBe(true);
  });

  // The set-level checks (at least eight documents, five genres, every bead type) are added when both
  // annotators' parts have landed; until then each part's documents are checked one by one below.

  checkEachGoldDoc(EVAL4_DOCS);
});
