// Document review page (issue 15): a ~500-segment document's /documents/:id through `wrangler dev` (workerd,
// local D1, seed glossary), signed in through the web form like a browser. The document is made from the
// Arabic and English texts of evaluation set 2 (real genres, aligned by Diwan: scores, flagged beads, QA),
// repeated until it has at least 500 segments. Reports wall time per request on loopback (an upper bound of
// the server's time: the Worker's own clocks only advance across I/O), the HTML size and its gzip size
// (what Cloudflare sends to a browser accepting gzip), and the same for /health as the floor of a request.
// "first" is the first request of each page (the per-segment analysis cache of review-analysis.ts is cold for
// the first page; the median is over warm requests), with its own workerd CPU time. The document repeats
// the set's texts, so the second page's beads are mostly in that cache already: the cold cases are measured
// apart at the end (after a glossary edit; a fresh isolate). Wall time on a shared machine is mostly waiting for a
// core, so the bench also reads the CPU time the server's processes spent on the warm requests (Linux
// /proc/<pid>/task/*/schedstat, nanoseconds), per request: the Worker's workerd process (the Worker and its
// local D1, which runs in the same process) — the server time — and what a deployed Worker does not have:
// wrangler's proxy in front of it (ProxyWorker, a second workerd process, the one on the port requests are
// sent to) and wrangler's node process. "workerd" is the two workerd processes together, the figure of the
// bench before 2026-12-06 21:00. BENCH_PROFILE=dir: after the figures, one more fresh isolate whose first
// and second requests are profiled (V8 CPU profiles in dir, and their split per source file printed).
// The first visit with an empty cache adds the script and styles the page names (their gzip sizes, and the
// total). Run: npm run bench web-review (BENCH_BYTES_ONLY=1: sizes only; BENCH_DUMP=file: the page's HTML).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { EVAL2_DOCS } from "../test/fixtures/eval2";
import { startWranglerDev } from "../test/support/wrangler-dev";
import { connectProfiler, devBundle, splitProfile, top } from "./lib/cpu-profile";

const ROOT = resolve(import.meta.dirname, "..");
const TARGET = Number(process.env.BENCH_SEGMENTS ?? 500);
const RUNS = 40;

