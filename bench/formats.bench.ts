// Exchange-format benchmarks: streaming XLIFF export (1.2, 2.1) of 100,000 segments, XLIFF parsing of
// 100,000 units, and the `xliff` npm package on the same data for comparison. Run: npm run bench formats
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import xliffPkg from "xliff";
import { parseXliff } from "../src/formats/xliff-read";
import type { XliffUnitInput } from "../src/formats/xliff-write";
import { toXliff } from "../src/formats/xliff-write";
import { streamToString } from "../src/formats/xml-stream";

const N = Number(process.env.BENCH_UNITS ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const AR = "أكد الوزير أن المفاوضات ستستأنف في جنيف الأسبوع المقبل بمشاركة الأطراف المعنية كافة & <الوفود>";
const EN =
  "The minister confirmed that negotiations would resume in Geneva next week with all parties & <delegations>";

function* units(n: number): Generator<XliffUnitInput> {
  for (let i = 1; i <= n; i++) {
    yield {
      id: i,
      ar: `${AR} ${i}\u200f`,
      en: i % 4 === 0 ? null : `${EN} ${i}`,
      status: (["new", "translated", "reviewed", "approved"] as const)[i % 4]!,
      ...(i % 10 === 0
        ? {
            glossary: [
              {
                term: "جنيف",
                status: "preferred" as const,
                translations: [{ text: "Geneva", status: "preferred" as const }],
              },
            ],
            qa: [{ severity: "warning" as const, message: "number mismatch" }],
            matches: [{ ar: AR, en: EN, score: 87, origin: "tm" }],
          }
        : {}),
    };
  }
}

function measure<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; cpuMs: number; wallMs: number; heapMb: number; rssMb: number }> {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  let peakHeap = heap0;
  let peakRss = rss0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return fn().then((value) => {
    const c = process.cpuUsage(c0);
    const wallMs = performance.now() - t0;
    clearInterval(timer);
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    return {
      value,
      cpuMs: (c.user + c.system) / 1000,
      wallMs,
      heapMb: (peakHeap - heap0) / 2 ** 20,
      rssMb: (peakRss - rss0) / 2 ** 20,
    };
  });
}

