/**
 * Bead operations on aligned segments, as pure functions: merge two neighbours, split one at an offset in
 * either language, move a sentence of one side to a neighbour, separate the two sides of a bead.
 *
 * Each side of a segment is a `Side`: its text, stored exactly as given, and the `gap` that follows it in
 * its language's running text (the whitespace between this segment and the next: a space, or a paragraph
 * break). The running text of a language is the concatenation of `text + gap` over the segments whose side
 * is not empty. Every operation here keeps both running texts exactly (test/text/bead-edit.test.ts checks
 * it on random sequences of operations): nothing is added, dropped or re-spaced; only where the bead
 * boundaries fall changes.
 */
import type { Lang } from "../types";
import { isSpace } from "./normalize";
import { segmentSentences } from "./segment";

export interface Side {
  text: string;
  /** What follows `text` in the language's running text (whitespace); ignored while `text` is empty. */
  gap: string;
}

export interface Bead {
  ar: Side;
  en: Side;
}

export const EMPTY_SIDE: Side = Object.freeze({ text: "", gap: "" }) as Side;

export const isEmpty = (s: Side): boolean => s.text === "";

/** The running text of a language over beads in order (see the module comment). */
export function runningText(beads: readonly Bead[], lang: Lang): string {
  let out = "";
  for (const b of beads) if (b[lang].text !== "") out += b[lang].text + b[lang].gap;
  return out;
}

/** `a` followed by `b`, as one side (the running text of the two stays the same). */
export function joinSides(a: Side, b: Side): Side {
  if (isEmpty(a)) return { text: b.text, gap: isEmpty(b) ? "" : b.gap };
  if (isEmpty(b)) return { text: a.text, gap: a.gap };
  return { text: a.text + a.gap + b.text, gap: b.gap };
}

/**
 * Splits a side at a UTF-16 offset. The whitespace around the offset becomes the first part's gap, so
 * neither part starts or ends with a space it did not have in the middle of the text. An offset inside
 * leading whitespace counts as 0, inside trailing whitespace as the end: a part that would hold only
 * whitespace is empty, and the other keeps the whole text.
 */
export function splitSide(side: Side, offset: number): [Side, Side] {
  const { text } = side;
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length)
    throw new RangeError(`offset ${offset} outside 0..${text.length}`);
  if (
    offset > 0 &&
    offset < text.length &&
    isLowSurrogateAt(text, offset) &&
    isHighSurrogateAt(text, offset - 1)
  )
    throw new RangeError(`offset ${offset} falls inside a surrogate pair`);
  let leftEnd = offset;
  while (leftEnd > 0 && isSpace(text.charCodeAt(leftEnd - 1))) leftEnd--;
  let rightStart = offset;
  while (rightStart < text.length && isSpace(text.charCodeAt(rightStart))) rightStart++;
  if (isEmpty(side)) return [EMPTY_SIDE, EMPTY_SIDE];
  if (leftEnd === 0) return [EMPTY_SIDE, { ...side }];
  if (rightStart === text.length) return [{ ...side }, EMPTY_SIDE];
  return [
    { text: text.slice(0, leftEnd), gap: text.slice(leftEnd, rightStart) },
    { text: text.slice(rightStart), gap: side.gap },
  ];
}

const isHighSurrogateAt = (s: string, i: number) => (s.charCodeAt(i) & 0xfc00) === 0xd800;
const isLowSurrogateAt = (s: string, i: number) => (s.charCodeAt(i) & 0xfc00) === 0xdc00;

/** UTF-16 offsets where the side's sentences start (the first is the first sentence's start). */
export function sentenceStarts(text: string, lang: Lang): number[] {
  return segmentSentences(text, lang).map((s) => s.start);
}

/** Where to split one side: before its n-th sentence (0-based; 0 = nothing goes first), or at an offset. */
export type SplitPoint = { sentence: number } | { offset: number };

