// Diwan's .docx text against an independent reader: mammoth.js (a devDependency, never bundled), on the
// public .docx files of test/fixtures/documents and on randomised documents built from the markup Word
// writes (runs split mid-word, headings, tables, tracked changes, hyperlinks, complex fields, content
// controls, bookmarks, list numbering, tabs and line breaks). Paragraphs are compared with whitespace runs
// made one space: mammoth's raw text joins a line break to its neighbours where Diwan keeps a "\n".
// mammoth's raw text leaves footnotes and endnotes out; Diwan keeps them after the body, so those are
// checked against mammoth's HTML, which lists them at the end.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { docxToText } from "../../src/formats/docx";
import { docx } from "../support/docx";
import { pick, randomInt, rng } from "../support/random";

const FIXTURES = path.resolve(__dirname, "../fixtures/documents");
/** Password-protected: an OLE container, not a ZIP (both readers refuse it). */
const NOT_READABLE = new Set(["poi-bug53475-password-is-pass.docx"]);

const paragraphsOf = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");

async function mammothParagraphs(bytes: Uint8Array): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return paragraphsOf(value);
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("DOCX text against mammoth.js", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".docx") && !NOT_READABLE.has(f));

  it("finds the public .docx fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  it.each(files)("%s: the same paragraphs, notes after them as mammoth's HTML has them", async (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
    const ours = paragraphsOf(docxToText(bytes).text);
    const theirs = await mammothParagraphs(bytes);
    expect(ours.slice(0, theirs.length)).toEqual(theirs);
    const notes = ours.slice(theirs.length);
    if (notes.length > 0) {
      const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      for (const note of notes) expect(html).toContain(escapeHtml(note));
    }
  });

  it("gives the same paragraphs on 60 randomised documents", async () => {
    const random = rng(0xd0c5);
    let compared = 0;
    for (let n = 0; n < 60; n++) {
      const bytes = docx(randomBody(random));
      const ours = paragraphsOf(docxToText(bytes).text);
      const theirs = await mammothParagraphs(bytes);
      expect(ours, `document ${n}`).toEqual(theirs);
      compared += theirs.length;
    }
    expect(compared).toBeGreaterThan(500);
  });
});

const WORDS = [
  "المجلس",
  "وناقش",
  "الأعضاء",
  "التهديدات",
  "الأمنية",
  "بالإرهاب",
  "١١",
  "سبتمبر،",
  "council",
  "members",
  "discussed",
  "threats",
  "11",
  "September,",
  "R&D",
  "<b>",
  "“quoted”",
  "𝔸",
];

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function words(random: () => number, min: number, max: number): string {
  const n = min + randomInt(random, max - min + 1);
  return Array.from({ length: n }, () => pick(random, WORDS)).join(" ");
}

/** Runs of one text, cut at random places (inside words too, as editing leaves them). */
function runs(random: () => number, text: string, rPr = ""): string {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const cut = Math.min(rest.length, 1 + randomInt(random, 12));
    out.push(`<w:r>${rPr}<w:t xml:space="preserve">${xmlText(rest.slice(0, cut))}</w:t></w:r>`);
    rest = rest.slice(cut);
  }
  return out.join("");
}

/** One piece of paragraph content: text, or text wrapped in the markup Word writes around it. */
function inline(random: () => number): string {
  const text = `${words(random, 1, 6)} `;
  switch (randomInt(random, 11)) {
    case 0:
      return `<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">${runs(random, text)}</w:ins>`;
    case 1:
      return `<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>${xmlText(text)}</w:delText></w:r></w:del>`;
    case 2:
      return `<w:hyperlink w:anchor="x">${runs(random, text)}</w:hyperlink>`;
    case 3:
      // A complex field: its instruction left out, its result kept.
      return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${runs(random, text)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    case 4:
      // A tab between two words, no space beside it: both readers give a tab.
      return `<w:r><w:t>${xmlText(text.trim())}</w:t><w:tab/></w:r>`;
    case 5:
      // A line break after a space: mammoth joins the lines, so the space keeps the words apart.
      return `<w:r><w:t xml:space="preserve">${xmlText(text)}</w:t><w:br/></w:r>`;
    case 6:
      return `<w:bookmarkStart w:id="3" w:name="b"/>${runs(random, text)}<w:bookmarkEnd w:id="3"/><w:proofErr w:type="spellStart"/>`;
    case 7:
      return `<w:smartTag w:uri="u" w:element="e">${runs(random, text)}</w:smartTag>`;
    case 8:
      // A tracked move: the text at its new place only.
      return `<w:moveFrom w:id="4" w:author="A" w:date="2026-01-01T00:00:00Z">${runs(random, text)}</w:moveFrom><w:moveTo w:id="5" w:author="A" w:date="2026-01-01T00:00:00Z">${runs(random, `${words(random, 1, 3)} `)}</w:moveTo>`;
    default:
      return runs(random, text, random() < 0.5 ? "<w:rPr><w:rtl/></w:rPr>" : "");
  }
}

function paragraph(random: () => number): string {
  const style = pick(random, [
    "",
    '<w:pStyle w:val="Heading1"/>',
    '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
  ]);
  const bidi = random() < 0.5 ? "<w:bidi/>" : "";
  const content = Array.from({ length: randomInt(random, 5) }, () => inline(random)).join("");
  return `<w:p><w:pPr>${style}${bidi}</w:pPr>${content}</w:p>`;
}

function block(random: () => number): string {
  switch (randomInt(random, 6)) {
    case 0: {
      const rows = 1 + randomInt(random, 3);
      const cells = 1 + randomInt(random, 3);
      const cell = () =>
        `<w:tc><w:tcPr/>${paragraph(random)}${random() < 0.3 ? paragraph(random) : ""}</w:tc>`;
      const row = () => `<w:tr>${Array.from({ length: cells }, cell).join("")}</w:tr>`;
      return `<w:tbl><w:tblPr/>${Array.from({ length: rows }, row).join("")}</w:tbl>`;
    }
    case 1:
      return `<w:sdt><w:sdtPr/><w:sdtContent>${paragraph(random)}</w:sdtContent></w:sdt>`;
    default:
      return paragraph(random);
  }
}

function randomBody(random: () => number): string {
  return `${Array.from({ length: 5 + randomInt(random, 20) }, () => block(random)).join("")}<w:sectPr/>`;
}
