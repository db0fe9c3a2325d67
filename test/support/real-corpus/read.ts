// One entry point: a corpus file's bytes → what the file holds, read independently of Diwan
// (@xmldom/xmldom DOM, the formats' specifications). Pure: no Node built-ins, works in any runtime.
import { DOMParser } from "@xmldom/xmldom";
import { type Decoded, DecodeError, decodeBytes } from "./decode";
import { readTbx, type TbxReading, tbxLanguages } from "./tbx";
import { readTextGlossary, TextGlossaryError, type TextGlossaryReading } from "./text-glossary";
import { readTmx, type TmxReading, tmxLanguages } from "./tmx";
import { readXliff, type XliffReading, xliffLanguages } from "./xliff";

/** A file this reader cannot read: the defect, in words (e.g. not well-formed, with the parser's message). */
export interface Unreadable {
  format: "unreadable";
  defect: string;
}

/** Well-formed XML of another vocabulary. */
export interface OtherXml {
  format: "other";
  root: string;
}

export type Reading = XliffReading | TmxReading | TbxReading | TextGlossaryReading | Unreadable | OtherXml;

export interface CorpusFile {
  decoded: Decoded | null;
  reading: Reading;
  /** Language tags the file uses, in order of first appearance (what relabelling maps). */
  languages: string[];
}

export function textFormatOf(name: string): TextGlossaryReading["format"] | null {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.tsv$/i.test(name)) return "tsv";
  if (/\.(txt|tab|utf8)$/i.test(name)) return "omegat";
  return null;
}

export function parseXmlDom(text: string) {
  const problems: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") problems.push(message.split("\n")[0] ?? message);
    },
  });
  try {
    const doc = parser.parseFromString(text, "text/xml");
    return { doc, problems };
  } catch (err) {
    problems.push((err as Error).message.split("\n")[0] ?? String(err));
    return { doc: null, problems };
  }
}

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/**
 * A character XML 1.0 does not allow, written as is or as a character reference (the DOM parser accepts
 * both; libxml2 and the specification do not). XML 1.1 documents may refer to C0 controls.
 */
export function forbiddenCharacter(text: string): string | null {
  const literal = FORBIDDEN.exec(text);
  if (literal)
    return `character U+${literal[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed`;
  const xml11 = /^\s*<\?xml[^>]*version\s*=\s*["']1\.1["']/.test(text);
  for (const m of text.matchAll(REFERENCE)) {
    const ref = m[1] ?? "";
    const code = ref.startsWith("x") ? Number.parseInt(ref.slice(1), 16) : Number(ref);
    const control = code < 0x20 && code !== 9 && code !== 10 && code !== 13;
    if (
      (control && !(xml11 && code !== 0)) ||
      code === 0xfffe ||
      code === 0xffff ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code > 0x10ffff
    )
      return `character reference ${m[0]} is not allowed in XML 1.0`;
  }
  return null;
}

export function readCorpusFile(bytes: Uint8Array, name: string): CorpusFile {
  let decoded: Decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (err) {
    if (err instanceof DecodeError)
      return { decoded: null, reading: { format: "unreadable", defect: err.message }, languages: [] };
    throw err;
  }
  const textFormat = textFormatOf(name);
  if (textFormat) {
    try {
      return { decoded, reading: readTextGlossary(decoded.text, textFormat), languages: [] };
    } catch (err) {
      if (err instanceof TextGlossaryError)
        return { decoded, reading: { format: "unreadable", defect: err.message }, languages: [] };
      throw err;
    }
  }
  const forbidden = forbiddenCharacter(decoded.text);
  if (forbidden)
    return {
      decoded,
      reading: { format: "unreadable", defect: `not well-formed XML: ${forbidden}` },
      languages: [],
    };
  const { doc, problems } = parseXmlDom(decoded.text);
  const root = doc?.documentElement;
  if (!doc || !root || problems.length > 0) {
    return {
      decoded,
      reading: { format: "unreadable", defect: `not well-formed XML: ${problems[0] ?? "no root element"}` },
      languages: [],
    };
  }
  switch (root.localName) {
    case "xliff": {
      return { decoded, reading: readXliff(root), languages: xliffLanguages(root) };
    }
    case "tmx": {
      const reading = readTmx(root);
      return { decoded, reading, languages: tmxLanguages(reading) };
    }
    case "martif":
    case "tbx": {
      const reading = readTbx(root);
      return { decoded, reading, languages: tbxLanguages(reading) };
    }
    default:
      return { decoded, reading: { format: "other", root: root.nodeName }, languages: [] };
  }
}
