/**
 * XLIFF 2.0 / 2.1 writer (core + Translation Candidates + Glossary modules): one `unit` per Diwan segment,
 * or per imported unit with its `segment`s and `ignorable`s, inline codes as `pc`/`ph`/`sc`/`ec` with
 * `originalData` (inline-write.ts). Streaming: units are rendered one at a time.
 */
import { isApprovedStatus } from "../types";
import { FormatError } from "./errors";
import { type Content, partners } from "./inline";
import { nmtoken, Unit2Context, write2 } from "./inline-write";
import {
  checkSegmentId,
  DIWAN_NS,
  type EmptyTargets,
  exportLayout,
  formatScore,
  GLS_NS,
  glossaryHintText,
  MTC_NS,
  QA_PRIORITY,
  sourceOf,
  targetOf,
  type UnitSource,
  unitsOf,
  XLIFF2_NS,
  XLIFF2_STATE,
  type XliffDocumentInfo,
  type XliffGlossaryHint,
  type XliffIgnorableInput,
  type XliffUnitInput,
  type XliffWriteOptions,
} from "./xliff-model";
import { escapeXmlAttr as attr, escapeXmlText as text } from "./xml-escape";
import { DEFAULT_CHUNK_CHARS, stringsToStream } from "./xml-stream";

function glossary2(hints: XliffGlossaryHint[]): string {
  let s = "<gls:glossary>";
  for (const h of hints) {
    // Only renderings a translator may use become gls:translation (tools offer them for insertion);
    // deprecated and forbidden ones are spelled out in a note instead.
    const usable = h.translations.filter((t) => isApprovedStatus(t.status));
    s += `<gls:glossEntry dw:status="${h.status}"><gls:term source="diwan">${text(h.term)}</gls:term>`;
    for (const t of usable)
      s += `<gls:translation source="diwan" dw:status="${t.status}">${text(t.text)}</gls:translation>`;
    const definition = h.definition ?? (usable.length === 0 ? glossaryHintText(h) : null);
    if (definition) s += `<gls:definition>${text(definition)}</gls:definition>`;
    s += "</gls:glossEntry>";
  }
  return `${s}</gls:glossary>`;
}

interface Part2 {
  kind: "segment" | "ignorable";
  id: string | null;
  state: string | null;
  source: Content;
  target: Content | null;
  segment: XliffUnitInput | null;
}

const ignorablePart = (ig: XliffIgnorableInput): Part2 => ({
  kind: "ignorable",
  id: ig.id ? nmtoken(ig.id) : null,
  state: null,
  source: ig.source,
  target: ig.target,
  segment: null,
});

/** A unit's segments and ignorables, each segment with a unique id (its own, else "1", "2"…). */
function partsOf(segs: readonly XliffUnitInput[], emptyTargets: EmptyTargets): Part2[] {
  const parts: Part2[] = [];
  // Segment ids share the unit's id space with inline codes. Codes keep their ids (a target's codes must
  // come back as they went out); a segment id that a code already has (a 1.2 mid "1" beside a g id="1")
  // is replaced by a fresh one — segments map back by position, not by id.
  const taken = new Set(
    segs.flatMap((s) => [
      ...[...(s.arCodes ?? []), ...(s.enCodes ?? [])].map((c) => nmtoken(c.id)),
      ...[...(s.origin?.before ?? []), ...(s.origin?.after ?? [])].flatMap((ig) => [
        ...(ig.id ? [nmtoken(ig.id)] : []),
        ...[...ig.source.codes, ...(ig.target?.codes ?? [])].map((c) => nmtoken(c.id)),
      ]),
    ]),
  );
  const own = segs.flatMap((s) => (s.origin?.segment == null ? [] : [nmtoken(s.origin.segment)]));
  let n = 0;
  const fresh = () => {
    let id: string;
    do id = String(++n);
    while (taken.has(id) || own.includes(id));
    taken.add(id);
    return id;
  };
  const segmentId = (s: XliffUnitInput) => {
    if (s.origin?.segment == null) return fresh();
    const id = nmtoken(s.origin.segment);
    if (taken.has(id)) return fresh();
    taken.add(id);
    return id;
  };
  for (const s of segs) {
    for (const ig of s.origin?.before ?? []) parts.push(ignorablePart(ig));
    const source = sourceOf(s);
    let target = targetOf(s);
    if (target === null && emptyTargets !== "omit")
      target = emptyTargets === "source" ? source : { text: "", codes: [] };
    parts.push({
      kind: "segment",
      id: segmentId(s),
      state: s.en === null ? "initial" : XLIFF2_STATE[s.status],
      source,
      target,
      segment: s,
    });
    for (const ig of s.origin?.after ?? []) parts.push(ignorablePart(ig));
  }
  return parts;
}

