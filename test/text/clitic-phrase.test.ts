import { describe, expect, it } from "vitest";
import { cliticPhraseHighlights, prepareCliticPhrase, wordForms } from "../../src/text/clitic-phrase";
import { compareByKey } from "../../src/text/eval";
import { normalizeForSearch } from "../../src/text/normalize";
import { phrases, sentences } from "../fixtures/concordance-eval";

const texts = (text: string, q: string) =>
  cliticPhraseHighlights(text, prepareCliticPhrase(q)).map((s) => text.slice(s.start, s.end));

describe("word forms", () => {
  it("adds proclitics, the article and its contraction with ل", () => {
    const plain = wordForms("تعاون", { article: false, taMarbuta: false });
    for (const f of ["تعاون", "وتعاون", "بتعاون", "لتعاون", "فبتعاون", "التعاون", "والتعاون", "بالتعاون"])
      expect(plain, f).toContain(f);
    for (const f of ["للتعاون", "وللتعاون", "تعاونا", "وتعاونا"]) expect(plain, f).toContain(f);
    expect(plain).not.toContain("لالتعاون");
    const definite = wordForms("الارهاب", { article: true, taMarbuta: false });
    for (const f of ["الارهاب", "والارهاب", "بالارهاب", "للارهاب", "وللارهاب", "فللارهاب"])
      expect(definite, f).toContain(f);
    // A word typed with the article keeps it; no tanween alef on a definite word.
    expect(definite).not.toContain("ارهاب");
    expect(definite).not.toContain("الارهابا");
    // اللجنة with ل: three lams are written two.
    expect(wordForms("اللجنه", { article: true, taMarbuta: true })).toContain("للجنه");
  });

  it("adds the future س to imperfect verbs only, and no tanween alef after ة", () => {
    expect(wordForms("يعقد", { article: false, taMarbuta: false })).toEqual(
      expect.arrayContaining(["سيعقد", "وسيعقد", "فسيعقد"]),
    );
    expect(wordForms("لام", { article: false, taMarbuta: false })).not.toContain("سلام");
    expect(wordForms("دوله", { article: false, taMarbuta: true })).not.toContain("دولها");
  });

  it("leaves Latin words and one-letter words alone; numbers take proclitics", () => {
    expect(wordForms("geneva", { article: false, taMarbuta: false })).toEqual(["geneva"]);
    expect(wordForms("و", { article: false, taMarbuta: false })).toEqual(["و"]);
    expect(wordForms("2016", { article: false, taMarbuta: false })).toEqual(
      expect.arrayContaining(["2016", "و2016", "ال2016"]),
    );
  });

  it("reads the article from the original spelling: ألمانيا does not start with the article", () => {
    const [germany] = prepareCliticPhrase("ألمانيا").words;
    expect(germany?.forms.has("لالمانيا")).toBe(true);
    expect(germany?.forms.has("للمانيا")).toBe(false);
    const [terror] = prepareCliticPhrase("الإرهاب").words;
    expect(terror?.forms.has("للارهاب")).toBe(true);
    expect(terror?.forms.has("ارهاب")).toBe(false);
  });
});

describe("clitic-aware phrase matching", () => {
  it("finds the phrase behind proclitics and highlights whole words in the stored text", () => {
    const ar = "ناقش الأعضاء التهديدات ومُكافَحَةَ الإرهاب وبمكافحة الإرهـــاب ولمكافحة الإرهاب.";
    expect(texts(ar, "مكافحة الارهاب")).toEqual([
      "ومُكافَحَةَ الإرهاب",
      "وبمكافحة الإرهـــاب",
      "ولمكافحة الإرهاب",
    ]);
    expect(texts("دعمٌ للإرهاب، وللإرهابيين", "الإرهاب")).toEqual(["للإرهاب"]);
    expect(texts("قرار اللجنة، ثم للجنة ولجنة", "اللجنة")).toEqual(["اللجنة", "للجنة"]);
  });

  it("does not match inside other words, out of order, or across a word", () => {
    expect(texts("قيم الإسلام والسلامة المهنية", "سلام")).toEqual([]);
    expect(texts("الأمن مجلس", "مجلس الأمن")).toEqual([]);
    expect(texts("مجلس حفظ الأمن", "مجلس الأمن")).toEqual([]);
    expect(texts("مجلس الأمناء", "مجلس الأمن")).toEqual([]);
    // Punctuation between the words is allowed, as on the English side.
    expect(texts("مجلس، الأمن", "مجلس الأمن")).toEqual(["مجلس، الأمن"]);
  });

  it("keeps UTF-16 offsets of the original text (surrogate pairs before the hit)", () => {
    const ar = "😀 أكد مجلسُ الأمن";
    const [span] = cliticPhraseHighlights(ar, prepareCliticPhrase("مجلس الامن"));
    expect(span).toEqual({ start: 7, end: ar.length });
    expect(ar.slice(span!.start, span!.end)).toBe("مجلسُ الأمن");
  });
});

describe("concordance evaluation set (docs/quality.md)", () => {
  type Pair = { q: string; id: string };
  const key = (p: Pair) => `${p.q}\t${p.id}`;
  const gold: Pair[] = phrases.flatMap((p) => p.hits.map((id) => ({ q: p.q, id })));

  function evaluate(isHit: (text: string, q: string) => boolean) {
    const predicted: Pair[] = [];
    for (const p of phrases)
      for (const s of sentences) if (isHit(s.ar, p.q)) predicted.push({ q: p.q, id: s.id });
    return compareByKey(predicted, gold, key);
  }

  it("has well-formed gold", () => {
    const ids = new Set(sentences.map((s) => s.id));
    expect(ids.size).toBe(sentences.length);
    for (const p of phrases) for (const id of p.hits) expect(ids.has(id), `${p.q} ${id}`).toBe(true);
  });

  it("matches the gold with precision and recall ≥ 0.95; the substring rule does worse", () => {
    const clitic = evaluate((text, q) => cliticPhraseHighlights(text, prepareCliticPhrase(q)).length > 0);
    const substring = evaluate((text, q) => normalizeForSearch(text).includes(normalizeForSearch(q)));
    const show = (name: string, c: typeof clitic) =>
      `${name}: P ${c.score.precision.toFixed(4)} R ${c.score.recall.toFixed(4)} ` +
      `(${c.score.correct}/${c.score.predicted} predicted, ${c.score.gold} gold)\n` +
      `  false positives: ${c.falsePositives.map(key).join(" | ")}\n` +
      `  false negatives: ${c.falseNegatives.map(key).join(" | ")}`;
    console.log(
      `${phrases.length} phrases × ${sentences.length} sentences\n${show("clitic-aware", clitic)}\n${show("substring", substring)}`,
    );
    expect(clitic.score.precision).toBeGreaterThanOrEqual(0.95);
    expect(clitic.score.recall).toBeGreaterThanOrEqual(0.95);
    expect(clitic.score.f1).toBeGreaterThan(substring.score.f1);
  });
});
