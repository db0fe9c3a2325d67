// The one inline-code model: nesting decisions, QA comparison, and every writer read back by every reader
// (random contents with pairs, crossing pairs, isolated codes, placeholders and markers).
import { describe, expect, it } from "vitest";
import { type Content, type InlineCode, nesting } from "../../src/formats/inline";
import { parseTmx, writeTmx } from "../../src/formats/tmx";
import { parseXliff } from "../../src/formats/xliff-read";
import { toXliff, type XliffVersion } from "../../src/formats/xliff-write";
import { streamToString } from "../../src/formats/xml-stream";
import { codeIssues } from "../../src/text/qa-codes";
import { rng } from "../support/random";
import { marked } from "./marked";
import { randomArabic, randomEnglish } from "./random";
import { type Flavour, randomContent } from "./random-codes";
import { SAMPLE_DOC } from "./samples";

const open = (id: string, at: number, extra: Partial<InlineCode> = {}): InlineCode => ({
  kind: "open",
  id,
  at,
  ...extra,
});
const close = (id: string, at: number, extra: Partial<InlineCode> = {}): InlineCode => ({
  kind: "close",
  id,
  at,
  ...extra,
});
const ph = (id: string, at: number, extra: Partial<InlineCode> = {}): InlineCode => ({
  kind: "standalone",
  id,
  at,
  ...extra,
});

describe("nesting", () => {
  it("pairs, crossing pairs (the later one split), lone halves and standalone codes", () => {
    expect(nesting([open("a", 0), open("b", 1), close("b", 2), close("a", 3)])).toEqual([
      "pair",
      "pair",
      "pair",
      "pair",
    ]);
    expect(nesting([open("a", 0), open("b", 1), close("a", 2), close("b", 3)])).toEqual([
      "pair",
      "split",
      "pair",
      "split",
    ]);
    expect(nesting([open("a", 0), ph("x", 1), close("z", 2)])).toEqual(["lone", "standalone", "lone"]);
    // A marker and a code with the same id are not partners.
    expect(nesting([open("1", 0, { marker: { type: "term" } }), close("1", 1)])).toEqual(["lone", "lone"]);
  });

  it("a pair crossing a boundary that must stay whole is the one split", () => {
    const codes = [open("g", 0), open("seg", 1), close("g", 2), close("seg", 3)];
    expect(nesting(codes, (i) => i === 1)).toEqual(["split", "pair", "split", "pair"]);
    const inner = [open("seg", 0), open("g", 1), close("seg", 2), close("g", 3)];
    expect(nesting(inner, (i) => i === 0)).toEqual(["pair", "split", "pair", "split"]);
  });
});

describe("codeIssues (QA)", () => {
  const src = [open("1", 0), close("1", 3), ph("2", 5), open("m", 0, { marker: { type: "term" } })];
  it("nothing when the target has the same codes in the same order (markers do not count)", () => {
    expect(codeIssues(src, [open("1", 1), close("1", 4), ph("2", 9)])).toEqual([]);
  });
  it("missing, extra, reordered and unbalanced codes", () => {
    expect(codeIssues(src, [open("1", 0), close("1", 2)])).toEqual([
      { problem: "missing", codes: ["standalone:2"] },
    ]);
    expect(codeIssues(src, [open("1", 0), close("1", 2), ph("2", 3), ph("9", 3)])).toEqual([
      { problem: "extra", codes: ["standalone:9"] },
    ]);
    expect(codeIssues(src, [ph("2", 0), open("1", 1), close("1", 2)])).toEqual([
      { problem: "reordered", codes: ["standalone:2", "open:1", "close:1"] },
    ]);
    expect(codeIssues(src, [close("1", 0), open("1", 1), ph("2", 2)])).toEqual([
      { problem: "reordered", codes: ["close:1", "open:1"] },
      { problem: "unbalanced", codes: ["close:1"] },
    ]);
  });
});

// ------------------------------------------------------------------------------------ random contents

