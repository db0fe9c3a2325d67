// The web import takes an .xlsx workbook (preview, then apply; the workbook travels through the preview form
// as base64) and offers the XLSX template; the glossary page links to the XLSX export.
import { describe, expect, it } from "vitest";
import { writeXlsx } from "../../src/formats/xlsx";
import { ADMIN, api, jsonOf, unique } from "../support/api";
import { readXlsxSheetIndependently } from "../support/xlsx-independent-read";
import { Browser } from "./web-helpers";

describe("XLSX on the web pages", () => {
  it("previews an uploaded workbook, then applies it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const page = await b.page("/glossary/import");
    expect(page).toContain('href="/glossary/import/template"');
    expect(page).toContain(".xlsx");
    const en = unique("web xlsx ");
    const book = writeXlsx([
      {
        name: "Sheet1",
        rows: [
          ["English", "Arabic"],
          [en, "مستورد من جدول"],
        ],
      },
    ]);
    const fd = new FormData();
    fd.set("_csrf", Browser.csrf(page));
    fd.set("format", "auto");
    fd.set("mode", "merge");
    fd.set("file", new File([book], "terms.xlsx", { type: "application/octet-stream" }));
    const preview = await b.fetch("/glossary/import", { form: fd });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toMatch(/<strong>1<\/strong> to add/);
    const content = (/<textarea name="content"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? "").trim();
    expect(content.length).toBeGreaterThan(100);
    const version = /name="glossaryVersion" value="(\d+)"/.exec(html)?.[1] ?? "";
    const applied = await b.fetch("/glossary/import/apply", {
      form: { _csrf: Browser.csrf(html), format: "xlsx", mode: "merge", glossaryVersion: version, content },
    });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain("1 added");
    const found = await jsonOf<{ items: unknown[] }>(await api(`/api/glossary?q=${encodeURIComponent(en)}`));
    expect(found.items).toHaveLength(1);
  });

  it("downloads the template and links the XLSX export", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const res = await b.fetch("/glossary/import/template");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The import page's template: the column header, then its example entry (one row per term).
    const rows = readXlsxSheetIndependently(bytes).rows;
    expect(rows[0]?.fields.slice(0, 4)).toEqual(["key", "lang", "status", "term"]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(await b.page("/glossary")).toContain('href="/glossary/export?format=xlsx"');
    const exported = await b.fetch("/glossary/export?format=xlsx");
    expect(exported.headers.get("content-type")).toMatch(/spreadsheetml/);
  });
});
