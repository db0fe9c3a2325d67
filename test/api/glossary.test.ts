import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { api, entryBody, jsonOf, unique } from "../support/api";

async function create(en: string, ar: string, extra: Record<string, unknown> = {}) {
  const res = await api("/api/glossary", { method: "POST", body: entryBody(en, ar, extra) });
  expect(res.status).toBe(201);
  return { entry: await jsonOf<GlossaryEntry>(res), etag: res.headers.get("etag") };
}

describe("glossary CRUD", () => {
  it("creates an entry with an ETag and Location, and reads it back exactly as given", async () => {
    const en = unique("joint communiqué ");
    const { entry, etag } = await create(en, "بيان مشترك", {
      note: "note",
      source: "UNTERM",
      terms: [
        { lang: "en", text: en, status: "preferred", partOfSpeech: "noun", note: null },
        { lang: "ar", text: "بَيَانٌ مُشْتَرَكٌ", status: "preferred" },
        { lang: "ar", text: "البيان المشترك", status: "admitted" },
      ],
    });
    expect(etag).toBe('"v1"');
    expect(entry).toMatchObject({
      domain: "diplomacy and protocol",
      note: "note",
      source: "UNTERM",
      version: 1,
    });
    expect(entry.terms.map((t) => t.text)).toEqual([en, "بَيَانٌ مُشْتَرَكٌ", "البيان المشترك"]);
    expect(entry.terms[1]).toEqual({
      lang: "ar",
      text: "بَيَانٌ مُشْتَرَكٌ",
      status: "preferred",
      partOfSpeech: null,
      note: null,
    });
    const got = await api(`/api/glossary/${entry.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe('"v1"');
    expect(await jsonOf(got)).toEqual(entry);
  });

  it("requires an Arabic and an English term and reports the failing fields", async () => {
    const res = await api("/api/glossary", {
      method: "POST",
      body: {
        domain: "",
        terms: [
          { lang: "en", text: "x" },
          { lang: "en", text: "y" },
        ],
      },
    });
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: { field: string; message: string }[] }>(res);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "domain" }),
        expect.objectContaining({ field: "terms", message: expect.stringContaining("ar") }),
      ]),
    );
  });

  it("refuses control characters instead of stripping them; notes may span lines", async () => {
    const res = await api("/api/glossary", {
      method: "POST",
      body: entryBody("ab", "ب", {
        note: "bell\u0007char",
        terms: [
          { lang: "en", text: "a\u0007b" },
          { lang: "ar", text: "ب" },
        ],
      }),
    });
    expect(res.status).toBe(400);
    const fields = (await jsonOf<{ errors: { field: string }[] }>(res)).errors.map((e) => e.field);
    expect(fields.sort()).toEqual(["note", "terms.0.text"]);
    // Definitions and notes are prose (termbases write them over lines): kept exactly as given.
    const ok = await api("/api/glossary", {
      method: "POST",
      body: entryBody(unique("multi "), "متعدد", { note: "line\nbreak", definition: "one\r\ntwo" }),
    });
    expect(ok.status).toBe(201);
    expect(await jsonOf<{ note: string; definition: string }>(ok)).toMatchObject({
      note: "line\nbreak",
      definition: "one\r\ntwo",
    });
  });

  it("updates with If-Match; a stale change clashing with a newer one is refused with 412 and writes nothing", async () => {
    const { entry } = await create(unique("envoy "), "مبعوث");
    const put = await api(`/api/glossary/${entry.id}`, {
      method: "PUT",
      headers: { "if-match": '"v1"' },
      body: entryBody(entry.terms[0]!.text, "مبعوث خاص", { definition: "changed" }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"v2"');
    const stale = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { definition: "lost update" },
    });
    expect(stale.status).toBe(412);
    expect(await jsonOf(stale)).toMatchObject({
      code: "precondition-failed",
      currentVersion: 2,
      conflicts: [
        {
          field: "definition",
          base: `definition of ${entry.terms[0]!.text}`,
          mine: "lost update",
          theirs: "changed",
        },
      ],
    });
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    expect(now.version).toBe(2);
    expect(now.note).toBeNull();
    expect(now.definition).toBe("changed");

    const patched = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v2"' },
      body: { note: "kept" },
    });
    expect(patched.status).toBe(200);
    expect(await jsonOf(patched)).toMatchObject({ version: 3, note: "kept", definition: "changed" });
    const badTag = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": "3" },
      body: {},
    });
    expect(badTag.status).toBe(400);
  });

  it("keeps every change in the history, also after deletion", async () => {
    const { entry } = await create(unique("démarche "), "مسعى دبلوماسي");
    await api(`/api/glossary/${entry.id}`, { method: "PATCH", body: { note: "n1" } });
    const del = await api(`/api/glossary/${entry.id}`, { method: "DELETE", headers: { "if-match": '"v2"' } });
    expect(del.status).toBe(204);
    expect((await api(`/api/glossary/${entry.id}`)).status).toBe(404);
    const hist = await jsonOf<{
      items: { action: string; version: number; before: unknown; after: unknown; actor: string }[];
    }>(await api(`/api/glossary/${entry.id}/history`));
    expect(hist.items.map((h) => [h.action, h.version])).toEqual([
      ["create", 1],
      ["update", 2],
      ["delete", 3],
    ]);
    expect(hist.items[0]?.before).toBeNull();
    expect(hist.items[1]?.after).toMatchObject({ note: "n1" });
    expect(hist.items[2]?.after).toBeNull();
    expect(hist.items[2]?.actor).toBe("admin");
  });

  it("answers 404 for unknown entries and 400 for non-numeric ids", async () => {
    expect((await api("/api/glossary/987654")).status).toBe(404);
    expect((await api("/api/glossary/987654/history")).status).toBe(404);
    expect((await api("/api/glossary/abc")).status).toBe(400);
  });
});

describe("glossary search and pagination", () => {
  it("finds Arabic terms ignoring diacritics, tatweel and hamza forms, and English ignoring case", async () => {
    const tag = unique("zz");
    const { entry } = await create(`Foreign Minister ${tag}`, `وزير الخارجية ${tag}`);
    for (const q of [`وَزِيرُ الخارجيـــة ${tag}`, `وزير الخارجيه ${tag}`, `FOREIGN minister ${tag}`]) {
      const res = await jsonOf<{ items: GlossaryEntry[] }>(
        await api(`/api/glossary?q=${encodeURIComponent(q)}`),
      );
      expect(
        res.items.map((e) => e.id),
        q,
      ).toEqual([entry.id]);
    }
    const { entry: hamza } = await create(`Assembly ${tag}`, `الجمعية العامة ${tag} أ`);
    const res = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(`${tag} ا`)}&lang=ar`),
    );
    expect(res.items.map((e) => e.id)).toEqual([hamza.id]);
  });

  it("filters by status, language and domain together", async () => {
    const tag = unique("f");
    const { entry } = await create(`term ${tag}`, `مصطلح ${tag}`, {
      domain: `dom-${tag}`,
      terms: [
        { lang: "en", text: `term ${tag}`, status: "preferred" },
        { lang: "en", text: `bad ${tag}`, status: "forbidden" },
        { lang: "ar", text: `مصطلح ${tag}`, status: "preferred" },
      ],
    });
    const hit = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${tag}&status=forbidden&lang=en`),
    );
    expect(hit.items.map((e) => e.id)).toEqual([entry.id]);
    const miss = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${tag}&status=forbidden&lang=ar`),
    );
    expect(miss.items).toEqual([]);
    const dom = await jsonOf<{ items: GlossaryEntry[] }>(await api(`/api/glossary?domain=dom-${tag}`));
    expect(dom.items.map((e) => e.id)).toEqual([entry.id]);
    const domains = await jsonOf<{ items: { domain: string; count: number }[] }>(
      await api("/api/glossary/domains"),
    );
    expect(domains.items).toContainEqual({ domain: `dom-${tag}`, count: 1 });
  });

  it("pages to the end with cursors, each entry exactly once", async () => {
    const tag = unique("p");
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await create(`page ${tag} ${i}`, `صفحة ${tag} ${i}`)).entry.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/glossary?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const body = await jsonOf<{ items: GlossaryEntry[]; nextCursor: string | null }>(await api(url));
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    expect((await api("/api/glossary?cursor=garbage")).status).toBe(400);
    expect((await api("/api/glossary?limit=0")).status).toBe(400);
  });
});
