import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { boundedDistance, buildTermSearch, searchTerms, typoBudget } from "../../src/text/term-search";
import { loadSeedGlossary } from "../fixtures/glossary";
import { rng } from "../support/random";

const seed = loadSeedGlossary(env.SEED_TSV);
const index = buildTermSearch(
  seed.entries.map((e) => ({ id: e.id, domain: "d", terms: e.terms })),
  seed.matcher,
);
const keysOf = (q: string, filters = {}) =>
  searchTerms(index, q, filters).map((h) => [seed.keyOf.get(h.entryId), h.kind]);

describe("glossary search ranking", () => {
  it("puts the exact entry first for Arabic with or without diacritics, hamza and tatweel", () => {
    for (const q of [
      "الأمن الوطني",
      "الأَمْنُ الوَطَنِيّ",
      "الامن الوطني",
      "الأمن الوطـــني",
      "  الأمن   الوطني ",
    ]) {
      expect(keysOf(q)[0], q).toEqual(["national-security", "exact"]);
    }
    // Longer entries holding the phrase come after it, as prefix or contains matches.
    const hits = keysOf("الأمن الوطني");
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.slice(1).every(([, kind]) => kind !== "exact")).toBe(true);
  });

  it("puts the exact entry first in English, then entries starting with the query, then containing it", () => {
    const hits = keysOf("national security");
    expect(hits[0]).toEqual(["national-security", "exact"]);
    expect(hits[1]).toEqual(["national-security-adviser", "prefix"]);
    const kinds = hits.map(([, k]) => k as string);
    const order = ["exact", "inflected", "prefix", "contains", "in-query"];
    expect([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(kinds);
    expect(keysOf("NATIONAL Security")[0]).toEqual(["national-security", "exact"]);
  });

  it("finds a term through clitics and the indefinite form (the recogniser's morphology)", () => {
    for (const q of ["والأمن الوطني", "للأمن الوطني", "أمن وطني", "بالأمن الوطني"]) {
      expect(keysOf(q)[0], q).toEqual(["national-security", "inflected"]);
    }
  });

  it("falls back to typo tolerance only when nothing matches, marked approximate", () => {
    const hits = searchTerms(index, "national securty");
    expect(hits[0]).toMatchObject({ kind: "approximate", termText: "national security", distance: 1 });
    expect(hits.every((h) => h.kind === "approximate")).toBe(true);
    expect(keysOf("natoinal security")[0]).toEqual(["national-security", "approximate"]);
    // A mistyped beginning of a longer term is found too.
    expect(keysOf("natonal security advis").map(([k]) => k)).toContain("national-security-adviser");
    // Queries that match something are never padded with approximate hits.
    expect(keysOf("security").some(([, k]) => k === "approximate")).toBe(false);
    expect(searchTerms(index, "zzzzqqqq")).toEqual([]);
  });

  it("applies the language and status filters to the matching term", () => {
    expect(keysOf("الأمن الوطني", { lang: "en" })).toEqual([]);
    const forbidden = searchTerms(index, "الأمن", { status: "forbidden" });
    for (const h of forbidden) {
      const e = seed.byId.get(h.entryId)!;
      expect(e.terms.find((t) => t.text === h.termText)?.status).toBe("forbidden");
    }
  });
});

/** Optimal string alignment distance, the obvious full table (reference for boundedDistance). */
function osa(a: string, b: string): number[] {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]!;
}

describe("boundedDistance", () => {
  it("agrees with the full table on random strings (whole and prefix distance, capped at limit + 1)", () => {
    const rnd = rng(20261205);
    const word = () =>
      Array.from({ length: Math.floor(rnd() * 9) }, () => "abcأبت"[Math.floor(rnd() * 6)]).join("");
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = rnd() < 0.5 ? word() : a.slice(0, Math.floor(rnd() * 5)) + word().slice(0, 2) + a.slice(5);
      const limit = Math.floor(rnd() * 3);
      const row = osa(a, b);
      expect(boundedDistance(a, b, limit, false), `${a}|${b}`).toBe(Math.min(row[b.length]!, limit + 1));
      expect(boundedDistance(a, b, limit, true), `${a}|${b} prefix`).toBe(
        Math.min(Math.min(...row), limit + 1),
      );
    }
  });

  it("allows no typo in very short queries", () => {
    expect(typoBudget(3)).toBe(0);
    expect(typoBudget(5)).toBe(1);
    expect(typoBudget(17)).toBe(2);
  });
});
