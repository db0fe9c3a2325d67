// XLSX glossary exchange through the API (issue 12): export (whole or a selection), the template, import
// through the same partial path as CSV/TSV (item-by-item report, dryRun), refusals that name the problem and
// harm no other request. Exports are read back with the independent reader (test/support), not SheetJS;
// test/node/xlsx-real.test.ts compares the two on real workbooks.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readGlossaryXlsx } from "../../src/formats/glossary-xlsx";
import { writeXlsx } from "../../src/formats/xlsx";
import { api, createEntry, entryBody, jsonOf, unique } from "../support/api";
import { readXlsxSheetIndependently } from "../support/xlsx-independent-read";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface ImportResult {
  counts: { added: number; changed: number; unchanged: number; deleted: number; skipped: number };
  added: { domain: string; definition: string | null; terms: { lang: string; text: string }[] }[];
  skipped: { entry: string; line: number; message: string }[];
  adjusted: { entry: string; line: number; message: string }[];
  notKept: { what: string; count: number }[];
}

const importXlsx = (body: Uint8Array | string, query = "", type = XLSX) =>
  api(`/api/glossary/import?format=xlsx${query}`, {
    method: "POST",
    body,
    headers: { "content-type": type },
  });

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("XLSX export", () => {
  it("exports a selection (domain) as a workbook that re-imports as unchanged", async () => {
    const domain = unique("xlsx domain ");
    const a = await createEntry(
      entryBody(unique("xlsx a "), "مصطلح أول", { domain, definition: "line 1\nline 2" }),
    );
    await createEntry(entryBody(unique("xlsx b "), "=مصطلح ثان", { domain, note: "-note" }));
    await createEntry(entryBody(unique("xlsx other "), "مصطلح آخر"));
    const res = await api(`/api/glossary/export?format=xlsx&domain=${encodeURIComponent(domain)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="diwan-glossary-selection.xlsx"',
    );
    const bytes = await bytesOf(res);
    const reading = readGlossaryXlsx(bytes);
    expect(reading.entries.map((e) => e.domain)).toEqual([domain, domain]);
    expect(reading.entries[0]?.definition).toBe("line 1\nline 2");
    expect(reading.entries[0]?.terms.map((t) => t.text)).toEqual(a.terms.map((t) => t.text));
    expect(reading.entries[1]?.terms.some((t) => t.text === "=مصطلح ثان")).toBe(true);
    const again = await jsonOf<ImportResult>(await importXlsx(bytes, "&dryRun=true"));
    expect(again.counts).toMatchObject({ added: 0, changed: 0, unchanged: 2, deleted: 0, skipped: 0 });
    expect(again.adjusted).toEqual([]);
  });

  it("filters by q (normalised) and status; an empty selection is still a workbook (headers only)", async () => {
    const en = unique("xlsx hamza ");
    await createEntry(entryBody(en, "الأمن الجماعي"));
    const byQ = readGlossaryXlsx(
      await bytesOf(await api(`/api/glossary/export?format=xlsx&q=${en.toUpperCase()}`)),
    );
    expect(byQ.entries.map((e) => e.terms.find((t) => t.lang === "en")?.text)).toEqual([en]);
    const none = await api(`/api/glossary/export?format=xlsx&q=${unique("nothing ")}`);
    expect(readXlsxSheetIndependently(await bytesOf(none)).rows.length).toBe(1);
    const tbx = await api(`/api/glossary/export?format=tbx&q=${unique("nothing ")}`);
    expect(tbx.status).toBe(409);
  });

  it("offers a template: headers, one example entry, a Columns sheet; it imports as one entry", async () => {
    const res = await api("/api/glossary/export?format=xlsx&template=true");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="diwan-glossary-template.xlsx"',
    );
    const bytes = await bytesOf(res);
    expect(readXlsxSheetIndependently(bytes).sheetNames).toEqual(["Glossary", "Columns"]);
    const plan = await jsonOf<ImportResult>(await importXlsx(bytes, "&dryRun=true"));
    expect(plan.counts.added + plan.counts.unchanged).toBe(1);
    const csv = await api("/api/glossary/export?format=csv&template=true");
    expect(await csv.text()).toMatch(/^\uFEFF?key,lang,status,term/);
    expect((await api("/api/glossary/export?format=tbx&template=true")).status).toBe(400);
  });
});

describe("XLSX import", () => {
  it("imports a bilingual sheet partially: every skipped row named with its row number, other columns counted", async () => {
    const en = unique("sheet term ");
    const sheet = writeXlsx([
      {
        name: "Terms",
        rows: [
          ["English", "Arabic", "Definition", "Definition", "French"],
          [en, "مصطلح الجدول", "first", "second", "terme"],
          [unique("no arabic "), null, null, null, "x"],
          [` ${unique("padded ")} `, "مصطلح", null, null, null],
        ],
      },
      { name: "Other", rows: [["ignored"]] },
    ]);
    const plan = await jsonOf<ImportResult>(await importXlsx(sheet, "&dryRun=true"));
    expect(plan.counts.added).toBe(2);
    expect(plan.skipped).toEqual([{ entry: "row 3", line: 3, message: "no Arabic (source) term" }]);
    expect(plan.added[0]?.definition).toBe("first\n\nsecond");
    expect(plan.adjusted.map((a) => [a.line, a.message])).toEqual(
      expect.arrayContaining([
        [2, "definitions of columns 3 and 4 joined"],
        [4, expect.stringMatching(/trimmed/)],
      ]),
    );
    expect(plan.notKept).toEqual(
      expect.arrayContaining([
        { what: "terms in French", count: 2 },
        { what: 'other sheets (read: "Terms")', count: 1 },
      ]),
    );
  });

  it("reads the sheet named in the request, and names the sheets when it is not there", async () => {
    const en = unique("second sheet ");
    const book = writeXlsx([
      { name: "Notes", rows: [["nothing here"]] },
      {
        name: "مسرد",
        rows: [
          ["ar", "en"],
          ["مصطلح الورقة", en],
        ],
      },
    ]);
    const plan = await jsonOf<ImportResult>(
      await importXlsx(book, `&dryRun=true&sheet=${encodeURIComponent("مسرد")}`),
    );
    expect(plan.added[0]?.terms.map((t) => t.text)).toEqual(["مصطلح الورقة", en]);
    const missing = await importXlsx(book, "&sheet=Nope");
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toMatch(/no sheet named \\"Nope\\" \(sheets: Notes, مسرد\)/);
  });

  it("refuses what is not a workbook, and a bomb, by name; the next request succeeds", async () => {
    const text = await importXlsx("key,lang\n", "", "application/octet-stream");
    expect(text.status).toBe(415);
    const bomb = zipSync({
      "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
      "xl/sharedStrings.xml": [new Uint8Array(4 * 1024 * 1024), { level: 6 }],
    });
    const refused = await importXlsx(bomb);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/expands more than 200 times/);
    const after = await api("/api/glossary?limit=1");
    expect(after.status).toBe(200);
  });
});
