// Bilingual glossary tables as tools write them (glossary-table.ts): Matecat's layout, OmegaT's files.
import { describe, expect, it } from "vitest";
import { readGlossaryTable } from "../../src/formats/glossary-table";

describe("Matecat's glossary layout", () => {
  const header = "Forbidden,Domain,Definition,ar,Notes,Example of use,en,Notes,it-IT,Notes,Example of use";
  it("TRUE in Forbidden makes the English term a forbidden rendering; notes go with their language", () => {
    const read = readGlossaryTable(
      `${header}\nTRUE,Politics,a def,سفير,ar note,ex,envoy,en note,inviato,it note,esempio\n` +
        "FALSE,Politics,,سفارة,,,embassy,,ambasciata,,\n,Politics,,قنصل,,,consul,,,,\n",
      "csv",
    );
    expect(read.entries.map((e) => e.terms.map((t) => [t.text, t.status, t.note]))).toEqual([
      [
        ["سفير", "preferred", "ar note"],
        ["envoy", "forbidden", "en note"],
      ],
      [
        ["سفارة", "preferred", null],
        ["embassy", "preferred", null],
      ],
      [
        ["قنصل", "preferred", null],
        ["consul", "preferred", null],
      ],
    ]);
    expect(read.entries[0]?.note).toBeNull(); // the Italian note is not the entry's
    expect(read.notKept).toMatchObject({ "terms in it-IT": 2, "notes in it-IT": 1, "Example of use": 2 });
  });

  it("a Forbidden value that is neither TRUE nor FALSE is left out and listed", () => {
    const read = readGlossaryTable(`${header}\nmaybe,P,,سفير,,,envoy,,,,\n`, "csv");
    expect(read.entries[0]?.terms[1]?.status).toBe("preferred");
    expect(read.adjusted.map((a) => a.message)).toContain(
      '"maybe" in column 1 (forbidden) is not TRUE or FALSE: left out',
    );
  });
});

describe("OmegaT's glossary text", () => {
  it("a file holding only the magic comment holds no entry and skips nothing", () => {
    const read = readGlossaryTable("# foobar -*- coding: utf-8 -*-\n", "omegat");
    expect([read.entries.length, read.skipped.length]).toEqual([0, 0]);
  });

  it("a line whose fields are separated by spaces, not a tab, is skipped saying so", () => {
    const read = readGlossaryTable("# Glossary\nسفير      ambassador\nقنصل\tconsul\n", "omegat");
    expect(read.entries.map((e) => e.terms.map((t) => t.text))).toEqual([["قنصل", "consul"]]);
    expect(read.skipped).toEqual([
      {
        entry: "row 2",
        line: 2,
        message:
          "no English (target) term: the line has no tab (source, target and comment are separated by tabs, not spaces)",
      },
    ]);
  });
});
