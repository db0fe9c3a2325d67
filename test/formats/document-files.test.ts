// Text extraction from document files other people wrote (test/fixtures/documents/README.md: mammoth.js,
// docxjs, Apache POI, Mozilla Readability), plus Diwan-built packages for what none of them holds (tracked
// changes, bidi controls, a DOCTYPE, a bomb), and the format check of names against magic bytes.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { documentFileFormat, extractText } from "../../src/formats/document-file";
import { docxToText } from "../../src/formats/docx";
import { decodeHtml, htmlStringToText, htmlToText } from "../../src/formats/html";
import { DEFAULT_ZIP_LIMITS } from "../../src/formats/zip";
import bidi from "../fixtures/documents/docxjs-bidi.docx?bytes";
import comments from "../fixtures/documents/mammoth-comments.docx?bytes";
import empty from "../fixtures/documents/mammoth-empty.docx?bytes";
import endnotes from "../fixtures/documents/mammoth-endnotes.docx?bytes";
import footnotes from "../fixtures/documents/mammoth-footnotes.docx?bytes";
import list from "../fixtures/documents/mammoth-simple-list.docx?bytes";
import strict from "../fixtures/documents/mammoth-strict-format.docx?bytes";
import tables from "../fixtures/documents/mammoth-tables.docx?bytes";
import textBox from "../fixtures/documents/mammoth-text-box.docx?bytes";
import bom from "../fixtures/documents/mammoth-utf8-bom.docx?bytes";
import oldDoc from "../fixtures/documents/poi-52117.doc?bytes";
import calendar from "../fixtures/documents/poi-bib-chernigovka.docx?bytes";
import encrypted from "../fixtures/documents/poi-bug53475-password-is-pass.docx?bytes";
import hukumusume from "../fixtures/documents/readability-hukumusume.html?bytes";
import scriptTags from "../fixtures/documents/readability-remove-script-tags.html?bytes";
import brs from "../fixtures/documents/readability-replace-brs.html?bytes";
import styleTags from "../fixtures/documents/readability-style-tags-removal.html?bytes";
import { docx } from "../support/docx";
import { formatError } from "./thrown";

const paragraphs = (text: string) => text.split("\n\n");
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("DOCX: public test files", () => {
  it("table cells, list items and text boxes are paragraphs; text boxes are read once", () => {
    expect(paragraphs(docxToText(tables).text)).toEqual([
      "Above",
      "Top left",
      "Top right",
      "Bottom left",
      "Bottom right",
      "Below",
    ]);
    const l = docxToText(list);
    expect(paragraphs(l.text)).toEqual(["Apple", "Banana"]);
    expect(l.leftOut).toEqual([expect.objectContaining({ what: "list-numbers", count: 2 })]);
    expect(docxToText(textBox).text).toBe("Datum plane");
  });

  it("footnotes and endnotes are kept after the body (separators left out); comments are left out, counted", () => {
    for (const [file, what] of [
      [footnotes, "footnotes"],
      [endnotes, "endnotes"],
    ] as const) {
      const r = docxToText(file);
      expect(paragraphs(r.text)).toEqual(["Ouch.", "A tachyon walks into a bar.", "Fin."]);
      expect(r.kept).toEqual([expect.objectContaining({ what, count: 2 })]);
    }
    const c = docxToText(comments);
    expect(c.text).toBe("Ouch.");
    expect(c.text).not.toContain("tachyon");
    expect(c.leftOut).toEqual([expect.objectContaining({ what: "comments", count: 2 })]);
  });

  it("reads Strict OOXML, a part with a byte order mark, and an empty document as no text", () => {
    expect(docxToText(strict).text).toBe("Test");
    expect(docxToText(bom).text).toBe("This XML has a byte order mark.");
    expect(docxToText(empty)).toMatchObject({ text: "", paragraphs: 0 });
  });

  it("a right-to-left Arabic paragraph (w:bidi) is read in logical order, as written", () => {
    expect(docxToText(bidi).text).toBe("مرحبا bidi");
  });

  it("a real 533-paragraph document (layout tables, Cyrillic)", () => {
    const r = docxToText(calendar);
    expect(r.paragraphs).toBe(533);
    expect(paragraphs(r.text).slice(0, 3)).toEqual([
      "МБУ «МЦБ»",
      "Большечерниговская районная библиотека",
      "Календарь знаменательных и памятных дат на 2017 год.",
    ]);
    expect(r.text).toContain("Рождество Христово");
  });
});

