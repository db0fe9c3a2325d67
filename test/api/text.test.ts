import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import { api, createEntry, jsonOf, tokenWithScope, unique, uniqueLetters } from "../support/api";

describe("text endpoints", () => {
  it("segments Arabic text with UTF-16 offsets into the original", async () => {
    const text = "قال الوزير إن النمو بلغ 3.5 في المئة. وأضاف: هل نحن مستعدون؟\nبيان الخصوصية";
    const res = await api("/api/segment", { method: "POST", body: { text, lang: "ar" } });
    expect(res.status).toBe(200);
    const { sentences } = await jsonOf<{ sentences: { text: string; start: number; end: number }[] }>(res);
    expect(sentences.map((s) => s.text)).toEqual([
      "قال الوزير إن النمو بلغ 3.5 في المئة.",
      "وأضاف: هل نحن مستعدون؟",
      "بيان الخصوصية",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("a read-scope token may call the computation endpoints", async () => {
    const read = await tokenWithScope("read");
    const res = await api("/api/segment", {
      method: "POST",
      token: read,
      body: { text: "جملة.", lang: "ar" },
    });
    expect(res.status).toBe(200);
  });

  it("aligns texts and arrays into beads covering every sentence once", async () => {
    const res = await api("/api/align", {
      method: "POST",
      body: {
        ar: "عقد المجلس اجتماعه الأول في 11 سبتمبر. وناقش الأعضاء الوضع في المنطقة. واختتم الاجتماع بعد ثلاث ساعات.",
        en: [
          "The council held its first meeting on 11 September.",
          "Members discussed the situation in the region.",
          "The meeting closed after three hours.",
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = await jsonOf<{
      arSentences: string[];
      enSentences: string[];
      beads: { ar: number[]; en: number[]; score: number }[];
    }>(res);
    expect(body.arSentences).toHaveLength(3);
    expect(body.beads.map((b) => [b.ar, b.en])).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], [2]],
    ]);
    for (const b of body.beads) expect(b.score).toBeGreaterThan(0.5);
  });

  it("recognises glossary terms through clitics with translations, nesting and offsets", async () => {
    const tag = uniqueLetters(4);
    const adviser = await createEntry({
      domain: "security",
      terms: [
        { lang: "ar", text: `مستشار الأمن ${tag}` },
        { lang: "en", text: `security adviser ${tag}` },
      ],
    });
    const security = await createEntry({
      domain: "security",
      terms: [
        { lang: "ar", text: `الأمن ${tag}` },
        { lang: "en", text: `security ${tag}` },
        { lang: "en", text: `safety ${tag}`, status: "forbidden" },
      ],
    });
    const text = `التقى مستشاري الأمن ${tag} اليوم`;
    const res = await api("/api/glossary/recognize", { method: "POST", body: { text, lang: "ar" } });
    expect(res.status).toBe(200);
    const { matches } = await jsonOf<{
      matches: {
        start: number;
        end: number;
        surface: string;
        entryId: number;
        nestedIn: number | null;
        translations: { text: string }[];
      }[];
    }>(res);
    const outer = matches.find((m) => m.entryId === adviser.id);
    const inner = matches.find((m) => m.entryId === security.id);
    expect(outer?.surface).toBe(`مستشاري الأمن ${tag}`);
    expect(text.slice(outer!.start, outer!.end)).toBe(outer!.surface);
    expect(outer?.nestedIn).toBeNull();
    expect(inner?.nestedIn).toBe(adviser.id);
    expect(inner?.translations.map((t) => t.text)).toEqual([`security ${tag}`]);
  });

  it("the matcher sees glossary edits at once (no stale cache)", async () => {
    const word = `كلمة${unique("").replace(/[0-9a-f]/g, "")}`;
    const tag = `zzq${unique("").slice(0, 5)}`;
    const first = await api("/api/glossary/recognize", {
      method: "POST",
      body: { text: `hello ${tag}`, lang: "en" },
    });
    expect((await jsonOf<{ matches: unknown[] }>(first)).matches).toEqual([]);
    const entry = await createEntry({
      domain: "security",
      terms: [
        { lang: "ar", text: word },
        { lang: "en", text: tag },
      ],
    });
    const second = await api("/api/glossary/recognize", {
      method: "POST",
      body: { text: `hello ${tag}`, lang: "en" },
    });
    expect((await jsonOf<{ matches: { entryId: number }[] }>(second)).matches.map((m) => m.entryId)).toEqual([
      entry.id,
    ]);
    await api(`/api/glossary/${entry.id}`, { method: "DELETE" });
    const third = await api("/api/glossary/recognize", {
      method: "POST",
      body: { text: `hello ${tag}`, lang: "en" },
    });
    expect((await jsonOf<{ matches: unknown[] }>(third)).matches).toEqual([]);
  });

  it("QA flags number mismatches and forbidden terms", async () => {
    const tag = `qq${unique("").slice(0, 5)}`;
    await createEntry({
      domain: "security",
      terms: [
        { lang: "ar", text: "وقف إطلاق النار" },
        { lang: "en", text: `ceasefire ${tag}` },
        { lang: "en", text: `truce ${tag}`, status: "forbidden" },
      ],
    });
    const res = await api("/api/qa", {
      method: "POST",
      body: { ar: "أعلن وقف إطلاق النار في 12 مدينة.", en: `A truce ${tag} was declared in 13 cities.` },
    });
    expect(res.status).toBe(200);
    const issues = (await jsonOf<{ issues: { type: string }[] }>(res)).issues;
    const types = issues.map((i) => i.type);
    expect(types, JSON.stringify(issues)).toEqual(
      expect.arrayContaining(["number-mismatch", "term-forbidden"]),
    );
    const missing = await jsonOf<{ issues: { type: string; start?: number; end?: number }[] }>(
      await api("/api/qa", {
        method: "POST",
        body: { ar: "أعلن وقف إطلاق النار.", en: "A pause was declared." },
      }),
    );
    expect(missing.issues.find((i) => i.type === "term-missing")).toMatchObject({ start: 5, end: 20 });
    const empty = await jsonOf<{ issues: { type: string }[] }>(
      await api("/api/qa", { method: "POST", body: { ar: "نص.", en: null } }),
    );
    expect(empty.issues.map((i) => i.type)).toContain("empty-target");
  });

  it("creates a document from texts: segmented, aligned, scored, with bead counts", async () => {
    const res = await api("/api/documents", {
      method: "POST",
      body: {
        title: unique("aligned "),
        ar:
          "عقد المجلس اجتماعه في 11 سبتمبر. ويضم المجلس 15 عضوا من مختلف القارات والمناطق الجغرافية في العالم، " +
          "منهم خمسة أعضاء دائمون. وناقش الأعضاء الوضع في المنطقة.",
        en: "The council met on 11 September. Members discussed the situation in the region.",
      },
    });
    expect(res.status).toBe(201);
    const doc = await jsonOf<{ id: number; segmentCount: number; beads: Record<string, number> }>(res);
    expect(doc.segmentCount).toBe(3);
    expect(doc.beads, JSON.stringify(doc.beads)).toMatchObject({ "1-1": 2, "1-0": 1 });
    const segs = await jsonOf<{ items: (Segment & { qa?: { type: string }[] })[] }>(
      await api(`/api/documents/${doc.id}/segments?qa=true`),
    );
    expect(segs.items.map((s) => [s.origin, s.en === null ? null : s.en.slice(0, 12)])).toEqual([
      ["aligned", "The council "],
      ["aligned", null],
      ["aligned", "Members disc"],
    ]);
    expect(segs.items[0]?.score).toBeGreaterThan(0.5);
    expect(segs.items[1]?.status).toBe("new");
    expect(segs.items[1]?.qa?.map((q) => q.type)).toContain("empty-target");
  });
});
