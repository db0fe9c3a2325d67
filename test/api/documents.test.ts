import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import { api, createDoc, jsonOf, unique } from "../support/api";

describe("documents and segments", () => {
  it("stores segments exactly as given, in order, with status from the presence of English", async () => {
    const ar = "قال وانغ يي\u200F إن «بريكس» مهمة.";
    const doc = await createDoc([{ ar, en: "Wang Yi said BRICS matters." }, { ar: "جملة ثانية." }]);
    expect(doc.segmentCount).toBe(2);
    const segs = await jsonOf<{ items: Segment[]; nextCursor: null }>(
      await api(`/api/documents/${doc.id}/segments`),
    );
    expect(segs.items.map((s) => [s.position, s.ar, s.en, s.status, s.origin, s.version])).toEqual([
      [0, ar, "Wang Yi said BRICS matters.", "translated", "manual", 1],
      [1, "جملة ثانية.", null, "new", "manual", 1],
    ]);
    expect(segs.nextCursor).toBeNull();
    const info = await jsonOf(await api(`/api/documents/${doc.id}`));
    expect(info).toMatchObject({
      id: doc.id,
      sourceLang: "ar",
      targetLang: "en",
      segmentCount: 2,
      translatedCount: 1,
    });
  });

  it("pages through segments and documents to the end", async () => {
    const doc = await createDoc(Array.from({ length: 11 }, (_, i) => ({ ar: `جملة رقم ${i}` })));
    const positions: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const body = await jsonOf<{ items: Segment[]; nextCursor: string | null }>(
        await api(`/api/documents/${doc.id}/segments?limit=4${q}`),
      );
      positions.push(...body.items.map((s) => s.position));
      cursor = body.nextCursor;
    } while (cursor);
    expect(positions).toEqual([...Array(11).keys()]);

    const ids: number[] = [];
    cursor = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const body = await jsonOf<{ items: { id: number }[]; nextCursor: string | null }>(
        await api(`/api/documents?limit=2${q}`),
      );
      ids.push(...body.items.map((d) => d.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids).toContain(doc.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("patches a segment with If-Match and refuses a stale version", async () => {
    const doc = await createDoc([{ ar: "السلام والأمن الدوليان" }]);
    const [seg] = (await jsonOf<{ items: Segment[] }>(await api(`/api/documents/${doc.id}/segments`))).items;
    const ok = await api(`/api/segments/${seg!.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { en: "International peace and security" },
    });
    expect(ok.status).toBe(200);
    expect(await jsonOf(ok)).toMatchObject({
      en: "International peace and security",
      status: "translated",
      version: 2,
    });
    expect(ok.headers.get("etag")).toBe('"v2"');
    const stale = await api(`/api/segments/${seg!.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { status: "approved" },
    });
    expect(stale.status).toBe(412);
    expect((await jsonOf(await api(`/api/segments/${seg!.id}`))).status).toBe("translated");
    expect((await api(`/api/segments/${seg!.id}`, { method: "PATCH", body: {} })).status).toBe(400);
  });

  it("concordance search ignores diacritics, tatweel and hamza forms", async () => {
    const tag = unique("c");
    const doc = await createDoc([
      {
        ar: `أكد الوزير ${tag} على أهمية الأمن الوطني.`,
        en: `The minister ${tag} stressed national security.`,
      },
      { ar: `جملة أخرى ${tag}.` },
    ]);
    for (const q of [`الأَمْنِ الوطـــني`, "الامن الوطني", `اكد الوزير ${tag}`]) {
      const body = await jsonOf<{ items: Segment[] }>(
        await api(`/api/segments?q=${encodeURIComponent(q)}&lang=ar`),
      );
      const mine = body.items.filter((s) => s.documentId === doc.id);
      expect(
        mine.map((s) => s.position),
        q,
      ).toEqual([0]);
    }
    const en = await jsonOf<{ items: Segment[] }>(await api(`/api/segments?q=NATIONAL%20SECURITY&lang=en`));
    expect(en.items.some((s) => s.documentId === doc.id)).toBe(true);
    expect((await api("/api/segments")).status).toBe(400);
  });

  it("deletes a document with its segments", async () => {
    const doc = await createDoc([{ ar: "نص" }]);
    const [seg] = (await jsonOf<{ items: Segment[] }>(await api(`/api/documents/${doc.id}/segments`))).items;
    expect((await api(`/api/documents/${doc.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/documents/${doc.id}`)).status).toBe(404);
    expect((await api(`/api/segments/${seg!.id}`)).status).toBe(404);
    expect((await api(`/api/documents/${doc.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("validates document input", async () => {
    const res = await api("/api/documents", {
      method: "POST",
      body: { title: "t", segments: [{ ar: "  " }] },
    });
    expect(res.status).toBe(400);
    expect((await jsonOf<{ errors: { field: string }[] }>(res)).errors[0]?.field).toBe("segments.0.ar");
  });
});
