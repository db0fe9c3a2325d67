// TMX inline codes as written: an id the reader made up for a code without one is not written as x.
import { describe, expect, it } from "vitest";
import { writeTmxSeg } from "../../src/formats/inline-write";
import { parseTmx } from "../../src/formats/tmx";

describe("writeTmxSeg", () => {
  it("does not write an id the reader made up for a code without one", () => {
    const tmx = `<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="ar"><seg>أ<ph>&lt;br&gt;</ph>ب</seg></tuv><tuv xml:lang="en"><seg>A<ph>&lt;br&gt;</ph>B</seg></tuv></tu></body></tmx>`;
    const [pair] = parseTmx(tmx).pairs;
    expect(pair!.arCodes[0]!.id).toMatch(/^auto/);
    expect(writeTmxSeg({ text: pair!.ar, codes: pair!.arCodes })).toBe("أ<ph>&lt;br&gt;</ph>ب");
  });
});
