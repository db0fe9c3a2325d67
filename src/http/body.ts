import { ApiError, payloadTooLarge } from "../errors";

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
    throw new ApiError(400, "invalid-encoding", "Invalid encoding", "request body is not valid UTF-8");
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
      await reader.cancel();
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
