/**
 * From a unit read in a file to the Diwan segments that keep it (one per segment, the unit's structure in
 * `origin`), and back again through the writers: a document created from an XLIFF is exported as the
 * same units and segments, so the translated file maps back 1:1.
 */

import { isCodeOnly } from "./inline";
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
    // A code-only source (Trados: a tag between sentences) is translated by a target holding its codes.
    const codeOnly = isCodeOnly(s.source);
    // A target the same as its source (a name, a number) is a translation when the unit as a whole is one.
    const translated =
      s.target !== null &&
      (s.en !== null ||
        (codeOnly && s.target.codes.length > 0 && s.target.text.trim() === "") ||
        (unit.en !== null && s.target.text.trim() !== ""));
    out.push({
      ar: s.source.text,
      arCodes: s.source.codes,
      en: translated ? s.target!.text : null,
      enCodes: translated ? s.target!.codes : [],
      status: translated ? (s.status ?? unit.status ?? "translated") : "new",
      // A unit without id (NO_ID, unit "") is written with its segment's id (exportLayout), in its file.
      origin: {
        unit: unit.id,
        file: unit.file,
        fileIndex: unit.fileIndex,
        index: unit.index,
        segment: s.id,
        ...(unit.translate ? {} : { translate: false as const }),
        before: pending,
      },
    });
    pending = [];
  }
  const last = out[out.length - 1];
  if (pending.length > 0 && last?.origin) last.origin.after = pending;
  return out;
}
