import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseXliff } from "../../../src/formats/xliff-read";
import { api, createDoc, createEntry, jsonOf, setSegment, tokenWithScope, unique } from "../../support/api";
import { exportXliff, uniqueArabicWord } from "./helpers";

describe("GET /api/documents/:id/xliff", () => {
  it("exports XLIFF 1.2 by default, as an attachment named after the document", async () => {
    const doc = await createDoc(
      [{ ar: "جملة أولى.", en: "First sentence." }, { ar: "جملة ثانية." }],
      "Weekly report",
    );
    const { res, text } = await exportXliff(doc.id);
    expect(res.headers.get("content-type")).toBe("application/xliff+xml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Weekly report-${doc.id}.1.2.xlf"; filename*=UTF-8''Weekly%20report-${doc.id}.1.2.xlf`,
    );
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff version="1.2"/);
    const parsed = parseXliff(text);
    expect(parsed.version).toBe("1.2");
    expect(parsed.units.map((u) => [u.id, u.source, u.target])).toEqual([
      [String(doc.segments[0]!.id), "جملة أولى.", "First sentence."],
      [String(doc.segments[1]!.id), "جملة ثانية.", null],
    ]);
  });

  it("gives an Arabic title an ASCII fallback name and an RFC 5987 filename*", async () => {
    const doc = await createDoc([{ ar: "نص." }], 'بيان "مشترك"/2026');
    const { res } = await exportXliff(doc.id, "version=2.1");
    const cd = res.headers.get("content-disposition")!;
    expect(cd).toMatch(
      new RegExp(`^attachment; filename="2026-${doc.id}\\.2\\.1\\.xlf"; filename\\*=UTF-8''`),
    );
    const star = /filename\*=UTF-8''(.+)$/.exec(cd)![1]!;
    expect(decodeURIComponent(star)).toBe(`بيان مشترك 2026-${doc.id}.2.1.xlf`);
    // Only token characters and percent escapes after UTF-8'' (RFC 8187).
    expect(star).toMatch(/^[A-Za-z0-9%!#$&+.^_`|~-]+$/);
  });

  it.each(["1.2", "2.0", "2.1"] as const)("exports version %s with stable unit ids", async (version) => {
    const doc = await createDoc([{ ar: "أ.", en: "A." }, { ar: "ب." }]);
    const first = await exportXliff(doc.id, `version=${version}`);
    const second = await exportXliff(doc.id, `version=${version}`);
    expect(second.text).toBe(first.text);
    const parsed = parseXliff(first.text);
    expect(parsed.version).toBe(version);
    const ids = doc.segments.map((s) => (version === "1.2" ? String(s.id) : `s${s.id}`));
    expect(parsed.units.map((u) => u.id)).toEqual(ids);
    expect(parsed.units.map((u) => u.segmentId)).toEqual(doc.segments.map((s) => s.id));
    expect(first.res.headers.get("content-disposition")).toContain(`.${version}.xlf"`);
  });

  it("writes units without English per emptyTargets (omit, empty, source)", async () => {
    const doc = await createDoc([{ ar: "غير مترجمة." }]);
    const id = doc.segments[0]!.id;
    const omit = (await exportXliff(doc.id, "glossary=false&qa=false")).text;
    expect(omit).not.toContain("<target");
    const empty = (await exportXliff(doc.id, "emptyTargets=empty")).text;
    expect(empty).toContain(`<target xml:lang="en" state="needs-translation"></target>`);
    const source = (await exportXliff(doc.id, "emptyTargets=source")).text;
    expect(source).toContain(`<target xml:lang="en" state="needs-translation">غير مترجمة.</target>`);
    const source2 = (await exportXliff(doc.id, "version=2.1&emptyTargets=source")).text;
    expect(source2).toContain(
      `<segment id="1" state="initial"><source xml:space="preserve">غير مترجمة.</source><target xml:space="preserve">غير مترجمة.</target>`,
    );
    // None of these targets is a translation for a reader.
    for (const text of [omit, empty, source, source2]) {
      const u = parseXliff(text).units[0]!;
      expect([u.segmentId, u.en]).toEqual([id, null]);
    }
  });

  it("locks approved units and maps statuses to states", async () => {
    const doc = await createDoc([
      { ar: "واحد.", en: "One." },
      { ar: "اثنان.", en: "Two." },
      { ar: "ثلاثة.", en: "Three." },
    ]);
    const [a, b, c] = doc.segments;
    await setSegment(b!.id, { status: "reviewed" });
    await setSegment(c!.id, { status: "approved" });
    const v12 = (await exportXliff(doc.id)).text;
    expect(v12).toContain(`<trans-unit id="${a!.id}" xml:space="preserve">`);
    expect(v12).toContain(`<trans-unit id="${c!.id}" xml:space="preserve" translate="no" approved="yes">`);
    expect(v12).toContain(`state="signed-off">Two.</target>`);
    expect(v12).toContain(`state="final">Three.</target>`);
    const v21 = (await exportXliff(doc.id, "version=2.1")).text;
    expect(v21).toContain(`<unit id="s${c!.id}" name="${c!.id}" translate="no">`);
    expect(v21).toContain(`<segment id="1" state="reviewed">`);
    const parsed = parseXliff(v21).units;
    expect(parsed.map((u) => [u.translate, u.status])).toEqual([
      [true, "translated"],
      [true, "reviewed"],
      [false, "approved"],
    ]);
  });

  it("adds glossary hints (with forbidden renderings flagged and the definition) and QA notes", async () => {
    const word = uniqueArabicWord();
    const en = unique("special envoy ");
    await createEntry(en, word, {
      definition: "a diplomat sent on a particular mission",
      terms: [
        { lang: "en", text: en, status: "preferred" },
        { lang: "en", text: `${en} bad`, status: "forbidden" },
        { lang: "ar", text: word, status: "preferred" },
      ],
    });
    const doc = await createDoc([
      { ar: `وصل ${word} إلى جنيف يوم 12 أيار.`, en: "The envoy arrived in Geneva on 13 May." },
      { ar: `غادر ${word} أمس.` },
    ]);
    const v12 = (await exportXliff(doc.id)).text;
    expect(v12).toContain(
      `<note from="diwan-glossary" annotates="source" priority="2">Glossary: ${word} → use "${en}"; never use (forbidden) "${en} bad". Definition: a diplomat sent on a particular mission</note>`,
    );
    // QA only where there is English: the number and the missing term of the first unit.
    expect(v12).toMatch(/<note from="diwan-qa" annotates="target" priority="1">QA error: The number 12/);
    expect(v12).toContain(`QA warning: &quot;${word}&quot; should be rendered as`.replace(/&quot;/g, '"'));
    const second = v12.slice(v12.indexOf(`<trans-unit id="${doc.segments[1]!.id}"`));
    expect(second).toContain("diwan-glossary");
    expect(second).not.toContain("diwan-qa");

    const v21 = (await exportXliff(doc.id, "version=2.1")).text;
    expect(v21).toContain(
      `<gls:glossEntry dw:status="preferred"><gls:term source="diwan">${word}</gls:term><gls:translation source="diwan" dw:status="preferred">${en}</gls:translation><gls:definition>a diplomat sent on a particular mission</gls:definition></gls:glossEntry>`,
    );
    expect(v21).toContain(`<note category="qa" appliesTo="target" priority="1">QA error: The number 12`);

    const plain = (await exportXliff(doc.id, "glossary=false&qa=false")).text;
    expect(plain).not.toContain("<note");
  });

  it("adds memory matches recorded by pre-translation (alt-trans / mtc:matches), unless matches=false", async () => {
    const doc = await createDoc([{ ar: "تعقد اللجنة اجتماعها المقبل." }, { ar: "بلا تطابق." }]);
    const id = doc.segments[0]!.id;
    await env.DB.prepare(
      `INSERT INTO segment_matches (segment_id, rank, source_segment_id, score, ar, en, origin)
       VALUES (?1, 0, ?1, 92, 'تعقد اللجنة اجتماعها القادم.', 'The committee will hold its next meeting.', 'diwan-tm/tmx'),
              (?1, 1, ?1, 75, 'تعقد اللجنة دورتها.', 'The committee holds its session & more.', 'diwan-tm/document-1')`,
    )
      .bind(id)
      .run();
    const v12 = (await exportXliff(doc.id)).text;
    expect(v12).toContain(
      `<alt-trans match-quality="92" origin="diwan-tm/tmx"><source xml:lang="ar">تعقد اللجنة اجتماعها القادم.</source><target xml:lang="en">The committee will hold its next meeting.</target></alt-trans>`,
    );
    expect(v12).toContain("its session &amp; more.");
    const v20 = (await exportXliff(doc.id, "version=2.0")).text;
    expect(v20).toContain(`<mtc:match ref="#1" type="tm" matchQuality="92" origin="diwan-tm/tmx">`);
    expect(v20.match(/<mtc:match /g)).toHaveLength(2);
    expect((await exportXliff(doc.id, "matches=false")).text).not.toContain("alt-trans");
  });

  it("lets a read-scope token export, and answers 404 / 400 for a missing document or a bad query", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    const read = await tokenWithScope("read");
    expect((await api(`/api/documents/${doc.id}/xliff`, { token: read })).status).toBe(200);
    const missing = await api("/api/documents/999999999/xliff");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    const bad = await api(`/api/documents/${doc.id}/xliff?version=1.1&emptyTargets=blank`);
    expect(bad.status).toBe(400);
    const fields = (await jsonOf<{ errors: { field: string }[] }>(bad)).errors.map((e) => e.field).sort();
    expect(fields).toEqual(["emptyTargets", "version"]);
    expect((await api(`/api/documents/${doc.id}/xliff`, { token: null })).status).toBe(401);
  });

  it("refuses XLIFF 2 for a document without segments before streaming, and lists the routes in OpenAPI", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    await env.DB.prepare("DELETE FROM segments WHERE document_id = ?").bind(doc.id).run();
    const res = await api(`/api/documents/${doc.id}/xliff?version=2.0`);
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe("empty-document");
    const v12 = await exportXliff(doc.id);
    expect(parseXliff(v12.text).units).toEqual([]);
    const spec = await jsonOf<{ paths: Record<string, Record<string, unknown>> }>(await api("/openapi.json"));
    expect(Object.keys(spec.paths["/api/documents/{id}/xliff"] ?? {}).sort()).toEqual(["get", "put"]);
    expect(Object.keys(spec.paths["/api/documents/import/xliff"] ?? {})).toEqual(["post"]);
  });

  it("streams a document larger than one page in order", async () => {
    const segments = Array.from({ length: 2_345 }, (_, i) => ({
      ar: `جملة رقم ${i}.`,
      en: i % 3 ? `Sentence ${i}.` : null,
    }));
    const res = await api("/api/documents", { method: "POST", body: { title: unique("big "), segments } });
    expect(res.status).toBe(201);
    const { id } = await jsonOf<{ id: number }>(res);
    const parsed = parseXliff((await exportXliff(id, "version=2.1&qa=false")).text);
    expect(parsed.units).toHaveLength(2_345);
    expect(parsed.units.map((u) => u.source)).toEqual(segments.map((s) => s.ar));
    const ids = parsed.units.map((u) => u.segmentId!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });
});
