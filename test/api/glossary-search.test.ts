import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { api, createEntry, jsonOf, unique } from "../support/api";

type Found = GlossaryEntry & { match: { kind: string; text: string; distance: number } | null };
type Page = { items: Found[]; nextCursor: string | null; total?: number; approximate?: boolean };

const search = async (q: string, more = "") =>
  jsonOf<Page>(await api(`/api/glossary?q=${encodeURIComponent(q)}${more}`));

/** A made-up Arabic word, unique per test run, so the test finds only its own entries. */
function arabicMarker(): string {
  const letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
  let s = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(7))) s += letters[byte % letters.length];
  return s;
}

describe("glossary search over the API", () => {
  it("ranks the exact entry before longer entries created earlier (English and Arabic)", async () => {
    const w = unique("zq");
    const ar = arabicMarker();
    // Created first, so that id order (the old order) would put them ahead of the exact entry.
    const longer = await createEntry(`${w} security adviser`, `مستشار ${ar} الوطني`);
    const inside = await createEntry(`deputy ${w} security`, `نائب ${ar} الوطني`);
    const exact = await createEntry(`${w} security`, `ال${ar} الوطني`);

    const en = await search(`${w} security`);
    expect(en.items.map((e) => [e.id, e.match?.kind])).toEqual([
      [exact.id, "exact"],
      [longer.id, "prefix"],
      [inside.id, "contains"],
    ]);
    expect(en.total).toBe(3);

    // Arabic: diacritics, tatweel and the hamza form do not matter; clitics are read by the recogniser.
    const withMarks = await search(`الْ${ar} الوَطَنِـي`);
    expect(withMarks.items[0]).toMatchObject({ id: exact.id, match: { kind: "exact" } });
    const clitic = await search(`وال${ar} الوطني`);
    expect(clitic.items[0]).toMatchObject({ id: exact.id, match: { kind: "inflected" } });
  });

  it("is typo tolerant when nothing matches, and says so", async () => {
    const w = unique("qx");
    const entry = await createEntry(`${w} sovereignty`, `سيادة ${arabicMarker()}`);
    const typo = await search(`${w} soverignty`);
    expect(typo.approximate).toBe(true);
    expect(typo.items[0]).toMatchObject({ id: entry.id, match: { kind: "approximate", distance: 1 } });
    const exact = await search(`${w} sovereignty`);
    expect(exact.approximate).toBe(false);
  });

  it("pages ranked results with cursors and keeps the language filter on the matching term", async () => {
    const w = unique("pg");
    for (let i = 0; i < 5; i++) await createEntry(`${w} item ${i}`, `بند ${arabicMarker()}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await search(w, `&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(p.total).toBe(5);
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect((await search(w, "&lang=ar")).items).toEqual([]);
    expect((await api(`/api/glossary?q=${w}&cursor=bogus`)).status).toBe(400);
  });

  it("sorts by term, domain or last change", async () => {
    const w = unique("st");
    const b = await createEntry(`${w} beta`, `ب${arabicMarker()}`, { domain: "a-domain" });
    const a = await createEntry(`${w} alpha`, `ت${arabicMarker()}`, { domain: "b-domain" });
    const byTerm = await search(w, "&sort=term&lang=en");
    expect(byTerm.items.map((e) => e.id)).toEqual([a.id, b.id]);
    const byDomain = await search(w, "&sort=domain");
    expect(byDomain.items.map((e) => e.id)).toEqual([b.id, a.id]);
    const byChange = await search(w, "&sort=changed");
    expect(byChange.items.map((e) => e.id)).toEqual([a.id, b.id]);
  });
});