/** For each part, a function telling whether its code i has no partner anywhere in the unit. */
function unitLone(contents: readonly (Content | null)[]): ((i: number) => boolean)[] {
  const all = contents.flatMap((c, p) => (c?.codes ?? []).map((code, i) => ({ code, p, i })));
  const partner = partners(all.map((x) => x.code));
  const lone = contents.map(() => new Set<number>());
  for (const [k, x] of all.entries())
    if (x.code.kind !== "standalone" && partner[k] === -1) lone[x.p]!.add(x.i);
  return lone.map((set) => (i: number) => set.has(i));
}

function unit2(segs: readonly XliffUnitInput[], emptyTargets: EmptyTargets, unitId: string): string {
  for (const x of segs) checkSegmentId(x.id);
  const first = segs[0]!;
  const locked = segs.every((x) => x.status === "approved");
  const name = first.origin?.unit ?? String(first.id);
  let s = `\n<unit id="${attr(unitId)}" name="${attr(name)}"${locked || first.origin?.translate === false ? ' translate="no"' : ""}>`;
  const parts = partsOf(segs, emptyTargets);
  const matches = parts.flatMap((p) => (p.segment?.matches ?? []).map((m) => ({ m, ref: p.id! })));
  if (matches.length > 0) {
    s += "\n<mtc:matches>";
    for (const { m, ref } of matches) {
      s += `<mtc:match ref="#${attr(ref)}" type="tm" matchQuality="${formatScore(m.score)}"${m.origin ? ` origin="${attr(m.origin)}"` : ""}>`;
      s += `<source xml:space="preserve">${text(m.ar)}</source><target xml:space="preserve">${text(m.en)}</target></mtc:match>`;
    }
    s += "</mtc:matches>";
  }
  const hints = segs.flatMap((x) => x.glossary ?? []);
  if (hints.length > 0) s += `\n${glossary2(hints)}`;
  const notes: string[] = [];
  for (const h of hints) {
    if (h.translations.some((t) => t.status === "deprecated" || t.status === "forbidden") || h.definition)
      notes.push(
        `<note category="glossary" appliesTo="source" priority="2">${text(glossaryHintText(h))}</note>`,
      );
  }
  for (const q of segs.flatMap((x) => x.qa ?? []))
    notes.push(
      `<note category="qa" appliesTo="target" priority="${QA_PRIORITY[q.severity]}">${text(`QA ${q.severity}: ${q.message}`)}</note>`,
    );
  if (notes.length > 0) s += `\n<notes>${notes.join("")}</notes>`;
  const unit = new Unit2Context(parts.flatMap((p) => (p.id === null ? [] : [p.id])));
  const sourceLone = unitLone(parts.map((p) => p.source));
  const targetLone = unitLone(parts.map((p) => p.target));
  let body = "";
  for (const [k, p] of parts.entries()) {
    const src = `<source xml:space="preserve">${write2(p.source, unit, sourceLone[k]!)}</source>`;
    const trg =
      p.target === null
        ? ""
        : `<target xml:space="preserve">${write2(p.target, unit, targetLone[k]!)}</target>`;
    body +=
      p.kind === "segment"
        ? `\n<segment id="${attr(p.id!)}" state="${p.state}">${src}${trg}</segment>`
        : `\n<ignorable${p.id === null ? "" : ` id="${attr(p.id)}"`}>${src}${trg}</ignorable>`;
  }
  const originalData = unit.originalData();
  if (originalData !== "") s += `\n${originalData}`;
  return `${s}${body}\n</unit>`;
}

async function* xliff2Parts(
  version: "2.0" | "2.1",
  doc: XliffDocumentInfo,
  units: UnitSource,
  emptyTargets: EmptyTargets,
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF2_NS}" xmlns:mtc="${MTC_NS}" xmlns:gls="${GLS_NS}" xmlns:dw="${DIWAN_NS}" version="${version}" srcLang="${doc.srcLang}" trgLang="${doc.trgLang}">`;
  // Arabic source: state the base directions rather than leave them to the tools' "auto" detection.
  const place = exportLayout(version, nmtoken);
  // File ids must be unique: an imported file's id again (as an NMTOKEN), else d<document id>.
  const fileIds = new Set<string>();
  let count = 0;
  for await (const segs of unitsOf(units)) {
    const at = place(segs[0]!);
    if (at.newFile) {
      if (count > 0) yield "\n</file>";
      const base = at.fileName === null ? `d${String(doc.id)}` : at.fileName;
      let id = nmtoken(base);
      for (let n = 2; fileIds.has(id); n++) id = nmtoken(`${base}_${n}`);
      fileIds.add(id);
      // Arabic source: state the base directions rather than leave them to the tools' "auto" detection.
      const original = at.fileName === null ? ` original="${attr(doc.title)}"` : "";
      yield `\n<file id="${attr(id)}"${original} srcDir="rtl" trgDir="ltr">`;
    }
    count++;
    yield unit2(segs, emptyTargets, at.unitId);
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
