/**
 * XLIFF 2.0 / 2.1 element handlers: `unit`s in `file`s and `group`s, their `originalData`, and each
 * `segment` and `ignorable` with its `source`, `target` and inline codes; `translate` is inherited from
 * file and group. Modules and extensions (notes, matches, glossary, metadata, tools' namespaces) are
 * skipped: they are not the translation.
 */
import { FormatError } from "./errors";
import type { Content } from "./inline";
import { ContentReader, XLIFF2_INLINE } from "./inline-read";
import {
  NO_ID,
  type RawSegment,
  unitTolerant,
  type VersionHandler,
  type XliffDocumentSink,
} from "./xliff-handler";
import { XLIFF2_LEVEL } from "./xliff-state";
import { attr, type XmlElement } from "./xml-parse";

interface Piece {
  kind: "segment" | "ignorable";
  id: string | null;
  state: string | null;
  source: Content | null;
  target: Content | null;
}

export function createXliff2Handler(sink: XliffDocumentSink, ns: string): VersionHandler {
  let file: string | null = null;
  let fileIndex = -1;
  /** `translate` of enclosing file and groups: [depth, translate] from the outermost. */
  const translateAt: [number, boolean][] = [];
  let unit: {
    id: string;
    depth: number;
    translate: boolean;
    segments: RawSegment[];
    notices: string[];
  } | null = null;
  let originalData = new Map<string, string>();
  /** Inside `<originalData>`: the `data` being read (id, text so far). */
  let data: { id: string; text: string } | null = null;
  let inOriginalData = false;
  let piece: Piece | null = null;
  let reader: ContentReader | null = null;
  let readerDepth = 0;
  let readerFor: "source" | "target" = "source";
  let skipDepth = 0;
  /** The open <file>'s depth, and whether it holds a unit or a group (XLIFF 2 requires one). */
  let fileDepth = -1;
  let fileHolds = false;

  const inherited = () => translateAt.length === 0 || translateAt[translateAt.length - 1]![1];
  const pushTranslate = (el: XmlElement, depth: number) => {
    const t = attr(el, "translate");
    if (t !== undefined) translateAt.push([depth, t !== "no"]);
  };

  const handler: VersionHandler = {
    open(el, depth) {
      if (skipDepth > 0) return;
      if (reader !== null) return reader.openElement(el, depth);
      if (unit === null) {
        if (el.uri !== ns) {
          skipDepth = depth;
          return;
        }
        if (el.local === "file") {
          file = attr(el, "id") ?? null;
          fileIndex++;
          fileDepth = depth;
          fileHolds = false;
          pushTranslate(el, depth);
        } else if (el.local === "group") {
          fileHolds = true;
          pushTranslate(el, depth);
        } else if (el.local === "unit") {
          fileHolds = true;
          const id = attr(el, "id");
          const t = attr(el, "translate");
          unit = {
            id: id ?? "",
            depth,
            translate: t === undefined ? inherited() : t !== "no",
            segments: [],
            notices: id === undefined ? [NO_ID] : [],
          };
          originalData = new Map();
        } else skipDepth = depth; // notes, skeleton, modules at file level
        return;
      }
      if (el.uri !== ns) {
        skipDepth = depth;
        return;
      }
      if (inOriginalData) {
        if (el.local === "data" && depth === unit.depth + 2) data = { id: attr(el, "id") ?? "", text: "" };
        else if (el.local === "cp" && data !== null) data.text += codePoint(attr(el, "hex") ?? "");
        else skipDepth = depth;
        return;
      }
      if (depth === unit.depth + 1) {
        if (el.local === "originalData") inOriginalData = true;
        else if (el.local === "segment" || el.local === "ignorable") {
          const segment = el.local === "segment";
          piece = {
            kind: segment ? "segment" : "ignorable",
            id: attr(el, "id") ?? null,
            state: segment ? (attr(el, "state") ?? "initial") : null,
            source: null,
            target: null,
          };
        } else skipDepth = depth;
        return;
      }
      if (piece !== null && depth === unit.depth + 2 && (el.local === "source" || el.local === "target")) {
        readerFor = el.local === "source" ? "source" : "target";
        reader = new ContentReader(XLIFF2_INLINE, ns, originalData, readerFor);
        readerDepth = depth;
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
        if (depth !== readerDepth) return reader.closeElement(el, depth);
        piece![readerFor] = reader.content();
        unit!.notices.push(...reader.notices);
        reader = null;
        return;
      }
      if (unit !== null) {
        if (inOriginalData) {
          if (data !== null && depth === unit.depth + 2) {
            originalData.set(data.id, data.text);
            data = null;
          } else if (depth === unit.depth + 1) inOriginalData = false;
          return;
        }
        if (piece !== null && depth === unit.depth + 1) {
          if (piece.source === null)
            throw new FormatError("invalid-content", `a <${piece.kind}> of unit ${unit.id} has no <source>`);
          unit.segments.push({
            kind: piece.kind,
            id: piece.id,
            source: piece.source,
            target: piece.target,
            state: piece.state,
            level: piece.state === null ? null : (XLIFF2_LEVEL.get(piece.state) ?? "draft"),
            toolStatus: null,
            toolLevel: null,
          });
          piece = null;
          return;
        }
        if (depth === unit.depth) {
          if (!unit.segments.some((s) => s.kind === "segment"))
            sink.notice({
              item: `unit ${unit.id}`,
              reason: "no <segment> (invalid XLIFF 2): nothing to import",
            });
          else
            sink.unit({
              id: unit.id,
              file,
              fileIndex: Math.max(0, fileIndex),
              translate: unit.translate,
              approved: false,
              segments: unit.segments,
              notices: unit.notices,
            });
          unit = null;
        }
        return;
      }
      if (translateAt[translateAt.length - 1]?.[0] === depth) translateAt.pop();
      // XLIFF 2 requires a <unit> or <group> in each <file>.
      if (depth === fileDepth && el.local === "file" && el.uri === ns && !fileHolds)
        sink.notice({ item: `file ${file ?? ""}`, reason: "no <unit> or <group> (invalid XLIFF 2)" });
    },
    text(t) {
      if (skipDepth > 0) return;
      if (reader !== null) reader.addText(t);
      else if (data !== null) data.text += t;
    },
  };
  return unitTolerant(
    handler,
    sink,
    () => unit,
    () => {
      unit = null;
      reader = null;
      piece = null;
      data = null;
      inOriginalData = false;
      skipDepth = 0;
    },
  );
}

function codePoint(hex: string): string {
  const cp = Number.parseInt(hex, 16);
  if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || cp > 0x10ffff)
    throw new FormatError("invalid-content", `<cp hex="${hex}"> is not a code point`);
  return String.fromCodePoint(cp);
}
