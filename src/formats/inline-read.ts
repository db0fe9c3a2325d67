/**
 * Readers of inline markup into the one model (inline.ts), one element table per format: XLIFF 1.2
 * (`g`, `x`, `bx`/`ex`, `ph`, `bpt`/`ept`, `it`, `mrk`), XLIFF 2.x (`pc`, `ph`, `sc`/`ec`, `mrk`,
 * `sm`/`em`, `cp`) and TMX (`bpt`/`ept`, `ph`, `it`, `hi`, `ut`). A source, target or seg is read by one
 * `ContentReader` fed the element events inside it; text outside native codes is the plain text, text
 * inside them (`ph`, `bpt`… and their `sub`s) is the code's `data`.
 */
import { FormatError } from "./errors";
import type { Content, InlineCode, Marker } from "./inline";
import { attr, type XmlElement } from "./xml-parse";

/** What a rule knows while reading one content. */
export interface InlineContext {
  /** Ids given to codes that had none, and TMX `i` → id of its `bpt`. */
  readonly pairIds: Map<string, string>;
  /** A fresh id for a code without one (`auto1`, `auto2`…). */
  nextId(): string;
  /** 2.x: the unit's `originalData` by id. */
  readonly originalData: ReadonlyMap<string, string>;
}

type Fields = Omit<InlineCode, "at" | "kind">;

/** How one element of a format becomes codes. */
export type InlineRule =
  /** Content between start and end tag is text (1.2 `g`, `mrk`; 2.x `pc`, `mrk`; TMX `hi`). */
  | {
      role: "paired";
      open(el: XmlElement, cx: InlineContext): Fields;
      close(el: XmlElement, open: Fields, cx: InlineContext): Fields;
    }
  /** An empty element that is one code (1.2 `x`, `bx`, `ex`; 2.x `ph`, `sc`, `ec`, `sm`, `em`, `cp`). */
  | { role: "empty"; code(el: XmlElement, cx: InlineContext): Omit<InlineCode, "at"> }
  /** Content is the native code (1.2 and TMX `ph`, `bpt`, `ept`, `it`, `ut`). */
  | { role: "native"; code(el: XmlElement, cx: InlineContext): Omit<InlineCode, "at"> };

export type InlineTable = ReadonlyMap<string, InlineRule>;

const defined = <T extends object>(o: T): T => {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
};

// ------------------------------------------------------------------------------------------ XLIFF 1.2

const id12 = (el: XmlElement, cx: InlineContext) => attr(el, "id") ?? cx.nextId();
const pairId12 = (el: XmlElement, cx: InlineContext) => attr(el, "rid") ?? id12(el, cx);
const common12 = (el: XmlElement) => defined({ ctype: attr(el, "ctype"), equiv: attr(el, "equiv-text") });

export const XLIFF12_INLINE: InlineTable = new Map<string, InlineRule>([
  [
    "g",
    {
      role: "paired",
      open: (el, cx) => ({ id: id12(el, cx), ...common12(el) }),
      close: (_, o) => closeOf(o),
    },
  ],
  [
    "x",
    {
      role: "empty",
      code: (el, cx) => {
        // How Diwan writes a 2.x <cp/> in 1.2 (which has no way to carry the character): read it back.
        const cp = /^x-cp-([0-9A-F]{4,6})$/.exec(attr(el, "ctype") ?? "")?.[1];
        if (cp !== undefined) return { kind: "standalone", id: id12(el, cx), cp: Number.parseInt(cp, 16) };
        return { kind: "standalone", id: id12(el, cx), ...common12(el) };
      },
    },
  ],

  ["bx", { role: "empty", code: (el, cx) => ({ kind: "open", id: pairId12(el, cx), ...common12(el) }) }],
  ["ex", { role: "empty", code: (el, cx) => ({ kind: "close", id: pairId12(el, cx), ...common12(el) }) }],
  ["ph", { role: "native", code: (el, cx) => ({ kind: "standalone", id: id12(el, cx), ...common12(el) }) }],
  ["bpt", { role: "native", code: (el, cx) => ({ kind: "open", id: pairId12(el, cx), ...common12(el) }) }],
  ["ept", { role: "native", code: (el, cx) => ({ kind: "close", id: pairId12(el, cx), ...common12(el) }) }],
  [
    "it",
    {
      role: "native",
      code: (el, cx) => ({
        kind: attr(el, "pos") === "close" ? "close" : "open",
        id: pairId12(el, cx),
        isolated: true,
        ...common12(el),
      }),
    },
  ],
  [
    "mrk",
    {
      role: "paired",
      open: (el, cx) => {
        const mtype = attr(el, "mtype") ?? "x-unknown";
        const marker: Marker = defined({
          type: mtype,
          value: attr(el, "comment"),
          translate: mtype === "protected" ? false : undefined,
        });
        return { id: attr(el, "mid") ?? attr(el, "id") ?? cx.nextId(), marker };
      },
      close: (_, o) => closeOf(o),
    },
  ],
]);

