/**
 * Bytes → text for XML uploads (XLIFF, TMX, TBX), as XML 1.0 appendix F says: the byte order mark decides,
 * else the first bytes (`<?xml` in UTF-16 without a BOM), else the encoding declaration. UTF-8 and UTF-16
 * (LE/BE) are read, and the single-byte legacy encodings older tools declare (windows-1250…1258, windows-874,
 * ISO-8859-x, KOI8) strictly: a byte the code page leaves undefined, or a C1 control (U+0080–U+009F, which
 * is what such a byte becomes in the WHATWG tables, and what 0x80–0x9F are in ISO-8859-x), is refused with
 * its offset. Any other declared encoding (Shift_JIS, GB18030, UTF-32, EBCDIC…) is refused with its name.
 * Bytes that are not valid in the encoding are refused, never replaced. Incremental: a 100 MB TMX is decoded
 * piece by piece as it arrives.
 */
import { FormatError } from "./errors";
import { decodeSingleByte, singleByteEncoding } from "./single-byte";

/** UTF-8, UTF-16, or a single-byte legacy encoding by its WHATWG name (windows-1256, iso-8859-6…). */
export type XmlEncoding = "utf-8" | "utf-16le" | "utf-16be" | `single-byte:${string}`;

export interface XmlDecoder {
  /** Decodes the next piece of bytes (split anywhere); throws FormatError on invalid bytes. */
  write(bytes: Uint8Array): string;
  /** Ends the input: an unfinished character is an error here. */
  end(): string;
  /** The encoding once known (after the first bytes), else null. */
  readonly encoding: XmlEncoding | null;
}

/** Bytes held back to read the XML declaration: it is short, and must come first. */
const SNIFF_BYTES = 512;

/** Names the XML declaration may use for what is read as UTF-8 (ASCII is a subset) or as UTF-16. */
const UTF8_NAMES = new Set(["utf-8", "utf8", "us-ascii", "ascii"]);
const UTF16_NAMES = new Set(["utf-16", "utf-16le", "utf-16be", "ucs-2", "unicode"]);

const startsWith = (b: Uint8Array, ...prefix: number[]) =>
  b.length >= prefix.length && prefix.every((x, i) => b[i] === x);

/**
 * The encoding the first bytes show, or null when more bytes are needed: "bom-…" when a byte order mark
 * says so, else what the declaration's first characters imply.
 */
function sniff(b: Uint8Array, final: boolean): { encoding: XmlEncoding; bom: boolean } | null {
  if (startsWith(b, 0xef, 0xbb, 0xbf)) return { encoding: "utf-8", bom: true };
  if (startsWith(b, 0x00, 0x00, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe, 0x00, 0x00))
    refuse("UTF-32", "a UTF-32 byte order mark");
  if (startsWith(b, 0xff, 0xfe)) {
    if (b.length < 4 && !final) return null;
    return { encoding: "utf-16le", bom: true };
  }
  if (startsWith(b, 0xfe, 0xff)) return { encoding: "utf-16be", bom: true };
  if (b.length < 4 && !final) return null;
  if (startsWith(b, 0x00, 0x00, 0x00, 0x3c) || startsWith(b, 0x3c, 0x00, 0x00, 0x00))
    refuse("UTF-32", "UTF-32 bytes");
  if (startsWith(b, 0x3c, 0x00, 0x3f, 0x00)) return { encoding: "utf-16le", bom: false };
  if (startsWith(b, 0x00, 0x3c, 0x00, 0x3f)) return { encoding: "utf-16be", bom: false };
  if (startsWith(b, 0x4c, 0x6f, 0xa7, 0x94)) refuse("EBCDIC", "EBCDIC bytes");
  return { encoding: "utf-8", bom: false };
}

function refuse(name: string, what: string): never {
  throw new FormatError(
    "unsupported-encoding",
    `the file is in ${name} (${what}); Diwan reads XML in UTF-8 or UTF-16: save the file in one of them`,
  );
}

/**
 * The encoding named by the XML declaration at the start of `head` (already decoded), null when there is
 * none, undefined when `head` ends inside the declaration.
 */
function declaredEncoding(head: string): string | null | undefined {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (!text.startsWith("<?xml")) return "<?xml".startsWith(text) && text.length < 5 ? undefined : null;
  const end = text.indexOf("?>");
  if (end === -1) return undefined;
  const m = /\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text.slice(0, end));
  return m ? (m[1] ?? m[2] ?? "") : null;
}

/**
 * Offset of the first byte in `b` that does not start (or continue) a valid UTF-8 sequence, or -1. An
 * unfinished sequence at the end is invalid only when `final`.
 */
