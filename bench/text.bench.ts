// Text engine benchmarks: term recognition against a 10,000-entry glossary (vs one includes/RegExp per term),
// automaton build, sentence segmentation and normalisation throughput. Run: npm run bench text
// (BENCH_TERMS_ONLY=1: term recognition and build only.) Wall times on a shared machine are noisy: the CPU
// time rows (process.cpuUsage) are the figures to compare.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";
import { normalizeForSearch, normalizeWithMap } from "../src/text/normalize";
import { segmentSentences } from "../src/text/segment";
import { buildTermMatcher, recognizeTerms, type TermEntryInput } from "../src/text/terms";
import type { TermStatus } from "../src/types";
import { sample000 } from "../test/fixtures/eval/sample-000";
import { SAMPLE_000_AR } from "../test/fixtures/eval/sample-000.source";
import { rng } from "../test/support/random";

const root = path.resolve(import.meta.dirname, "..");
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);

// The sample article as copied into the fixtures (the project never reads ../shared at bench time).
const sample = SAMPLE_000_AR;
const seedTsv = readFileSync(path.join(root, "glossary/diplomatic.tsv"), "utf8");
const seed = parseGlossaryTsv(seedTsv);

// Function words of the sample: not glossary material.
const STOP = new Set(
  "في من على إلى عن مع هذا هذه ذلك التي الذي الذين هو هي أن إن كان كانت قد ما لا بين حول نحو عند كل بعض غير أيضا وهو وقال قال".split(
    " ",
  ),
);

/**
 * Real seed entries plus synthetic ones: 1–4 Arabic words (content words of the sample article and of the
 * seed's Arabic terms, half of the non-initial ones with the article), one distinct term per entry plus an
 * English term, statuses mostly preferred.
 */
function glossary(n: number): TermEntryInput[] {
  const entries: TermEntryInput[] = seed.map((e, i) => ({ id: i + 1, terms: e.terms, domain: e.domain }));
  const vocab = new Set<string>();
  const words = (s: string) => s.split(/[^\p{L}\p{M}]+/u).filter((w) => w.length >= 3 && !STOP.has(w));
  for (const w of words(sample)) vocab.add(w.replace(/^(وال|بال|لل)(?=\p{L}{3})/u, "ال"));
  for (const e of seed)
    for (const t of e.terms) if (t.lang === "ar") for (const w of words(t.text)) vocab.add(w);
  const list = [...vocab];
  const rand = rng(42);
  const pick = () => list[Math.floor(rand() * list.length)] as string;
  const statuses: TermStatus[] = ["preferred", "admitted", "deprecated", "forbidden"];
  const seen = new Set(entries.flatMap((e) => e.terms.map((t) => normalizeForSearch(t.text))));
  for (let id = entries.length + 1; entries.length < n; id++) {
    const len = 1 + Math.floor(rand() * rand() * 4); // mostly 1–2 words, some 3–4
    const parts: string[] = [];
    for (let k = 0; k < len; k++) {
      const w = pick();
      parts.push(k > 0 && rand() < 0.5 && !w.startsWith("ال") ? `ال${w}` : w);
    }
    const text = parts.join(" ");
    const norm = normalizeForSearch(text);
    if (seen.has(norm)) continue;
    seen.add(norm);
    entries.push({
      id,
      terms: [
        { lang: "ar", text, status: statuses[Math.floor(rand() * rand() * 4)] as TermStatus },
        { lang: "en", text: `term ${id}`, status: "preferred" },
      ],
    });
  }
  return entries;
}

function stats(samples: number[]): { median: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Per-call timings in microseconds, after a warm-up. */
function time(fn: () => unknown, runs: number, warmup = Math.min(runs, 2000)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out;
}

const fmt = (x: number, d = 1) => x.toFixed(d);

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);

// --- term recognition ---------------------------------------------------------------------------------
/** CPU time (user + system, µs) per call of fn, one figure per batch of `perBatch` calls. */
function cpuTime(fn: () => unknown, batches: number, perBatch: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < batches; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) fn();
    const c = process.cpuUsage(c0);
    out.push((c.user + c.system) / perBatch);
  }
  return out;
}

