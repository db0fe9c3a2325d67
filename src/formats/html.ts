/**
 * Text of an HTML page, tokenised by htmlparser2 (HTML's entity rules, raw-text elements, implied end
 * tags). Block elements (paragraphs, headings, list items, table cells, divisions…) bound paragraphs; `<br>`
 * is a line break; whitespace collapses as a browser renders it, except inside `<pre>`. Text of script,
 * style, template, the head (title), noscript, SVG/MathML, form controls and elements marked `hidden` is
 * not page text. `dir`, `<bdo>` and `<bdi>` are layout: text is in logical order and is taken as it is, bidi
 * control characters included. Images are reported as left out (their alt text is not taken).
 *
 * Bytes → text: a byte order mark (UTF-8, UTF-16LE/BE) decides, else `<meta charset>` / `http-equiv`
 * (or an XML declaration) in the first 1024 bytes, else UTF-8. A page declared in a single-byte encoding
 * (windows-1256 and ISO-8859-6 Arabic pages, windows-1252…) is read in it, strictly (single-byte.ts); one
 * declared in another encoding is read only when all its bytes are ASCII (which every such encoding
 * shares), otherwise refused by name. Invalid bytes are refused, never replaced.
 */
import { Parser } from "htmlparser2";
import { FormatError } from "./errors";
import { type ExtractedText, TextCollector } from "./extracted";
import { decodeSingleByte, singleByteEncoding } from "./single-byte";

const BLOCKS = new Set(
  (
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption " +
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section " +
    "summary table tbody td tfoot th thead tr ul"
  ).split(" "),
);
const SKIPPED = new Set(
  (
    "head title script style template noscript svg math iframe object embed canvas audio video select " +
    "textarea button datalist"
  ).split(" "),
);
const VOID = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));

export function htmlToText(bytes: Uint8Array): ExtractedText {
  return htmlStringToText(decodeHtml(bytes));
}

export function htmlStringToText(html: string): ExtractedText {
  const out = new TextCollector();
  let paragraph = "";
  /** Depth inside a skipped element (0: not skipping). */
  let skip = 0;
  let pre = 0;
  let images = 0;
  const flush = () => {
    out.paragraph(paragraph);
    paragraph = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (VOID.has(name)) {
          if (skip > 0) return;
          if (name === "br") paragraph += "\n";
          else if (name === "hr") flush();
          else if (name === "img") images++;
          return;
        }
        // A head left open (no </head>) must not swallow the page.
        if (name === "body") skip = 0;
        if (skip > 0) {
          skip++;
          return;
        }
        if (SKIPPED.has(name) || "hidden" in attributes) {
          skip = 1;
          return;
        }
        if (name === "pre") pre++;
        if (BLOCKS.has(name)) flush();
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        if (skip > 0) {
          skip--;
          return;
        }
        if (name === "pre" && pre > 0) pre--;
        if (BLOCKS.has(name)) flush();
      },
      ontext(text) {
        if (skip > 0) return;
        // HTML whitespace (not U+00A0) collapses to one space outside <pre>; inside it, lines stay lines.
        if (pre > 0) {
          paragraph += text.replace(/\r\n?/g, "\n");
          return;
        }
        const collapsed = text.replace(/[ \t\n\r\f]+/g, " ");
        // Text split by a dropped element (a script in a paragraph) collapses across the split too.
        paragraph += /[ \n]$/.test(paragraph) && collapsed.startsWith(" ") ? collapsed.slice(1) : collapsed;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // Spaces left at line starts and ends (from collapsed source line breaks) are trimmed by the collector.
  out.leave("images", images, "images are left out (their alt text is not taken)");
  return out.result();
}

/** Encoding labels read as UTF-8 (WHATWG: a meta may not declare UTF-16, which then means UTF-8). */
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be"]);

/** Bytes → text as described at the top; throws FormatError naming the encoding it refuses. */
export function decodeHtml(bytes: Uint8Array): string {
  let encoding = "utf-8";
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else {
    const declared = declaredCharset(bytes);
    if (declared !== null && !UTF8_LABELS.has(declared)) {
      // Old Arabic sites and Word's "Web Page" save in windows-1256 or ISO-8859-6: read strictly.
      const legacy = singleByteEncoding(declared);
      if (legacy !== null) return decodeSingleByte(bytes, legacy, declared);
      if (bytes.every((b) => b < 0x80)) return new TextDecoder("utf-8").decode(bytes);
      throw new FormatError(
        "unsupported-encoding",
        `the page declares the encoding ${declared}; pages are read in UTF-8, UTF-16 and single-byte ` +
          "encodings (windows-125x, ISO-8859-x): save it as UTF-8",
      );
    }
  }
  try {
    if (encoding === "utf-16be") return decodeUtf16be(bytes.subarray(2));
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(encoding === "utf-8" ? start : 2),
    );
  } catch {
    throw new FormatError(
      "invalid-encoding",
      encoding === "utf-8"
        ? "the page is not valid UTF-8 and declares no other encoding (save it as UTF-8); nothing was replaced"
        : `the page starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}`,
    );
  }
}

function decodeUtf16be(bytes: Uint8Array): string {
  if (bytes.length % 2 === 1) throw new Error("odd byte count");
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true }).decode(swapped);
}

/**
 * The charset a `<meta>` (charset, or http-equiv content-type) or an XML declaration names in the first
 * 1024 bytes, lower-cased; null when none (a simplified form of HTML's prescan: comments are not skipped).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([-\w.:]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([-\w.:]+)["']/i.exec(head);
  return xml ? xml[1]!.toLowerCase() : null;
}
