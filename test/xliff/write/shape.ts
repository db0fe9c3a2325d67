// What a unit must look like after Diwan stored it and wrote it again (in `version`), for comparisons
// with what was read first: the format's documented limits applied, nothing else.
import { type Content, type InlineCode, partners } from "../../../src/formats/inline";
import { nmtoken } from "../../../src/formats/inline-write";
import type { ParsedXliffUnit } from "../../../src/formats/xliff-read";
import type { XliffVersion } from "../../../src/formats/xliff-write";
import { marked as markedText } from "../../formats/marked";

/** What must come back: per unit its segments' kind, id, source and target with codes, and translation. */
/**
 * Units (by index) where the file reuses a segment's id for a code or for another segment or ignorable,
 * which XLIFF 2 forbids: written as 2.x, such a segment gets a fresh id (codes keep theirs).
 */
export function idCollisions(units: ParsedXliffUnit[]): Set<number> {
  const out = new Set<number>();
  for (const [i, u] of units.entries()) {
    const ids = u.segments.flatMap((s) => (s.id === null ? [] : [nmtoken(s.id)]));
    const segmentIds = new Set(ids);
    if (
      segmentIds.size < ids.length ||
      u.segments.some((s) =>
        [...s.source.codes, ...(s.target?.codes ?? [])].some((c) => segmentIds.has(nmtoken(c.id))),
      )
    )
      out.add(i);
  }
  return out;
}

export function shape(
  units: ParsedXliffUnit[],
  version: XliffVersion,
  original: "1.2" | "2.x",
  /** Units whose segments were renamed when written as 2.x (`idCollisions` of the units first read). */
  renamed: Set<number> = new Set(),
) {
  return units.map((u, unitIndex) => {
    // A code with no partner anywhere in the unit is written as isolated (1.2 it, 2.x isolated="yes").
    const lone = new Set<InlineCode>();
    for (const side of ["source", "target"] as const) {
      const codes = u.segments.flatMap((s) => s[side]?.codes ?? []);
      const partner = partners(codes);
      for (const [i, c] of codes.entries()) if (c.kind !== "standalone" && partner[i] === -1) lone.add(c);
    }
    // 2.x ids are unique in a unit with its segments: a file that reuses a segment's id (invalid) gets
    // fresh segment ids there, whatever they are; codes keep their ids.
    const collides = version !== "1.2" && renamed.has(unitIndex);
    const marked = (c: Content | null, data: boolean) =>
      markedText(
        c === null
          ? c
          : {
              ...c,
              codes: c.codes.map((x) => ({
                ...x,
                // A 1.2 mrk has no id of its own (its mid would have to name a segment).
                id: x.marker && version === "1.2" ? "" : x.id,
                ...(lone.has(x) ? { isolated: true as const } : {}),
                // 1.2 writes an isolated code as <it>, whose content is its data (empty when it had none).
                ...((lone.has(x) || x.isolated) && version === "1.2" && !x.marker
                  ? { data: x.data ?? "" }
                  : {}),
              })),
            },
        data,
      );
    // With no segment translated the unit has no target to write, so what lay between segments neither.
    const untranslated = u.segments.every((s) => s.kind === "ignorable" || s.en === null);
    return u.segments
      .filter(
        (s) =>
          !(untranslated && s.kind === "ignorable" && s.source.text === "" && s.source.codes.length === 0),
      )
      .map((s) => ({
        kind: s.kind,
        // 1.2 has no ids for what lies between segments; a segment without id gets one when written.
        id:
          s.kind === "ignorable" && version === "1.2"
            ? null
            : s.kind === "segment" && (s.id === null || collides)
              ? "any"
              : s.id !== null && version !== "1.2"
                ? nmtoken(s.id)
                : s.id,
        source: marked(s.source, true),
        // A target that is not a translation (a source copy, memoQ NotStarted) is not stored, so not written.
        target:
          s.kind === "segment" && s.en === null
            ? "(none)"
            : s.kind === "ignorable" && untranslated
              ? marked(s.source, true)
              : marked(
                  s.target ??
                    (s.kind === "ignorable" && (version === "1.2" || original === "1.2") ? s.source : null),
                  true,
                ),
        en: s.en,
        // 1.2 has one state per trans-unit: the least advanced segment's.
        status:
          version === "1.2" && u.segments.filter((x) => x.kind === "segment").length > 1 ? "unit" : s.status,
      }));
  });
}

/** Unit ids as written again: 2.x makes them NMTOKENs; a unit without id gets its segment's number. */
export function unitIdsOf(units: ParsedXliffUnit[], version: XliffVersion): string[] {
  return units.map((u) => (u.id === "" ? "(none)" : version === "1.2" ? u.id : nmtoken(u.id)));
}

/**
 * The first difference between the units first read and the units read back after Diwan wrote them in
 * `version` (shapes compared unit by unit), or null when they are the same.
 */
export function rewriteDifference(
  original: ParsedXliffUnit[],
  back: ParsedXliffUnit[],
  version: XliffVersion,
  from: "1.2" | "2.x",
): string | null {
  const renamed = idCollisions(original);
  const before = shape(original, version, from, renamed);
  const after = shape(back, version, from, renamed).map((segs, i) =>
    // A segment without id gets one when written: whatever it is.
    segs.map((s, k) => (before[i]?.[k]?.id === "any" ? { ...s, id: "any" } : s)),
  );
  if (before.length !== after.length) return `${before.length} units first, ${after.length} read back`;
  for (let i = 0; i < before.length; i++) {
    const a = JSON.stringify(before[i]);
    const b = JSON.stringify(after[i]);
    if (a !== b) return `unit ${original[i]!.id}: ${a.slice(0, 300)} ≠ ${b.slice(0, 300)}`;
  }
  return null;
}
