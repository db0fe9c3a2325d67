/**
 * XLIFF reader for files written back by CAT tools (1.2, 2.0, 2.1), streaming over saxes. The root element
 * picks a version handler (xliff12-read.ts, xliff2-read.ts); both produce the same units: each segment
 * (1.2 `<mrk mtype="seg">` of a `seg-source`, 2.x `<segment>`) with its plain text and inline codes
 * (inline.ts), the content between segments (2.x `<ignorable>`), and what the states say (xliff-state.ts).
 */
import type { SegmentStatus } from "../types";
import { FormatError } from "./errors";
import { type Content, isCodeOnly } from "./inline";
import type { RawSegment, RawUnit, VersionHandler, XliffDocumentSink, XliffNotice } from "./xliff-handler";
import { XLIFF2_NS, XLIFF12_NS } from "./xliff-model";
import { type Level, lowest, translationOf } from "./xliff-state";
import { createXliff2Handler } from "./xliff2-read";
import { createXliff12Handler } from "./xliff12-read";
import { attr, parseXml, type XmlElement, type XmlLimits } from "./xml-parse";

export type { RawSegment, RawUnit, XliffDocumentSink, XliffNotice } from "./xliff-handler";
export { MEMOQ_NS, SDL_NS, translationOf } from "./xliff-state";

/** One segment of a unit, or the content between two (2.x `ignorable`, 1.2 text outside segment `mrk`s). */
export interface XliffSegment {
  kind: "segment" | "ignorable";
  /** 2.x `segment/@id` or `ignorable/@id`, 1.2 `mrk/@mid`; null when the file gives none. */
  id: string | null;
  source: Content;
  /** null when the segment has no target (for an ignorable: the same as its source). */
  target: Content | null;
  /** 1.2 `target/@state` (one per unit), 2.x `segment/@state` (default "initial"); null for ignorables. */
  state: string | null;
  /** The tool's own status for this segment, e.g. "sdl:Translated", "mq:ManuallyConfirmed", "phrase:1". */
  toolStatus: string | null;
  /** The target's plain text when it counts as a translation, else null (ignorables: null). */
  en: string | null;
  /** Diwan status the states give, null when `en` is null. */
  status: SegmentStatus | null;
  /** A draft by its standard state only (see xliff-state.ts `resolveStatus`). */
  draftByState: boolean;
}

export interface ParsedXliffUnit {
  /** The unit id exactly as in the file. */
  id: string;
  /** Diwan segment id when the unit id is "123" (1.2) or "s123" (2.x), else null. */
  segmentId: number | null;
  /** The unit's position among the file's units (0-based): tells units with the same id apart. */
  index: number;
  /** The file the unit is in: 1.2 `file/@original`, 2.x `file/@id` (unit ids are unique per file only). */
  file: string | null;
  /** The position of that file among the document's `<file>`s (0-based). */
  fileIndex: number;
  /** Plain source text of the whole unit (segments and what lies between them). */
  source: string;
  /** Plain target text of the whole unit; null when absent or when a segment of the unit has none. */
  target: string | null;
  /** Standard state: 1.2 `target/@state`, 2.x the lowest `segment/@state`. */
  state: string | null;
  /** Tool-specific status of the least advanced segment (null when none). */
  toolStatus: string | null;
  /** false when the unit, or a group or file around it, says `translate="no"`. */
  translate: boolean;
  /** 1.2 `trans-unit/@approved="yes"`. */
  approved: boolean;
  /** The whole target when it counts as a translation (every segment translated), else null. */
  en: string | null;
  /** Diwan status of the least advanced segment, null when `en` is null. */
  status: SegmentStatus | null;
  draftByState: boolean;
  /** Segments and ignorables in file order (at least one segment). */
  segments: XliffSegment[];
  /** The source is inline codes only: kept and exported again, but not translation memory. */
  codeOnly: boolean;
  /** What was kept but changed on the way (a `sub` flattened, a target read as one segment…). */
  notices: string[];
}

