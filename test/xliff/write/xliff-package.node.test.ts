// The `xliff` npm package as an independent consumer of Diwan's XLIFF exports: it must see the same
// sources and targets as Diwan's own reader, modulo the package's own whitespace rules (measured below).

import { describe, expect, it } from "vitest";
import xliff from "xliff";
import { toXliff, type XliffUnitInput, type XliffVersion } from "../../../src/formats/xliff-write";
import { streamToString } from "../../../src/formats/xml-stream";
import { randomArabic, randomEnglish, SEGMENT_STATUS_LIST } from "../../formats/random";
import { SAMPLE_DOC, SAMPLE_UNITS } from "../../formats/samples";
import { pick, rng } from "../../support/random";

/**
 * What the package reports for a text. Its reader (xml-js with captureSpacesBetweenElements: false, then
 * `extractValue` in esm/xml-js/xmlToObject.js) drops whitespace-only text and cuts a text that ends in a
 * line feed followed by whitespace at that last line feed. Everything else must come through unchanged.
 */
const seenByPackage = (s: string) =>
  s.trim() === "" ? "" : /\n\s*$/.test(s) ? s.slice(0, s.lastIndexOf("\n")) : s;

function randomUnits(seed: number): XliffUnitInput[] {
  const r = rng(seed);
  return Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    ar: randomArabic(r),
    en: r() < 0.2 ? null : randomEnglish(r),
    status: pick(r, SEGMENT_STATUS_LIST),
  }));
}

describe.each(["1.2", "2.0", "2.1"] as XliffVersion[])("xliff package reads Diwan's XLIFF %s", (version) => {
  it.each([
    ["sample", SAMPLE_UNITS],
    ["random", randomUnits(version === "1.2" ? 120 : 200)],
  ] as const)("%s units: same sources and targets", async (_, units) => {
    const xml = await streamToString(toXliff(version, SAMPLE_DOC, units, { emptyTargets: "omit" }));
    const js = version === "1.2" ? await xliff.xliff12ToJs(xml) : await xliff.xliff2js(xml);
    expect(js.sourceLanguage).toBe("ar");
    expect(js.targetLanguage).toBe("en");
    const fileKey = version === "1.2" ? SAMPLE_DOC.title : `d${SAMPLE_DOC.id}`;
    expect(Object.keys(js.resources)).toEqual([fileKey]);
    const file = js.resources[fileKey]!;
    expect(Object.keys(file)).toEqual(units.map((u) => (version === "1.2" ? `${u.id}` : `s${u.id}`)));
    for (const u of units) {
      const seen = file[version === "1.2" ? `${u.id}` : `s${u.id}`]!;
      expect(seen.source).toBe(seenByPackage(u.ar));
      if (u.en === null) expect(seen.target ?? "").toBe("");
      else expect(seen.target).toBe(seenByPackage(u.en));
    }
  });
});

describe("the xliff package's own behaviour (measured, see docs/formats.md)", () => {
  it("cuts text at a trailing line feed, drops blank text, and does not normalise a literal CRLF", async () => {
    const doc = (t: string) =>
      `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="ar" target-language="en" datatype="plaintext"><body><trans-unit id="1" xml:space="preserve"><source>${t}</source></trans-unit></body></file></xliff>`;
    expect((await xliff.xliff12ToJs(doc("x\n"))).resources.f!["1"]!.source).toBe("x");
    expect((await xliff.xliff12ToJs(doc("x\n y\n  "))).resources.f!["1"]!.source).toBe("x\n y");
    expect((await xliff.xliff12ToJs(doc("\ufeff "))).resources.f!["1"]!.source).toBe("");
    expect((await xliff.xliff12ToJs(doc("a\r\nb"))).resources.f!["1"]!.source).toBe("a\r\nb");
  });

  it("indents inline codes into the text when it writes XLIFF", async () => {
    const js = {
      sourceLanguage: "ar",
      targetLanguage: "en",
      resources: { f: { "1": { source: ["قال ", { Standalone: { id: "1" } }, " الوزير"], target: "" } } },
    };
    const out = await xliff.jsToXliff12(js);
    const source = /<source>([\s\S]*?)<\/source>/.exec(out)?.[1] ?? "";
    // The text around the code gains line breaks and indentation that were not in the source.
    expect(source.replace(/<x id="1"\/>/, "")).not.toBe("قال  الوزير");
    expect(source).toMatch(/\n\s+<x id="1"\/>/);
  });
});