/** The close of a paired element: the same id, type and marker; its own data/equiv/disp come separately. */
function closeOf(open: Fields): Fields {
  const { id, ctype, type, subType, marker } = open;
  return defined({ id, ctype, type, subType, marker });
}

// ------------------------------------------------------------------------------------------ XLIFF 2.x

const data2 = (cx: InlineContext, ref: string | undefined) => {
  if (ref === undefined) return undefined;
  const data = cx.originalData.get(ref);
  if (data === undefined)
    throw new FormatError("invalid-content", `dataRef "${ref}" names no <data> of the unit`);
  return data;
};
const type2 = (el: XmlElement) => defined({ type: attr(el, "type"), subType: attr(el, "subType") });
const marker2 = (el: XmlElement): Marker =>
  defined({
    type: attr(el, "type") ?? "generic",
    value: attr(el, "value"),
    ref: attr(el, "ref"),
    translate: attr(el, "translate") === "no" ? false : attr(el, "translate") === "yes" ? true : undefined,
  });
const required2 = (el: XmlElement, name: string) => {
  const v = attr(el, name);
  if (v === undefined) throw new FormatError("invalid-content", `<${el.name}> without ${name}`);
  return v;
};

export const XLIFF2_INLINE: InlineTable = new Map<string, InlineRule>([
  [
    "pc",
    {
      role: "paired",
      open: (el, cx) =>
        defined({
          id: required2(el, "id"),
          data: data2(cx, attr(el, "dataRefStart")),
          equiv: attr(el, "equivStart"),
          disp: attr(el, "dispStart"),
          ...type2(el),
        }),
      close: (el, o, cx) => ({
        ...closeOf(o),
        ...defined({
          data: data2(cx, attr(el, "dataRefEnd")),
          equiv: attr(el, "equivEnd"),
          disp: attr(el, "dispEnd"),
        }),
      }),
    },
  ],
  [
    "ph",
    {
      role: "empty",
      code: (el, cx) =>
        defined({
          kind: "standalone" as const,
          id: required2(el, "id"),
          data: data2(cx, attr(el, "dataRef")),
          equiv: attr(el, "equiv"),
          disp: attr(el, "disp"),
          ...type2(el),
        }),
    },
  ],
  [
    "sc",
    {
      role: "empty",
      code: (el, cx) =>
        defined({
          kind: "open" as const,
          id: required2(el, "id"),
          isolated: attr(el, "isolated") === "yes" ? (true as const) : undefined,
          data: data2(cx, attr(el, "dataRef")),
          equiv: attr(el, "equiv"),
          disp: attr(el, "disp"),
          ...type2(el),
        }),
    },
  ],
  [
    "ec",
    {
      role: "empty",
      code: (el, cx) => {
        const isolated = attr(el, "isolated") === "yes";
        // Without startRef (invalid unless isolated) the ec's own id is the best guess at its sc.
        return defined({
          kind: "close" as const,
          id: isolated
            ? required2(el, "id")
            : (attr(el, "startRef") ?? attr(el, "id") ?? required2(el, "startRef")),
          isolated: isolated ? (true as const) : undefined,
          data: data2(cx, attr(el, "dataRef")),
          equiv: attr(el, "equiv"),
          disp: attr(el, "disp"),
          ...type2(el),
        });
      },
    },
  ],
  [
    "mrk",
    {
      role: "paired",
      open: (el) => ({ id: required2(el, "id"), marker: marker2(el) }),
      close: (_, o) => closeOf(o),
    },
  ],
  ["sm", { role: "empty", code: (el) => ({ kind: "open", id: required2(el, "id"), marker: marker2(el) }) }],
  [
    "em",
    {
      role: "empty",
      code: (el) => ({ kind: "close", id: required2(el, "startRef"), marker: { type: "generic" } }),
    },
  ],
  [
    "cp",
    {
      role: "empty",
      code: (el, cx) => {
        const hex = required2(el, "hex");
        const cp = Number.parseInt(hex, 16);
        if (!/^[0-9A-Fa-f]{1,6}$/.test(hex) || cp > 0x10ffff)
          throw new FormatError("invalid-content", `<cp hex="${hex}"> is not a code point`);
        return { kind: "standalone", id: cx.nextId(), cp };
      },
    },
  ],
]);