describe("DOCX: markup the public files lack (Diwan-built packages)", () => {
  it("inserted text kept, deleted and moved-from text, field codes, symbols, headers left out and counted", () => {
    const r = docxToText(
      docx(
        '<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:ins w:id="1"><w:r><w:t>inserted</w:t></w:r></w:ins>' +
          '<w:del w:id="2"><w:r><w:delText>deleted</w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>moved</w:t></w:r></w:moveFrom>' +
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
          '<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r></w:p>',
        { "word/header1.xml": "<w:hdr W_NS><w:p><w:r><w:t>Letterhead</w:t></w:r></w:p></w:hdr>" },
        '<Relationship Id="h" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>',
      ),
    );
    expect(r.text).toBe("Kept inserted7");
    expect(Object.fromEntries(r.leftOut.map((n) => [n.what, n.count]))).toEqual({
      headers: 1,
      "deleted-text": 2,
      "field-codes": 1,
      symbols: 1,
    });
  });

  it("line breaks and tabs stay; tab stops in paragraph properties are not tabs; bidi controls kept", () => {
    const r = docxToText(
      docx(
        '<w:p><w:pPr><w:bidi/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
          "<w:r><w:rPr><w:rtl/></w:rPr><w:t>\u202Bأولاً</w:t></w:r><w:r><w:tab/><w:t>السطر الأول.</w:t><w:br/><w:t>السطر الثاني\u200F.\u202C</w:t></w:r></w:p>" +
          "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>خلية</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>خلية داخلية</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>" +
          '<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>' +
          '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>صندوق</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>صندوق</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      ),
    );
    expect(paragraphs(r.text)).toEqual([
      "\u202Bأولاً\tالسطر الأول.\nالسطر الثاني\u200F.\u202C",
      "خلية",
      "خلية داخلية",
      "صندوق",
    ]);
  });

  it("refuses a DOCTYPE in a part (no entity expansion) and a document.xml over the ZIP limits", () => {
    const withDoctype = docx("").slice();
    const hostile = docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>", {
      "word/document.xml":
        '<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document W_NS><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>',
    });
    expect(withDoctype.length).toBeGreaterThan(0);
    expect(formatError(() => docxToText(hostile)).code).toBe("xml-doctype");
    const big = docx(`<w:p><w:r><w:t>${"كلمة ".repeat(300_000)}</w:t></w:r></w:p>`);
    const err = formatError(() => docxToText(big, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 * 1024 }));
    expect(err.code).toBe("zip-limit");
  });

  it("a ZIP that is not a Word document is named for what it is", () => {
    const xlsx = zipSync({ "xl/workbook.xml": utf8("<workbook/>"), "[Content_Types].xml": utf8("<Types/>") });
    expect(formatError(() => docxToText(xlsx)).message).toMatch(/Excel workbook/);
  });
});

describe("document files: names checked against content", () => {
  it("refuses an old binary .doc, also renamed .docx, and a password-protected .docx, by name", () => {
    expect(formatError(() => documentFileFormat("report.doc", oldDoc)).code).toBe("doc-binary");
    const renamed = formatError(() => documentFileFormat("report.docx", oldDoc));
    expect([renamed.code, renamed.message]).toEqual([
      "doc-binary",
      "an old binary Word document (.doc) named .docx is not read: save it as .docx",
    ]);
    const locked = formatError(() => documentFileFormat("statement.docx", encrypted));
    expect(locked.code).toBe("docx-encrypted");
    expect(locked.message).toMatch(/password-protected/);
  });

  it("refuses content that is not what the name says, and formats not read", () => {
    expect(formatError(() => documentFileFormat("a.docx", brs)).message).toMatch(
      /named \.docx but is markup/,
    );
    expect(formatError(() => documentFileFormat("a.html", tables)).message).toMatch(
      /named \.html but is a ZIP/,
    );
    expect(formatError(() => documentFileFormat("a.txt", tables)).code).toBe("wrong-format");
    expect(formatError(() => documentFileFormat("a.pdf", utf8("%PDF-1.7\n"))).message).toMatch(
      /\.pdf files are not read/,
    );
    expect(formatError(() => documentFileFormat("a.docx", utf8("%PDF-1.7\n"))).message).toMatch(/PDF/);
    expect(formatError(() => documentFileFormat("a.odt", tables)).code).toBe("wrong-format");
  });

  it("accepts matching files; without an extension the content decides", () => {
    expect(documentFileFormat("Statement.DOCX", tables)).toBe("docx");
    expect(documentFileFormat("page.htm", brs)).toBe("html");
    expect(documentFileFormat("notes.txt", utf8("نص"))).toBe("txt");
    expect(documentFileFormat("upload", tables)).toBe("docx");
    expect(documentFileFormat("upload", brs)).toBe("html");
    expect(documentFileFormat("upload", utf8('<?xml version="1.0"?><xliff version="1.2"/>'))).toBe("xliff");
    expect(documentFileFormat("upload", utf8("plain"))).toBe("txt");
  });

  it(".txt keeps the text exactly; UTF-16 by its BOM; other bytes refused", () => {
    expect(extractText("txt", utf8("سطر\r\n\r\nفقرة"))).toMatchObject({
      text: "سطر\r\n\r\nفقرة",
      paragraphs: 2,
    });
    expect(extractText("txt", Uint8Array.of(0xff, 0xfe, 0x27, 0x06))).toMatchObject({ text: "ا" });
    expect(formatError(() => extractText("txt", Uint8Array.of(0xc7, 0xe1))).code).toBe("invalid-encoding");
  });
});

