// Inline codes and the structure of an imported XLIFF through D1 and the API (issue 12): a segmented,
// two-file XLIFF 1.2 with codes and a code-only unit becomes one Diwan segment per segment of the file, the
// API shows the codes as data and as placeholders, the export writes the same files, units, segments and
// codes again (1.2 and 2.0), a translated export comes back segment by segment, codes included, and the
// memory (TMX, matches) keeps codes with pairs but never takes a code-only unit.
import { describe, expect, it } from "vitest";
import { type ParsedXliff, parseXliff } from "../../../src/formats/xliff-read";
import type { Segment } from "../../../src/types";
import { api, jsonOf, segmentsOf, unique } from "../../support/api";
import { exportXliff, importOk, XLIFF_TYPE } from "./helpers";

const TWO_FILES = (tag: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.html" source-language="ar" target-language="en" datatype="html"><body>
<trans-unit id="1"><source>قال <g id="1">الوزير</g>: نعم ${tag}.<x id="2"/> ثم غادر.</source>
<seg-source><mrk mtype="seg" mid="1">قال <g id="1">الوزير</g>: نعم ${tag}.</mrk><x id="2"/> <mrk mtype="seg" mid="2">ثم غادر.</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">The <g id="1">minister</g> said: yes ${tag}.</mrk><x id="2"/> <mrk mtype="seg" mid="2">Then he left.</mrk></target>
</trans-unit>
<trans-unit id="2"><source><x id="3"/></source><target state="translated"><x id="3"/></target></trans-unit>
</body></file>
<file original="b.html" source-language="ar" target-language="en" datatype="html"><body>
<trans-unit id="1"><source>نص <ph id="4">&lt;br/&gt;</ph>آخر ${tag}.</source></trans-unit>
</body></file>
</xliff>`;

async function createFrom(xml: string) {
  const res = await api(`/api/documents/import/xliff?title=${unique("codes ")}`, {
    method: "POST",
    body: xml,
    headers: { "content-type": XLIFF_TYPE },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return jsonOf<{ id: number; segmentCount: number; translated: number }>(res);
}

/** Units as files, ids, and their segments' kinds, sources and targets (what must survive a round trip). */
const structure = (p: ParsedXliff) =>
  p.units.map((u) => ({
    file: u.fileIndex,
    id: u.id,
    segments: u.segments.map((s) => [s.kind, s.source, s.target]),
  }));

describe("inline codes and XLIFF structure through storage", () => {
  it("keeps each segment, its codes, code-only units and files; the API shows codes as data and placeholders", async () => {
    const tag = unique("t");
    const doc = await createFrom(TWO_FILES(tag));
    expect(doc.segmentCount).toBe(4);
    const segs = await segmentsOf(doc.id);
    const pick = (s: Segment) => [s.ar, s.arTagged, s.en, s.enTagged, s.status];
    expect(segs.map(pick)).toEqual([
      [
        `قال الوزير: نعم ${tag}.`,
        `قال {1}الوزير{/1}: نعم ${tag}.`,
        `The minister said: yes ${tag}.`,
        `The {1}minister{/1} said: yes ${tag}.`,
        "translated",
      ],
      ["ثم غادر.", "ثم غادر.", "Then he left.", "Then he left.", "translated"],
      ["", "{1/}", "", "{1/}", "translated"],
      [`نص آخر ${tag}.`, `نص {1/}آخر ${tag}.`, null, null, "new"],
    ]);
    expect(segs[0]!.arCodes).toEqual([
      { kind: "open", id: "1", at: 4 },
      { kind: "close", id: "1", at: 10 },
    ]);
    expect(segs[0]!.enCodes).toEqual([
      { kind: "open", id: "1", at: 4 },
      { kind: "close", id: "1", at: 12 },
    ]);
    expect(segs[3]!.arCodes).toEqual([{ kind: "standalone", id: "4", at: 3, data: "<br/>" }]);
    expect(segs[3]!.enCodes).toEqual([]);
  });

  it("exports the same files, units, segments and codes in 1.2 and 2.0", async () => {
    const tag = unique("t");
    const xml = TWO_FILES(tag);
    const doc = await createFrom(xml);
    const original = structure(parseXliff(xml));
    for (const version of ["1.2", "2.0"]) {
      const { text } = await exportXliff(doc.id, `version=${version}&glossary=false&qa=false&matches=false`);
      expect(text.match(/<file /g)?.length, version).toBe(2);
      const exported = parseXliff(text);
      expect(exported.units.map((u) => u.file)).toEqual(
        version === "1.2" ? ["a.html", "a.html", "b.html"] : ["a.html", "a.html", "b.html"],
      );
      expect(structure(exported), version).toEqual(original);
    }
  });

  it("takes a translated export back segment by segment, codes included; the same file again changes nothing", async () => {
    const tag = unique("t");
    const doc = await createFrom(TWO_FILES(tag));
    const { text } = await exportXliff(doc.id, "version=1.2&glossary=false&qa=false&matches=false");
    const translated = text
      .replace(`The <g id="1">minister</g> said: yes ${tag}.`, `<g id="1">The minister</g> said yes ${tag}.`)
      .replace("Then he left.", "Then he departed.");
    expect(translated).not.toBe(text);
    expect(await importOk(doc.id, translated)).toMatchObject({ updated: 2, conflicts: [] });
    const segs = await segmentsOf(doc.id);
    expect(segs.map((s) => s.enTagged)).toEqual([
      `{1}The minister{/1} said yes ${tag}.`,
      "Then he departed.",
      "{1/}",
      null,
    ]);
    expect(segs.map((s) => s.version)).toEqual([2, 2, 1, 1]);
    expect(await importOk(doc.id, translated)).toMatchObject({ updated: 0, conflicts: [] });
    // The 2.0 export of the same document maps back too (unit ids and files as 2.0 writes them).
    const two = (await exportXliff(doc.id, "version=2.0&glossary=false&qa=false&matches=false")).text;
    expect(await importOk(doc.id, two.replace("Then he departed.", "Then he went."))).toMatchObject({
      updated: 1,
      conflicts: [],
    });
    expect((await segmentsOf(doc.id))[1]!.en).toBe("Then he went.");
  });

  it("a target whose codes were changed counts as a change; QA reports codes missing from the English", async () => {
    const tag = unique("t");
    const doc = await createFrom(TWO_FILES(tag));
    const segs = await segmentsOf(doc.id);
    const first = segs[0]!;
    // New English without codes: the old codes go (their offsets were for the old text); QA says so.
    const res = await api(`/api/segments/${first.id}`, {
      method: "PATCH",
      body: { en: `The minister said yes ${tag}.` },
    });
    expect(res.status).toBe(200);
    expect((await jsonOf<Segment>(res)).enCodes).toEqual([]);
    const qa = await jsonOf<{ items: { id: number; qa: { type: string }[] }[] }>(
      await api(`/api/documents/${doc.id}/segments?qa=true&limit=10`),
    );
    expect(qa.items[0]!.qa.map((i) => i.type)).toContain("code-missing");
    // Codes given as data must fit the text; then they are stored and QA is satisfied.
    const bad = await api(`/api/segments/${first.id}`, {
      method: "PATCH",
      body: { enCodes: [{ kind: "standalone", id: "9", at: 999 }] },
    });
    expect(bad.status).toBe(400);
    expect((await jsonOf<{ errors: { field: string }[] }>(bad)).errors[0]!.field).toBe("enCodes");
    const good = await api(`/api/segments/${first.id}`, {
      method: "PATCH",
      body: {
        enCodes: [
          { kind: "open", id: "1", at: 4 },
          { kind: "close", id: "1", at: 12 },
        ],
      },
    });
    expect(good.status, await good.clone().text()).toBe(200);
    expect((await jsonOf<Segment>(good)).enTagged).toBe(`The {1}minister{/1} said yes ${tag}.`);
    const after = await jsonOf<{ items: { qa: { type: string }[] }[] }>(
      await api(`/api/documents/${doc.id}/segments?qa=true&limit=10`),
    );
    expect(after.items[0]!.qa.map((i) => i.type)).not.toContain("code-missing");
  });

  it("the memory keeps codes with pairs (TMX bpt/ept/ph) but never a code-only unit; matching ignores codes", async () => {
    const tag = unique("t");
    const doc = await createFrom(TWO_FILES(tag));
    const tmx = await (await api(`/api/tm/export?document=${doc.id}`)).text();
    expect(tmx.match(/<tu[ >]/g)?.length).toBe(2); // the code-only unit is not a memory pair
    expect(tmx).toContain(`<seg>قال <bpt i="1"`);
    // Matching sees the plain text: the Arabic without its codes is an exact match.
    const m = await jsonOf<{ matches: { score: number; en: string }[] }>(
      await api(`/api/tm/matches?q=${encodeURIComponent(`قال الوزير: نعم ${tag}.`)}`),
    );
    expect(m.matches[0]).toMatchObject({ score: 100, en: `The minister said: yes ${tag}.` });
  });

  it("TMX import keeps inline codes; the export writes them again", async () => {
    const tag = unique("t");
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="html" segtype="sentence" adminlang="en" srclang="ar" o-tmf="t"/>
<body><tu><tuv xml:lang="ar"><seg>انظر <bpt i="1">&lt;b&gt;</bpt>التقرير<ept i="1">&lt;/b&gt;</ept> ${tag}<ph x="2">&lt;br/&gt;</ph></seg></tuv>
<tuv xml:lang="en"><seg>See <bpt i="1">&lt;b&gt;</bpt>the report<ept i="1">&lt;/b&gt;</ept> ${tag}<ph x="2">&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>`;
    const res = await api("/api/tm/import", {
      method: "POST",
      body: tmx,
      headers: { "content-type": "application/x-tmx+xml" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const out = await (await api("/api/tm/export")).text();
    const tu = out.slice(out.indexOf(`التقرير`) - 200, out.indexOf(`the report`) + 200);
    // Written as 1.4b wants: bpt/ept paired by i, x naming the code across the two languages.
    expect(tu).toMatch(
      new RegExp(
        `<bpt i="1" x="1">&lt;b&gt;</bpt>التقرير<ept i="1">&lt;/b&gt;</ept> ${tag}<ph x="2">&lt;br/&gt;</ph>`,
      ),
    );
    expect(tu).toMatch(
      new RegExp(
        `<bpt i="1" x="1">&lt;b&gt;</bpt>the report<ept i="1">&lt;/b&gt;</ept> ${tag}<ph x="2">&lt;br/&gt;</ph>`,
      ),
    );
  });

  it("a tool that segments a Diwan unit further is taken as a whole; a changed segmentation is a conflict", async () => {
    const tag = unique("t");
    // A plain document (no XLIFF origin): one unit per segment, ids 123 / s123.
    const res = await api("/api/documents", {
      method: "POST",
      body: { title: unique("plain "), segments: [{ ar: `جملة أولى ${tag}. جملة ثانية.` }] },
    });
    expect(res.status).toBe(201);
    const plain = await jsonOf<{ id: number }>(res);
    const [seg] = await segmentsOf(plain.id);
    const segmented = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
<trans-unit id="${seg!.id}"><source>جملة أولى ${tag}. جملة ثانية.</source>
<seg-source><mrk mtype="seg" mid="1">جملة أولى ${tag}.</mrk> <mrk mtype="seg" mid="2">جملة ثانية.</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">First sentence ${tag}.</mrk> <mrk mtype="seg" mid="2">Second sentence.</mrk></target>
</trans-unit></body></file></xliff>`;
    expect(await importOk(plain.id, segmented)).toMatchObject({ updated: 1, conflicts: [] });
    expect((await segmentsOf(plain.id))[0]!.en).toBe(`First sentence ${tag}. Second sentence.`);

    // A document from a two-segment unit: the file comes back with the unit as one segment.
    const doc = await createFrom(TWO_FILES(tag));
    const { text } = await exportXliff(doc.id, "version=2.0&glossary=false&qa=false&matches=false");
    const merged = text.replace(
      /<\/segment>\s*<ignorable>[\s\S]*?<\/ignorable>\s*<segment id="[^"]+"[^>]*>[\s\S]*?<\/segment>/,
      "</segment>",
    );
    expect(merged).not.toBe(text);
    const result = await importOk(doc.id, merged);
    expect(result.conflicts).toEqual([{ unitId: "1", reason: "segmentation-changed" }]);
    expect(result.updated).toBe(0);
  });

  it("pre-translation leaves code-only segments alone (the memory has nothing for them)", async () => {
    const tag = unique("t");
    await createFrom(TWO_FILES(tag)); // a translated code-only unit (en "") now exists
    const doc = await createFrom(
      TWO_FILES(tag).replace('<target state="translated"><x id="3"/></target>', ""),
    );
    const before = await segmentsOf(doc.id);
    expect(before[2]).toMatchObject({ ar: "", en: null });
    const res = await api(`/api/documents/${doc.id}/pretranslate`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await segmentsOf(doc.id))[2]).toMatchObject({ ar: "", en: null, version: 1 });
  });

  it("pre-translation brings a 100% match's English codes when its Arabic has the same codes", async () => {
    const tag = unique("t");
    await createFrom(TWO_FILES(tag)); // the memory: the first segment with its codes on both sides
    const bare = TWO_FILES(tag).replace(/<target state="translated">[\s\S]*?<\/target>/g, "");
    const doc = await createFrom(bare);
    expect((await segmentsOf(doc.id))[0]!.en).toBeNull();
    const res = await api(`/api/documents/${doc.id}/pretranslate`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    const [first] = await segmentsOf(doc.id);
    expect(first).toMatchObject({ en: `The minister said: yes ${tag}.`, origin: "tm" });
    expect(first!.enTagged).toBe(`The {1}minister{/1} said: yes ${tag}.`);
  });

  it("UTF-16 uploads (BOM or declaration) import like UTF-8; another encoding is refused by name", async () => {
    const tag = unique("t");
    const utf16 = (text: string, bigEndian: boolean) => {
      const out = new Uint8Array(2 + text.length * 2);
      out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        const cu = text.charCodeAt(i);
        out[2 + 2 * i + (bigEndian ? 1 : 0)] = cu & 0xff;
        out[2 + 2 * i + (bigEndian ? 0 : 1)] = cu >> 8;
      }
      return out;
    };
    // XLIFF, UTF-16BE: the same document as from UTF-8.
    const xml = TWO_FILES(tag).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const res = await api(`/api/documents/import/xliff?title=${unique("utf16 ")}`, {
      method: "POST",
      body: utf16(xml, true),
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const doc = await jsonOf<{ id: number }>(res);
    expect((await segmentsOf(doc.id))[0]!.arTagged).toBe(`قال {1}الوزير{/1}: نعم ${tag}.`);
    // TMX, UTF-16LE with the DOCTYPE OmegaT and Trados write.
    const tmx = `<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ar" o-tmf="t"/>
<body><tu><tuv xml:lang="ar-SA"><seg>ذاكرة ${tag}</seg></tuv><tuv xml:lang="en-US"><seg>Memory ${tag}</seg></tuv></tu></body></tmx>`;
    const imported = await api("/api/tm/import", {
      method: "POST",
      body: utf16(tmx, false),
      headers: { "content-type": "application/x-tmx+xml" },
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(await jsonOf(imported)).toMatchObject({ imported: 1 });
    // A multi-byte legacy encoding, declared: refused with its name (single-byte ones are read strictly).
    const sjis = await api(`/api/documents/import/xliff?title=${unique("sjis ")}`, {
      method: "POST",
      body: TWO_FILES(tag).replace('encoding="UTF-8"', 'encoding="Shift_JIS"'),
      headers: { "content-type": XLIFF_TYPE },
    });
    expect(sjis.status).toBe(415);
    expect((await jsonOf<{ detail: string }>(sjis)).detail).toContain("Shift_JIS");
  });
});
