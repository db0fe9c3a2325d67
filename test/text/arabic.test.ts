import { describe, expect, it } from "vitest";
import { alignmentLength } from "../../src/text/align";
import {
  ARABIC_BLOCK_END,
  ARABIC_BLOCK_FIRST,
  arabicIndicDigitValue,
  isArabicIndicDigit,
  isArabicMark,
  isArabicMarkOrTatweel,
  TATWEEL,
} from "../../src/text/arabic";
import { isDropped, normalizeForSearch } from "../../src/text/normalize";
import { segmentSentences } from "../../src/text/segment";
import { buildTermMatcher, recognizeTerms } from "../../src/text/terms";

// Marks the narrower range U+064B–U+065F (+ U+0670) missed, which segment.ts, align.ts and terms.ts used
// until the code points were named once in src/text/arabic.ts: Quranic sukun, open tanween, honorifics.
const WIDER_MARKS = ["\u06E1", "\u08F1", "\u0610", "\u06DA"];

describe("src/text/arabic.ts: one definition of Arabic marks", () => {
  it("matches what normalisation drops in the Arabic blocks", () => {
    const ranges: [number, number][] = [
      [ARABIC_BLOCK_FIRST, ARABIC_BLOCK_END - 1],
      [0x08a0, 0x08ff],
    ];
    for (const [from, to] of ranges)
      for (let c = from; c <= to; c++) {
        if (!isArabicMarkOrTatweel(c)) continue;
        // (U+0653–U+0655 compose with a preceding alef, so they are dropped only elsewhere.)
        if (c < 0x0653 || c > 0x0655) expect(isDropped(c), `U+${c.toString(16)}`).toBe(true);
        expect(normalizeForSearch(`ب${String.fromCharCode(c)}ا`), `U+${c.toString(16)}`).toBe("با");
      }
    expect(isArabicMarkOrTatweel(TATWEEL)).toBe(true);
    expect(isArabicMark(TATWEEL)).toBe(false);
    expect(isArabicMark(0x0627)).toBe(false);
  });

  it("reads both Arabic-Indic digit systems", () => {
    expect([..."٠٩۰۹"].map((d) => isArabicIndicDigit(d.charCodeAt(0)))).toEqual([true, true, true, true]);
    expect([..."٠٩۰۹"].map((d) => arabicIndicDigitValue(d.charCodeAt(0)))).toEqual([0, 9, 0, 9]);
    expect(isArabicIndicDigit(0x30)).toBe(false);
  });
});

// Behaviour fixed by the one definition (each assertion failed before: the marks below were letters or
// punctuation to these three files).
describe("every Arabic mark is ignored alike (fixed: a narrower range in three files)", () => {
  it.each(WIDER_MARKS)("terms: a ta marbuta followed by U+%s is still a ta marbuta", (mark) => {
    // البعث (the Baath) must not be read into بعثة (mission) as بعث + the pronoun ه.
    const m = buildTermMatcher([
      { id: 1, terms: [{ lang: "ar", text: "البعث", status: "preferred" }] },
      { id: 2, terms: [{ lang: "ar", text: "بعثة", status: "preferred" }] },
    ]);
    const ids = (t: string) => recognizeTerms(m, t, "ar").map((h) => h.entryId);
    expect(ids("وصلت بعثةٌ")).toEqual([2]);
    expect(ids(`وصلت بعثة${mark}`)).toEqual([2]);
  });

  it.each(WIDER_MARKS)("segmentation: a one-letter abbreviation with U+%s is an abbreviation", (mark) => {
    const sentences = (t: string) => segmentSentences(t, "ar").length;
    expect(sentences("قال دْ. أحمد إن الاجتماع مهم.")).toBe(1);
    expect(sentences(`قال د${mark}. أحمد إن الاجتماع مهم.`)).toBe(1);
  });

  it.each(WIDER_MARKS)("alignment length does not count U+%s", (mark) => {
    expect(alignmentLength("دْ")).toBe(1);
    expect(alignmentLength(`د${mark}`)).toBe(1);
  });
});