/** The UTF-16 offset a split point names in `text`, or a reason it names none. */
export function splitOffset(text: string, lang: Lang, point: SplitPoint): number | string {
  if ("offset" in point) {
    if (!Number.isInteger(point.offset) || point.offset < 0 || point.offset > text.length)
      return `offset ${point.offset} is outside the text (0..${text.length} UTF-16 code units)`;
    if (
      point.offset > 0 &&
      point.offset < text.length &&
      isLowSurrogateAt(text, point.offset) &&
      isHighSurrogateAt(text, point.offset - 1)
    )
      return `offset ${point.offset} falls inside a surrogate pair`;
    return point.offset;
  }
  const starts = sentenceStarts(text, lang);
  if (point.sentence === starts.length) return text.length;
  const at = starts[point.sentence];
  if (at === undefined)
    return `sentence ${point.sentence} does not exist: this side has ${starts.length} sentence(s) (0..${starts.length})`;
  return point.sentence === 0 ? 0 : at;
}

export function mergeBeads(a: Bead, b: Bead): Bead {
  return { ar: joinSides(a.ar, b.ar), en: joinSides(a.en, b.en) };
}

/** Splits a bead at one offset per language (an offset at a side's end keeps that side whole in the first). */
export function splitBead(bead: Bead, arOffset: number, enOffset: number): [Bead, Bead] {
  const [ar1, ar2] = splitSide(bead.ar, arOffset);
  const [en1, en2] = splitSide(bead.en, enOffset);
  return [
    { ar: ar1, en: en1 },
    { ar: ar2, en: en2 },
  ];
}

/**
 * Moves the first sentence of `lang` in `bead` to the end of `previous`'s side (`which` = "first"), or the
 * last sentence to the start of `next`'s (`which` = "last"). Returns the two beads after the move, in
 * document order, or a reason it cannot be done. A side of one sentence moves whole.
 */
export function moveSentence(
  bead: Bead,
  neighbour: Bead,
  lang: Lang,
  which: "first" | "last",
): [Bead, Bead] | string {
  const side = bead[lang];
  if (isEmpty(side)) return `the ${lang === "ar" ? "Arabic" : "English"} side is empty: no sentence to move`;
  const starts = sentenceStarts(side.text, lang);
  if (which === "first") {
    const [moved, rest] = starts.length > 1 ? splitSide(side, starts[1] as number) : [side, EMPTY_SIDE];
    const previous = { ...neighbour, [lang]: joinSides(neighbour[lang], moved) };
    return [previous, { ...bead, [lang]: rest }];
  }
  const [rest, moved] =
    starts.length > 1 ? splitSide(side, starts[starts.length - 1] as number) : [EMPTY_SIDE, side];
  const next = { ...neighbour, [lang]: joinSides(moved, neighbour[lang]) };
  return [{ ...bead, [lang]: rest }, next];
}

/**
 * The sides of each segment of an aligned document, cut from the original texts: a bead's side runs from
 * its first sentence's start up to the next bead's first sentence (its gap is the trailing whitespace, and
 * anything between sentences that is not whitespace stays in the text), so the running texts are the
 * inputs without their leading whitespace (with it, when `keepLeading`: re-aligning stored text).
 */
export function sidesOfGroups(
  text: string,
  sentences: readonly { start: number; end: number }[],
  groups: readonly (readonly number[])[],
  keepLeading = false,
): Side[] {
  const startOf = (k: number) => (k === 0 ? 0 : (sentences[k]?.start ?? text.length));
  return groups.map((g) => {
    if (g.length === 0) return EMPTY_SIDE;
    const first = g[0] as number;
    const last = g[g.length - 1] as number;
    let from = startOf(first);
    if (first === 0 && !keepLeading) while (from < text.length && isSpace(text.charCodeAt(from))) from++;
    const to = last + 1 < sentences.length ? startOf(last + 1) : text.length;
    let end = to;
    while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
    return { text: text.slice(from, end), gap: text.slice(end, to) };
  });
}
