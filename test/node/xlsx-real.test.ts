// .xlsx reading and writing against what Diwan did not write, and checked by a reading that is not SheetJS's:
// real workbooks from Apache POI's, Okapi's test suites and a published glossary saved by Excel
// (test/fixtures/xlsx/SOURCES.tsv) are read by src/formats/xlsx.ts (SheetJS behind Diwan's guards) and by
// test/support/xlsx-independent-read.ts (written from ECMA-376, no SheetJS), cell by cell; the workbooks
// Diwan writes are read back by both.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { FormatError } from "../../src/formats/errors";
import {
  readGlossaryXlsx,
  writeGlossaryXlsx,
  writeGlossaryXlsxTemplate,
} from "../../src/formats/glossary-xlsx";
import { GLOSSARY_TSV_COLUMNS } from "../../src/formats/seed-tsv";
import { readXlsxSheet, writeXlsx } from "../../src/formats/xlsx";
import type { KeyedEntry } from "../../src/types";
import { pick, randomInt, rng } from "../support/random";
import { readXlsxSheetIndependently } from "../support/xlsx-independent-read";

const DIR = path.resolve(import.meta.dirname, "../fixtures/xlsx");
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const sources = readFileSync(path.join(DIR, "SOURCES.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [local, source, repository, file, commit, licence, bytes, sha256, note] = line.split("\t");
    return { local: local!, source, repository, file, commit, licence, bytes: Number(bytes), sha256, note };
  });
const refused = new Set(["poi-poc-xmlbomb.xlsx", "poi-protected_passtika.xlsx"]);
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};
const text = (bytes: Uint8Array, part: string) => new TextDecoder().decode(unzipSync(bytes)[part]);

describe("xlsx fixtures' provenance", () => {
  it("keeps each file byte for byte as published, with repository, commit and licence", () => {
    expect(sources.length).toBeGreaterThanOrEqual(14);
    for (const s of sources) {
      const bytes = bytesOf(s.local);
      expect(bytes.length, s.local).toBe(s.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), s.local).toBe(s.sha256);
      expect(s.commit, s.local).toMatch(/^[0-9a-f]{40}$/);
      expect(s.licence, s.local).not.toBe("");
    }
  });
});

