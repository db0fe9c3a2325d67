/**
 * Bytes → text for delimited glossary files (CSV, TSV, OmegaT): a byte order mark decides UTF-16LE,
 * UTF-16BE or UTF-8 (OmegaT and Excel write UTF-16 with a BOM); without one the bytes must be UTF-8.
 * Invalid bytes (an unpaired surrogate, an odd byte count) are refused, never replaced.
 */
import { FormatError } from "./errors";

export function decodeTextFile(bytes: Uint8Array): string {
  let encoding: "utf-8" | "utf-16le" | "utf-16be" = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
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
        ? "the file is not UTF-8 (save it as UTF-8, or as UTF-16 with a byte order mark); nothing was replaced"
        : `the file starts with a ${name} byte order mark but is not valid ${name}; nothing was replaced`,
    );
  }
}
