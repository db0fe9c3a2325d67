/**
 * XLIFF 1.2 writer (strict schema): one `trans-unit` per Diwan segment, or per imported unit with its
 * segments as `seg-source` / `target` `<mrk mtype="seg" mid>` (Trados, Matecat), inline codes in 1.2
 * markup (inline-write.ts). Streaming: units are rendered one at a time.
 */
import type { Content } from "./inline";
import { type Flow12Part, nmtoken, write12 } from "./inline-write";
import {
  checkSegmentId,
  type EmptyTargets,
  exportLayout,
  formatScore,
  glossaryHintText,
  lowestStatus,
  QA_PRIORITY,
  sourceOf,
  targetOf,
  type UnitSource,
  unitsOf,
  XLIFF12_NS,
  XLIFF12_STATE,
  type XliffDocumentInfo,
  type XliffIgnorableInput,
  type XliffUnitInput,
  type XliffWriteOptions,
} from "./xliff-model";
import { escapeXmlAttr as attr, escapeXmlText as text } from "./xml-escape";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

interface Part12 {
  /** The segment's `mid`; null for content between segments. */
  segment: string | null;
  source: Content;
  /** The target content, null when the segment has none to write. */
  target: Content | null;
}

/** The flow of a unit: its segments with the ignorables before and after each. */
function partsOf(segs: readonly XliffUnitInput[], emptyTargets: EmptyTargets, segmented: boolean): Part12[] {
  const parts: Part12[] = [];
  const ignorable = (ig: XliffIgnorableInput) =>
    parts.push({ segment: null, source: ig.source, target: ig.target ?? ig.source });
  for (const [i, s] of segs.entries()) {
    for (const ig of s.origin?.before ?? []) ignorable(ig);
    const source = sourceOf(s);
    let target = targetOf(s);
    if (target === null)
      target =
        emptyTargets === "source"
          ? source
          : emptyTargets === "empty" || segmented
            ? { text: "", codes: [] }
            : null;
    parts.push({ segment: segmented ? nmtoken(s.origin?.segment ?? String(i + 1)) : "", source, target });
    for (const ig of s.origin?.after ?? []) ignorable(ig);
  }
  return parts;
}

function unit12(segs: readonly XliffUnitInput[], emptyTargets: EmptyTargets, id: string): string {
  for (const s of segs) checkSegmentId(s.id);
  const first = segs[0]!;
  const segmented = first.origin !== undefined && (segs.length > 1 || first.origin.segment !== null);
  const locked = segs.every((s) => s.status === "approved");
  const noTranslate = locked
    ? ' translate="no" approved="yes"'
    : first.origin?.translate === false
      ? ' translate="no"'
      : "";
  let s = `\n<trans-unit id="${attr(id)}" xml:space="preserve"${noTranslate}>`;
  const parts = partsOf(segs, emptyTargets, segmented);
  const flow = (side: "source" | "target"): Flow12Part[] =>
    parts.map((p) => ({
      segment: p.segment,
      content: (side === "source" ? p.source : p.target) ?? p.source,
    }));
  s += `\n<source xml:lang="ar">${write12(flow("source"), false)}</source>`;
  if (segmented) s += `\n<seg-source>${write12(flow("source"), true)}</seg-source>`;
  const translated = segs.filter((x) => x.en !== null);
  if (translated.length > 0 || emptyTargets !== "omit") {
    // One state per trans-unit: the least advanced translated segment's. Untranslated segments have an
    // empty target (blank: never a translation), unless they carry a copy of the source, which only a
    // draft state keeps from reading as one.
    const copies = translated.length < segs.length && emptyTargets === "source";
    const state =
      translated.length === 0 || copies ? "needs-translation" : XLIFF12_STATE[lowestStatus(translated)];
    s += `\n<target xml:lang="en" state="${state}">${write12(flow("target"), segmented)}</target>`;
  }
  for (const x of segs) {
    for (const h of x.glossary ?? [])
      s += `\n<note from="diwan-glossary" annotates="source" priority="2">${text(glossaryHintText(h))}</note>`;
    for (const q of x.qa ?? [])
      s += `\n<note from="diwan-qa" annotates="target" priority="${QA_PRIORITY[q.severity]}">${text(`QA ${q.severity}: ${q.message}`)}</note>`;
  }
  for (const [i, x] of segs.entries()) {
    const mid = segmented ? ` mid="${attr(nmtoken(x.origin?.segment ?? String(i + 1)))}"` : "";
    for (const m of x.matches ?? []) {
      s += `\n<alt-trans${mid} match-quality="${formatScore(m.score)}"${m.origin ? ` origin="${attr(m.origin)}"` : ""}>`;
      s += `<source xml:lang="ar">${text(m.ar)}</source><target xml:lang="en">${text(m.en)}</target></alt-trans>`;
    }
  }
  return `${s}\n</trans-unit>`;
}

async function* xliff12Parts(
  doc: XliffDocumentInfo,
  units: UnitSource,
  emptyTargets: EmptyTargets,
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="${XLIFF12_NS}">`;
  const file = (original: string) =>
    `\n<file original="${attr(original)}" source-language="${doc.srcLang}" target-language="${doc.trgLang}" datatype="plaintext" tool-id="diwan" product-name="${attr(`diwan-document-${doc.id}`)}">` +
    `\n<header><tool tool-id="diwan" tool-name="Diwan"/></header>\n<body>`;
  const place = exportLayout("1.2", nmtoken);
  let open = false;
  for await (const segs of unitsOf(units)) {
    const at = place(segs[0]!);
    if (at.newFile) {
      if (open) yield "\n</body>\n</file>";
      yield file(at.fileName ?? doc.title);
      open = true;
    }
    yield unit12(segs, emptyTargets, at.unitId);
  }
  if (!open) yield file(doc.title);
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