/** Consumes the stream without keeping it: counts bytes and samples the heap between chunks. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

type Measured<T> = {
  value: T;
  cpuMs: number;
  wallMs: number;
  heapMb: number;
  rssMb: number;
  minCpuMs?: number;
};

/** Runs a case `REPEAT` times (the machine is shared, single runs are noisy): median CPU, min in the row. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
async function repeated<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const runs: Measured<T>[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await measure(fn));
  runs.sort((a, b) => a.cpuMs - b.cpuMs);
  const median = runs[Math.floor(runs.length / 2)]!;
  return {
    ...median,
    minCpuMs: runs[0]!.cpuMs,
    heapMb: Math.max(...runs.map((r) => r.heapMb)),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  };
}

const rows: Record<string, string | number>[] = [];
const row = (name: string, r: Measured<unknown>, extra = "") =>
  rows.push({
    case: name,
    "CPU ms": Math.round(r.cpuMs),
    "min CPU ms": r.minCpuMs === undefined ? "" : Math.round(r.minCpuMs),
    "wall ms": Math.round(r.wallMs),
    "peak heap growth MB": Number(r.heapMb.toFixed(1)),
    "peak RSS growth MB": Number(r.rssMb.toFixed(1)),
    note: extra,
  });

const doc = { id: 1, title: "Bench document", srcLang: "ar" as const, trgLang: "en" as const };

// Each case runs in its own process (this file re-run with BENCH_CASE): in one long-lived process the
// XLIFF 2.1 parse measured 4–5× slower after six 1.2 parses (JIT feedback and heap state from earlier
// cases), which says more about the bench than about a Worker parsing one upload.
// The parse with `onUnit` is a case of its own too: after five parses that keep their units it measured
// 2-5x slower in the same process, against 0.6-0.8 s alone.
const CASES = [
  "export-1.2",
  "export-2.1",
  "parse-1.2",
  "parse-1.2-onUnit",
  "parse-2.1",
  "parse-2.1-onUnit",
  "xliff-package",
] as const;
type Case = (typeof CASES)[number];

async function runCase(c: Case): Promise<void> {
  if (c === "export-1.2" || c === "export-2.1") {
    const version = c === "export-1.2" ? "1.2" : "2.1";
    const r = await repeated(() => drain(toXliff(version, doc, units(N), { emptyTargets: "source" })));
    row(`export XLIFF ${version}, ${N} units (streamed, drained)`, r, `${(r.value / 1e6).toFixed(1)} MB`);
  } else if (c.startsWith("parse-")) {
    const version = c.startsWith("parse-1.2") ? "1.2" : "2.1";
    const t = await streamToString(toXliff(version, doc, units(N)));
    // A request body arrives as one flat string; flatten the concatenated one before timing.
    t.indexOf("\u0000");
    if (!c.endsWith("-onUnit")) {
      const r = await repeated(async () => parseXliff(t).units.length);
      row(
        `parseXliff ${version}, ${N} units`,
        r,
        `${r.value} units from ${(t.length / 1e6).toFixed(1)} M chars`,
      );
    } else {
      const s = await repeated(async () => {
        let n = 0;
        parseXliff(t, {}, () => n++);
        return n;
      });
      row(`parseXliff ${version}, ${N} units, onUnit (units not kept)`, s, `${s.value} units`);
    }
  } else {
    // The `xliff` package on the same content: builds the whole document in memory.
    const resources: Record<string, Record<string, { source: string; target: string }>> = { doc: {} };
    for (const u of units(N)) resources.doc![String(u.id)] = { source: u.ar, target: u.en ?? "" };
    const pkgJs = { sourceLanguage: "ar", targetLanguage: "en", resources };
    const out2 = await measure(async () => (await xliffPkg.js2xliff(pkgJs)) as string);
    row(`xliff pkg js2xliff (2.0), ${N} units`, out2, `${(out2.value.length / 1e6).toFixed(1)} M chars`);
    const out12 = await measure(async () => (await xliffPkg.jsToXliff12(pkgJs)) as string);
    row(`xliff pkg jsToXliff12, ${N} units`, out12, `${(out12.value.length / 1e6).toFixed(1)} M chars`);
    const t = await streamToString(toXliff("1.2", doc, units(N)));
    t.indexOf("\u0000");
    const read = await measure(async () => Object.keys((await xliffPkg.xliff12ToJs(t)).resources).length);
    row(`xliff pkg xliff12ToJs, ${N} units (Diwan's 1.2 export)`, read);
  }
}

const only = process.env.BENCH_CASE as Case | undefined;
if (only) {
  await runCase(only);
  console.log(`ROWS ${JSON.stringify(rows)}`);
} else {
  for (const c of CASES) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_CASE: c },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const line = child.stdout.split("\n").find((l) => l.startsWith("ROWS "));
    if (!line) throw new Error(`case ${c} failed: ${child.stderr}`);
    rows.push(...(JSON.parse(line.slice(5)) as Record<string, string | number>[]));
  }
  const cpu = (prefix: string) => Number(rows.find((r) => String(r.case).startsWith(prefix))?.["CPU ms"]);
  console.log(
    `formats bench: ${N} units, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}, each case in its own process, ${REPEAT} runs per Diwan case`,
  );
  console.table(rows);
  console.log(
    `ratios (xliff package / Diwan, CPU): export 1.2 ${(cpu("xliff pkg jsToXliff12") / cpu("export XLIFF 1.2")).toFixed(1)}×, ` +
      `export 2.x ${(cpu("xliff pkg js2xliff") / cpu("export XLIFF 2.1")).toFixed(1)}×, ` +
      `parse 1.2 ${(cpu("xliff pkg xliff12ToJs") / cpu("parseXliff 1.2")).toFixed(1)}×`,
  );
}
