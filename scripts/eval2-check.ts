/**
 * Annotation aid for test/fixtures/eval2 (run: npx tsx scripts/eval2-check.ts [doc-id…]).
 * Independent of the engine (src/text): checks the gold's structure and consistency, and prints a
 * concordance of glossary-like words that are neither annotated as terms nor marked as traps, for the
 * annotator to decide. Prints the set's size (sentences, beads per type, term occurrences per class).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { classify, foldArabic } from "../test/fixtures/eval2/classes";
import { beadType, type GoldDoc, type GoldSide } from "../test/fixtures/eval2/format";
import { glossaryForms } from "../test/fixtures/eval2/glossary-forms";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";

type Lang = "ar" | "en";
const root = path.join(import.meta.dirname, "..");
const forms = glossaryForms(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8"));

const only = new Set(process.argv.slice(2));
const problems: string[] = [];
const notes: string[] = [];

function checkSide(doc: GoldDoc, lang: Lang, side: GoldSide): void {
  const where = `${doc.id} ${lang}`;
  side.sentences.forEach((s, k) => {
    const t = side.text.slice(s.start, s.end);
    if (t !== side.plain[k]) problems.push(`${where} #${k}: span text differs`);
    if (t !== t.trim()) problems.push(`${where} #${k}: sentence has outer whitespace`);
    const next = side.sentences[k + 1];
    if (next && !/^\s+$/.test(side.text.slice(s.end, next.start)))
      problems.push(`${where} #${k}: no whitespace between sentences`);
  });
  let prevEnd = -1;
  for (const t of side.terms) {
    if (side.text.slice(t.start, t.end) !== t.surface) problems.push(`${where}: term span text differs`);
    if (t.start < prevEnd) problems.push(`${where}: overlapping terms at ${t.start}`);
    prevEnd = t.end;
    const f = forms.get(t.key);
    if (!f) {
      problems.push(`${where}: unknown key ${t.key}`);
      continue;
    }
    const c = classify(t.surface, lang, f[lang], t.tags);
    if (c.problem) problems.push(`${where} #${t.sentence}: ${t.key}: ${c.problem}`);
    if (/^\s|\s$/.test(t.surface)) problems.push(`${where}: term with outer space "${t.surface}"`);
  }
}

// ---- concordance: glossary words not annotated ----
const AR_STRIP = /^[وف]?(?:لل|[بك]?ال|[بكل])?/;
function arWords(text: string): { w: string; start: number; end: number }[] {
  const out: { w: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\u0640\d]+/gu)) {
    const start = m.index ?? 0;
    out.push({ w: foldArabic(m[0]), start, end: start + m[0].length });
  }
  return out;
}
function arCore(word: string): string {
  const folded = foldArabic(word);
  const stripped = folded.replace(AR_STRIP, "");
  return stripped.length >= 2 ? stripped : folded;
}
function arLoose(textWord: string, formWord: string): boolean {
  const cores = [textWord, textWord.replace(AR_STRIP, "")];
  const f = formWord.replace(/^ال/, "");
  if (f.length < 2) return false;
  const stems = [f];
  if (f.endsWith("ه") || f.endsWith("ي")) stems.push(f.slice(0, -1));
  if (f.endsWith("ون") || f.endsWith("ين")) stems.push(f.slice(0, -2));
  return cores.some((c) => stems.some((s) => (s.length >= 3 ? c.startsWith(s) : c === s)));
}

interface Hit {
  start: number;
  end: number;
  key: string;
}
function arConcordance(text: string): Hit[] {
  const words = arWords(text);
  const hits: Hit[] = [];
  for (const [key, f] of forms) {
    for (const form of f.ar) {
      const fw = foldArabic(form).split(" ").map(arCore);
      for (let i = 0; i + fw.length <= words.length; i++) {
        const run = words.slice(i, i + fw.length);
        if (!run.every((w, k) => arLoose(w.w, fw[k] as string))) continue;
        hits.push({ start: run[0]?.start ?? 0, end: run[run.length - 1]?.end ?? 0, key });
      }
    }
  }
  return hits;
}
function enConcordance(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const [key, f] of forms) {
    for (const form of f.en) {
      const parts = form
        .toLowerCase()
        .split(/[\s-]+/)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const body = parts
        .map((w) => (w.endsWith("y") ? `(?:${w}|${w.slice(0, -1)}ies)` : `${w}(?:s|es)?`))
        .join("[\\s-]*");
      const re = new RegExp(`(?<![\\p{L}\\d])${body}(?:'s|’s)?(?![\\p{L}\\d])`, "giu");
      for (const m of text.matchAll(re))
        hits.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, key });
    }
  }
  return hits;
}

function concordance(doc: GoldDoc, lang: Lang, side: GoldSide): void {
  const hits = lang === "ar" ? arConcordance(side.text) : enConcordance(side.text);
  const covered = (h: Hit) =>
    side.terms.some((t) => t.start <= h.start && h.end <= t.end) ||
    side.traps.some((t) => t.start <= h.start && h.end <= t.end);
  const seen = new Set<string>();
  for (const h of hits.sort((a, b) => a.start - b.start)) {
    if (covered(h)) continue;
    const id = `${h.start}-${h.end}-${h.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const sentence = side.sentences.findIndex((s) => s.start <= h.start && h.start < s.end);
    const ctx = side.text
      .slice(Math.max(0, h.start - 25), Math.min(side.text.length, h.end + 25))
      .replace(/\n/g, "⏎");
    notes.push(
      `${doc.id} ${lang} #${sentence} unannotated? ${h.key}: "${side.text.slice(h.start, h.end)}" … ${ctx}`,
    );
  }
}

type Counts = {
  docs: number;
  sentences: { ar: number; en: number };
  beads: Map<string, number>;
  terms: { ar: Map<string, number>; en: Map<string, number> };
  termTotal: { ar: number; en: number };
  traps: { ar: number; en: number };
};
const newCounts = (): Counts => ({
  docs: 0,
  sentences: { ar: 0, en: 0 },
  beads: new Map<string, number>(),
  terms: { ar: new Map<string, number>(), en: new Map<string, number>() },
  termTotal: { ar: 0, en: 0 },
  traps: { ar: 0, en: 0 },
});
const byHalf = new Map<string, Counts>([["all", newCounts()]]);
for (const doc of EVAL2_DOCS) {
  if (only.size > 0 && !only.has(doc.id)) continue;
  if (!byHalf.has(doc.half)) byHalf.set(doc.half, newCounts());
  const targets = [byHalf.get("all") as Counts, byHalf.get(doc.half) as Counts];
  checkDoc(doc, targets);
}

function checkDoc(doc: GoldDoc, targets: Counts[]): void {
  for (const counts of targets) countDoc(doc, counts);
  const covered = { ar: doc.beads.flatMap((b) => b.ar), en: doc.beads.flatMap((b) => b.en) };
  for (const lang of ["ar", "en"] as const) {
    const side = doc[lang];
    const expect = side.sentences.map((_, k) => k).join(",");
    if (covered[lang].join(",") !== expect)
      problems.push(
        `${doc.id}: beads do not cover ${lang} sentences 0..${side.sentences.length - 1} in order`,
      );
    checkSide(doc, lang, side);
    concordance(doc, lang, side);
  }
  for (const b of doc.beads)
    if (b.ar.length === 0 && b.en.length === 0) problems.push(`${doc.id}: empty bead`);
}

function countDoc(doc: GoldDoc, counts: Counts): void {
  counts.docs++;
  for (const lang of ["ar", "en"] as const) {
    const side = doc[lang];
    counts.sentences[lang] += side.sentences.length;
    counts.traps[lang] += side.traps.length;
    for (const t of side.terms) {
      counts.termTotal[lang]++;
      const f = forms.get(t.key);
      if (!f) continue;
      for (const c of classify(t.surface, lang, f[lang], t.tags).classes)
        counts.terms[lang].set(c, (counts.terms[lang].get(c) ?? 0) + 1);
    }
  }
  for (const b of doc.beads) {
    counts.beads.set(beadType(b), (counts.beads.get(beadType(b)) ?? 0) + 1);
  }
}

for (const n of notes) console.log(n);
for (const [half, counts] of byHalf) {
  console.log(
    `\n[${half}] ${counts.docs} documents, sentences ar ${counts.sentences.ar} / en ${counts.sentences.en}`,
  );
  console.log(
    `beads ${[...counts.beads.values()].reduce((a, b) => a + b, 0)}: ${[...counts.beads]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  for (const lang of ["ar", "en"] as const)
    console.log(
      `terms ${lang}: ${counts.termTotal[lang]} (${[...counts.terms[lang]]
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}); traps ${counts.traps[lang]}`,
    );
}
if (problems.length > 0) {
  console.log(`\n${problems.length} PROBLEMS:`);
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = 1;
}
