/**
 * Streaming XLIFF writers (1.2, 2.0, 2.1): one unit per Diwan segment, Arabic source, English target.
 * Units are rendered one at a time from an (async) iterable, so memory stays flat whatever the size.
 * See docs/formats.md for the state mappings and why approved units are locked.
 */
import type { SegmentStatus, TermStatus } from "../types";
import { FormatError } from "./errors";
import { escapeXmlAttr as attr, escapeXmlText as text } from "./xml-escape";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

export const XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2";
export const XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0";
export const MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0";
export const GLS_NS = "urn:oasis:names:tc:xliff:glossary:2.0";
/** Diwan's own extension namespace (term statuses on 2.x glossary entries; 2.x allows it there). */
export const DIWAN_NS = "urn:diwan:xliff:extensions:1";

export type XliffVersion = "1.2" | "2.0" | "2.1";

export interface XliffDocumentInfo {
  id: number | string;
  title: string;
  srcLang: "ar";
  trgLang: "en";
}

/** A termbase hit for the unit's source: the Arabic term and its English renderings. */
export interface XliffGlossaryHint {
  term: string;
  status: TermStatus;
  translations: { text: string; status: TermStatus }[];
  definition?: string | null;
}

export interface XliffQaNote {
  severity: "error" | "warning" | "info";
  message: string;
}

/** A translation-memory candidate; `score` is a percentage, 0–100. */
export interface XliffMatch {
  ar: string;
  en: string;
  score: number;
  origin?: string;
}

export interface XliffUnitInput {
  /** Segment id: becomes the unit id ("123" in 1.2, "s123" in 2.x). */
  id: number;
  ar: string;
  en: string | null;
  status: SegmentStatus;
  glossary?: XliffGlossaryHint[];
  qa?: XliffQaNote[];
  matches?: XliffMatch[];
}

/**
 * What to write for a unit without English: "omit" (no target: Trados, memoQ, Phrase, Okapi),
 * "empty" (an empty target), "source" (a copy of the source flagged untranslated: OmegaT's XLIFF 1.2
 * filter only shows units that have a target).
 */
export type EmptyTargets = "omit" | "empty" | "source";

export interface XliffWriteOptions {
  emptyTargets?: EmptyTargets;
  /** Flush threshold in UTF-16 code units. */
  chunkChars?: number;
}

export type UnitSource = AsyncIterable<XliffUnitInput> | Iterable<XliffUnitInput>;

export const XLIFF12_STATE: Record<SegmentStatus, string> = {
  new: "new",
  translated: "translated",
  reviewed: "signed-off",
  approved: "final",
};

export const XLIFF2_STATE: Record<SegmentStatus, string> = {
  new: "initial",
  translated: "translated",
  reviewed: "reviewed",
  approved: "final",
};

/** Unit id for XLIFF 2.x: an NCName (so also a valid NMTOKEN and usable in fragment identifiers). */
export const xliff2UnitId = (segmentId: number): string => `s${segmentId}`;

function checkSegmentId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 0)
    throw new FormatError("invalid-content", `segment id ${id} is not a non-negative integer`);
}

function formatScore(score: number): string {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new FormatError("invalid-content", `match score ${score} is outside 0–100`);
  return String(Math.round(score * 100) / 100);
}

const RENDERING_WORD: Record<TermStatus, string> = {
  preferred: "use",
  admitted: "also acceptable",
  deprecated: "avoid (deprecated)",
  forbidden: "never use (forbidden)",
};

/** A plain-language line a translator can read in any CAT tool's notes pane. */
export function glossaryHintText(h: XliffGlossaryHint): string {
  const parts: string[] = [];
  for (const status of ["preferred", "admitted", "deprecated", "forbidden"] as const) {
    const texts = h.translations.filter((t) => t.status === status).map((t) => `"${t.text}"`);
    if (texts.length > 0) parts.push(`${RENDERING_WORD[status]} ${texts.join(", ")}`);
  }
  const def = h.definition ? ` Definition: ${h.definition}` : "";
  const termStatus = h.status === "preferred" ? "" : ` (source term is ${h.status})`;
  return `Glossary: ${h.term}${termStatus} → ${parts.join("; ") || "no English rendering"}.${def}`;
}

