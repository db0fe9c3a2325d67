// .xlsx reading and writing against what Diwan did not write, and checked by what Diwan did not write:
// real workbooks from Apache POI's, Okapi's test suites and a published glossary saved by Excel
// (test/fixtures/xlsx/SOURCES.tsv) are read by src/formats/xlsx-read.ts and by SheetJS (xlsx@0.18.5, a
// devDependency), cell by cell; the workbooks Diwan writes are read back by SheetJS too.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { FormatError } from "../../src/formats/errors";
import {
  readGlossaryXlsx,
  writeGlossaryXlsx,
  writeGlossaryXlsxTemplate,
} from "../../src/formats/glossary-xlsx";
import { GLOSSARY_TSV_COLUMNS } from "../../src/formats/seed-tsv";
import { readXlsxSheet } from "../../src/formats/xlsx-read";
import type { KeyedEntry } from "../../src/types";

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

/** SheetJS's reading of a sheet as rows of text, by the same rules (numbers as shortest text, TRUE/FALSE). */
function sheetJsRows(bytes: Uint8Array, sheet?: string): { line: number; fields: string[] }[] {
  const wb = XLSX.read(bytes, { type: "array", cellDates: false, cellText: true });
  const ws = wb.Sheets[sheet ?? wb.SheetNames[0]!]!;
  const rows = new Map<number, string[]>();
  for (const [ref, cell] of Object.entries(ws)) {
    if (ref.startsWith("!")) continue;
    const { c, r } = XLSX.utils.decode_cell(ref);
    const c0 = cell as XLSX.CellObject;
    let text: string;
    if (c0.t === "s") text = String(c0.v ?? "");
    else if (c0.t === "n") text = String(c0.v);
    else if (c0.t === "b") text = c0.v ? "TRUE" : "FALSE";
    else if (c0.t === "e") text = c0.w ?? "";
    else text = c0.v === undefined ? "" : String(c0.v);
    const row = rows.get(r + 1) ?? [];
    row[c] = text;
    rows.set(r + 1, row);
  }
  return [...rows]
    .sort((a, b) => a[0] - b[0])
    .map(([line, cells]) => ({ line, fields: Array.from(cells, (f) => f ?? "") }))
    .filter((r) => r.fields.some((f) => f !== ""));
}

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

describe("readXlsxSheet on real workbooks, cell by cell against SheetJS", () => {
  for (const { local } of sources.filter((s) => !refused.has(s.local)))
    it(local, () => {
      const bytes = bytesOf(local);
      const names = XLSX.read(bytes, { type: "array" }).SheetNames;
      const first = readXlsxSheet(bytes);
      expect(first.sheetNames).toEqual(names);
      for (const name of names) {
        const mine = readXlsxSheet(bytes, { sheet: name });
        expect(mine.name).toBe(name);
        // XML 1.0 (2.11) turns a raw CR LF or CR in a part into LF before any reader sees it; SheetJS does not,
        // so Okapi's file with raw CR LF in its shared strings reads "\r\n" there and "\n" here (Excel, a
        // conforming parser, shows one line break). That one normalisation is applied to SheetJS's side.
        const reference = sheetJsRows(bytes, name).map((r) => ({
          line: r.line,
          fields: r.fields.map((f) => f.replace(/\r\n?/g, "\n")),
        }));
        expect(mine.rows, `${local} sheet ${name}`).toEqual(reference);
      }
    });

  it("reads what the fixtures are known to hold: inline strings, strict namespaces, rich text, line breaks", () => {
    const inline = readXlsxSheet(bytesOf("poi-InlineStrings.xlsx"));
    expect(inline.rows.flatMap((r) => r.fields).some((f) => /[A-Za-z]/.test(f))).toBe(true);
    const strict = readXlsxSheet(bytesOf("poi-SampleSS.strict.xlsx"));
    expect(strict.rows).toEqual(readXlsxSheet(bytesOf("poi-SampleSS.xlsx")).rows);
    const breaks = readXlsxSheet(bytesOf("okapi-780-line-breaks.xlsx"));
    expect(breaks.rows.flatMap((r) => r.fields).some((f) => f.includes("\n"))).toBe(true);
    expect(readXlsxSheet(bytesOf("okapi-simple_formula.xlsx")).formulaCells).toBeGreaterThan(0);
  });

  it("refuses POI's XML entity bomb and a password-encrypted workbook, each with a clear reason", () => {
    const bomb = (() => {
      try {
        readXlsxSheet(bytesOf("poi-poc-xmlbomb.xlsx"));
      } catch (e) {
        return e;
      }
    })();
    expect(bomb).toBeInstanceOf(FormatError);
    expect((bomb as FormatError).code).toMatch(/^xml-(doctype|entity)$/);
    expect(() => readXlsxSheet(bytesOf("poi-protected_passtika.xlsx"))).toThrow(/encrypted|password/i);
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
    const reference = sheetJsRows(bytes);
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

describe("the workbooks Diwan writes, read by SheetJS", () => {
  it("holds every value exactly as a string cell: no formula, no number, formula-like cells text-marked", () => {
    const bytes = writeGlossaryXlsx(tricky);
    const wb = XLSX.read(bytes, { type: "array", cellStyles: true });
    expect(wb.SheetNames).toEqual(["Glossary", "Columns"]);
    const ws = wb.Sheets.Glossary!;
    for (const [ref, cell] of Object.entries(ws)) {
      if (ref.startsWith("!")) continue;
      expect((cell as XLSX.CellObject).t, ref).toBe("s");
      expect((cell as XLSX.CellObject).f, ref).toBeUndefined();
    }
    const rows = sheetJsRows(bytes);
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
    // The quotePrefix style ("text follows", what a typed apostrophe gives) marks exactly the formula-like cells.
    const styles = new TextDecoder().decode(unzipSync(bytes)["xl/styles.xml"]);
    expect(styles).toContain('quotePrefix="1"');
    const sheet = new TextDecoder().decode(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    const quoted = [...sheet.matchAll(/<c r="([A-Z]+\d+)" s="(3|4)"/g)].map((m) => m[1]);
    expect(quoted).toEqual(["F2", "H2", "D4"]);
  });

  it("reads back to the same entries through Diwan's reader (nothing reported)", () => {
    const reading = readGlossaryXlsx(writeGlossaryXlsx(tricky));
    expect(reading.skipped).toEqual([]);
    expect(reading.adjusted).toEqual([]);
    expect(reading.notKept).toEqual({});
    expect(reading.entries).toEqual(tricky);
  });

  it("the template: headers, one example entry, and a Columns sheet describing every column", () => {
    const bytes = writeGlossaryXlsxTemplate();
    const rows = sheetJsRows(bytes);
    expect(rows[0]!.fields).toEqual([...GLOSSARY_TSV_COLUMNS]);
    expect(rows.length).toBe(3);
    const help = sheetJsRows(bytes, "Columns").map((r) => r.fields[0]);
    for (const column of GLOSSARY_TSV_COLUMNS) expect(help).toContain(column);
    expect(readGlossaryXlsx(bytes).entries.length).toBe(1);
  });
});
