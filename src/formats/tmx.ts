/**
 * TMX 1.4b: streaming writer (valid against tmx14.dtd, without a DOCTYPE) and a reader, incremental or
 * over one string, that returns Arabic–English pairs from any TMX 1.1–1.4 file whose variants are tagged
 * `ar*` / `en*`.
 */
import type { SegmentStatus } from "../types";
import { FormatError } from "./errors";
import { escapeXmlAttr as attrEsc, escapeXmlText as text } from "./xml-escape";
import { attr, createXmlParser, type XmlLimits } from "./xml-parse";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

export interface TmxUnitInput {
  /** Written as `tuid`; a segment id or any stable key. */
  id?: number | string;
  ar: string;
  en: string;
  status?: SegmentStatus;
  /** ISO 8601 instant; written as TMX `changedate` (YYYYMMDDThhmmssZ). */
  changedAt?: string;
  note?: string | null;
}

export interface TmxWriteOptions {
  creationTool?: string;
  creationToolVersion?: string;
  chunkChars?: number;
}

/** Diwan's own property carrying the segment status (TMX `prop` types are free; `x-` marks private). */
export const TMX_STATUS_PROP = "x-diwan-status";

function tmxDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new FormatError("invalid-content", `not a date: ${iso}`);
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

async function* tmxParts(
  units: AsyncIterable<TmxUnitInput> | Iterable<TmxUnitInput>,
  o: TmxWriteOptions,
): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n';
  yield `<header creationtool="${attrEsc(o.creationTool ?? "Diwan")}" creationtoolversion="${attrEsc(o.creationToolVersion ?? "1")}" segtype="sentence" o-tmf="Diwan" adminlang="en" srclang="ar" datatype="plaintext"/>\n<body>`;
  for await (const u of units) {
    let s = "\n<tu";
    if (u.id !== undefined) s += ` tuid="${attrEsc(String(u.id))}"`;
    if (u.changedAt) s += ` changedate="${tmxDate(u.changedAt)}"`;
    s += ">";
    if (u.note) s += `<note>${text(u.note)}</note>`;
    if (u.status) s += `<prop type="${TMX_STATUS_PROP}">${u.status}</prop>`;
    s += `<tuv xml:lang="ar"><seg>${text(u.ar)}</seg></tuv><tuv xml:lang="en"><seg>${text(u.en)}</seg></tuv></tu>`;
    yield s;
  }
  yield "\n</body>\n</tmx>\n";
}

/** TMX 1.4b as a UTF-8 byte stream, Arabic as source language. */
export function writeTmx(
  units: AsyncIterable<TmxUnitInput> | Iterable<TmxUnitInput>,
  options: TmxWriteOptions = {},
): ReadableStream<Uint8Array> {
  return stringsToStream(tmxParts(units, options), options.chunkChars ?? DEFAULT_CHUNK_CHARS);
}

export interface TmxPair {
  tuid: string | null;
  ar: string;
  en: string;
  /** `prop` elements of the `tu` by type (last wins). */
  props: Record<string, string>;
  /** Inline codes (`bpt`, `ept`, `it`, `ph`, `ut`) dropped from the two segments. */
  droppedCodes: number;
}

export interface ParsedTmx {
  version: string;
  srcLang: string | null;
  pairs: TmxPair[];
  /** `tu`s without both an Arabic and an English variant. */
  skipped: number;
}

const KEEP = new Set(["hi"]);
const DROP = new Set(["bpt", "ept", "it", "ph", "ut"]);

/** Maps `ar`, `ar-SA`, `AR_eg`… to "ar" (same for English); other languages to null. */
export function baseLang(tag: string | undefined): "ar" | "en" | null {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return base === "ar" || base === "en" ? base : null;
}

/** An incremental TMX reader: feed the file in pieces, take the pairs read so far in batches. */
export interface TmxReader {
  /** Parses the next piece of the file (split anywhere); throws FormatError on the first problem. */
  write(chunk: string): void;
  /** Ends the file (an unfinished document is an error here). */
  close(): void;
  /** The pairs completed since the last call, in file order. */
  take(): TmxPair[];
  /** Pairs waiting to be taken, and the UTF-16 code units of their two segments. */
  readonly pendingPairs: number;
  readonly pendingChars: number;
  readonly version: string;
  readonly srcLang: string | null;
  /** `tu`s without both an Arabic and an English variant, so far. */
  readonly skipped: number;
}

export interface TmxReadLimits extends XmlLimits {
  /** Longest segment accepted, in UTF-16 code units (unlimited when absent). */
  maxSegmentChars?: number;
}

