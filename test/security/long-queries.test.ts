import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, entryBody, jsonOf, unique } from "../support/api";
import { Browser } from "../web/web-helpers";

/**
 * D1 refuses LIKE patterns over 50 bytes ("LIKE or GLOB pattern too complex"): searches must not build them
 * (issue 16, items 2 and 3). Long Arabic phrases are five or six words, ~90 bytes of UTF-8.
 */
const PHRASE = "اجتماع كبار المسؤولين الأمنيين ومستشاري";
const LONG_PHRASE = `${PHRASE} الأمن الوطني في مجموعة بريكس`;

describe("glossary search with long queries (issue 16.2)", () => {
  it("finds an entry by a five-word Arabic phrase (≥ 50 bytes) through the API", async () => {
    const en = unique("meeting of senior security officials ");
    const res = await api("/api/glossary", { method: "POST", body: entryBody(en, LONG_PHRASE) });
    expect(res.status).toBe(201);
    const id = (await jsonOf<GlossaryEntry>(res)).id;
    expect(new TextEncoder().encode(PHRASE).byteLength).toBeGreaterThan(50);
    for (const q of [PHRASE, LONG_PHRASE, en, "مُسؤولين الامنيين ومستشاري الأمن الوطني في مجموعة"]) {
      const got = await api(`/api/glossary?q=${encodeURIComponent(q)}`);
      expect(got.status, q).toBe(200);
      const ids = (await jsonOf<{ items: GlossaryEntry[] }>(got)).items.map((e) => e.id);
      expect(ids, q).toContain(id);
    }
  });

  it("treats LIKE wildcards and backslashes literally in long queries", async () => {
    const weird = unique("100% _rate\\ of ");
    const res = await api("/api/glossary", {
      method: "POST",
      body: entryBody(`${weird} ${"x".repeat(60)}`, "معدل مئة بالمئة"),
    });
    expect(res.status).toBe(201);
    const id = (await jsonOf<GlossaryEntry>(res)).id;
    const hit = await api(`/api/glossary?q=${encodeURIComponent(`${weird} ${"x".repeat(60)}`)}`);
    expect(hit.status).toBe(200);
    expect((await jsonOf<{ items: GlossaryEntry[] }>(hit)).items.map((e) => e.id)).toEqual([id]);
    const miss = await api(`/api/glossary?q=${encodeURIComponent(`${"%".repeat(60)}_`)}`);
    expect(miss.status).toBe(200);
    expect((await jsonOf<{ items: GlossaryEntry[] }>(miss)).items).toEqual([]);
  });

  it("serves the web list and the live-search fragment for a long Arabic phrase", async () => {
    const en = unique("senior officials meeting ");
    const res = await api("/api/glossary", { method: "POST", body: entryBody(en, LONG_PHRASE) });
    expect(res.status).toBe(201);
    const b = new Browser();
    await b.signIn(ADMIN);
    const list = await b.fetch(`/glossary?q=${encodeURIComponent(LONG_PHRASE)}`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(en);
    const fragment = await b.fetch(`/glossary?q=${encodeURIComponent(PHRASE)}`, {
      headers: { "x-fragment": "results" },
    });
    expect(fragment.status).toBe(200);
    expect(await fragment.text()).toContain(en);
  });
});

describe("concordance with queries without words (issue 16.3)", () => {
  it("answers a query of 60 dots or other punctuation with 200, finding it literally", async () => {
    const dots = ".".repeat(60);
    const marker = unique("dots");
    const created = await api("/api/documents", {
      method: "POST",
      body: { title: marker, segments: [{ ar: `قائمة ${dots} ${marker}`, en: `List ${dots} ${marker}` }] },
    });
    expect(created.status).toBe(201);
    const res = await api(`/api/segments?q=${encodeURIComponent(dots)}`);
    expect(res.status).toBe(200);
    const items = (await jsonOf<{ items: { ar: string; highlights: unknown[] }[] }>(res)).items;
    const mine = items.filter((s) => s.ar.includes(marker));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.highlights.length).toBeGreaterThan(0);
    for (const q of ["%".repeat(60), "؟".repeat(40), "_\\".repeat(40)]) {
      const other = await api(`/api/segments?q=${encodeURIComponent(q)}`);
      expect(other.status, q).toBe(200);
    }
  });

  it("answers a long Arabic phrase with 200 and finds it", async () => {
    const marker = unique("phrase");
    const created = await api("/api/documents", {
      method: "POST",
      body: { title: marker, segments: [{ ar: `عقد ${LONG_PHRASE} أمس.`, en: `Held ${marker}.` }] },
    });
    expect(created.status).toBe(201);
    const res = await api(`/api/segments?q=${encodeURIComponent(LONG_PHRASE)}&lang=ar`);
    expect(res.status).toBe(200);
    const items = (await jsonOf<{ items: { en: string }[] }>(res)).items;
    expect(items.some((s) => s.en.includes(marker))).toBe(true);
  });
});
