/**
 * XLIFF 1.2 element handlers: `trans-unit`s wherever they are (`body`, `group`, `bin-unit`), their
 * `source`, `seg-source` and `target` with inline codes, segments marked `<mrk mtype="seg" mid>`
 * (Trados, Matecat), and the tools' statuses (Trados `sdl:seg/@conf` per segment, memoQ `mq:status`,
 * Phrase `m:confirmed`). Everything else (notes, `alt-trans`, context groups, headers, skeletons) is
 * skipped: it is not the translation.
 */
import { FormatError } from "./errors";
import { type Content, concatContent, isEmptyContent } from "./inline";
import { ContentReader, XLIFF12_INLINE } from "./inline-read";
import {
  NO_ID,
  type RawSegment,
  unitTolerant,
  type VersionHandler,
  type XliffDocumentSink,
} from "./xliff-handler";
import {
  type Level,
  lowest,
  MEMOQ_LEVEL,
  MEMOQ_NS,
  PHRASE_NS,
  phraseLevel,
  SDL_LEVEL,
  SDL_NS,
  XLIFF12_LEVEL,
} from "./xliff-state";
import { attr, type XmlElement } from "./xml-parse";

/** A piece of a segmented source or target: a segment (`mid`) or what lies between segments (null). */
interface Piece {
  mid: string | null;
  content: Content;
}

/** Reads a `source`, `seg-source` or `target`, cutting it at each `<mrk mtype="seg">`. */
class SegmentedReader {
  readonly pieces: Piece[] = [];
  private segDepth = 0;
  private mid: string | null = null;
  readonly inline: ContentReader;

  constructor(ns: string, where: string) {
    this.inline = new ContentReader(XLIFF12_INLINE, ns, undefined, where);
  }

  open(el: XmlElement, depth: number, ns: string): void {
    if (this.segDepth === 0 && el.uri === ns && el.local === "mrk" && attr(el, "mtype") === "seg") {
      this.pieces.push({ mid: null, content: this.inline.cut() });
      this.segDepth = depth;
      this.mid = attr(el, "mid") ?? String(this.pieces.filter((p) => p.mid !== null).length + 1);
      return;
    }
    this.inline.openElement(el, depth);
  }

  close(el: XmlElement, depth: number): void {
    if (depth === this.segDepth) {
      this.pieces.push({ mid: this.mid, content: this.inline.cut() });
      this.segDepth = 0;
      return;
    }
    this.inline.closeElement(el, depth);
  }

  end(): Piece[] {
    this.pieces.push({ mid: null, content: this.inline.cut() });
    return this.pieces;
  }
}

const hasSegments = (pieces: Piece[]) => pieces.some((p) => p.mid !== null);
const whole = (pieces: Piece[]) => concatContent(pieces.map((p) => p.content));

interface UnitState {
  id: string;
  depth: number;
  translate: boolean;
  approved: boolean;
  source: Piece[] | null;
  segSource: Piece[] | null;
  target: Piece[] | null;
  state: string | null;
  /** memoQ / Phrase status of the whole unit. */
  toolStatus: string | null;
  toolLevel: Level | null;
  /** Trados `sdl:seg` confirmation per segment id. */
  sdl: Map<string, string | undefined>;
  notices: string[];
}

