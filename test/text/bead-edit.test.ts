import { describe, expect, it } from "vitest";
import {
  type Bead,
  EMPTY_SIDE,
  joinSides,
  mergeBeads,
  moveSentence,
  runningText,
  type Side,
  sidesOfGroups,
  splitBead,
  splitOffset,
  splitSide,
} from "../../src/text/bead-edit";
import { groupsFromBeads, segmentsFromBeads } from "../../src/text/bead-segments";
import { segmentSentences } from "../../src/text/segment";
import { rng } from "../support/random";

const side = (text: string, gap = " "): Side => ({ text, gap: text ? gap : "" });

describe("bead edits keep both running texts", () => {
  it("joins and splits around the whitespace of the split point", () => {
    expect(joinSides(side("أ."), side("ب.", "\n"))).toEqual({ text: "أ. ب.", gap: "\n" });
    expect(joinSides(EMPTY_SIDE, side("ب."))).toEqual(side("ب."));
    expect(joinSides(side("أ.", "\n\n"), EMPTY_SIDE)).toEqual({ text: "أ.", gap: "\n\n" });
    // The whitespace on both sides of the offset becomes the first part's gap.
    expect(splitSide({ text: "One.  Two.", gap: "\n" }, 5)).toEqual([
      { text: "One.", gap: "  " },
      { text: "Two.", gap: "\n" },
    ]);
    // Inside leading or trailing whitespace: nothing moves apart but the whole side.
    expect(splitSide({ text: "One. ", gap: " " }, 5)).toEqual([{ text: "One. ", gap: " " }, EMPTY_SIDE]);
    expect(splitSide({ text: "One.", gap: " " }, 0)).toEqual([EMPTY_SIDE, { text: "One.", gap: " " }]);
    expect(() => splitSide(side("a😀b"), 2)).toThrow(/surrogate/);
  });

  it("names split points by sentence or by UTF-16 offset, and refuses those outside the text", () => {
    const text = "قال الوزير. ثم غادر. وانتهى الاجتماع.";
    expect(splitOffset(text, "ar", { sentence: 1 })).toBe(text.indexOf("ثم"));
    expect(splitOffset(text, "ar", { sentence: 0 })).toBe(0);
    expect(splitOffset(text, "ar", { sentence: 3 })).toBe(text.length);
    expect(splitOffset(text, "ar", { sentence: 4 })).toMatch(/3 sentence/);
    expect(splitOffset(text, "ar", { offset: text.length + 1 })).toMatch(/outside/);
    expect(splitOffset("a😀b", "en", { offset: 2 })).toMatch(/surrogate/);
  });

  it("moves the first sentence back and the last sentence forward, a one-sentence side whole", () => {
    const a: Bead = { ar: side("وصل الوزير."), en: side("The minister arrived.") };
    const b: Bead = { ar: side("بدأ الاجتماع. ثم انتهى."), en: side("The meeting began.") };
    const back = moveSentence(b, a, "ar", "first");
    expect(back).toEqual([
      { ar: side("وصل الوزير. بدأ الاجتماع."), en: side("The minister arrived.") },
      { ar: side("ثم انتهى."), en: side("The meeting began.") },
    ]);
    const forward = moveSentence(a, b, "en", "last");
    expect(forward).toEqual([
      { ar: side("وصل الوزير."), en: EMPTY_SIDE },
      { ar: side("بدأ الاجتماع. ثم انتهى."), en: side("The minister arrived. The meeting began.") },
    ]);
    expect(moveSentence({ ar: side("وصل الوزير."), en: EMPTY_SIDE }, a, "en", "first")).toMatch(/empty/);
  });

  it("cuts sides from the original texts with the whitespace between beads as gaps", () => {
    const text = "  First one. Second one.\n\nThird one.  Fourth.\n";
    const sentences = segmentSentences(text, "en");
    expect(sentences).toHaveLength(4);
    const sides = sidesOfGroups(text, sentences, [[0, 1], [], [2], [3]]);
    expect(sides).toEqual([
      { text: "First one. Second one.", gap: "\n\n" },
      EMPTY_SIDE,
      { text: "Third one.", gap: "  " },
      { text: "Fourth.", gap: "\n" },
    ]);
    expect(sides.map((s) => s.text + s.gap).join("")).toBe(text.trimStart());
  });

  it("attaches English without Arabic to a neighbour and marks it new", () => {
    const { groups, counts } = groupsFromBeads([
      { ar: [], en: [0], score: 1 },
      { ar: [0], en: [1], score: 0.99 },
      { ar: [1], en: [2], score: 0.95 },
      { ar: [], en: [3], score: 0.5 },
      { ar: [2], en: [], score: 0.97 },
    ]);
    expect(groups.map((g) => [g.ar, g.en, g.status])).toEqual([
      [[0], [0, 1], "new"],
      [[1], [2, 3], "new"],
      [[2], [], "new"],
    ]);
    expect(counts["0-1"]).toBe(2);
    const ar = "جملة أولى. جملة ثانية.\nجملة ثالثة.";
    const en = "Zero. One. Two.\n\nThree.";
    const { segments } = segmentsFromBeads(
      { text: ar, sentences: segmentSentences(ar, "ar") },
      { text: en, sentences: segmentSentences(en, "en") },
      [
        { ar: [], en: [0], score: 1 },
        { ar: [0], en: [1], score: 0.99 },
        { ar: [1], en: [2], score: 0.95 },
        { ar: [], en: [3], score: 0.5 },
        { ar: [2], en: [], score: 0.97 },
      ],
    );
    expect(segments.map((s) => [s.ar.text, s.en.text])).toEqual([
      ["جملة أولى.", "Zero. One."],
      ["جملة ثانية.", "Two.\n\nThree."],
      ["جملة ثالثة.", ""],
    ]);
    expect(runningText(segments, "ar")).toBe(ar);
    expect(runningText(segments, "en")).toBe(en);
  });
});

