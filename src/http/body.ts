import { invalidEncoding, payloadTooLarge, unsupportedMediaType } from "../errors";
import { singleByteEncoding } from "../formats/single-byte";

const DEFAULT_LIMIT = 1024 * 1024;

export function jsonBodyLimit(configured: string | undefined): number {
  const n = Number(configured);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LIMIT;
}

/**
 * Reads a request body as UTF-8 text, refusing (never repairing) invalid bytes and bodies over `limit`.
 * Reads the stream incrementally so an oversized upload is cut off at the limit, not buffered whole.
 */
export async function readUtf8Body(req: Request, limit: number): Promise<string> {
  const bytes = await readBodyBytes(req, limit);
  try {
    // fatal: bytes that are not UTF-8 are an error, not U+FFFD.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidEncoding();
  }
}

export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not cancelled: settleBody reads the rest before the answer goes out (see there).
      reader.releaseLock();
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Most bytes settleBody reads to settle a refused request (Cloudflare refuses larger bodies anyway). */
export const SETTLE_MAX_BYTES = 128 * 1024 * 1024;

/**
 * Reads what is left of a request body, discarding it, so the answer goes out only once the upload has
 * arrived. A Worker that answers a request before reading its body (a refusal: no token, wrong type, a
 * DOCTYPE found in the first bytes) breaks the connection under `wrangler dev`: its proxy answers the
 * *next* request `503 Your worker restarted mid-request`, or hangs (issue 12). Deployed, it costs the
 * time to receive the rest. Past `maxBytes` the body is cancelled.
 */
export async function settleBody(req: Request, maxBytes = SETTLE_MAX_BYTES): Promise<void> {
  const body = req.body;
  if (body === null || body.locked) return;
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to settle.
  }
}

/**
 * The body's bytes in pieces, as they arrive, with the byte count enforced while reading (an XML upload
 * is decoded by the format layer: BOM and declaration decide between UTF-8 and UTF-16).
 */
export async function* bodyPieces(req: Request, limit: number): AsyncGenerator<Uint8Array> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!req.body) return;
  const reader = req.body.getReader();
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw payloadTooLarge(limit);
      yield value;
    }
    finished = true;
  } finally {
    // Stopped early (bad input, failed staging): settleBody reads and discards the rest (see there).
    if (!finished) reader.releaseLock();
  }
}

/**
 * A file upload's Content-Type as its media type (lower-cased) and charset parameter, with the charset
 * checked. UTF-8 or UTF-16 are always accepted — the body's byte order mark (and an XML file's declaration)
 * then decides how it is decoded, and `charset` is null. With `textTable` (CSV, TSV, OmegaT glossaries:
 * files with no declaration of their own), a single-byte encoding is accepted too and returned as
 * `charset` (Excel's plain "CSV" on Arabic Windows is windows-1256); anything else is refused (415).
 * Shared by every route that takes a file as its body.
 */
export function uploadContentType(
  header: string,
  options: { textTable?: boolean } = {},
): { media: string; charset: string | null } {
  const [media = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset === undefined || /^utf-?(8|16|16le|16be)$/.test(charset)) return { media, charset: null };
  if (options.textTable && singleByteEncoding(charset) !== null) return { media, charset };
  throw unsupportedMediaType(
    options.textTable
      ? `text files are read in UTF-8, UTF-16 and single-byte encodings (windows-1256, iso-8859-6, windows-1252…), not charset=${charset}`
      : `only UTF-8 and UTF-16 are accepted, not charset=${charset} (an XML file's own declaration may name a single-byte encoding: send it without a charset)`,
  );
}
