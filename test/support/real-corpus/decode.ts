// Bytes of a corpus file → text, independently of Diwan's decoder: the BOM decides, else the XML
// declaration's encoding, else UTF-8. Invalid bytes are an error here too (never replaced).

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | string;

export interface Decoded {
  text: string;
  /** The encoding the bytes were read with (a declared legacy name such as windows-1254 as written). */
  encoding: Encoding;
  bom: boolean;
  /** `encoding="…"` of the XML declaration, if any. */
  declared: string | null;
}

export class DecodeError extends Error {}

const DECLARED = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;

/** ASCII view of the first bytes (UTF-16 read as its low bytes), enough to see an XML declaration. */
function asciiHead(bytes: Uint8Array, step: 1 | 2, offset: number): string {
  let s = "";
  for (let i = offset; i < Math.min(bytes.length, offset + 400 * step); i += step) {
    s += String.fromCharCode(bytes[i] ?? 0);
  }
  return s;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  let encoding: Encoding;
  let bom = false;
  let skip = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    encoding = "utf-8";
    bom = true;
    skip = 3;
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = "utf-16le";
    bom = true;
    skip = 2;
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = "utf-16be";
    bom = true;
    skip = 2;
  } else if (b0 === 0x3c && b1 === 0x00) {
    encoding = "utf-16le";
  } else if (b0 === 0x00 && b1 === 0x3c) {
    encoding = "utf-16be";
  } else {
    encoding = "utf-8";
  }
  const head =
    encoding === "utf-8"
      ? asciiHead(bytes, 1, skip)
      : asciiHead(bytes, 2, skip + (encoding === "utf-16le" ? 0 : 1));
  const declared = DECLARED.exec(head)?.[1] ?? null;
  // Without a BOM, a declared single-byte encoding is honoured (e.g. Okapi's windows-1254 TBX).
  if (
    !bom &&
    encoding === "utf-8" &&
    declared &&
    !/^utf-?8$/i.test(declared) &&
    !/^utf-?16/i.test(declared)
  ) {
    encoding = declared.toLowerCase();
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip));
  } catch (err) {
    throw new DecodeError(`not valid ${encoding}: ${(err as Error).message}`);
  }
  return { text, encoding, bom, declared };
}

/** The inverse for the encodings a relabelled file may need: UTF-16 with its BOM (if it had one). */
export function encodeUtf16(text: string, encoding: "utf-16le" | "utf-16be", bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const le = encoding === "utf-16le";
  let o = 0;
  const put = (unit: number) => {
    out[o++] = le ? unit & 0xff : unit >> 8;
    out[o++] = le ? unit >> 8 : unit & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

/** Bytes as one char per byte (latin1): a byte-exact view in which ASCII edits keep every other byte. */
export function bytesToLatin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

export function latin1ToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
