// Bead operations on a 500-segment document, end to end through local D1: `wrangler dev` (workerd + local D1
// in a temp directory, a prebuilt bundle, seed glossary loaded) on a loopback port. Each operation runs
// ROUNDS times at spread positions of the document (positions after the run shift on every merge/split);
// reports the median and the slowest wall time of the HTTP request (If-Match read not included).
// Run: npm run bench document-beads
import { cpus, loadavg } from "node:os";
import { startWranglerDev, type WranglerDev } from "../test/support/wrangler-dev";

const N = Number(process.env.BENCH_SEGMENTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const AR = [
  "أكد الأمين العام للأمم المتحدة أن مجلس الأمن سيعقد جلسة طارئة يوم 12 لبحث الوضع.",
  "رحب وزير الخارجية بالبيان المشترك الصادر عن القمة ودعا إلى وقف إطلاق النار فوراً.",
  "ستستأنف المفاوضات في جنيف الأسبوع المقبل بمشاركة الأطراف المعنية كافة.",
  "أعربت الجمعية العامة عن قلقها إزاء الوضع الإنساني في المنطقة.",
];
const EN = [
  "The Secretary-General of the United Nations said the Security Council would meet on the 12th.",
  "The Minister for Foreign Affairs welcomed the joint statement and called for an immediate ceasefire.",
  "Negotiations will resume in Geneva next week with all parties concerned.",
  "The General Assembly expressed concern about the humanitarian situation in the region.",
];

let server: WranglerDev | undefined;

interface Seg {
  id: number;
  ar: string;
  en: string | null;
}

async function call(pathname: string, init: RequestInit = {}): Promise<Response> {
  if (!server) throw new Error("wrangler dev is not running");
  return server.request(pathname, init);
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function segments(doc: number): Promise<Seg[]> {
  return (await json<{ items: Seg[] }>(await call(`/api/documents/${doc}/segments?limit=500`))).items;
}

async function version(doc: number): Promise<number> {
  return (await json<{ version: number }>(await call(`/api/documents/${doc}`))).version;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const rows: [string, number[]][] = [];

/** Times `ROUNDS` requests built by `make(round, segments)`; the If-Match version is read before the clock. */
async function bench(
  name: string,
  doc: number,
  make: (round: number, segs: Seg[]) => { path: string; body?: unknown },
  rounds = ROUNDS,
): Promise<number[]> {
  const times: number[] = [];
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const segs = await segments(doc);
    const v = await version(doc);
    const { path, body } = make(r, segs);
    const t0 = performance.now();
    const res = await call(`/api/documents/${doc}${path}`, {
      method: "POST",
      headers: { "if-match": `"v${v}"`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const out = await json<{ operation: number }>(res);
    times.push(performance.now() - t0);
    results.push(out.operation);
  }
  rows.push([name, times]);
  return results;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  server = await startWranglerDev({
    tempPrefix: "diwan-beads-bench-",
    adminToken: "bench-token",
    bundleAs: "diwan-beads-bench",
    seedGlossary: true,
  });
  const body = {
    title: "bench",
    segments: Array.from({ length: N }, (_, i) => ({
      ar: `${AR[i % 4]} ${AR[(i + 1) % 4]}`,
      en: `${EN[i % 4]} ${EN[(i + 1) % 4]}`,
    })),
  };
  const created = await json<{ id: number }>(
    await call("/api/documents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  const doc = created.id;
  const at = (r: number, segs: Seg[]) => segs[Math.floor(((r + 0.5) / ROUNDS) * (segs.length - 2))] as Seg;
  await bench("split (sentence 1 of both sides)", doc, (r, segs) => ({
    path: `/segments/${at(r, segs).id}/split`,
    body: { ar: { sentence: 1 }, en: { sentence: 1 } },
  }));
  await bench("merge with next", doc, (r, segs) => ({ path: `/segments/${at(r, segs).id}/merge` }));
  await bench("move last English sentence to next", doc, (r, segs) => ({
    path: `/segments/${at(r, segs).id}/move`,
    body: { lang: "en", sentence: "last" },
  }));
  const unpaired = await bench("unpair", doc, (r, segs) => ({ path: `/segments/${at(r, segs).id}/unpair` }));
  let k = unpaired.length;
  await bench("undo (the unpairs, newest first)", doc, () => ({ path: `/history/${unpaired[--k]}/undo` }));
  await bench("re-align a run of 20 segments", doc, (r, segs) => {
    const i = Math.floor(((r + 0.5) / ROUNDS) * (segs.length - 21));
    return { path: "/realign", body: { from: (segs[i] as Seg).id, to: (segs[i + 19] as Seg).id } };
  });
  await bench(
    "approve all segments",
    doc,
    (r, segs) => ({
      path: "/status",
      body: {
        from: (segs[0] as Seg).id,
        to: (segs[segs.length - 1] as Seg).id,
        status: r % 2 ? "reviewed" : "approved",
      },
    }),
    5,
  );
  await bench(
    "re-align the whole document",
    doc,
    (_r, segs) => ({
      path: "/realign",
      body: { from: (segs[0] as Seg).id, to: (segs[segs.length - 1] as Seg).id },
    }),
    3,
  );
  console.log(
    `\n${N}-segment document, ${ROUNDS} rounds (fewer for whole-document rows), wall ms over loopback`,
  );
  console.log("| operation | median ms | max ms |\n| --- | --- | --- |");
  for (const [name, t] of rows)
    console.log(`| ${name} | ${median(t).toFixed(1)} | ${Math.max(...t).toFixed(1)} |`);
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => server?.stop());
