/**
 * Streaming XLIFF writers (1.2, 2.0, 2.1): Arabic source, English target, inline codes, and for documents
 * created from an XLIFF the file's own units and segments again. Units are rendered one at a time from an
 * (async) iterable, so memory stays flat whatever the size. See docs/formats.md for the state mappings,
 * the inline-code markup and why approved units are locked.
 */
import type { UnitSource, XliffDocumentInfo, XliffVersion, XliffWriteOptions } from "./xliff-model";
import { toXliff2 } from "./xliff2-write";
import { toXliff12 } from "./xliff12-write";

export * from "./xliff-model";
export { toXliff2 } from "./xliff2-write";
export { toXliff12 } from "./xliff12-write";

/** Dispatches on the version the client asked for. */
export function toXliff(
  version: XliffVersion,
  doc: XliffDocumentInfo,
  units: UnitSource,
  options: XliffWriteOptions = {},
): ReadableStream<Uint8Array> {
  return version === "1.2" ? toXliff12(doc, units, options) : toXliff2(version, doc, units, options);
}
