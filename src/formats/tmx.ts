/**
 * TMX 1.4b: streaming writer (valid against tmx14.dtd, without a DOCTYPE) and a reader, incremental or
 * over one string, that returns Arabic–English pairs from any TMX 1.1–1.4 file whose variants are tagged
 * `ar*` / `en*` (any case and region), with their inline codes (`bpt`/`ept`, `ph`, `it`, `hi`, `ut`) in
 * the one inline model (inline.ts). Each `tu` left out is reported with its reason.
 */
import type { SegmentStatus } from "../types";
import { FormatError } from "./errors";
import type { InlineCode } from "./inline";
import { ContentReader, TMX_INLINE } from "./inline-read";
import { writeTmxSeg } from "./inline-write";
import { baseLang } from "./lang";
import { escapeXmlAttr as attrEsc, escapeXmlText as text } from "./xml-escape";
import { attr, createXmlParser, type XmlLimits } from "./xml-parse";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

export interface TmxUnitInput {
  /** Written as `tuid`; a segment id or any stable key. */
  id?: number | string;
  ar: string;
  en: string;
  /** Inline codes at UTF-16 offsets of `ar` and `en` (written as `bpt`/`ept`, `ph`, `it`, `hi`). */
  arCodes?: InlineCode[];
  enCodes?: InlineCode[];
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
    const ar = writeTmxSeg({ text: u.ar, codes: u.arCodes ?? [] });
    const en = writeTmxSeg({ text: u.en, codes: u.enCodes ?? [] });
    s += `<tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
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
  /** 1-based position of its `tu` in the file. */
  tu: number;
  tuid: string | null;
  /** Plain text of the Arabic and English variants (codes removed). */
  ar: string;
  en: string;
  arCodes: InlineCode[];
  enCodes: InlineCode[];
  /** `prop` elements of the `tu` by type (last wins). */
  props: Record<string, string>;
}

/** A `tu` left out, with why. */
export interface TmxSkip {
  /** 1-based position of the `tu` in the file. */
  tu: number;
  tuid: string | null;
  reason: string;
}

export interface ParsedTmx {
  version: string;
  srcLang: string | null;
  pairs: TmxPair[];
  /** `tu`s without both an Arabic and an English variant. */
  skipped: number;
  /** The first MAX_SKIP_LINES of them, each with its reason. */
  skips: TmxSkip[];
  /** Every variant language in the file as written, with how many `tuv`s carry it. */
  languages: Record<string, number>;
}

/** Skipped `tu`s listed one by one (the count goes on). */
export const MAX_SKIP_LINES = 1_000;

export { baseLang } from "./lang";

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
  /** The first MAX_SKIP_LINES skipped `tu`s with their reasons. */
  readonly skips: readonly TmxSkip[];
  /** Variant languages as written, with their `tuv` counts. */
  readonly languages: Readonly<Record<string, number>>;
}

export interface TmxReadLimits extends XmlLimits {
  /** Longest segment accepted, in UTF-16 code units (unlimited when absent). */
  maxSegmentChars?: number;
}

export function createTmxReader(limits: Partial<TmxReadLimits> = {}): TmxReader {
  let version = "";
  let srcLang: string | null = null;
  let skipped = 0;
  const skips: TmxSkip[] = [];
  const languages: Record<string, number> = Object.create(null);
  let tuCount = 0;
  let pairs: TmxPair[] = [];
  let pendingChars = 0;
  const maxSegment = limits.maxSegmentChars ?? Number.POSITIVE_INFINITY;
  interface Variant {
    text: string;
    codes: InlineCode[];
  }
  let tu: {
    tuid: string | null;
    ar: Variant | null;
    en: Variant | null;
    langs: string[];
    props: Record<string, string>;
  } | null = null;
  let inTuv = false;
  let tuvLang: "ar" | "en" | null = null;
  let seg: ContentReader | null = null;
  let segDepth = 0;
  let skipDepth = 0;
  let propType: string | null = null;
  let propText = "";
  const skip = (reason: string) => {
    skipped++;
    if (skips.length < MAX_SKIP_LINES) skips.push({ tu: tuCount, tuid: tu?.tuid ?? null, reason });
  };
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
        if (seg !== null) return seg.openElement(el, depth);
        switch (el.local) {
          case "header":
            srcLang = attr(el, "srclang") ?? null;
            skipDepth = depth;
            return;
          case "tu":
            tuCount++;
            tu = {
              tuid: attr(el, "tuid") ?? null,
              ar: null,
              en: null,
              langs: [],
              props: Object.create(null),
            };
            return;
          case "tuv": {
            const written = el.attributes["xml:lang"] ?? attr(el, "lang");
            inTuv = true;
            tuvLang = baseLang(written);
            const tag = written ?? "(none)";
            languages[tag] = (languages[tag] ?? 0) + 1;
            tu?.langs.push(tag);
            return;
          }
          case "seg":
            seg = new ContentReader(TMX_INLINE, "", undefined, "seg");
            segDepth = depth;
            return;
          case "prop":
            if (tu !== null && !inTuv) {
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
          if (depth !== segDepth) return seg.closeElement(el, depth);
          // The first variant of each language wins; further ones (e.g. a second ar-EG) are ignored.
          if (tu !== null && tuvLang !== null && tu[tuvLang] === null) tu[tuvLang] = seg.content();
          seg = null;
          return;
        }
        if (el.local === "prop" && propType !== null) {
          tu!.props[propType] = propText;
          propType = null;
        } else if (el.local === "tuv") {
          tuvLang = null;
          inTuv = false;
        } else if (el.local === "tu" && tu !== null) {
          if (tu.ar !== null && tu.en !== null) {
            pairs.push({
              tu: tuCount,
              tuid: tu.tuid,
              ar: tu.ar.text,
              en: tu.en.text,
              arCodes: tu.ar.codes,
              enCodes: tu.en.codes,
              props: tu.props,
            });
            pendingChars += tu.ar.text.length + tu.en.text.length;
          } else {
            const missing =
              tu.ar === null && tu.en === null
                ? "no Arabic and no English"
                : tu.ar === null
                  ? "no Arabic"
                  : "no English";
            skip(`${missing} variant (languages: ${tu.langs.join(", ") || "none"})`);
          }
          tu = null;
        }
      },
      text(t) {
        if (skipDepth > 0) return;
        if (seg !== null) {
          seg.addText(t);
          if (seg.text.length > maxSegment) {
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
    get skips() {
      return skips;
    },
    get languages() {
      return languages;
    },
  };
}

/** Reads a whole TMX document given as one string. */
export function parseTmx(input: string, limits: Partial<XmlLimits> = {}): ParsedTmx {
  const reader = createTmxReader(limits);
  reader.write(input);
  reader.close();
  return {
    version: reader.version,
    srcLang: reader.srcLang,
    pairs: reader.take(),
    skipped: reader.skipped,
    skips: [...reader.skips],
    languages: { ...reader.languages },
  };
}