/** What a round trip through `flavour` keeps of each code (documented in docs/formats.md). */
function kept(c: Content, flavour: Flavour): unknown[] {
  const how = nesting(c.codes);
  return c.codes.flatMap((code, i) => {
    // 1.2 and TMX have no marker that crosses another pair: it is left out (its text stays).
    if (code.marker && flavour !== "2.x" && how[i] !== "pair") return [];
    const opening = code.kind !== "close";
    const p: Record<string, unknown> = {
      kind: code.kind,
      id: code.cp === undefined ? code.id : "",
      at: code.at,
    };
    if (code.isolated) p.isolated = true;
    if (code.marker) {
      // A 1.2 mrk has no id of its own (its mid would have to name a segment).
      if (flavour === "1.2") p.id = "";
      if (opening) p.marker = code.marker.type;
      return [p];
    }
    if (flavour === "tmx") {
      // Every TMX code is a native-code element; a standalone without data keeps nothing else.
      p.data = code.data ?? "";
      if (opening && code.ctype) p.ctype = code.ctype;
      return [p];
    }
    if (flavour === "1.2") {
      const partner = c.codes.find(
        (o, k) => k !== i && !o.marker && o.id === code.id && o.kind !== code.kind && !o.isolated,
      );
      const native =
        code.data !== undefined ||
        (partner?.data !== undefined && !code.isolated && code.kind !== "standalone");
      if (native || code.isolated) p.data = code.data ?? "";
      if (opening && code.ctype) p.ctype = code.ctype;
      // Only `</g>` has nowhere to carry equiv-text.
      const endOfG = code.kind === "close" && !native && !code.isolated && how[i] === "pair";
      if (code.equiv !== undefined && !endOfG) p.equiv = code.equiv;
      return [p];
    }
    // A 2.x cp is a character, not a code: it has no id of its own.
    if (code.cp !== undefined) {
      p.cp = code.cp;
    }
    for (const k of ["data", "equiv", "disp"] as const) if (code[k] !== undefined) p[k] = code[k];
    if (opening && code.type) p.type = code.type;
    if (opening && code.subType) p.subType = code.subType;
    return [p];
  });
}

const RUNS = 120;

describe.each(["1.2", "2.0", "2.1"] as XliffVersion[])(
  "XLIFF %s: inline codes written and read back",
  (version) => {
    const flavour: Flavour = version === "1.2" ? "1.2" : "2.x";
    it("random contents: every code kept, at its offset, with what the version can carry", async () => {
      const r = rng(version === "1.2" ? 120 : 200);
      const units = Array.from({ length: RUNS }, (_, i) => ({
        id: i + 1,
        ar: randomArabic(r),
        en: randomEnglish(r),
        status: "translated" as const,
      })).map((u) => ({
        ...u,
        arCodes: randomContent(r, u.ar, flavour, "c").codes,
        enCodes: randomContent(r, u.en, flavour, "e").codes,
      }));
      const xml = await streamToString(toXliff(version, SAMPLE_DOC, units));
      const doc = parseXliff(xml);
      expect(doc.units.length).toBe(RUNS);
      for (const [i, u] of doc.units.entries()) {
        const input = units[i]!;
        const [segment] = u.segments;
        expect(u.segments.length).toBe(1);
        expect(segment!.source.text).toBe(input.ar);
        expect(segment!.target!.text).toBe(input.en);
        expect(kept(segment!.source, flavour), `unit ${i + 1} source`).toEqual(
          kept({ text: input.ar, codes: input.arCodes }, flavour),
        );
        expect(kept(segment!.target!, flavour), `unit ${i + 1} target`).toEqual(
          kept({ text: input.en, codes: input.enCodes }, flavour),
        );
      }
    });
  },
);

describe("TMX: inline codes written and read back", () => {
  it("random contents: every code kept as bpt/ept, ph, it or hi", async () => {
    const r = rng(1400);
    const units = Array.from({ length: RUNS }, (_, i) => {
      const ar = randomArabic(r);
      const en = randomEnglish(r);
      return {
        id: i + 1,
        ar,
        en,
        arCodes: randomContent(r, ar, "tmx", "c").codes,
        enCodes: randomContent(r, en, "tmx", "e").codes,
      };
    });
    const tmx = parseTmx(await streamToString(writeTmx(units)));
    for (const [i, p] of tmx.pairs.entries()) {
      const input = units[i]!;
      expect([p.ar, p.en]).toEqual([input.ar, input.en]);
      expect(kept({ text: p.ar, codes: p.arCodes }, "tmx")).toEqual(
        kept({ text: input.ar, codes: input.arCodes }, "tmx"),
      );
      expect(kept({ text: p.en, codes: p.enCodes }, "tmx")).toEqual(
        kept({ text: input.en, codes: input.enCodes }, "tmx"),
      );
    }
  });
});

