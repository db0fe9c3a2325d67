import { describe, expect, it } from "vitest";
import { beadType } from "../fixtures/eval2/format";
import { EVAL3_DOCS } from "../fixtures/eval3/index";
import { checkEachGoldDoc } from "./gold-checks";

// Consistency of the gold annotation of test/fixtures/eval3 (docs/quality.md, "Evaluation set 3").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval3-gold.test.ts

/** The bead types set 3 was written to contain (no 2-2). */
const REQUIRED = ["1-1", "1-2", "2-1", "1-3", "3-1", "1-0", "0-1"];

describe("evaluation set 3: gold annotation", () => {
  it("has four documents of four genres, all held out", () => {
    expect(new Set(EVAL3_DOCS.map((d) => d.id)).size).toBe(4);
    expect(new Set(EVAL3_DOCS.map((d) => d.genre)).size).toBe(4);
    expect(EVAL3_DOCS.every((d) => d.half === "heldout")).toBe(true);
  });

  it("has the bead types it was written for", () => {
    const types = new Set(EVAL3_DOCS.flatMap((d) => d.beads.map(beadType)));
    for (const t of REQUIRED) expect(types.has(t), t).toBe(true);
  });

  checkEachGoldDoc(EVAL3_DOCS);
});
