import { EVAL7_DOCS } from "../fixtures/eval7/index";
import { describeHeldOutSet } from "./held-out-set";

// Accuracy on evaluation set 7 (test/fixtures/eval7), all held out (docs/quality.md, "Evaluation set 7
// (fresh, scored once)"). Run: npx vitest run --project workers test/text/quality-eval7.test.ts

/**
 * Floors: the figures of the one scoring run (2026-12-06 19:33 UTC, main 3370659, engine 4e020ff;
 * docs/quality.md), minus 0.005, so that a regression fails. Raise them as the engine improves; never lower
 * them to pass.
 */
describeHeldOutSet("evaluation set 7", EVAL7_DOCS, {
  seg: 0.995, // measured 1.0000
  alignGold: 0.9305, // measured 0.9355
  alignE2E: 0.9305, // measured 0.9355
  arP: 0.9418, // measured 0.9468
  arR: 0.988, // measured 0.9930
  enP: 0.9882, // measured 0.9932
  enR: 0.9927, // measured 0.9977
});
