/**
 * Turns a writer's sequence of XML string pieces into a byte stream. Pull-based: the next unit is only
 * rendered when the consumer asks for more, so an export of 100,000 units never exists as one string and
 * a slow client applies back-pressure all the way to the database cursor.
 */

/** Default flush threshold in UTF-16 code units (≈64 KB of UTF-8 for Arabic-heavy text). */
export const DEFAULT_CHUNK_CHARS = 32 * 1024;

export function stringsToStream(
  parts: AsyncIterable<string> | Iterable<string>,
  chunkChars: number = DEFAULT_CHUNK_CHARS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator: AsyncIterator<string> | Iterator<string> =
    Symbol.asyncIterator in parts
      ? (parts as AsyncIterable<string>)[Symbol.asyncIterator]()
      : (parts as Iterable<string>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let buffer = "";
        while (buffer.length < chunkChars) {
          const next = await iterator.next();
          if (next.done) {
            if (buffer.length > 0) controller.enqueue(encoder.encode(buffer));
            controller.close();
            return;
          }
          buffer += next.value;
        }
        controller.enqueue(encoder.encode(buffer));
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Collects a stream into a string: for tests and small documents only. */
export async function streamToString(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let out = "";
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
  }
  return out + decoder.decode();
}