// ------------------------------------------------------------------------------------------------ TMX

/** TMX pairs `bpt`/`ept` by `i` within a variant; `x` matches codes across variants, so it is the id. */
const tmxPaired = (el: XmlElement, cx: InlineContext, kind: "open" | "close"): Omit<InlineCode, "at"> => {
  const i = attr(el, "i");
  let id: string;
  if (kind === "open") {
    id = attr(el, "x") ?? i ?? cx.nextId();
    if (i !== undefined) cx.pairIds.set(i, id);
  } else id = (i === undefined ? undefined : cx.pairIds.get(i)) ?? i ?? cx.nextId();
  return defined({ kind, id, ctype: attr(el, "type") });
};

export const TMX_INLINE: InlineTable = new Map<string, InlineRule>([
  ["bpt", { role: "native", code: (el, cx) => tmxPaired(el, cx, "open") }],
  ["ept", { role: "native", code: (el, cx) => tmxPaired(el, cx, "close") }],
  [
    "ph",
    {
      role: "native",
      code: (el, cx) =>
        defined({ kind: "standalone" as const, id: attr(el, "x") ?? cx.nextId(), ctype: attr(el, "type") }),
    },
  ],
  [
    "it",
    {
      role: "native",
      code: (el, cx) =>
        defined({
          kind: attr(el, "pos") === "end" ? ("close" as const) : ("open" as const),
          id: attr(el, "x") ?? cx.nextId(),
          isolated: true as const,
          ctype: attr(el, "type"),
        }),
    },
  ],
  [
    "ut",
    {
      role: "native",
      code: (el, cx) => ({ kind: "standalone", id: attr(el, "x") ?? cx.nextId(), ctype: "x-ut" }),
    },
  ],
  [
    "hi",
    {
      role: "paired",
      open: (el, cx) => ({
        id: attr(el, "x") ?? cx.nextId(),
        marker: { type: attr(el, "type") ?? "generic" },
      }),
      close: (_, o) => closeOf(o),
    },
  ],
]);

// --------------------------------------------------------------------------------------------- reader

/** Reads the inline content of one element (a source, target, seg or 1.2 segment `mrk`). */
export class ContentReader {
  text = "";
  codes: InlineCode[] = [];
  /** Things kept but changed on the way (a `sub` flattened into its code's data, a foreign element). */
  notices: string[] = [];
  private readonly open: { depth: number; fields: Fields; rule: InlineRule }[] = [];
  /** Inside a native code: its depth and the code whose data collects the text. */
  private native: { depth: number; code: InlineCode } | null = null;
  /** Inside an empty-element rule's element (must stay empty) or a foreign element: its depth. */
  private foreign: { depth: number; close: InlineCode | null } | null = null;
  private autoIds = 0;
  private readonly cx: InlineContext;

