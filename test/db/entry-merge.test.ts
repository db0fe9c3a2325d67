import { describe, expect, it } from "vitest";
import { mergeImported, resolveMerge, termId, threeWayMerge } from "../../src/db/entry-merge";
import type { EntryContent as EntryInput, Term } from "../../src/types";

const term = (
  lang: "ar" | "en",
  text: string,
  status: Term["status"] = "preferred",
  note: string | null = null,
): Term => ({
  lang,
  text,
  status,
  partOfSpeech: null,
  note,
});

const stored: EntryInput = {
  domain: "security",
  definition: "The security of a State.",
  note: "UNTERM, 2023",
  source: "UNTERM",
  terms: [
    term("en", "national security"),
    term("ar", "الأمن الوطني"),
    term("ar", "الأمن القومي", "admitted"),
  ],
};

describe("mergeImported (import merge mode)", () => {
  it("keeps what the file leaves empty or does not hold, and only adds and updates", () => {
    const file: EntryInput = {
      domain: "security",
      definition: null,
      note: null,
      source: "IATE",
      terms: [term("en", "national security", "preferred", "file note"), term("ar", "الأمْن الوطني")],
    };
    const merged = mergeImported(stored, file);
    expect(merged.note).toBe("UNTERM, 2023");
    expect(merged.definition).toBe("The security of a State.");
    expect(merged.source).toBe("IATE");
    expect(merged.terms.map((t) => t.text)).toEqual(["national security", "الأمن الوطني", "الأمن القومي"]);
    expect(merged.terms[0]?.note).toBe("file note");
    expect(merged.terms[2]?.status).toBe("admitted");
  });

  it("appends new terms and updates a status", () => {
    const file: EntryInput = {
      ...stored,
      note: null,
      terms: [term("ar", "الامن القومي", "deprecated"), term("en", "homeland security", "admitted")],
    };
    const merged = mergeImported(stored, file);
    expect(merged.terms.map((t) => [t.text, t.status])).toEqual([
      ["national security", "preferred"],
      ["الأمن الوطني", "preferred"],
      ["الأمن القومي", "deprecated"],
      ["homeland security", "admitted"],
    ]);
  });

  it("never loses a stored term or value, whatever the file (random files)", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pool = ["a", "b", "c", "d"].map((x) => term(rnd(2) ? "ar" : "en", `t${x}`));
    for (let i = 0; i < 300; i++) {
      const file: EntryInput = {
        domain: rnd(3) ? "d" : "",
        definition: rnd(2) ? null : `def${rnd(3)}`,
        note: rnd(2) ? null : "n",
        source: null,
        terms: pool
          .filter(() => rnd(2) === 1)
          .map((t) => ({ ...t, status: rnd(2) ? "admitted" : "preferred" })),
      };
      const merged = mergeImported(stored, file);
      for (const t of stored.terms) expect(merged.terms.some((m) => m.lang === t.lang)).toBe(true);
      expect(merged.terms.length).toBeGreaterThanOrEqual(stored.terms.length);
      expect(merged.note).not.toBeNull();
      expect(merged.definition).not.toBeNull();
      expect(merged.domain).not.toBe("");
    }
  });
});

describe("threeWayMerge", () => {
  const base = stored;
  it("keeps theirs where mine did not touch a field, and mine where theirs did not", () => {
    const theirs = {
      ...base,
      definition: "A's definition",
      terms: base.terms.map((t) => (t.text === "الأمن القومي" ? { ...t, status: "forbidden" as const } : t)),
    };
    const mine = { ...base, note: "B's note" };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.definition).toBe("A's definition");
    expect(r.merged.note).toBe("B's note");
    expect(r.merged.terms.find((t) => t.text === "الأمن القومي")?.status).toBe("forbidden");
  });

  it("reports a field both changed, and resolves it per field as chosen", () => {
    const theirs = { ...base, note: "A", definition: "A def" };
    const mine = { ...base, note: "B", source: "B src" };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.conflicts.map((c) => c.field)).toEqual(["note"]);
    expect(r.merged).toMatchObject({ note: "A", definition: "A def", source: "B src" });
    expect(resolveMerge(r, new Set(["note"]))).toMatchObject({
      note: "B",
      definition: "A def",
      source: "B src",
    });
    expect(resolveMerge(r, new Set())).toMatchObject({ note: "A" });
  });

  it("merges term lists: additions of both kept, a removal kept unless the other side changed that term", () => {
    const theirs = { ...base, terms: [...base.terms, term("en", "state security", "admitted")] };
    const mine = { ...base, terms: base.terms.filter((t) => t.text !== "الأمن القومي") };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged.terms.map((t) => t.text)).toEqual([
      "national security",
      "الأمن الوطني",
      "state security",
    ]);

    const theirs2 = {
      ...base,
      terms: base.terms.map((t) => (t.text === "الأمن القومي" ? { ...t, status: "forbidden" as const } : t)),
    };
    const r2 = threeWayMerge(base, mine, theirs2);
    expect(r2.conflicts.map((c) => c.field)).toEqual([`terms.${termId(term("ar", "الأمن القومي"))}`]);
    expect(r2.merged.terms.find((t) => t.text === "الأمن القومي")?.status).toBe("forbidden");
    expect(resolveMerge(r2, new Set([r2.conflicts[0]!.field])).terms.map((t) => t.text)).toEqual([
      "national security",
      "الأمن الوطني",
    ]);
  });

  it("random edits: what only one side changed always survives", () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const edit = (e: EntryInput): EntryInput => ({
      domain: rnd(4) ? e.domain : `dom${rnd(3)}`,
      definition: rnd(4) ? e.definition : `def${rnd(3)}`,
      note: rnd(4) ? e.note : null,
      source: rnd(4) ? e.source : `src${rnd(3)}`,
      terms: [
        ...e.terms
          .filter(() => rnd(5) !== 0)
          .map((t) => (rnd(4) ? t : { ...t, status: "deprecated" as const })),
        ...(rnd(3) ? [] : [term("en", `new${rnd(5)}`)]),
      ],
    });
    for (let i = 0; i < 500; i++) {
      const mine = edit(base);
      const theirs = edit(base);
      const r = threeWayMerge(base, mine, theirs);
      const conflicted = new Set(r.conflicts.map((c) => c.field));
      for (const f of ["domain", "definition", "note", "source"] as const) {
        if (conflicted.has(f)) continue;
        if (mine[f] !== base[f]) expect(r.merged[f]).toBe(mine[f]);
        else expect(r.merged[f]).toBe(theirs[f]);
      }
      const ids = (e: EntryInput) => new Set(e.terms.map(termId));
      for (const t of [...mine.terms, ...theirs.terms]) {
        const key = termId(t);
        if (conflicted.has(`terms.${key}`)) continue;
        const removedByOther = !ids(mine).has(key) || !ids(theirs).has(key);
        const inBase = ids(base).has(key);
        expect(ids(r.merged).has(key)).toBe(!(inBase && removedByOther));
      }
      // Choosing every conflict for "mine" gives mine's value for each conflicting field.
      const all = resolveMerge(r, conflicted);
      for (const c of r.conflicts) {
        if (c.kind === "field") expect(all[c.field]).toBe(c.mine);
        else expect(all.terms.find((t) => `terms.${termId(t)}` === c.field) ?? null).toEqual(c.mine);
      }
    }
  });
});
