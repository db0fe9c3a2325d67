import { describe, expect, it } from "vitest";
import {
  beadRangeKey,
  beadTypeOf,
  boundaries,
  boundaryContext,
  boundaryErrors,
  calibration,
  compareByKey,
  countBy,
  recallByClass,
} from "../../src/text/eval";

// The scoring helpers of src/text/eval.ts (docs/quality.md): what the quality tests' figures rest on.

describe("compareByKey", () => {
  it("matches items as multisets", () => {
    const c = compareByKey(["a", "a", "b"], ["a", "c"], (x) => x);
    expect(c.score.correct).toBe(1);
    expect(c.falsePositives).toEqual(["a", "b"]);
    expect(c.falseNegatives).toEqual(["c"]);
  });
});

describe("beads", () => {
  const ar = [
    { start: 0, end: 5 },
    { start: 6, end: 9 },
  ];
  const en = [{ start: 0, end: 4 }];
  it("key a bead by the character ranges it covers", () => {
    expect(beadRangeKey(ar, en, { ar: [0, 1], en: [0] })).toBe("0-9|0-4");
    expect(beadRangeKey(ar, en, { ar: [1], en: [] })).toBe("6-9|-");
  });
  it("name bead types by sentence counts", () => {
    expect(beadTypeOf({ ar: [1, 2, 3], en: [4] })).toBe("3-1");
    expect(beadTypeOf({ ar: [], en: [4] })).toBe("0-1");
  });
});

describe("calibration", () => {
  it("puts each score in one band, highest first, and counts the right ones", () => {
    const rows = calibration([
      { score: 1, right: true },
      { score: 0.9, right: false },
      { score: 0.89, right: true },
      { score: 0.7, right: false },
      { score: 0.2, right: true },
    ]);
    expect(rows.map((r) => [r.label, r.items, r.right])).toEqual([
      ["≥ 0.90", 2, 1],
      ["0.70–0.90", 2, 1],
      ["< 0.70", 1, 1],
    ]);
    expect(rows[0]?.share).toBe(0.5);
  });
  it("reports an empty band with share 0", () => {
    expect(calibration([{ score: 0.95, right: true }])[2]).toMatchObject({ items: 0, share: 0 });
  });
});

describe("recallByClass and countBy", () => {
  it("count an item in each of its classes", () => {
    const gold = [
      { c: ["clitic", "dual"], found: true },
      { c: ["dual"], found: false },
      { c: ["dual", "dual"], found: true },
    ];
    expect(
      recallByClass(
        gold,
        (g) => g.c,
        (g) => g.found,
      ),
    ).toEqual([
      { name: "clitic", gold: 1, found: 1, recall: 1 },
      { name: "dual", gold: 3, found: 2, recall: 2 / 3 },
    ]);
  });
  it("sort counts largest first", () => {
    expect(countBy(["b", "a", "b"], (x) => x)).toEqual([
      ["b", 2],
      ["a", 1],
    ]);
  });
});

describe("boundary errors", () => {
  const text = "Amb. Murad said it. Then\nhe left… and came back.";
  const gold = [
    { start: 0, end: 19 },
    { start: 20, end: 48 },
  ];
  it("list the gaps between sentences", () => {
    expect(boundaries(gold)).toEqual([{ start: 19, end: 20 }]);
  });
  it("report missed and spurious boundaries with their context", () => {
    const predicted = [
      { start: 0, end: 4 },
      { start: 5, end: 24 },
      { start: 25, end: 33 },
      { start: 34, end: 48 },
    ];
    const errors = boundaryErrors(text, gold, predicted);
    expect(errors.map((e) => [e.kind, e.context])).toEqual([
      ["spurious", "abbreviation"],
      ["missed", "other"],
      ["spurious", "line break without final punctuation (headline, wrapped line)"],
      ["spurious", "ellipsis"],
    ]);
  });
  it("count a boundary moved by a character or two once, as shifted", () => {
    const t = '"We will." He left.';
    const errors = boundaryErrors(
      t,
      [
        { start: 0, end: 10 },
        { start: 11, end: 19 },
      ],
      [
        { start: 0, end: 9 },
        { start: 10, end: 19 },
      ],
    );
    expect(errors.map((e) => e.kind)).toEqual(["shifted"]);
  });
  it("name Arabic abbreviations, Q&A labels, table rows and quotations", () => {
    const ar = "قدمت السفيرة أ.د. نهى";
    expect(boundaryContext(ar, { start: 17, end: 18 })).toBe("abbreviation");
    expect(boundaryContext("س: سؤال؟\nج: نعم.", { start: 8, end: 9 })).toBe("line break: Q&A label");
    expect(boundaryContext("الصين\t٤٢\nالهند\t٢١", { start: 8, end: 9 })).toBe("line break: table row");
    expect(boundaryContext("قال: «نحن هنا. ولن نغادر».", { start: 14, end: 15 })).toBe("quotation");
  });
});
