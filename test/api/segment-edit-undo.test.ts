// A document segment's edit (PATCH /api/segments/{id}: English and/or status) is an operation of the
// document's history (issue 15: "every operation undoable"): listed, undone like a bead operation while the
// segment is as the edit left it, refused (409, nothing written) once someone else changed it, redone by
// undoing the undo. A memory pair of no document is edited without history.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { InlineCode, Segment } from "../../src/types";
import { api, createDoc, jsonOf, segmentsOf } from "../support/api";

type Edited = Segment & { operation: number | null };

async function patch(id: number, body: Record<string, unknown>, version?: number) {
  return api(`/api/segments/${id}`, {
    method: "PATCH",
    body,
    ...(version === undefined ? {} : { headers: { "if-match": `"v${version}"` } }),
  });
}

async function edited(res: Response): Promise<Edited> {
  if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
  return jsonOf<Edited>(res);
}

const versionOf = async (doc: number) =>
  (await jsonOf<{ version: number }>(await api(`/api/documents/${doc}`))).version;

const undo = async (doc: number, op: number, version?: number) =>
  api(`/api/documents/${doc}/history/${op}/undo`, {
    method: "POST",
    headers: { "if-match": `"v${version ?? (await versionOf(doc))}"` },
  });

interface HistoryItem {
  id: number;
  op: string;
  actor: string;
  detail: { segment?: number; en?: boolean; status?: string | null; undid?: number; op?: string };
  before: Segment[];
  after: Segment[];
  undoneBy: number | null;
}
const historyOf = async (doc: number) =>
  (await jsonOf<{ items: HistoryItem[] }>(await api(`/api/documents/${doc}/history`))).items;

const content = ({ version: _v, ...s }: Segment) => s;