export interface ParsedXliff {
  /** As the file says (1.0 and 1.1 are read like 1.2; a missing version is inferred from the namespace). */
  version: "1.0" | "1.1" | "1.2" | "2.0" | "2.1";
  srcLang: string;
  trgLang: string | null;
  units: ParsedXliffUnit[];
  /** Items of the file that are not units and were left out (at most MAX_NOTICES, then a count). */
  notices: XliffNotice[];
}

export const MAX_NOTICES = 1_000;

export function segmentIdOf(id: string): number | null {
  // What /^s?(\d{1,15})$/ accepts, without a regex match per unit.
  const start = id.charCodeAt(0) === 0x73 /* s */ ? 1 : 0;
  const digits = id.length - start;
  if (digits < 1 || digits > 15) return null;
  for (let i = start; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
  }
  return Number(start === 0 ? id : id.slice(1));
}

/** The states of a raw unit interpreted, per segment and for the unit as a whole. */
export function finishUnit(raw: RawUnit, index: number): ParsedXliffUnit {
  const segments: XliffSegment[] = [];
  let source = "";
  let target: string | null = "";
  let unitLevel: Level | null = null;
  let unitByState = false;
  let state: string | null = null;
  let toolStatus: string | null = null;
  for (const s of raw.segments) {
    source += s.source.text;
    if (s.kind === "ignorable") {
      // An ignorable without target stands for the same content in the target.
      if (target !== null) target += (s.target ?? s.source).text;
      segments.push({ ...base(s), en: null, status: null, draftByState: false });
      continue;
    }
    const text = s.target === null ? null : s.target.text;
    if (target !== null) target = text === null ? null : target + text;
    const level = s.toolLevel ?? s.level ?? (text === null ? "none" : "translated");
    const byState = s.toolLevel === null && s.level !== null;
    const t = translationOf(s.source.text, text, level, byState);
    segments.push({ ...base(s), ...t });
    if (unitLevel === null || lowest(level, unitLevel) === level) {
      if (unitLevel !== level) unitByState = false;
      unitLevel = level;
      unitByState ||= byState;
      state = s.state;
      toolStatus = s.toolStatus;
    }
  }
  const t = translationOf(source, target, unitLevel ?? "none", unitByState);
  return {
    id: raw.id,
    segmentId: segmentIdOf(raw.id),
    index,
    file: raw.file,
    fileIndex: raw.fileIndex,
    source,
    target,
    state,
    toolStatus,
    translate: raw.translate,
    approved: raw.approved,
    ...t,
    segments,
    codeOnly:
      raw.segments.every((s) => s.source.text.trim() === "") &&
      raw.segments.some((s) => isCodeOnly(s.source)),
    notices: raw.notices,
  };
}

const base = (s: RawSegment) => ({
  kind: s.kind,
  id: s.id,
  source: s.source,
  target: s.target,
  state: s.state,
  toolStatus: s.toolStatus,
});

const wrong = (el: XmlElement, message: string, code: "wrong-root" | "wrong-version" | "wrong-namespace") =>
  new FormatError(code, `${message} (root element <${el.name}>)`);

const NS_11 = "urn:oasis:names:tc:xliff:document:1.1";

/**
 * The version of a root element. 1.0 and 1.1 (and 1.x without a namespace, as older Okapi and Matecat
 * write) are read like 1.2; a missing version is taken from the namespace, with a notice.
 */
