import { describe, expect, it } from "vitest";
import { ADMIN, api, createEntry, unique } from "../support/api";
import { Browser } from "./web-helpers";

/** A made-up Arabic word, unique per test run, so a test finds only its own entries. */
function arabicMarker(): string {
  const letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
  let s = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(7))) s += letters[byte % letters.length];
  return s;
}

/** The entry ids of a list page's result rows, in order. */
const rowIds = (html: string) =>
  [...html.matchAll(/<tr[^>]*>\s*<td class="ar-cell"[^>]*><a href="\/glossary\/(\d+)"/g)].map((m) =>
    Number(m[1]),
  );

async function signedIn() {
  const b = new Browser();
  await b.signIn(ADMIN);
  return b;
}

describe("glossary list: ranked search in the web page", () => {
  it("puts the exact entry first, reads clitics and the indefinite form, and marks what matched", async () => {
    const ar = arabicMarker();
    const w = unique("zq");
    const longer = await createEntry(`${w} security adviser`, `مستشار ال${ar} الوطني`);
    const exact = await createEntry(`${w} security`, `ال${ar} الوطني`);
    const b = await signedIn();
    for (const q of [
      `ال${ar} الوطني`,
      `وال${ar} الوطني`,
      `لل${ar} الوطني`,
      `${ar} وطني`,
      `الْ${ar} الوَطَنِـي`,
    ]) {
      const html = await b.page(`/glossary?q=${encodeURIComponent(q)}`);
      expect(rowIds(html)[0], q).toBe(exact.id);
    }
    const en = await b.page(`/glossary?q=${encodeURIComponent(`${w} security`)}`);
    expect(rowIds(en)).toEqual([exact.id, longer.id]);
    expect(en).toContain(`<mark>${w} security</mark> adviser`);
    expect(en).toMatch(/class="match match-exact">exact</);
    expect(en).toMatch(/class="match match-prefix">starts with your search</);
    expect(en).toContain("2 entries.");
    const clitic = await b.page(`/glossary?q=${encodeURIComponent(`وال${ar} الوطني`)}`);
    expect(clitic).toContain(`<mark>ال${ar} الوطني</mark>`);
    expect(clitic).toContain("another form (clitics, inflection)");
    // Diacritics in the query: the mark still covers the stored letters.
    const contains = await b.page(`/glossary?q=${encodeURIComponent(`${ar} الوَطَنِـي`)}`);
    expect(contains).toContain(`ال<mark>${ar} الوطني</mark>`);
  });

  it("marks typo-tolerant results as approximate", async () => {
    const w = unique("qx");
    const entry = await createEntry(`${w} sovereignty`, `سيادة ${arabicMarker()}`);
    const b = await signedIn();
    const html = await b.page(`/glossary?q=${encodeURIComponent(`${w} soverignty`)}`);
    expect(rowIds(html)).toEqual([entry.id]);
    expect(html).toContain("No exact match; 1 approximate match.");
    expect(html).toContain("Nothing matches exactly");
    expect(html).toContain("approximate (1 letter differs)");
    expect(html).toMatch(/<tr class="approximate">/);
  });

  it("counts, sorts, filters by language and pages back and forth", async () => {
    const w = unique("pg").toLowerCase();
    const rows = Array.from({ length: 53 }, (_, i) => {
      const n = String(i).padStart(2, "0");
      return `${w}-${n}\ten\tpreferred\t${w} item ${n}\t\t\tdomain ${52 - i}\t\t\t\n${w}-${n}\tar\tpreferred\tبند ${arabicMarker()}\t\t\t\t\t\t\n`;
    });
    const tsv = `key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n${rows.join("")}`;
    const imported = await api("/api/glossary/import?format=tsv", {
      method: "POST",
      body: tsv,
      headers: { "content-type": "text/tab-separated-values" },
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const b = await signedIn();
    const first = await b.page(`/glossary?q=${w}&sort=term`);
    expect(first).toContain("Entries 1–50 of 53.");
    expect(first).toContain("Page 1 of 2");
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain(`href="/glossary?q=${w}&amp;sort=term&amp;page=2" rel="next"`);
    const second = await b.page(`/glossary?q=${w}&sort=term&page=2`);
    expect(second).toContain("Entries 51–53 of 53.");
    expect(second).toContain(`href="/glossary?q=${w}&amp;sort=term" rel="prev"`);
    expect(second.indexOf("</mark> item 50")).toBeLessThan(second.indexOf("</mark> item 52"));
    // Sorted by domain: "domain 0" (item 52) comes first.
    const byDomain = await b.page(`/glossary?q=${w}&sort=domain`);
    expect(byDomain.indexOf("</mark> item 52")).toBeGreaterThan(0);
    expect(byDomain.indexOf("</mark> item 52")).toBeLessThan(byDomain.indexOf("</mark> item 00"));
    expect(byDomain).toContain('<option value="domain" selected="">');
    // Only Arabic terms: the English word finds nothing.
    const arOnly = await b.page(`/glossary?q=${w}&lang=ar`);
    expect(arOnly).toContain("No entries match.");
    expect(arOnly).toContain('<option value="ar" selected="">');
  });

  it("exports only the current selection, in every format", async () => {
    const w = unique("sel").toLowerCase();
    await createEntry(`${w} one`, `أول ${arabicMarker()}`);
    await createEntry(`${w} two`, `ثان ${arabicMarker()}`);
    await createEntry(`${w} three`, `ثالث ${arabicMarker()}`);
    const b = await signedIn();
    const html = await b.page(`/glossary?q=${w}`);
    expect(html).toContain(`href="/glossary/export?q=${w}&amp;selection=1&amp;format=tsv"`);
    for (const format of ["tsv", "csv", "tbx", "omegat"]) {
      const res = await b.fetch(`/glossary/export?q=${w}&selection=1&format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-disposition")).toContain("-selection");
      const body = await res.text();
      expect(body, format).toContain(`${w} one`);
      expect(body, format).toContain(`${w} two`);
    }
    const all = await (await b.fetch("/glossary/export?format=tsv")).text();
    expect(all).toContain(`${w} one`);
    expect(all).toContain(`${w} three`);
    const selection = await (await b.fetch(`/glossary/export?q=${w}%20t&selection=1&format=tsv`)).text();
    expect(selection).toContain(`${w} two`);
    expect(selection).toContain(`${w} three`);
    expect(selection).not.toContain(`${w} one`);
  });
});
