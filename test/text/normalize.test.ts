import { describe, expect, it } from "vitest";
import { normalizeForSearch, normalizeWithMap, originalRange } from "../../src/text/normalize";

/** The map's contract, checked on every input below. */
function checkMap(text: string): void {
  const { norm, map } = normalizeWithMap(text);
  expect(map.length).toBe(norm.length + 1);
  expect(map[norm.length]).toBe(text.length);
  for (let i = 0; i < norm.length; i++) {
    expect(map[i]).toBeGreaterThanOrEqual(0);
    expect(map[i]).toBeLessThan(text.length);
    if (i > 0) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1] as number);
  }
  expect(norm).toBe(normalizeForSearch(text));
}

describe("normalizeForSearch", () => {
  it.each([
    ["أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"],
    ["مكتبة مدرسة", "مكتبه مدرسه"],
    ["مستشفى على", "مستشفي علي"],
    ["مُسْتَشَارُ الأَمْنِ", "مستشار الامن"],
    ["الســـــلام", "السلام"],
    ["١٢٣٤ ۵۶۷", "1234 567"],
    ["٣٫٥٪", "3.5%"],
    ["کتاب یک", "كتاب يك"],
    ["مسؤول مسئول", "مسءول مسءول"],
    ["\u200Fبريكس\u200E \u200Bالآن\uFEFF", "بريكس الان"],
    ["ﻻ ﷲ", "لا الله"],
    ["South–South South—South South−South", "south-south south-south south-south"],
    ["“Hello” ‘world’ «نعم»", '"hello" \'world\' "نعم"'],
    ["  BRICS\t\n  Summit  ", "brics summit"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
    ["cafe\u0301", "café"],
    ["ﬁnance", "finance"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it("is idempotent", () => {
    for (const s of ["أَهْلاً وَسَهْلاً", "The U.N.’s “Agenda”", "ﻻ ١٢", "İstanbul"]) {
      const once = normalizeForSearch(s);
      expect(normalizeForSearch(once)).toBe(once);
    }
  });
});

describe("normalizeWithMap", () => {
  it("maps characters after removed diacritics back to their original positions", () => {
    const text = "مُسْتَشَار";
    const { norm, map } = normalizeWithMap(text);
    expect(norm).toBe("مستشار");
    for (let i = 0; i < norm.length; i++) expect(text[map[i] as number]).toBe(norm[i]);
  });

  it("maps folded letters to the letter they came from", () => {
    const text = "إلى الأمم المتحدة";
    const { norm, map } = normalizeWithMap(text);
    expect(norm).toBe("الي الامم المتحده");
    expect(text[map[norm.indexOf("امم")] as number]).toBe("أ");
    expect(text[map[norm.length - 1] as number]).toBe("ة");
  });

  it("handles surrogate pairs and NFKC expansions", () => {
    const text = "𝐀𝐁 ﻻ x";
    const { norm, map } = normalizeWithMap(text);
    expect(norm).toBe("ab لا x");
    expect(Array.from(map)).toEqual([0, 2, 4, 5, 5, 6, 7, 8]);
    checkMap(text);
  });

  it("handles case folding that changes length", () => {
    const text = "İz";
    const { norm, map } = normalizeWithMap(text);
    expect(norm.length).toBe(3);
    expect(Array.from(map)).toEqual([0, 0, 1, 2]);
  });

  it("collapses whitespace onto the first space of the run and trims", () => {
    const text = "  a \t b  ";
    const { norm, map } = normalizeWithMap(text);
    expect(norm).toBe("a b");
    expect(Array.from(map)).toEqual([2, 3, 6, 9]);
  });

  it("keeps the contract on mixed input", () => {
    for (const s of [
      "",
      "   ",
      "ـ",
      "مَرْحَبًا بِالْعَالَمِ ١٢٣",
      "The U.N.’s “Agenda” – ﬁnal",
      "\u200F«السلام»\u200E!",
      "e\u0301\u0301 a\u030A",
      "😀 emoji 𝒳",
    ])
      checkMap(s);
  });

  it("finds a normalised query in original text and slices it back", () => {
    const text = "أكَّد مُسْتَشَارُو الأَمْنِ الوطنيّ ذلك";
    const { norm, map } = normalizeWithMap(text);
    const q = normalizeForSearch("الامن الوطني");
    const at = norm.indexOf(q);
    expect(at).toBeGreaterThan(0);
    const { start, end } = originalRange(text, map, at, at + q.length);
    expect(text.slice(start, end)).toBe("الأَمْنِ الوطنيّ");
    expect(normalizeForSearch(text.slice(start, end))).toBe(q);
  });
});
