// XLIFF 1.x and 2.x as the specifications define units, segments and inline content (independent reader).
import type { Element } from "@xmldom/xmldom";
import {
  attr,
  type Content,
  child,
  children,
  childrenNamed,
  concatContent,
  type DataRefs,
  descendants,
  langOf,
  readContent,
  textOf,
} from "./content";

export interface XliffSegment {
  id: string | null;
  source: Content;
  target: Content | null;
  state: string | null;
}

export interface XliffUnit {
  id: string | null;
  /** Index of the `<file>` element (0-based). */
  file: number;
  /** `translate` of the unit or the nearest group that sets it (default yes). */
  translate: boolean;
  /** 1.2: a trans-unit inside a bin-unit. */
  inBinUnit: boolean;
  /** Whole source: 1.2 `<source>`; 2.x the segments' and ignorables' sources in order. */
  source: Content;
  /** 1.2: the whole `<seg-source>` (segments and the text between them), when the unit has one. */
  segSource: Content | null;
  /** Whole target: 1.2 `<target>`; 2.x joined when every segment has one (ignorables without: their source). */
  target: Content | null;
  /** 1.2: the `mrk mtype="seg"` of `<seg-source>` (with their targets by mid), else one; 2.x the `<segment>`s. */
  segments: XliffSegment[];
  /** 1.2: the target has a segment `mrk` whose `mid` no segment of the `<seg-source>` has. */
  targetSegmentsUnmatched: boolean;
  /** 1.2 `target/@state`; 2.x the first segment's state. */
  state: string | null;
  /** Texts of the unit's notes (1.2 `note`, 2.x `notes/note`). */
  notes: string[];
  /** 1.2 `alt-trans`, 2.x `mtc:match` count. */
  matches: number;
}

export interface XliffReading {
  format: "xliff";
  version: string;
  srcLang: string | null;
  trgLang: string | null;
  files: number;
  units: XliffUnit[];
  /** 1.2 with trans-units where the specification has none: every trans-unit of the file, in order. */
  unitsWithMisplaced?: XliffUnit[];
  /** What the file does against its specification while still readable (missing required attributes, …). */
  violations: string[];
}

const NAMESPACES: Record<string, string> = {
  "1.2": "urn:oasis:names:tc:xliff:document:1.2",
  "2.0": "urn:oasis:names:tc:xliff:document:2.0",
  "2.1": "urn:oasis:names:tc:xliff:document:2.0",
  "2.2": "urn:oasis:names:tc:xliff:document:2.0",
};

export function readXliff(root: Element): XliffReading {
  const version = attr(root, "version") ?? "";
  const unknown = new Set<string>();
  const reading = version.startsWith("2")
    ? readXliff2(root, version, unknown)
    : readXliff1(root, version, unknown);
  const v = reading.violations;
  if (!/^(1\.[012]|2\.[012])$/.test(version))
    v.push(version ? `unknown XLIFF version "${version}"` : "no XLIFF version");
  const ns = NAMESPACES[version];
  if (ns && root.namespaceURI !== ns)
    v.push(`XLIFF ${version} outside its namespace (${root.namespaceURI ?? "none"})`);
  if (reading.units.some((u) => !u.id)) v.push("units without the required id");
  const ids = reading.units.filter((u) => u.id).map((u) => `${u.file}\u0000${u.id}`);
  if (new Set(ids).size < ids.length) v.push("unit ids repeated within a <file>");
  for (const problem of unknown) v.push(`${problem} (XLIFF ${version})`);
  return reading;
}

function readXliff1(root: Element, version: string, unknown: Set<string>): XliffReading {
  const files = childrenNamed(root, "file");
  const units: XliffUnit[] = [];
  const placed = new Map<Element, XliffUnit>();
  files.forEach((file, index) => {
    const body = child(file, "body");
    if (!body) return;
    const walk = (el: Element, translate: boolean, inBinUnit: boolean) => {
      for (const e of children(el)) {
        const name = e.localName;
        const own = attr(e, "translate");
        const t = own === null ? translate : own !== "no";
        if (name === "group") walk(e, t, inBinUnit);
        else if (name === "bin-unit") walk(e, t, true);
        else if (name === "trans-unit") {
          const u = unit1(e, index, t, inBinUnit, unknown);
          placed.set(e, u);
          units.push(u);
        }
      }
    };
    walk(body, true, false);
  });
  // trans-units where XLIFF 1.2 has none (a <file> inside a <body>): not units of the file, but read
  // (in document order with the others) so that a reader that keeps them can be checked on them.
  const every = descendants(root, "trans-unit");
  const misplaced = every.length > units.length;
  const first = files[0];
  const violations: string[] = [];
  if (files.length === 0) violations.push("no <file> (one is required)");
  if (files.some((f) => !attr(f, "source-language"))) violations.push("<file> without source-language");
  if (files.some((f) => attr(f, "target-language") === "")) violations.push('target-language=""');
  if (misplaced)
    violations.push("trans-units outside file/body/group/bin-unit (e.g. a <file> inside <body>)");
  return {
    format: "xliff",
    version,
    srcLang: first ? attr(first, "source-language") : null,
    trgLang: first ? attr(first, "target-language") : null,
    files: files.length,
    units,
    ...(misplaced
      ? {
          unitsWithMisplaced: every.map(
            (e) => placed.get(e) ?? unit1(e, files.length - 1, true, false, unknown),
          ),
        }
      : {}),
    violations,
  };
}

