// Inline content of a source/target/seg as plain text plus a list of inline codes with their positions,
// read from a DOM (@xmldom/xmldom), by the specifications' vocabularies — not by Diwan's reader.
import type { Element, Node } from "@xmldom/xmldom";

export type CodeRole = "open" | "close" | "standalone";

export interface Code {
  /** Element name: g, x, bx, ex, ph, bpt, ept, it, mrk (1.2); pc, ph, sc, ec, mrk, sm, em (2.x); bpt, ept, it, ph, ut, hi (TMX); a foreign element's qualified name otherwise. */
  kind: string;
  role: CodeRole;
  /** id (1.2, 2.x), mid (1.2 mrk), i or x (TMX); for 2.x `ec`/`em`, startRef. */
  id: string | null;
  /** Offset in `Content.text`, in UTF-16 code units. */
  pos: number;
  /** Native code the element carries: the text of 1.2/TMX ph, bpt, ept, it, ut; 2.x originalData by dataRef*. */
  data: string | null;
  /** 1.2 bx/ex/bpt/ept `rid` (the pair's id); TMX `x` (matches codes across variants). Else absent. */
  rid?: string | null;
  x?: string | null;
}

export interface Content {
  /** Plain text: text nodes and CDATA, the content of paired codes and annotations; never native code. */
  text: string;
  codes: Code[];
}

export type Dialect = "xliff1" | "xliff2" | "tmx";

export const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export function children(el: Element | Node): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

export function child(el: Element, local: string): Element | undefined {
  return children(el).find((c) => c.localName === local);
}

export function childrenNamed(el: Element, local: string): Element[] {
  return children(el).filter((c) => c.localName === local);
}

/** Every descendant element with this local name, in document order. */
export function descendants(el: Element, local: string): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if (c.localName === local) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

/** xml:lang (by namespace, whatever the prefix), else a plain `lang` attribute (TMX 1.1). */
export function langOf(el: Element): string | null {
  const xml = el.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
  if (xml) return xml;
  return attr(el, "xml:lang") ?? attr(el, "lang");
}

export function textOf(el: Element | Node): string {
  return el.textContent ?? "";
}

const XLIFF1_OPEN_CLOSE: Record<string, CodeRole> = { bx: "open", ex: "close", x: "standalone" };
const XLIFF1_NATIVE: Record<string, CodeRole> = { bpt: "open", ept: "close", ph: "standalone" };
const TMX_NATIVE: Record<string, CodeRole> = {
  bpt: "open",
  ept: "close",
  ph: "standalone",
  ut: "standalone",
};

/** Resolves a 2.x dataRef against the unit's originalData. */
export type DataRefs = Map<string, string>;

/**
 * Reads mixed content. A 1.2 `mrk mtype="seg"` is segmentation, read through (the XLIFF reader splits
 * segments itself); every other element is a code or annotation.
 */