describe("readXlsxSheet (SheetJS) on real workbooks, cell by cell against an independent reading", () => {
  for (const { local } of sources.filter((s) => !refused.has(s.local)))
    it(local, () => {
      const bytes = bytesOf(local);
      const first = readXlsxSheet(bytes);
      const names = readXlsxSheetIndependently(bytes).sheetNames;
      expect(first.sheetNames).toEqual(names);
      for (const name of names) {
        const sheet = readXlsxSheet(bytes, { sheet: name });
        const reference = readXlsxSheetIndependently(bytes, { sheet: name });
        expect(sheet.name).toBe(name);
        expect(sheet.rows, `${local} sheet ${name}`).toEqual(reference.rows);
        expect(sheet.formulaCells, `${local} sheet ${name}`).toBe(reference.formulaCells);
        expect(sheet.foldedCrs).toBe(0);
      }
    });

  it("reads what the fixtures are known to hold: inline strings, strict namespaces, rich text, line breaks", () => {
    const inline = readXlsxSheet(bytesOf("poi-InlineStrings.xlsx"));
    expect(inline.rows.flatMap((r) => r.fields).some((f) => /[A-Za-z]/.test(f))).toBe(true);
    const strict = readXlsxSheet(bytesOf("poi-SampleSS.strict.xlsx"));
    expect(strict.rows).toEqual(readXlsxSheet(bytesOf("poi-SampleSS.xlsx")).rows);
    const breaks = readXlsxSheet(bytesOf("okapi-780-line-breaks.xlsx"));
    expect(breaks.rows.flatMap((r) => r.fields).some((f) => f.includes("\n"))).toBe(true);
    // Okapi's file has raw CR LF in its shared strings: XML reads a line feed there (SheetJS alone kept CRs).
    expect(breaks.rows.flatMap((r) => r.fields).some((f) => f.includes("\r"))).toBe(false);
    expect(readXlsxSheet(bytesOf("okapi-simple_formula.xlsx")).formulaCells).toBeGreaterThan(0);
  });

  it("refuses POI's XML entity bomb and a password-encrypted workbook before SheetJS reads them", () => {
    const bomb = errorOf(() => readXlsxSheet(bytesOf("poi-poc-xmlbomb.xlsx")));
    expect(bomb).toBeInstanceOf(FormatError);
    expect((bomb as FormatError).code).toMatch(/^xml-(doctype|entity)$/);
    const encrypted = errorOf(() => readXlsxSheet(bytesOf("poi-protected_passtika.xlsx")));
    expect((encrypted as FormatError).code).toBe("zip-encrypted");
    expect((encrypted as Error).message).toMatch(/encrypted|password/i);
  });

  it("refuses a ZIP bomb by zip.ts's limits, invalid bytes, and a ZIP that is not a workbook", () => {
    const files = unzipSync(writeXlsx([{ name: "Sheet1", rows: [["a"]] }]));
    const sheet = text(zipSync(files), "xl/worksheets/sheet1.xml");
    // 4 MB of spaces inside the sheet: deflates ~1,000 to 1, past the 200:1 ratio allowed above 1 MB.
    files["xl/worksheets/sheet1.xml"] = strToU8(
      sheet.replace("<sheetData>", `<sheetData>${" ".repeat(4 << 20)}`),
    );
    expect((errorOf(() => readXlsxSheet(zipSync(files))) as FormatError).code).toBe("zip-limit");
    const bad = unzipSync(writeXlsx([{ name: "Sheet1", rows: [["a"]] }]));
    const sst = bad["xl/sharedStrings.xml"]!;
    const broken = new Uint8Array([
      ...sst.subarray(0, sst.length - 20),
      0xff,
      ...sst.subarray(sst.length - 20),
    ]);
    bad["xl/sharedStrings.xml"] = broken;
    expect((errorOf(() => readXlsxSheet(zipSync(bad))) as FormatError).code).toBe("invalid-encoding");
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8("<w/>"),
    });
    expect(() => readXlsxSheet(docx)).toThrow(/no workbook part/);
    expect((errorOf(() => readXlsxSheet(strToU8("key,lang\n"))) as FormatError).code).toBe("wrong-root");
  });

  it("refuses a DOCTYPE in any XML part, even one that names only an external DTD", () => {
    const files = unzipSync(writeXlsx([{ name: "Sheet1", rows: [["a"]] }]));
    const rels = new TextDecoder().decode(files["_rels/.rels"]);
    files["_rels/.rels"] = strToU8(rels.replace("?>", '?><!DOCTYPE Relationships SYSTEM "rels.dtd">'));
    expect((errorOf(() => readXlsxSheet(zipSync(files))) as FormatError).code).toBe("xml-doctype");
  });

  it("keeps an encoded CR before a line feed (SheetJS alone folds CR LF to LF); counts it when it cannot", () => {
    const files = unzipSync(writeXlsx([{ name: "Sheet1", rows: [["x"], ["y"], ["z"]] }]));
    const sst = new TextDecoder().decode(files["xl/sharedStrings.xml"]);
    const withCrs = sst
      .replace(">x<", ">a&#13;\nb<")
      .replace(">y<", ">c_x000D_&#10;d<")
      .replace(">z<", ">e&#xD;_x000A_f _x005F_x000D_<");
    files["xl/sharedStrings.xml"] = strToU8(withCrs);
    const sheet = readXlsxSheet(zipSync(files));
    expect(sheet.rows.map((r) => r.fields[0])).toEqual(["a\r\nb", "c\r\nd", "e\r\nf _x000D_"]);
    expect(sheet.rows).toEqual(readXlsxSheetIndependently(zipSync(files)).rows);
    expect(sheet.foldedCrs).toBe(0);
    files["xl/sharedStrings.xml"] = strToU8(withCrs.replace(">e&#xD;", ">\uE000e&#xD;"));
    const folded = readXlsxSheet(zipSync(files));
    expect(folded.foldedCrs).toBe(3);
    expect(folded.rows.map((r) => r.fields[0])).toEqual(["a\nb", "c\nd", "\uE000e\nf _x000D_"]);
  });

  it("names the sheets when the one asked for is not there", () => {
    expect(() => readXlsxSheet(bytesOf("poi-TwoSheetsOneHidden.xlsx"), { sheet: "Nope" })).toThrow(
      /no sheet named "Nope" \(sheets: /,
    );
  });
});

