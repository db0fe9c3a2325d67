/**
 * Secure streaming XML parsing over saxes, shared by the XLIFF, TMX and TBX readers.
 *
 * Refused, with a FormatError carrying line and column:
 * - a DOCTYPE with an internal subset (`[…]`: entity and element declarations) or anything else than a
 *   name and an external identifier. A DOCTYPE that only names an external DTD (`<!DOCTYPE tmx SYSTEM
 *   "tmx14.dtd">`, what OmegaT, Okapi and the LISA kit write) is accepted and the DTD never read or
 *   fetched: it declares nothing here, so billion laughs, XXE and external fetches cannot happen;
 * - entities other than the five predefined ones and character references;
 * - nesting deeper than `maxDepth` and more than `maxElements` elements;
 * - with `maxRunChars`, a run of more characters than that without markup (what saxes buffers);
 * - anything that is not well-formed XML 1.0 (saxes is a conforming, non-validating parser).
 *
 * `createXmlParser` takes the document in pieces (`write` as they arrive, then `close`); `parseXml` is the
 * same parser fed one string.
 */
import { SaxesParser } from "saxes";
import { FormatError } from "./errors";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export interface XmlLimits {
  /** Deepest element nesting accepted (root = 1). */
  maxDepth: number;
  /** Most elements accepted in one document. */
  maxElements: number;
  /**
   * Most characters between two parse events (a text node, a start tag with its attributes, a comment, a
   * CDATA section): the most saxes buffers at once. Unlimited when absent (a document given as one string
   * is in memory already); streaming readers set it so a body without markup cannot fill the isolate.
   */
  maxRunChars?: number;
}

/** Depth 256: deeper than any real file (Matecat's test nests 65 groups), shallow enough to stay cheap. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxElements: 5_000_000 };

/** An open element as the handlers see it; `uri` is its namespace ("" when none). */
export interface XmlElement {
  /** Qualified name as written. */
  name: string;
  prefix: string;
  local: string;
  uri: string;
  /** Attributes by qualified name as written (`xml:lang`, `sdl:conf`, `state`). */
  attributes: Record<string, string>;
  /** Namespace bindings in scope (prefix → uri; "" is the default namespace). */
  scope: Readonly<Record<string, string>>;
}

export interface XmlHandlers {
  open(el: XmlElement, depth: number): void;
  close(el: XmlElement, depth: number): void;
  /** Character data, with references resolved; CDATA sections arrive here too. */
  text(text: string): void;
}

export interface XmlPosition {
  line: number;
  column: number;
}

/** An incremental parser: the document in pieces split anywhere (inside a tag, a reference, a character). */
export interface XmlStreamParser {
  /** Parses the next piece; throws FormatError (or a handler's error) on the first problem. */
  write(chunk: string): void;
  /** Ends the document (unclosed elements, a missing root are errors here). */
  close(): void;
  /** Where the parser is (1-based line and column): for handlers that throw their own FormatError. */
  position(): XmlPosition;
}

/** Reads an attribute by local name and namespace (unprefixed attributes have namespace ""). */
export function attr(el: XmlElement, local: string, uri = ""): string | undefined {
  if (uri === "") return el.attributes[local];
  if (uri === XML_NS) return el.attributes[`xml:${local}`];
  // Look the prefix up from the scope rather than scanning the attributes.
  const prefixes = prefixesOf(el.scope, uri);
  for (let i = 0; i < prefixes.length; i++) {
    const v = el.attributes[`${prefixes[i]}:${local}`];
    if (v !== undefined) return v;
  }
  return undefined;
}

// Scopes are never changed once a handler sees them and nearly every element shares its parent's, so
// one remembered answer saves a for…in over the scope per lookup (a memoQ status check per unit).
let cachedScope: Readonly<Record<string, string>> | null = null;
let cachedUri = "";
let cachedPrefixes: string[] = [];

/** The non-empty prefixes bound to `uri` in `scope`, in the scope's key order. */
function prefixesOf(scope: Readonly<Record<string, string>>, uri: string): string[] {
  if (scope === cachedScope && uri === cachedUri) return cachedPrefixes;
  const prefixes: string[] = [];
  for (const prefix in scope) if (prefix !== "" && scope[prefix] === uri) prefixes.push(prefix);
  cachedScope = scope;
  cachedUri = uri;
  cachedPrefixes = prefixes;
  return prefixes;
}

