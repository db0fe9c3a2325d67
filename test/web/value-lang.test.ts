// valueLang (src/web/components.tsx) decides a value's language by its first letter. Its fast path for
// text that starts, after ASCII digits or punctuation, with a Latin letter skips the Unicode-property
// regexes (their first use cost a new isolate milliseconds); here it is compared with those regexes alone,
// the slow, obvious statement of the rule, on seeded random strings.
import { describe, expect, it } from "vitest";
import { valueLang } from "../../src/web/components";
import { pick, randomInt, rng } from "../support/random";

/** The rule without the fast path: the first letter (\p{L}) decides; a right-to-left script's is Arabic. */
function reference(text: string): { lang: "ar" | "en"; dir: "rtl" | "ltr" } {
  const first = /\p{L}/u.exec(text)?.[0];
  return first && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(first)
    ? { lang: "ar", dir: "rtl" }
    : { lang: "en", dir: "ltr" };
}

// Pieces a value may start with: ASCII of every class (the fast path's ground), letters of other scripts,
// marks, neutral non-ASCII characters, and the ASCII neighbours of the letters ("@", "[", "`", "{").
const PIECES = [
  ..."aZmz09 .,;:-()[]{}@`'\"/\\#\t\n",
  ..."السلام١٢٣،؛ـ",
  ..."שלום",
  ..."éÉßñøÆ",
  ..."Ωжβ漢字",
  "\u064b",
  "\u0301",
  "\u200f",
  "\u00a0",
  "«»—…€",
  "\ud83d\ude00",
];

describe("valueLang", () => {
  it("gives the first letter's language, as the regexes alone give it, on 20,000 random values", () => {
    const random = rng(15);
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      for (let k = randomInt(random, 8); k >= 0; k--) text += pick(random, PIECES);
      expect(valueLang(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it("on every code point below U+3000 before an Arabic letter, and alone", () => {
    for (let cp = 0; cp < 0x3000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      expect(valueLang(`${ch}سلام`), cp.toString(16)).toEqual(reference(`${ch}سلام`));
      expect(valueLang(ch), cp.toString(16)).toEqual(reference(ch));
    }
  });
});
