/**
 * XLIFF reader for files written back by CAT tools (1.2, 2.0, 2.1), streaming over saxes.
 *
 * It extracts, per unit, the plain source and target text. Tools' own namespaces (sdl:, mq:, okp:, iws:,
 * …) are skipped, except the two status attributes that carry the translator's confirmation where the
 * standard `state` is absent (Trados `sdl:seg/@conf`, memoQ `mq:status`). Inline codes: paired codes
 * keep their text (`g`, `mrk`, `pc`); standalone codes and native-code carriers (`x`, `bx`, `ex`, `ph`,
 * `bpt`, `ept`, `it`, `sc`, `ec`, `cp`) carry no plaintext and are dropped, counted per unit.
 */
import type { SegmentStatus } from "../types";
import { FormatError } from "./errors";
import { lookupTable } from "./lookup-table";
import { XLIFF2_NS, XLIFF12_NS } from "./xliff-write";
import { attr, parseXml, type XmlElement, type XmlLimits } from "./xml-parse";

export const SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0";
export const MEMOQ_NS = "MQXliff";

export interface ParsedXliffUnit {
  /** The unit id exactly as in the file. */
  id: string;
  /** Diwan segment id when the unit id is "123" (1.2) or "s123" (2.x), else null. */
  segmentId: number | null;
  source: string;
  /** The target text as written (null when absent, or when a 2.x segment of the unit has none). */
  target: string | null;
  /** Standard state: 1.2 `target/@state`, 2.x the lowest `segment/@state` (default "initial"). */
  state: string | null;
  /** Tool-specific confirmation, e.g. "sdl:Translated", "mq:ManuallyConfirmed" (null when none). */
  toolStatus: string | null;
  translate: boolean;
  /** 1.2 `trans-unit/@approved="yes"`. */
  approved: boolean;
  /** The target when it counts as a translation (see `translationOf`), else null. */
  en: string | null;
  /** Diwan status implied by the states, null when `en` is null. */
  status: SegmentStatus | null;
  /** Standalone inline codes dropped from source and target (they carry no plaintext). */
  droppedCodes: number;
  /** Segments (2.x `segment`, 1.2 `mrk mtype="seg"` in the target) the unit was split into. */
  segments: number;
}

export interface ParsedXliff {
  version: "1.2" | "2.0" | "2.1";
  srcLang: string;
  trgLang: string | null;
  units: ParsedXliffUnit[];
}

/** How far a unit is, from the states; ordered so the lowest of several segments wins. */
type Level = "none" | "draft" | "translated" | "reviewed" | "approved";
const LEVEL_ORDER: Level[] = ["none", "draft", "translated", "reviewed", "approved"];
const lowest = (a: Level, b: Level): Level => (LEVEL_ORDER.indexOf(a) <= LEVEL_ORDER.indexOf(b) ? a : b);