const entries = glossary(ENTRIES);
const termCount = entries.reduce((a, e) => a + e.terms.length, 0);
// The first build runs before the JIT has compiled anything (as in a fresh isolate): reported on its own.
const coldCpu0 = process.cpuUsage();
const coldT0 = performance.now();
buildTermMatcher(entries);
const coldBuildWall = performance.now() - coldT0;
const coldBuildCpu = process.cpuUsage(coldCpu0);
const buildMs = time(() => buildTermMatcher(entries), 15, 3).map((us) => us / 1000);
const buildCpuMs = cpuTime(() => buildTermMatcher(entries), 15, 1).map((us) => us / 1000);
const matcher = buildTermMatcher(entries);

const paragraph = sample.split("\n").find((l) => l.startsWith("وقال وانغ إن")) ?? "";
const sentenceWords = paragraph.split(/\s+/).filter(Boolean);
const sentence = [...sentenceWords, ...sentenceWords].slice(0, 40).join(" ");

let found = 0;
const recog = stats(
  time(() => {
    found = recognizeTerms(matcher, sentence, "ar").length;
  }, 20_000),
);
const recogCpu = stats(cpuTime(() => recognizeTerms(matcher, sentence, "ar"), 40, 500));
// English: 40 words of the sample's English translation (compounds, plurals, possessives; the seed's
// English terms plus "term N" for every synthetic entry).
const enWords = sample000.en.split(/\s+/).filter(Boolean);
const enStart = enWords.indexOf("Wang") + 1;
const enSentence = enWords.slice(enStart, enStart + 40).join(" ");
let enFound = 0;
const recogEnCpu = stats(
  cpuTime(
    () => {
      enFound = recognizeTerms(matcher, enSentence, "en").length;
    },
    40,
    500,
  ),
);
// Without the per-matcher cache of word-form readings (emptied before every call): a text of new words.
const recogColdCpu = stats(
  cpuTime(
    () => {
      matcher.readings.clear();
      recognizeTerms(matcher, sentence, "ar");
    },
    20,
    200,
  ),
);

// Naive: one check per Arabic glossary term over the normalised sentence.
const arTerms = entries.flatMap((e) =>
  e.terms.filter((t) => t.lang === "ar").map((t) => normalizeForSearch(t.text)),
);
let naiveFound = 0;
const naiveIncludes = stats(
  time(() => {
    const norm = normalizeForSearch(sentence);
    let c = 0;
    for (const t of arTerms) if (norm.includes(t)) c++;
    naiveFound = c;
  }, 500),
);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const regexes = arTerms.map(
  (t) => new RegExp(`(?<![\\p{L}\\p{M}])(?:[وفبكل]|ال|لل|وال|بال)?${escapeRegExp(t)}(?![\\p{L}\\p{M}])`, "u"),
);
const naiveRegex = stats(
  time(
    () => {
      const norm = normalizeForSearch(sentence);
      let c = 0;
      for (const r of regexes) if (r.test(norm)) c++;
      return c;
    },
    7,
    1,
  ),
);

console.log(
  `\nTerm recognition, glossary of ${entries.length} entries (${termCount} terms; ${seed.length} real seed entries), ` +
    `${sentenceWords.length < 40 ? "40-word sentence (paragraph repeated)" : "40-word sentence"}`,
);
console.table({
  "build automaton (ms)": {
    median: fmt(stats(buildMs).median),
    p95: fmt(stats(buildMs).p95),
    result: "",
  },
  "build automaton, CPU (ms)": {
    median: fmt(stats(buildCpuMs).median),
    p95: fmt(stats(buildCpuMs).p95),
    result: `first (cold) build: ${fmt(coldBuildWall)} ms wall, ${fmt((coldBuildCpu.user + coldBuildCpu.system) / 1000)} ms CPU`,
  },
  "recognizeTerms (µs)": {
    median: fmt(recog.median),
    p95: fmt(recog.p95),
    result: `${found} hits`,
  },
  "recognizeTerms, CPU (µs)": {
    median: fmt(recogCpu.median),
    p95: fmt(recogCpu.p95),
    result: "per call, batches of 500",
  },
  "recognizeTerms, English 40 words, CPU (µs)": {
    median: fmt(recogEnCpu.median),
    p95: fmt(recogEnCpu.p95),
    result: `${enFound} hits`,
  },
  "recognizeTerms, CPU, no form cache (µs)": {
    median: fmt(recogColdCpu.median),
    p95: fmt(recogColdCpu.p95),
    result: "readings cache emptied before each call",
  },
  "naive includes per term (µs)": {
    median: fmt(naiveIncludes.median),
    p95: fmt(naiveIncludes.p95),
    result: `${naiveFound} substrings`,
  },
  "naive RegExp per term (µs)": {
    median: fmt(naiveRegex.median),
    p95: fmt(naiveRegex.p95),
    result: "",
  },
});
console.log(
  `speed-up: ${fmt(naiveIncludes.median / recog.median)}× vs includes, ${fmt(naiveRegex.median / recog.median)}× vs RegExp (medians)`,
);

