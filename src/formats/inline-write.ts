/**
 * Writers of the one inline-code model (inline.ts) in each format's own markup: XLIFF 1.2 `g`, `x`,
 * `bx`/`ex`, `ph`, `bpt`/`ept`, `it`, `mrk`; XLIFF 2.x `pc`, `ph`, `sc`/`ec`, `mrk`, `sm`/`em`, `cp`,
 * with `originalData`; TMX `bpt`/`ept`, `ph`, `it`, `hi`. Which element a code becomes depends on what it
 * carries (native data or not) and on whether it nests (`nesting`); docs/formats.md has the table.
 */
import { type Content, type InlineCode, type Nesting, nesting, partners } from "./inline";
import { escapeXmlAttr, escapeXmlText } from "./xml-escape";

const a = (name: string, value: string | undefined) =>
  value === undefined ? "" : ` ${name}="${escapeXmlAttr(value)}"`;

/** Emits text and codes in order; `render(i)` writes code i. */
function interleave(c: Content, render: (i: number) => string): string {
  let out = "";
  let pos = 0;
  for (let i = 0; i < c.codes.length; i++) {
    const at = c.codes[i]!.at;
    if (at > pos) {
      out += escapeXmlText(c.text.slice(pos, at));
      pos = at;
    }
    out += render(i);
  }
  return out + escapeXmlText(c.text.slice(pos));
}

// ------------------------------------------------------------------------------------ types, ctypes

const TYPES_2 = new Set(["fmt", "ui", "quote", "link", "image", "other"]);
/** 1.2 ctype / TMX type → 2.x type and subType (XLIFF 2.0 §4.9.3 and its 1.2 mapping notes). */
const FROM_CTYPE = new Map<string, [string, string?]>([
  ["bold", ["fmt", "xlf:b"]],
  ["italic", ["fmt", "xlf:i"]],
  ["underlined", ["fmt", "xlf:u"]],
  ["ulined", ["fmt", "xlf:u"]],
  ["lb", ["fmt", "xlf:lb"]],
  ["pb", ["fmt", "xlf:pb"]],
  ["link", ["link"]],
  ["image", ["image"]],
  ["color", ["fmt"]],
  ["font", ["fmt"]],
  ["dulined", ["fmt"]],
  ["scap", ["fmt"]],
]);
const XLF_SUBTYPE_TYPE = new Map([
  ["xlf:lb", "fmt"],
  ["xlf:pb", "fmt"],
  ["xlf:b", "fmt"],
  ["xlf:i", "fmt"],
  ["xlf:u", "fmt"],
  ["xlf:var", "ui"],
]);

/** The 2.x `type`/`subType` of a code: its own when valid, else derived from its 1.2/TMX type. */
function types2(c: InlineCode): { type?: string; subType?: string } {
  let type = c.type !== undefined && TYPES_2.has(c.type) ? c.type : undefined;
  let subType = type === undefined ? undefined : c.subType;
  if (type === undefined && c.ctype !== undefined) [type, subType] = FROM_CTYPE.get(c.ctype) ?? [];
  if (subType !== undefined) {
    const required = XLF_SUBTYPE_TYPE.get(subType);
    const valid =
      /^[^\s:]+:[^\s:]+$/.test(subType) && (subType.startsWith("xlf:") ? required === type : true);
    if (!valid) subType = undefined;
  }
  return { type, subType };
}

/** 1.2 ctype values per element family (strict schema): anything else is written as `x-…`. */
const DELIMITERS = new Set(["bold", "italic", "underlined", "link"]);
const PLACEHOLDERS = new Set(["image", "pb", "lb"]);
const TO_CTYPE = new Map([
  ["xlf:b", "bold"],
  ["xlf:i", "italic"],
  ["xlf:u", "underlined"],
  ["xlf:lb", "lb"],
  ["xlf:pb", "pb"],
]);

function ctype12(c: InlineCode, placeholder: boolean): string | undefined {
  const allowed = placeholder ? PLACEHOLDERS : DELIMITERS;
  const xtend = (v: string) => `x-${v.replace(/[\s]+/g, "_")}`;
  if (c.ctype !== undefined)
    return allowed.has(c.ctype) || c.ctype.startsWith("x-") ? c.ctype : xtend(c.ctype);
  const fromSub = c.subType === undefined ? undefined : TO_CTYPE.get(c.subType);
  if (fromSub !== undefined && allowed.has(fromSub)) return fromSub;
  if (c.type === "link" && !placeholder) return "link";
  if (c.type === "image" && placeholder) return "image";
  if (c.subType !== undefined) return xtend(c.subType.replace(":", "-"));
  return c.type === undefined ? undefined : xtend(c.type);
}

