/**
 * What an XLIFF target means for Diwan: the standard states (1.2 `target/@state`, 2.x `segment/@state`)
 * and each tool's own status (Trados `sdl:seg/@conf`, memoQ `mq:status`, Phrase `m:confirmed`) mapped to
 * how far a segment is, then to a Diwan status. docs/xliff.md, "State ↔ status", is the table in words.
 */
import type { SegmentStatus } from "../types";
import { lookupTable } from "./lookup-table";

export const SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0";
export const MEMOQ_NS = "MQXliff";
/** Phrase (Memsource) MXLIFF, an XLIFF 1.2 with `m:confirmed` per unit. */
export const PHRASE_NS = "http://www.memsource.com/mxlf/2.0";

/** How far a segment is, from the states; ordered so the lowest of several segments wins. */
export type Level = "none" | "draft" | "translated" | "reviewed" | "approved";
const LEVEL_ORDER: Level[] = ["none", "draft", "translated", "reviewed", "approved"];
export const lowest = (a: Level, b: Level): Level =>
  LEVEL_ORDER.indexOf(a) <= LEVEL_ORDER.indexOf(b) ? a : b;

export const XLIFF12_LEVEL = lookupTable<Level>({
  "needs-translation": "draft",
  new: "draft",
  "needs-adaptation": "draft",
  "needs-l10n": "draft",
  "needs-review-translation": "translated",
  "needs-review-adaptation": "translated",
  "needs-review-l10n": "translated",
  translated: "translated",
  "signed-off": "reviewed",
  final: "approved",
});
export const XLIFF2_LEVEL = lookupTable<Level>({
  initial: "draft",
  translated: "translated",
  reviewed: "reviewed",
  final: "approved",
});
export const SDL_LEVEL = lookupTable<Level>({
  Draft: "draft",
  Translated: "translated",
  ApprovedTranslation: "reviewed",
  ApprovedSignOff: "approved",
  RejectedTranslation: "draft",
  RejectedSignOff: "draft",
});
export const MEMOQ_LEVEL = lookupTable<Level>({
  NotStarted: "none",
  ManuallyConfirmed: "translated",
  Confirmed: "translated",
  Reviewer1Confirmed: "reviewed",
  Proofread: "reviewed",
  Reviewer2Confirmed: "approved",
});

/** Phrase `m:confirmed`: 0 unconfirmed, 1 confirmed (first step), 2 and up confirmed by later steps. */
export function phraseLevel(confirmed: string): Level {
  const n = Number(confirmed);
  if (!Number.isInteger(n) || n <= 0) return "draft";
  return n === 1 ? "translated" : "reviewed";
}

/** How the states of an uploaded file are read (docs/xliff.md). */
export type StateMode = "lenient" | "strict";

/** What a target is worth, before the import compares it with what was exported. */
export interface Translation {
  /** The target when it counts as a translation (see `translationOf`), else null. */
  en: string | null;
  /** The Diwan status the states give (strictly read); null when `en` is null. */
  status: SegmentStatus | null;
  /**
   * A draft only because the file's standard state says so (1.2 `new`/`needs-translation`…, 2.x
   * `initial`), with no tool status: OmegaT up to 5 keeps `needs-translation` on what it translates. Under
   * the lenient rule such a target is a translation when it differs from what was exported (`resolveStatus`).
   */
  draftByState: boolean;
}

/**
 * Decides whether a target is a translation. Not one: no target, a blank target, memoQ `NotStarted`,
 * or a draft (1.2 `new`/`needs-translation`, 2.x `initial`, Trados `Draft`, Phrase unconfirmed) whose
 * target is a copy of the source. A draft with real English is kept as status "new".
 */
export function translationOf(
  source: string,
  target: string | null,
  level: Level,
  byStandardState = false,
): Translation {
  if (target === null || target.trim() === "" || level === "none")
    return { en: null, status: null, draftByState: false };
  if (level === "draft")
    return target === source
      ? { en: null, status: null, draftByState: false }
      : { en: target, status: "new", draftByState: byStandardState };
  return { en: target, status: level, draftByState: false };
}

/** What Diwan holds for a segment when a translated file comes back (null for a new document). */
export interface StoredTranslation {
  en: string | null;
  status: SegmentStatus;
}

/**
 * The status an import stores. Strict: what the states say. Lenient (the default): a draft by its standard
 * state only is a translation when its English differs from what Diwan exported (the translator changed it
 * and the tool did not update the state), and keeps the stored status when it is the English exported.
 */
export function resolveStatus(
  t: Translation,
  stored: StoredTranslation | null,
  mode: StateMode,
): SegmentStatus | null {
  if (t.en === null || t.status === null) return null;
  if (mode === "strict" || !t.draftByState) return t.status;
  if (stored !== null && stored.en === t.en) return stored.status;
  return "translated";
}
