// Placeholders of the API's arTagged / enTagged: numbering, escaping, and nothing lost (randomised).
import { describe, expect, it } from "vitest";
import type { Content, InlineCode } from "../../src/formats/inline";
import { placeholderNumbers, readTagged, taggedText } from "../../src/formats/inline-tagged";

const code = (kind: InlineCode["kind"], id: string, at: number): InlineCode => ({ kind, id, at });

describe("taggedText", () => {
  it("numbers codes in order, a close takes its open's number, a lone close its own", () => {
    const c: Content = {
      text: "قال الوزير: نعم.",
      codes: [
        code("open", "a", 4),
        code("standalone", "x", 4),
        code("close", "a", 10),
        code("close", "z", 16),
      ],
    };
    expect(placeholderNumbers(c.codes)).toEqual([1, 2, 1, 3]);
    expect(taggedText(c)).toBe("قال {1}{2/}الوزير{/1}: نعم.{/3}");
  });

  it("writes a { of the text as {{ and reads it back", () => {
    const c: Content = { text: "a {1} b {", codes: [code("standalone", "1", 2)] };
    const tagged = taggedText(c);
    expect(tagged).toBe("a {1/}{{1} b {{");
    expect(readTagged(tagged)).toEqual({ text: c.text, placeholders: [{ kind: "standalone", n: 1, at: 2 }] });
    expect(() => readTagged("a { b")).toThrow(/starts no placeholder/);
  });

  it("keeps text and code positions exactly (2,000 random contents)", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ["ا", "ل", "{", "}", "/", "1", " ", "a", "{{", "😀"];
    for (let k = 0; k < 2000; k++) {
      let text = "";
      for (let i = rnd(12); i > 0; i--) text += alphabet[rnd(alphabet.length)];
      const cuts: number[] = [];
      for (let i = 0; i <= text.length; i++) {
        const cu = text.charCodeAt(i - 1);
        if (i > 0 && cu >= 0xd800 && cu <= 0xdbff) continue; // never inside a surrogate pair
        for (let j = rnd(3) === 0 ? 1 : 0; j > 0; j--) cuts.push(i);
      }
      const kinds: InlineCode["kind"][] = ["open", "close", "standalone"];
      const codes = cuts.map((at) => code(kinds[rnd(3)]!, String(rnd(3)), at));
      const c: Content = { text, codes };
      const back = readTagged(taggedText(c));
      expect(back.text).toBe(text);
      expect(back.placeholders.map((p) => [p.kind, p.at])).toEqual(codes.map((x) => [x.kind, x.at]));
      expect(back.placeholders.map((p) => p.n)).toEqual(placeholderNumbers(codes));
    }
  });
});