const QA_PRIORITY: Record<XliffQaNote["severity"], number> = { error: 1, warning: 3, info: 5 };

// ---------------------------------------------------------------------------------------------- 1.2

function unit12(u: XliffUnitInput, emptyTargets: EmptyTargets): string {
  checkSegmentId(u.id);
  const locked = u.status === "approved";
  let s = `\n<trans-unit id="${u.id}" xml:space="preserve"${locked ? ' translate="no" approved="yes"' : ""}>`;
  s += `\n<source xml:lang="ar">${text(u.ar)}</source>`;
  if (u.en !== null) {
    s += `\n<target xml:lang="en" state="${XLIFF12_STATE[u.status]}">${text(u.en)}</target>`;
  } else if (emptyTargets === "empty") {
    s += `\n<target xml:lang="en" state="needs-translation"></target>`;
  } else if (emptyTargets === "source") {
    s += `\n<target xml:lang="en" state="needs-translation">${text(u.ar)}</target>`;
  }
  for (const h of u.glossary ?? [])
    s += `\n<note from="diwan-glossary" annotates="source" priority="2">${text(glossaryHintText(h))}</note>`;
  for (const q of u.qa ?? [])
    s += `\n<note from="diwan-qa" annotates="target" priority="${QA_PRIORITY[q.severity]}">${text(`QA ${q.severity}: ${q.message}`)}</note>`;
  for (const m of u.matches ?? []) {
    s += `\n<alt-trans match-quality="${formatScore(m.score)}"${m.origin ? ` origin="${attr(m.origin)}"` : ""}>`;
    s += `<source xml:lang="ar">${text(m.ar)}</source><target xml:lang="en">${text(m.en)}</target></alt-trans>`;
  }
  return `${s}\n</trans-unit>`;
}

