import { describe, expect, it } from "vitest";
import { parseCsvRecords, parseGlossaryCsv, writeGlossaryCsv } from "../../src/formats/csv";
import { type KeyedEntry, parseGlossaryTsv, writeGlossaryTsv } from "../../src/formats/seed-tsv";
import { neutralizeFormula, restoreFormula } from "../../src/formats/spreadsheet-cell";
import type { GlossaryEntry } from "../../src/types";
import { api, jsonOf, unique } from "../support/api";
import { rng } from "../support/random";

/**
 * CSV/TSV formula injection (issue 16.4, OWASP "CSV Injection"): a cell starting with =, +, -, @, tab or CR
 * is run as a formula by spreadsheets. Exports prefix such cells with an apostrophe; imports take it off, so
 * a round trip through Diwan is lossless (terms like "-ism" or "+" come back as they were).
 */
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
const startsDangerous = (cell: string) => TRIGGERS.some((t) => cell.startsWith(t));

const tricky: KeyedEntry = {
  key: "formula-check",
  domain: '=HYPERLINK("http://evil.example","x")',
  definition: "+1+2 a definition that starts with a plus",
  note: "'=already escaped by someone",
  source: "@SUM(A1:A9)",
  terms: [
    { lang: "en", text: "-ism", status: "preferred", partOfSpeech: null, note: "-5 is a negative number" },
    { lang: "en", text: "+", status: "admitted", partOfSpeech: "other", note: "'apostrophe first" },
    { lang: "ar", text: "=مذهب", status: "preferred", partOfSpeech: null, note: "''=two apostrophes" },
  ],
};

describe("spreadsheet formula cells (issue 16.4)", () => {
  it("neutralises OWASP's trigger characters and restores them; a plain leading apostrophe is left alone", () => {
    expect(neutralizeFormula("=1+1")).toBe("'=1+1");
    expect(neutralizeFormula("-ism")).toBe("'-ism");
    expect(neutralizeFormula("+")).toBe("'+");
    expect(neutralizeFormula("@x")).toBe("'@x");
    expect(neutralizeFormula("\t=1")).toBe("'\t=1");
    expect(neutralizeFormula("\r=1")).toBe("'\r=1");
    expect(neutralizeFormula("'=1")).toBe("''=1");
    expect(neutralizeFormula("'alawite")).toBe("'alawite");
    expect(neutralizeFormula("a-b")).toBe("a-b");
    expect(neutralizeFormula("")).toBe("");
    expect(restoreFormula("'-ism")).toBe("-ism");
    expect(restoreFormula("'alawite")).toBe("'alawite");
    expect(restoreFormula("''=1")).toBe("'=1");
  });

  it("round-trips random cells of apostrophes, triggers and text losslessly, never emitting a trigger first", () => {
    const random = rng(16);
    const alphabet = ["'", "'", "=", "+", "-", "@", "\t", "\r", "a", "م", " ", "1"];
    for (let i = 0; i < 20_000; i++) {
      let s = "";
      const n = Math.floor(random() * 6);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(random() * alphabet.length)];
      const cell = neutralizeFormula(s);
      expect(startsDangerous(cell), JSON.stringify(s)).toBe(false);
      expect(restoreFormula(cell), JSON.stringify(s)).toBe(s);
    }
  });

  it("CSV and TSV writers neutralise every such cell and their readers restore them", () => {
    const csv = writeGlossaryCsv([tricky], { bom: false });
    for (const record of parseCsvRecords(csv)) {
      for (const cell of record.fields) expect(startsDangerous(cell), cell).toBe(false);
    }
    expect(csv).toContain("'-ism");
    expect(parseGlossaryCsv(csv)).toEqual([tricky]);
    const tsv = writeGlossaryTsv([tricky]);
    for (const line of tsv.split("\n"))
      for (const cell of line.split("\t")) expect(startsDangerous(cell), cell).toBe(false);
    expect(parseGlossaryTsv(tsv)).toEqual([tricky]);
    // Opting out writes the cells as they are (for tools that are not spreadsheets).
    expect(writeGlossaryCsv([tricky], { bom: false, escapeFormulas: false })).toContain(
      "\r\nformula-check,en,preferred,-ism,",
    );
  });

  it("API export neutralises by default, re-import changes nothing, and the stored texts are exact", async () => {
    const en = unique("-ism ");
    const created = await api("/api/glossary", {
      method: "POST",
      body: {
        domain: "=cmd|' /C calc'!A0",
        definition: "@SUM(1,2)",
        note: "=1+1",
        terms: [
          { lang: "en", text: en, status: "preferred" },
          { lang: "en", text: `+${en}`, status: "admitted" },
          { lang: "ar", text: "-مذهبية", status: "preferred", note: "'=quoted" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const entry = await jsonOf<GlossaryEntry>(created);
    for (const format of ["csv", "tsv"] as const) {
      const file = await (await api(`/api/glossary/export?format=${format}`)).text();
      const rows =
        format === "csv"
          ? parseCsvRecords(file).map((r) => r.fields)
          : file.split("\n").map((l) => l.split("\t"));
      const mine = rows.filter((r) => r[0] === `entry-${entry.id}`);
      expect(mine.length).toBe(3);
      for (const r of mine)
        for (const cell of r) expect(startsDangerous(cell), `${format}: ${cell}`).toBe(false);
      expect(mine.map((r) => r[3])).toEqual([`'${en}`, `'+${en}`, "'-مذهبية"]);
      const again = await api(`/api/glossary/import?format=${format}&dryRun=true`, {
        method: "POST",
        body: file,
        headers: { "content-type": format === "csv" ? "text/csv" : "text/tab-separated-values" },
      });
      expect(again.status).toBe(200);
      const plan = await jsonOf<{ counts: { added: number; changed: number; deleted: number } }>(again);
      expect(plan.counts, format).toMatchObject({ added: 0, changed: 0, deleted: 0 });
      const raw = await (await api(`/api/glossary/export?format=${format}&escapeFormulas=false`)).text();
      const sep = format === "csv" ? "," : "\t";
      expect(raw).toContain([`entry-${entry.id}`, "en", "preferred", en].join(sep));
    }
  });

  it("imports a hand-written CSV with escaped cells as the texts they stand for", async () => {
    const key = unique("hand-").toLowerCase();
    const csv = `key,lang,status,term,pos,term_note,domain,definition,note,source\r\n${key},en,preferred,'-phobia ${key},,'alawite note,security,'=def,,\r\n${key},ar,preferred,رهاب ${key},,,,,,\r\n`;
    const res = await api("/api/glossary/import?format=csv", {
      method: "POST",
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(200);
    const found = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(`phobia ${key}`)}`),
    );
    expect(found.items).toHaveLength(1);
    const e = found.items[0] as GlossaryEntry;
    expect(e.terms[0]?.text).toBe(`-phobia ${key}`);
    expect(e.terms[0]?.note).toBe("'alawite note");
    expect(e.definition).toBe("=def");
  });
});