// ------------------------------------------------------------------------------------------ randomised

const AR_WORDS = ["قال", "الوزير", "إنّ", "مجلس", "الأمن", "😀", "\u200f", "(3)", "١٢٣", "الدول"];
const EN_WORDS = ["The", "minister", "said", "Council", "U.N.", "Mr.", "peace", "😀", "3.5", "security"];
const SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"];

function randomText(next: () => number, words: string[], stops: string[]): string {
  let out = "";
  const sentences = 1 + Math.floor(next() * 8);
  for (let s = 0; s < sentences; s++) {
    const n = 1 + Math.floor(next() * 6);
    for (let w = 0; w < n; w++) out += (w ? " " : "") + words[Math.floor(next() * words.length)];
    out += stops[Math.floor(next() * stops.length)];
    out += SPACES[Math.floor(next() * SPACES.length)];
  }
  return out;
}

describe("random sequences of merge, split, move and unpair", () => {
  it("keep the running text of each language exactly (2,000 attempts on 40 documents)", () => {
    const next = rng(20261205);
    const pick = (n: number) => Math.floor(next() * n);
    let applied = 0;
    for (let doc = 0; doc < 40; doc++) {
      const beads: Bead[] = [];
      for (let k = 0; k < 3 + pick(6); k++)
        beads.push({
          ar: {
            text: randomText(next, AR_WORDS, [".", "؟", "!", "."]).trim(),
            gap: SPACES[pick(8)] as string,
          },
          en:
            next() < 0.1
              ? EMPTY_SIDE
              : { text: randomText(next, EN_WORDS, [".", "?", "!"]).trim(), gap: " " },
        });
      const ar = runningText(beads, "ar");
      const en = runningText(beads, "en");
      for (let step = 0; step < 50; step++) {
        const k = pick(beads.length);
        const bead = beads[k] as Bead;
        const op = pick(4);
        if (op === 0 && k + 1 < beads.length) {
          beads.splice(k, 2, mergeBeads(bead, beads[k + 1] as Bead));
        } else if (op === 1) {
          const arAt = pick(bead.ar.text.length + 1);
          const enAt = pick(bead.en.text.length + 1);
          const a = splitOffset(bead.ar.text, "ar", next() < 0.5 ? { offset: arAt } : { sentence: pick(3) });
          const e = splitOffset(bead.en.text, "en", { offset: enAt });
          if (typeof a === "string" || typeof e === "string") continue;
          const parts = splitBead(bead, a, e).filter((b) => b.ar.text || b.en.text);
          beads.splice(k, 1, ...parts);
        } else if (op === 2) {
          const lang = next() < 0.5 ? "ar" : "en";
          const first = next() < 0.5;
          const j = first ? k - 1 : k + 1;
          const neighbour = beads[j];
          if (!neighbour) continue;
          const moved = moveSentence(bead, neighbour, lang, first ? "first" : "last");
          if (typeof moved === "string") continue;
          beads.splice(Math.min(k, j), 2, ...moved.filter((b) => b.ar.text || b.en.text));
        } else {
          if (!bead.ar.text || !bead.en.text) continue;
          beads.splice(k, 1, { ar: bead.ar, en: EMPTY_SIDE }, { ar: EMPTY_SIDE, en: bead.en });
        }
        applied++;
        expect(runningText(beads, "ar")).toBe(ar);
        expect(runningText(beads, "en")).toBe(en);
        for (const b of beads) {
          expect(b.ar.text || b.en.text).not.toBe("");
          for (const s of [b.ar, b.en]) {
            expect(s.text).toBe(s.text.replace(/^[ \t\n\u00a0]+|[ \t\n\u00a0]+$/g, ""));
            expect(s.gap.trim()).toBe("");
          }
        }
      }
    }
    // Attempts that name no neighbour or an empty side are skipped; most apply.
    expect(applied).toBeGreaterThan(1200);
  });
});
