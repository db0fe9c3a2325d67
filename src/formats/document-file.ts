/**
 * Document files as uploaded (one per language side): the format from the name's extension, checked
 * against the content's magic bytes, and the text of .txt, .html and .docx files (.xliff is read by the
 * XLIFF import). A mismatch, an old binary .doc, a password-protected .docx or another format is refused
 * with a FormatError naming what the file really is.
 */
import { docxToText } from "./docx";
import { FormatError } from "./errors";
import type { ExtractedText } from "./extracted";
import { htmlToText } from "./html";
import { decodeTextFile } from "./text-decode";

export const DOCUMENT_FILE_FORMATS = ["txt", "html", "docx", "xliff"] as const;
export type DocumentFileFormat = (typeof DOCUMENT_FILE_FORMATS)[number];

/** Extensions accepted, by format. */
const EXTENSIONS: Record<string, DocumentFileFormat> = {
  txt: "txt",
  text: "txt",
  html: "html",
  htm: "html",
  xhtml: "html",
  docx: "docx",
  docm: "docx",
  dotx: "docx",
  dotm: "docx",
  xliff: "xliff",
  xlf: "xliff",
  sdlxliff: "xliff",
  mqxliff: "xliff",
};

export const ACCEPTED_EXTENSIONS = Object.keys(EXTENSIONS).map((e) => `.${e}`);

const startsWith = (b: Uint8Array, ...prefix: number[]) =>
  b.length >= prefix.length && prefix.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n = 2048) => new TextDecoder("latin1").decode(b.subarray(0, n));

/** What the magic bytes say a file is. */
export type Sniffed = "zip" | "cfb" | "pdf" | "rtf" | "binary" | "markup" | "text";

export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "cfb";
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf";
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return "rtf";
  const utf16 = startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return "binary";
  const head = utf16
    ? new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(0, 4096))
    : ascii(bytes);
  return /^\uFEFF?\s*</.test(head.replace(/^\u00EF\u00BB\u00BF/, "")) ? "markup" : "text";
}

const DESCRIBED: Record<Sniffed, string> = {
  zip: "a ZIP archive (.docx, .xlsx…)",
  cfb: "an OLE compound file (old .doc/.xls, or a password-protected .docx)",
  pdf: "a PDF (not read: save the document as .docx, .html or .txt)",
  rtf: "an RTF document (not read: save it as .docx)",
  binary: "a binary file",
  markup: "markup (HTML or XML)",
  text: "plain text",
};

/** UTF-16LE bytes of an ASCII name, as CFB directory entries store stream names. */
const utf16Name = (name: string) => Uint8Array.from([...name].flatMap((c) => [c.charCodeAt(0), 0]));

function includesBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (
    let i = hay.indexOf(needle[0]!);
    i !== -1 && i + needle.length <= hay.length;
    i = hay.indexOf(needle[0]!, i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** Why an OLE compound file is refused: encrypted OOXML, an old Word document, or something else. */
function cfbRefusal(bytes: Uint8Array, named: string): FormatError {
  if (includesBytes(bytes, utf16Name("EncryptedPackage")))
    return new FormatError(
      "docx-encrypted",
      "the document is password-protected (encrypted): open it in Word and save it without a password",
    );
  if (includesBytes(bytes, utf16Name("WordDocument")))
    return new FormatError(
      "doc-binary",
      `an old binary Word document (.doc)${named === "doc" ? "" : ` named .${named}`} is not read: save it as .docx`,
    );
  return new FormatError("wrong-format", `not a Word document: ${DESCRIBED.cfb}`);
}

/** The extension of a file name, lower-cased, without the dot ("" when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 || dot < name.lastIndexOf("/") ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * The file's format from its name, checked against its content; without a known extension, from the
 * content alone. Throws FormatError (`wrong-format`, `doc-binary`, `docx-encrypted`) otherwise.
 */
export function documentFileFormat(name: string, bytes: Uint8Array): DocumentFileFormat {
  const ext = extensionOf(name);
  const kind = sniff(bytes);
  const mismatch = (expected: string) =>
    new FormatError("wrong-format", `the file is named .${ext} but is ${DESCRIBED[kind]}, not ${expected}`);
  if (ext === "doc" || ext === "dot") {
    if (kind === "cfb") throw cfbRefusal(bytes, ext);
    if (kind === "zip") throw new FormatError("wrong-format", `a .docx named .${ext}: rename it to .docx`);
    throw mismatch("a Word document");
  }
  const format = EXTENSIONS[ext];
  if (format === undefined && ext !== "") {
    throw new FormatError(
      "wrong-format",
      `.${ext} files are not read; accepted: .txt, .html, .docx, .xliff (the file is ${DESCRIBED[kind]})`,
    );
  }
  switch (format) {
    case "docx":
      if (kind === "zip") return "docx";
      if (kind === "cfb") throw cfbRefusal(bytes, ext);
      throw mismatch("a .docx (ZIP) package");
    case "html":
    case "txt":
    case "xliff":
      if (kind === "cfb" && ext !== "") throw mismatch(`a .${ext} text file`);
      if (kind !== "markup" && kind !== "text") throw mismatch(`a .${ext} text file`);
      if (format === "xliff" && kind !== "markup") throw mismatch("XLIFF (XML)");
      return format;
    default:
      // No extension: the content decides.
      if (kind === "zip") return "docx";
      if (kind === "cfb") throw cfbRefusal(bytes, "doc");
      if (kind === "markup") return /<xliff\b/i.test(ascii(bytes, 4096)) ? "xliff" : "html";
      if (kind === "text") return "txt";
      throw new FormatError(
        "wrong-format",
        `the file is ${DESCRIBED[kind]}; accepted: .txt, .html, .docx, .xliff`,
      );
  }
}

/** Text of a .txt, .html or .docx file (see txt: line breaks and text exactly as in the file). */
export function extractText(format: Exclude<DocumentFileFormat, "xliff">, bytes: Uint8Array): ExtractedText {
  if (format === "docx") return docxToText(bytes);
  if (format === "html") return htmlToText(bytes);
  const text = decodeTextFile(bytes);
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== "").length;
  return { text, paragraphs, kept: [], leftOut: [] };
}
