/**
 * The single-byte legacy encodings older tools and Arabic Windows still write (windows-1256 for Excel's
 * "CSV" and for old web pages, ISO-8859-6, windows-1252…), read strictly: a byte the code page leaves
 * undefined, or a C1 control (U+0080–U+009F, which is what such a byte becomes in the WHATWG tables, and
 * what 0x80–0x9F are in ISO-8859-x), is refused with its offset — never replaced. Used by the XML, HTML and
 * delimited-text readers, so that each reads the same encodings the same way.
 */
import { FormatError } from "./errors";

/** Single-byte encodings by their WHATWG names: every byte is one character, ASCII below 0x80. */
const SINGLE_BYTE = new Set([
  "ibm866",
  "iso-8859-2",
  "iso-8859-3",
  "iso-8859-4",
  "iso-8859-5",
  "iso-8859-6",
  "iso-8859-7",
  "iso-8859-8",
  "iso-8859-8-i",
  "iso-8859-10",
  "iso-8859-13",
  "iso-8859-14",
  "iso-8859-15",
  "iso-8859-16",
  "koi8-r",
  "koi8-u",
  "windows-874",
  "windows-1250",
  "windows-1251",
  "windows-1252",
  "windows-1253",
  "windows-1254",
  "windows-1255",
  "windows-1256",
  "windows-1257",
  "windows-1258",
]);

/**
 * The WHATWG name of a single-byte encoding label this runtime decodes (`cp1256` → windows-1256, `latin1`
 * → windows-1252, `iso-8859-9` → windows-1254), else null (UTF-8, UTF-16, multi-byte or unknown labels).
 */
export function singleByteEncoding(label: string): string | null {
  try {
    const name = new TextDecoder(label.trim()).encoding;
    return SINGLE_BYTE.has(name) ? name : null;
  } catch {
    return null; // a label the runtime does not know
  }
}

/**
 * `bytes` decoded in single-byte encoding `encoding` (a name singleByteEncoding gave for `label`); one
 * character per byte, so an offset in the text is the byte's offset. `offset`: bytes before this piece (for
 * messages). Throws FormatError("invalid-encoding") naming the first byte that is not a character.
 */
export function decodeSingleByte(bytes: Uint8Array, encoding: string, label: string, offset = 0): string {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const bad = (at: number, why: string): never => {
    const byte = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")}`;
    throw new FormatError(
      "invalid-encoding",
      `the file is not valid ${label} (byte ${byte} at offset ${offset + at}: ${why}); nothing was replaced`,
    );
  };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    // fatal: a byte the code page leaves undefined; find it byte by byte for the message
    for (let i = 0; i < bytes.length; i++) {
      try {
        decoder.decode(bytes.subarray(i, i + 1));
      } catch {
        bad(i, "not a character in this encoding");
      }
    }
    throw new FormatError("invalid-encoding", `the file is not valid ${label}; nothing was replaced`);
  }
  // ISO-8859-1/-9 are read as their Windows supersets: a C1 control, or 0x80–0x9F declared ISO, is refused.
  const iso = /^(iso[-_]?8859|latin|l\d)/i.test(label);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) bad(i, "undefined in this encoding, or a C1 control character");
    if (iso && bytes[i]! >= 0x80 && bytes[i]! <= 0x9f)
      bad(i, "a C1 control in ISO-8859 (if the file is really windows-125x, name that encoding)");
  }
  return text;
}