describe("conversion between versions", () => {
  const xliff12 = (body: string) =>
    `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>${body}</body></file></xliff>`;

  it("1.2 g/x/bx/ex/ph/bpt/ept/it become 2.x pc/ph/sc/ec with originalData, and back", async () => {
    const doc = parseXliff(
      xliff12(
        `<trans-unit id="1"><source>أ<g id="1" ctype="bold">ب</g><x id="2" ctype="lb"/>ج<bx id="3"/>د<ex id="3"/><ph id="4">{0}</ph><bpt id="5">&lt;a&gt;</bpt>هـ<ept id="5">&lt;/a&gt;</ept><it id="6" pos="open">&lt;i&gt;</it>و</source>` +
          `<target>A<g id="1" ctype="bold">B</g><x id="2" ctype="lb"/>C<bx id="3"/>D<ex id="3"/><ph id="4">{0}</ph><bpt id="5">&lt;a&gt;</bpt>E<ept id="5">&lt;/a&gt;</ept><it id="6" pos="open">&lt;i&gt;</it>F</target></trans-unit>`,
      ),
    );
    const [seg] = doc.units[0]!.segments;
    expect(marked(seg!.source, true)).toBe("أ{1}ب{/1}{2/}ج{3}د{/3}{4<{0}>/}{5<<a>>}هـ{/5<</a>>}{!6<<i>>}و");
    const unit = {
      id: 7,
      ar: seg!.source.text,
      en: seg!.target!.text,
      arCodes: seg!.source.codes,
      enCodes: seg!.target!.codes,
      status: "translated" as const,
    };
    const x2 = await streamToString(toXliff("2.1", SAMPLE_DOC, [unit]));
    expect(x2).toContain(
      '<source xml:space="preserve">أ<pc id="1" type="fmt" subType="xlf:b">ب</pc><ph id="2" type="fmt" subType="xlf:lb"/>ج<pc id="3">د</pc><ph id="4" dataRef="d1"/><pc id="5" dataRefStart="d2" dataRefEnd="d3">هـ</pc><sc id="6" isolated="yes" dataRef="d4"/>و</source>',
    );
    expect(x2).toContain(
      '<originalData><data id="d1" xml:space="preserve">{0}</data><data id="d2" xml:space="preserve">&lt;a&gt;</data><data id="d3" xml:space="preserve">&lt;/a&gt;</data><data id="d4" xml:space="preserve">&lt;i&gt;</data></originalData>',
    );
    const back = parseXliff(x2).units[0]!.segments[0]!;
    expect(marked(back.source, true)).toBe("أ{1}ب{/1}{2/}ج{3}د{/3}{4<{0}>/}{5<<a>>}هـ{/5<</a>>}{!6<<i>>}و");
    const x12 = await streamToString(
      toXliff("1.2", SAMPLE_DOC, [{ ...unit, arCodes: back.source.codes, enCodes: back.target!.codes }]),
    );
    expect(x12).toContain(
      '<source xml:lang="ar">أ<g id="1" ctype="bold">ب</g><x id="2" ctype="lb"/>ج<g id="3">د</g><ph id="4">{0}</ph><bpt id="5">&lt;a&gt;</bpt>هـ<ept id="5">&lt;/a&gt;</ept><it id="6" pos="open">&lt;i&gt;</it>و</source>',
    );
  });

  it("a code whose id is the segment's id gets another 2.x id; equiv and disp are written", async () => {
    const x2 = await streamToString(
      toXliff("2.0", SAMPLE_DOC, [
        {
          id: 1,
          ar: "نص",
          en: "text",
          status: "new",
          arCodes: [ph("1", 0, { equiv: "*", disp: "[1]" })],
          enCodes: [ph("1", 4, { equiv: "*", disp: "[1]" })],
        },
      ]),
    );
    expect(x2).toContain(
      '<segment id="2" state="initial"><source xml:space="preserve"><ph id="1" equiv="*" disp="[1]"/>نص</source><target xml:space="preserve">text<ph id="1" equiv="*" disp="[1]"/></target></segment>',
    );
  });
});
