/**
 * What the XLIFF writers take (xliff12-write.ts, xliff2-write.ts): Diwan segments, each with its Arabic
 * and English, their inline codes and, for documents created from an XLIFF, the unit and segment it came
 * from, so consecutive segments of one unit are written as that unit again. Shared helpers too.
 */
import type { SegmentStatus, TermStatus } from "../types";
import { FormatError } from "./errors";
import type { Content, InlineCode } from "./inline";

export const XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2";
export const XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0";
export const MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0";
export const GLS_NS = "urn:oasis:names:tc:xliff:glossary:2.0";
/** Diwan's own extension namespace (term statuses on 2.x glossary entries; 2.x allows it there). */
export const DIWAN_NS = "urn:diwan:xliff:extensions:1";

export type XliffVersion = "1.2" | "2.0" | "2.1";

export interface XliffDocumentInfo {
  id: number | string;
  title: string;
  srcLang: "ar";
  trgLang: "en";
}

/** A termbase hit for the unit's source: the Arabic term and its English renderings. */
export interface XliffGlossaryHint {
  term: string;
  status: TermStatus;
  translations: { text: string; status: TermStatus }[];
  definition?: string | null;
}

export interface XliffQaNote {
  severity: "error" | "warning" | "info";
  message: string;
}

/** A translation-memory candidate; `score` is a percentage, 0–100. */
export interface XliffMatch {
  ar: string;
  en: string;
  score: number;
  origin?: string;
}

/** Content between segments of a unit (2.x `ignorable`, 1.2 text outside the segment `mrk`s). */
export interface XliffIgnorableInput {
  id?: string | null;
  source: Content;
  /** null: the same as the source. */
  target: Content | null;
}

/** Where a segment came from in an imported file. */
export interface XliffOrigin {
  /**
   * The unit's id in that file: consecutive segments with the same unit are written as one unit. "" for a
   * unit without id (invalid, old files): written with the segment id.
   */
  unit: string;
  /** The unit's position in the file it came from: tells apart units that (invalidly) share an id. */
  index?: number;
  /** The file of a multi-file XLIFF it was in (1.2 `original`, 2.x `file/@id`): unit ids are unique per file. */
  file?: string | null;
  /** The position of that file among the file's `<file>` elements: files are written apart again. */
  fileIndex?: number;
  /** The segment's id in that unit (2.x `segment/@id`, 1.2 `mrk/@mid`), null when it had none. */
  segment: string | null;
  /** false when the unit (or a group or file around it) said `translate="no"`: written so again. */
  translate?: false;
  /** Ignorables just before this segment. */
  before?: XliffIgnorableInput[];
  /** Ignorables after this segment (on the unit's last segment). */
  after?: XliffIgnorableInput[];
}

/** One Diwan segment (the writers group segments of one imported unit into that unit again). */
export interface XliffUnitInput {
  /** Segment id: becomes the unit id ("123" in 1.2, "s123" in 2.x) when there is no `origin`. */
  id: number;
  ar: string;
  en: string | null;
  status: SegmentStatus;
  /** Inline codes of the Arabic and of the English, at UTF-16 offsets of `ar` and `en`. */
  arCodes?: InlineCode[];
  enCodes?: InlineCode[];
  origin?: XliffOrigin;
  glossary?: XliffGlossaryHint[];
  qa?: XliffQaNote[];
  matches?: XliffMatch[];
}

/**
 * What to write for a unit without English: "omit" (no target: Trados, memoQ, Phrase, Okapi),
 * "empty" (an empty target), "source" (a copy of the source flagged untranslated: OmegaT's XLIFF 1.2
 * filter only shows units that have a target).
 */
export type EmptyTargets = "omit" | "empty" | "source";

export interface XliffWriteOptions {
  emptyTargets?: EmptyTargets;
  /** Flush threshold in UTF-16 code units. */
  chunkChars?: number;
}

export type UnitSource = AsyncIterable<XliffUnitInput> | Iterable<XliffUnitInput>;

export const XLIFF12_STATE: Record<SegmentStatus, string> = {
  new: "new",
  translated: "translated",
  reviewed: "signed-off",
  approved: "final",
};

export const XLIFF2_STATE: Record<SegmentStatus, string> = {
  new: "initial",
  translated: "translated",
  reviewed: "reviewed",
  approved: "final",
};

/** Unit id for XLIFF 2.x: an NCName (so also a valid NMTOKEN and usable in fragment identifiers). */
export const xliff2UnitId = (segmentId: number): string => `s${segmentId}`;

export function checkSegmentId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 0)
    throw new FormatError("invalid-content", `segment id ${id} is not a non-negative integer`);
}

export function formatScore(score: number): string {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new FormatError("invalid-content", `match score ${score} is outside 0–100`);
  return String(Math.round(score * 100) / 100);
}

