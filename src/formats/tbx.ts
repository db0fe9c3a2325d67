/**
 * TBX writers and reader.
 * - `writeTbx`: TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: valid against TBXcoreStructV03.rng
 *   and the TBX-Basic_DCA Schematron.
 * - `writeTbx2008`: TBX 2008 / MARTIF (`TBXcoreStructV02.dtd`), the flavour OmegaT and translate-toolkit read.
 * - `parseTbx`: reads both back into glossary entries.
 *
 * TBX-Basic has no "forbidden" status: a forbidden term is written as `deprecatedTerm-admn-sts` plus a
 * term-level note with the exact text FORBIDDEN_NOTE, which this reader turns back into "forbidden".
 */
import type { Term, TermStatus } from "../types";
import { FormatError } from "./errors";
import {
  conceptId,
  type ExportedEntry,
  keyFromConceptId,
  type ReadEntry,
  termsByLanguage,
} from "./glossary-model";
import { baseLang } from "./lang";
import { lookupTable } from "./lookup-table";
import { escapeXmlAttr as attrEsc, escapeXmlText as text } from "./xml-escape";
import { attr, parseXml, type XmlLimits } from "./xml-parse";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

export const TBX_NS = "urn:iso:std:iso:30042:ed-2";
export const FORBIDDEN_NOTE = "Forbidden term (Diwan): never use.";

export const ADMIN_STATUS: Record<TermStatus, string> = {
  preferred: "preferredTerm-admn-sts",
  admitted: "admittedTerm-admn-sts",
  deprecated: "deprecatedTerm-admn-sts",
  forbidden: "deprecatedTerm-admn-sts",
};
const STATUS_OF_ADMIN = lookupTable<TermStatus>({
  "preferredTerm-admn-sts": "preferred",
  "admittedTerm-admn-sts": "admitted",
  "deprecatedTerm-admn-sts": "deprecated",
  "supersededTerm-admn-sts": "deprecated",
});
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

export interface ParsedTbx {
  flavour: "v3" | "2008";
  /** v3 `tbx/@type`, e.g. "TBX-Basic"; "TBX" for 2008. */
  dialect: string;
  entries: ReadEntry[];
  /** Terms in languages other than Arabic and English, or without text: not imported. */
  skippedTerms: number;
}

type Field =
  | "domain"
  | "definition"
  | "source"
  | "entryNote"
  | "term"
  | "adminStatus"
  | "pos"
  | "termNote"
  | "ignore";

// Inline markup in TBX text: highlighting and foreign-language spans keep their text.
const KEEP_INLINE = new Set(["hi", "foreign"]);