/** `xml:lang`, which every format uses. */
export function xmlLang(el: XmlElement): string | undefined {
  return el.attributes["xml:lang"];
}

/** Line/column (1-based) of a UTF-16 offset in `text`. */
function positionOf(text: string, offset: number): XmlPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const DOCTYPE = "<!DOCTYPE";
/** Prolog kept back from saxes while undecided; beyond this saxes' own DOCTYPE event refuses it. */
const PROLOG_MAX_CHARS = 64 * 1024;

/**
 * Where the prolog's DOCTYPE starts (checked before saxes sees it, so a document with a huge internal
 * subset is refused without scanning it): its offset, `null` when the prolog has none, `undefined` when
 * `text` ends before that is known (inside a comment or PI, or before the first markup).
 */
function doctypeOffset(text: string): number | null | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && " \t\r\n".includes(text[i]!)) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return undefined;
      i = end + 3;
    } else break;
  }
  if (text.startsWith(DOCTYPE, i)) return i;
  // "<", "<!", "<!-", "<!DOC"… at the end of the text: the next piece decides.
  const rest = text.slice(i);
  if (rest.length < DOCTYPE.length && (DOCTYPE.startsWith(rest) || "<!--".startsWith(rest))) return undefined;
  return null;
}

/**
 * The one DOCTYPE accepted: `<!DOCTYPE name>`, `<!DOCTYPE name SYSTEM "uri">` or
 * `<!DOCTYPE name PUBLIC "pubid" "uri">` (XML 1.0 §2.8 without the internal subset). Sticky regexes from
 * the offset of `<!DOCTYPE`: a match is the whole declaration; a prefix of one (the text ends inside it)
 * waits for more.
 */
const NAME = "[A-Za-z_:\\u00C0-\\uFFFF][-A-Za-z0-9._:\\u00B7-\\uFFFF]*";
const LITERAL = `(?:"[^"]*"|'[^']*')`;
const EXTERNAL_ONLY = new RegExp(
  `<!DOCTYPE[ \\t\\r\\n]+${NAME}(?:[ \\t\\r\\n]+(?:SYSTEM[ \\t\\r\\n]+${LITERAL}|PUBLIC[ \\t\\r\\n]+${LITERAL}[ \\t\\r\\n]+${LITERAL}))?[ \\t\\r\\n]*>`,
  "y",
);

/**
 * Decides the DOCTYPE at `at`: its end offset when it only names an external DTD, `undefined` when the
 * text ends before that is known; refuses anything else (an internal subset, a malformed declaration).
 */
function acceptDoctype(text: string, at: number): number | undefined {
  EXTERNAL_ONLY.lastIndex = at;
  if (EXTERNAL_ONLY.test(text)) return EXTERNAL_ONLY.lastIndex;
  const rest = text.slice(at);
  // An internal subset starts at the first "[" outside quotes; refuse as soon as it shows.
  let quote = "";
  for (let i = DOCTYPE.length; i < rest.length; i++) {
    const ch = rest[i]!;
    if (quote !== "") {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") refuseDoctype(text, at, "an internal DTD subset");
    else if (ch === ">") refuseDoctype(text, at, "a malformed DOCTYPE");
  }
  if (rest.length > 4096) refuseDoctype(text, at, "a DOCTYPE longer than 4096 characters");
  return undefined;
}

function refuseDoctype(text: string, offset: number, what: string): never {
  const { line, column } = positionOf(text, offset);
  throw new FormatError(
    "xml-doctype",
    `${what} is not accepted: uploads may name an external DTD (<!DOCTYPE name SYSTEM "file.dtd">), which is never read, but declare nothing`,
    line,
    column,
  );
}

// Per-name checks by character code: names are short, and String#indexOf / #startsWith calls cost more
// than the loop for every element and attribute of a large document.

/** Index of the first ":" in `name`, -1 when none (`name.indexOf(":")`). */
function colonIn(name: string): number {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 0x3a) return i;
  return -1;
}

