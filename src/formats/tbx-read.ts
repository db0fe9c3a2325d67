/**
 * TBX reader, lenient the way termbases need it: TBX v3 (ISO 30042:2019) in DCA style (`<termNote
 * type="partOfSpeech">`) and DCT style (`<min:partOfSpeech>`, any namespace), TBX 2008 / MARTIF (TBX v2:
 * `termEntry`/`langSet`/`tig`/`ntig`), TBX-Basic and TBX-Min dialects.
 *
 * A data category is an element `<descrip|admin|termNote|transac… type="name">` (DCA, MARTIF) or an element
 * named `name` outside the TBX namespace (DCT). Each one Diwan stores lands in its field; every other one is
 * counted in `notKept` by name, so an import report can say what the file held that Diwan does not keep.
 *
 * Per entry the reader never refuses the file: an entry without Arabic or without English terms is skipped
 * with its reason; terms with surrounding white space are trimmed and reported; an entry without a subject
 * field gets `defaultDomain` and is reported. Only a file that is not TBX (or not well-formed XML) throws.
 */
import type { Term, TermStatus } from "../types";
import { FormatError } from "./errors";
import { type GlossaryReading, keyFromConceptId } from "./glossary-model";
import { baseLang } from "./lang";
import { attr, createXmlParser, type XmlElement, type XmlLimits } from "./xml-parse";

/** The entry schema's limit (src/schemas/entry.ts). */
const MAX_DEFINITION = 2000;
export const TBX_NS = "urn:iso:std:iso:30042:ed-2";
export const FORBIDDEN_NOTE = "Forbidden term (Diwan): never use.";

export interface ParsedTbx extends GlossaryReading {
  flavour: "v3" | "2008";
  /** v3 `tbx/@type`, e.g. "TBX-Basic"; `martif/@type` ("TBX") for 2008. */
  dialect: string;
  style: "dca" | "dct";
  /** Terms in languages other than Arabic and English, or without text: not imported. */
  skippedTerms: number;
}

export interface TbxReadOptions {
  /** Domain of entries without a subject field (default "general"). */
  defaultDomain?: string;
  limits?: Partial<XmlLimits>;
}

/**
 * Diwan's status for a TBX status value: administrativeStatus (`preferredTerm-admn-sts`…), TBX 2008
 * normativeAuthorization (`preferredTerm`…) and TBX-Min usageStatus (`preferred`, `notRecommended`…).
 * null for a value of none of these vocabularies.
 */
export function termStatusOf(value: string): TermStatus | null {
  const v = value
    .trim()
    .replace(/-admn-sts$/i, "")
    .replace(/-?term$/i, "")
    .toLowerCase();
  switch (v) {
    case "preferred":
    case "standardized":
      return "preferred";
    case "admitted":
    case "legal":
    case "regulated":
      return "admitted";
    case "deprecated":
    case "superseded":
    case "notrecommended":
    case "obsolete":
      return "deprecated";
    case "forbidden":
    case "prohibited":
      return "forbidden";
    default:
      return null;
  }
}

const STATUS_CATEGORIES = new Set(["administrativeStatus", "normativeAuthorization", "usageStatus"]);
/** Elements whose `type` attribute names the data category (DCA style and MARTIF). */
const TYPED = new Set(["descrip", "admin", "termNote", "transac", "transacNote", "ref", "xref"]);
/** Wrappers read through: what is inside belongs to the level the wrapper stands at. */
const WRAPPERS = new Set(["descripGrp", "adminGrp", "termNoteGrp", "termGrp"]);
/** Inline markup in TBX text: highlighting and foreign-language spans keep their text. */
const KEEP_INLINE = new Set(["hi", "foreign"]);

type Level = "entry" | "lang" | "term";

interface TermDraft {
  text: string;
  status: string | null;
  pos: string | null;
  notes: string[];
}

interface EntryDraft {
  id: string | undefined;
  line: number;
  domain: string | null;
  definition: string | null;
  source: string | null;
  notes: string[];
  terms: Term[];
  /** Languages of terms, as written, in order of first appearance. */
  languages: string[];
  issues: string[];
  /** What makes the entry unreadable as one concept (it is skipped with these reasons). */
  defects: string[];
}

interface Field {
  category: string;
  depth: number;
  level: Level;
  buf: string;
}

