// After a glossary change, a stored analysis the change cannot touch (src/text/terms-touch.ts) is kept and
// re-keyed, the others are made again (src/usecases/review-analysis.ts). A bead that holds the edited
// entry's terms is analysed again, one that does not is kept, and every segment still shows (and stores)
// what analysing it now gives — after a status edit, an added and a deleted entry, two edits in a row, and
// edits made by another isolate (the glossary written straight into D1: the change log's triggers only).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { builtIndex, glossaryIndex, glossaryState } from "../../src/db/matcher";
import { etagOf } from "../../src/http/etag";
import { analyseBead, type RowAnalysis } from "../../src/text/bead-analysis";
import type { GlossaryEntry, Segment } from "../../src/types";
import { ADMIN, api, createDoc, createEntry, jsonOf, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";
import { uniqueArabicWord } from "../xliff/api/helpers";
import { expectCurrentAnalyses, newIsolate, rowLinks, storedNow, uniqueEntry } from "./stored-analyses";
import { Browser } from "./web-helpers";

const db = testDb();

async function edit(entryId: number, body: Record<string, unknown>) {
  const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entryId}`));
  const res = await api(`/api/glossary/${entryId}`, {
    method: "PATCH",
    headers: { "if-match": etagOf(current.version) },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function remove(entryId: number) {
  const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entryId}`));
  const res = await api(`/api/glossary/${entryId}`, {
    method: "DELETE",
    headers: { "if-match": etagOf(current.version) },
  });
  expect(res.status, await res.clone().text()).toBe(204);
}

const terms = (ar: string, arStatus: string, en: string, enStatus: string) => [
  { lang: "en", text: en, status: enStatus },
  { lang: "ar", text: ar, status: arStatus },
];

/** An entry with made-up terms: an Arabic word and `<letters> <noun>`. */
async function entryOf(noun: string) {
  const ar = uniqueArabicWord();
  const en = `${uniqueLetters(8)} ${noun}`;
  return { ar, en, entry: await createEntry(en, ar) };
}

let b: Browser;
beforeEach(async () => {
  b = new Browser();
  await b.signIn(ADMIN);
});