  constructor(
    private readonly table: InlineTable,
    /** The format's namespace: elements of other namespaces are foreign. */
    private readonly ns: string,
    originalData: ReadonlyMap<string, string> = new Map(),
    /** What the content is called in messages ("source", "target", "seg"). */
    private readonly where = "content",
  ) {
    this.cx = { pairIds: new Map(), nextId: () => `auto${++this.autoIds}`, originalData };
  }

  /** An element opening inside the content, at `depth` (the content element's children are depth + 1). */
  openElement(el: XmlElement, depth: number): void {
    if (this.native !== null) {
      // A sub-flow (1.2/TMX `sub`, and the codes inside it): its text stays part of the native code.
      this.notices.push(
        `<${el.name}> inside code ${this.native.code.id}: its text is kept in the code's data`,
      );
      return;
    }
    if (this.foreign !== null) return;
    const rule = el.uri === this.ns ? this.table.get(el.local) : undefined;
    if (rule === undefined) {
      // Not an inline element of this format (HTML written into a target, another vocabulary's element,
      // a 2.x element in 1.2): kept as a pair of codes carrying its tags, its text stays text.
      const id = this.cx.nextId();
      this.push({ kind: "open", id, data: startTag(el) });
      this.open.push({ depth, fields: { id, data: `</${el.name}>` }, rule: FOREIGN });
      this.notices.push(
        `<${el.name}> in <${this.where}> is not an inline element here: kept as a code around its text`,
      );
      return;
    }
    if (rule.role === "paired") {
      const fields = rule.open(el, this.cx);
      this.push({ kind: "open", ...fields });
      this.open.push({ depth, fields, rule });
    } else if (rule.role === "empty") {
      this.push(rule.code(el, this.cx));
      this.foreign = { depth, close: null };
    } else {
      const code = this.push({ ...rule.code(el, this.cx), data: "" });
      this.native = { depth, code };
    }
  }

  closeElement(el: XmlElement, depth: number): void {
    if (this.native !== null) {
      if (depth === this.native.depth) this.native = null;
      return;
    }
    if (this.foreign !== null) {
      if (depth === this.foreign.depth) this.foreign = null;
      return;
    }
    const top = this.open[this.open.length - 1];
    if (top === undefined || top.depth !== depth) return;
    this.open.pop();
    const fields = top.rule.role === "paired" ? top.rule.close(el, top.fields, this.cx) : top.fields;
    this.push({ kind: "close", ...fields });
  }

  addText(t: string): void {
    if (this.native !== null) this.native.code.data += t;
    else if (this.foreign === null) this.text += t;
  }

  content(): Content {
    return { text: this.text, codes: this.codes };
  }

  /**
   * The content read since the last cut, starting afresh but keeping the elements still open: a 1.2
   * segmented source is cut at each `<mrk mtype="seg">`, and a `<g>` around several segments opens in
   * the part before them and closes in the part after.
   */
  cut(): Content {
    const c = this.content();
    this.text = "";
    this.codes = [];
    return c;
  }

  private push(code: Omit<InlineCode, "at">): InlineCode {
    const pushed = { ...code, at: this.text.length } as InlineCode;
    this.codes.push(pushed);
    return pushed;
  }
}

const FOREIGN: InlineRule = { role: "paired", open: () => ({ id: "" }), close: (_, o) => o };

/** A foreign element's start tag as written (attributes in file order, escaped), for its code's data. */
function startTag(el: XmlElement): string {
  let s = `<${el.name}`;
  for (const [k, v] of Object.entries(el.attributes))
    s += ` ${k}="${v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;")}"`;
  return `${s}>`;
}