export function parseTbx(input: string, options: TbxReadOptions = {}): ParsedTbx {
  const defaultDomain = options.defaultDomain ?? "general";
  const out: ParsedTbx = {
    flavour: "v3",
    dialect: "",
    style: "dca",
    entries: [],
    lines: [],
    skipped: [],
    adjusted: [],
    notKept: {},
    skippedTerms: 0,
  };
  let entry: EntryDraft | null = null;
  let entryCount = 0;
  let lang: string | null = null;
  let term: TermDraft | null = null;
  let field: Field | null = null;
  let skipDepth = 0;
  let inBody = false;
  const notKept = (name: string) => {
    out.notKept[name] = (out.notKept[name] ?? 0) + 1;
  };
  const level = (): Level => (term ? "term" : lang !== null ? "lang" : "entry");

  /** The data category an element stands for, or null for a structural or unknown element. */
  const categoryOf = (el: XmlElement): string | null => {
    if (el.local === "term" || el.local === "note") return el.local;
    if (TYPED.has(el.local)) return attr(el, "type") ?? el.local;
    // DCT style: the element's own name is the category (min:partOfSpeech, basic:definition…).
    if (out.flavour === "v3" && el.uri !== TBX_NS && el.uri !== "") {
      out.style = "dct";
      return el.local;
    }
    return null;
  };

  const store = (f: Field) => {
    const value = f.buf;
    const c = f.category;
    if (c === "term" && term) {
      // A term section is one term: with two, which of them its notes and status belong to is not known.
      if (term.text.trim() !== "" && value.trim() !== "")
        entry!.defects.push(
          `a term section holds more than one term ("${term.text.trim()}", "${value.trim()}"): a term section is one term with its own notes and status`,
        );
      else if (term.text.trim() === "") term.text = value;
    } else if (STATUS_CATEGORIES.has(c) && term) term.status = value.trim();
    else if (c === "partOfSpeech" && term) term.pos = value.trim();
    else if (c === "note" && term) term.notes.push(value);
    else if (c === "note") entry!.notes.push(value);
    else if (c === "subjectField" && entry!.domain === null && value.trim() !== "") entry!.domain = value;
    else if (c === "definition" && value.trim() !== "") addDefinition(value);
    else if (c === "source" && f.level !== "term" && entry!.source === null && value.trim() !== "")
      entry!.source = value;
    else if (c !== "definition") notKept(c);
  };

  /**
   * Diwan stores one definition: a second one (another language's, another source's) is kept after the
   * first with a blank line between, reported; only one that would pass the field's 2,000 characters is
   * left out, reported too.
   */
  const addDefinition = (value: string) => {
    const e = entry!;
    if (e.definition === null) e.definition = value;
    else if (e.definition.length + 2 + value.length <= MAX_DEFINITION) {
      e.definition = `${e.definition}\n\n${value}`;
      e.issues.push("a second definition kept after the first (a blank line between)");
    } else {
      notKept("definition (more than one)");
      e.issues.push(
        `a further definition left out (${value.length} characters): the definition holds at most ${MAX_DEFINITION}`,
      );
    }
  };

  const finishTerm = () => {
    const t = term!;
    term = null;
    const base = baseLang(lang);
    const text = t.text.trim();
    if (base === null || text === "") {
      out.skippedTerms++;
      if (base !== null) entry!.issues.push(`an empty ${base} term was left out`);
      return;
    }
    if (text !== t.text) entry!.issues.push(`term "${text}" (${base}) trimmed of surrounding white space`);
    const forbidden = t.notes.some((n) => n.trim() === FORBIDDEN_NOTE);
    const notes = t.notes.filter((n) => n.trim() !== FORBIDDEN_NOTE);
    let status: TermStatus = "admitted";
    if (t.status) {
      const known = termStatusOf(t.status);
      if (known) status = known;
      else entry!.issues.push(`term "${text}": status "${t.status}" is not known, read as admitted`);
    }
    if (forbidden && status === "deprecated") status = "forbidden";
    entry!.terms.push({
      lang: base,
      text,
      status,
      partOfSpeech: t.pos || null,
      note: notes.length > 0 ? notes.join("\n") : null,
    });
  };

  const finishEntry = () => {
    const e = entry!;
    entry = null;
    const name = e.id ?? `#${entryCount}`;
    if (e.defects.length > 0) {
      out.skipped.push({ entry: name, line: e.line, message: e.defects.join("; ") });
      return;
    }
    const has = (l: "ar" | "en") => e.terms.some((t) => t.lang === l);
    if (!has("ar") || !has("en")) {
      const missing = [has("ar") ? null : "Arabic", has("en") ? null : "English"]
        .filter(Boolean)
        .join(" and ");
      const found = e.languages.length > 0 ? e.languages.join(", ") : "none";
      out.skipped.push({
        entry: name,
        line: e.line,
        message: `no ${missing} term (languages with terms: ${found})`,
      });
      return;
    }
    const others = e.languages.filter((l) => baseLang(l) === null);
    if (others.length > 0) e.issues.push(`terms in ${others.join(", ")} left out`);
    if (e.domain === null) e.issues.push(`no subject field: domain "${defaultDomain}"`);
    for (const message of e.issues) out.adjusted.push({ entry: name, line: e.line, message });
    out.lines.push(e.line);
    out.entries.push({
      key: keyFromConceptId(e.id),
      domain: e.domain ?? defaultDomain,
      definition: e.definition,
      note: e.notes.length > 0 ? e.notes.join("\n") : null,
      source: e.source,
      terms: e.terms,
    });
  };

  const parser = createXmlParser(
    {
      open(el, depth) {
        if (skipDepth > 0) return;
        if (field !== null) {
          if (!KEEP_INLINE.has(el.local)) skipDepth = depth;
          return;
        }
        if (depth === 1) {
          if (el.local === "tbx") {
            if (el.uri !== TBX_NS)
              throw new FormatError(
                "wrong-namespace",
                `TBX v3 must use the namespace ${TBX_NS}, not "${el.uri}"`,
              );
            out.flavour = "v3";
            out.dialect = attr(el, "type") ?? "";
            if (attr(el, "style") === "dct") out.style = "dct";
          } else if (el.local === "martif") {
            if (el.uri !== "")
              throw new FormatError("wrong-namespace", `MARTIF has no namespace, found "${el.uri}"`);
            out.flavour = "2008";
            out.dialect = attr(el, "type") ?? "";
          } else throw new FormatError("wrong-root", `not a TBX document (root <${el.name}>)`);
          return;
        }
        switch (el.local) {
          case "tbxHeader":
          case "martifHeader":
          case "back":
            skipDepth = depth;
            return;
          case "text":
            return;
          case "body":
            inBody = true;
            return;
          case "conceptEntry":
          case "termEntry":
            if (!inBody) break;
            entryCount++;
            entry = {
              id: attr(el, "id"),
              line: parser.position().line,
              domain: null,
              definition: null,
              source: null,
              notes: [],
              terms: [],
              languages: [],
              issues: [],
              defects: [],
            };
            return;
          case "langSec":
          case "langSet":
            if (!entry) break;
            lang = el.attributes["xml:lang"] ?? "";
            return;
          case "termSec":
          case "tig":
          case "ntig":
            if (lang === null) break;
            term = { text: "", status: null, pos: null, notes: [] };
            return;
        }
        if (!entry) {
          skipDepth = depth;
          return;
        }
        if (WRAPPERS.has(el.local)) return;
        const category = categoryOf(el);
        if (category === null || el.local === "transacGrp") {
          notKept(el.local === "transacGrp" ? "transaction" : el.local);
          skipDepth = depth;
          return;
        }
        if (category === "term" && !term) {
          notKept("term outside a term section");
          skipDepth = depth;
          return;
        }
        field = { category, depth, level: level(), buf: "" };
      },
      close(el, depth) {
        if (skipDepth > 0) {
          if (depth === skipDepth) skipDepth = 0;
          return;
        }
        if (field !== null) {
          if (depth !== field.depth) return;
          const f = field;
          field = null;
          store(f);
          return;
        }
        switch (el.local) {
          case "termSec":
          case "tig":
          case "ntig":
            if (!term) return;
            if (term.text.trim() !== "" && lang !== null && !entry!.languages.includes(lang))
              entry!.languages.push(lang);
            finishTerm();
            return;
          case "langSec":
          case "langSet":
            lang = null;
            return;
          case "conceptEntry":
          case "termEntry":
            if (entry) finishEntry();
            return;
          case "body":
            inBody = false;
            return;
        }
      },
      text(t) {
        if (skipDepth === 0 && field !== null) field.buf += t;
      },
    },
    options.limits,
  );
  parser.write(input);
  parser.close();
  return out;
}