function unit1(
  tu: Element,
  file: number,
  translate: boolean,
  inBinUnit: boolean,
  unknown: Set<string>,
): XliffUnit {
  const sourceEl = child(tu, "source");
  const targetEl = child(tu, "target");
  const source = sourceEl ? readContent(sourceEl, "xliff1", new Map(), unknown) : { text: "", codes: [] };
  const target = targetEl ? readContent(targetEl, "xliff1", new Map(), unknown) : null;
  const state = targetEl ? attr(targetEl, "state") : null;
  const segSource = child(tu, "seg-source");
  const marks = segSource ? descendants(segSource, "mrk").filter((m) => attr(m, "mtype") === "seg") : [];
  let segments: XliffSegment[];
  let targetSegmentsUnmatched = false;
  if (marks.length > 0) {
    const targetMarks = new Map<string, Element>();
    if (targetEl) {
      for (const m of descendants(targetEl, "mrk")) {
        if (attr(m, "mtype") === "seg") targetMarks.set(attr(m, "mid") ?? "", m);
      }
    }
    const mids = new Set(marks.map((m) => attr(m, "mid") ?? ""));
    targetSegmentsUnmatched = [...targetMarks.keys()].some((mid) => !mids.has(mid));
    segments = marks.map((m) => {
      const mid = attr(m, "mid");
      const t = targetMarks.get(mid ?? "");
      return {
        id: mid,
        source: readContent(m, "xliff1"),
        target: t ? readContent(t, "xliff1") : null,
        state,
      };
    });
  } else {
    segments = [{ id: null, source, target, state }];
  }
  return {
    id: attr(tu, "id"),
    file,
    translate,
    inBinUnit,
    source,
    segSource: segSource ? readContent(segSource, "xliff1", new Map(), unknown) : null,
    target,
    segments,
    targetSegmentsUnmatched,
    state,
    notes: childrenNamed(tu, "note").map(textOf),
    matches: childrenNamed(tu, "alt-trans").length,
  };
}

function readXliff2(root: Element, version: string, unknown: Set<string>): XliffReading {
  const files = childrenNamed(root, "file");
  const units: XliffUnit[] = [];
  files.forEach((file, index) => {
    const walk = (el: Element, translate: boolean) => {
      for (const e of children(el)) {
        const own = attr(e, "translate");
        const t = own === null ? translate : own !== "no";
        if (e.localName === "group") walk(e, t);
        else if (e.localName === "unit") units.push(unit2(e, index, t, unknown));
      }
    };
    walk(file, true);
  });
  const violations: string[] = [];
  if (!attr(root, "srcLang")) violations.push("no srcLang (required)");
  if (attr(root, "trgLang") === "") violations.push('trgLang=""');
  if (units.some((u) => u.segments.length === 0)) violations.push("units without a segment");
  // XLIFF 2.0/2.1 core schema: a <file> holds one or more <unit> or <group>; a <segment> has a <source>.
  if (files.some((f) => !children(f).some((c) => c.localName === "unit" || c.localName === "group")))
    violations.push("a <file> without <unit> or <group> (one is required)");
  if (descendants(root, "segment").some((s) => !child(s, "source")))
    violations.push("a <segment> without <source> (required)");
  return {
    format: "xliff",
    version,
    srcLang: attr(root, "srcLang"),
    trgLang: attr(root, "trgLang"),
    files: files.length,
    units,
    violations,
  };
}

function unit2(unit: Element, file: number, translate: boolean, unknown: Set<string>): XliffUnit {
  const refs: DataRefs = new Map();
  const original = child(unit, "originalData");
  if (original) for (const d of childrenNamed(original, "data")) refs.set(attr(d, "id") ?? "", textOf(d));
  const segments: XliffSegment[] = [];
  const sources: Content[] = [];
  const targets: Content[] = [];
  let complete = true;
  for (const part of children(unit)) {
    if (part.localName !== "segment" && part.localName !== "ignorable") continue;
    const s = child(part, "source");
    const t = child(part, "target");
    const source = s ? readContent(s, "xliff2", refs, unknown) : { text: "", codes: [] };
    const target = t ? readContent(t, "xliff2", refs, unknown) : null;
    sources.push(source);
    if (part.localName === "segment") {
      segments.push({ id: attr(part, "id"), source, target, state: attr(part, "state") });
      if (target === null) complete = false;
      else targets.push(target);
    } else {
      targets.push(target ?? source);
    }
  }
  const notes = child(unit, "notes");
  return {
    id: attr(unit, "id"),
    file,
    translate,
    inBinUnit: false,
    source: concatContent(sources),
    segSource: null,
    targetSegmentsUnmatched: false,
    target: complete && segments.length > 0 ? concatContent(targets) : null,
    segments,
    state: segments[0]?.state ?? null,
    notes: notes ? childrenNamed(notes, "note").map(textOf) : [],
    matches: descendants(unit, "match").length,
  };
}

/** Languages the file names (for relabelling): `source-language`/`target-language`/`srcLang`/`trgLang`, xml:lang. */
export function xliffLanguages(root: Element): string[] {
  const found: string[] = [];
  const add = (v: string | null) => {
    if (v && !found.includes(v)) found.push(v);
  };
  const walk = (el: Element) => {
    add(attr(el, "source-language"));
    add(attr(el, "target-language"));
    add(attr(el, "srcLang"));
    add(attr(el, "trgLang"));
    add(langOf(el));
    for (const c of children(el)) walk(c);
  };
  walk(root);
  return found;
}
