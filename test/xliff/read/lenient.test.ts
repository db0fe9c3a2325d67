// What real files do that the specifications do not allow, and how the reader copes: it reads what can be
// read, leaves out only the defective unit, and says so in a notice (never silently).
import { describe, expect, it } from "vitest";
import { NO_ID } from "../../../src/formats/xliff-handler";
import { parseXliff } from "../../../src/formats/xliff-read";
import { marked } from "../../formats/marked";
import { formatError } from "../../formats/thrown";

const NS12 = "urn:oasis:names:tc:xliff:document:1.2";
const body12 = `<file original="f" source-language="ar" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>نص</source><target>text</target></trans-unit></body></file>`;

describe("XLIFF 1.x as older tools write it", () => {
  it.each([
    [
      "1.2 without a namespace (older Okapi, Matecat)",
      `<xliff version="1.2">${body12}</xliff>`,
      "1.2",
      "no namespace",
    ],
    [
      "1.1 (translate-toolkit, RB)",
      `<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1">${body12}</xliff>`,
      "1.1",
      null,
    ],
    ["1.0 without a namespace (Passolo)", `<xliff version="1.0">${body12}</xliff>`, "1.0", null],
    [
      "no version, the 1.1 namespace (OmegaT's filter tests)",
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1">${body12}</xliff>`,
      "1.1",
      "no version attribute",
    ],
  ])("%s: read like 1.2", (_name, xml, version, notice) => {
    const doc = parseXliff(xml);
    expect(doc.version).toBe(version);
    expect(doc.units.map((u) => [u.id, u.source, u.en])).toEqual([["1", "نص", "text"]]);
    if (notice === null) expect(doc.notices).toEqual([]);
    else expect(doc.notices[0]!.reason).toContain(notice);
  });

  it("refuses what is no XLIFF it knows: another version, a namespace that contradicts the version", () => {
    expect(formatError(() => parseXliff(`<xliff version="1.3" xmlns="${NS12}"/>`)).code).toBe(
      "wrong-version",
    );
    expect(formatError(() => parseXliff(`<xliff version="2.0" xmlns="${NS12}"/>`)).code).toBe(
      "wrong-namespace",
    );
    expect(formatError(() => parseXliff(`<xliff>${body12}</xliff>`)).code).toBe("wrong-version");
  });
});

describe("a defect inside one unit leaves out that unit, with a notice", () => {
  const xliff2 = (units: string) =>
    `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en"><file id="f">${units}</file></xliff>`;

  it("a segment without source, an unknown dataRef, a unit without segment; the others are read", () => {
    const doc = parseXliff(
      xliff2(
        `<unit id="a"><segment><target>only a target</target></segment></unit>` +
          `<unit id="b"><segment><source>نص <ph id="1" dataRef="nowhere"/></source></segment></unit>` +
          `<unit><segment><source>بلا معرف</source></segment></unit>` +
          `<unit id="d"><notes><note>no segment</note></notes></unit>` +
          `<unit id="e"><segment><source>سليم</source><target>sound</target></segment></unit>`,
      ),
    );
    // A unit without id is kept (its text can start a document), with a notice of its own.
    expect(doc.units.map((u) => [u.id, u.source, u.en, u.notices])).toEqual([
      ["", "بلا معرف", null, [NO_ID]],
      ["e", "سليم", "sound", []],
    ]);
    expect(doc.notices).toEqual([
      { item: "unit a", reason: "left out: a <segment> of unit a has no <source>" },
      { item: "unit b", reason: 'left out: dataRef "nowhere" names no <data> of the unit' },
      { item: "unit d", reason: "no <segment> (invalid XLIFF 2): nothing to import" },
    ]);
  });

  it("1.2: a trans-unit without source is left out; one without id is kept with a notice", () => {
    const doc = parseXliff(
      `<xliff version="1.2" xmlns="${NS12}"><file original="f" source-language="ar" datatype="plaintext"><body>` +
        `<trans-unit><source>x</source></trans-unit><trans-unit id="2"><target>y</target></trans-unit>` +
        `<trans-unit id="3"><source>سليم</source></trans-unit></body></file></xliff>`,
    );
    expect(doc.units.map((u) => [u.id, u.source, u.notices])).toEqual([
      ["", "x", [NO_ID]],
      ["3", "سليم", []],
    ]);
    expect(doc.notices.map((n) => n.item)).toEqual(["unit 2"]);
  });
});

describe("markup the format does not define is kept, not refused", () => {
  it("HTML written into a 1.2 target (Matecat) and a 2.x pc in a 1.2 file become codes around their text", () => {
    const doc = parseXliff(
      `<xliff version="1.2" xmlns="${NS12}"><file original="f" source-language="ar" datatype="plaintext"><body>` +
        `<trans-unit id="1"><source>انقر <pc id="1">هنا</pc></source><target>Click <a href="x">here</a></target></trans-unit></body></file></xliff>`,
    );
    const [seg] = doc.units[0]!.segments;
    expect(marked(seg!.source, true)).toBe('انقر {auto1<<pc id="1">>}هنا{/auto1<</pc>>}');
    expect(marked(seg!.target, true)).toBe('Click {auto1<<a href="x">>}here{/auto1<</a>>}');
    expect(doc.units[0]!.notices).toEqual([
      "<pc> in <source> is not an inline element here: kept as a code around its text",
      "<a> in <target> is not an inline element here: kept as a code around its text",
    ]);
  });

  it("a 1.2 target with a segment the seg-source lacks is read whole, nothing of it left out (Okapi)", () => {
    const doc = parseXliff(
      `<xliff version="1.2" xmlns="${NS12}"><file original="f" source-language="ar" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>أ. ب.</source><seg-source><mrk mid="0" mtype="seg">أ.</mrk> <mrk mid="1" mtype="seg">ب.</mrk></seg-source><target><mrk mid="0" mtype="seg">A.</mrk> <mrk mid="1" mtype="seg">B.</mrk> <mrk mid="2" mtype="seg">C.</mrk></target></trans-unit></body></file></xliff>`,
    );
    const unit = doc.units[0]!;
    expect(unit.segments.map((s) => [s.kind, s.source.text, s.target?.text])).toEqual([
      ["segment", "أ. ب.", "A. B. C."],
    ]);
    expect(unit.en).toBe("A. B. C.");
    expect(unit.notices.join()).toContain("segments the seg-source does not have (mids 2)");
  });

  it("a 2.x ec without startRef closes the sc of its own id", () => {
    const doc = parseXliff(
      `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar"><file id="f"><unit id="u"><segment><source><sc id="s1"/>نص<ec id="s1"/></source></segment></unit></file></xliff>`,
    );
    expect(marked(doc.units[0]!.segments[0]!.source)).toBe("{s1}نص{/s1}");
  });

  it("nesting as deep as Matecat's 65 groups is read", () => {
    const groups = 70;
    const doc = parseXliff(
      `<xliff version="1.2" xmlns="${NS12}"><file original="f" source-language="ar" datatype="plaintext"><body>${"<group>".repeat(groups)}<trans-unit id="1"><source>عميق</source></trans-unit>${"</group>".repeat(groups)}</body></file></xliff>`,
    );
    expect(doc.units.map((u) => u.source)).toEqual(["عميق"]);
  });
});
