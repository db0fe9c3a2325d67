/**
 * The only XML escaping in Diwan. Every writer (XLIFF, TMX, TBX) goes through these two functions.
 *
 * Characters XML 1.0 cannot carry at all (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF, lone
 * surrogates) are refused with a FormatError naming the code point and its offset: dropping them would
 * change the text a translator sees, and writing them as character references is not well-formed either.
 */
import { FormatError } from "./errors";

// In `u` mode a surrogate range only matches *unpaired* surrogates, so valid astral characters pass.
const FORBIDDEN = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff";
const TEXT_SPECIAL = new RegExp(`[&<>\\r${FORBIDDEN}]`, "u");
const TEXT_SPECIAL_G = new RegExp(`[&<>\\r${FORBIDDEN}]`, "gu");
const ATTR_SPECIAL = new RegExp(`[&<>"'\\t\\n\\r${FORBIDDEN}]`, "u");
const ATTR_SPECIAL_G = new RegExp(`[&<>"'\\t\\n\\r${FORBIDDEN}]`, "gu");

const REPLACEMENTS: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A literal CR is turned into LF by every XML parser (end-of-line handling); a reference survives.
  "\r": "&#13;",
  // In attributes a literal TAB/LF becomes a space (attribute-value normalisation); references survive.
  "\t": "&#9;",
  "\n": "&#10;",
};

// The message must not carry the refused character itself (it may end up in logs and JSON bodies).
const snippet = (text: string) => text.slice(0, 40).replace(new RegExp(`[${FORBIDDEN}]`, "gu"), "\uFFFD");

function replace(text: string, ch: string, offset: number): string {
  const r = REPLACEMENTS[ch];
  if (r !== undefined) return r;
  const cp = ch.codePointAt(0) ?? 0;
  throw new FormatError(
    "xml-invalid-char",
    `U+${cp.toString(16).toUpperCase().padStart(4, "0")} at offset ${offset} cannot be written in XML 1.0 (text starts "${snippet(text)}")`,
    undefined,
    undefined,
    cp,
    offset,
  );
}

/** Escapes character data (element content). Keeps TAB and LF literal, writes CR as `&#13;`. */
export function escapeXmlText(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(TEXT_SPECIAL_G, (ch, offset: number) => replace(text, ch, offset));
}

/** Escapes an attribute value for either quote style; TAB, LF and CR become character references. */
export function escapeXmlAttr(text: string): string {
  if (!ATTR_SPECIAL.test(text)) return text;
  return text.replace(ATTR_SPECIAL_G, (ch, offset: number) => replace(text, ch, offset));
}

/**
 * Throws the same FormatError the writers would, without building output: lets a route refuse text
 * at write time instead of discovering it halfway through an export stream.
 */
export function assertXmlChars(text: string): void {
  escapeXmlText(text);
}