export function createXliff12Handler(sink: XliffDocumentSink, ns: string): VersionHandler {
  let file: string | null = null;
  let fileIndex = -1;
  /** `translate="no"` of enclosing groups: the depths of those that say so. */
  const noTranslate: number[] = [];
  let unit: UnitState | null = null;
  let skipDepth = 0;
  let reader: SegmentedReader | null = null;
  let readerDepth = 0;
  let readerFor: "source" | "seg-source" | "target" = "source";

  const startUnit = (el: XmlElement, depth: number): UnitState => {
    const id = attr(el, "id");
    const u: UnitState = {
      id: id ?? "",
      depth,
      translate: noTranslate.length === 0 && attr(el, "translate") !== "no",
      approved: attr(el, "approved") === "yes",
      source: null,
      segSource: null,
      target: null,
      state: null,
      toolStatus: null,
      toolLevel: null,
      sdl: new Map(),
      notices: id === undefined ? [NO_ID] : [],
    };
    const mq = attr(el, "status", MEMOQ_NS);
    const phrase = attr(el, "confirmed", PHRASE_NS);
    if (mq !== undefined) {
      u.toolStatus = `mq:${mq}`;
      u.toolLevel = MEMOQ_LEVEL.get(mq) ?? "draft";
    } else if (phrase !== undefined) {
      u.toolStatus = `phrase:${phrase}`;
      u.toolLevel = phraseLevel(phrase);
    }
    return u;
  };

  const finish = (u: UnitState) => {
    const segments = segmentsOf(u);
    sink.unit({
      id: u.id,
      file,
      fileIndex: Math.max(0, fileIndex),
      translate: u.translate,
      approved: u.approved,
      segments,
      notices: u.notices,
    });
  };

  const handler: VersionHandler = {
    open(el, depth) {
      if (skipDepth > 0) return;
      if (reader !== null) return reader.open(el, depth, ns);
      if (unit === null) {
        if (el.uri !== ns) {
          skipDepth = depth;
          return;
        }
        switch (el.local) {
          case "file":
            sink.srcLang ??= attr(el, "source-language") ?? null;
            sink.trgLang ??= attr(el, "target-language") ?? null;
            file = attr(el, "original") ?? null;
            fileIndex++;
            return;
          case "group":
            if (attr(el, "translate") === "no") noTranslate.push(depth);
            return;
          case "trans-unit":
            unit = startUnit(el, depth);
            return;
          case "bin-unit":
            sink.notice({
              item: `bin-unit ${attr(el, "id") ?? "(no id)"}`,
              reason: "binary content (bin-source, bin-target) is not imported; trans-units inside it are",
            });
            return;
          case "header":
          case "bin-source":
          case "bin-target":
            skipDepth = depth;
            return;
          default:
            return;
        }
      }
      if (depth === unit.depth + 1 && el.uri === ns) {
        if (el.local === "source" || el.local === "seg-source" || el.local === "target") {
          readerFor = el.local === "source" ? "source" : el.local === "target" ? "target" : "seg-source";
          reader = new SegmentedReader(ns, readerFor);
          readerDepth = depth;
          if (el.local === "target") {
            unit.state = attr(el, "state") ?? null;
            // A second target (invalid) would be read over the first: keep the first.
            if (unit.target !== null) unit.notices.push("a second <target> was ignored");
          }
          return;
        }
      }
      if (el.uri === SDL_NS && el.local === "seg-defs" && depth === unit.depth + 1) return;
      if (el.uri === SDL_NS && el.local === "seg") {
        unit.sdl.set(attr(el, "id") ?? "", attr(el, "conf"));
        skipDepth = depth;
        return;
      }
      skipDepth = depth;
    },
    close(el, depth) {
      if (skipDepth > 0) {
        if (depth === skipDepth) skipDepth = 0;
        return;
      }
      if (reader !== null) {
        if (depth !== readerDepth) return reader.close(el, depth);
        const pieces = reader.end();
        unit!.notices.push(...reader.inline.notices);
        if (readerFor === "source") unit!.source = pieces;
        else if (readerFor === "seg-source") unit!.segSource = pieces;
        else unit!.target ??= pieces;
        reader = null;
        return;
      }
      if (unit !== null && depth === unit.depth) {
        finish(unit);
        unit = null;
        return;
      }
      if (noTranslate[noTranslate.length - 1] === depth) noTranslate.pop();
    },
    text(t) {
      if (skipDepth === 0 && reader !== null) reader.inline.addText(t);
    },
  };
  return unitTolerant(
    handler,
    sink,
    () => unit,
    () => {
      unit = null;
      reader = null;
      skipDepth = 0;
    },
  );
}

/** The mid of the first segment after piece i ("" when none). */
function nextMid(pieces: Piece[], i: number): string {
  for (let k = i + 1; k < pieces.length; k++) if (pieces[k]!.mid !== null) return pieces[k]!.mid!;
  return "";
}

/** Content between segments by the mid of the segment that follows it (consecutive pieces joined). */
function betweensOf(pieces: Piece[]): Map<string, Content> {
  const out = new Map<string, Content>();
  for (const [i, p] of pieces.entries()) {
    if (p.mid !== null) continue;
    const key = nextMid(pieces, i);
    const before = out.get(key);
    out.set(key, before === undefined ? p.content : concatContent([before, p.content]));
  }
  return out;
}

