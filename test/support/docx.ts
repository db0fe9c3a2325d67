// Diwan-built .docx packages for tests: for markup none of the public fixtures holds, and for documents made
// from a text pair (an Arabic statement and its translation). Real files from other projects are in
// test/fixtures/documents/.
import { zipSync } from "fflate";

const utf8 = (s: string) => new TextEncoder().encode(s);
export const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * A minimal .docx around a `w:body` (`extra` parts may write W_NS for the namespace declaration; `rels`
 * are relationships of word/document.xml).
 */
export function docx(body: string, extra: Record<string, string> = {}, rels = ""): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": utf8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    "_rels/.rels": utf8(
      `<Relationships xmlns="${RELS_NS}"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    "word/document.xml": utf8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`,
    ),
    "word/_rels/document.xml.rels": utf8(`<Relationships xmlns="${RELS_NS}">${rels}</Relationships>`),
  };
  for (const [name, xml] of Object.entries(extra)) files[name] = utf8(xml.replace("W_NS", W_NS));
  return zipSync(files);
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A .docx of paragraphs as Word writes them: the first a heading, right-to-left paragraph and run
 * properties when `rtl`, each paragraph's text split into runs mid-sentence (as editing leaves it).
 */
export function docxOfParagraphs(paragraphs: readonly string[], rtl = false): Uint8Array {
  const body = paragraphs
    .map((text, i) => {
      const pPr = `<w:pPr>${i === 0 ? '<w:pStyle w:val="Heading1"/>' : ""}${rtl ? "<w:bidi/>" : ""}</w:pPr>`;
      const rPr = rtl ? "<w:rPr><w:rtl/></w:rPr>" : "";
      const cut = Math.floor(text.length / 2);
      const runs = [text.slice(0, cut), text.slice(cut)]
        .map((part) => `<w:r>${rPr}<w:t xml:space="preserve">${xmlText(part)}</w:t></w:r>`)
        .join("");
      return `<w:p>${pPr}${runs}</w:p>`;
    })
    .join("");
  return docx(`${body}<w:sectPr/>`);
}

/** An Arabic statement's paragraphs (a heading and two paragraphs), and its English translation as a web page. */
export const STATEMENT_AR = [
  "اجتماع المجلس",
  "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.",
  "وأكد الأمين العام دعمه للحوار.",
] as const;
export const STATEMENT_EN_HTML =
  "<!doctype html><html><head><title>x</title><script>var no = 1;</script></head><body><h1>Council meeting</h1>" +
  '<p>The council met on 11 September. Members discussed security threats and counter-terrorism.</p><img src="a.png" alt="">' +
  "<p>The Secretary-General affirmed his support for dialogue.</p></body></html>";

/**
 * STATEMENT_AR as Word writes it: a heading, right-to-left paragraphs, a header and a comment (both left
 * out of the text and counted).
 */
export function arabicStatementDocx(): Uint8Array {
  const p = (text: string, style = "") =>
    `<w:p><w:pPr>${style}<w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const [heading, first, second] = STATEMENT_AR;
  const body = [
    p(heading, '<w:pStyle w:val="Heading1"/>'),
    `<w:p><w:pPr><w:bidi/></w:pPr><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">${first}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>`,
    p(second),
  ].join("");
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return docx(
    body,
    {
      "word/header1.xml": "<w:hdr W_NS><w:p><w:r><w:t>وزارة الخارجية</w:t></w:r></w:p></w:hdr>",
      "word/comments.xml":
        '<w:comments W_NS><w:comment w:id="0" w:author="م"><w:p><w:r><w:t>راجع التاريخ</w:t></w:r></w:p></w:comment></w:comments>',
    },
    rel("rH", "header", "header1.xml") + rel("rC", "comments", "comments.xml"),
  );
}