describe("a real glossary saved by Excel (ricbencar/multilingual-engineering-glossary, en/pt re-labelled en/ar)", () => {
  /** Test-time re-labelling: the Portuguese column's header becomes Arabic; nothing else changes. */
  function relabelled(): Uint8Array {
    const files = unzipSync(bytesOf("ricbencar-english.xlsx"));
    const sst = new TextDecoder().decode(files["xl/sharedStrings.xml"]);
    expect(sst).toContain(">Portuguese_word<");
    files["xl/sharedStrings.xml"] = strToU8(sst.replace(">Portuguese_word<", ">Arabic_word<"));
    return zipSync(files);
  }

  it("imports every row with its category as domain and its description as definition", () => {
    const bytes = relabelled();
    const reference = readXlsxSheetIndependently(bytes).rows;
    const header = reference[0]!.fields;
    expect(header).toEqual(["Category", "English_word", "English_descr", "Arabic_word"]);
    const reading = readGlossaryXlsx(bytes);
    const complete = reference.slice(1).filter((r) => r.fields[1]?.trim() && r.fields[3]?.trim());
    expect(reading.entries.length).toBe(complete.length);
    expect(reading.entries.length).toBeGreaterThan(800);
    expect(reading.skipped.length).toBe(reference.length - 1 - complete.length);
    reading.entries.forEach((e, i) => {
      const row = complete[i]!.fields;
      expect(reading.lines[i]).toBe(complete[i]!.line);
      expect(e.domain).toBe(row[0]!.trim());
      expect(e.terms.map((t) => [t.lang, t.text])).toEqual([
        ["ar", row[3]!.trim()],
        ["en", row[1]!.trim()],
      ]);
      expect(e.definition).toBe(row[2] || null);
    });
  });

  it("reports the Portuguese column as a language left out when it is not re-labelled", () => {
    const reading = (() => {
      try {
        return readGlossaryXlsx(bytesOf("ricbencar-english.xlsx"));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(reading).toBeInstanceOf(FormatError);
    expect((reading as FormatError).message).toMatch(/no Arabic column.*Portuguese_word/);
  });
});

const tricky: KeyedEntry[] = [
  {
    key: "formula-like",
    domain: "security",
    definition: '=HYPERLINK("http://evil.example","click")\nsecond line\r\nwith CR LF',
    note: "  leading and trailing spaces  ",
    source: "_x000D_ literal, @SUM(1), +1, -ism",
    terms: [
      { lang: "ar", text: "مجلس الأمن", status: "preferred", partOfSpeech: "noun", note: "=1+1" },
      { lang: "ar", text: "مجلس الامن", status: "deprecated", partOfSpeech: null, note: "بدون همزة" },
      { lang: "en", text: "-ism", status: "preferred", partOfSpeech: null, note: null },
      { lang: "en", text: "0012", status: "admitted", partOfSpeech: null, note: "'quoted" },
    ],
  },
  {
    key: "plain",
    domain: "general",
    definition: null,
    note: null,
    source: null,
    terms: [
      { lang: "en", text: "TRUE", status: "preferred", partOfSpeech: null, note: null },
      { lang: "ar", text: "صحيح", status: "preferred", partOfSpeech: null, note: null },
    ],
  },
];

describe("the workbooks Diwan writes, read back by SheetJS and by the independent reader", () => {
  it("holds every value exactly as a string cell in the Text format: no formula, no number", () => {
    const bytes = writeGlossaryXlsx(tricky);
    const rows = readXlsxSheetIndependently(bytes).rows;
    expect(readXlsxSheet(bytes).sheetNames).toEqual(["Glossary", "Columns"]);
    expect(rows[0]!.fields).toEqual([...GLOSSARY_TSV_COLUMNS]);
    expect(rows[1]!.fields).toEqual([
      "formula-like",
      "ar",
      "preferred",
      "مجلس الأمن",
      "noun",
      "=1+1",
      "security",
      tricky[0]!.definition,
      "  leading and trailing spaces  ",
      "_x000D_ literal, @SUM(1), +1, -ism",
    ]);
    expect(rows.map((r) => r.fields[3])).toEqual([
      "term",
      "مجلس الأمن",
      "مجلس الامن",
      "-ism",
      "0012",
      "TRUE",
      "صحيح",
    ]);
    expect(readXlsxSheet(bytes).rows).toEqual(rows);
    // In the XML: every cell a shared string (t="s") of one style whose number format is 49, Text ("@"):
    // a formula exists only in an <f> element, and a Text cell edited in Excel stays text.
    const sheet = text(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).not.toContain("<f>");
    const cells = [...sheet.matchAll(/<c [^>]*>/g)].map((m) => m[0]);
    expect(cells.length).toBe(rows.flatMap((r) => r.fields).filter((f) => f !== "").length);
    const styles = new Set(cells.map((c) => /\bs="(\d+)"/.exec(c)?.[1]));
    expect(cells.every((c) => c.includes('t="s"'))).toBe(true);
    expect(styles.size).toBe(1);
    const xfs = [...text(bytes, "xl/styles.xml").matchAll(/<xf [^>]*numFmtId="(\d+)"[^>]*xfId=/g)].map(
      (m) => m[1],
    );
    expect(xfs[Number([...styles][0])]).toBe("49");
  });

  it("reads back to the same entries through Diwan's reader (nothing reported)", () => {
    const reading = readGlossaryXlsx(writeGlossaryXlsx(tricky));
    expect(reading.skipped).toEqual([]);
    expect(reading.adjusted).toEqual([]);
    expect(reading.notKept).toEqual({});
    expect(reading.entries).toEqual(tricky);
  });

  it("random text of every kind reads back identically through both readers (100 workbooks)", () => {
    const random = rng(12);
    const pieces = [
      "a",
      "ب",
      "ة",
      "\u064B",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\r",
      "\t",
      "=",
      "+",
      "-",
      "@",
      "'",
      "0",
      "1.50",
      "_x000D_",
      "_x005F_",
      "_x",
      "&",
      "<",
      ">",
      '"',
      "]]>",
      "\u0001",
      "\u001F",
      "\uFFFD",
      "\u200F",
      "😀",
      "TRUE",
      "#N/A",
      "\uE000",
    ];
    for (let n = 0; n < 100; n++) {
      const rows = Array.from({ length: 1 + randomInt(random, 4) }, () =>
        Array.from({ length: 1 + randomInt(random, 4) }, () =>
          Array.from({ length: randomInt(random, 6) }, () => pick(random, pieces)).join(""),
        ),
      );
      const bytes = writeXlsx([{ name: "S", rows }]);
      const expected = rows
        .map((fields, i) => ({ line: i + 1, fields: fields.map((f) => f) }))
        .filter((r) => r.fields.some((f) => f !== ""))
        .map((r) => {
          const last = r.fields.findLastIndex((f) => f !== "");
          return { line: r.line, fields: r.fields.slice(0, last + 1) };
        });
      const mine = readXlsxSheet(bytes);
      const theirs = readXlsxSheetIndependently(bytes);
      expect(theirs.rows, JSON.stringify(rows)).toEqual(expected);
      if (mine.foldedCrs === 0) expect(mine.rows, JSON.stringify(rows)).toEqual(expected);
      else expect(rows.flat().join("")).toContain("\uE000");
    }
  });

  it("the template: headers, one example entry, and a Columns sheet describing every column", () => {
    const bytes = writeGlossaryXlsxTemplate();
    const rows = readXlsxSheetIndependently(bytes).rows;
    expect(rows[0]!.fields).toEqual([...GLOSSARY_TSV_COLUMNS]);
    expect(rows.length).toBe(3);
    const help = readXlsxSheetIndependently(bytes, { sheet: "Columns" }).rows.map((r) => r.fields[0]);
    for (const column of GLOSSARY_TSV_COLUMNS) expect(help).toContain(column);
    expect(readGlossaryXlsx(bytes).entries.length).toBe(1);
  });
});
