// XLIFF import/export end to end through local D1: `wrangler dev` (workerd + local D1 in a temp directory)
// on a loopback port, with the seed glossary loaded. Creates a 100,000-segment document from XLIFF, exports
// it as 1.2 and 2.1 (glossary hints, QA notes, matches on), imports a translated 1.2 back, then the same
// file again (all unchanged). Reports wall time, bytes, workerd RSS and the Worker's Server-Timing figures.
// After each write the translation-memory index is brought up to date after the response (waitUntil,
// src/db/tm-index.ts); the bench waits for that sync's log line and reports it as its own row, so the
// request's D1 writes and the (off-request) index upkeep are measured separately.
// Run: npm run bench xliff-d1   (BENCH_SEGMENTS=20000 for a quicker run)
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseXliff } from "../src/formats/xliff-read";
import { toXliff, type XliffUnitInput } from "../src/formats/xliff-write";
import { streamToString } from "../src/formats/xml-stream";
import { startWranglerDev, type WranglerDev } from "../test/support/wrangler-dev";

const N = Number(process.env.BENCH_SEGMENTS ?? 100_000);

// Sentences with seed-glossary terms (مجلس الأمن, الأمم المتحدة, …), numbers and XML specials.
const AR = [
  "أكد الأمين العام للأمم المتحدة أن مجلس الأمن سيعقد جلسة طارئة يوم 12 لبحث الوضع & <التطورات>",
  "رحب وزير الخارجية بالبيان المشترك الصادر عن القمة ودعا إلى وقف إطلاق النار فوراً",
  "ستستأنف المفاوضات في جنيف الأسبوع المقبل بمشاركة الأطراف المعنية كافة",
  "أعربت الجمعية العامة عن قلقها إزاء الوضع الإنساني في المنطقة",
];
const EN = [
  "The Secretary-General of the United Nations said the Security Council would meet on 12 & <developments>",
  "The Minister for Foreign Affairs welcomed the joint statement of the summit and called for an immediate ceasefire",
  "Negotiations will resume in Geneva next week with all parties concerned",
  "The General Assembly expressed concern about the humanitarian situation in the region",
];

let server: WranglerDev | undefined;

async function call(pathname: string, init: RequestInit = {}): Promise<Response> {
  if (!server) throw new Error("wrangler dev is not running");
  return server.request(pathname, init);
}

let workerdPids: number[] = [];

/** The workerd processes of this bench's server (its own process group), looked up once per launch. */
function findWorkerdPids(): number[] {
  const leader = server?.pid;
  if (!leader) return [];
  const pids: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === leader && stat.includes("(workerd)")) pids.push(Number(pid));
    } catch {
      // exited
    }
  }
  return pids;
}

/**
 * Resident memory of those processes, in MB. Only their /proc status files are read: scanning all of
 * /proc on every sample starved this process's event loop and made the downloads look minutes long.
 */
function workerdRssMb(): number {
  let kb = 0;
  for (const pid of workerdPids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return kb / 1024;
}

async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; rssBefore: number; rssPeak: number }> {
  const rssBefore = workerdRssMb();
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    rssPeak = Math.max(rssPeak, workerdRssMb());
  }, 200);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, rssBefore, rssPeak };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows: string[][] = [];
/** Rows are printed as they are measured too, so a failing later step does not lose the earlier ones. */
const report = (step: string, ms: number, size: string, rss: string, detail: string) => {
  const row = [step, `${(ms / 1000).toFixed(2)} s`, size, rss, detail];
  rows.push(row);
  console.log(`  ${row.join(" | ")}`);
};

const logPath = () => server?.logPath ?? "";
const logSize = () => {
  try {
    return statSync(logPath()).size;
  } catch {
    return 0;
  }
};

interface SyncStats {
  read: number;
  applied: number;
  batches: number;
  ms: number;
  d1Ms: number;
}

