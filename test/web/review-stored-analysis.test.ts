// The review page's per-bead analyses (terms and QA) are stored in D1 (src/db/segment-analyses.ts) so that a
// new isolate reads them instead of building the term matcher: a new isolate is simulated by forgetting the
// module state (the built matcher, the analyses in memory). A stored analysis must never outlive what it was
// made from: the segment's texts (every write path), the glossary's terms, the engine.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { builtIndex, glossaryState } from "../../src/db/matcher";
import { analysisKey } from "../../src/db/segment-analyses";
import { etagOf } from "../../src/http/etag";
import type { RowAnalysis } from "../../src/text/bead-analysis";
import type { GlossaryEntry, Segment } from "../../src/types";
import { ADMIN, api, createDoc, jsonOf, setSegment, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";
import { exportXliff, importOk, setTarget12 } from "../xliff/api/helpers";
import {
  expectCurrentAnalyses,
  newIsolate,
  rowLinks,
  storedNow,
  storedRow,
  uniqueEntry,
} from "./stored-analyses";
import { Browser } from "./web-helpers";

const db = testDb();

let b: Browser;
beforeEach(async () => {
  b = new Browser();
  await b.signIn(ADMIN);
});

describe("review page: analyses stored in D1", () => {
  it("are read by a new isolate without building the matcher, and shown", async () => {
    const { ar, en, entry } = await uniqueEntry();
    const doc = await createDoc([
      { ar: `وقع الطرفان ${ar} أمس.`, en: `The parties signed the ${en} yesterday.` },
      { ar: "وقرر المجلس أن يبقي المسألة قيد نظره.", en: "The Council remains seized of the matter." },
    ]);
    const [withTerms, plain] = doc.segments as [Segment, Segment];
    const first = await b.page(`/documents/${doc.id}`);
    expect(rowLinks(first, withTerms.id)).toEqual([`ar:${entry.id}:preferred`, `en:${entry.id}:preferred`]);
    await storedNow(doc.segments);

    // What is stored is what is shown: a stored analysis altered under its own key shows as altered.
    newIsolate();
    const altered: RowAnalysis = {
      ar: [],
      en: [{ start: 4, end: 11, entryId: entry.id, status: "forbidden" }],
      qa: [],
    };
    await env.DB.prepare("UPDATE segment_analyses SET analysis = ? WHERE segment_id = ?")
      .bind(JSON.stringify(altered), plain.id)
      .run();
    const html = await b.page(`/documents/${doc.id}`);
    expect(rowLinks(html, plain.id)).toEqual([`en:${entry.id}:forbidden`]);
    expect(rowLinks(html, withTerms.id)).toEqual([`ar:${entry.id}:preferred`, `en:${entry.id}:preferred`]);
    // The entry listed under the table, read by id: the glossary's matcher was not built.
    expect(html).toContain(`id="g${entry.id}"`);
    expect(builtIndex(await glossaryState(db))).toBeNull();
  });

  it("are made again after the segment is edited (PATCH)", async () => {
    const { ar, en } = await uniqueEntry();
    const doc = await createDoc([
      { ar: `وقع الطرفان ${ar} أمس.`, en: `The parties signed the ${en} yesterday.` },
    ]);
    await expectCurrentAnalyses(b, doc.id);
    await setSegment(doc.segments[0]!.id, { en: "The parties signed the agreement yesterday." });
    const [after] = await expectCurrentAnalyses(b, doc.id);
    expect(after!.en).toBe("The parties signed the agreement yesterday.");
  });

  it("are made again after a bead operation (merge) and a re-alignment", async () => {
    const { ar, en } = await uniqueEntry();
    const doc = await createDoc([
      { ar: "قال الوزير إن الاجتماع كان مثمرا.", en: "The minister said the meeting was fruitful." },
      { ar: `وأضاف أن ${ar} سيستمر.`, en: `He added that the ${en} would continue.` },
    ]);
    const [first] = doc.segments as [Segment, Segment];
    await expectCurrentAnalyses(b, doc.id);
    const version = async () =>
      (await jsonOf<{ version: number }>(await api(`/api/documents/${doc.id}`))).version;
    const op = async (path: string, body?: unknown) => {
      const res = await api(`/api/documents/${doc.id}${path}`, {
        method: "POST",
        headers: { "if-match": `"v${await version()}"` },
        ...(body === undefined ? {} : { body }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await op(`/segments/${first.id}/merge`);
    const [merged] = await expectCurrentAnalyses(b, doc.id);
    expect(merged!.id).toBe(first.id);
    expect(merged!.ar).toContain(ar);

    await op("/realign", { from: first.id, to: first.id });
    const realigned = await expectCurrentAnalyses(b, doc.id);
    expect(realigned[0]!.id).toBe(first.id);
    expect(realigned[0]!.ar).not.toContain(ar);
  });

  it("are made again after an XLIFF import", async () => {
    const { ar, en, entry } = await uniqueEntry();
    const doc = await createDoc([{ ar: `وقع الطرفان ${ar} أمس.`, en: "The parties signed yesterday." }]);
    const seg = doc.segments[0]!;
    await expectCurrentAnalyses(b, doc.id);
    const xml = setTarget12(
      (await exportXliff(doc.id)).text,
      seg.id,
      `The parties signed the ${en} yesterday.`,
    );
    expect(await importOk(doc.id, xml)).toMatchObject({ updated: 1 });
    await expectCurrentAnalyses(b, doc.id);
    expect(rowLinks(await b.page(`/documents/${doc.id}`), seg.id)).toContain(`en:${entry.id}:preferred`);
  });

  it("are made again after an edit of the glossary's terms, and kept after a definition edit", async () => {
    const { ar, en, entry } = await uniqueEntry();
    const doc = await createDoc([
      { ar: `وقع الطرفان ${ar} أمس.`, en: `The parties signed the ${en} yesterday.` },
    ]);
    const seg = doc.segments[0]!;
    await expectCurrentAnalyses(b, doc.id);
    const edit = async (body: Record<string, unknown>) => {
      const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
      const res = await api(`/api/glossary/${entry.id}`, {
        method: "PATCH",
        headers: { "if-match": etagOf(current.version) },
        body,
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    // A definition leaves the matcher's input as it was: the stored analysis is still current.
    const before = await storedRow(seg.id);
    await edit({ definition: `${uniqueLetters(8)} definition` });
    await expectCurrentAnalyses(b, doc.id);
    expect(await storedRow(seg.id)).toEqual(before);

    await edit({
      terms: [
        { lang: "en", text: `${uniqueLetters(8)} treaty`, status: "preferred" },
        { lang: "en", text: en, status: "forbidden" },
        { lang: "ar", text: ar, status: "preferred" },
      ],
    });
    await expectCurrentAnalyses(b, doc.id);
    expect(rowLinks(await b.page(`/documents/${doc.id}`), seg.id)).toEqual([
      `ar:${entry.id}:preferred`,
      `en:${entry.id}:forbidden`,
    ]);
  });

  it("are made again when the engine changes", async () => {
    const { ar, en, entry } = await uniqueEntry();
    const doc = await createDoc([
      { ar: `وقع الطرفان ${ar} أمس.`, en: `The parties signed the ${en} yesterday.` },
    ]);
    const seg = doc.segments[0]!;
    await expectCurrentAnalyses(b, doc.id);
    // What an older engine stored: the same texts and glossary, another engine, another analysis.
    const { matcherKey } = await glossaryState(db);
    const older = await analysisKey(matcherKey!, seg, "an older engine");
    const olderAnalysis: RowAnalysis = { ar: [], en: [], qa: [] };
    await env.DB.prepare("UPDATE segment_analyses SET key = ?, analysis = ? WHERE segment_id = ?")
      .bind(older, JSON.stringify(olderAnalysis), seg.id)
      .run();
    await expectCurrentAnalyses(b, doc.id);
    expect(rowLinks(await b.page(`/documents/${doc.id}`), seg.id)).toEqual([
      `ar:${entry.id}:preferred`,
      `en:${entry.id}:preferred`,
    ]);
  });
});