/** `name === "xmlns" || name.startsWith("xmlns:")`. */
function isNamespaceDeclaration(name: string): boolean {
  return (
    name.length >= 5 &&
    name.charCodeAt(0) === 0x78 && // x
    name.charCodeAt(1) === 0x6d && // m
    name.charCodeAt(2) === 0x6c && // l
    name.charCodeAt(3) === 0x6e && // n
    name.charCodeAt(4) === 0x73 && // s
    (name.length === 5 || name.charCodeAt(5) === 0x3a)
  );
}

const SAXES_LOCATION = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s;
/** Characters of earlier pieces kept to name a stray close tag that started in one of them. */
const LOOKBACK_CHARS = 1024;

/**
 * An incremental parser calling the handlers as elements open and close. Throws FormatError on the first
 * problem; handlers may throw their own FormatError, which propagates unchanged. After an error the
 * parser is unusable.
 */
export function createXmlParser(handlers: XmlHandlers, limits: Partial<XmlLimits> = {}): XmlStreamParser {
  const { maxDepth, maxElements, maxRunChars } = { ...DEFAULT_XML_LIMITS, ...limits };
  // saxes' own namespace mode costs ~40% of parse time; resolving here is cheaper and just as strict.
  const parser = new SaxesParser({ position: true, forceXMLVersion: true, defaultXMLVersion: "1.0" });
  const stack: XmlElement[] = [];
  let lastClosed = "";
  let elements = 0;
  // The text saxes is working on (the end of earlier pieces + the current one) and its offset in the document.
  let recent = "";
  let recentStart = 0;
  let written = 0;
  // The prolog, held back until it is known whether it has a DOCTYPE (null once it is known not to).
  let prolog: string | null = "";
  // Offset of the last event: saxes buffers what lies after it.
  let lastEvent = 0;
  let failed: unknown = null;
  const fail = (code: ConstructorParameters<typeof FormatError>[0], message: string): never => {
    throw new FormatError(code, message, parser.line, parser.column);
  };
  const mark = () => {
    lastEvent = parser.position;
  };
  parser.on("error", (err) => {
    const m = SAXES_LOCATION.exec(err.message);
    const message = m ? m[3]! : err.message;
    const line = m ? Number(m[1]) : parser.line;
    const column = m ? Number(m[2]) : parser.column;
    const code = /entity/i.test(message) ? "xml-entity" : "xml-malformed";
    let hint = "";
    if (/close tag/.test(message)) {
      // saxes has already popped the element the stray close tag was matched against.
      const at = recent.lastIndexOf("</", parser.position - recentStart);
      const name = at === -1 ? "" : (/^[^\s>]+/.exec(recent.slice(at + 2, at + 200))?.[0] ?? "");
      hint = ` </${name}> does not close <${lastClosed}>`;
    }
    throw new FormatError(code, `${message}${hint}`, line, column);
  });
  // Second net: the prolog check below decided already; saxes hands over the declaration's body.
  parser.on("doctype", (body) => {
    if (/[[\]]/.test(body.replace(/"[^"]*"|'[^']*'/g, "")))
      fail("xml-doctype", "an internal DTD subset is not accepted");
  });
  // Null-prototype scopes: a prefix named "constructor" or "__proto__" must be unbound, not found on
  // Object.prototype.
  const rootScope: Record<string, string> = Object.assign(Object.create(null), { xml: XML_NS, "": "" });
  const attrNames: string[] = [];
  let attrCount = 0;
  parser.on("attribute", (a) => {
    attrNames[attrCount++] = a.name;
  });
  parser.on("opentag", (tag) => {
    if (maxRunChars !== undefined) mark();
    elements++;
    if (elements > maxElements) fail("xml-too-many-elements", `more than ${maxElements} elements`);
    if (stack.length >= maxDepth) fail("xml-too-deep", `elements nested deeper than ${maxDepth}`);
    const attributes = tag.attributes as Record<string, string>;
    // Attribute names come from the "attribute" events: iterating saxes' null-prototype attribute
    // object with for…in was the single most expensive step of parsing.
    const parent = stack.length === 0 ? rootScope : stack[stack.length - 1]!.scope;
    let scope = parent;
    for (let i = 0; i < attrCount; i++) {
      const key = attrNames[i]!;
      if (isNamespaceDeclaration(key)) {
        if (scope === parent) scope = Object.assign(Object.create(null), parent);
        const prefix = key === "xmlns" ? "" : key.slice(6);
        const value = attributes[key]!;
        if (prefix === "xml" || prefix === "xmlns" || (prefix !== "" && value === ""))
          fail("xml-malformed", `invalid namespace declaration ${key}="${value}"`);
        (scope as Record<string, string>)[prefix] = value;
      }
    }
    const name = tag.name;
    const colon = colonIn(name);
    const prefix = colon === -1 ? "" : name.slice(0, colon);
    const uri = scope[prefix];
    if (uri === undefined) fail("xml-malformed", `unbound namespace prefix "${prefix}" on <${name}>`);
    for (let i = 0; i < attrCount; i++) {
      const key = attrNames[i]!;
      const c = colonIn(key);
      // "xml" is always bound (declaring it is refused above): xml:lang and xml:space need no lookup.
      if (
        c <= 0 ||
        (c === 3 && key.charCodeAt(0) === 0x78 && key.charCodeAt(1) === 0x6d && key.charCodeAt(2) === 0x6c)
      )
        continue;
      const attrPrefix = key.slice(0, c);
      if (scope[attrPrefix] === undefined && attrPrefix !== "xmlns")
        fail("xml-malformed", `unbound namespace prefix "${attrPrefix}" on attribute ${key}`);
    }
    attrCount = 0;
    const el: XmlElement = {
      name,
      prefix,
      local: colon === -1 ? name : name.slice(colon + 1),
      uri: uri!,
      attributes,
      scope,
    };
    stack.push(el);
    handlers.open(el, stack.length);
  });
  parser.on("closetag", () => {
    if (maxRunChars !== undefined) mark();
    const el = stack.pop()!;
    lastClosed = el.name;
    handlers.close(el, stack.length + 1);
  });
  parser.on("text", (t) => {
    if (maxRunChars !== undefined) mark();
    if (stack.length > 0) handlers.text(t);
  });
  parser.on("cdata", (t) => {
    if (maxRunChars !== undefined) mark();
    if (stack.length > 0) handlers.text(t);
  });
  if (maxRunChars !== undefined) {
    parser.on("comment", mark);
    parser.on("processinginstruction", mark);
    parser.on("xmldecl", mark);
  }

  const feed = (text: string) => {
    const kept = recent.length > LOOKBACK_CHARS ? recent.slice(-LOOKBACK_CHARS) : recent;
    recent = kept + text;
    recentStart = written - kept.length;
    written += text.length;
    parser.write(text);
    // (saxes' `position` is only right inside its events; after write() it counts the chunk twice.)
    if (maxRunChars !== undefined && written - lastEvent > maxRunChars)
      fail("xml-too-long", `more than ${maxRunChars} characters without markup`);
  };
  const guarded = (step: () => void) => {
    if (failed !== null) throw failed;
    try {
      step();
    } catch (err) {
      failed = err;
      throw err;
    }
  };
  return {
    write(chunk) {
      guarded(() => {
        if (prolog === null) return feed(chunk);
        prolog += chunk;
        const at = doctypeOffset(prolog);
        if (at === undefined && prolog.length <= PROLOG_MAX_CHARS) return;
        // A DOCTYPE naming an external DTD only: passed on once complete (saxes checks it again).
        if (at !== undefined && at !== null && acceptDoctype(prolog, at) === undefined) return;
        const text = prolog;
        prolog = null;
        feed(text);
      });
    },
    close() {
      guarded(() => {
        if (prolog !== null) {
          const text = prolog;
          prolog = null;
          if (text !== "") feed(text);
        }
        parser.close();
      });
    },
    position: () => ({ line: parser.line, column: parser.column }),
  };
}

/**
 * Parses `text` and calls the handlers as elements open and close. Throws FormatError on the first
 * problem; handlers may throw their own FormatError, which propagates unchanged.
 */
export function parseXml(text: string, handlers: XmlHandlers, limits: Partial<XmlLimits> = {}): void {
  const parser = createXmlParser(handlers, limits);
  parser.write(text);
  parser.close();
}
