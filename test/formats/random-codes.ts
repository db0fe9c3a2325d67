// Random inline codes in a text, for round-trip properties and schema validation of every writer.
import type { Content, InlineCode } from "../../src/formats/inline";
import { pick } from "../support/random";

export type Flavour = "1.2" | "2.x" | "tmx";

/** Random codes in random text: nested and crossing pairs, placeholders, isolated halves, markers. */
export function randomContent(r: () => number, text: string, flavour: Flavour, prefix: string): Content {
  const cuts: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const cu = text.charCodeAt(i - 1);
    if (i > 0 && cu >= 0xd800 && cu <= 0xdbff) continue; // not inside a surrogate pair
    if (r() < 0.15) cuts.push(i);
  }
  const codes: InlineCode[] = [];
  const stack: InlineCode[] = [];
  let n = 0;
  const extras = (kind: InlineCode["kind"]): Partial<InlineCode> => {
    const e: Partial<InlineCode> = {};
    if (r() < 0.4) e.data = pick(r, ["<b>", "</b>", "{\\line}", "&amp; <x/>", ""]);
    if (r() < 0.3) e.equiv = pick(r, ["*", "[link]", "«»"]);
    if (flavour === "2.x") {
      if (r() < 0.3) e.disp = pick(r, ["{b}", "<br>"]);
      if (r() < 0.4)
        Object.assign(
          e,
          pick(r, [
            { type: "fmt", subType: "xlf:b" },
            { type: "link" },
            { type: "ui", subType: "xlf:var" },
            { type: "other" },
          ]),
        );
    } else if (r() < 0.4)
      e.ctype =
        kind === "standalone" ? pick(r, ["lb", "image", "x-tab"]) : pick(r, ["bold", "link", "x-span"]);
    return e;
  };
  for (const at of cuts) {
    const roll = r();
    if (roll < 0.25) {
      const c = { kind: "open", id: `${prefix}${++n}`, at, ...extras("open") } as InlineCode;
      codes.push(c);
      stack.push(c);
    } else if (roll < 0.45 && stack.length > 0) {
      // Usually the innermost; sometimes another one: a crossing pair.
      const k = r() < 0.7 ? stack.length - 1 : Math.floor(r() * stack.length);
      const [o] = stack.splice(k, 1);
      codes.push({
        kind: "close",
        id: o!.id,
        at,
        ...(o!.marker ? { marker: o!.marker } : {}),
        ...extras("close"),
      } as InlineCode);
    } else if (roll < 0.6)
      codes.push({ kind: "standalone", id: `${prefix}${++n}`, at, ...extras("standalone") } as InlineCode);
    else if (roll < 0.7)
      codes.push({
        kind: pick(r, ["open", "close"] as const),
        id: `${prefix}${++n}`,
        at,
        isolated: true,
        ...extras("open"),
      } as InlineCode);
    else if (roll < 0.8) {
      const m = { kind: "open", id: `${prefix}m${++n}`, at, marker: { type: "term" } } as InlineCode;
      codes.push(m);
      stack.push(m);
    } else if (roll < 0.85 && flavour === "2.x")
      codes.push({ kind: "standalone", id: `${prefix}${++n}`, at, cp: pick(r, [1, 0x0b, 0x1b]) });
  }
  for (const o of stack.reverse())
    codes.push({
      kind: "close",
      id: o.id,
      at: text.length,
      ...(o.marker ? { marker: o.marker } : {}),
    } as InlineCode);
  return { text, codes };
}
