// Text extraction from document files (issue 15): a real .docx (Apache POI's 533-paragraph calendar, 47 KB)
// and a real web page (Readability's hukumusume, 24 KB), then large Diwan-built files: a .docx of 5,000
// Arabic paragraphs and an HTML page of the same text. Median of repeated runs; load and date printed.
// Run: npm run bench document-files
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { docxToText } from "../src/formats/docx";
import { htmlToText } from "../src/formats/html";
import { docxOfParagraphs } from "../test/support/docx";

const fixtures = path.resolve(import.meta.dirname, "../test/fixtures/documents");
const read = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));
const PARAGRAPH =
  "أكد الوزير أن المفاوضات ستستأنف في جنيف الأسبوع المقبل بمشاركة الأطراف المعنية كافة، وأن الوفود ستبحث سبل تعزيز التعاون.";

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const paragraphs = Array.from({ length: 5_000 }, (_, i) => `${PARAGRAPH} (${i + 1})`);
const bigDocx = docxOfParagraphs(paragraphs, true);
const bigHtml = new TextEncoder().encode(
  `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>t</title></head><body>${paragraphs
    .map((p, i) => (i % 10 === 0 ? `<h2>${p}</h2>` : `<p>${p.replace("جنيف", "<b>جنيف</b>")}</p>`))
    .join("\n")}</body></html>`,
);

const cases: {
  name: string;
  bytes: Uint8Array;
  run: (b: Uint8Array) => { paragraphs: number; text: string };
}[] = [
  { name: "POI calendar .docx (real)", bytes: read("poi-bib-chernigovka.docx"), run: docxToText },
  {
    name: "Readability hukumusume .html (real)",
    bytes: read("readability-hukumusume.html"),
    run: htmlToText,
  },
  { name: "5,000 Arabic paragraphs .docx", bytes: bigDocx, run: docxToText },
  { name: "5,000 Arabic paragraphs .html", bytes: bigHtml, run: htmlToText },
];

console.log(
  `${new Date().toISOString()} · ${cpus()[0]?.model} ×${cpus().length} · load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log("file | bytes | paragraphs | characters | median ms | MB/s (file)");
for (const c of cases) {
  const out = c.run(c.bytes);
  const ms = median(() => c.run(c.bytes), c.bytes.length > 1_000_000 ? 5 : 21);
  const mbps = c.bytes.length / 1e6 / (ms / 1000);
  console.log(
    `${c.name} | ${c.bytes.length} | ${out.paragraphs} | ${out.text.length} | ${ms.toFixed(1)} | ${mbps.toFixed(1)}`,
  );
}