// --- segmentation and normalisation throughput ---------------------------------------------------------
if (process.env.BENCH_TERMS_ONLY) process.exit(0);
const article = sample.split("\n").slice(0, -5).join("\n"); // the article, without the cookie banner
let big = "";
while (big.length < 2_000_000) big += `${article}\n`;
const bytes = new TextEncoder().encode(big).length;
const throughput = (fn: () => unknown, runs: number) => {
  const ms = time(fn, runs, 2).map((us) => us / 1000);
  const s = stats(ms);
  return {
    ms: s.median,
    mbps: bytes / 1e6 / (s.median / 1000),
    chars: big.length / 1e6 / (s.median / 1000),
  };
};
let sentences = 0;
const seg = throughput(() => {
  sentences = segmentSentences(big, "ar").length;
}, 15);
// The same text hard-wrapped at 72 columns, as an e-mail or PDF copy (soft line breaks: line-wrap.ts).
const wrapped = big
  .split("\n")
  .map((paragraph) => {
    const lines: string[] = [];
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line && line.length + 1 + word.length > 72) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
    return lines.join("\n");
  })
  .join("\n\n");
let wrappedSentences = 0;
const segWrapped = throughput(() => {
  wrappedSentences = segmentSentences(wrapped, "ar").length;
}, 15);
// Paragraphs one per line with every third one hard-wrapped (passages pasted from e-mails): the whole
// text is not wrapped, so each run of lines is judged on its own.
const mixed = wrapped
  .split("\n\n")
  .map((p, k) => (k % 3 === 2 ? p : p.replace(/\n/g, " ")))
  .join("\n");
let mixedSentences = 0;
const segMixed = throughput(() => {
  mixedSentences = segmentSentences(mixed, "ar").length;
}, 15);
const norm = throughput(() => normalizeWithMap(big), 7);
const normPlain = throughput(() => normalizeForSearch(big), 7);
console.log(
  `\nThroughput on ${fmt(bytes / 1e6, 2)} MB UTF-8 of Arabic news text (${fmt(big.length / 1e6, 2)} M chars)`,
);
console.table({
  segmentSentences: {
    "median ms": fmt(seg.ms),
    "MB/s (UTF-8)": fmt(seg.mbps),
    "M chars/s": fmt(seg.chars),
    result: `${sentences} sentences`,
  },
  "segmentSentences, wrapped at 72": {
    "median ms": fmt(segWrapped.ms),
    "MB/s (UTF-8)": fmt(segWrapped.mbps),
    "M chars/s": fmt(segWrapped.chars),
    result: `${wrappedSentences} sentences`,
  },
  "segmentSentences, every 3rd paragraph wrapped": {
    "median ms": fmt(segMixed.ms),
    "MB/s (UTF-8)": fmt(segMixed.mbps),
    "M chars/s": fmt(segMixed.chars),
    result: `${mixedSentences} sentences`,
  },
  normalizeWithMap: {
    "median ms": fmt(norm.ms),
    "MB/s (UTF-8)": fmt(norm.mbps),
    "M chars/s": fmt(norm.chars),
  },
  normalizeForSearch: {
    "median ms": fmt(normPlain.ms),
    "MB/s (UTF-8)": fmt(normPlain.mbps),
    "M chars/s": fmt(normPlain.chars),
  },
});
