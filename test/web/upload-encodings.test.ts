// Uploads in the encodings translators' tools and Arabic Windows really write, through the API and the web
// forms alike: a glossary CSV saved by Excel as plain "CSV" on Arabic Windows (windows-1256), a UTF-16 CSV
// (Excel's "Unicode Text"), a translated XLIFF declared windows-1256. Before, the web forms read UTF-8 only
// (the API read UTF-16 and declared encodings), and a charset in the API's Content-Type had to be UTF-8/16.
import { describe, expect, it } from "vitest";
import { ADMIN, api, createDoc, jsonOf, segmentsOf, unique } from "../support/api";
import { Browser } from "./web-helpers";

/** Text → windows-1256 bytes, from the platform decoder's table (every character here is in the code page). */
function windows1256(text: string): Uint8Array {
  const decoder = new TextDecoder("windows-1256");
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? Number.NaN));
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

const csv = (en: string, ar: string) => `English,Arabic\r\n${en},${ar}\r\n`;

async function importCsv(bytes: Uint8Array, contentType: string, format = "csv") {
  return api(`/api/glossary/import?format=${format}&dryRun=true`, {
    method: "POST",
    body: bytes,
    headers: { "content-type": contentType },
  });
}

describe("API: a charset in the upload's Content-Type", () => {
  it("reads a CSV declared windows-1256; the same bytes undeclared are refused, not replaced", async () => {
    const en = unique("encoded term ");
    const bytes = windows1256(csv(en, "مجلس التعاون المشترك"));
    const res = await importCsv(bytes, "text/csv; charset=windows-1256");
    expect(res.status, await res.clone().text()).toBe(200);
    const plan = await jsonOf<{ added: { terms: { text: string }[] }[] }>(res);
    expect(plan.added.map((e) => e.terms.map((t) => t.text).sort())).toEqual([
      [en, "مجلس التعاون المشترك"].sort(),
    ]);
    const undeclared = await importCsv(bytes, "text/csv");
    expect(undeclared.status).toBe(400);
    const problem = await jsonOf<{ errors: { field: string; message: string }[] }>(undeclared);
    expect(problem.errors).toEqual([
      { field: "file", message: expect.stringMatching(/not UTF-8.*windows-1256/) },
    ]);
  });

  it("refuses a multi-byte charset for tables, and any single-byte charset header for XML formats", async () => {
    const sjis = await importCsv(new TextEncoder().encode(csv("a", "ب")), "text/csv; charset=shift_jis");
    expect(sjis.status).toBe(415);
    expect((await jsonOf<{ detail: string }>(sjis)).detail).toContain("shift_jis");
    const tbx = await importCsv(
      new TextEncoder().encode("<tbx/>"),
      "application/xml; charset=windows-1256",
      "tbx",
    );
    expect(tbx.status).toBe(415);
    expect((await jsonOf<{ detail: string }>(tbx)).detail).toMatch(/declaration/);
  });
});

describe("web import forms read what the API reads", () => {
  async function previewGlossary(b: Browser, file: File, encoding: string) {
    const fd = new FormData();
    fd.set("_csrf", Browser.csrf(await b.page("/glossary/import")));
    fd.set("format", "auto");
    fd.set("mode", "merge");
    fd.set("encoding", encoding);
    fd.set("file", file);
    return b.fetch("/glossary/import", { form: fd });
  }

  it("a windows-1256 CSV with the encoding chosen: previewed and applied with its Arabic exact", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    expect(await b.page("/glossary/import")).toContain('<option value="windows-1256">');
    const en = unique("web cp1256 ");
    const file = new File([windows1256(csv(en, "الاتفاق الإطاري"))], "excel.csv", { type: "text/csv" });
    const refused = await previewGlossary(b, file, "auto");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/not UTF-8/);
    const preview = await previewGlossary(b, file, "windows-1256");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toMatch(/<strong>1<\/strong> to add/);
    expect(html).toContain("الاتفاق الإطاري");
    const content = /<textarea name="content"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? "";
    const applied = await b.fetch("/glossary/import/apply", {
      form: {
        _csrf: Browser.csrf(html),
        format: "csv",
        mode: "merge",
        glossaryVersion: /name="glossaryVersion" value="(\d+)"/.exec(html)?.[1] ?? "",
        content: content.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))),
      },
    });
    expect(applied.status).toBe(200);
    const found = await jsonOf<{ items: { terms: { text: string }[] }[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(en)}`),
    );
    expect(found.items[0]?.terms.map((t) => t.text)).toContain("الاتفاق الإطاري");
  });

  it("a UTF-16 CSV with a byte order mark, as Excel's “Unicode Text” writes it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const en = unique("web utf16 ");
    const file = new File([utf16le(csv(en, "التعددية"))], "unicode.csv", { type: "text/csv" });
    const preview = await previewGlossary(b, file, "auto");
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("التعددية");
  });

  it("a translated XLIFF declared windows-1256: previewed and applied with its English and Arabic intact", async () => {
    const doc = await createDoc([{ ar: "يعقد مجلس الأمن جلسة." }]);
    const exported = await api(`/api/documents/${doc.id}/xliff?version=1.2`);
    expect(exported.status).toBe(200);
    const xliff = (await exported.text())
      .replace(/encoding="UTF-8"/i, 'encoding="windows-1256"')
      .replace(
        /<target[^>]*\/>|<target([^>]*)>[^<]*<\/target>/,
        '<target state="translated">The Security Council meets.</target>',
      )
      .replace(
        /(<source[^>]*>[^<]*<\/source>)(?![\s\S]*<target)/,
        '$1<target state="translated">The Security Council meets.</target>',
      );
    expect(xliff).toContain("The Security Council meets.");
    const b = new Browser();
    await b.signIn(ADMIN);
    const fd = new FormData();
    fd.set("_csrf", Browser.csrf(await b.page(`/documents/${doc.id}/import`)));
    fd.set("file", new File([windows1256(xliff)], "translated.xlf", { type: "application/xml" }));
    const report = await b.fetch(`/documents/${doc.id}/import`, { form: fd });
    const html = await report.text();
    expect(report.status, html.slice(0, 2000)).toBe(200);
    const content = /<textarea name="content"[^>]*>([^<]*)<\/textarea>|name="content" value="([^"]*)"/.exec(
      html,
    );
    expect(content).not.toBeNull();
    const applied = await b.fetch(`/documents/${doc.id}/import/apply`, {
      form: {
        _csrf: Browser.csrf(html),
        content: (content?.[1] ?? content?.[2] ?? "")
          .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, "&"),
      },
    });
    expect(applied.status, (await applied.clone().text()).slice(0, 2000)).toBe(200);
    const [segment] = await segmentsOf(doc.id);
    expect(segment?.ar).toBe("يعقد مجلس الأمن جلسة.");
    expect(segment?.en).toBe("The Security Council meets.");
  });
});
