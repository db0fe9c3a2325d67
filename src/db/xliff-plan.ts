/**
 * The plan of an import of translated XLIFF into its document: which stored segment each unit (or each
 * segment of a unit) of the file is, and what changes. Units are found where the export put them
 * (`exportLayout`: the same files, unit ids and segments), so a document created from a segmented,
 * multi-file XLIFF takes its translation back segment by segment.
 */
import type { Db } from "../env";
import { DomainError, ErrorCode, type FieldError } from "../errors";
import { type Content, concatContent } from "../formats/inline";
import { nmtoken } from "../formats/inline-write";
import { exportLayout, sameUnit, type XliffUnitInput } from "../formats/xliff-model";
import { segmentsOfUnit } from "../formats/xliff-origin";
import type { ParsedXliff, ParsedXliffUnit } from "../formats/xliff-read";
import { resolveStatus, type StateMode } from "../formats/xliff-state";
import type { InlineCode, SegmentStatus } from "../types";

export type ConflictReason =
  | "unknown-unit"
  | "duplicate-unit"
  | "source-changed"
  | "locked"
  | "segmentation-changed";

export interface ImportConflict {
  unitId: string;
  /** For a unit of several segments: the segment's id in the file (its position, 1-based, when it has none). */
  segment?: string;
  reason: ConflictReason;
}

export interface SegmentUpdate {
  id: number;
  en: string;
  enCodes: InlineCode[];
  status: SegmentStatus;
  /** Version read when planning: the write is refused if the segment moved on since. */
  version: number;
}

export interface ImportPlan {
  updates: SegmentUpdate[];
  unchanged: number;
  skipped: number;
  conflicts: ImportConflict[];
}

interface StoredSegment {
  id: number;
  ar: string;
  en: string | null;
  enCodes: string | null;
  status: SegmentStatus;
  version: number;
}

/** Ids per lookup query: one JSON parameter, results of a few MB. */
const LOOKUP_IDS = 10_000;

async function storedSegments(
  db: Db,
  documentId: number,
  ids: number[],
): Promise<Map<number, StoredSegment>> {
  const out = new Map<number, StoredSegment>();
  for (let i = 0; i < ids.length; i += LOOKUP_IDS) {
    const { results } = await db.$client
      .prepare(
        `SELECT id, ar, en, en_codes AS enCodes, status, version FROM segments
         WHERE id IN (SELECT value FROM json_each(?1)) AND +document_id = ?2`,
      )
      .bind(JSON.stringify(ids.slice(i, i + LOOKUP_IDS)), documentId)
      .all<StoredSegment>();
    for (const r of results) out.set(r.id, r);
  }
  return out;
}

type LayoutVersion = "1.2" | "2.x";
const layoutVersion = (v: ParsedXliff["version"]): LayoutVersion => (v.startsWith("2") ? "2.x" : "1.2");
const placeKey = (file: number, unitId: string) => `${file}\u0000${unitId}`;

/**
 * Where the document's export puts each segment: "file ordinal NUL unit id" → the unit's segment ids in
 * order. Reads only the origin's unit, file and index (not the content between segments).
 */
async function documentLayout(
  db: Db,
  documentId: number,
  version: LayoutVersion,
): Promise<Map<string, number[]>> {
  const { results } = await db.$client
    .prepare(
      `SELECT id, xliff ->> '$.unit' AS unit, xliff ->> '$.file' AS file, xliff ->> '$.fileIndex' AS fileIndex,
         xliff ->> '$.index' AS idx
       FROM segments WHERE document_id = ?1 ORDER BY position`,
    )
    .bind(documentId)
    .all<{
      id: number;
      unit: string | null;
      file: string | null;
      fileIndex: number | null;
      idx: number | null;
    }>();
  const place = exportLayout(version === "1.2" ? "1.2" : "2.0", nmtoken);
  const out = new Map<string, number[]>();
  let first: XliffUnitInput | null = null;
  let unit: number[] = [];
  const flush = () => {
    if (first === null) return;
    const at = place(first);
    out.set(placeKey(at.file, at.unitId), unit);
  };
  for (const r of results) {
    const input: XliffUnitInput = { id: r.id, ar: "", en: null, status: "new" };
    if (r.unit !== null)
      input.origin = {
        unit: r.unit,
        file: r.file,
        ...(r.fileIndex === null ? {} : { fileIndex: Number(r.fileIndex) }),
        ...(r.idx === null ? {} : { index: Number(r.idx) }),
        segment: null,
      };
    if (first === null || !sameUnit(first, input)) {
      flush();
      first = input;
      unit = [];
    }
    unit.push(r.id);
  }
  flush();
  return out;
}

