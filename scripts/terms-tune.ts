/**
 * Tuning aid for term recognition (run: npx tsx scripts/terms-tune.ts). Prints term figures of set 2
 * (tuning half with every error; held-out half pooled, counts by class only), set 3 (pooled, counts by
 * class only: held out) and sets 4, 5, 6 and 7 (tuned on since session 5, its round 2, session 6 and its round 2: every error). No alignment or segmentation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatPrf, type Prf, pooled } from "../src/text/eval";
import type { GoldDoc } from "../test/fixtures/eval2/format";
import { glossaryForms } from "../test/fixtures/eval2/glossary-forms";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";
import { EVAL3_DOCS } from "../test/fixtures/eval3/index";
import { EVAL4_DOCS } from "../test/fixtures/eval4/index";
import { EVAL5_DOCS } from "../test/fixtures/eval5/index";
import { EVAL6_DOCS } from "../test/fixtures/eval6/index";
import { EVAL7_DOCS } from "../test/fixtures/eval7/index";
import { loadSeedGlossary } from "../test/fixtures/glossary";
import { type EvalError as ScoredError, scoreTerms } from "../test/text/eval2-score";

const root = path.join(import.meta.dirname, "..");
const tsv = readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8");
const glossary = loadSeedGlossary(tsv);
const forms = glossaryForms(tsv);

function run(label: string, docs: GoldDoc[], listErrors: boolean): void {
  const scores: Record<"ar" | "en", Prf[]> = { ar: [], en: [] };
  const classes = new Map<string, number>();
  console.log(`\n=== ${label} (${docs.length} documents)`);
  for (const doc of docs) {
    const errors: ScoredError[] = [];
    for (const lang of ["ar", "en"] as const)
      scores[lang].push(scoreTerms(doc[lang], lang, glossary, forms, errors).score);
    for (const e of errors) {
      if (listErrors) console.log(`  ${doc.id} ${e.lang} — ${e.cls}: ${e.detail}`);
      const k = `${e.lang} — ${e.cls}`;
      classes.set(k, (classes.get(k) ?? 0) + 1);
    }
  }
  console.log(formatPrf("terms ar", pooled(scores.ar)));
  console.log(formatPrf("terms en", pooled(scores.en)));
  if (!listErrors) for (const [k, n] of [...classes].sort()) console.log(`  ${String(n).padStart(3)}  ${k}`);
}

run(
  "set 2 tuning",
  EVAL2_DOCS.filter((d) => d.half === "tuning"),
  true,
);
run("set 4 (tuned on since session 5)", EVAL4_DOCS, true);
run("set 5 (tuned on since session 5, round 2)", EVAL5_DOCS, true);
run("set 6 (tuned on since session 6)", EVAL6_DOCS, true);
run("set 7 (tuned on since session 6, round 2)", EVAL7_DOCS, true);
run(
  "set 2 held-out (counts only)",
  EVAL2_DOCS.filter((d) => d.half === "heldout"),
  false,
);
run("set 3 (held out, counts only)", EVAL3_DOCS, false);
