// Sentence alignment: 500 × ~500 sentences built from the evaluation fixtures (cycled, each tagged with a
// distinct number), with some sentences dropped and merged on the English side. Reports the median of
// several runs, without and with the seed glossary as anchor dictionary. Run: npm run bench align
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";
import { alignSentences } from "../src/text/align";
import { buildTermMatcher } from "../src/text/terms";
import { EVAL_TEXTS, parseBeads, stripMarkup } from "../test/fixtures/eval";

const N = Number(process.env.BENCH_SENTENCES ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

// Gold 1-1 pairs of the fixtures: realistic lengths and content.
const pairs: [string, string][] = [];
for (const t of EVAL_TEXTS) {
  for (const b of parseBeads(t.beads)) {
    if (b.ar.length !== 1 || b.en.length !== 1) continue;
    pairs.push([
      stripMarkup(t.arGold[b.ar[0] as number] as string),
      stripMarkup(t.enGold[b.en[0] as number] as string),
    ]);
  }
}
const ar: string[] = [];
const en: string[] = [];
for (let k = 0; k < N; k++) {
  const [a, e] = pairs[k % pairs.length] as [string, string];
  ar.push(`${a} (${k})`);
  if (k % 41 === 40) continue; // untranslated
  if (k % 29 === 28 && en.length > 0) en[en.length - 1] = `${en[en.length - 1]} ${e} (${k})`;
  else en.push(`${e} (${k})`);
}

const root = path.resolve(import.meta.dirname, "..");
const entries = parseGlossaryTsv(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8")).map(
  (e, k) => ({ id: k + 1, terms: e.terms }),
);
const matcher = buildTermMatcher(entries);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function bench(label: string, fn: () => unknown): void {
  for (let k = 0; k < 3; k++) fn(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  console.log(
    `${label.padEnd(44)} median ${median(times).toFixed(1).padStart(7)} ms   min ${Math.min(...times)
      .toFixed(1)
      .padStart(7)} ms   max ${Math.max(...times)
      .toFixed(1)
      .padStart(7)} ms`,
  );
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}`);
console.log(`${ar.length} Arabic × ${en.length} English sentences, ${entries.length} glossary entries`);
bench("alignSentences (no glossary)", () => alignSentences(ar, en));
bench("alignSentences (seed glossary matcher)", () => alignSentences(ar, en, { matcher }));
const beads = alignSentences(ar, en, { matcher });
console.log(
  `${beads.length} beads, ${beads.filter((b) => b.ar.length === 1 && b.en.length === 1).length} of them 1-1`,
);