// Directional marks and isolates: CAT tools add or drop them around Arabic text without meaning to.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The form in which a unit's source is compared with the stored Arabic: Unicode NFC, bidi control
 * characters removed, whitespace runs collapsed, trimmed — tools normalise these on save. Any other
 * difference (a letter, a diacritic, a digit) is a changed source.
 */
export const sourceComparisonKey = (s: string) =>
  s.normalize("NFC").replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();

/** cyrb53: a fast 53-bit string hash (public domain). Two different sources collide with p ≈ 2⁻⁵³. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A translation read for a stored segment: a source hash, the English with its codes, the status. */
export interface ImportPart {
  /** The segment's id in the file (null when it has none). */
  segment: string | null;
  sourceHash: number;
  en: string | null;
  enCodes: InlineCode[];
  status: SegmentStatus | null;
  /** A draft by its standard state only (OmegaT's needs-translation on translated units). */
  draftByState: boolean;
}

/**
 * What an import keeps of a parsed unit: the whole unit (for a stored segment that a tool segmented
 * further) and each of its segments. Sources are reduced to a hash of their comparison key, so a
 * 100,000-unit upload does not hold every Arabic source twice (the file text and the units) in the
 * isolate's 128 MB while it is planned and written.
 */
export interface ImportUnit {
  id: string;
  /** The position of its `<file>` in the file. */
  fileIndex: number;
  /** Diwan segment id when the unit id is "123" (1.2) or "s123" (2.x), else null. */
  segmentId: number | null;
  whole: ImportPart;
  segments: ImportPart[];
}

/** The whole unit's target with its codes (the content between segments included). */
function wholeTarget(u: ParsedXliffUnit): Content | null {
  if (u.en === null) return null;
  const parts = u.segments.map((s) =>
    s.kind === "ignorable" ? (s.target ?? s.source) : (s.target ?? { text: "", codes: [] }),
  );
  return concatContent(parts);
}

export function importUnitOf(u: ParsedXliffUnit): ImportUnit {
  const target = wholeTarget(u);
  const drafts = u.segments.filter((s) => s.kind === "segment").map((s) => s.draftByState);
  return {
    id: u.id,
    fileIndex: u.fileIndex,
    segmentId: u.segmentId,
    whole: {
      segment: null,
      sourceHash: hash53(sourceComparisonKey(u.source)),
      en: u.en,
      enCodes: target?.codes ?? [],
      status: u.status,
      draftByState: u.draftByState,
    },
    // segmentsOfUnit keeps the unit's segments (not what lies between them) in order.
    segments: segmentsOfUnit(u).map((s, i) => ({
      segment: s.origin?.segment ?? String(i + 1),
      sourceHash: hash53(sourceComparisonKey(s.ar)),
      en: s.en,
      enCodes: s.en === null ? [] : [...(s.enCodes ?? [])],
      status: s.en === null ? null : s.status,
      draftByState: drafts[i] ?? false,
    })),
  };
}

/** Targets longer than this, or carrying control characters, refuse the whole import (as PATCH would). */
export const MAX_TARGET_CHARS = 20_000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function targetProblem(en: string): string | null {
  if (en.length > MAX_TARGET_CHARS) return `target is longer than ${MAX_TARGET_CHARS} characters`;
  if (CONTROL.test(en)) return "target contains control characters";
  return null;
}