const dev = await startWranglerDev({
  tempPrefix: "diwan-bench-review-",
  adminToken: "bench-admin",
  seedGlossary: true,
  logLevel: "warn",
});
try {
  // The texts, paragraphs kept, repeated until the aligned document has at least TARGET segments (beads:
  // fewer than the Arabic sentences where the aligner joins some), the first that reaches it.
  const ar: string[] = [];
  const en: string[] = [];
  let doc: { id: number; segmentCount: number } | undefined;
  let sentences = 0;
  for (let i = 0; !doc || doc.segmentCount < TARGET; i++) {
    const text = EVAL2_DOCS[i % EVAL2_DOCS.length]!;
    ar.push(text.ar.text);
    en.push(text.en.text);
    sentences += text.ar.sentences.length;
    if (sentences < TARGET) continue; // no fewer Arabic sentences than beads
    if (doc) await dev.request(`/api/documents/${doc.id}`, { method: "DELETE" });
    const created = await dev.request("/api/documents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Review bench", ar: ar.join("\n\n"), en: en.join("\n\n") }),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    doc = (await created.json()) as { id: number; segmentCount: number };
  }

  // Sign in as a browser does: the session cookie and the page's Origin.
  const login = await fetch(`${dev.base}/login`, {
    method: "POST",
    headers: { origin: dev.base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: "bench-admin", next: "/documents" }),
    redirect: "manual",
  });
  const cookie = /^([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  const session: string = cookie;

  /**
   * Which of wrangler dev's two workerd processes `pid` is: "proxy" (wrangler's ProxyWorker, listening on the
   * port the requests are sent to) or "worker" (the Worker and its local D1, on a port of its own).
   */
  function workerdRole(pid: string): "proxy" | "worker" {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return args.includes(`--socket-addr=entry=127.0.0.1:${dev.port}`) ? "proxy" : "worker";
  }

  /**
   * CPU milliseconds spent so far by the server's processes (its process group), by command name, and for
   * workerd also by role ("worker", "proxy": workerdRole).
   */
  function serverCpu(): Map<string, number> {
    const out = new Map<string, number>();
    for (const pid of readdirSync("/proc").filter((p) => /^[0-9]+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(fields[2]) !== dev.pid) continue; // the process group wrangler dev leads
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        let ns = 0;
        for (const task of readdirSync(`/proc/${pid}/task`))
          ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
        for (const name of comm === "workerd" ? ["workerd", workerdRole(pid)] : [comm])
          out.set(name, (out.get(name) ?? 0) + ns / 1e6);
      } catch {
        // a process that ended meanwhile
      }
    }
    return out;
  }

  /** The workerd CPU between two readings: the Worker's (server time), wrangler's proxy's, both together. */
  function cpuSplit(before: Map<string, number>, after: Map<string, number>): string {
    const ms = (k: string) => ((after.get(k) ?? 0) - (before.get(k) ?? 0)).toFixed(1);
    return `Worker ${ms("worker")} ms (+ wrangler's proxy ${ms("proxy")} = workerd ${ms("workerd")} ms)`;
  }

  async function measure(label: string, path: string, headers: Record<string, string> = {}) {
    let html = "";
    const times: number[] = [];
    let first = 0;
    let cpuBefore = serverCpu();
    let firstCpu = "";
    for (let i = 0; i < RUNS + 5; i++) {
      if (i === 1) firstCpu = cpuSplit(cpuBefore, serverCpu());
      if (i === 5) cpuBefore = serverCpu();
      const t0 = performance.now();
      const res = await fetch(`${dev.base}${path}`, { headers: { cookie: session, ...headers } });
      html = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i === 0) first = performance.now() - t0;
      if (i >= 5) times.push(performance.now() - t0);
    }
    const cpuAfter = serverCpu();
    const cpu = (comm: string) =>
      `${(((cpuAfter.get(comm) ?? 0) - (cpuBefore.get(comm) ?? 0)) / RUNS).toFixed(1)} ms`;
    const perRun = (m: Map<string, number>) => new Map([...m].map(([k, ms]) => [k, ms / RUNS]));
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `${label.padEnd(40)} first ${first.toFixed(1)} ms (CPU ${firstCpu})  median ${q(0.5)} ms  p95 ${q(0.95)} ms  html ${kb(Buffer.byteLength(html))}  gzip ${kb(gzipSync(html).byteLength)}  brotli ${kb(brotliCompressSync(html).byteLength)}  CPU per request: ${cpuSplit(perRun(cpuBefore), perRun(cpuAfter))}, node ${cpu("node")}`,
    );
    return html;
  }

  /**
   * A first visit with an empty cache: the page and the script and styles it names (each fetched once, then
   * cached by its ?v= address), gzip at the level of the page's figure, and their total.
   */
  async function firstVisit(page: string) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    let total = gzipSync(page).byteLength;
    const parts = [`html ${kb(total)}`];
    for (const [, address] of page.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)) {
      const res = await fetch(`${dev.base}${address}`);
      if (res.status !== 200) throw new Error(`${address}: ${res.status}`);
      const body = await res.text();
      const gz = gzipSync(body).byteLength;
      total += gz;
      parts.push(`${address} ${kb(Buffer.byteLength(body))} → ${kb(gz)}`);
    }
    console.log(`first visit, empty cache: gzip ${kb(total)} (${parts.join("; ")})`);
    const list = /<section class="terms-on-page".*?<\/section>/s.exec(page)?.[0] ?? "";
    console.log(`  of the html, the list of terms: gzip ${kb(gzipSync(list).byteLength)}`);
  }

  console.log(
    `document: ${doc.segmentCount} segments; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await measure("/health (floor of a request)", "/health");
  const html = await measure(`review page, ${doc.segmentCount} segments`, `/documents/${doc.id}`);
  await firstVisit(html);
  // BENCH_BYTES_ONLY=1: the sizes only (the page's markup being worked on), none of the timings below.
  if (process.env.BENCH_BYTES_ONLY) {
    if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, html);
    await dev.stop();
    process.exit(0);
  }
  // The second page of 200 (the rows after the first page's last position).
  const lastPos = [...html.matchAll(/rel="next" data-page="next"/g)].length
    ? Number(/from=([0-9]+)" rel="next"/.exec(html)?.[1])
    : null;
  if (lastPos !== null) await measure("review page, second page", `/documents/${doc.id}?from=${lastPos}`);
  await measure("review page, needs review only", `/documents/${doc.id}?filter=review`);
  await measure("review page, Arabic interface", `/documents/${doc.id}`, { "accept-language": "ar" });
  // The cold cases, one request each (repeated): after a glossary edit (the matcher is rebuilt and every
  // bead's terms and QA computed again), and in a fresh isolate (wrangler dev restarted: the module loaded
  // by /health, nothing else; the glossary matcher built and every analysis made by this request).
  /**
   * A fresh isolate's first and second requests of `path`, then the first after a term edit (a term added to
   * entry 1, then the original terms put back), profiled (bench/lib/cpu-profile.ts).
   */
  async function profileFreshIsolate(dir: string, path: string) {
    await dev.restart();
    const bundle = devBundle(ROOT);
    const profiler = await connectProfiler(dev.inspectorPort);
    const profiled = async (which: string, before?: () => Promise<void>) => {
      await before?.();
      await profiler.start();
      await firstRequest(`profiled, ${which}`, path);
      const profile = await profiler.stop();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `review-${which.replace(/\W+/g, "-")}.cpuprofile`), JSON.stringify(profile));
      const split = splitProfile(profile, bundle);
      console.log(`  sampled in the Worker's isolate: ${split.sampled.toFixed(1)} ms; per file, self:`);
      console.log(top(split.selfFile, 15));
      console.log("  per file, total (a function of the file on the stack):");
      console.log(top(split.totalFile, 12));
      console.log("  per function, self:");
      console.log(top(split.selfFunction, 15));
    };
    try {
      await profiled("fresh isolate: first");
      await profiled("fresh isolate: second");
      // As the figures' third term edit: a term added and removed, unprofiled, before the one profiled.
      const added = (term: string) => () =>
        edit(() => ({ terms: [...original.terms, { lang: "en", text: term, status: "admitted" }] }), 0);
      for (const change of [
        added("review bench term P1"),
        () => edit(() => ({ terms: original.terms }), 0),
      ]) {
        await change();
        await firstRequest("  (unprofiled: a term edit before)", path);
      }
      await profiled("after a term edit", added("review bench term P2"));
      await edit(() => ({ terms: original.terms }), 0);
    } finally {
      profiler.close();
    }
  }
  async function firstRequest(label: string, path: string) {
    const before = serverCpu();
    const t0 = performance.now();
    const res = await fetch(`${dev.base}${path}`, { headers: { cookie: session } });
    await res.text();
    const wall = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    console.log(
      `${label.padEnd(40)} wall ${wall.toFixed(1)} ms  CPU ${cpuSplit(before, serverCpu())}  (load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
  // Two kinds of edit: an entry's note (the matcher's input unchanged: src/db/matcher.ts keeps the matcher
  // and the analyses made with it) and an entry's terms (a term added, then removed: matcher rebuilt, every
  // analysis made again), the worst case of an edit.
  const edit = async (change: (entry: { terms: unknown[] }, i: number) => object, i: number) => {
    const got = await dev.request("/api/glossary/1");
    const entry = (await got.json()) as { terms: unknown[] };
    const edited = await dev.request("/api/glossary/1", {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": got.headers.get("etag") ?? "" },
      body: JSON.stringify(change(entry, i)),
    });
    if (edited.status !== 200) throw new Error(`glossary edit: ${edited.status} ${await edited.text()}`);
  };
  const original = (await (await dev.request("/api/glossary/1")).json()) as { terms: unknown[] };
  for (let i = 0; i < 3; i++) {
    await edit((_, n) => ({ note: `Review bench edit ${n}` }), i);
    await firstRequest("review page after a note edit", `/documents/${doc.id}`);
  }
  for (let i = 0; i < 3; i++) {
    await edit(
      (_, n) =>
        n % 2 === 0
          ? { terms: [...original.terms, { lang: "en", text: `review bench term ${n}`, status: "admitted" }] }
          : { terms: original.terms },
      i,
    );
    await firstRequest("review page after a term edit", `/documents/${doc.id}`);
  }
  for (let i = 0; i < 2; i++) {
    await dev.restart();
    await firstRequest("review page, fresh isolate", `/documents/${doc.id}`);
    await firstRequest("  its second request", `/documents/${doc.id}`);
  }
  if (process.env.BENCH_PROFILE) await profileFreshIsolate(process.env.BENCH_PROFILE, `/documents/${doc.id}`);
  if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, html);
  // How much of that is the segments' own text (what no markup change can remove).
  const texts = [...html.matchAll(/<td lang="(?:en|ar)" dir="(?:ltr|rtl)">(.*?)<\/td>/g)]
    .map((m) => m[1])
    .join("\n");
  console.log(`the segments' text alone: gzip ${(gzipSync(texts).byteLength / 1024).toFixed(1)} KB`);
  const rows = html.match(/<tr id="s\d+"/g)?.length ?? 0;
  console.log(`rows on the page: ${rows}; flagged: ${html.match(/class="flag"/g)?.length ?? 0}`);
  console.log(
    `load after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
} finally {
  await dev.stop();
}