export function readContent(
  el: Element,
  dialect: Dialect,
  dataRefs: DataRefs = new Map(),
  problems?: Set<string>,
): Content {
  let text = "";
  const codes: Code[] = [];
  const push = (kind: string, role: CodeRole, id: string | null, data: string | null) =>
    codes.push({ kind, role, id, pos: text.length, data });
  const ref = (name: string | null) => (name === null ? null : (dataRefs.get(name) ?? null));

  const walk = (node: Element) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        text += n.nodeValue ?? "";
        continue;
      }
      if (n.nodeType !== ELEMENT_NODE) continue;
      const e = n as Element;
      const name = e.localName ?? e.nodeName;
      const foreign = dialect !== "tmx" && e.namespaceURI !== node.namespaceURI && e.namespaceURI !== null;
      if (foreign) {
        push(e.nodeName, "standalone", attr(e, "id"), textOf(e));
        continue;
      }
      if (dialect === "xliff1") {
        if (name === "mrk" && attr(e, "mtype") === "seg") {
          // Segmentation (seg-source, segmented targets), not an inline code: read through it.
          walk(e);
        } else if (name === "g" || name === "mrk") {
          const id = name === "mrk" ? (attr(e, "mid") ?? attr(e, "id")) : attr(e, "id");
          push(name, "open", id, null);
          walk(e);
          push(name, "close", id, null);
        } else if (name in XLIFF1_OPEN_CLOSE) {
          push(name, XLIFF1_OPEN_CLOSE[name]!, attr(e, "id"), null);
          if (name !== "x") codes[codes.length - 1]!.rid = attr(e, "rid");
        } else if (name in XLIFF1_NATIVE) {
          push(name, XLIFF1_NATIVE[name]!, attr(e, "id"), textOf(e));
          if (name !== "ph") codes[codes.length - 1]!.rid = attr(e, "rid");
        } else if (name === "it") {
          push(name, attr(e, "pos") === "close" ? "close" : "open", attr(e, "id"), textOf(e));
        } else {
          problems?.add(`<${name}> is not an inline element here`);
          push(name, "standalone", attr(e, "id"), textOf(e));
        }
      } else if (dialect === "xliff2") {
        if (name === "pc") {
          const id = attr(e, "id");
          push(name, "open", id, ref(attr(e, "dataRefStart")));
          walk(e);
          push(name, "close", id, ref(attr(e, "dataRefEnd")));
        } else if (name === "mrk") {
          const id = attr(e, "id");
          push(name, "open", id, null);
          walk(e);
          push(name, "close", id, null);
        } else if (name === "ph") {
          if (e.firstChild) problems?.add("<ph> with content (must be empty)");
          push(name, "standalone", attr(e, "id"), ref(attr(e, "dataRef")));
        } else if (name === "sc" || name === "sm") {
          if (e.firstChild) problems?.add(`<${name}> with content (must be empty)`);
          push(name, "open", attr(e, "id"), ref(attr(e, "dataRef")));
        } else if (name === "ec" || name === "em") {
          if (e.firstChild) problems?.add(`<${name}> with content (must be empty)`);
          if (name === "ec" && !attr(e, "startRef") && attr(e, "isolated") !== "yes")
            problems?.add("<ec> without startRef and not isolated");
          push(name, "close", attr(e, "startRef") ?? attr(e, "id"), ref(attr(e, "dataRef")));
        } else if (name === "cp") {
          // A character XML cannot carry, written as its code point: text, not a code.
          text += String.fromCodePoint(Number.parseInt(attr(e, "hex") ?? "FFFD", 16));
        } else {
          problems?.add(`<${name}> is not an inline element here`);
          push(name, "standalone", attr(e, "id"), textOf(e));
        }
      } else {
        if (name === "hi") {
          const id = attr(e, "x");
          push(name, "open", id, null);
          walk(e);
          push(name, "close", id, null);
        } else if (name in TMX_NATIVE) {
          push(name, TMX_NATIVE[name]!, attr(e, "i") ?? attr(e, "x"), textOf(e));
          codes[codes.length - 1]!.x = attr(e, "x");
        } else if (name === "it") {
          push(name, attr(e, "pos") === "end" ? "close" : "open", attr(e, "x"), textOf(e));
          codes[codes.length - 1]!.x = attr(e, "x");
        } else {
          problems?.add(`<${name}> is not an inline element here`);
          push(name, "standalone", attr(e, "x"), textOf(e));
        }
      }
    }
  };
  walk(el);
  return { text, codes };
}

/** Content of several pieces one after the other (code positions shifted). */
export function concatContent(parts: Content[]): Content {
  let text = "";
  const codes: Code[] = [];
  for (const p of parts) {
    for (const c of p.codes) codes.push({ ...c, pos: c.pos + text.length });
    text += p.text;
  }
  return { text, codes };
}

export const EMPTY: Content = { text: "", codes: [] };
