/**
 * TBX writers and reader.
 * - `writeTbx`: TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: valid against TBXcoreStructV03.rng
 *   and the TBX-Basic_DCA Schematron.
 * - `writeTbx2008`: TBX 2008 / MARTIF (`TBXcoreStructV02.dtd`), the flavour OmegaT and translate-toolkit read.
 * The reader (both flavours, DCA and DCT, with per-entry skips) is tbx-read.ts.
 *
 * TBX-Basic has no "forbidden" status: a forbidden term is written as `deprecatedTerm-admn-sts` plus a
 * term-level note with the exact text FORBIDDEN_NOTE, which this reader turns back into "forbidden".
 */
import type { Term, TermStatus } from "../types";
import { FormatError } from "./errors";
import { conceptId, type ExportedEntry, termsByLanguage } from "./glossary-model";
import { FORBIDDEN_NOTE, TBX_NS } from "./tbx-read";
import { escapeXmlAttr as attrEsc, escapeXmlText as text } from "./xml-escape";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

export const ADMIN_STATUS: Record<TermStatus, string> = {
  preferred: "preferredTerm-admn-sts",
  admitted: "admittedTerm-admn-sts",
  deprecated: "deprecatedTerm-admn-sts",
  forbidden: "deprecatedTerm-admn-sts",
};
/** The only partOfSpeech values TBX-Basic allows; anything else is written as "other". */
export const TBX_BASIC_POS = new Set(["noun", "verb", "adjective", "adverb", "other"]);

export interface TbxWriteOptions {
  title?: string;
  chunkChars?: number;
}

type Flavour = "v3" | "2008";

function termXml(t: Term, flavour: Flavour): string {
  const [open, close] = flavour === "v3" ? ["<termSec>", "</termSec>"] : ["<tig>", "</tig>"];
  let s = `${open}<term>${text(t.text)}</term>`;
  s += `<termNote type="administrativeStatus">${ADMIN_STATUS[t.status]}</termNote>`;
  if (t.partOfSpeech)
    s += `<termNote type="partOfSpeech">${TBX_BASIC_POS.has(t.partOfSpeech) ? t.partOfSpeech : "other"}</termNote>`;
  if (t.note) s += `<note>${text(t.note)}</note>`;
  if (t.status === "forbidden") s += `<note>${FORBIDDEN_NOTE}</note>`;
  return s + close;
}

function entryXml(e: ExportedEntry, index: number, flavour: Flavour): string {
  const [entry, lang] = flavour === "v3" ? ["conceptEntry", "langSec"] : ["termEntry", "langSet"];
  let s = `\n<${entry} id="${attrEsc(conceptId(e, index))}">`;
  if (e.domain) s += `<descrip type="subjectField">${text(e.domain)}</descrip>`;
  if (e.definition) s += `<descrip type="definition">${text(e.definition)}</descrip>`;
  if (e.source) s += `<admin type="source">${text(e.source)}</admin>`;
  if (e.note) s += `<note>${text(e.note)}</note>`;
  const groups = termsByLanguage(e.terms);
  if (groups.length === 0)
    throw new FormatError("invalid-content", `glossary entry ${conceptId(e, index)} has no terms`);
  for (const [l, terms] of groups) {
    s += `\n<${lang} xml:lang="${l}">`;
    for (const t of terms) s += termXml(t, flavour);
    s += `</${lang}>`;
  }
  return `${s}\n</${entry}>`;
}

async function* tbxParts(
  entries: AsyncIterable<ExportedEntry> | Iterable<ExportedEntry>,
  flavour: Flavour,
  title: string,
): AsyncGenerator<string> {
  if (flavour === "v3") {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="${TBX_NS}">\n`;
    yield `<tbxHeader><fileDesc><titleStmt><title>${text(title)}</title></titleStmt><sourceDesc><p>Exported from Diwan</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>`;
  } else {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en">\n';
    yield `<martifHeader><fileDesc><titleStmt><title>${text(title)}</title></titleStmt><sourceDesc><p>Exported from Diwan</p></sourceDesc></fileDesc></martifHeader>\n<text><body>`;
  }
  let i = 0;
  for await (const e of entries) yield entryXml(e, i++, flavour);
  // Both schemas require at least one entry in <body>.
  if (i === 0) throw new FormatError("invalid-content", "a TBX body needs at least one entry");
  yield flavour === "v3" ? "\n</body></text>\n</tbx>\n" : "\n</body></text>\n</martif>\n";
}

/** TBX v3, TBX-Basic dialect, DCA style. */
export function writeTbx(
  entries: AsyncIterable<ExportedEntry> | Iterable<ExportedEntry>,
  options: TbxWriteOptions = {},
): ReadableStream<Uint8Array> {
  return stringsToStream(
    tbxParts(entries, "v3", options.title ?? "Diwan glossary"),
    options.chunkChars ?? DEFAULT_CHUNK_CHARS,
  );
}

/** TBX 2008 (MARTIF), for OmegaT and translate-toolkit. */
export function writeTbx2008(
  entries: AsyncIterable<ExportedEntry> | Iterable<ExportedEntry>,
  options: TbxWriteOptions = {},
): ReadableStream<Uint8Array> {
  return stringsToStream(
    tbxParts(entries, "2008", options.title ?? "Diwan glossary"),
    options.chunkChars ?? DEFAULT_CHUNK_CHARS,
  );
}

export { FORBIDDEN_NOTE, parseTbx, TBX_NS } from "./tbx-read";