const XLIFF12_LEVEL = lookupTable<Level>({
  // Older OmegaT keeps "needs-translation" after translating: a target that differs from the source is a draft.
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
const XLIFF2_LEVEL = lookupTable<Level>({
  initial: "draft",
  translated: "translated",
  reviewed: "reviewed",
  final: "approved",
});
const SDL_LEVEL = lookupTable<Level>({
  Draft: "draft",
  Translated: "translated",
  ApprovedTranslation: "reviewed",
  ApprovedSignOff: "approved",
  RejectedTranslation: "draft",
  RejectedSignOff: "draft",
});
const MEMOQ_LEVEL = lookupTable<Level>({
  NotStarted: "none",
  ManuallyConfirmed: "translated",
  Confirmed: "translated",
  Reviewer1Confirmed: "reviewed",
  Proofread: "reviewed",
  Reviewer2Confirmed: "approved",
});

/**
 * Decides whether a target is a translation. Not one: no target, a blank target, memoQ `NotStarted`,
 * or a "not translated yet" state (1.2 `new`/`needs-translation`, 2.x `initial`, Trados `Draft`) whose
 * target is a copy of the source. Such a state with real English is a draft, kept as status "new".
 */
export function translationOf(
  source: string,
  target: string | null,
  level: Level,
): { en: string | null; status: SegmentStatus | null } {
  if (target === null || target.trim() === "" || level === "none") return { en: null, status: null };
  if (level === "draft")
    return target === source ? { en: null, status: null } : { en: target, status: "new" };
  return { en: target, status: level };
}

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

// Inline elements: paired codes keep their text; the rest are dropped (and counted).
const KEEP_12 = new Set(["g", "mrk"]);
const DROP_12 = new Set(["x", "bx", "ex", "ph", "bpt", "ept", "it"]);
const KEEP_2 = new Set(["pc", "mrk"]);
const DROP_2 = new Set(["ph", "sc", "ec", "cp"]);
/** 2.x markers without content: nothing is lost, so they are not counted. */
const MARKERS_2 = new Set(["sm", "em"]);

interface UnitBuilder {
  id: string;
  translate: boolean;
  approved: boolean;
  source: string;
  target: string | null;
  state: string | null;
  level: Level | null;
  toolLevel: Level | null;
  toolStatus: string | null;
  dropped: number;
  segments: number;
  /** 2.x: does every segment/ignorable so far have a target? */
  complete: boolean;
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
  // Assigned inside the callbacks: an object keeps TypeScript from narrowing them to null.
  const head: { version: ParsedXliff["version"] | null; srcLang: string | null; trgLang: string | null } = {
    version: null,
    srcLang: null,
    trgLang: null,
  };
  const units: ParsedXliffUnit[] = [];
  let unit: UnitBuilder | null = null;
  let unitDepth = 0;
  /** > 0 while inside an element whose content is ignored. */
  let skipDepth = 0;
  /** Where text goes: the unit's source or target (or, in 2.x, the current segment's). */
  let capture: "source" | "target" | null = null;
  let captureDepth = 0;
  // 2.x: pieces of the current segment or ignorable.
  let pieceSource = "";
  let pieceTarget: string | null = null;
  let pieceIgnorable = false;
  let inPiece = false;
  // The document's own namespace string (equal to XLIFF12_NS or XLIFF2_NS once the root is accepted):
  // nearly every element's uri is this very string, so comparing against it is a pointer check rather
  // than a character-by-character comparison with the constant.
  let ns = "";

  const at = (el: XmlElement, message: string, code: "wrong-root" | "wrong-version" | "wrong-namespace") =>
    new FormatError(code, `${message} (root element <${el.name}>)`);

  const finishUnit = () => {
    const u = unit!;
    const level = u.toolLevel ?? u.level ?? (u.target === null ? "none" : "translated");
    const { en, status } = translationOf(u.source, u.target, level);
    const parsed: ParsedXliffUnit = {
      id: u.id,
      segmentId: segmentIdOf(u.id),
      source: u.source,
      target: u.target,
      state: u.state,
      toolStatus: u.toolStatus,
      translate: u.translate,
      approved: u.approved,
      en,
      status,
      droppedCodes: u.dropped,
      segments: Math.max(u.segments, 1),
    };
    if (onUnit) onUnit(parsed);
    else units.push(parsed);
    unit = null;
  };

  parseXml(
    text,
    {
      open(el, depth) {
        if (skipDepth > 0) return;
        if (depth === 1) {
          if (el.local !== "xliff") throw at(el, "not an XLIFF document", "wrong-root");
          const v = el.attributes.version;
          if (v === "1.2") {
            if (el.uri !== XLIFF12_NS)
              throw at(
                el,
                `XLIFF 1.2 must use the namespace ${XLIFF12_NS}, not "${el.uri}"`,
                "wrong-namespace",
              );
            head.version = "1.2";
            ns = el.uri;
          } else if (v === "2.0" || v === "2.1") {
            if (el.uri !== XLIFF2_NS)
              throw at(
                el,
                `XLIFF ${v} must use the namespace ${XLIFF2_NS}, not "${el.uri}"`,
                "wrong-namespace",
              );
            // The literal, not the attribute's string: head.version is compared for every element.
            head.version = v === "2.0" ? "2.0" : "2.1";
            ns = el.uri;
            head.srcLang = attr(el, "srcLang") ?? null;
            head.trgLang = attr(el, "trgLang") ?? null;
          } else if (v === undefined) {
            throw at(el, "the version attribute is missing", "wrong-version");
          } else {
            throw at(el, `XLIFF version "${v}" is not supported (1.2, 2.0 and 2.1 are)`, "wrong-version");
          }
          return;
        }
        if (capture !== null) {
          // Inline content of a source or target.
          if (el.uri === ns) {
            const keep = head.version === "1.2" ? KEEP_12 : KEEP_2;
            if (keep.has(el.local)) {
              if (
                el.local === "mrk" &&
                attr(el, "mtype") === "seg" &&
                capture === "target" &&
                head.version === "1.2"
              )
                unit!.segments++;
              return;
            }
            if (head.version !== "1.2" && MARKERS_2.has(el.local)) return;
            const drop = head.version === "1.2" ? DROP_12 : DROP_2;
            if (!drop.has(el.local) && el.local !== "sub")
              throw new FormatError("invalid-content", `unexpected <${el.name}> inside <${capture}>`);
          }
          unit!.dropped++;
          skipDepth = depth;
          return;
        }
        if (unit === null) {
          if (el.uri !== ns) {
            skipDepth = depth;
            return;
          }
          if (head.version === "1.2") {
            if (el.local === "file") {
              head.srcLang ??= attr(el, "source-language") ?? null;
              head.trgLang ??= attr(el, "target-language") ?? null;
            } else if (el.local === "trans-unit") {
              unit = newUnit(el);
              unitDepth = depth;
              unit.approved = attr(el, "approved") === "yes";
              const mq = attr(el, "status", MEMOQ_NS);
              if (mq !== undefined) {
                unit.toolStatus = `mq:${mq}`;
                unit.toolLevel = MEMOQ_LEVEL.get(mq) ?? "draft";
              }
            } else if (el.local === "bin-unit" || el.local === "header") skipDepth = depth;
          } else if (el.local === "unit") {
            unit = newUnit(el);
            unit.target = "";
            unitDepth = depth;
          } else if (el.local === "notes" || el.local === "skeleton") skipDepth = depth;
          return;
        }
        // Inside a unit, outside source/target.
        if (head.version === "1.2") {
          if (depth === unitDepth + 1 && el.uri === ns && (el.local === "source" || el.local === "target")) {
            capture = el.local === "source" ? "source" : "target"; // the literal: compared per text event
            captureDepth = depth;
            if (el.local === "target") {
              unit.target = "";
              unit.state = attr(el, "state") ?? null;
              if (unit.state !== null) unit.level = XLIFF12_LEVEL.get(unit.state) ?? "translated";
            }
            return;
          }
          if (el.uri === SDL_NS && el.local === "seg") {
            // One sdl:seg per segment of the unit; the least advanced one decides.
            const conf = attr(el, "conf");
            const level = conf === undefined ? "draft" : (SDL_LEVEL.get(conf) ?? "draft");
            if (unit.toolLevel === null || lowest(level, unit.toolLevel) === level) {
              unit.toolLevel = level;
              unit.toolStatus = `sdl:${conf ?? "Unspecified"}`;
            }
            return;
          }
          if (el.uri === SDL_NS && el.local === "seg-defs") return;
          skipDepth = depth;
          return;
        }
        // 2.x
        if (
          el.uri === ns &&
          depth === unitDepth + 1 &&
          (el.local === "segment" || el.local === "ignorable")
        ) {
          inPiece = true;
          pieceIgnorable = el.local === "ignorable";
          pieceSource = "";
          pieceTarget = null;
          if (!pieceIgnorable) {
            unit.segments++;
            const state = attr(el, "state") ?? "initial";
            const level = XLIFF2_LEVEL.get(state) ?? "draft";
            if (unit.level === null || lowest(level, unit.level) === level) {
              unit.level = level;
              unit.state = state;
            }
          }
          return;
        }
        if (inPiece && el.uri === ns && (el.local === "source" || el.local === "target")) {
          capture = el.local === "source" ? "source" : "target"; // the literal: compared per text event
          captureDepth = depth;
          if (el.local === "target") pieceTarget = "";
          return;
        }
        skipDepth = depth;
      },
      close(el, depth) {
        if (skipDepth > 0) {
          if (depth === skipDepth) skipDepth = 0;
          return;
        }
        if (capture !== null) {
          if (depth === captureDepth) capture = null;
          return;
        }
        if (unit === null) return;
        if (head.version !== "1.2" && inPiece && depth === unitDepth + 1) {
          inPiece = false;
          unit.source += pieceSource;
          if (pieceTarget !== null) {
            if (unit.target !== null) unit.target += pieceTarget;
          } else if (pieceIgnorable) {
            // An ignorable without target stands for the same whitespace in the target.
            if (unit.target !== null) unit.target += pieceSource;
          } else {
            unit.complete = false;
          }
          return;
        }
        if (depth === unitDepth) {
          if (head.version !== "1.2" && !unit.complete) unit.target = null;
          if (head.version !== "1.2" && unit.segments === 0) unit.target = null;
          finishUnit();
        }
        void el;
      },
      text(t) {
        if (skipDepth > 0 || capture === null || unit === null) return;
        if (head.version === "1.2") {
          if (capture === "source") unit.source += t;
          else unit.target += t;
        } else if (capture === "source") pieceSource += t;
        else pieceTarget += t;
      },
    },
    limits,
  );
  if (head.version === null || head.srcLang === null)
    throw new FormatError("invalid-content", "no source language found (srcLang / source-language)");
  return { version: head.version, srcLang: head.srcLang, trgLang: head.trgLang, units };
}

function newUnit(el: XmlElement): UnitBuilder {
  const id = attr(el, "id");
  if (id === undefined) throw new FormatError("invalid-content", `<${el.name}> without an id`);
  return {
    id,
    translate: attr(el, "translate") !== "no",
    approved: false,
    source: "",
    target: null,
    state: null,
    level: null,
    toolLevel: null,
    toolStatus: null,
    dropped: 0,
    segments: 0,
    complete: true,
  };
}
