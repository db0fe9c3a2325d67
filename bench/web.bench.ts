// Glossary web editor: server-side render time and size of the glossary list page with the seed termbase
// (~340 entries). Renders the same components the Worker serves (Layout + GlossaryPage) from the seed
// entries, first page (50 entries) and, for scale, all entries on one page. Run: npm run bench web
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";
import type { GlossaryEntry } from "../src/types";
import { renderGlossaryPage } from "./web-render";

const root = path.resolve(import.meta.dirname, "..");
const seed = parseGlossaryTsv(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8"));
const entries: GlossaryEntry[] = seed.map((e, i) => ({
  id: i + 1,
  domain: e.domain,
  definition: e.definition,
  note: e.note,
  source: e.source,
  terms: e.terms,
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
}));
const domains = [...new Set(entries.map((e) => e.domain))].sort();

const render = (list: GlossaryEntry[], hasMore: boolean) => renderGlossaryPage(list, domains, hasMore);

async function measure(label: string, list: GlossaryEntry[], hasMore: boolean) {
  const runs = 300;
  for (let i = 0; i < 30; i++) await render(list, hasMore);
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    html = await render(list, hasMore);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(html);
  const gz = gzipSync(html).byteLength;
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    `${label.padEnd(34)} median ${p(0.5)} ms  p95 ${p(0.95)} ms  html ${(bytes / 1024).toFixed(1)} KB  gzip ${(gz / 1024).toFixed(1)} KB`,
  );
}

console.log(`seed entries: ${entries.length}, terms: ${entries.reduce((n, e) => n + e.terms.length, 0)}`);
await measure("first page (50 entries)", entries.slice(0, 50), true);
await measure(`all entries on one page (${entries.length})`, entries, false);
