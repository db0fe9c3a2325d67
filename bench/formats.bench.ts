// Exchange-format benchmarks: streaming XLIFF export (1.2, 2.1) of 100,000 segments, XLIFF parsing of
// 100,000 units, and the `xliff` npm package on the same data for comparison. Run: npm run bench formats
import { cpus } from "node:os";
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

const rows: Record<string, string | number>[] = [];
const row = (name: string, r: { cpuMs: number; wallMs: number; heapMb: number; rssMb: number }, extra = "") =>
  rows.push({
    case: name,
    "CPU ms": Math.round(r.cpuMs),
    "wall ms": Math.round(r.wallMs),
    "peak heap growth MB": Number(r.heapMb.toFixed(1)),
    "peak RSS growth MB": Number(r.rssMb.toFixed(1)),
    note: extra,
  });

const doc = { id: 1, title: "Bench document", srcLang: "ar" as const, trgLang: "en" as const };
const results: Record<string, number> = {};
for (const version of ["1.2", "2.1"] as const) {
  const r = await measure(() => drain(toXliff(version, doc, units(N), { emptyTargets: "source" })));
  row(`export XLIFF ${version}, ${N} units (streamed, drained)`, r, `${(r.value / 1e6).toFixed(1)} MB`);
  results[`export${version}`] = r.cpuMs;
}

const text12 = await streamToString(toXliff("1.2", doc, units(N)));
const text21 = await streamToString(toXliff("2.1", doc, units(N)));
for (const [version, text] of [
  ["1.2", text12],
  ["2.1", text21],
] as const) {
  // A request body arrives as one flat string; flatten the concatenated one before timing.
  text.indexOf("\u0000");
  const r = await measure(async () => parseXliff(text).units.length);
  row(
    `parseXliff ${version}, ${N} units`,
    r,
    `${r.value} units from ${(text.length / 1e6).toFixed(1)} M chars`,
  );
  results[`parse${version}`] = r.cpuMs;
  const s = await measure(async () => {
    let n = 0;
    parseXliff(text, {}, () => n++);
    return n;
  });
  row(`parseXliff ${version}, ${N} units, onUnit (units not kept)`, s, `${s.value} units`);
}

// The `xliff` package on the same content: builds the whole document in memory.
const resources: Record<string, Record<string, { source: string; target: string }>> = { doc: {} };
for (const u of units(N)) resources.doc![String(u.id)] = { source: u.ar, target: u.en ?? "" };
const pkgJs = { sourceLanguage: "ar", targetLanguage: "en", resources };
const pkgOut = await measure(async () => (await xliffPkg.js2xliff(pkgJs)) as string);
row(`xliff pkg js2xliff (2.0), ${N} units`, pkgOut, `${(pkgOut.value.length / 1e6).toFixed(1)} M chars`);
const pkgOut12 = await measure(async () => (await xliffPkg.jsToXliff12(pkgJs)) as string);
row(`xliff pkg jsToXliff12, ${N} units`, pkgOut12, `${(pkgOut12.value.length / 1e6).toFixed(1)} M chars`);
const pkgIn = await measure(async () => Object.keys((await xliffPkg.xliff12ToJs(text12)).resources).length);
row(`xliff pkg xliff12ToJs, ${N} units`, pkgIn);

console.log(
  `formats bench: ${N} units, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
);
console.table(rows);
console.log(
  `ratios (xliff package / Diwan, CPU): export 1.2 ${(pkgOut12.cpuMs / results["export1.2"]!).toFixed(1)}×, ` +
    `export 2.x ${(pkgOut.cpuMs / results["export2.1"]!).toFixed(1)}×, parse 1.2 ${(pkgIn.cpuMs / results["parse1.2"]!).toFixed(1)}×`,
);
