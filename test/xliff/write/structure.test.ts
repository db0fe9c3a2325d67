// Units and segments survive import → export in every version: the CAT-tool fixtures are read, turned
// into Diwan segments (segmentsOfUnit) and written again as 1.2, 2.0 and 2.1, then read back.
import { describe, expect, it } from "vitest";
import { parseXliff } from "../../../src/formats/xliff-read";
import { toXliff, type XliffVersion } from "../../../src/formats/xliff-write";
import { streamToString } from "../../../src/formats/xml-stream";
import { FIXTURES, storedSegments } from "../../formats/cat-samples";
import { SAMPLE_DOC } from "../../formats/samples";
import { shape, unitIdsOf } from "./shape";

const TRADOS = FIXTURES.find(([name]) => name.startsWith("Trados"))![1];

describe.each(FIXTURES)("%s: units and segments written again", (_name, xml) => {
  const original = parseXliff(xml);
  const from = original.version.startsWith("1") ? "1.2" : "2.x";
  it.each(["1.2", "2.0", "2.1"] as XliffVersion[])(
    "as XLIFF %s and read back: the same segments, codes and translations",
    async (version) => {
      const out = await streamToString(toXliff(version, SAMPLE_DOC, storedSegments(xml)));
      const back = parseXliff(out);
      const expected = shape(original.units, version, from);
      const got = shape(back.units, version, from).map((segs, i) =>
        segs.map((s, k) => (expected[i]?.[k]?.id === "any" ? { ...s, id: "any" } : s)),
      );
      expect(got).toEqual(expected);
      // Unit ids come back as they were (2.x: as NMTOKENs).
      expect(unitIdsOf(back.units, version)).toEqual(unitIdsOf(original.units, version));
    },
  );
});

describe("a Trados unit exported as XLIFF 2.1", () => {
  it("keeps its two segments and the space between them as segment, ignorable, segment", async () => {
    const out = await streamToString(toXliff("2.1", SAMPLE_DOC, storedSegments(TRADOS).slice(0, 2)));
    expect(out).toContain(
      '<unit id="7" name="7">\n<segment id="1" state="reviewed"><source xml:space="preserve">قال المتحدث: <pc id="5">لا تعليق</pc>.<ph id="6"/></source>',
    );
    expect(out).toContain(
      '<ignorable><source xml:space="preserve"> </source><target xml:space="preserve"> </target></ignorable>',
    );
    expect(out).toContain('<segment id="2" state="translated">');
  });

  it("and as 1.2: source, seg-source with mrk mid, target with the same mids", async () => {
    const out = await streamToString(toXliff("1.2", SAMPLE_DOC, storedSegments(TRADOS).slice(0, 2)));
    expect(out).toContain(
      '<seg-source><mrk mtype="seg" mid="1">قال المتحدث: <g id="5">لا تعليق</g>.<x id="6"/></mrk> <mrk mtype="seg" mid="2">وأضاف أن الاجتماع انتهى.</mrk></seg-source>',
    );
    expect(out).toContain(
      '<target xml:lang="en" state="translated"><mrk mtype="seg" mid="1">The spokesman said:',
    );
  });
});
