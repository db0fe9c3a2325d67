/**
 * From a unit read in a file to the Diwan segments that keep it (one per segment, the unit's structure in
 * `origin`), and back again through the writers: a document created from an XLIFF is exported as the
 * same units and segments, so the translated file maps back 1:1.
 */

import type { XliffIgnorableInput, XliffUnitInput } from "./xliff-model";
import type { ParsedXliffUnit } from "./xliff-read";

/** A segment of an imported unit as it is stored: text, codes, translation and where it came from. */
export type ImportedSegment = Omit<XliffUnitInput, "id" | "glossary" | "qa" | "matches">;

/**
 * The unit's segments in order; ignorables before the first segment or between two go into the next
 * segment's `origin.before`, those after the last into its `origin.after`. Untranslated segments have
 * `en: null` and status "new".
 */
export function segmentsOfUnit(unit: ParsedXliffUnit): ImportedSegment[] {
  const out: ImportedSegment[] = [];
  let pending: XliffIgnorableInput[] = [];
  for (const s of unit.segments) {
    if (s.kind === "ignorable") {
      pending.push({ id: s.id, source: s.source, target: s.target });
      continue;
    }
    const translated = s.en !== null && s.target !== null;
    out.push({
      ar: s.source.text,
      arCodes: s.source.codes,
      en: translated ? s.target!.text : null,
      enCodes: translated ? s.target!.codes : [],
      status: translated ? (s.status ?? "translated") : "new",
      // A unit without id (NO_ID) cannot be written as itself again: its segments become units of their own.
      ...(unit.id === ""
        ? {}
        : { origin: { unit: unit.id, file: unit.file, index: unit.index, segment: s.id, before: pending } }),
    });
    pending = [];
  }
  const last = out[out.length - 1];
  if (pending.length > 0 && last?.origin) last.origin.after = pending;
  return out;
}