export function invalidUtf8Offset(b: Uint8Array, final = true): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined) return final ? i : -1;
      if ((x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    // Overlong forms, surrogates and code points above U+10FFFF.
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** An incremental decoder for one XML document's bytes. */
export function createXmlDecoder(): XmlDecoder {
  let encoding: XmlEncoding | null = null;
  let decoder: TextDecoder | null = null;
  let held: Uint8Array = new Uint8Array(0);
  /** Bytes already decoded, for the offset in error messages. */
  let consumed = 0;
  /** UTF-16BE: a byte left over from the previous piece (bytes are swapped in pairs). */
  let odd: number | null = null;
  /** The encoding as the declaration named it (for messages). */
  let declaredName = "";
  /** The WHATWG name of a single-byte encoding the declaration named. */
  let legacyName = "";

  const invalid = (bytes: Uint8Array, final: boolean): never => {
    let at = -1;
    if (encoding === "utf-8") at = invalidUtf8Offset(bytes, final);
    const where =
      at === -1
        ? ""
        : ` (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")} at offset ${consumed + at})`;
    const what = encoding === "utf-8" ? "UTF-8" : "UTF-16 (an unpaired surrogate or an odd number of bytes)";
    throw new FormatError("invalid-encoding", `the file is not valid ${what}${where}; nothing was replaced`);
  };

  /** Single-byte: one character per byte, so an offset in the text is the byte's offset. */
  const decodeLegacy = (bytes: Uint8Array): string => {
    const text = decodeSingleByte(bytes, legacyName, declaredName, consumed);
    consumed += bytes.length;
    return text;
  };

  const decode = (bytes: Uint8Array, final: boolean): string => {
    if (encoding?.startsWith("single-byte:")) return decodeLegacy(bytes);
    let input = bytes;
    if (encoding === "utf-16be") {
      // TextDecoder's UTF-16BE support varies between runtimes: swap into little-endian pairs instead.
      const all = odd === null ? bytes : concat(Uint8Array.of(odd), bytes);
      const even = all.length & ~1;
      odd = even < all.length ? all[even]! : null;
      input = new Uint8Array(even);
      for (let i = 0; i < even; i += 2) {
        input[i] = all[i + 1]!;
        input[i + 1] = all[i]!;
      }
      if (final && odd !== null) invalid(bytes, final);
    }
    try {
      const text = decoder!.decode(input, { stream: !final });
      consumed += bytes.length;
      return text;
    } catch {
      return invalid(bytes, final);
    }
  };

  const start = (final: boolean): string | null => {
    const found = sniff(held, final);
    if (found === null) return null;
    let declared: string | null | undefined = null;
    if (found.encoding === "utf-8") {
      // ASCII-compatible: the declaration can be read byte for byte.
      let head = "";
      for (let i = found.bom ? 3 : 0; i < held.length && held[i]! < 0x80; i++)
        head += String.fromCharCode(held[i]!);
      declared = declaredEncoding(head);
      if (declared === undefined && !final && held.length < SNIFF_BYTES) return null;
    } else {
      const le = found.encoding === "utf-16le";
      let head = "";
      for (let i = found.bom ? 2 : 0; i + 1 < held.length; i += 2) {
        const cu = le ? held[i]! | (held[i + 1]! << 8) : (held[i]! << 8) | held[i + 1]!;
        if (cu >= 0x80) break;
        head += String.fromCharCode(cu);
      }
      declared = declaredEncoding(head);
      if (declared === undefined && !final && held.length < SNIFF_BYTES * 2) return null;
    }
    let legacy: string | null = null;
    if (declared) {
      const name = declared.toLowerCase();
      // A declaration naming UTF-16 in a file read as ASCII-compatible bytes cannot be true (it was just
      // read one byte a character): .NET writes it when a string is saved as UTF-8; UTF-8 decides (as libxml2).
      // A single-byte legacy encoding is read only without a byte order mark (a BOM says UTF-8/16).
      legacy = UTF8_NAMES.has(name) || UTF16_NAMES.has(name) || found.bom ? null : singleByteEncoding(name);
      if (!UTF8_NAMES.has(name) && !UTF16_NAMES.has(name) && legacy === null)
        throw new FormatError(
          "unsupported-encoding",
          `the XML declaration says encoding="${declared}"; Diwan reads XML in UTF-8, UTF-16 and single-byte ` +
            "encodings (windows-125x, ISO-8859-x): save the file in one of them",
        );
    }
    if (legacy !== null && found.encoding === "utf-8" && declared) {
      encoding = `single-byte:${legacy}`;
      declaredName = declared;
      legacyName = legacy;
      const bytes = held;
      held = new Uint8Array(0);
      return decode(bytes, final);
    }
    encoding = found.encoding;
    // ignoreBOM: false strips the byte order mark, which is not part of the document.
    decoder = new TextDecoder(encoding === "utf-8" ? "utf-8" : "utf-16le", { fatal: true, ignoreBOM: false });
    const bytes = held;
    held = new Uint8Array(0);
    return decode(bytes, final);
  };

  return {
    write(bytes) {
      if (encoding !== null) return decode(bytes, false);
      held = concat(held, bytes);
      return start(false) ?? "";
    },
    end() {
      if (encoding === null) return start(true) ?? "";
      return decode(new Uint8Array(0), true);
    },
    get encoding() {
      return encoding;
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Decodes a whole XML document given as bytes (see createXmlDecoder). */
export function decodeXml(bytes: Uint8Array): string {
  const decoder = createXmlDecoder();
  return decoder.write(bytes) + decoder.end();
}

/**
 * An XML document's text (as decodeXml gave it) as UTF-8 bytes that read back as the same text: the XML
 * declaration's encoding, if any, is set to UTF-8 (a file declared windows-1256, decoded, then re-encoded
 * as UTF-8 under its old declaration would be read as windows-1256 again: mojibake or a refusal).
 */
export function xmlTextToUtf8(text: string): Uint8Array {
  const declaration = /^(\uFEFF?<\?xml[^?]*?\bencoding\s*=\s*)(?:"[^"]*"|'[^']*')/.exec(text);
  const fixed = declaration ? `${declaration[1]}"UTF-8"${text.slice(declaration[0].length)}` : text;
  return new TextEncoder().encode(fixed);
}
