/**
 * ZIP containers (.xlsx, .docx): reading with limits, and writing. Pure (no Hono, no D1); DEFLATE itself is
 * fflate's (works in Workers, no Node built-ins). The reader walks the central directory itself because it
 * must see what fflate's `unzipSync` does not check: the encryption flag, ZIP64 markers, sizes that lie,
 * and CRCs. Every entry is inflated with a running count of the bytes really produced, so a bomb is stopped
 * by what it expands to, never by what its header declares.
 */
import { Inflate, zipSync } from "fflate";
import { FormatError } from "./errors";

export interface ZipLimits {
  /** Most entries (files and folders) the central directory may list. */
  maxEntries: number;
  /** Most bytes all extracted entries may expand to together. */
  maxTotalBytes: number;
  /** Most bytes one entry may expand to for each compressed byte, once it is past `ratioFloorBytes`. */
  maxRatio: number;
  /** Below this many expanded bytes an entry is never refused for its ratio (small XML compresses well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated (the only two methods read). */
  method: number;
  compressedSize: number;
  /** As the header declares it; the reader checks it against what inflating really gives. */
  declaredSize: number;
  /** CRC-32 from the central directory (local headers may defer it to a data descriptor). */
  crc: number;
  /** Where the entry's local header starts. */
  localOffset: number;
  encrypted: boolean;
  directory: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const cp437ish = new TextDecoder("latin1");

function malformed(message: string): FormatError {
  return new FormatError("zip-malformed", `not a readable ZIP file: ${message}`);
}

/** The end-of-central-directory record: last 22 bytes, or earlier when an archive comment follows it. */
function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--)
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  throw malformed("no end-of-central-directory record (not a ZIP, or cut short)");
}

/** The entries the central directory lists, in its order. Throws on a broken or ZIP64 directory. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) throw malformed("too short");
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === ZIP64_MARK || size === ZIP64_MARK)
    throw new FormatError(
      "zip-unsupported",
      "ZIP64 archives are not read (a spreadsheet or document never needs one)",
    );
  if (count > limits.maxEntries)
    throw new FormatError(
      "zip-limit",
      `the archive lists ${count} entries; at most ${limits.maxEntries} are read`,
    );
  if (offset + size > end) throw malformed("the central directory runs past its end record");
  const entries: ZipEntryInfo[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw malformed(`central directory entry ${i + 1} is broken`);
    const flags = view.getUint16(at + 8, true);
    const crc = view.getUint32(at + 16, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === ZIP64_MARK || declaredSize === ZIP64_MARK || localOffset === ZIP64_MARK)
      throw new FormatError("zip-unsupported", "ZIP64 entries are not read");
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise it is in the archiver's code page (read byte for byte).
    let name: string;
    try {
      name = flags & 0x800 ? utf8.decode(rawName) : cp437ish.decode(rawName);
    } catch {
      throw malformed(`entry ${i + 1}'s name is not valid UTF-8`);
    }
    entries.push({
      name,
      method,
      compressedSize,
      declaredSize,
      crc,
      localOffset,
      encrypted: (flags & 0x1) !== 0,
      directory: name.endsWith("/"),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++)
    crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** How far into the limits the archive read so far has gone (shared by every entry of one read). */
interface Budget {
  used: number;
  readonly limits: ZipLimits;
}

const CHUNK = 4096;

