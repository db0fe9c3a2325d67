/**
 * Alignment tuning aid (run: npx tsx scripts/align-errors.ts [--set2] [--set4] [--set5] [--set6] [--set7]
 * [--all] [--quiet] [doc-id…]; no set flag = set 2 tuning + set 4).
 * Prints every missed alignment bead, with its sentences and the beads the aligner proposed instead, for
 * the sets one may tune on: set 2's tuning half and sets 4–7 (tuning sets since sessions 5 and 6;
 * docs/quality.md). Never loads set 2's held-out half or set 3. Also prints the pooled figures and the
 * calibration per set.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { alignSentences } from "../src/text/align";
import { calibration, formatPrf, pooled } from "../src/text/eval";
import type { GoldDoc } from "../test/fixtures/eval2/format";
import { glossaryForms } from "../test/fixtures/eval2/glossary-forms";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";
import { EVAL4_DOCS } from "../test/fixtures/eval4/index";
import { EVAL5_DOCS } from "../test/fixtures/eval5/index";
import { EVAL6_DOCS } from "../test/fixtures/eval6/index";
import { EVAL7_DOCS } from "../test/fixtures/eval7/index";
import { loadSeedGlossary } from "../test/fixtures/glossary";
import { type DocScores, scoreDoc } from "../test/text/eval2-score";

const root = path.join(import.meta.dirname, "..");
const tsv = readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8");
const glossary = loadSeedGlossary(tsv);
const forms = glossaryForms(tsv);
const args = process.argv.slice(2);
const only = new Set(args.filter((a) => !a.startsWith("--")));
const setFlags = ["--set2", "--set4", "--set5", "--set6", "--set7"];
const all = args.includes("--all");
const none = !all && !setFlags.some((f) => args.includes(f));
const wanted = (flag: string, byDefault: boolean) => all || args.includes(flag) || (none && byDefault);
const setDocs: [string, GoldDoc[]][] = [
  ["set 2 tuning", wanted("--set2", true) ? EVAL2_DOCS.filter((d) => d.half === "tuning") : []],
  ["set 4", wanted("--set4", true) ? EVAL4_DOCS : []],
  ["set 5", wanted("--set5", false) ? EVAL5_DOCS : []],
  ["set 6", wanted("--set6", false) ? EVAL6_DOCS : []],
  ["set 7", wanted("--set7", false) ? EVAL7_DOCS : []],
];
const quiet = args.includes("--quiet");

const setOf = new Map<GoldDoc, string>();
for (const [name, ds] of setDocs) for (const d of ds) setOf.set(d, name);
const docs = [...setOf.keys()].filter((d) => only.size === 0 || only.has(d.id));

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
for (const [name] of setDocs) {
  const rs = results.filter((r) => setOf.get(r.doc) === name);
  if (rs.length === 0) continue;
  console.log(`
=== ${name} (${rs.length} documents)`);
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