export function parseTbx(input: string, limits: Partial<XmlLimits> = {}): ParsedTbx {
  const out: ParsedTbx = { flavour: "v3", dialect: "", entries: [], skippedTerms: 0 };
  let entry: ReadEntry | null = null;
  let lang: "ar" | "en" | null = null;
  let inLang = false;
  let term: { text: string; admin: string | null; pos: string | null; notes: string[] } | null = null;
  let field: Field | null = null;
  let fieldDepth = 0;
  let buf = "";
  let skipDepth = 0;

  const start = (f: Field, depth: number) => {
    field = f;
    fieldDepth = depth;
    buf = "";
  };

  parseXml(
    input,
    {
      open(el, depth) {
        if (skipDepth > 0) return;
        if (depth === 1) {
          if (el.local === "tbx") {
            if (el.uri !== TBX_NS)
              throw new FormatError(
                "wrong-namespace",
                `TBX v3 must use the namespace ${TBX_NS}, not "${el.uri}"`,
              );
            if (attr(el, "style") === "dct")
              throw new FormatError("invalid-content", "TBX DCT style is not supported; export as DCA");
            out.flavour = "v3";
            out.dialect = attr(el, "type") ?? "";
          } else if (el.local === "martif") {
            if (el.uri !== "")
              throw new FormatError("wrong-namespace", `MARTIF has no namespace, found "${el.uri}"`);
            out.flavour = "2008";
            out.dialect = attr(el, "type") ?? "";
          } else throw new FormatError("wrong-root", `not a TBX document (root <${el.name}>)`);
          return;
        }
        if (field !== null) {
          if (!KEEP_INLINE.has(el.local)) skipDepth = depth;
          return;
        }
        switch (el.local) {
          case "tbxHeader":
          case "martifHeader":
          case "back":
            skipDepth = depth;
            return;
          case "text":
          case "body":
          case "descripGrp":
          case "adminGrp":
          case "termGrp":
          case "termNoteGrp":
            return;
          case "conceptEntry":
          case "termEntry":
            entry = {
              key: keyFromConceptId(attr(el, "id")),
              domain: "",
              definition: null,
              note: null,
              source: null,
              terms: [],
            };
            return;
          case "langSec":
          case "langSet":
            inLang = true;
            lang = baseLang(el.attributes["xml:lang"]);
            return;
          case "termSec":
          case "tig":
          case "ntig":
            term = { text: "", admin: null, pos: null, notes: [] };
            return;
          case "term":
            if (term) start("term", depth);
            else skipDepth = depth;
            return;
          case "termNote": {
            const type = attr(el, "type");
            if (term && type === "administrativeStatus") start("adminStatus", depth);
            else if (term && type === "partOfSpeech") start("pos", depth);
            else skipDepth = depth;
            return;
          }
          case "descrip": {
            const type = attr(el, "type");
            if (entry && !term && type === "subjectField" && !inLang) start("domain", depth);
            else if (entry && !term && type === "definition") start("definition", depth);
            else skipDepth = depth;
            return;
          }
          case "admin":
            if (entry && !term && !inLang && attr(el, "type") === "source") start("source", depth);
            else skipDepth = depth;
            return;
          case "note":
            if (term) start("termNote", depth);
            else if (entry && !inLang) start("entryNote", depth);
            else skipDepth = depth;
            return;
          default:
            skipDepth = depth;
        }
      },
      close(el, depth) {
        if (skipDepth > 0) {
          if (depth === skipDepth) skipDepth = 0;
          return;
        }
        if (field !== null) {
          if (depth !== fieldDepth) return;
          const f: Field = field;
          field = null;
          if (f === "term") term!.text = buf;
          else if (f === "adminStatus") term!.admin = buf.trim();
          else if (f === "pos") term!.pos = buf.trim();
          else if (f === "termNote") term!.notes.push(buf);
          else if (f === "domain") entry!.domain = buf;
          else if (f === "definition") entry!.definition ??= buf;
          else if (f === "source") entry!.source = buf;
          else if (f === "entryNote") entry!.note = entry!.note === null ? buf : `${entry!.note}\n${buf}`;
          return;
        }
        switch (el.local) {
          case "termSec":
          case "tig":
          case "ntig": {
            const t = term!;
            term = null;
            if (lang === null || entry === null || t.text === "") {
              out.skippedTerms++;
              return;
            }
            const forbidden = t.notes.some((n) => n.trim() === FORBIDDEN_NOTE);
            const notes = t.notes.filter((n) => n.trim() !== FORBIDDEN_NOTE);
            let status: TermStatus = t.admin ? (STATUS_OF_ADMIN.get(t.admin) ?? "admitted") : "admitted";
            if (forbidden && status === "deprecated") status = "forbidden";
            entry.terms.push({
              lang,
              text: t.text,
              status,
              partOfSpeech: t.pos || null,
              note: notes.length > 0 ? notes.join("\n") : null,
            });
            return;
          }
          case "langSec":
          case "langSet":
            inLang = false;
            lang = null;
            return;
          case "conceptEntry":
          case "termEntry":
            if (entry) out.entries.push(entry);
            entry = null;
            return;
        }
      },
      text(t) {
        if (skipDepth === 0 && field !== null) buf += t;
      },
    },
    limits,
  );
  return out;
}
