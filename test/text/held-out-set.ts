import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { calibration, countBy, formatPrf, type Prf, pooled } from "../../src/text/eval";
import type { GoldDoc } from "../fixtures/eval2/format";
import { glossaryForms } from "../fixtures/eval2/glossary-forms";
import { loadSeedGlossary } from "../fixtures/glossary";
import { scoreDoc } from "./eval2-score";

// One scoring and report for the held-out evaluation sets (3 and 4; docs/quality.md), with the scoring
// of set 2 (test/text/eval2-score.ts). Prints the figures and the error counts by class, not the error
// instances: publishing those (or tuning on them) is what made set 2's held-out figure stale.

/** Issue 13's goals, printed beside the figures. */
export const GOALS = { segmentation: 0.99, alignGold: 0.95, alignEndToEnd: 0.93, termsP: 0.98, termsR: 0.97 };

/** A regression floor per figure: the figures of the set's scoring run minus 0.005. */
export interface Floors {
  seg: number;
  alignGold: number;
  alignE2E: number;
  arP: number;
  arR: number;
  enP: number;
  enR: number;
}

const f4 = (x: number) => x.toFixed(4);
const pr = (s: Prf) => `${f4(s.precision)} / ${f4(s.recall)}`;

/** Scores `docs`, prints the report and asserts `floors` (none before the set's first scoring run). */
export function describeHeldOutSet(label: string, docs: GoldDoc[], floors: Floors | null): void {
  const glossary = loadSeedGlossary(env.SEED_TSV);
  const forms = glossaryForms(env.SEED_TSV);
  const results = docs.map((d) => scoreDoc(d, glossary, forms));
  const t = {
    segmentation: pooled(results.flatMap((r) => [r.segmentation.ar, r.segmentation.en])),
    segAr: pooled(results.map((r) => r.segmentation.ar)),
    segEn: pooled(results.map((r) => r.segmentation.en)),
    alignGold: pooled(results.map((r) => r.alignGold)),
    alignEndToEnd: pooled(results.map((r) => r.alignEndToEnd)),
    termsAr: pooled(results.map((r) => r.terms.ar)),
    termsEn: pooled(results.map((r) => r.terms.en)),
  };

  describe(`${label} (held out)`, () => {
    it("prints the figures and the error counts by class", () => {
      const lines = [``, `=== ${label} (${results.length} documents, all held out) ===`];
      lines.push(`${formatPrf("segmentation, ar + en", t.segmentation)}   goal F1 ≥ ${GOALS.segmentation}`);
      lines.push(formatPrf("  ar", t.segAr), formatPrf("  en", t.segEn));
      lines.push(`${formatPrf("alignment, gold sentences", t.alignGold)}   goal F1 ≥ ${GOALS.alignGold}`);
      lines.push(`${formatPrf("alignment, end to end", t.alignEndToEnd)}   goal F1 ≥ ${GOALS.alignEndToEnd}`);
      lines.push(`${formatPrf("terms ar", t.termsAr)}   goal P ≥ ${GOALS.termsP}, R ≥ ${GOALS.termsR}`);
      lines.push(`${formatPrf("terms en", t.termsEn)}   goal P ≥ ${GOALS.termsP}, R ≥ ${GOALS.termsR}`);
      lines.push("", "per document: seg F1 ar / en | align F1 gold / e2e | terms ar P / R | terms en P / R");
      for (const r of results)
        lines.push(
          `  ${`${r.doc.id} (${r.doc.genre})`.padEnd(42)} ${f4(r.segmentation.ar.f1)} / ${f4(r.segmentation.en.f1)} | ${f4(r.alignGold.f1)} / ${f4(r.alignEndToEnd.f1)} | ${pr(r.terms.ar)} | ${pr(r.terms.en)}`,
        );
      for (const [band, items] of [
        ["gold sentences", results.flatMap((r) => r.beadsGold)],
        ["end to end", results.flatMap((r) => r.beadsEndToEnd)],
      ] as const) {
        lines.push("", `alignment confidence calibration (${band}): band | beads | right | share right`);
        for (const row of calibration(items))
          lines.push(
            `  ${row.label.padEnd(10)} ${String(row.items).padStart(5)} ${String(row.right).padStart(6)}   ${f4(row.share)}`,
          );
      }
      // Classes only, the bead type or the boundary context, never the sentence or the term itself.
      lines.push("", "errors by class (count):");
      const errors = results.flatMap((r) => r.errors);
      const name = (e: (typeof errors)[number]) => `${e.task}${e.lang ? ` ${e.lang}` : ""} — ${e.cls}`;
      for (const [cls, n] of countBy(errors, name)) lines.push(`  ${String(n).padStart(3)}  ${cls}`);
      console.log(lines.join("\n"));
      expect(results).toHaveLength(docs.length);
      expect(results.length).toBeGreaterThan(0);
    });

    it.runIf(floors)("does not regress below the figures of its scoring run", () => {
      if (!floors) return;
      expect(t.segmentation.f1, "segmentation F1").toBeGreaterThanOrEqual(floors.seg);
      expect(t.alignGold.f1, "alignment F1, gold sentences").toBeGreaterThanOrEqual(floors.alignGold);
      expect(t.alignEndToEnd.f1, "alignment F1, end to end").toBeGreaterThanOrEqual(floors.alignE2E);
      expect(t.termsAr.precision, "terms ar P").toBeGreaterThanOrEqual(floors.arP);
      expect(t.termsAr.recall, "terms ar R").toBeGreaterThanOrEqual(floors.arR);
      expect(t.termsEn.precision, "terms en P").toBeGreaterThanOrEqual(floors.enP);
      expect(t.termsEn.recall, "terms en R").toBeGreaterThanOrEqual(floors.enR);
    });
  });
}