/** The standard level of a 1.2 target state (null when the target has none). */
function stateLevel(state: string | null): Level | null {
  // Unknown values (x-…) read as translated: the tool wrote a target and a state of its own.
  return state === null ? null : (XLIFF12_LEVEL.get(state) ?? "translated");
}

/**
 * The unit's segments: those of its `seg-source` when it has any, with the target's segments matched by
 * `mid` and what lies between them as ignorables; otherwise one segment, the whole source and target.
 */
function segmentsOf(u: UnitState): RawSegment[] {
  const level = stateLevel(u.state);
  const sdlLevel = (mid: string | null): [Level, string] | null => {
    if (u.sdl.size === 0) return null;
    let pick: [Level, string] | null = null;
    for (const [id, conf] of u.sdl) {
      if (mid !== null && id !== mid) continue;
      const l = conf === undefined ? "draft" : (SDL_LEVEL.get(conf) ?? "draft");
      if (pick === null || lowest(l, pick[0]) === l) pick = [l, `sdl:${conf ?? "Unspecified"}`];
    }
    return pick;
  };
  const segment = (mid: string | null, source: Content, target: Content | null): RawSegment => {
    const sdl = sdlLevel(mid);
    return {
      kind: "segment",
      id: mid,
      source,
      target,
      state: u.state,
      level,
      toolStatus: sdl?.[1] ?? u.toolStatus,
      toolLevel: sdl?.[0] ?? u.toolLevel,
    };
  };
  const seg = u.segSource;
  if (seg === null || !hasSegments(seg)) {
    const source = u.source ?? seg;
    if (source === null) throw new FormatError("invalid-content", `trans-unit ${u.id} has no <source>`);
    const target = u.target === null ? null : whole(u.target);
    // One segment: Trados' confirmations of all its segments count (the lowest wins).
    const one = segment(null, whole(source), target);
    return [one];
  }
  const targetSegs = new Map<string, Content>();
  // What lies between segments, keyed by the mid of the segment it precedes ("" at the end): the
  // target's content before segment X goes with the source's content before segment X.
  const targetBetween = betweensOf(u.target ?? []);
  let target = u.target;
  if (target !== null) {
    for (const p of target) if (p.mid !== null) targetSegs.set(p.mid, p.content);
    const mids = new Set(seg.flatMap((p) => (p.mid === null ? [] : [p.mid])));
    const unmatched = [...targetSegs.keys()].filter((mid) => !mids.has(mid));
    if (unmatched.length > 0) {
      // A target segment the seg-source does not have (a tool split or added one): no segment of the
      // source to put it in, so the unit is read whole — one segment, nothing of the target left out.
      u.notices.push(
        `the target has segments the seg-source does not have (mids ${unmatched.join(", ")}): read as one segment`,
      );
      return [segment(null, whole(u.source ?? seg), whole(target))];
    }
    if (targetSegs.size === 0) {
      const all = whole(target);
      if (isEmptyContent(all)) target = null;
      else {
        // The target is not segmented like the seg-source: it can only be read as one segment.
        const mids = seg.flatMap((p) => (p.mid === null ? [] : [p.mid]));
        if (mids.length > 1)
          u.notices.push(
            `the target is not segmented like the seg-source (mids ${mids.join(", ")}): read as one segment`,
          );
        return [segment(null, whole(u.source ?? seg), all)];
      }
    }
  }
  const out: RawSegment[] = [];
  const sourceBetween = betweensOf(seg);
  for (const [i, p] of seg.entries()) {
    if (p.mid !== null) {
      out.push(segment(p.mid, p.content, target === null ? null : (targetSegs.get(p.mid) ?? null)));
      continue;
    }
    const key = nextMid(seg, i);
    const between = target === null ? null : (targetBetween.get(key) ?? { text: "", codes: [] });
    targetBetween.delete(key);
    if (isEmptyContent(p.content) && (between === null || isEmptyContent(between))) continue;
    out.push({
      kind: "ignorable",
      id: null,
      source: p.content,
      target: between,
      state: null,
      level: null,
      toolStatus: null,
      toolLevel: null,
    });
  }
  for (const [key, content] of targetBetween)
    if (!isEmptyContent(content) && !sourceBetween.has(key))
      u.notices.push(
        `target content "${content.text.slice(0, 40)}" between segments has no place in the seg-source: left out`,
      );
  return out;
}
