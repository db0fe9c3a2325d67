// A V8 CPU profile of the Worker in `wrangler dev`, through wrangler's inspector proxy (Chrome DevTools
// Protocol over WebSocket: GET /json names the Worker's target), and its split per source file of the bundle
// wrangler serves (esbuild marks each module's code with a `// path` line). Used by bench/web-review.bench.ts
// (BENCH_PROFILE=dir) to say where a request's CPU goes rather than guess. Node 20's WebSocket needs the
// --experimental-websocket flag (scripts/bench.mjs passes it).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A connection to the Worker's V8 inspector with the profiler enabled, sampling every `intervalUs`. */
export async function connectProfiler(inspectorPort: number, intervalUs = 100) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error("the inspector lists no Worker");
  if (typeof WebSocket !== "function")
    throw new Error("no WebSocket: run Node with --experimental-websocket");
  // wrangler's inspector proxy wants an Origin it trusts (a browser's DevTools on localhost); Node's WebSocket
  // (undici) sends none unless told, but takes headers as its second argument.
  const init = { headers: { origin: "http://localhost" } } as unknown as string[];
  const ws = new WebSocket(target.webSocketDebuggerUrl, init);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  let lastId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const m = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
    if (m.id !== undefined) pending.delete(m.id);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++lastId;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: intervalUs });
  return {
    start: () => send("Profiler.start"),
    stop: async () => ((await send("Profiler.stop")) as { profile: CpuProfile }).profile,
    close: () => ws.close(),
  };
}

/** The newest bundle `wrangler dev` wrote for the project at `root` (.wrangler/tmp/dev-*\/index.js). */
export function devBundle(root: string): string {
  const tmp = path.join(root, ".wrangler", "tmp");
  const bundles = readdirSync(tmp)
    .map((d) => path.join(tmp, d, "index.js"))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!bundles[0]) throw new Error(`no bundle under ${tmp}`);
  return readFileSync(bundles[0], "utf8");
}

/**
 * Milliseconds of CPU sampled in the Worker's isolate (idle left out), per source file, self and total
 * (a file's total: samples with one of its functions on the stack), and self per function. A gap longer
 * than `maxGapMs` between two samples is time the sampler did not see (the thread waiting): left out.
 */
export function splitProfile(profile: CpuProfile, bundle: string, maxGapMs = 20) {
  const fileAtLine: string[] = [];
  let file = "(bundle's prelude)";
  bundle.split("\n").forEach((line, i) => {
    const m = /^\/\/ ((?:src|node_modules|\.\.\/)\S*\.[cm]?[jt]sx?)$/.exec(line);
    if (m?.[1]) file = m[1].replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, "npm:$1");
    fileAtLine[i] = file;
  });
  const fileOf = (cf: CallFrame) =>
    cf.url === "index.js" ? (fileAtLine[cf.lineNumber] ?? "?") : cf.url || cf.functionName;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfFile = new Map<string, number>();
  const totalFile = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  let sampled = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const cf = byId.get(id)?.callFrame;
    if (!cf || cf.functionName === "(idle)" || ms > maxGapMs) return;
    sampled += ms;
    add(selfFile, fileOf(cf), ms);
    add(selfFunction, `${cf.functionName || "(anonymous)"} ${fileOf(cf)}:${cf.lineNumber + 1}`, ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = fileOf(byId.get(at)!.callFrame);
      if (!seen.has(f)) add(totalFile, f, ms);
      seen.add(f);
    }
  });
  return { sampled, selfFile, totalFile, selfFunction };
}

/** The largest entries of a split's map, "12.3 name" per line. */
export function top(m: Map<string, number>, n: number): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`)
    .join("\n");
}
