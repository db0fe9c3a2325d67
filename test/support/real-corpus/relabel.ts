// Test-time re-labelling of a corpus file as Arabic → English, for files whose language pair is the only
// obstacle to importing them into Diwan. The committed file stays byte for byte as published; this makes
// a copy in which ONLY language-tag attribute values inside start tags change:
//   - the file's source language (XLIFF source-language/srcLang; TMX header srclang, else the first tu's,
//     else the first variant's; TBX: the first non-English language) becomes "ar";
//   - its target language (XLIFF target-language/trgLang, else the first other xml:lang; TMX: the first
//     other variant language; TBX: the first English one, else the next language) becomes "en";
//   - any other tag whose primary subtag is ar or en becomes private-use "x-<tag>" (so it cannot be taken
//     for Arabic or English);
//   - a file whose source and target are the same tag (en-US → en-US): "en" in target-language, trgLang
//     and on <target>, "ar" elsewhere;
// in the attributes xml:lang, lang, source-language, target-language, srcLang, trgLang and srclang. Tags
// compare case-insensitively ("_" as "-"). Text, comments, CDATA and every other byte are untouched; UTF-16
// files stay UTF-16 with their BOM; other encodings are edited as bytes (tags are ASCII).
// Glossary tables (CSV, TSV) whose header names no Arabic or no English column: ONLY header cells that are
// language tags change, by the same rule — the source (the first tag, unless a column is already the
// source by name: `source`, `term`…) becomes "ar", the next tag "en", other ar/en tags "x-<tag>".
import { bytesToLatin1, type Decoded, encodeUtf16, latin1ToBytes } from "./decode";
import type { CorpusFile } from "./read";

export interface Relabelling {
  bytes: Uint8Array;
  /** Original tag (as written) → new tag. */
  mapping: Record<string, string>;
  /** Attribute values changed. */
  changed: number;
}

const LANG_ATTRS =
  /(\s(?:xml:lang|lang|source-language|target-language|srcLang|trgLang|srclang)\s*=\s*)(["'])([^"'<>]*)\2/g;

const norm = (tag: string) => tag.trim().toLowerCase().replace(/_/g, "-");
const primary = (tag: string) => norm(tag).split("-")[0] ?? "";

/** The tags chosen as source (→ ar) and target (→ en) of a file, by the rules above. */
export function chooseLanguages(file: CorpusFile): { source: string | null; target: string | null } {
  const r = file.reading;
  const langs = file.languages.filter((l) => l !== "" && norm(l) !== "*all*");
  const other = (than: string | null) => langs.find((l) => than === null || norm(l) !== norm(than)) ?? null;
  if (r.format === "xliff") {
    const source = r.srcLang ?? langs[0] ?? null;
    return { source, target: r.trgLang ?? other(source) };
  }
  if (r.format === "tmx") {
    const tuLang = r.units.find((u) => u.srclang && norm(u.srclang) !== "*all*")?.srclang ?? null;
    const source = r.srclang && norm(r.srclang) !== "*all*" ? r.srclang : (tuLang ?? langs[0] ?? null);
    return { source, target: other(source) };
  }
  if (r.format === "tbx") {
    const english = langs.find((l) => primary(l) === "en") ?? null;
    const source = langs.find((l) => primary(l) === "ar") ?? langs.find((l) => l !== english) ?? null;
    return { source, target: english ?? langs.find((l) => l !== source) ?? null };
  }
  return { source: null, target: null };
}

export function relabelMapping(file: CorpusFile): Map<string, string> {
  const { source, target } = chooseLanguages(file);
  const map = new Map<string, string>();
  for (const tag of file.languages) {
    const key = norm(tag);
    if (source && key === norm(source)) map.set(key, "ar");
    else if (target && key === norm(target)) map.set(key, "en");
    else if (primary(tag) === "ar" || primary(tag) === "en") map.set(key, `x-${tag}`);
  }
  return map;
}

/**
 * Applies `map` to language attributes inside start tags only (never text, comments, CDATA, PIs). When the
 * file names the same tag as source and target (`same`, e.g. en-US → en-US), that tag becomes "en" in
 * target-language, trgLang and the xml:lang of `<target>`, and "ar" everywhere else.
 */
export function relabelText(
  text: string,
  map: Map<string, string>,
  same: string | null = null,
): { text: string; changed: number } {
  let out = "";
  let changed = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, lt);
    const skip = (close: string) => {
      const end = text.indexOf(close, lt);
      return end < 0 ? text.length : end + close.length;
    };
    let end: number;
    if (text.startsWith("<!--", lt)) end = skip("-->");
    else if (text.startsWith("<![CDATA[", lt)) end = skip("]]>");
    else if (text.startsWith("<?", lt)) end = skip("?>");
    else if (text.startsWith("<!", lt)) end = skip(">");
    else {
      // A tag: up to the first '>' outside quotes.
      let j = lt + 1;
      let quote: string | null = null;
      while (j < text.length) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === ">") break;
        j++;
      }
      end = Math.min(j + 1, text.length);
      const raw = text.slice(lt, end);
      const element = /^<(?:[^\s/>:]+:)?([^\s/>:]+)/.exec(raw)?.[1] ?? "";
      const tag = raw.replace(LANG_ATTRS, (whole, before: string, q: string, value: string) => {
        const targetSide = /(target-language|trgLang)\s*=\s*$/.test(before) || element === "target";
        const to = same !== null && norm(value) === same ? (targetSide ? "en" : "ar") : map.get(norm(value));
        if (to === undefined || to === value) return whole;
        changed++;
        return `${before}${q}${to}${q}`;
      });
      out += tag;
      i = end;
      continue;
    }
    out += text.slice(lt, end);
    i = end;
  }
  return { text: out, changed };
}