// ------------------------------------------------------------------------------------------ XLIFF 1.2

/** A part of a 1.2 unit's flow: a segment (written as `<mrk mtype="seg">` when `marks`) or text between. */
export interface Flow12Part {
  content: Content;
  /** The segment's `mid`; null for content between segments (2.x ignorables). */
  segment: string | null;
}

/**
 * A 1.2 `source`/`seg-source`/`target` body from a unit's parts. With `marks`, each segment is wrapped in
 * `<mrk mtype="seg" mid>`; codes nest around and inside them where they can (`g`), and are written as
 * `bx`/`ex` (`bpt`/`ept` with native data) where they cross a segment or another code.
 */
export function write12(parts: readonly Flow12Part[], marks: boolean): string {
  const text: string[] = [];
  const codes: (InlineCode & { boundary?: true })[] = [];
  let offset = 0;
  for (const p of parts) {
    const boundary = marks && p.segment !== null;
    if (boundary) codes.push({ kind: "open", id: p.segment!, at: offset, boundary: true });
    for (const c of p.content.codes) codes.push({ ...c, at: c.at + offset });
    if (boundary)
      codes.push({ kind: "close", id: p.segment!, at: offset + p.content.text.length, boundary: true });
    text.push(p.content.text);
    offset += p.content.text.length;
  }
  // Boundaries are markers of their own kind: a code with the same id is not their partner.
  const forNesting = codes.map((c) =>
    c.boundary ? { ...c, id: `\u0000${c.id}`, marker: { type: "seg" } } : c,
  );
  const how = nesting(forNesting, (i) => codes[i]!.boundary === true);
  // A pair is bpt/ept when either half carries native data (its other half then carries "" at least).
  const partner = partners(forNesting);
  const native = (i: number) =>
    codes[i]!.data !== undefined || (partner[i] !== -1 && codes[partner[i]!]!.data !== undefined);
  // rid must be unique per source/target (schema): a code id used by several pairs goes without it.
  const opens = new Map<string, number>();
  for (const c of codes) if (c.kind === "open" && !c.boundary) opens.set(c.id, (opens.get(c.id) ?? 0) + 1);
  return interleave({ text: text.join(""), codes }, (i) =>
    code12(codes[i]!, how[i]!, native(i), opens.get(codes[i]!.id) === 1),
  );
}

function code12(
  c: InlineCode & { boundary?: true },
  how: Nesting,
  native: boolean,
  uniqueId: boolean,
): string {
  if (c.boundary) return c.kind === "open" ? `<mrk mtype="seg"${a("mid", c.id)}>` : "</mrk>";
  if (c.marker) {
    // 1.2 has no marker that crosses codes or segments: such a marker is left out (its text stays).
    if (how !== "pair") return "";
    if (c.kind === "close") return "</mrk>";
    const m = c.marker;
    const mtype =
      m.translate === false && (m.type === "generic" || m.type === "protected")
        ? "protected"
        : MTYPES_12.has(m.type) || m.type.startsWith("x-")
          ? m.type
          : m.type.startsWith(MTYPE_PREFIX)
            ? m.type.slice(MTYPE_PREFIX.length)
            : `x-${m.type.replace(/[\s:]+/g, "-")}`;
    // No mid: in a target (or seg-source) a mrk's mid must name a segment (schema keyref).
    return `<mrk${a("mtype", mtype)}${a("comment", m.value)}>`;
  }
  const id = a("id", c.id);
  const equiv = a("equiv-text", c.equiv);
  const data = c.data === undefined ? (native ? "" : undefined) : escapeXmlText(c.data);
  if (c.cp !== undefined) return `<x${id} ctype="x-cp-${c.cp.toString(16).toUpperCase().padStart(4, "0")}"/>`;
  if (c.kind === "standalone") {
    const ctype = a("ctype", ctype12(c, true));
    return data === undefined ? `<x${id}${ctype}${equiv}/>` : `<ph${id}${ctype}${equiv}>${data}</ph>`;
  }
  const open = c.kind === "open";
  const ctype = open ? a("ctype", ctype12(c, false)) : "";
  if (how === "lone") return `<it${id} pos="${open ? "open" : "close"}"${ctype}${equiv}>${data ?? ""}</it>`;
  if (how === "pair" && data === undefined) return open ? `<g${id}${ctype}${equiv}>` : "</g>";
  // bpt/ept pair by their id; bx/ex name their pair in rid (when the id is the pair's alone).
  if (data === undefined) {
    const rid = uniqueId ? a("rid", nmtoken(c.id)) : "";
    return open ? `<bx${id}${rid}${ctype}${equiv}/>` : `<ex${id}${rid}${equiv}/>`;
  }
  return open ? `<bpt${id}${ctype}${equiv}>${data}</bpt>` : `<ept${id}${equiv}>${data}</ept>`;
}