const codesJson = (codes: readonly InlineCode[]) => (codes.length === 0 ? null : JSON.stringify(codes));

/**
 * Decides, segment by segment, what an import does. Throws a 400 listing every invalid target (nothing is
 * written then). A unit is the stored unit the export wrote with its file and id; its segments map 1:1
 * to the stored segments, or, when the document stored it as one segment, the whole unit does (a tool
 * segmented it). Units of other documents, or ids the export never wrote, are `unknown-unit` conflicts;
 * a unit whose segments no longer match the stored ones in number is `segmentation-changed`.
 */
export async function planImport(
  db: Db,
  documentId: number,
  units: ImportUnit[],
  version: ParsedXliff["version"] = "1.2",
  states: StateMode = "lenient",
): Promise<ImportPlan> {
  const invalid: FieldError[] = [];
  for (const u of units) {
    for (const p of [u.whole, ...u.segments]) {
      const problem = p.en === null ? null : targetProblem(p.en);
      if (problem) invalid.push({ field: `units.${u.id}.target`, message: problem });
      if (problem) break;
    }
  }
  if (invalid.length > 0)
    throw new DomainError(
      ErrorCode.InvalidTargets,
      `${invalid.length} target(s) cannot be stored; nothing was imported`,
      { errors: invalid.slice(0, 100) },
    );

  const layout = await documentLayout(db, documentId, layoutVersion(version));
  const idsOf = (u: ImportUnit): number[] | undefined =>
    layout.get(placeKey(u.fileIndex, u.id)) ?? (u.segmentId === null ? undefined : [u.segmentId]);
  const ids = [...new Set(units.flatMap((u) => idsOf(u) ?? []))];
  const stored = await storedSegments(db, documentId, ids);
  const plan: ImportPlan = { updates: [], unchanged: 0, skipped: 0, conflicts: [] };
  const seen = new Set<number>();
  for (const u of units) {
    const unitIds = idsOf(u)?.filter((id) => stored.has(id)) ?? [];
    if (unitIds.length === 0) {
      plan.conflicts.push({ unitId: u.id, reason: "unknown-unit" });
      continue;
    }
    const pairs: [ImportPart, number][] =
      unitIds.length === u.segments.length
        ? u.segments.map((p, i) => [p, unitIds[i]!])
        : unitIds.length === 1
          ? [[u.whole, unitIds[0]!]]
          : [];
    if (pairs.length === 0) {
      plan.conflicts.push({ unitId: u.id, reason: "segmentation-changed" });
      continue;
    }
    for (const [p, id] of pairs) {
      const seg = stored.get(id)!;
      const conflict = (reason: ConflictReason) =>
        plan.conflicts.push({
          unitId: u.id,
          ...(pairs.length > 1 && p.segment ? { segment: p.segment } : {}),
          reason,
        });
      if (seen.has(seg.id)) {
        conflict("duplicate-unit");
        continue;
      }
      seen.add(seg.id);
      if (p.sourceHash !== hash53(sourceComparisonKey(seg.ar))) {
        conflict("source-changed");
        continue;
      }
      // Lenient: a draft by its standard state only is a translation when it is not the English exported.
      const status = resolveStatus(p, { en: seg.en, status: seg.status }, states);
      if (p.en === null || status === null) {
        plan.skipped++;
        continue;
      }
      const sameEnglish = p.en === seg.en && codesJson(p.enCodes) === seg.enCodes;
      if (seg.status === "approved") {
        // A locked segment coming back with the same English is simply unchanged, whatever the state.
        if (sameEnglish) plan.unchanged++;
        else conflict("locked");
        continue;
      }
      if (sameEnglish && status === seg.status) {
        plan.unchanged++;
        continue;
      }
      plan.updates.push({ id: seg.id, en: p.en, enCodes: p.enCodes, status, version: seg.version });
    }
  }
  return plan;
}