/** A header cell naming a language by an ISO 639-1 tag (`en`, `es-ES`, `pt_BR`); `term`, `key`, `note` are not. */
const TABLE_TAG = /^[a-z]{2}(?:[-_][a-z0-9]{2,8})*$/i;
const SOURCE_NAME = /^(source|src|source term|term|terms|arabic)$/i;
const TARGET_NAME = /^(target|tgt|target term|translation|english)$/i;

/** The header cells of a glossary table to re-label (tag as written → new tag); empty when none must change. */
export function tableMapping(header: string[]): Map<string, string> {
  const cells = header.map((c) => c.trim());
  const tags = cells.filter((c) => TABLE_TAG.test(c));
  const hasAr = cells.some((c) => SOURCE_NAME.test(c) || (TABLE_TAG.test(c) && primary(c) === "ar"));
  const hasEn = cells.some((c) => TARGET_NAME.test(c) || (TABLE_TAG.test(c) && primary(c) === "en"));
  const map = new Map<string, string>();
  if (hasAr && hasEn) return map;
  const firstTag = cells.findIndex((c) => TABLE_TAG.test(c));
  const sourceNamed = cells.findIndex((c) => SOURCE_NAME.test(c));
  const source = sourceNamed >= 0 && (firstTag < 0 || sourceNamed < firstTag) ? null : (tags[0] ?? null);
  const target = tags.find((t) => t !== source) ?? null;
  for (const tag of tags) {
    if (tag === source) map.set(tag, "ar");
    else if (tag === target) map.set(tag, "en");
    else if (primary(tag) === "ar" || primary(tag) === "en") map.set(tag, `x-${tag}`);
  }
  return map;
}

/** Re-labels the header row (the first line) of a CSV/TSV file; cells are compared unquoted. */
function relabelTable(bytes: Uint8Array, file: CorpusFile): Relabelling {
  const r = file.reading;
  const decoded = file.decoded;
  const none = { bytes, mapping: {}, changed: 0 };
  if ((r.format !== "csv" && r.format !== "tsv") || decoded === null || r.rows.length === 0) return none;
  const map = tableMapping(r.rows[0]!);
  if (map.size === 0) return none;
  const utf16 = decoded.encoding === "utf-16le" || decoded.encoding === "utf-16be";
  const text = utf16 ? decoded.text : bytesToLatin1(bytes);
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : text.startsWith("\xEF\xBB\xBF") ? "\xEF\xBB\xBF" : "";
  const end = text.search(/\r|\n/);
  const line = text.slice(bom.length, end < 0 ? text.length : end);
  const sep = r.format === "csv" ? "," : "\t";
  let changed = 0;
  const relabelled = line
    .split(sep)
    .map((cell) => {
      const to = map.get(cell.trim());
      if (to === undefined) return cell;
      changed++;
      return cell.replace(cell.trim(), to);
    })
    .join(sep);
  const out = bom + relabelled + (end < 0 ? "" : text.slice(end));
  return {
    bytes: utf16
      ? encodeUtf16(out.slice(bom.length), decoded.encoding as "utf-16le", decoded.bom)
      : latin1ToBytes(out),
    mapping: Object.fromEntries(map),
    changed,
  };
}

export function relabel(bytes: Uint8Array, file: CorpusFile): Relabelling {
  if (file.reading.format === "csv" || file.reading.format === "tsv") return relabelTable(bytes, file);
  const map = relabelMapping(file);
  const chosen = chooseLanguages(file);
  const same =
    chosen.source && chosen.target && norm(chosen.source) === norm(chosen.target)
      ? norm(chosen.source)
      : null;
  const mapping = Object.fromEntries(
    [...map].map(([k, v]) => [file.languages.find((l) => norm(l) === k) ?? k, v]),
  );
  const decoded: Decoded | null = file.decoded;
  if (map.size === 0 || decoded === null) return { bytes, mapping, changed: 0 };
  if (decoded.encoding === "utf-16le" || decoded.encoding === "utf-16be") {
    const { text, changed } = relabelText(decoded.text, map, same);
    return { bytes: changed ? encodeUtf16(text, decoded.encoding, decoded.bom) : bytes, mapping, changed };
  }
  const { text, changed } = relabelText(bytesToLatin1(bytes), map, same);
  return { bytes: changed ? latin1ToBytes(text) : bytes, mapping, changed };
}