/** 1.2 `mrk/@mtype` values of the strict schema (others are written `x-…`; "seg" is the segment marker). */
const MTYPES_12 = new Set(
  (
    "abbrev abbreviated-form abbreviation acronym appellation collocation common-name datetime equation " +
    "expanded-form formula head-term initialism international-scientific-term internationalism " +
    "logical-expression materials-management-unit name near-synonym part-number phrase phraseological-unit " +
    "protected romanized-form set-phrase short-form sku standard-text symbol synonym synonymous-phrase term " +
    "transcribed-form transliterated-form truncated-term variant"
  ).split(" "),
);

/** 2.x has generic, comment and term; other 1.2 mtypes travel as `x12:<mtype>` and come back. */
const MARKER_TYPES_2 = new Set(["generic", "comment", "term"]);
const MTYPE_PREFIX = "x12:";

/** A value usable as an NMTOKEN (1.2 `rid`/`mid`, 2.x ids): other characters become "_". */
export const nmtoken = (v: string): string => v.replace(/[^\p{L}\p{N}._:-]/gu, "_") || "_";

// ------------------------------------------------------------------------------------------ XLIFF 2.x

/**
 * Per unit: the 2.x ids of its inline codes (unique in the unit with its segment ids, as 2.x requires)
 * and its `originalData`. Source codes are named first; target codes take the id of the source code of
 * the same kind and id, or a fresh one.
 */
export class Unit2Context {
  private readonly used = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly dataIds = new Map<string, string>();
  readonly data: [string, string][] = [];

  constructor(reserved: Iterable<string>) {
    for (const id of reserved) this.used.add(id);
  }

  /** The 2.x id for a code (pairs share it). */
  idOf(c: InlineCode): string {
    const cls = c.marker ? "m" : c.kind === "standalone" ? "s" : "p";
    const key = `${cls}\u0000${c.id}`;
    let id = this.names.get(key);
    if (id === undefined) {
      const base = nmtoken(c.id);
      id = base;
      for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
      this.used.add(id);
      this.names.set(key, id);
    }
    return id;
  }

  /** The `originalData` id holding `data` (identical data is stored once). */
  dataRef(data: string | undefined): string | undefined {
    if (data === undefined) return undefined;
    let id = this.dataIds.get(data);
    if (id === undefined) {
      for (let n = this.data.length + 1; id === undefined || this.used.has(id); n++) id = `d${n}`;
      this.used.add(id);
      this.dataIds.set(data, id);
      this.data.push([id, data]);
    }
    return id;
  }

  /** `<originalData>` for the unit, "" when no code carries data. */
  originalData(): string {
    if (this.data.length === 0) return "";
    return `<originalData>${this.data.map(([id, d]) => `<data id="${id}" xml:space="preserve">${dataText(d)}</data>`).join("")}</originalData>`;
  }
}

/** Native data as 2.x writes it: characters XML cannot carry become `<cp hex>`. */
function dataText(d: string): string {
  let out = "";
  for (const ch of d) {
    const cp = ch.codePointAt(0)!;
    const bad =
      (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) ||
      (cp >= 0xd800 && cp <= 0xdfff) ||
      cp === 0xfffe ||
      cp === 0xffff;
    out += bad ? `<cp hex="${cp.toString(16).toUpperCase().padStart(4, "0")}"/>` : escapeXmlText(ch);
  }
  return out;
}

/**
 * A 2.x `source` or `target` body of one segment or ignorable. `unitLone(i)` says code i has no partner
 * anywhere in the unit (written `isolated="yes"`); a code whose partner is in another segment is `sc`/`ec`.
 */
export function write2(c: Content, unit: Unit2Context, unitLone: (i: number) => boolean): string {
  const how = nesting(c.codes);
  const partner = partners(c.codes);
  return interleave(c, (i) => code2(c.codes[i]!, how[i]!, unit, unitLone(i), c.codes[partner[i]!]));
}