export function createTmxReader(limits: Partial<TmxReadLimits> = {}): TmxReader {
  let version = "";
  let srcLang: string | null = null;
  let skipped = 0;
  let pairs: TmxPair[] = [];
  let pendingChars = 0;
  const maxSegment = limits.maxSegmentChars ?? Number.POSITIVE_INFINITY;
  let tu: {
    tuid: string | null;
    ar: string | null;
    en: string | null;
    props: Record<string, string>;
    dropped: number;
  } | null = null;
  let tuvLang: "ar" | "en" | null = null;
  let seg: string | null = null;
  let segDepth = 0;
  let skipDepth = 0;
  let propType: string | null = null;
  let propText = "";
  const parser = createXmlParser(
    {
      open(el, depth) {
        if (skipDepth > 0) return;
        if (depth === 1) {
          if (el.local !== "tmx")
            throw new FormatError("wrong-root", `not a TMX document (root <${el.name}>)`);
          if (el.uri !== "")
            throw new FormatError("wrong-namespace", `TMX has no namespace, found "${el.uri}"`);
          const v = attr(el, "version") ?? "";
          if (!/^1\.[1-4]b?$/.test(v))
            throw new FormatError("wrong-version", `TMX version "${v}" is not supported`);
          version = v;
          return;
        }
        if (seg !== null) {
          if (KEEP.has(el.local)) return;
          if (!DROP.has(el.local))
            throw new FormatError("invalid-content", `unexpected <${el.name}> in <seg>`);
          tu!.dropped++;
          skipDepth = depth;
          return;
        }
        switch (el.local) {
          case "header":
            srcLang = attr(el, "srclang") ?? null;
            skipDepth = depth;
            return;
          case "tu":
            tu = {
              tuid: attr(el, "tuid") ?? null,
              ar: null,
              en: null,
              props: Object.create(null),
              dropped: 0,
            };
            return;
          case "tuv":
            tuvLang = baseLang(el.attributes["xml:lang"] ?? attr(el, "lang"));
            return;
          case "seg":
            seg = "";
            segDepth = depth;
            return;
          case "prop":
            if (tu !== null && tuvLang === null) {
              propType = attr(el, "type") ?? "";
              propText = "";
              return;
            }
            skipDepth = depth;
            return;
          case "body":
            return;
          default:
            skipDepth = depth;
        }
      },
      close(el, depth) {
        if (skipDepth > 0) {
          if (depth === skipDepth) skipDepth = 0;
          return;
        }
        if (seg !== null) {
          if (depth !== segDepth) return;
          // The first variant of each language wins; further ones (e.g. a second ar-EG) are ignored.
          if (tu !== null && tuvLang !== null && tu[tuvLang] === null) tu[tuvLang] = seg;
          seg = null;
          return;
        }
        if (el.local === "prop" && propType !== null) {
          tu!.props[propType] = propText;
          propType = null;
        } else if (el.local === "tuv") tuvLang = null;
        else if (el.local === "tu" && tu !== null) {
          if (tu.ar !== null && tu.en !== null) {
            pairs.push({
              tuid: tu.tuid,
              ar: tu.ar,
              en: tu.en,
              props: tu.props,
              droppedCodes: tu.dropped,
            });
            pendingChars += tu.ar.length + tu.en.length;
          } else skipped++;
          tu = null;
        }
      },
      text(t) {
        if (skipDepth > 0) return;
        if (seg !== null) {
          seg += t;
          if (seg.length > maxSegment) {
            const { line, column } = parser.position();
            throw new FormatError(
              "invalid-content",
              `segment longer than ${maxSegment} characters`,
              line,
              column,
            );
          }
        } else if (propType !== null) propText += t;
      },
    },
    limits,
  );
  return {
    write: (chunk) => parser.write(chunk),
    close: () => parser.close(),
    take() {
      const out = pairs;
      pairs = [];
      pendingChars = 0;
      return out;
    },
    get pendingPairs() {
      return pairs.length;
    },
    get pendingChars() {
      return pendingChars;
    },
    get version() {
      return version;
    },
    get srcLang() {
      return srcLang;
    },
    get skipped() {
      return skipped;
    },
  };
}

/** Reads a whole TMX document given as one string. */
export function parseTmx(input: string, limits: Partial<XmlLimits> = {}): ParsedTmx {
  const reader = createTmxReader(limits);
  reader.write(input);
  reader.close();
  return { version: reader.version, srcLang: reader.srcLang, pairs: reader.take(), skipped: reader.skipped };
}
