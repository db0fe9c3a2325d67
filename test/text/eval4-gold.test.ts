import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { classify } from "../fixtures/eval2/classes";
import { beadType, type GoldSide } from "../fixtures/eval2/format";
import { glossaryForms } from "../fixtures/eval2/glossary-forms";
import { EVAL4_DOCS } from "../fixtures/eval4/index";

// Consistency of the gold annotation of test/fixtures/eval4 (docs/quality.md, "Evaluation set 4").
// Deliberately uses nothing of the engine (src/text): these checks were run before the engine ever saw
// the texts. Run: npx vitest run --project workers test/text/eval4-gold.test.ts

const forms = glossaryForms(env.SEED_TSV);
const ALLOWED = ["1-1", "1-2", "2-1", "1-3", "3-1", "2-2", "1-0", "0-1"];

function sideProblems(side: GoldSide): string[] {
  const out: string[] = [];
  side.sentences.forEach((s, k) => {
    const text = side.text.slice(s.start, s.end);
    if (text !== side.plain[k]) out.push(`sentence ${k}: span text differs`);
    if (text !== text.trim() || text === "") out.push(`sentence ${k}: empty or outer whitespace`);
    const next = side.sentences[k + 1];
    if (next && !/^\s+$/.test(side.text.slice(s.end, next.start))) out.push(`sentence ${k}: no space after`);
    const p = side.paragraphs[k] ?? -1;
    const q = side.paragraphs[k - 1] ?? 0;
    if (p < q || p > q + 1) out.push(`sentence ${k}: paragraph numbers not consecutive`);
  });
  let end = -1;
  for (const t of side.terms) {
    if (side.text.slice(t.start, t.end) !== t.surface) out.push(`term ${t.surface}: span text differs`);
    if (t.start < end) out.push(`term ${t.surface}: overlaps the previous term`);
    end = t.end;
    const s = side.sentences[t.sentence];
    if (!s || t.start < s.start || t.end > s.end) out.push(`term ${t.surface}: outside its sentence`);
    if (side.traps.some((x) => x.start < t.end && t.start < x.end))
      out.push(`term ${t.surface}: overlaps a trap`);
  }
  return out;
}

describe("evaluation set 4: gold annotation", () => {
  it("has one id per document across both parts, all held out", () => {
    expect(new Set(EVAL4_DOCS.map((d) => d.id)).size).toBe(EVAL4_DOCS.length);
    expect(EVAL4_DOCS.every((d) => d.half === "heldout")).toBe(true);
  });

  // The set-level checks (at least eight documents, five genres, every bead type) are added when both
  // annotators' parts have landed; until then each part's documents are checked one by one below.

  it.each(EVAL4_DOCS.map((d) => [d.id, d] as const))(
    "%s: spans, paragraphs and terms are consistent",
    (_, d) => {
      expect(sideProblems(d.ar), "ar").toEqual([]);
      expect(sideProblems(d.en), "en").toEqual([]);
    },
  );

  it.each(EVAL4_DOCS.map((d) => [d.id, d] as const))(
    "%s: beads cover each sentence once, in order",
    (_, d) => {
      expect(d.beads.flatMap((b) => b.ar)).toEqual(d.ar.sentences.map((_, k) => k));
      expect(d.beads.flatMap((b) => b.en)).toEqual(d.en.sentences.map((_, k) => k));
      for (const b of d.beads) {
        expect(b.ar.length + b.en.length).toBeGreaterThan(0);
        expect(ALLOWED).toContain(beadType(b));
      }
    },
  );

  it.each(EVAL4_DOCS.map((d) => [d.id, d] as const))(
    "%s: each term is a form of its glossary entry (or tagged with its inflection)",
    (_, d) => {
      const problems: string[] = [];
      for (const lang of ["ar", "en"] as const) {
        for (const t of d[lang].terms) {
          const f = forms.get(t.key);
          if (!f) {
            problems.push(`${t.key} is not a key of glossary/diplomatic.tsv`);
            continue;
          }
          const c = classify(t.surface, lang, f[lang], t.tags);
          if (c.problem) problems.push(`${lang} ${t.key}: ${c.problem}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