function code2(
  c: InlineCode,
  how: Nesting,
  unit: Unit2Context,
  isolated: boolean,
  partner: InlineCode | undefined,
): string {
  const id = unit.idOf(c);
  if (c.marker) {
    const m = c.marker;
    if (how === "pair" && c.kind === "close") return "</mrk>";
    if (c.kind === "close") return `<em startRef="${id}"/>`;
    const type =
      MARKER_TYPES_2.has(m.type) || /^[^\s:]+:[^\s:]+$/.test(m.type)
        ? m.type
        : m.type === "protected"
          ? "generic"
          : `${MTYPE_PREFIX}${m.type.replace(/[\s:]+/g, "-")}`;
    const translate = m.translate === undefined ? "" : ` translate="${m.translate ? "yes" : "no"}"`;
    const attrs = `${a("id", id)}${translate}${a("type", type)}${a("ref", m.ref)}${a("value", m.value)}`;
    return how === "pair" ? `<mrk${attrs}>` : `<sm${attrs}/>`;
  }
  if (c.cp !== undefined) return `<cp hex="${c.cp.toString(16).toUpperCase().padStart(4, "0")}"/>`;
  const { type, subType } = types2(c);
  const t = `${a("type", type)}${a("subType", subType)}`;
  const ref = unit.dataRef(c.data);
  if (c.kind === "standalone")
    return `<ph${a("id", id)}${a("dataRef", ref)}${a("equiv", c.equiv)}${a("disp", c.disp)}${t}/>`;
  // pc takes data, equiv and disp of its two halves in pairs (Start/End): halves that differ there are sc/ec.
  const both = (k: "data" | "equiv" | "disp") => (c[k] === undefined) === (partner?.[k] === undefined);
  if (how === "pair" && both("data") && both("equiv") && both("disp")) {
    if (c.kind === "close") return "</pc>";
    // The close's data, equiv and disp go on the pc's start tag.
    const start = `${a("dataRefStart", ref)}${a("equivStart", c.equiv)}${a("dispStart", c.disp)}`;
    const end = `${a("dataRefEnd", unit.dataRef(partner?.data))}${a("equivEnd", partner?.equiv)}${a("dispEnd", partner?.disp)}`;
    return `<pc${a("id", id)}${t}${start}${end}>`;
  }
  const common = `${a("dataRef", ref)}${a("equiv", c.equiv)}${a("disp", c.disp)}${t}`;
  if (isolated || c.isolated)
    return c.kind === "open"
      ? `<sc${a("id", id)} isolated="yes"${common}/>`
      : `<ec${a("id", id)} isolated="yes"${common}/>`;
  return c.kind === "open" ? `<sc${a("id", id)}${common}/>` : `<ec startRef="${id}"${common}/>`;
}

// ------------------------------------------------------------------------------------------------ TMX

/** The TMX `type` of a code: its 1.2/TMX type as written, else one derived from its 2.x type/subType. */
function typeTmx(c: InlineCode): string | undefined {
  if (c.ctype !== undefined) return c.ctype;
  const fromSub = c.subType === undefined ? undefined : TO_CTYPE.get(c.subType);
  if (fromSub === "underlined") return "ulined";
  return fromSub ?? (c.type === "link" || c.type === "image" ? c.type : undefined);
}

/**
 * A TMX `seg` body: pairs as `bpt`/`ept` (numbered by `i`, matched across languages by `x` = the code's
 * id), codes without their partner as `it`, standalone codes as `ph`, markers as `hi` where they nest
 * (elsewhere they are left out). The native code is the element's content (empty when the code has none).
 */
export function writeTmxSeg(c: Content): string {
  const how = nesting(c.codes);
  const partner = partners(c.codes);
  const numberOf = new Map<number, number>();
  return interleave(c, (i) => {
    const code = c.codes[i]!;
    const h = how[i]!;
    const data = escapeXmlText(code.data ?? (code.cp === undefined ? "" : String.fromCodePoint(code.cp)));
    // TMX's x is a number: an id the reader made up for a code without one (auto1…) is not written.
    const x = code.id.startsWith("auto") && !/^\d+$/.test(code.id) ? "" : a("x", code.id);
    const type = a("type", code.marker ? code.marker.type : typeTmx(code));
    if (code.marker) {
      if (h !== "pair") return "";
      return code.kind === "open" ? `<hi${x}${type}>` : "</hi>";
    }
    if (code.kind === "standalone") return `<ph${x}${type}>${data}</ph>`;
    if (h === "lone") return `<it pos="${code.kind === "open" ? "begin" : "end"}"${x}${type}>${data}</it>`;
    if (code.kind === "open") {
      const n = numberOf.size + 1;
      numberOf.set(i, n);
      return `<bpt i="${n}"${x}${type}>${data}</bpt>`;
    }
    return `<ept i="${numberOf.get(partner[i]!)}">${data}</ept>`;
  });
}