async function* xliff12Parts(
  doc: XliffDocumentInfo,
  units: UnitSource,
  emptyTargets: EmptyTargets,
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="${XLIFF12_NS}">`;
  yield `\n<file original="${attr(doc.title)}" source-language="${doc.srcLang}" target-language="${doc.trgLang}" datatype="plaintext" tool-id="diwan" product-name="${attr(`diwan-document-${doc.id}`)}">`;
  yield `\n<header><tool tool-id="diwan" tool-name="Diwan"/></header>\n<body>`;
  for await (const u of units) yield unit12(u, emptyTargets);
  yield "\n</body>\n</file>\n</xliff>\n";
}

/** XLIFF 1.2 (strict schema) as a UTF-8 byte stream. */
export function toXliff12(
  doc: XliffDocumentInfo,
  units: UnitSource,
  options: XliffWriteOptions = {},
): ReadableStream<Uint8Array> {
  return stringsToStream(
    xliff12Parts(doc, units, options.emptyTargets ?? "omit"),
    options.chunkChars ?? DEFAULT_CHUNK_CHARS,
  );
}

// ---------------------------------------------------------------------------------------------- 2.x

function glossary2(hints: XliffGlossaryHint[]): string {
  let s = "<gls:glossary>";
  for (const h of hints) {
    // Only renderings a translator may use become gls:translation (tools offer them for insertion);
    // deprecated and forbidden ones are spelled out in a note instead.
    const usable = h.translations.filter((t) => t.status === "preferred" || t.status === "admitted");
    s += `<gls:glossEntry dw:status="${h.status}"><gls:term source="diwan">${text(h.term)}</gls:term>`;
    for (const t of usable)
      s += `<gls:translation source="diwan" dw:status="${t.status}">${text(t.text)}</gls:translation>`;
    const definition = h.definition ?? (usable.length === 0 ? glossaryHintText(h) : null);
    if (definition) s += `<gls:definition>${text(definition)}</gls:definition>`;
    s += "</gls:glossEntry>";
  }
  return `${s}</gls:glossary>`;
}

function unit2(u: XliffUnitInput, emptyTargets: EmptyTargets): string {
  checkSegmentId(u.id);
  const locked = u.status === "approved";
  let s = `\n<unit id="${xliff2UnitId(u.id)}" name="${u.id}"${locked ? ' translate="no"' : ""}>`;
  if (u.matches && u.matches.length > 0) {
    s += "\n<mtc:matches>";
    for (const m of u.matches) {
      s += `<mtc:match ref="#1" type="tm" matchQuality="${formatScore(m.score)}"${m.origin ? ` origin="${attr(m.origin)}"` : ""}>`;
      s += `<source xml:space="preserve">${text(m.ar)}</source><target xml:space="preserve">${text(m.en)}</target></mtc:match>`;
    }
    s += "</mtc:matches>";
  }
  if (u.glossary && u.glossary.length > 0) s += `\n${glossary2(u.glossary)}`;
  const notes: string[] = [];
  for (const h of u.glossary ?? []) {
    if (h.translations.some((t) => t.status === "deprecated" || t.status === "forbidden") || h.definition)
      notes.push(
        `<note category="glossary" appliesTo="source" priority="2">${text(glossaryHintText(h))}</note>`,
      );
  }
  for (const q of u.qa ?? [])
    notes.push(
      `<note category="qa" appliesTo="target" priority="${QA_PRIORITY[q.severity]}">${text(`QA ${q.severity}: ${q.message}`)}</note>`,
    );
  if (notes.length > 0) s += `\n<notes>${notes.join("")}</notes>`;
  let target = "";
  let state: string;
  if (u.en !== null) {
    target = `<target xml:space="preserve">${text(u.en)}</target>`;
    state = XLIFF2_STATE[u.status];
  } else {
    state = "initial";
    if (emptyTargets === "empty") target = `<target xml:space="preserve"></target>`;
    else if (emptyTargets === "source") target = `<target xml:space="preserve">${text(u.ar)}</target>`;
  }
  s += `\n<segment id="1" state="${state}"><source xml:space="preserve">${text(u.ar)}</source>${target}</segment>`;
  return `${s}\n</unit>`;
}

async function* xliff2Parts(
  version: "2.0" | "2.1",
  doc: XliffDocumentInfo,
  units: UnitSource,
  emptyTargets: EmptyTargets,
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF2_NS}" xmlns:mtc="${MTC_NS}" xmlns:gls="${GLS_NS}" xmlns:dw="${DIWAN_NS}" version="${version}" srcLang="${doc.srcLang}" trgLang="${doc.trgLang}">`;
  // Arabic source: state the base directions rather than leave them to the tools' "auto" detection.
  yield `\n<file id="${attr(`d${String(doc.id).replace(/[^A-Za-z0-9._-]/g, "_")}`)}" original="${attr(doc.title)}" srcDir="rtl" trgDir="ltr">`;
  let count = 0;
  for await (const u of units) {
    count++;
    yield unit2(u, emptyTargets);
  }
  // XLIFF 2 requires at least one unit per file; refuse rather than write an invalid document.
  if (count === 0) throw new FormatError("invalid-content", "an XLIFF 2 file needs at least one unit");
  yield "\n</file>\n</xliff>\n";
}

/** XLIFF 2.0 or 2.1 (core + Translation Candidates + Glossary modules) as a UTF-8 byte stream. */
export function toXliff2(
  version: "2.0" | "2.1",
  doc: XliffDocumentInfo,
  units: UnitSource,
  options: XliffWriteOptions = {},
): ReadableStream<Uint8Array> {
  return stringsToStream(
    xliff2Parts(version, doc, units, options.emptyTargets ?? "omit"),
    options.chunkChars ?? DEFAULT_CHUNK_CHARS,
  );
}

/** Dispatches on the version the client asked for. */
export function toXliff(
  version: XliffVersion,
  doc: XliffDocumentInfo,
  units: UnitSource,
  options: XliffWriteOptions = {},
): ReadableStream<Uint8Array> {
  return version === "1.2" ? toXliff12(doc, units, options) : toXliff2(version, doc, units, options);
}
