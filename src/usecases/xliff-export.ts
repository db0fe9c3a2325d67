/**
 * XLIFF export of a document: its segments as units (unit ids are segment ids; approved units locked),
 * with termbase hints, QA notes and the memory matches pre-translation recorded, streamed as it is read.
 */
import { requireDocument } from "../db/documents";
import { glossaryIndex } from "../db/matcher";
import { storedMatches } from "../db/tm-pretranslate";
import { exportUnits } from "../db/xliff";
import type { Db } from "../env";
import { DomainError, ErrorCode } from "../errors";
import { type EmptyTargets, toXliff, type XliffVersion } from "../formats/xliff-write";

export interface XliffExportOptions {
  version: XliffVersion;
  /** What units without English carry as target (see the route's description). */
  emptyTargets: EmptyTargets;
  /** Add the memory matches recorded by pre-translation. */
  matches: boolean;
  /** Add termbase hints for glossary terms found in the Arabic. */
  glossary: boolean;
  /** Add QA notes for units that have English. */
  qa: boolean;
}

/** The document's XLIFF as a byte stream, with its title (for the file name). */
export async function exportXliff(
  db: Db,
  id: number,
  opts: XliffExportOptions,
): Promise<{ title: string; body: ReadableStream<Uint8Array> }> {
  const doc = await requireDocument(db, id);
  // Checked before streaming: the 2.x writer would otherwise fail after the headers were sent.
  if (doc.segmentCount === 0 && opts.version !== "1.2")
    throw new DomainError(
      ErrorCode.EmptyDocument,
      "XLIFF 2 needs at least one unit and this document has no segments; export version 1.2",
    );
  const index = opts.glossary || opts.qa ? await glossaryIndex(db) : null;
  const units = await exportUnits(db, id, {
    index,
    glossary: opts.glossary,
    qa: opts.qa,
    matches: opts.matches ? (ids) => storedMatches(db, ids) : null,
  });
  const body = toXliff(opts.version, { id, title: doc.title, srcLang: "ar", trgLang: "en" }, units, {
    emptyTargets: opts.emptyTargets,
  });
  return { title: doc.title, body };
}
