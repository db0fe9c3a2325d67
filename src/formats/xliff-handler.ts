/**
 * What the per-version XLIFF element handlers (xliff12-read.ts, xliff2-read.ts) hand to the reader
 * (xliff-read.ts): raw units, and notices of what they left out.
 */
import { FormatError } from "./errors";
import type { Content } from "./inline";
import type { Level } from "./xliff-state";
import type { XmlHandlers } from "./xml-parse";

/** A unit without id (invalid, but old monolingual files have them): its text can start a document. */
export const NO_ID = "no id (required by XLIFF): it can create a document but not update one";

/** Something in the file that is not a unit and was not imported, or a unit left out, with the reason. */
export interface XliffNotice {
  /** The element's id or name (e.g. a 1.2 `bin-unit` id, `unit 12`). */
  item: string;
  reason: string;
}

/** A unit as a version handler hands it over: segments read, states not yet interpreted. */
export interface RawUnit {
  id: string;
  file: string | null;
  /** The position of its `<file>` among the document's files (0-based). */
  fileIndex: number;
  translate: boolean;
  approved: boolean;
  segments: RawSegment[];
  notices: string[];
}

export interface RawSegment {
  kind: "segment" | "ignorable";
  id: string | null;
  source: Content;
  target: Content | null;
  state: string | null;
  /** Level from the standard state, null when the file gives none. */
  level: Level | null;
  toolStatus: string | null;
  toolLevel: Level | null;
}

/** What the root handler gives a version handler. */
export interface XliffDocumentSink {
  srcLang: string | null;
  trgLang: string | null;
  unit(raw: RawUnit): void;
  notice(n: XliffNotice): void;
}

export type VersionHandler = XmlHandlers;

/**
 * Wraps a version handler so that a defect inside one unit (a segment without source, an unknown
 * dataRef…) leaves that unit out with a notice instead of refusing the file: `unitOf()` names the unit
 * being read (null outside units), `drop(depth)` abandons it until its end tag.
 */
export function unitTolerant(
  handler: VersionHandler,
  sink: XliffDocumentSink,
  unitOf: () => { id: string; depth: number } | null,
  drop: () => void,
): VersionHandler {
  let dropping: { depth: number } | null = null;
  const guarded = (step: () => void, endingDepth?: number) => {
    try {
      step();
    } catch (err) {
      const unit = unitOf();
      if (!(err instanceof FormatError) || err.code !== "invalid-content" || unit === null) throw err;
      sink.notice({ item: `unit ${unit.id}`, reason: `left out: ${err.message}` });
      drop();
      // The error came with the unit's own end tag: nothing is left to skip.
      dropping = endingDepth === unit.depth ? null : { depth: unit.depth };
    }
  };
  return {
    open(el, depth) {
      if (dropping === null) guarded(() => handler.open(el, depth));
    },
    close(el, depth) {
      if (dropping !== null) {
        if (depth === dropping.depth) dropping = null;
        return;
      }
      guarded(() => handler.close(el, depth), depth);
    },
    text(t) {
      if (dropping === null) guarded(() => handler.text(t));
    },
  };
}