function versionOf(el: XmlElement, sink: XliffDocumentSink): ParsedXliff["version"] {
  const v = el.attributes.version;
  const family =
    el.uri === XLIFF2_NS ? "2" : el.uri === XLIFF12_NS || el.uri === NS_11 || el.uri === "" ? "1" : null;
  if (v === undefined) {
    if (family === null || el.uri === "")
      throw wrong(el, "the version attribute is missing", "wrong-version");
    const inferred = family === "2" ? "2.0" : el.uri === NS_11 ? "1.1" : "1.2";
    sink.notice({
      item: "<xliff>",
      reason: `no version attribute: read as XLIFF ${inferred} by its namespace`,
    });
    return inferred;
  }
  if (v !== "1.0" && v !== "1.1" && v !== "1.2" && v !== "2.0" && v !== "2.1")
    throw wrong(el, `XLIFF version "${v}" is not supported (1.0–1.2, 2.0 and 2.1 are)`, "wrong-version");
  if (v.startsWith("2") && el.uri !== XLIFF2_NS)
    throw wrong(el, `XLIFF ${v} must use the namespace ${XLIFF2_NS}, not "${el.uri}"`, "wrong-namespace");
  if (v.startsWith("1") && family !== "1")
    throw wrong(el, `XLIFF ${v} must use the namespace ${XLIFF12_NS}, not "${el.uri}"`, "wrong-namespace");
  if ((v === "1.1" || v === "1.2") && el.uri === "")
    sink.notice({
      item: "<xliff>",
      reason: `no namespace: read as XLIFF ${v} (the namespace is ${v === "1.1" ? NS_11 : XLIFF12_NS})`,
    });
  // The literal, not the attribute's string.
  return v === "1.0" ? "1.0" : v === "1.1" ? "1.1" : v === "1.2" ? "1.2" : v === "2.0" ? "2.0" : "2.1";
}

/**
 * Parses a whole XLIFF document. With `onUnit`, each unit is handed over as soon as it is complete and
 * `units` stays empty: a caller that processes units in batches then never holds them all at once.
 */
export function parseXliff(
  text: string,
  limits: Partial<XmlLimits> = {},
  onUnit?: (unit: ParsedXliffUnit) => void,
): ParsedXliff {
  let version: ParsedXliff["version"] | null = null;
  const units: ParsedXliffUnit[] = [];
  const notices: XliffNotice[] = [];
  let dropped = 0;
  let count = 0;
  const sink: XliffDocumentSink = {
    srcLang: null,
    trgLang: null,
    unit(raw) {
      const unit = finishUnit(raw, count++);
      if (onUnit) onUnit(unit);
      else units.push(unit);
    },
    notice(n) {
      if (notices.length < MAX_NOTICES) notices.push(n);
      else dropped++;
    },
  };
  let handler: VersionHandler | null = null;
  let files = 0;
  parseXml(
    text,
    {
      open(el, depth) {
        if (depth === 2 && el.local === "file") files++;
        if (handler !== null) return handler.open(el, depth);
        if (el.local !== "xliff") throw wrong(el, "not an XLIFF document", "wrong-root");
        version = versionOf(el, sink);
        if (version.startsWith("2")) {
          sink.srcLang = attr(el, "srcLang") ?? null;
          sink.trgLang = attr(el, "trgLang") ?? null;
        }
        // The document's own namespace string: nearly every element's uri is this very string, so
        // comparing against it is a pointer check.
        handler = version.startsWith("1")
          ? createXliff12Handler(sink, el.uri)
          : createXliff2Handler(sink, el.uri);
      },
      close(el, depth) {
        if (depth > 1) handler?.close(el, depth);
      },
      text(t) {
        handler?.text(t);
      },
    },
    limits,
  );
  if (version === null || sink.srcLang === null)
    throw new FormatError(
      "invalid-content",
      units.length === 0 && notices.length === 0
        ? "the file has no <file> with units: nothing to import"
        : "no source language found (srcLang / source-language)",
    );
  // XLIFF 2 requires a <file> (1.2 too, refused above as having no <file> with units).
  if (files === 0 && version !== null && (version as string).startsWith("2"))
    notices.push({ item: "xliff", reason: "no <file> (invalid XLIFF 2: a document needs one)" });
  if (dropped > 0) notices.push({ item: "…", reason: `${dropped} more items left out` });
  return { version, srcLang: sink.srcLang, trgLang: sink.trgLang, units, notices };
}
