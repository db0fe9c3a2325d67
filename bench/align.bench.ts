// Sentence alignment: 500 × ~500 sentences built from the evaluation fixtures (cycled, each tagged with a
// distinct number), with some sentences dropped and merged on the English side. Reports the median of
// several runs, without and with the seed glossary as anchor dictionary. Run: npm run bench align
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";
import { alignSentences } from "../src/text/align";
import { learnLexicon } from "../src/text/align-lexicon";
import { buildTermMatcher, recognizeTerms } from "../src/text/terms";
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

// Wall time and CPU time of this process: on a shared machine the CPU time shows the cost of the algorithm
// when other processes compete for the cores.
function bench(label: string, fn: () => unknown): void {
  for (let k = 0; k < 3; k++) fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ms = (x: number) => x.toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(40)} wall median ${ms(median(wall))} ms (min ${ms(Math.min(...wall))})   cpu median ${ms(median(cpu))} ms (min ${ms(Math.min(...cpu))})`,
  );
}

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load average ${loadavg()[0]?.toFixed(2)}`,
);
console.log(`${ar.length} Arabic × ${en.length} English sentences, ${entries.length} glossary entries`);
bench("alignSentences (no glossary)", () => alignSentences(ar, en));
bench("alignSentences (seed glossary matcher)", () => alignSentences(ar, en, { matcher }));
bench("  of which recognizeTerms, both sides", () => {
  for (const s of ar) recognizeTerms(matcher, s, "ar");
  for (const s of en) recognizeTerms(matcher, s, "en");
});
// The memory's lexicon as document creation loads it (src/db/memory-lexicon.ts): learned from 2,000
// approved pairs (here the fixtures' pairs cycled, the worst case for co-occurrence counts), once per
// memory version; then an anchor kind of the alignment.
const memory = Array.from({ length: 2_000 }, (_, k) => {
  const [a, e] = pairs[k % pairs.length] as [string, string];
  return { ar: a, en: e };
});
bench("learnLexicon, 2,000 approved pairs", () => learnLexicon(memory));
const lexicon = learnLexicon(memory);
console.log(`lexicon: ${lexicon.size} entries`);
bench("alignSentences (glossary + memory lexicon)", () => alignSentences(ar, en, { matcher, lexicon }));
const beads = alignSentences(ar, en, { matcher });
console.log(
  `${beads.length} beads, ${beads.filter((b) => b.ar.length === 1 && b.en.length === 1).length} of them 1-1`,
);
