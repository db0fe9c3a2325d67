import { EVAL6_DOCS } from "../fixtures/eval6/index";
import { describeHeldOutSet } from "./held-out-set";

// Accuracy on evaluation set 6 (test/fixtures/eval6), all held out (docs/quality.md, "Evaluation set 6
// (fresh, scored once)"). Run: npx vitest run --project workers test/text/quality-eval6.test.ts

/**
 * Floors: the figures of the one scoring run (2026-12-06 06:59 UTC, main 7c4d542; docs/quality.md), minus
 * 0.005, so that a regression fails. Raise them as the engine improves; never lower them to pass.
 */
describeHeldOutSet("evaluation set 6", EVAL6_DOCS, {
  seg: 0.9909, // measured 0.9959
  alignGold: 0.9477, // measured 0.9527
  alignE2E: 0.9477, // measured 0.9527
  arP: 0.903, // measured 0.9080
  arR: 0.9348, // measured 0.9398
  enP: 0.9704, // measured 0.9754
  enR: 0.9925, // measured 0.9975
});
