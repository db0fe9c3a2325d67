import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { api, createEntry, jsonOf, unique } from "../support/api";

async function create(en: string) {
  return createEntry({
    domain: "security",
    definition: "first definition",
    note: "first note",
    terms: [
      { lang: "en", text: en, status: "preferred" },
      { lang: "ar", text: "الأمن الوطني", status: "preferred" },
      { lang: "ar", text: "الأمن القومي", status: "admitted" },
    ],
  });
}

const put = (id: number, version: number, body: unknown) =>
  api(`/api/glossary/${id}`, { method: "PUT", headers: { "if-match": `"v${version}"` }, body });

describe("three-way merge of stale changes (issue 14)", () => {
  it("PUT from an old version keeps what A changed meanwhile and applies what B changed", async () => {
    const entry = await create(unique("national security "));
    const loadedByB = structuredClone(entry);
    // A changes the definition and makes a term forbidden.
    const a = await put(entry.id, 1, {
      ...entry,
      definition: "A's definition",
      terms: entry.terms.map((t) => (t.text === "الأمن القومي" ? { ...t, status: "forbidden" } : t)),
    });
    expect(a.status).toBe(200);
    // B, who loaded version 1, edits only the note and sends the whole entry back.
    const b = await put(entry.id, 1, { ...loadedByB, note: "B's note" });
    expect(b.status).toBe(200);
    expect(b.headers.get("diwan-merged-with")).toBe('"v2"');
    const now = await jsonOf<GlossaryEntry>(b);
    expect(now).toMatchObject({ version: 3, definition: "A's definition", note: "B's note" });
    expect(now.terms.find((t) => t.text === "الأمن القومي")?.status).toBe("forbidden");
  });

  it("both changed the same field or term: 412 lists base, mine and theirs, and nothing is written", async () => {
    const entry = await create(unique("collective security "));
    await put(entry.id, 1, {
      ...entry,
      note: "A's note",
      terms: entry.terms.map((t) => (t.text === "الأمن القومي" ? { ...t, status: "forbidden" } : t)),
    });
    const b = await put(entry.id, 1, {
      ...entry,
      note: "B's note",
      terms: entry.terms.filter((t) => t.text !== "الأمن القومي"),
    });
    expect(b.status).toBe(412);
    const problem = await jsonOf<{ conflicts: { field: string; mine: unknown; theirs: unknown }[] }>(b);
    expect(problem.conflicts).toEqual([
      { kind: "field", field: "note", base: "first note", mine: "B's note", theirs: "A's note" },
      expect.objectContaining({ kind: "term", field: "terms.ar:الأمن القومي", mine: null }),
    ]);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    expect(now).toMatchObject({ version: 2, note: "A's note" });
  });

  it("PATCH changes only the fields sent, also from an old version", async () => {
    const entry = await create(unique("human security "));
    await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { definition: "A" },
    });
    const b = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { source: "B" },
    });
    expect(b.status).toBe(200);
    expect(await jsonOf(b)).toMatchObject({ version: 3, definition: "A", source: "B", note: "first note" });
  });

  it("reverts to any earlier version as a new, recorded version", async () => {
    const entry = await create(unique("food security "));
    await api(`/api/glossary/${entry.id}`, { method: "PATCH", body: { definition: "second" } });
    await api(`/api/glossary/${entry.id}`, { method: "PATCH", body: { definition: "third", note: null } });
    const res = await api(`/api/glossary/${entry.id}/revert`, {
      method: "POST",
      headers: { "if-match": '"v3"' },
      body: { version: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"v4"');
    expect(await jsonOf(res)).toMatchObject({
      version: 4,
      definition: "first definition",
      note: "first note",
    });
    const history = await jsonOf<{ items: { version: number; via: string; detail: string | null }[] }>(
      await api(`/api/glossary/${entry.id}/history`),
    );
    expect(history.items.at(-1)).toMatchObject({ version: 4, via: "revert", detail: "1" });
    const stale = await api(`/api/glossary/${entry.id}/revert`, {
      method: "POST",
      headers: { "if-match": '"v3"' },
      body: { version: 2 },
    });
    expect(stale.status).toBe(412);
    const unknown = await api(`/api/glossary/${entry.id}/revert`, { method: "POST", body: { version: 9 } });
    expect(unknown.status).toBe(404);
  });
});