describe("a document segment's edit is undoable like a bead operation", () => {
  it("records the edit, undoes it exactly (English, status, who and when), and redoes it", async () => {
    const doc = await createDoc([
      { ar: "قال الوزير إن الاجتماع كان مثمرا.", en: "The minister said the meeting was fruitful." },
      { ar: "وأضاف أن الحوار سيستمر." },
    ]);
    const seg = doc.segments[1] as Segment;
    const v = await versionOf(doc.id);
    const e = await edited(
      await patch(
        seg.id,
        { en: "He added that the dialogue would continue.", status: "approved" },
        seg.version,
      ),
    );
    expect(e).toMatchObject({ en: "He added that the dialogue would continue.", status: "approved" });
    expect(e.operation).toEqual(expect.any(Number));
    expect(await versionOf(doc.id)).toBe(v + 1);
    const [entry] = await historyOf(doc.id);
    expect(entry).toMatchObject({
      id: e.operation,
      op: "edit",
      actor: "admin",
      detail: { segment: seg.id, en: true, status: "approved" },
      undoneBy: null,
    });
    expect(entry?.before.map((s) => [s.id, s.en, s.status, s.version])).toEqual([[seg.id, null, "new", 1]]);
    expect(entry?.after.map((s) => [s.id, s.en, s.status, s.version])).toEqual([
      [seg.id, "He added that the dialogue would continue.", "approved", 2],
    ]);

    const res = await undo(doc.id, e.operation as number);
    expect(res.status, await res.clone().text()).toBe(200);
    const now = (await segmentsOf(doc.id))[1] as Segment;
    expect(content(now)).toEqual(content(seg));
    expect(now.version).toBe(3);
    const history = await historyOf(doc.id);
    expect(history.map((h) => h.op)).toEqual(["undo", "edit"]);
    expect(history[0]?.detail).toEqual({ undid: e.operation, op: "edit" });
    expect(history[1]?.undoneBy).toBe(history[0]?.id);
    // The memory's search follows the restored text (its index reads the normalised column).
    const row = await env.DB.prepare("SELECT en, en_norm FROM segments WHERE id = ?")
      .bind(seg.id)
      .first<{ en: string | null; en_norm: string | null }>();
    expect(row).toEqual({ en: null, en_norm: null });
    // Undone once only; undoing the undo redoes the edit.
    expect((await undo(doc.id, e.operation as number)).status).toBe(409);
    expect((await undo(doc.id, history[0]?.id as number)).status).toBe(200);
    expect((await segmentsOf(doc.id))[1]).toMatchObject({
      en: "He added that the dialogue would continue.",
      status: "approved",
      statusBy: "admin",
    });
  });

  it("a status change alone is an operation of its own kind, undone to the previous status and who set it", async () => {
    const doc = await createDoc([{ ar: "نص.", en: "Text." }]);
    const seg = doc.segments[0] as Segment;
    const e = await edited(await patch(seg.id, { status: "reviewed" }));
    expect((await historyOf(doc.id))[0]).toMatchObject({
      op: "segment-status",
      detail: { segment: seg.id, en: false, status: "reviewed" },
    });
    expect((await undo(doc.id, e.operation as number)).status).toBe(200);
    const now = (await segmentsOf(doc.id))[0] as Segment;
    expect([now.status, now.statusBy ?? null, now.statusAt ?? null]).toEqual([
      "translated",
      seg.statusBy ?? null,
      seg.statusAt ?? null,
    ]);
  });

  it("refuses to undo an edit once someone else changed the segment: 409, their text kept", async () => {
    const doc = await createDoc([{ ar: "ودعا المجلس جميع الأطراف إلى ضبط النفس.", en: "Restraint." }]);
    const seg = doc.segments[0] as Segment;
    const mine = await edited(await patch(seg.id, { en: "Mine: the Council urged restraint." }, seg.version));
    const theirs = await edited(
      await patch(seg.id, { en: "Theirs: the Council called for restraint." }, mine.version),
    );
    // Against the document's current version (If-Match fresh): still refused, for the segment changed.
    const v = await versionOf(doc.id);
    const res = await undo(doc.id, mine.operation as number, v);
    expect(res.status).toBe(409);
    const problem = await jsonOf<{ code: string; detail: string }>(res);
    expect(problem.code).toBe("concurrent-edit");
    expect(problem.detail).toMatch(/changed since/);
    expect(await versionOf(doc.id)).toBe(v);
    expect((await segmentsOf(doc.id))[0]).toMatchObject({ en: theirs.en, version: theirs.version });
    // Their edit undone first, mine can be undone after it (back to the text before both).
    expect((await undo(doc.id, theirs.operation as number)).status).toBe(200);
    expect((await undo(doc.id, mine.operation as number)).status).toBe(200);
    expect((await segmentsOf(doc.id))[0]?.en).toBe("Restraint.");
  });

  it("an undo against an older document version is refused (412) and writes nothing", async () => {
    const doc = await createDoc([
      { ar: "أ.", en: "A." },
      { ar: "ب.", en: "B." },
    ]);
    const [a, b] = doc.segments as [Segment, Segment];
    const e = await edited(await patch(a.id, { en: "A, edited." }));
    const seen = await versionOf(doc.id);
    await edited(await patch(b.id, { en: "B, edited by a colleague." }));
    const res = await undo(doc.id, e.operation as number, seen);
    expect(res.status).toBe(412);
    expect((await segmentsOf(doc.id))[0]?.en).toBe("A, edited.");
  });

  it("brings back the English's inline codes an edit dropped", async () => {
    const doc = await createDoc([{ ar: "اضغط هنا.", en: "Click here." }]);
    const seg = doc.segments[0] as Segment;
    const codes: InlineCode[] = [
      { kind: "open", id: "1", at: 6 },
      { kind: "close", id: "1", at: 10 },
    ];
    const coded = await edited(await patch(seg.id, { enCodes: codes }));
    expect(coded.enCodes).toEqual(codes);
    // New English without codes drops them (their offsets were for the old text).
    const plain = await edited(await patch(seg.id, { en: "Press here now." }));
    expect(plain.enCodes).toEqual([]);
    expect((await undo(doc.id, plain.operation as number)).status).toBe(200);
    const now = (await segmentsOf(doc.id))[0] as Segment;
    expect(now.en).toBe("Click here.");
    expect(now.enCodes).toEqual(codes);
    expect(now.enTagged).toBe("Click {1}here{/1}.");
  });

  it("undoes the latest operations one after the other, newest first: a merge, then the edit before it", async () => {
    // Aligned from texts: the segments carry the aligner's scores (REALs the history keeps to 15 digits).
    const made = await api("/api/documents", {
      method: "POST",
      body: {
        title: "aligned",
        ar: "قال الوزير إن الاجتماع كان مثمرا.\n\nوأضاف أن الحوار سيستمر.",
        en: "The minister said the meeting was fruitful.\n\nHe added that the dialogue would continue.",
      },
    });
    const doc = { id: (await jsonOf<{ id: number }>(made)).id };
    const [a, b] = (await segmentsOf(doc.id)) as [Segment, Segment];
    expect(a.score).toEqual(expect.any(Number));
    const e = await edited(await patch(a.id, { en: "A, edited." }));
    const merge = await api(`/api/documents/${doc.id}/segments/${a.id}/merge`, {
      method: "POST",
      headers: { "if-match": `"v${await versionOf(doc.id)}"` },
    });
    const { operation } = await jsonOf<{ operation: number }>(merge);
    // Before the merge is undone, the edit's segment is not as the edit left it.
    expect((await undo(doc.id, e.operation as number)).status).toBe(409);
    expect((await undo(doc.id, operation)).status).toBe(200);
    // The merge undone leaves the segment as the edit left it (at a higher version): the edit undoes.
    expect((await undo(doc.id, e.operation as number)).status).toBe(200);
    // Everything as it was; the aligner's scores to the 15 significant digits the history keeps.
    const now = await segmentsOf(doc.id);
    const noScore = ({ score: _s, ...rest }: Segment) => content(rest as Segment);
    expect(now.map(noScore)).toEqual([a, b].map(noScore));
    for (const [i, s] of now.entries()) expect(s.score).toBeCloseTo([a, b][i]?.score ?? Number.NaN, 12);
  });

  it("a memory pair of no document is edited without history", async () => {
    const doc = await createDoc([{ ar: "ج.", en: "C." }]);
    const seg = doc.segments[0] as Segment;
    await env.DB.prepare("UPDATE segments SET document_id = NULL WHERE id = ?").bind(seg.id).run();
    const e = await edited(await patch(seg.id, { en: "C, free." }));
    expect(e.operation).toBeNull();
    expect(await historyOf(doc.id)).toEqual([]);
  });
});
