/**
 * A segment's text with its inline codes shown as placeholders, for people and for clients that only want
 * to display a segment (the API's `arTagged` / `enTagged`; the codes themselves are data beside it):
 * `{1}` opens, `{/1}` closes, `{2/}` stands alone. Numbers follow the order of the codes (1, 2, 3…), and a
 * close takes the number of the open it closes, so a pair reads `{1}…{/1}`; a close whose open is not in
 * the same text (isolated, or in another segment) gets a number of its own. A `{` of the text is written
 * `{{`, so every placeholder can be told from the text and the text read back exactly.
 */
import { type Content, type InlineCode, partners } from "./inline";

/** Each code's placeholder number (the rule above), by index in `codes`. */
export function placeholderNumbers(codes: readonly InlineCode[]): number[] {
  const partner = partners(codes);
  const out: number[] = [];
  let next = 1;
  codes.forEach((c, i) => {
    const p = partner[i]!;
    out.push(c.kind === "close" && p !== -1 && p < i ? out[p]! : next++);
  });
  return out;
}

const placeholder = (c: InlineCode, n: number) =>
  c.kind === "open" ? `{${n}}` : c.kind === "close" ? `{/${n}}` : `{${n}/}`;

export function taggedText(content: Content): string {
  const { text, codes } = content;
  // Most segments have no codes (a review page reads 400 texts).
  if (codes.length === 0) return text.includes("{") ? text.replaceAll("{", "{{") : text;
  const numbers = placeholderNumbers(codes);
  let out = "";
  let from = 0;
  codes.forEach((c, i) => {
    out += text.slice(from, c.at).replaceAll("{", "{{") + placeholder(c, numbers[i]!);
    from = c.at;
  });
  return out + text.slice(from).replaceAll("{", "{{");
}

/**
 * The plain text and, per placeholder in order, its kind and number: the inverse of `taggedText` (tests
 * use it to show that nothing is lost). Throws on a `{` that starts no placeholder.
 */
export function readTagged(tagged: string): {
  text: string;
  placeholders: { kind: string; n: number; at: number }[];
} {
  let text = "";
  const placeholders: { kind: string; n: number; at: number }[] = [];
  const re = /\{\{|\{(\/?)(\d+)(\/?)\}|\{/g;
  let from = 0;
  for (let m = re.exec(tagged); m !== null; m = re.exec(tagged)) {
    text += tagged.slice(from, m.index);
    from = m.index + m[0].length;
    if (m[0] === "{{") text += "{";
    else if (m[0] === "{") throw new Error(`a "{" at ${m.index} starts no placeholder`);
    else
      placeholders.push({
        kind: m[1] ? "close" : m[3] ? "standalone" : "open",
        n: Number(m[2]),
        at: text.length,
      });
  }
  return { text: text + tagged.slice(from), placeholders };
}