/**
 * Waits for the background index sync a write scheduled: its `tm-index-sync {…}` line (logged for syncs of
 * 1,000 segments or more) after byte `from` of the server log. Reports it as a row of its own.
 */
async function awaitSync(from: number, label: string, t0: number): Promise<SyncStats> {
  for (let i = 0; i < 6_000; i++) {
    const text = readFileSync(logPath()).subarray(from).toString("utf8");
    const m = /tm-index-sync (\{[^\n]*\})/.exec(text);
    if (m?.[1]) {
      const s = JSON.parse(m[1]) as SyncStats;
      const perK = (v: number) => ((v / s.applied) * 1000).toFixed(1);
      report(
        `  index sync after ${label} (waitUntil)`,
        performance.now() - t0,
        "",
        `${workerdRssMb().toFixed(0)} MB`,
        `${s.applied} segments in ${s.batches} batches: ${s.ms} ms wall = ${perK(s.ms)} ms per 1,000; ` +
          `D1 ${s.d1Ms.toFixed(0)} ms = ${perK(s.d1Ms)} ms per 1,000`,
      );
      return s;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no index sync logged after ${label}`);
}

function translatedXliff(exported: string, docId: number): Promise<string> {
  const parsed = parseXliff(exported).units;
  return streamToString(
    toXliff(
      "1.2",
      { id: docId, title: "bench", srcLang: "ar", trgLang: "en" },
      parsed.map((u, i) => ({
        id: u.segmentId!,
        ar: u.source,
        en: `${EN[i % EN.length]} ${i}.`,
        status: "translated" as const,
      })),
    ),
  );
}

async function importTwice(
  docId: number,
  translatedPromise: Promise<string>,
  suffix: string,
  indexed = true,
): Promise<void> {
  const translated = await translatedPromise;
  for (const label of [`PUT xliff, all translated${suffix}`, `PUT xliff again, all unchanged${suffix}`]) {
    const logFrom = logSize();
    const r = await timed(async () => {
      const res = await call(`/api/documents/${docId}/xliff`, {
        method: "PUT",
        headers: { "content-type": "application/xliff+xml" },
        body: translated,
      });
      if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
      return {
        body: (await res.json()) as { updated: number; unchanged: number },
        timing: res.headers.get("server-timing") ?? "",
      };
    });
    const write = Number(/write;dur=(\d+)/.exec(r.value.timing)?.[1] ?? Number.NaN);
    const perK =
      r.value.body.updated > 0
        ? ` = ${((write / r.value.body.updated) * 1000).toFixed(1)} ms per 1,000 written`
        : "";
    report(
      label,
      r.ms,
      mb(Buffer.byteLength(translated)),
      `${r.rssPeak.toFixed(0)} MB`,
      `updated ${r.value.body.updated}, unchanged ${r.value.body.unchanged}; ${r.value.timing}${perK}`,
    );
    if (indexed && r.value.body.updated >= 1_000) await awaitSync(logFrom, "PUT xliff", performance.now());
  }
}

async function main(): Promise<void> {
  console.log(
    `${N} segments; ${cpus().length} cores (${cpus()[0]?.model}); node ${process.version}; ${new Date().toISOString()}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  // A prebuilt bundle, not watched (colleagues' edits would reload the server mid-run), seed glossary loaded.
  const dev = await startWranglerDev({
    tempPrefix: "diwan-xliff-bench-",
    adminToken: "bench-token",
    bundleAs: "diwan-xliff-bench",
    seedGlossary: true,
  });
  server = dev;
  workerdPids = findWorkerdPids();

  // 1. A new document from a source-only XLIFF 1.2.
  const units: XliffUnitInput[] = Array.from({ length: N }, (_, i) => ({
    id: i + 1,
    ar: `${AR[i % AR.length]} ${i}\u200f.`,
    en: null,
    status: "new",
  }));
  const source = await streamToString(
    toXliff("1.2", { id: 0, title: "bench", srcLang: "ar", trgLang: "en" }, units),
  );
  const createLogFrom = logSize();
  const created = await timed(async () => {
    const res = await call("/api/documents/import/xliff?title=bench", {
      method: "POST",
      headers: { "content-type": "application/xliff+xml" },
      body: source,
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number; segmentCount: number };
  });
  const docId = created.value.id;
  report(
    "POST /documents/import/xliff",
    created.ms,
    mb(Buffer.byteLength(source)),
    `${created.rssPeak.toFixed(0)} MB`,
    `${created.value.segmentCount} segments`,
  );
  if (N >= 1_000) await awaitSync(createLogFrom, "POST import/xliff", performance.now());

  // 2. Exports. BENCH_EXPORTS=plain keeps only the plain 1.2 export the import step needs (on the shared
  // machine wrangler dev's proxy sometimes stopped answering after the 200 MB 2.1 download).
  let exported12 = "";
  const exports = [
    ["1.2", "version=1.2"],
    ["2.1", "version=2.1"],
    ["1.2 (no glossary/QA/matches)", "version=1.2&glossary=false&qa=false&matches=false"],
  ] as const;
  const plainOnly = process.env.BENCH_EXPORTS === "plain";
  for (const [label, query] of plainOnly ? [exports[2]] : exports) {
    // The file the import step translates: the first 1.2 export.
    const keep = plainOnly || label === "1.2";
    let firstByteMs = 0;
    const t0 = performance.now();
    const r = await timed(async () => {
      const res = await call(`/api/documents/${docId}/xliff?${query}`);
      if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (bytes === 0) firstByteMs = performance.now() - t0;
        bytes += value.byteLength;
        if (keep) chunks.push(value);
      }
      if (keep) exported12 = Buffer.concat(chunks).toString("utf8");
      return bytes;
    });
    report(
      `GET xliff ${label}`,
      r.ms,
      mb(r.value),
      `${r.rssBefore.toFixed(0)} → ${r.rssPeak.toFixed(0)} MB`,
      `first byte ${firstByteMs.toFixed(0)} ms`,
    );
  }

  // 3. Import a translated version (what a CAT tool writes back: every unit translated).
  const translated = translatedXliff(exported12, docId);
  await importTwice(docId, translated, "");

  // 4. The same import with the translation memory's triggers dropped (this temp database only), to
  // separate the cost of the import's own statements from what the triggers add (since migration 0006
  // they only record changed segments in tm_pending; the index itself is the sync rows above).
  if (process.env.BENCH_WITHOUT_TM_TRIGGERS !== "0") {
    const drop = [
      "segments_tm_insert",
      "segments_tm_delete",
      "segments_tm_ar_update",
      "segments_tm_en_update",
    ]
      .map((t) => `DROP TRIGGER IF EXISTS ${t};`)
      .join(" ");
    await dev.restart(() => dev.d1Execute("--command", drop));
    workerdPids = findWorkerdPids();
    const res = await call("/api/documents/import/xliff?title=bench2", {
      method: "POST",
      headers: { "content-type": "application/xliff+xml" },
      body: source,
    });
    const doc2 = ((await res.json()) as { id: number }).id;
    const exported = await (
      await call(`/api/documents/${doc2}/xliff?glossary=false&qa=false&matches=false`)
    ).text();
    await importTwice(doc2, translatedXliff(exported, doc2), " (TM triggers dropped)", false);
  }

  console.log("| step | wall | body | workerd RSS | detail |\n| --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

main()
  .catch((err) => {
    console.error(err);
    console.log("| step | wall | body | workerd RSS | detail |\n| --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    // Keep the server log of a failed run for a look.
    try {
      writeFileSync("/tmp/xliff-d1-bench-wrangler.log", readFileSync(logPath()));
    } catch {
      // no log
    }
    process.exitCode = 1;
  })
  .finally(async () => {
    await server?.stop();
  });
