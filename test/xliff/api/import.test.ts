import { describe, expect, it } from "vitest";
import { applyImport, importStatements, importUnitOf, planImport } from "../../../src/db/xliff";
import { parseXliff } from "../../../src/formats/xliff-read";
import { api, createDoc, jsonOf, segmentsOf, setSegment, tokenWithScope } from "../../support/api";
import { testDb } from "../../support/db";
import { memoq12, omegat12, trados12, xliff2Segmented } from "./fixtures/cat";
import { exportXliff, importOk, importXliff, setTarget12, XLIFF_TYPE } from "./helpers";

describe("PUT /api/documents/:id/xliff", () => {
  it("imports its own export back unchanged, bidi marks and XML specials included", async () => {
    const ar = "قال \u200Fالوزير\u200F: «A & B <C>» \"نعم\" 'لا' — 5 > 3\tو\nسطر.";
    const en = "The minister said: \u201CA & B <C>\u201D \"yes\" 'no' \u2014 5 > 3\tand\nline.";
    const doc = await createDoc([{ ar, en }, { ar: "\u202Bجملة\u202C ثانية." }]);
    for (const version of ["1.2", "2.0", "2.1"]) {
      const { text } = await exportXliff(doc.id, `version=${version}&emptyTargets=source`);
      const result = await importOk(doc.id, text);
      expect(result).toEqual({ updated: 0, unchanged: 1, skipped: 1, conflicts: [], dryRun: false });
    }
    const after = await segmentsOf(doc.id);
    expect(after.map((s) => [s.ar, s.en, s.version, s.origin])).toEqual([
      [ar, en, 1, "manual"],
      ["\u202Bجملة\u202C ثانية.", null, 1, "manual"],
    ]);
  });

  it("stores translated targets with status from the state, version+1, origin xliff, searchable English", async () => {
    const doc = await createDoc([{ ar: "الأمين العام." }, { ar: "مجلس الأمن." }, { ar: "الجمعية العامة." }]);
    const [a, b, c] = doc.segments;
    let xml = (await exportXliff(doc.id)).text;
    xml = setTarget12(xml, a!.id, "The Secretary-General.", "translated");
    xml = setTarget12(xml, b!.id, "The Security Council — <reviewed> & signed off", "signed-off");
    xml = setTarget12(xml, c!.id, "The General Assembly.", "needs-review-translation");
    const result = await importOk(doc.id, xml);
    expect(result).toEqual({ updated: 3, unchanged: 0, skipped: 0, conflicts: [], dryRun: false });
    const after = await segmentsOf(doc.id);
    expect(after.map((s) => [s.en, s.status, s.origin, s.version])).toEqual([
      ["The Secretary-General.", "translated", "xliff", 2],
      ["The Security Council — <reviewed> & signed off", "reviewed", "xliff", 2],
      ["The General Assembly.", "translated", "xliff", 2],
    ]);
    // en_norm was written: concordance finds the imported English.
    const found = await jsonOf<{ items: { id: number }[] }>(
      await api(`/api/segments?lang=en&q=${encodeURIComponent("secretary-general")}&limit=500`),
    );
    expect(found.items.map((s) => s.id)).toContain(a!.id);
    // Importing the same file again changes nothing.
    expect(await importOk(doc.id, xml)).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it("dry run reports the same counts and writes nothing", async () => {
    const doc = await createDoc([{ ar: "نص أول." }, { ar: "نص ثان." }]);
    const xml = setTarget12((await exportXliff(doc.id)).text, doc.segments[0]!.id, "First text.");
    const dry = await importOk(doc.id, xml, "dryRun=true");
    expect(dry).toEqual({ updated: 1, unchanged: 0, skipped: 1, conflicts: [], dryRun: true });
    expect((await segmentsOf(doc.id)).map((s) => [s.en, s.version])).toEqual([
      [null, 1],
      [null, 1],
    ]);
  });

  it("reports conflicts (source changed, unknown unit, another document's unit, locked) and applies the rest", async () => {
    const other = await createDoc([{ ar: "وثيقة أخرى." }]);
    const doc = await createDoc([
      { ar: "المصدر الأصلي." },
      { ar: "مقفل.", en: "Locked." },
      { ar: "عادي." },
      { ar: "مسافات  و\u200Fعلامات." },
    ]);
    const [changed, locked, plain, spaced] = doc.segments;
    await setSegment(locked!.id, { status: "approved" });
    const otherId = other.segments[0]!.id;
    const xml = omegat12([
      { id: changed!.id, ar: "مصدر معدل.", en: "Edited source.", state: "translated" },
      { id: locked!.id, ar: "مقفل.", en: "Overwritten.", state: "translated" },
      { id: plain!.id, ar: "عادي.", en: "Plain.", state: "translated" },
      { id: otherId, ar: "وثيقة أخرى.", en: "Other document.", state: "translated" },
      { id: 999_999_999, ar: "لا وجود.", en: "Nowhere.", state: "translated" },
      // Whitespace runs and bidi marks differ: tolerated, the stored Arabic stays as it was.
      { id: spaced!.id, ar: "مسافات وعلامات. ", en: "Spaces and marks.", state: "translated" },
      { id: plain!.id, ar: "عادي.", en: "Twice.", state: "translated" },
    ]);
    const result = await importOk(doc.id, xml);
    expect(result.updated).toBe(2);
    expect(result.conflicts).toEqual([
      { unitId: String(changed!.id), reason: "source-changed" },
      { unitId: String(locked!.id), reason: "locked" },
      { unitId: String(otherId), reason: "unknown-unit" },
      { unitId: "999999999", reason: "unknown-unit" },
      { unitId: String(plain!.id), reason: "duplicate-unit" },
    ]);
    const after = await segmentsOf(doc.id);
    expect(after.map((s) => [s.ar, s.en, s.status])).toEqual([
      ["المصدر الأصلي.", null, "new"],
      ["مقفل.", "Locked.", "approved"],
      ["عادي.", "Plain.", "translated"],
      ["مسافات  و\u200Fعلامات.", "Spaces and marks.", "translated"],
    ]);
    expect((await segmentsOf(other.id))[0]!.en).toBeNull();
  });

  it("skips targets that are not translations yet (needs-translation, a draft copy of the source)", async () => {
    const doc = await createDoc([{ ar: "أ." }, { ar: "ب." }, { ar: "ج." }]);
    const [a, b, c] = doc.segments;
    const xml = omegat12([
      { id: a!.id, ar: "أ.", en: "أ.", state: "needs-translation" },
      { id: b!.id, ar: "ب.", en: "ب.", state: "new" },
      { id: c!.id, ar: "ج.", en: "C, a draft.", state: "new" },
    ]);
    expect(await importOk(doc.id, xml, "states=strict")).toEqual({
      updated: 1,
      unchanged: 0,
      skipped: 2,
      conflicts: [],
      dryRun: false,
    });
    // Strict: a draft with real English is kept, but stays "new" (not counted as translated).
    expect((await segmentsOf(doc.id)).map((s) => [s.en, s.status])).toEqual([
      [null, "new"],
      [null, "new"],
      ["C, a draft.", "new"],
    ]);
  });

  it("lenient states (the default): OmegaT's translated units under needs-translation are translations", async () => {
    const doc = await createDoc([{ ar: "أ." }, { ar: "ب." }, { ar: "ج." }]);
    const [a, b, c] = doc.segments;
    await setSegment(b!.id, { en: "B, reviewed.", status: "reviewed" });
    // What OmegaT 3.6-5 writes back: targets translated or kept, the state left at needs-translation.
    const xml = omegat12([
      { id: a!.id, ar: "أ.", en: "أ.", state: "needs-translation" },
      { id: b!.id, ar: "ب.", en: "B, reviewed.", state: "needs-translation" },
      { id: c!.id, ar: "ج.", en: "C, translated in OmegaT.", state: "needs-translation" },
    ]);
    expect(await importOk(doc.id, xml)).toMatchObject({
      updated: 1,
      unchanged: 1,
      skipped: 1,
      conflicts: [],
    });
    expect((await segmentsOf(doc.id)).map((s) => [s.en, s.status])).toEqual([
      [null, "new"], // a copy of the source: not a translation
      ["B, reviewed.", "reviewed"], // the English exported, back under a draft state: nothing changes
      ["C, translated in OmegaT.", "translated"], // new English under a draft state only: a translation
    ]);
  });

  it("imports a Trados-style 1.2 file (seg-source, mrk, sdl:seg confirmation levels)", async () => {
    const doc = await createDoc([{ ar: "مترجم." }, { ar: "معتمد." }, { ar: "مسودة." }]);
    const [a, b, c] = doc.segments;
    const xml = trados12([
      { id: a!.id, ar: "مترجم.", en: "Translated.", conf: "Translated" },
      { id: b!.id, ar: "معتمد.", en: "Approved.", conf: "ApprovedTranslation" },
      { id: c!.id, ar: "مسودة.", en: "مسودة.", conf: "Draft" },
    ]);
    expect(await importOk(doc.id, xml)).toMatchObject({ updated: 2, skipped: 1, conflicts: [] });
    expect((await segmentsOf(doc.id)).map((s) => [s.en, s.status])).toEqual([
      ["Translated.", "translated"],
      ["Approved.", "reviewed"],
      [null, "new"],
    ]);
  });

  it("imports a memoQ-style 1.2 file (mq:status, g and x inline codes)", async () => {
    const doc = await createDoc([{ ar: "نص مع رمز." }, { ar: "لم يبدأ." }]);
    const [a, b] = doc.segments;
    const xml = memoq12([
      {
        id: a!.id,
        ar: 'نص <g id="1">مع</g> رمز.<x id="2"/>',
        en: 'Text <g id="1">with</g> a code.<x id="2"/>',
        status: "ManuallyConfirmed",
      },
      { id: b!.id, ar: "لم يبدأ.", en: "", status: "NotStarted" },
    ]);
    expect(await importOk(doc.id, xml)).toMatchObject({ updated: 1, skipped: 1, conflicts: [] });
    expect((await segmentsOf(doc.id))[0]).toMatchObject({ en: "Text with a code.", status: "translated" });
  });

  it.each(["2.0", "2.1"] as const)(
    "imports XLIFF %s with several segments per unit and inline codes",
    async (version) => {
      const doc = await createDoc([{ ar: "جملة أولى. جملة ثانية." }, { ar: "نصف. نصف آخر." }]);
      const [a, b] = doc.segments;
      const xml = xliff2Segmented(version, [
        {
          id: a!.id,
          parts: [
            { ar: 'جملة <pc id="1">أولى</pc>.', en: 'First <pc id="1">sentence</pc>.', state: "reviewed" },
            {
              ar: 'جملة<ph id="2" dataRef="d1"/> ثانية.',
              en: 'Second<ph id="2" dataRef="d1"/> sentence.',
              state: "translated",
            },
          ],
        },
        // One segment untranslated: the unit has no complete target and is skipped.
        {
          id: b!.id,
          parts: [
            { ar: "نصف.", en: "Half.", state: "translated" },
            { ar: "نصف آخر.", en: null, state: "initial" },
          ],
        },
      ]);
      expect(await importOk(doc.id, xml)).toEqual({
        updated: 1,
        unchanged: 0,
        skipped: 1,
        conflicts: [],
        dryRun: false,
      });
      // The least advanced segment decides the status.
      expect((await segmentsOf(doc.id)).map((s) => [s.en, s.status])).toEqual([
        ["First sentence. Second sentence.", "translated"],
        [null, "new"],
      ]);
    },
  );

  it("refuses the whole import when one target cannot be stored, and writes nothing", async () => {
    const doc = await createDoc([{ ar: "صالح." }, { ar: "طويل." }]);
    const [a, b] = doc.segments;
    let xml = (await exportXliff(doc.id)).text;
    xml = setTarget12(xml, a!.id, "Valid.");
    xml = setTarget12(xml, b!.id, "x".repeat(20_001));
    const res = await importXliff(doc.id, xml);
    expect(res.status).toBe(400);
    const body = await jsonOf<{ code: string; errors: { field: string }[] }>(res);
    expect(body.code).toBe("invalid-target");
    expect(body.errors).toEqual([
      { field: `units.${b!.id}.target`, message: expect.stringContaining("20000") },
    ]);
    // A control character (legal in XML 1.0 as &#127;) is refused the same way.
    const ctl = await importXliff(
      doc.id,
      setTarget12(xml, b!.id, "bad &#127; char").replace("&amp;#127;", "&#127;"),
    );
    expect(ctl.status).toBe(400);
    expect((await segmentsOf(doc.id)).map((s) => [s.en, s.version])).toEqual([
      [null, 1],
      [null, 1],
    ]);
  });

  it("rolls back every chunk when a later chunk finds a segment changed since planning", async () => {
    const doc = await createDoc(Array.from({ length: 6 }, (_, i) => ({ ar: `جملة ${i}.` })));
    const db = testDb();
    const xml = omegat12(
      doc.segments.map((s, i) => ({ id: s.id, ar: s.ar, en: `Sentence ${i}.`, state: "translated" })),
    );
    const plan = await planImport(db, doc.id, parseXliff(xml).units.map(importUnitOf));
    expect(plan.updates).toHaveLength(6);
    // Tiny chunks: guard+update per row. The last segment is edited after planning, so the last guard fails
    // after five UPDATEs have run inside the transaction.
    const statements = importStatements(doc.id, plan.updates, 1);
    expect(statements).toHaveLength(12);
    await setSegment(doc.segments[5]!.id, { en: "Someone else." });
    await expect(applyImport(db, statements)).rejects.toMatchObject({ status: 409, code: "concurrent-edit" });
    expect((await segmentsOf(doc.id)).map((s) => s.en)).toEqual([
      null,
      null,
      null,
      null,
      null,
      "Someone else.",
    ]);
  });

  it("needs a write-scope token and an existing document", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    const { text } = await exportXliff(doc.id);
    const read = await tokenWithScope("read");
    expect((await importXliff(doc.id, text, "", read)).status).toBe(403);
    const write = await tokenWithScope("write");
    expect((await importXliff(doc.id, text, "", write)).status).toBe(200);
    expect((await importXliff(999_999_999, text)).status).toBe(404);
  });
});

describe("POST /api/documents/import/xliff", () => {
  it("creates a document from a bilingual XLIFF: sources in order, translated targets with their status", async () => {
    const xml = xliff2Segmented("2.1", [
      { id: 1, parts: [{ ar: "أولى.", en: "First.", state: "reviewed" }] },
      { id: 2, parts: [{ ar: "ثانية.", en: "ثانية.", state: "initial" }] },
      { id: 3, parts: [{ ar: "ثالثة.", en: "Third.", state: "final" }] },
    ]);
    const res = await api("/api/documents/import/xliff?title=Imported%20%D8%A8%D9%8A%D8%A7%D9%86", {
      method: "POST",
      body: xml,
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await jsonOf<{ id: number; title: string; segmentCount: number; translated: number }>(
      res,
    );
    expect(created).toMatchObject({ title: "Imported بيان", segmentCount: 3, translated: 2 });
    expect(res.headers.get("location")).toBe(`/api/documents/${created.id}`);
    expect((await segmentsOf(created.id)).map((s) => [s.ar, s.en, s.status, s.origin])).toEqual([
      ["أولى.", "First.", "reviewed", "xliff"],
      ["ثانية.", null, "new", "xliff"],
      ["ثالثة.", "Third.", "approved", "xliff"],
    ]);
    // Round trip: its own export comes back unchanged.
    const again = await importOk(created.id, (await exportXliff(created.id)).text);
    expect(again).toMatchObject({ updated: 0, unchanged: 2, skipped: 1, conflicts: [] });
  });

  it("names the document by date without ?title=, and refuses files without units or with English sources", async () => {
    const xml = omegat12([{ id: 7, ar: "نص.", en: "Text.", state: "translated" }]);
    const res = await api("/api/documents/import/xliff", {
      method: "POST",
      body: xml,
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(res.status).toBe(201);
    expect((await jsonOf<{ title: string }>(res)).title).toMatch(/^XLIFF import \d{4}-\d\d-\d\d \d\d:\d\d$/);
    const empty = await api("/api/documents/import/xliff", {
      method: "POST",
      body: omegat12([]),
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(empty.status).toBe(400);
    const reversed = await api("/api/documents/import/xliff", {
      method: "POST",
      body: xml.replace(
        'source-language="ar" target-language="en"',
        'source-language="en-US" target-language="ar"',
      ),
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(reversed.status).toBe(400);
    expect((await jsonOf(reversed)).code).toBe("wrong-language");
  });

  it("a valid XLIFF with nothing to translate is refused as such (no-text); a broken one names its defect", async () => {
    const post = (body: string) =>
      api("/api/documents/import/xliff?title=empty", {
        method: "POST",
        body,
        headers: { "content-type": XLIFF_TYPE },
      });
    const x2 = (file: string) =>
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">${file}</xliff>`;
    const empty = [
      x2('<file id="f1"><group id="g1"/></file>'),
      x2('<file id="f1"><unit id="u1"><segment><source/></segment></unit></file>'),
    ];
    for (const body of empty) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const problem = await jsonOf<{ code: string; title: string; detail: string }>(res);
      expect([problem.code, problem.title]).toEqual(["no-text", "Nothing to translate"]);
      expect(problem.detail).toMatch(/nothing to translate/);
    }
    for (const [body, defect] of [
      [x2(""), "no <file>"],
      [x2('<file id="f1"/>'), "file f1: no <unit> or <group>"],
    ] as const) {
      const problem = await jsonOf<{ code: string; detail: string }>(await post(body));
      expect(problem.code).toBe("invalid-content");
      expect(problem.detail).toContain(defect);
    }
  });
});