describe("HTML: public test pages", () => {
  it("<br> runs are line breaks, block elements paragraphs, source line breaks collapse", () => {
    const p = paragraphs(htmlToText(brs).text);
    expect(p[0]).toBe("Lorem");
    expect(
      p[1]!.startsWith("Lorem ipsum\ndolor sit\namet, consectetur adipisicing elit, sed do eiusmod\ntempor"),
    ).toBe(true);
    expect(p[2]).toBe("Foo");
    expect(p).toHaveLength(4);
  });

  it("drops <script> and <style> wherever they are, and the head's title", () => {
    for (const page of [styleTags, scriptTags]) {
      const text = htmlToText(page).text;
      expect(text).not.toMatch(/alert|super wrong|font-weight|color|test/i);
      expect(paragraphs(text)[0]).toBe("Lorem");
    }
    const p = paragraphs(htmlToText(scriptTags).text);
    expect(p).toHaveLength(7);
    // A script inside a paragraph leaves the paragraph whole.
    expect(p[6]).toMatch(/nulla pariatur\. Excepteur sint/);
  });

  it("a real Japanese page: http-equiv charset, layout tables, ideographic spaces kept, images counted", () => {
    const r = htmlToText(hukumusume);
    expect(r.text).toContain("肉をくわえたイヌが、橋を渡っていました。");
    expect(r.text).toContain("福娘童話集 > きょうのイソップ童話");
    expect(r.leftOut).toEqual([expect.objectContaining({ what: "images", count: 17 })]);
  });
});

describe("HTML: entities, encodings, Arabic", () => {
  it("decodes named, numeric and legacy entities as HTML does", () => {
    expect(
      htmlStringToText("<p>&amp; &lt;b&gt; &eacute; &#x627;&#1604; a&nbsp;b &copy &notit; &amp</p>").text,
    ).toBe("& <b> é ال a\u00A0b © ¬it; &");
  });

  it("keeps dir, bdi and bidi controls as text in logical order; list items, cells and pre as written", () => {
    const html =
      '<html dir="rtl" lang="ar"><body><h1>بيان</h1><ul><li>أولاً: <bdi>UN</bdi> \u200Fنص</li><li>ثانياً</li></ul>' +
      "<table><tr><td>خلية ١</td><td>خلية ٢</td></tr></table><pre>سطر  ١\n  سطر ٢</pre><p hidden>مخفي</p><template><p>قالب</p></template></body></html>";
    expect(paragraphs(htmlStringToText(html).text)).toEqual([
      "بيان",
      "أولاً: UN \u200Fنص",
      "ثانياً",
      "خلية ١",
      "خلية ٢",
      "سطر  ١\nسطر ٢",
    ]);
  });

  it("honours the BOM and <meta charset>: reads Windows-1256 and ISO-8859-6 strictly, refuses others by name", () => {
    const win1256 = Uint8Array.from([
      ...utf8('<meta charset="windows-1256"><p>'),
      0xc7,
      0xe1,
      0xd3,
      0xe1,
      0xc7,
      0xe3, // السلام
      ...utf8("</p>"),
    ]);
    expect(htmlToText(win1256).text).toBe("السلام");
    // ISO-8859-6 (the same letters at other code points: ا 0xC7, ل 0xE4, س 0xD3, م 0xE5).
    const iso = Uint8Array.from([
      ...utf8('<meta charset="ISO-8859-6"><p>'),
      0xc7,
      0xe4,
      0xd3,
      0xe4,
      0xc7,
      0xe5,
    ]);
    expect(htmlToText(iso).text).toBe("السلام");
    // 0xA1 is no character in ISO-8859-6: refused with its offset, not replaced.
    const undefinedByte = Uint8Array.from([...utf8('<meta charset="iso-8859-6"><p>'), 0xc7, 0xa1]);
    const bad = formatError(() => decodeHtml(undefinedByte));
    expect(bad.code).toBe("invalid-encoding");
    expect(bad.message).toMatch(/byte 0xA1 at offset 31/);
    // A multi-byte legacy encoding is still refused by name (unless the bytes are ASCII).
    const sjis = Uint8Array.from([...utf8('<meta charset="shift_jis"><p>'), 0x82, 0xa0]);
    const refused = formatError(() => decodeHtml(sjis));
    expect(refused.code).toBe("unsupported-encoding");
    expect(refused.message).toMatch(/shift_jis/);
    const asciiOnly = utf8(
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><p>&#1575;&#1604;</p>',
    );
    expect(htmlToText(asciiOnly).text).toBe("ال");
    const utf16 = Uint8Array.from([
      0xff,
      0xfe,
      ...[..."<p>سلام</p>"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
    ]);
    expect(htmlToText(utf16).text).toBe("سلام");
    expect(htmlToText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("<p>سلام</p>")])).text).toBe("سلام");
    expect(formatError(() => decodeHtml(Uint8Array.of(0x3c, 0x70, 0x3e, 0xc7, 0xe1))).code).toBe(
      "invalid-encoding",
    );
  });
});
