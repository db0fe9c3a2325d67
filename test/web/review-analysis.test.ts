// The review page's terms and QA per bead are kept between loads (src/usecases/review-analysis.ts, per
// glossary version and bead text): what a colleague changes in the glossary or in a segment must show on
// the next load all the same, never an analysis made before the change.
import { describe, expect, it } from "vitest";
import { etagOf } from "../../src/http/etag";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, createDoc, createEntry, jsonOf, setSegment, uniqueLetters } from "../support/api";
import { Browser } from "./web-helpers";

const ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنه";
/** A made-up Arabic word no other test or seed entry uses. */
const uniqueArabic = () =>
  Array.from(uniqueLetters(7), (c) => ARABIC_LETTERS[c.charCodeAt(0) - 97] as string).join("");

/** The underlined terms of an entry on the page, as `lang:status` per link, in page order. */
function linksTo(html: string, entryId: number): string[] {
  const out: string[] = [];
  const re = /<td lang="(ar|en)"[^>]*>((?:(?!<\/td>).)*)<\/td>/gs;
  for (const cell of html.matchAll(re))
    for (const link of (cell[2] ?? "").matchAll(
      new RegExp(`<a class="t" aria-describedby="t-([a-z]+)" href="#g${entryId}"`, "g"),
    ))
      out.push(`${cell[1]}:${link[1]}`);
  return out;
}

describe("review page: terms and QA follow the glossary and the segments", () => {
  it("shows a glossary edit and a segment edit on the next load", async () => {
    const ar = uniqueArabic();
    const en = `${uniqueLetters(8)} accord`;
    const doc = await createDoc([
      { ar: `وقع الطرفان ${ar} أمس في القاهرة.`, en: `The parties signed the ${en} in Cairo yesterday.` },
    ]);
    const seg = doc.segments[0];
    if (!seg) throw new Error("no segment");
    const b = new Browser();
    await b.signIn(ADMIN);
    const page = () => b.page(`/documents/${doc.id}`);

    // Loaded once before the entry exists (the page's analysis is kept), then the entry is added.
    expect(await page()).not.toContain('class="t t-');
    const entry = await createEntry(en, ar);
    let html = await page();
    expect(linksTo(html, entry.id).sort()).toEqual(["ar:preferred", "en:preferred"]);
    expect(html).toContain(`id="g${entry.id}"`);

    // Its definition edited (the term matcher kept, and the analyses with it): the new definition shows,
    // the terms as before.
    const definition = `${uniqueLetters(8)} definition`;
    const before = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    const defined = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": etagOf(before.version) },
      body: { definition },
    });
    expect(defined.status, await defined.clone().text()).toBe(200);
    html = await page();
    expect(html).toContain(definition);
    expect(linksTo(html, entry.id).sort()).toEqual(["ar:preferred", "en:preferred"]);

    // The English term made forbidden (another preferred one added): red on the page, and a QA issue.
    const other = `${uniqueLetters(8)} treaty`;
    const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    const patched = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": etagOf(current.version) },
      body: {
        terms: [
          { lang: "en", text: other, status: "preferred" },
          { lang: "en", text: en, status: "forbidden" },
          { lang: "ar", text: ar, status: "preferred" },
        ],
      },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    html = await page();
    expect(linksTo(html, entry.id).sort()).toEqual(["ar:preferred", "en:forbidden"]);
    const rowOf = (page: string) => {
      const start = page.indexOf(`<tr id="s${seg.id}"`);
      return page.slice(start, page.indexOf("</tr>", start));
    };
    expect(rowOf(html)).toContain(`<li class="qa-error">`);
    expect(rowOf(html)).toContain(`<bdi lang="en" dir="ltr">${en}</bdi>`);

    // The segment's English edited to the preferred term: the new text's terms, nothing of the old one.
    await setSegment(seg.id, { en: `The parties signed the ${other} in Cairo yesterday.` });
    html = await page();
    expect(linksTo(html, entry.id).sort()).toEqual(["ar:preferred", "en:preferred"]);
    expect(html).not.toContain(`${en}</a>`);
    expect(rowOf(html)).not.toContain('class="qa');

    // The entry deleted: nothing underlined any more.
    const latest = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    const deleted = await api(`/api/glossary/${entry.id}`, {
      method: "DELETE",
      headers: { "if-match": etagOf(latest.version) },
    });
    expect(deleted.status, await deleted.clone().text()).toBe(204);
    html = await page();
    expect(linksTo(html, entry.id)).toEqual([]);
    expect(html).not.toContain(`id="g${entry.id}"`);
  });
});
