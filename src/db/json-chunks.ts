/**
 * The one way lists travel to D1: as JSON arrays bound to one parameter each, read with `json_each(?)`. One
 * parameter keeps every statement clear of D1's 100 bound parameters and 100 KB of SQL text; cutting the
 * list into chunks keeps each string far under D1's ≈ 2 MB per bound value.
 */

/** Largest JSON payload bound to one statement, in UTF-8 bytes (counted as 3 per UTF-16 code unit: an upper bound). */
export const JSON_CHUNK_BYTES = 900_000;

/** Splits rows into JSON arrays of at most `maxBytes` each; a row larger than that is a chunk of its own. */
export function* chunkJson(rows: Iterable<unknown>, maxBytes = JSON_CHUNK_BYTES): Generator<string> {
  let chunk: string[] = [];
  let bytes = 0;
  for (const r of rows) {
    const s = JSON.stringify(r);
    const size = s.length * 3;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      yield `[${chunk.join(",")}]`;
      chunk = [];
      bytes = 0;
    }
    chunk.push(s);
    bytes += size;
  }
  if (chunk.length > 0) yield `[${chunk.join(",")}]`;
}
