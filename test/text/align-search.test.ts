import { describe, expect, it } from "vitest";
import { alignBanded } from "../../src/text/align-dp";
import { documentFeatures } from "../../src/text/align-features";
import { ALIGN_MODEL, prepareSides } from "../../src/text/align-model";
import { pick, randomInt, rng } from "../support/random";
import { referenceAlign } from "./align-reference";

// The banded, rescaled search of src/text/align-dp.ts against the slow, obvious full-lattice reference
// (align-reference.ts), on seeded random document pairs: parallel texts built bead by bead (every bead
// type, anchors, paragraphs) and unrelated pairs of sentences.

const AR = "وقال الوزير إن التعاون بين البلدين يشهد تطورا ملحوظا في مجالات عدة منها الطاقة والتجارة".split(
  " ",
);
const EN =
  "the minister said that cooperation between both countries has grown in many fields such as energy".split(
    " ",
  );
const NAMES: [string, string][] = [
  ["غوتيريش", "Guterres"],
  ["لافروف", "Lavrov"],
  ["موسكو", "Moscow"],
  ["خالد", "Khaled"],
];
const TYPES: [number, number, number][] = [
  // [Arabic sentences, English sentences, weight]
  [1, 1, 60],
  [1, 2, 8],
  [2, 1, 5],
  [2, 2, 2],
  [1, 3, 2],
  [3, 1, 2],
  [1, 0, 3],
  [0, 1, 3],
];

function words(random: () => number, list: readonly string[], chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = pick(random, list);
    out.push(w);
    n += w.length + 1;
  }
  return out.join(" ");
}

interface Doc {
  ar: string[];
  en: string[];
  paragraphs: { ar: number[]; en: number[] } | undefined;
}

function parallelDoc(random: () => number, beads: number): Doc {
  const ar: string[] = [];
  const en: string[] = [];
  const arPara: number[] = [];
  const enPara: number[] = [];
  let pa = 0;
  let pe = 0;
  const total = TYPES.reduce((s, t) => s + t[2], 0);
  for (let b = 0; b < beads; b++) {
    const r = random() * total;
    let acc = 0;
    const type =
      TYPES.find((t) => {
        acc += t[2];
        return r < acc;
      }) ?? (TYPES[0] as [number, number, number]);
    const chars = 30 + randomInt(random, 150);
    const anchor = random() < 0.4 ? String(randomInt(random, 3000)) : "";
    const [nameAr, nameEn] = random() < 0.3 ? pick(random, NAMES) : ["", ""];
    for (let k = 0; k < type[0]; k++) {
      ar.push(`${words(random, AR, chars / type[0])} ${k === 0 ? `${anchor} ${nameAr}` : ""}.`);
      arPara.push(pa);
    }
    for (let k = 0; k < type[1]; k++) {
      en.push(
        `${words(random, EN, (chars * 1.29 * (0.8 + 0.4 * random())) / type[1])} ${k === 0 ? `${anchor} ${nameEn}` : ""}.`,
      );
      enPara.push(pe);
    }
    if (random() < 0.3) {
      pa++;
      pe++;
    }
  }
  return { ar, en, paragraphs: random() < 0.7 ? { ar: arPara, en: enPara } : undefined };
}

function unrelatedDoc(random: () => number): Doc {
  const n = randomInt(random, 12);
  const m = randomInt(random, 12);
  return {
    ar: Array.from({ length: n }, () => `${words(random, AR, 10 + randomInt(random, 120))}.`),
    en: Array.from({ length: m }, () => `${words(random, EN, 10 + randomInt(random, 160))}.`),
    paragraphs: undefined,
  };
}

const key = (b: { ar: number[]; en: number[] }) => `${b.ar.join(",")}:${b.en.join(",")}`;

describe("banded alignment search against the full-lattice reference", () => {
  // Posteriors differ only by the weight of the paths that leave the band, which the banded sums leave
  // out: far below the two decimals a confidence is read with.
  it("finds the same best beads, the same cost and the same posteriors (±0.001) on 300 random pairs", () => {
    const random = rng(20261205);
    let compared = 0;
    let beads = 0;
    for (let trial = 0; trial < 300; trial++) {
      const doc = trial % 5 === 4 ? unrelatedDoc(random) : parallelDoc(random, 1 + randomInt(random, 35));
      if (doc.ar.length === 0 || doc.en.length === 0) continue;
      const sides = prepareSides(documentFeatures(doc.ar, doc.en), ALIGN_MODEL, doc.paragraphs);
      const fast = alignBanded(sides);
      const slow = referenceAlign(sides);
      expect(fast.map(key), `trial ${trial}`).toEqual(slow.beads.map(key));
      const fastTotal = fast.reduce((s, b) => s + b.cost, 0);
      expect(Math.abs(fastTotal - slow.total)).toBeLessThan(1e-9 * Math.max(1, Math.abs(slow.total)));
      fast.forEach((b, k) => {
        expect(Math.abs(b.score - (slow.beads[k]?.score ?? -1)), `trial ${trial} bead ${k}`).toBeLessThan(
          1e-3,
        );
      });
      compared++;
      beads += fast.length;
    }
    expect(compared).toBeGreaterThan(250);
    expect(beads).toBeGreaterThan(2500);
  });

  it("widens a band that is too narrow until it finds the same beads", () => {
    const random = rng(7);
    for (let trial = 0; trial < 60; trial++) {
      const doc = parallelDoc(random, 10 + randomInt(random, 25));
      // The English lacks a run of sentences at the start: the path leaves the diagonal.
      const cut = randomInt(random, 6);
      const en = doc.en.slice(cut);
      if (en.length === 0) continue;
      const sides = prepareSides(documentFeatures(doc.ar, en), ALIGN_MODEL);
      expect(alignBanded(sides, 1).map(key), `trial ${trial}`).toEqual(referenceAlign(sides).beads.map(key));
    }
  });
});
