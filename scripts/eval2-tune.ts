/**
 * Tuning aid for the text engine on evaluation set 2 (run: npx tsx scripts/eval2-tune.ts [doc-id…]).
 * Prints figures and every error of the **tuning** half only; the held-out half is never listed item by
 * item. `--heldout` adds the held-out half's pooled figures (no documents, no errors), for reporting.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { calibration, formatPrf, pooled } from "../src/text/eval";
import { glossaryForms } from "../test/fixtures/eval2/glossary-forms";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";
import { loadSeedGlossary } from "../test/fixtures/glossary";
import { type DocScores, scoreDoc } from "../test/text/eval2-score";

const root = path.join(import.meta.dirname, "..");
const tsv = readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8");
const glossary = loadSeedGlossary(tsv);
const forms = glossaryForms(tsv);
const args = process.argv.slice(2);
const showHeldout = args.includes("--heldout");
const withTerms = args.includes("--terms");
const only = new Set(args.filter((a) => !a.startsWith("--")));

function totals(label: string, rs: DocScores[]): string[] {
  const beads = rs.flatMap((r) => r.beadsGold);
  const e2e = rs.flatMap((r) => r.beadsEndToEnd);
  const lines = [
    `=== ${label} (${rs.length} documents)`,
    formatPrf("segmentation ar+en", pooled(rs.flatMap((r) => [r.segmentation.ar, r.segmentation.en]))),
    formatPrf("align gold sentences", pooled(rs.map((r) => r.alignGold))),
    formatPrf("  no paragraphs", pooled(rs.map((r) => r.alignGoldNoParagraphs))),
    formatPrf("align end to end", pooled(rs.map((r) => r.alignEndToEnd))),
    formatPrf("terms ar", pooled(rs.map((r) => r.terms.ar))),
    formatPrf("terms en", pooled(rs.map((r) => r.terms.en))),
  ];
  for (const [name, items] of [
    ["gold", beads],
    ["e2e", e2e],
  ] as const)
    lines.push(
      `calibration ${name}: ${calibration(items)
        .map((c) => `${c.label} ${c.right}/${c.items}`)
        .join(" | ")}`,
    );
  return lines;
}

const tuning = EVAL2_DOCS.filter((d) => d.half === "tuning" && (only.size === 0 || only.has(d.id)));
const results = tuning.map((d) => scoreDoc(d, glossary, forms));
for (const r of results) {
  console.log(
    `\n--- ${r.doc.id}: seg ${r.segmentation.ar.f1.toFixed(3)}/${r.segmentation.en.f1.toFixed(3)} align ${r.alignGold.f1.toFixed(3)} e2e ${r.alignEndToEnd.f1.toFixed(3)}`,
  );
  for (const e of r.errors) {
    if (e.task === "terms" && !withTerms) continue;
    console.log(`  ${e.task}${e.lang ? ` ${e.lang}` : ""} — ${e.cls}: ${e.detail}`);
  }
  const wrong = r.beadsGold.filter((b) => !b.right);
  if (wrong.length) console.log(`  wrong bead scores: ${wrong.map((b) => b.score.toFixed(2)).join(" ")}`);
}
console.log(`\n${totals("tuning", results).join("\n")}`);
if (showHeldout) {
  const held = EVAL2_DOCS.filter((d) => d.half === "heldout").map((d) => scoreDoc(d, glossary, forms));
  console.log(`\n${totals("HELD-OUT (pooled figures only)", held).join("\n")}`);
  // Error counts by class only: which documents and items they are stays unseen.
  const classes = new Map<string, number>();
  for (const r of held)
    for (const e of r.errors)
      if (e.task !== "terms" || withTerms) {
        const label = `${e.task}${e.lang ? ` ${e.lang}` : ""} — ${e.cls}`;
        classes.set(label, (classes.get(label) ?? 0) + 1);
      }
  for (const [label, n] of [...classes].sort()) console.log(`  ${String(n).padStart(3)}  ${label}`);
}