describe("review page after a glossary change", () => {
  it("analyses again the beads with the edited entry's terms and keeps the others (no matcher when none)", async () => {
    // Terms without a word in common (a shared word is a shared key: its beads would be touched too).
    const e = await entryOf("accord");
    const f = await entryOf("covenant");
    const doc = await createDoc([
      { ar: `وقع الطرفان ${e.ar} أمس.`, en: `The parties signed the ${e.en} yesterday.` },
      { ar: `وقع الطرفان ${f.ar} أمس.`, en: `The parties signed the ${f.en} yesterday.` },
      { ar: "وقرر المجلس أن يبقي المسألة قيد نظره.", en: "The Council remains seized of the matter." },
    ]);
    const [withE, withF, plain] = doc.segments as [Segment, Segment, Segment];
    await expectCurrentAnalyses(b, doc.id);
    // Stored analyses altered under their own keys: one kept after the edit shows as stored, one made again
    // does not.
    const altered: RowAnalysis = {
      ar: [],
      en: [{ start: 0, end: 3, entryId: f.entry.id, status: "forbidden" }],
      qa: [],
    };
    await env.DB.prepare("UPDATE segment_analyses SET analysis = ? WHERE segment_id IN (?, ?, ?)")
      .bind(JSON.stringify(altered), withE.id, withF.id, plain.id)
      .run();
    await edit(e.entry.id, { terms: terms(e.ar, "preferred", e.en, "forbidden") });
    newIsolate();
    const html = await b.page(`/documents/${doc.id}`);
    expect(rowLinks(html, withE.id)).toEqual([`ar:${e.entry.id}:preferred`, `en:${e.entry.id}:forbidden`]);
    expect(rowLinks(html, withF.id)).toEqual([`en:${f.entry.id}:forbidden`]);
    expect(rowLinks(html, plain.id)).toEqual([`en:${f.entry.id}:forbidden`]);
    // Stored for the new glossary: the kept ones re-keyed as they were, the other made again.
    const stored = await storedNow(doc.segments);
    expect(stored.get(withF.id)).toEqual(altered);
    expect(stored.get(plain.id)).toEqual(altered);
    expect(stored.get(withE.id)).toEqual(analyseBead(await glossaryIndex(db), withE));

    // An edit of an entry none of the beads holds: every analysis kept, the matcher not even built.
    const g = await entryOf("charter");
    await edit(g.entry.id, { terms: terms(g.ar, "preferred", `${uniqueLetters(8)} statute`, "preferred") });
    newIsolate();
    const after = await b.page(`/documents/${doc.id}`);
    expect(rowLinks(after, withE.id)).toEqual([`ar:${e.entry.id}:preferred`, `en:${e.entry.id}:forbidden`]);
    expect(rowLinks(after, withF.id)).toEqual([`en:${f.entry.id}:forbidden`]);
    expect(builtIndex(await glossaryState(db))?.matcherBuilt).toBe(false);
  });

  it("shows the terms as they are after an edit, an added and a deleted entry, two edits and others' edits", async () => {
    const e = await uniqueEntry();
    const g = await uniqueEntry();
    const newAr = uniqueArabicWord();
    const newEn = `${uniqueLetters(8)} pact`;
    const doc = await createDoc([
      { ar: `وقع الطرفان ${e.ar} أمس.`, en: `The parties signed the ${e.en} yesterday.` },
      { ar: `وأيد الطرفان ${g.ar} اليوم.`, en: `The parties endorsed the ${g.en} today.` },
      { ar: `واقترح الوزير ${newAr} جديدا.`, en: `The minister proposed a new ${newEn}.` },
      { ar: "وقرر المجلس أن يبقي المسألة قيد نظره.", en: "The Council remains seized of the matter." },
    ]);
    const [withE, withG, withNew] = doc.segments as [Segment, Segment, Segment];
    await expectCurrentAnalyses(b, doc.id);
    const links = async (seg: Segment) => rowLinks(await b.page(`/documents/${doc.id}`), seg.id);

    // A status edit: this isolate (its memory of the older glossary), then a new one (D1).
    await edit(e.entry.id, { terms: terms(e.ar, "preferred", e.en, "forbidden") });
    expect(await links(withE)).toEqual([`ar:${e.entry.id}:preferred`, `en:${e.entry.id}:forbidden`]);
    await expectCurrentAnalyses(b, doc.id);

    // An entry added whose terms a bead holds; an entry deleted that a bead held.
    const h = await createEntry(newEn, newAr);
    expect(await links(withNew)).toEqual([`ar:${h.id}:preferred`, `en:${h.id}:preferred`]);
    await expectCurrentAnalyses(b, doc.id);
    await remove(g.entry.id);
    expect(await links(withG)).toEqual([]);
    await expectCurrentAnalyses(b, doc.id);

    // Two edits in a row, the page loaded after both (from this isolate, then a new one).
    await edit(e.entry.id, { terms: terms(e.ar, "preferred", e.en, "admitted") });
    await edit(e.entry.id, { terms: terms(e.ar, "deprecated", e.en, "admitted") });
    expect(await links(withE)).toEqual([`ar:${e.entry.id}:deprecated`, `en:${e.entry.id}:admitted`]);
    await expectCurrentAnalyses(b, doc.id);

    // Edits by another isolate: straight into D1 (no glossary version raised, the triggers only), while this
    // isolate holds the older glossary's matcher and analyses.
    await b.page(`/documents/${doc.id}`);
    await env.DB.prepare("UPDATE glossary_terms SET status = 'forbidden' WHERE entry_id = ? AND lang = 'ar'")
      .bind(e.entry.id)
      .run();
    expect(await links(withE)).toEqual([`ar:${e.entry.id}:forbidden`, `en:${e.entry.id}:admitted`]);
    await env.DB.prepare("DELETE FROM glossary_entries WHERE id = ?").bind(h.id).run();
    expect(await links(withNew)).toEqual([]);
    await expectCurrentAnalyses(b, doc.id);
  });
});