function inflateBounded(entry: ZipEntryInfo, data: Uint8Array, budget: Budget): Uint8Array {
  const parts: Uint8Array[] = [];
  let produced = 0;
  const { limits } = budget;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (budget.used + produced > limits.maxTotalBytes)
      throw new FormatError(
        "zip-limit",
        `the archive expands to more than ${limits.maxTotalBytes} bytes (at entry ${entry.name})`,
      );
    if (produced > limits.ratioFloorBytes && produced > limits.maxRatio * Math.max(1, data.length))
      throw new FormatError(
        "zip-limit",
        `entry ${entry.name} expands more than ${limits.maxRatio} times its compressed size (a ZIP bomb?)`,
      );
    parts.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += CHUNK)
      inflater.push(data.subarray(at, at + CHUNK), at + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw malformed(`entry ${entry.name} is not valid DEFLATE data (${(error as Error).message})`);
  }
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function extract(bytes: Uint8Array, entry: ZipEntryInfo, budget: Budget): Uint8Array {
  if (entry.encrypted)
    throw new FormatError(
      "zip-encrypted",
      `entry ${entry.name} is encrypted (password-protected files are not read)`,
    );
  if (entry.method !== 0 && entry.method !== 8)
    throw new FormatError("zip-unsupported", `entry ${entry.name} uses compression method ${entry.method}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE)
    throw malformed(`entry ${entry.name}'s local header is missing`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length)
    throw malformed(`entry ${entry.name} runs past the archive's end`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (budget.used + data.length > budget.limits.maxTotalBytes)
      throw new FormatError(
        "zip-limit",
        `the archive expands to more than ${budget.limits.maxTotalBytes} bytes`,
      );
    out = data.slice();
  } else out = inflateBounded(entry, data, budget);
  budget.used += out.length;
  if (out.length !== entry.declaredSize)
    throw malformed(
      `entry ${entry.name} expands to ${out.length} bytes, not the ${entry.declaredSize} it declares`,
    );
  if (crc32(out) !== entry.crc) throw malformed(`entry ${entry.name} fails its CRC check (damaged)`);
  return out;
}

export interface ZipReadOptions {
  limits?: ZipLimits;
  /** Which entries to extract (by name); all files when absent. Unwanted entries are never inflated. */
  wanted?: (name: string) => boolean;
}

/**
 * Extracts the archive's files (folders left out) into a Map by name. Throws FormatError: zip-malformed
 * (not a ZIP, damaged, sizes or CRC wrong), zip-limit (too many entries, too many bytes, ratio), zip-encrypted,
 * zip-unsupported (ZIP64, methods other than stored/deflate). A name listed twice is refused (ambiguous).
 */
export function readZip(bytes: Uint8Array, options: ZipReadOptions = {}): Map<string, Uint8Array> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const entries = listZip(bytes, limits);
  const budget: Budget = { used: 0, limits };
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.directory || (options.wanted && !options.wanted(entry.name))) continue;
    if (files.has(entry.name)) throw malformed(`entry ${entry.name} is listed twice`);
    files.set(entry.name, extract(bytes, entry, budget));
  }
  return files;
}

/** Reads one entry's bytes as UTF-8 text (BOM dropped); invalid bytes are refused, never replaced. */
export function zipText(files: Map<string, Uint8Array>, name: string): string | undefined {
  const data = files.get(name);
  if (data === undefined) return undefined;
  try {
    return utf8.decode(data);
  } catch {
    throw new FormatError("invalid-encoding", `${name} in the archive is not valid UTF-8`);
  }
}

/**
 * Writes a ZIP of the given files in the given order (deflated, or stored with `store`; names UTF-8). The modification time is fixed
 * (1980-01-01, the format's epoch) so the same content always gives the same bytes.
 */
export function writeZip(
  files: ReadonlyArray<{ name: string; data: Uint8Array | string }>,
  options: { store?: boolean } = {},
): Uint8Array {
  const encoder = new TextEncoder();
  const level = options.store ? 0 : 6;
  const zippable: Record<string, [Uint8Array, { level: 0 | 6 }]> = Object.create(null);
  for (const { name, data } of files) {
    if (name in zippable) throw new Error(`writeZip: ${name} given twice`);
    zippable[name] = [typeof data === "string" ? encoder.encode(data) : data, { level }];
  }
  return zipSync(zippable, { mtime: new Date(1980, 0, 1, 12) });
}
