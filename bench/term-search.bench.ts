// Glossary search (src/text/term-search.ts) over a 10,000-entry glossary: the seed plus synthetic entries
// made of the seed's own words. CPU time per query (process.cpuUsage), by kind of query, and the index
// build. Run: npm run bench term-search. Load (os.loadavg) is printed with the figures.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";
import { buildTermSearch, type SearchableEntry, searchTerms } from "../src/text/term-search";
import { buildTermMatcher } from "../src/text/terms";
import type { TermStatus } from "../src/types";
import { rng } from "../test/support/random";

const root = path.resolve(import.meta.dirname, "..");
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const seed = parseGlossaryTsv(readFileSync(path.join(root, "glossary/diplomatic.tsv"), "utf8"));

function glossary(n: number): SearchableEntry[] {
  const entries: SearchableEntry[] = seed.map((e, i) => ({ id: i + 1, domain: e.domain, terms: e.terms }));
  const ar = [
    ...new Set(seed.flatMap((e) => e.terms.filter((t) => t.lang === "ar").flatMap((t) => t.text.split(" ")))),
  ];
  const en = [
    ...new Set(seed.flatMap((e) => e.terms.filter((t) => t.lang === "en").flatMap((t) => t.text.split(" ")))),
  ];
  const rand = rng(7);
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)] as string;
  const statuses: TermStatus[] = ["preferred", "admitted", "deprecated", "forbidden"];
  for (let id = entries.length + 1; entries.length < n; id++) {
    const len = 1 + Math.floor(rand() * 3);
    const words = (list: string[]) => Array.from({ length: len }, () => pick(list)).join(" ");
    entries.push({
      id,
      domain: "synthetic",
      terms: [
        { lang: "ar", text: words(ar), status: "preferred" },
        { lang: "ar", text: words(ar), status: statuses[Math.floor(rand() * 4)] as TermStatus },
        { lang: "en", text: `${words(en)} ${id}`, status: "preferred" },
      ],
    });
  }
  return entries;
}

function cpuMs(fn: () => unknown, runs: number): number[] {
  for (let i = 0; i < Math.min(runs, 20); i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    out.push((c.user + c.system) / 1000);
  }
  return out.sort((a, b) => a - b);
}
const median = (s: number[]) => s[Math.floor(s.length / 2)]!;
const p95 = (s: number[]) => s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;

const entries = glossary(ENTRIES);
const terms = entries.reduce((n, e) => n + e.terms.length, 0);
const b0 = process.cpuUsage();
const matcher = buildTermMatcher(entries.map((e) => ({ id: e.id, terms: [...e.terms] })));
const b1 = process.cpuUsage(b0);
const index = buildTermSearch(entries, matcher);
const b2 = process.cpuUsage(b0);

const queries: [string, string][] = [
  ["exact, Arabic with diacritics", "الأَمْنُ الوَطَنِيّ"],
  ["inflected (clitics)", "والأمن الوطني"],
  ["English prefix", "national security"],
  ["short Arabic (many contains hits)", "الأمن"],
  ["typo, English (full approximate scan)", "national securty"],
  ["long Arabic query holding terms", "الامن الوطنى القومي"],
  ["nothing matches", "zzzzqqqqxxxx"],
];
console.log(
  `${entries.length} entries, ${terms} terms; ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `build: matcher ${((b1.user + b1.system) / 1000).toFixed(1)} ms CPU, search index ${((b2.user + b2.system - b1.user - b1.system) / 1000).toFixed(1)} ms CPU`,
);
for (const [label, q] of queries) {
  const hits = searchTerms(index, q);
  const t = cpuMs(() => searchTerms(index, q), 200);
  console.log(
    `${label.padEnd(40)} ${String(hits.length).padStart(5)} hits (${hits[0]?.kind ?? "-"})  median ${median(t).toFixed(2)} ms  p95 ${p95(t).toFixed(2)} ms CPU`,
  );
}
