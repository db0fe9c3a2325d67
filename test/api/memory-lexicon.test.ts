// The memory teaches the aligner: word pairs learned from approved segments (src/db/memory-lexicon.ts)
// anchor the alignment of documents created afterwards.
import { describe, expect, it } from "vitest";
import { memoryLexicon } from "../../src/db/memory-lexicon";
import { englishLexiconKey } from "../../src/text/align-lexicon";
import { api, createDoc, jsonOf, segmentsOf, setSegment, unique, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";

// Made-up words, new to the memory on every run. Arabic: four letters none of which the lexicon's stemmer
// strips (no proclitic or article first, no plural/dual/feminine ending).
const AR_LETTERS = "جدرسصطعغقمحخزشض";
function arabicWord(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (b) => AR_LETTERS[b % AR_LETTERS.length]).join("");
}

async function createFromTexts(ar: string, en: string) {
  const res = await api("/api/documents", { method: "POST", body: { title: unique("lexicon "), ar, en } });
  expect(res.status, await res.clone().text()).toBe(201);
  return segmentsOf((await jsonOf<{ id: number }>(res)).id);
}

describe("the aligner learns from the memory's approved segments", () => {
  it("a document created after the memory approved pairs with its words is aligned by them", async () => {
    // Three Arabic sentences, the middle one left untranslated; by their lengths the first two look like
    // one bead (2-1). Each sentence holds made-up words the memory will teach (two, one, two).
    const sentences = [2, 1, 2].map((n) =>
      Array.from({ length: n }, () => ({ ar: arabicWord(), en: uniqueLetters(7) })),
    );
    const words = sentences.flat();
    const arOf = (ws: { ar: string }[]) => `تعاون في مجال ${ws.map((w) => w.ar).join(" و")} والنقل.`;
    const enOf = (ws: { en: string }[]) =>
      `Cooperation on ${ws.map((w) => w.en).join(" and ")} and transport.`;
    const ar = sentences.map(arOf).join(" ");
    const en = [sentences[0], sentences[2]].map((ws) => enOf(ws ?? [])).join(" ");
    const pairsOf = (segs: { ar: string; en: string | null }[]) =>
      segs.map((s) => [s.ar.trim(), s.en?.trim() || null]);
    const expected = [
      [arOf(sentences[0] ?? []), enOf(sentences[0] ?? [])],
      [arOf(sentences[1] ?? []), null],
      [arOf(sentences[2] ?? []), enOf(sentences[2] ?? [])],
    ];

    // Before: the memory knows none of these words.
    expect(pairsOf(await createFromTexts(ar, en))).not.toEqual(expected);

    // The memory: each word pair in three segments; approved ones teach, the same pairs unapproved do not.
    const memory = words.flatMap((w) => [
      { ar: `ناقش الوفدان ${w.ar} اليوم`, en: `The delegations discussed ${w.en} today` },
      { ar: `أهمية ${w.ar} للمنطقة`, en: `The importance of ${w.en} for the region` },
      { ar: `اتفق الجانبان على ${w.ar}`, en: `The two sides agreed on ${w.en}` },
    ]);
    const doc = await createDoc(memory);
    expect(pairsOf(await createFromTexts(ar, en))).not.toEqual(expected);
    const learned = await memoryLexicon(testDb());
    for (const w of words) expect(learned.lexicon.translations(w.ar)).toBeUndefined();

    for (const s of doc.segments) await setSegment(s.id, { status: "approved" });
    const after = await memoryLexicon(testDb());
    // Stems: a made-up word ending in s loses it, like a plural.
    for (const w of words) expect(after.lexicon.translations(w.ar)).toEqual([englishLexiconKey(w.en)]);
    expect(pairsOf(await createFromTexts(ar, en))).toEqual(expected);
    // POST /api/align learns from the same memory.
    const aligned = await jsonOf<{ beads: { ar: number[]; en: number[] }[] }>(
      await api("/api/align", { method: "POST", body: { ar, en } }),
    );
    expect(aligned.beads.map((b) => `${b.ar.join(",")}:${b.en.join(",")}`)).toEqual(["0:0", "1:", "2:1"]);
  });

  it("keeps the learned lexicon while no approved pair changes, and learns again when one does", async () => {
    const first = await memoryLexicon(testDb());
    await createDoc([{ ar: "نص غير معتمد", en: "A draft" }]);
    const same = await memoryLexicon(testDb());
    expect(same.lexicon).toBe(first.lexicon);
    expect(same.version).toBe(first.version);
    const doc = await createDoc([{ ar: "نص معتمد", en: "An approved text" }]);
    await setSegment(doc.segments[0]?.id as number, { status: "approved" });
    const next = await memoryLexicon(testDb());
    expect(next.lexicon).not.toBe(first.lexicon);
    expect(next.pairs).toBe(first.pairs + 1);
  });
});