const RENDERING_WORD: Record<TermStatus, string> = {
  preferred: "use",
  admitted: "also acceptable",
  deprecated: "avoid (deprecated)",
  forbidden: "never use (forbidden)",
};

/** A plain-language line a translator can read in any CAT tool's notes pane. */
export function glossaryHintText(h: XliffGlossaryHint): string {
  const parts: string[] = [];
  for (const status of ["preferred", "admitted", "deprecated", "forbidden"] as const) {
    const texts = h.translations.filter((t) => t.status === status).map((t) => `"${t.text}"`);
    if (texts.length > 0) parts.push(`${RENDERING_WORD[status]} ${texts.join(", ")}`);
  }
  const def = h.definition ? ` Definition: ${h.definition}` : "";
  const termStatus = h.status === "preferred" ? "" : ` (source term is ${h.status})`;
  return `Glossary: ${h.term}${termStatus} → ${parts.join("; ") || "no English rendering"}.${def}`;
}

export const QA_PRIORITY: Record<XliffQaNote["severity"], number> = { error: 1, warning: 3, info: 5 };

export const sourceOf = (u: XliffUnitInput): Content => ({ text: u.ar, codes: u.arCodes ?? [] });
export const targetOf = (u: XliffUnitInput): Content | null =>
  u.en === null ? null : { text: u.en, codes: u.enCodes ?? [] };

/** Whether segment `b` belongs to the same imported unit as segment `a` (both have its origin). */
export function sameUnit(a: XliffUnitInput, b: XliffUnitInput): boolean {
  const x = a.origin;
  const y = b.origin;
  return (
    x !== undefined &&
    y !== undefined &&
    x.unit === y.unit &&
    (x.file ?? null) === (y.file ?? null) &&
    (x.fileIndex ?? 0) === (y.fileIndex ?? 0) &&
    x.index === y.index
  );
}

/**
 * Consecutive segments of one imported unit, as arrays; a segment without `origin` is a unit of its own.
 */
export async function* unitsOf(segments: UnitSource): AsyncGenerator<XliffUnitInput[]> {
  let group: XliffUnitInput[] = [];
  for await (const s of segments) {
    const last = group[group.length - 1];
    if (last !== undefined && !sameUnit(last, s)) {
      yield group;
      group = [];
    }
    group.push(s);
  }
  if (group.length > 0) yield group;
}

/** The least advanced status of a unit's segments (what a 1.2 unit, with one state, can say). */
export function lowestStatus(segments: readonly XliffUnitInput[]): SegmentStatus {
  const order: SegmentStatus[] = ["new", "translated", "reviewed", "approved"];
  return segments.reduce<SegmentStatus>(
    (low, s) => (order.indexOf(s.status) < order.indexOf(low) ? s.status : low),
    "approved",
  );
}

/** Where an export puts a unit: its `<file>` and its id there. */
export interface UnitPlace {
  /** Ordinal of the `<file>` element in the export (0-based). */
  file: number;
  /** The unit opens a new `<file>` (the first unit does). */
  newFile: boolean;
  /** The imported file's name (1.2 `original`, 2.x `file/@id`), null for Diwan's own file. */
  fileName: string | null;
  unitId: string;
}

/**
 * Files and unit ids as the writers write them, unit after unit. Units of an imported multi-file XLIFF go
 * into a `<file>` of their own again (a new one starts when the file of the unit's origin changes; units
 * without origin stay in the current file). A unit's id is the imported unit's id (2.x: as an NMTOKEN),
 * else the segment id (`123`, 2.x `s123`); an id already written in the same file (ids that were not
 * unique) gets `_2`, `_3`…. Deterministic in document order, so an import maps units back the same way.
 */
export function exportLayout(
  version: XliffVersion,
  nmtoken: (v: string) => string,
): (first: XliffUnitInput) => UnitPlace {
  let used = new Set<string>();
  let file = -1;
  let fileKey: string | null = null;
  let fileName: string | null = null;
  return (first) => {
    const o = first.origin;
    const key = o === undefined ? null : `${o.fileIndex ?? 0}\u0000${o.file ?? ""}`;
    const newFile = file < 0 || (key !== null && key !== fileKey);
    if (newFile) {
      file++;
      used = new Set();
      fileKey = key;
      fileName = o?.file ?? null;
    }
    const base =
      o === undefined || o.unit === ""
        ? version === "1.2"
          ? String(first.id)
          : xliff2UnitId(first.id)
        : version === "1.2"
          ? o.unit
          : nmtoken(o.unit);
    let unitId = base;
    for (let n = 2; used.has(unitId); n++) unitId = `${base}_${n}`;
    used.add(unitId);
    return { file, newFile, fileName, unitId };
  };
}
