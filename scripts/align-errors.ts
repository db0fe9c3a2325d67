/**
 * Alignment tuning aid (run: npx tsx scripts/align-errors.ts [--set4] [--set2] [--e2e] [doc-id…]).
 * Prints every missed alignment bead, with its sentences and the beads the aligner proposed instead, for
 * the sets one may tune on: set 2's tuning half and set 4 (a tuning set since session 5; docs/quality.md).
 * Never loads set 2's held-out half, set 3 or set 5. Also prints the pooled figures and the calibration.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { alignSentences } from "../src/text/align";
import { calibration, formatPrf, pooled } from "../src/text/eval";
import { glossaryForms } from "../test/fixtures/eval2/glossary-forms";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";
import { EVAL4_DOCS } from "../test/fixtures/eval4/index";
import { loadSeedGlossary } from "../test/fixtures/glossary";
import { type DocScores, scoreDoc } from "../test/text/eval2-score";

const root = path.join(import.meta.dirname, "..");
const tsv = readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8");
const glossary = loadSeedGlossary(tsv);
const forms = glossaryForms(tsv);
const args = process.argv.slice(2);
const only = new Set(args.filter((a) => !a.startsWith("--")));
const sets = {
  set2tuning: args.includes("--set2") || !args.includes("--set4"),
  set4: args.includes("--set4") || !args.includes("--set2"),
};
const quiet = args.includes("--quiet");

const docs = [
  ...(sets.set2tuning ? EVAL2_DOCS.filter((d) => d.half === "tuning") : []),
  ...(sets.set4 ? EVAL4_DOCS : []),
].filter((d) => only.size === 0 || only.has(d.id));

const beadKey = (b: { ar: readonly number[]; en: readonly number[] }) =>
  `${b.ar.join(",")}:${b.en.join(",")}`;
const results: DocScores[] = [];
for (const doc of docs) {
  const r = scoreDoc(doc, glossary, forms);
  results.push(r);
  const errs = r.errors.filter((e) => e.task !== "terms" && e.task !== "segmentation");
  if (quiet || errs.length === 0) continue;
  console.log(`\n--- ${doc.id}: align ${r.alignGold.f1.toFixed(3)} e2e ${r.alignEndToEnd.f1.toFixed(3)}`);
  const onGold = alignSentences(doc.ar.plain, doc.en.plain, {
    matcher: glossary.matcher,
    paragraphs: { ar: doc.ar.paragraphs, en: doc.en.paragraphs },
  });
  const goldKeys = new Set(doc.beads.map(beadKey));
  for (const e of errs) console.log(`  ${e.task} — ${e.cls}: ${e.detail}`);
  for (const b of onGold) {
    if (goldKeys.has(beadKey(b))) continue;
    console.log(`  WRONG ${beadKey(b)} (${b.score.toFixed(2)})`);
    for (const i of b.ar) console.log(`     ar${i} [p${doc.ar.paragraphs[i]}] ${doc.ar.plain[i]}`);
    for (const j of b.en) console.log(`     en${j} [p${doc.en.paragraphs[j]}] ${doc.en.plain[j]}`);
  }
}
const label = Object.entries(sets)
  .filter(([, v]) => v)
  .map(([k]) => k)
  .join(" + ");
for (const [name, rs] of [
  ...(sets.set2tuning ? [["set 2 tuning", results.filter((r) => r.doc.half === "tuning")]] : []),
  ...(sets.set4 ? [["set 4", results.filter((r) => r.doc.half === "heldout")]] : []),
] as [string, DocScores[]][]) {
  console.log(`\n=== ${name} (${rs.length} documents; ${label})`);
  console.log(formatPrf("align gold sentences", pooled(rs.map((r) => r.alignGold))));
  console.log(formatPrf("  no paragraphs", pooled(rs.map((r) => r.alignGoldNoParagraphs))));
  console.log(formatPrf("align end to end", pooled(rs.map((r) => r.alignEndToEnd))));
  for (const [n, items] of [
    ["gold", rs.flatMap((r) => r.beadsGold)],
    ["e2e", rs.flatMap((r) => r.beadsEndToEnd)],
  ] as const)
    console.log(
      `calibration ${n}: ${calibration(items)
        .map((c) => `${c.label} ${c.right}/${c.items}`)
        .join(" | ")}`,
    );
}
