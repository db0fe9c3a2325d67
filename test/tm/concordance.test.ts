import { describe, expect, it } from "vitest";
import { syncTmIndex } from "../../src/db/tm-index";
import { cliticPhraseHighlights, prepareCliticPhrase } from "../../src/text/clitic-phrase";
import type { Segment } from "../../src/types";
import { phrases, sentences } from "../fixtures/concordance-eval";
import { api, createDoc, jsonOf, unique } from "../support/api";
import { testDb } from "../support/db";

type Item = Segment & { highlights: { field: string; start: number; end: number }[] };

/** A document whose segments are in the concordance index (written behind, src/db/tm-index.ts) already. */
async function createIndexedDoc(segments: { ar: string; en?: string | null }[]) {
  const doc = await createDoc(segments);
  await syncTmIndex(testDb());
  return doc;
}

/** Every concordance item for q, page after page, following nextCursor. */
async function allItems(q: string, params = "", limit = 50): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const c: string = cursor ? `&cursor=${cursor}` : "";
    const res = await api(`/api/segments?q=${encodeURIComponent(q)}&limit=${limit}${params}${c}`);
    expect(res.status).toBe(200);
    const body = await jsonOf<{ items: Item[]; nextCursor: string | null }>(res);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

describe("Arabic concordance through the index", () => {
  it("finds exactly what the clitic-aware matcher finds on the evaluation set, with its highlights", async () => {
    const doc = await createIndexedDoc(sentences.map((s) => ({ ar: s.ar })));
    const idOf = new Map(doc.segments.map((s, i) => [s.id, (sentences[i] as { id: string }).id]));
    for (const p of phrases) {
      const items = (await allItems(p.q)).filter((s) => s.documentId === doc.id);
      const expected = sentences.filter(
        (s) => cliticPhraseHighlights(s.ar, prepareCliticPhrase(p.q)).length > 0,
      );
      expect(
        items.map((s) => idOf.get(s.id)),
        p.q,
      ).toEqual(expected.map((s) => s.id));
      for (const item of items) {
        const want = cliticPhraseHighlights(item.ar, prepareCliticPhrase(p.q));
        expect(item.highlights, `${p.q} ${item.id}`).toEqual(want.map((h) => ({ field: "ar", ...h })));
      }
    }
  });

  it("highlights whole words, proclitics included, in the stored text", async () => {
    const tag = unique("h");
    const ar = `تعهدت الدول بمكافحةِ الإرهاب ${tag}، وللإرهاب ${tag} وجوه كثيرة، أما الإرهابيين ${tag} فلا.`;
    const doc = await createIndexedDoc([{ ar }, { ar: `الإرهاب مكافحة ${tag}` }]);
    const phrase = await allItems(`مكافحة الارهاب ${tag}`);
    expect(phrase.map((s) => s.id)).toEqual([doc.segments[0]!.id]);
    expect(phrase[0]!.highlights.map((h) => ar.slice(h.start, h.end))).toEqual([`بمكافحةِ الإرهاب ${tag}`]);
    const word = await allItems(`الإرهاب ${tag}`);
    expect(word[0]!.highlights.map((h) => ar.slice(h.start, h.end))).toEqual([
      `الإرهاب ${tag}`,
      `وللإرهاب ${tag}`,
    ]);
  });

  it("pages in id order over more candidates than one round reads, and skips unverified ones", async () => {
    const tag = unique("r");
    // 900 segments hold every word; only every 100th of the first 600, then every third, in order: the
    // first rounds of 400 candidates verify too few to fill a page.
    const hit = (i: number) => (i < 600 ? i % 100 === 0 : i % 3 === 0);
    const rows = Array.from({ length: 900 }, (_, i) => ({
      ar: hit(i) ? `بند ${i}: ومكافحة الإرهاب ${tag}` : `بند ${i}: الإرهاب ${tag} ومكافحة`,
    }));
    const doc = await createIndexedDoc(rows.slice(0, 450));
    const doc2 = await createIndexedDoc(rows.slice(450));
    const all = [...doc.segments, ...doc2.segments];
    const expected = all.filter((_, i) => hit(i)).map((s) => s.id);
    const items = await allItems(`مكافحة الإرهاب ${tag}`, "", 50);
    expect(items.map((s) => s.id)).toEqual(expected);
    // Each page is full until the last.
    const first = await jsonOf<{ items: Item[]; nextCursor: string | null }>(
      await api(`/api/segments?q=${encodeURIComponent(`مكافحة الإرهاب ${tag}`)}&limit=50`),
    );
    expect(first.items.length).toBe(50);
    expect(first.nextCursor).not.toBeNull();
  });

  it("searches the English side with lang=en and falls back to the substring scan for punctuation", async () => {
    const tag = unique("e");
    const doc = await createIndexedDoc([
      { ar: `نص ${tag}`, en: `Text ${tag} «بالتعاون» quoted` },
      { ar: `؟؟ ${tag}` },
    ]);
    const en = await allItems(`تعاون ${tag}`, "&lang=en");
    expect(en.map((s) => s.id)).toEqual([]);
    const quoted = await allItems(`التعاون`, "&lang=en");
    expect(quoted.some((s) => s.id === doc.segments[0]!.id)).toBe(true);
    const hit = quoted.find((s) => s.id === doc.segments[0]!.id)!;
    expect(hit.highlights.map((h) => [h.field, hit.en!.slice(h.start, h.end)])).toEqual([["en", "بالتعاون"]]);
    // A query without a word: substring scan (kept), highlights in the stored text.
    const punct = await allItems("؟؟");
    expect(punct.some((s) => s.id === doc.segments[1]!.id)).toBe(true);
  });

  it("returns nothing when a word never occurs in any form", async () => {
    expect(await allItems(`مجلس ${unique("x")}`)).toEqual([]);
    expect(await allItems(`${unique("y")}ـكلمة مجهولة تماما`)).toEqual([]);
  });
});
