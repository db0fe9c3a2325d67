/**
 * Bytes → text for delimited glossary files (CSV, TSV, OmegaT) and plain-text documents: a byte order mark
 * decides UTF-16LE, UTF-16BE or UTF-8 (OmegaT and Excel write UTF-16 with a BOM); without one the bytes are
 * UTF-8, or the single-byte encoding the sender declared (`declared`: a Content-Type charset or a form's
 * choice — Excel's plain "CSV" on Arabic Windows is windows-1256), read strictly (single-byte.ts). A BOM
 * wins over a declaration, as in the WHATWG decode algorithm. Invalid bytes (an unpaired surrogate, an odd
 * byte count, a byte the code page leaves undefined) are refused, never replaced.
 */
import { FormatError } from "./errors";
import { decodeSingleByte, singleByteEncoding } from "./single-byte";

/** Labels that mean "UTF-8, or UTF-16 by its byte order mark": what is read without a declaration. */
const UNICODE_LABELS = /^(utf-?8|utf-?16(le|be)?|unicode-1-1-utf-8)$/i;

/**
 * The encoding `declared` names for decodeTextFile: null for the default (UTF-8 / UTF-16 by BOM), else a
 * single-byte encoding's WHATWG name; throws FormatError("unsupported-encoding") for any other label.
 */
export function textFileEncoding(declared: string | undefined): string | null {
  const label = declared?.trim() ?? "";
  if (label === "" || UNICODE_LABELS.test(label)) return null;
  const legacy = singleByteEncoding(label);
  if (legacy !== null) return legacy;
  throw new FormatError(
    "unsupported-encoding",
    `the encoding ${label} is not read: text files are read in UTF-8, UTF-16 (with a byte order mark) and ` +
      "single-byte encodings (windows-1256, ISO-8859-6, windows-1252…)",
  );
}

export function decodeTextFile(bytes: Uint8Array, declared?: string): string {
  let encoding: "utf-8" | "utf-16le" | "utf-16be" = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  const legacy = textFileEncoding(declared);
  const bom = encoding !== "utf-8" || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  if (legacy !== null && !bom) return decodeSingleByte(bytes, legacy, declared?.trim() ?? legacy);
  let input = bytes;
  if (encoding === "utf-16be") {
    // TextDecoder's UTF-16BE support varies between runtimes (as in xml-decode.ts): swap into LE pairs.
    input = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      input[i] = bytes[i + 1]!;
      input[i + 1] = bytes[i]!;
    }
    if (bytes.length % 2 === 1) input[bytes.length - 1] = bytes[bytes.length - 1]!;
  }
  try {
    if (encoding !== "utf-8" && bytes.length % 2 === 1) throw new Error("odd byte count");
    // The decoder drops the BOM it was chosen by (ignoreBOM false; BE's was swapped into an LE one).
    const le = encoding === "utf-8" ? "utf-8" : "utf-16le";
    return new TextDecoder(le, { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    const name = encoding.toUpperCase();
    throw new FormatError(
      "invalid-encoding",
      encoding === "utf-8"
        ? "the file is not UTF-8 (save it as UTF-8 or as UTF-16 with a byte order mark, or name its encoding: " +
            "windows-1256 for Excel's CSV on Arabic Windows); nothing was replaced"
        : `the file starts with a ${name} byte order mark but is not valid ${name}; nothing was replaced`,
    );
  }
}
