// TMX 1.1–1.4 as the specification defines translation units and variants (independent reader).
import type { Element } from "@xmldom/xmldom";
import {
  attr,
  type Content,
  child,
  childrenNamed,
  descendants,
  langOf,
  readContent,
  textOf,
} from "./content";

export interface TmxVariant {
  lang: string;
  content: Content;
}

export interface TmxUnit {
  tuid: string | null;
  /** `srclang` of the tu (or null: the header's applies). */
  srclang: string | null;
  variants: TmxVariant[];
  notes: string[];
  props: { type: string; value: string }[];
}

export interface TmxReading {
  format: "tmx";
  version: string;
  srclang: string | null;
  creationtool: string | null;
  segtype: string | null;
  units: TmxUnit[];
  /** What the file does against TMX while still readable. */
  violations: string[];
}

export function readTmx(root: Element): TmxReading {
  const header = child(root, "header");
  const body = child(root, "body");
  const unknown = new Set<string>();
  const units: TmxUnit[] = (body ? descendants(body, "tu") : []).map((tu) => ({
    tuid: attr(tu, "tuid"),
    srclang: attr(tu, "srclang"),
    variants: childrenNamed(tu, "tuv").map((tuv) => {
      const seg = child(tuv, "seg");
      return {
        lang: langOf(tuv) ?? "",
        content: seg ? readContent(seg, "tmx", new Map(), unknown) : { text: "", codes: [] },
      };
    }),
    notes: childrenNamed(tu, "note").map(textOf),
    props: childrenNamed(tu, "prop").map((p) => ({ type: attr(p, "type") ?? "", value: textOf(p) })),
  }));
  const violations: string[] = [];
  if (!header || !attr(header, "srclang")) violations.push("no header srclang (required)");
  if (units.some((u) => u.variants.some((v) => v.lang === ""))) violations.push("<tuv> without xml:lang");
  for (const problem of unknown) violations.push(`${problem} (TMX)`);
  return {
    violations,
    format: "tmx",
    version: attr(root, "version") ?? "",
    srclang: header ? attr(header, "srclang") : null,
    creationtool: header ? attr(header, "creationtool") : null,
    segtype: header ? attr(header, "segtype") : null,
    units,
  };
}

/** Variant languages in order of first appearance. */
export function tmxLanguages(reading: TmxReading): string[] {
  const found: string[] = [];
  for (const u of reading.units) for (const v of u.variants) if (!found.includes(v.lang)) found.push(v.lang);
  return found;
}
