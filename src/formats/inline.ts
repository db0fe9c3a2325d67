/**
 * One inline-code model for every exchange format (XLIFF 1.2, XLIFF 2.x, TMX), after Okapi's and
 * translate-toolkit's: a segment's text stays **plain** — codes removed — so TM scoring, concordance and
 * term recognition ignore codes for free, and the codes are kept **beside** it as data anchored at UTF-16
 * offsets of that text. Readers turn each format's markup into this model (inline-read.ts), writers turn it
 * back into each format's own markup (inline-write.ts), so a 1.2 `<g>` becomes a 2.x `<pc>` and a TMX
 * `<bpt>/<ept>`. docs/formats.md, "Inline codes", is the reference.
 */

// The code types live in src/types.ts (stored segments and the API carry them); re-exported here.
import type { InlineCode } from "../types";

export type { CodeKind, InlineCode, Marker } from "../types";

/** Text with its codes: what a segment's source or target is. */
export interface Content {
  text: string;
  codes: InlineCode[];
}

export const plain = (text: string): Content => ({ text, codes: [] });

/** A source made of inline codes only (and whitespace): kept and exported, but not translation memory. */
export const isCodeOnly = (c: Content): boolean => c.codes.length > 0 && c.text.trim() === "";

/** Codes that are codes of the original document (markers left out). */
export const realCodes = (codes: readonly InlineCode[]): InlineCode[] => codes.filter((c) => !c.marker);

/** Checks what a stored or received content must satisfy; returns the first problem, or null. */
export function contentProblem(c: Content): string | null {
  let last = 0;
  for (const [i, code] of c.codes.entries()) {
    if (!Number.isInteger(code.at) || code.at < 0 || code.at > c.text.length)
      return `code ${i} is at ${code.at}, outside the text (0–${c.text.length})`;
    if (code.at < last) return `code ${i} is at ${code.at}, before the code preceding it`;
    const cu = c.text.charCodeAt(code.at - 1);
    if (code.at > 0 && cu >= 0xd800 && cu <= 0xdbff) return `code ${i} splits a surrogate pair`;
    if (code.id === "") return `code ${i} has an empty id`;
    last = code.at;
  }
  return null;
}

/** How a writer may render each code of a content (see `nesting`). */
export type Nesting = "pair" | "split" | "lone" | "standalone";

/**
 * Each open's and close's partner index in `codes` (-1 when none): a close pairs with the nearest earlier
 * unmatched open of the same id (codes with codes, markers with markers); isolated codes have none.
 */
export function partners(codes: readonly InlineCode[]): number[] {
  const out = codes.map(() => -1);
  const open = new Map<string, number[]>();
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c.kind === "standalone" || c.isolated) continue;
    const key = `${c.marker ? "m" : "c"}${c.id}`;
    if (c.kind === "open") {
      const list = open.get(key);
      if (list) list.push(i);
      else open.set(key, [i]);
    } else {
      const o = open.get(key)?.pop();
      if (o !== undefined) [out[o], out[i]] = [i, o];
    }
  }
  return out;
}

/**
 * For each code, whether it forms a well-nested pair with its partner in this content ("pair": a writer
 * may use 1.2 `g`/`mrk`, 2.x `pc`/`mrk`), has its partner here but crosses another pair ("split": 1.2
 * `bx`/`ex` or `bpt`/`ept`, 2.x `sc`/`ec`, `sm`/`em`), has no partner here ("lone": the partner is in
 * another segment of the unit, or the code is isolated), or stands alone. `keep(i)` names opens that must
 * never be split (1.2 segment boundaries written as `mrk`): a pair crossing one of them is split instead.
 * When two pairs cross, the one opened later is split.
 */
export function nesting(codes: readonly InlineCode[], keep: (i: number) => boolean = () => false): Nesting[] {
  const partner = partners(codes);
  const out: Nesting[] = codes.map((c, i) =>
    c.kind === "standalone" ? "standalone" : partner[i] === -1 ? "lone" : "pair",
  );
  const stack: number[] = [];
  const inStack = codes.map(() => false);
  for (let i = 0; i < codes.length; i++) {
    const o = partner[i]!;
    if (o === -1) continue;
    if (codes[i]!.kind === "open") {
      stack.push(i);
      inStack[i] = true;
      continue;
    }
    if (!inStack[o]) {
      out[i] = "split"; // its open was split when a pair it crossed closed
      continue;
    }
    const depth = stack.lastIndexOf(o);
    const above = stack.slice(depth + 1);
    if (above.length > 0 && above.some(keep) && !keep(o)) {
      stack.splice(depth, 1);
      inStack[o] = false;
      out[o] = out[i] = "split";
      continue;
    }
    for (const a of above) {
      out[a] = "split";
      inStack[a] = false;
    }
    stack.length = depth;
    inStack[o] = false;
  }
  return out;
}

/** Contents one after the other, as one (code offsets shifted). */
export function concatContent(parts: readonly Content[]): Content {
  if (parts.length === 1) return parts[0]!;
  let text = "";
  const codes: InlineCode[] = [];
  for (const p of parts) {
    for (const c of p.codes) codes.push({ ...c, at: c.at + text.length });
    text += p.text;
  }
  return { text, codes };
}

/** Content with no text and no codes. */
export const isEmptyContent = (c: Content): boolean => c.text === "" && c.codes.length === 0;
