/**
 * The memory in and out as TMX 1.4b: an import streamed from the upload (decoded, parsed and staged one
 * batch of pairs at a time, published in one transaction), and an export streamed page by page.
 */
import { requireDocument } from "../db/documents";
import {
  exportPairs,
  type ImportResult,
  type ImportTiming,
  importPairBatches,
  STAGE_CHARS,
  STAGE_PAIRS,
} from "../db/tm-exchange";
import type { Db } from "../env";
import { fileError } from "../errors";
import { FormatError } from "../formats/errors";
import { createTmxReader, MAX_SKIP_LINES, type TmxPair, type TmxReader, writeTmx } from "../formats/tmx";
import { createXmlDecoder } from "../formats/xml-decode";
import type { InlineCode } from "../types";

/** Most characters without markup in a streamed TMX: bounds what the parser buffers. */
const TMX_RUN_CHARS = 1024 * 1024;
/**
 * Longest segment accepted (UTF-16 code units): a clear 400 with its position instead of a D1 error on a
 * staged row (a row holds the text, its normalised copy and index terms; D1 takes ≈ 2 MB a row).
 */
export const TMX_SEGMENT_CHARS = 100_000;

/**
 * The file's pairs in batches of at most STAGE_PAIRS (or STAGE_CHARS of text) as its text arrives.
 * `reader.skipped` is final once the generator is done.
 */
async function* tmxBatches(bytes: AsyncIterable<Uint8Array>, reader: TmxReader): AsyncGenerator<TmxPair[]> {
  // The BOM and the XML declaration decide the encoding (UTF-8, UTF-16LE/BE: Trados writes UTF-16 TMX);
  // bytes not in it are refused, never repaired; any other encoding is refused by name.
  const decoder = createXmlDecoder();
  try {
    for await (const piece of bytes) {
      reader.write(decoder.write(piece));
      if (reader.pendingPairs >= STAGE_PAIRS || reader.pendingChars >= STAGE_CHARS) yield reader.take();
    }
    reader.write(decoder.end());
    reader.close();
  } catch (err) {
    if (err instanceof FormatError) throw fileError({ kind: "tmx" }, err);
    throw err;
  }
  yield reader.take();
}

/**
 * Imports a TMX file, given as its bytes in pieces as they arrive, into the memory as free entries (origin
 * tmx): all or nothing. Pairs already stored, or repeated in the file, are counted as duplicates; units
 * without both languages as skipped.
 */
export async function importTmx(
  db: Db,
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ result: TmxImportResult; timing: ImportTiming }> {
  const reader = createTmxReader({ maxRunChars: TMX_RUN_CHARS, maxSegmentChars: TMX_SEGMENT_CHARS });
  const { timing, ...result } = await importPairBatches(db, tmxBatches(bytes, reader));
  // Every skipped tu with its reason, in file order (the first MAX_SKIP_LINES), and the languages the
  // file has: a file without an Arabic–English pair says which pairs it holds.
  const skips = [...reader.skips, ...result.skips]
    .sort((a, b) => (a.tu ?? 0) - (b.tu ?? 0))
    .slice(0, MAX_SKIP_LINES);
  return {
    result: {
      ...result,
      skipped: result.skipped + reader.skipped,
      skips,
      languages: { ...reader.languages },
    },
    timing,
  };
}

export interface TmxImportResult extends ImportResult {
  /** Variant languages of the file as written, with how many `tuv`s carry each. */
  languages: Record<string, number>;
}

/**
 * The memory (or one document's pairs) as a TMX byte stream, read page by page as it is sent. A missing
 * document is an error before anything is streamed.
 */
export async function exportTmx(
  db: Db,
  documentId: number | null,
): Promise<{ body: ReadableStream<Uint8Array>; fileName: string }> {
  if (documentId !== null) await requireDocument(db, documentId);
  async function* units() {
    for await (const r of exportPairs(db, documentId)) {
      yield {
        id: r.id,
        ar: r.ar,
        en: r.en,
        status: r.status,
        changedAt: r.updatedAt,
        ...(r.arCodes === null ? {} : { arCodes: JSON.parse(r.arCodes) as InlineCode[] }),
        ...(r.enCodes === null ? {} : { enCodes: JSON.parse(r.enCodes) as InlineCode[] }),
      };
    }
  }
  const fileName = documentId === null ? "diwan-memory.tmx" : `diwan-document-${documentId}.tmx`;
  return { body: writeTmx(units()), fileName };
}
