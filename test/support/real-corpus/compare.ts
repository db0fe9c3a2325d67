// What a file holds (the independent reading of the re-labelled file) against what Diwan stored and exports
// again (the same reader on Diwan's export): named difference classes per file. Pure functions.
import type { Code, Content } from "./content";
import type { TmxReading, TmxUnit } from "./tmx";
import type { XliffReading, XliffUnit } from "./xliff";

/**
 * Differences that are Diwan's documented behaviour (docs/formats.md, "Real-file corpus"), not losses:
 * a file with only these is "imported with a documented difference".
 */
export const DOCUMENTED = new Set([
  "notes-not-kept", // XLIFF/TMX notes of the file: Diwan keeps segments, not notes
  "matches-not-kept", // XLIFF alt-trans / mtc:match: candidates, not translations
  "blank-units-not-kept", // units whose source is empty or white space, without codes
  "copy-target-not-kept", // a target that is a copy of the source (untranslated) is not a translation
  "props-not-kept", // TMX prop elements
  "other-languages-not-kept", // TMX variants / TBX terms in languages other than ar and en
  "default-domain", // TBX entries without a subject field go into the default domain
  "terms-trimmed", // TBX terms with surrounding white space are stored trimmed
  "notes-joined", // several notes of a TBX entry (or term) are one note in Diwan, joined by line breaks
  "domain-joined", // a subject field broken over lines is stored on one line
  "definitions-joined", // several definitions of a TBX entry are one definition in Diwan, a blank line between
  "whitespace-variant-merged", // TMX pairs equal after NFC and white-space normalisation are one memory pair
  // The writers' element and id conversions (docs/formats.md, "Writing"), each checked exactly (compareCodes):
  "sc-ec-written-as-pc",
  "pc-written-as-sc-ec",
  "sm-em-written-as-mrk",
  "bx-ex-written-as-g",
  "bpt-ept-written-as-it",
  "ut-written-as-ph",
  "rid-as-id",
  "id-generated",
  "marker-mid-not-kept",
  "tmx-i-renumbered",
  "lone-code-written-as-it",
  "unknown-element-text-kept", // a non-inline element in a source/target: its text kept as text, tags as codes
  "unmatched-target-segments-read-whole", // 1.2 target segmented unlike its seg-source: one segment
  "cp-as-code", // a 2.x <cp hex> character stored as a code (stored text is text XML can carry)
  "files-without-units-not-kept", // <file>s with no unit to keep (manifests, skeletons): not stored
  "code-only-pairs-skipped", // TMX pairs with codes but no text on a side: skipped, not memory
  "misplaced-units-read", // 1.2 trans-units where the specification has none (a <file> in a <body>): kept too
  // Glossaries: each only when the import's answer lists it (compare-glossary.ts).
  "one-language-entries-skipped", // an entry (row) without an Arabic or an English term, listed in `skipped`
  "defective-entries-skipped", // an entry the independent reader also finds broken, listed in `skipped`
  "repeated-terms-kept-once", // a term repeated in its language is stored once, listed in `adjusted`
  "columns-not-kept", // a table's columns Diwan does not store, named in `notKept`
  "empty-glossary", // a file holding no entry: nothing imported, and the answer says so (no TBX to export)
]);

export const collapse = (s: string) => s.replace(/\s+/g, " ").trim();
export const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";
const blank = (c: Content | null) => c === null || (c.text.trim() === "" && c.codes.length === 0);

/**
 * A target that holds a translation: some text, or codes alone when the source is codes alone too (Trados
 * writes untranslated segments as a target holding only the source's codes).
 */
const translation = (target: Content | null, source: Content) =>
  target !== null && (target.text.trim() !== "" || (source.text.trim() === "" && target.codes.length > 0));

/**
 * The element conversions Diwan's writers make (docs/formats.md, "Writing"), as `file's>Diwan's` element:
 * the code keeps its role, position, id and native data, only the element carrying it changes.
 */
const ELEMENT_CONVERSIONS: Record<string, string> = {
  "sc>pc": "sc-ec-written-as-pc", // 2.x: a well-nested sc/ec pair is a pc
  "ec>pc": "sc-ec-written-as-pc",
  "pc>sc": "pc-written-as-sc-ec", // 2.x: halves whose data/equiv/disp are not in pairs (Schematron F16/F17)
  "pc>ec": "pc-written-as-sc-ec",
  "sm>mrk": "sm-em-written-as-mrk", // 2.x: a well-nested marker
  "em>mrk": "sm-em-written-as-mrk",
  "bx>g": "bx-ex-written-as-g", // 1.2: a well-nested pair without native data
  "ex>g": "bx-ex-written-as-g",
  "bpt>it": "bpt-ept-written-as-it", // 1.2/TMX: the partner is in another segment
  "ept>it": "bpt-ept-written-as-it",
  "ut>ph": "ut-written-as-ph", // TMX 1.4 deprecates ut; ph carries the same native code
  "bx>it": "lone-code-written-as-it", // 1.2: the partner is not in the same content
  "ex>it": "lone-code-written-as-it",
};

/**
 * TMX `i` only pairs a `bpt` with its `ept` inside one variant: Diwan numbers the pairs in order. The same
 * pairing under other numbers (one-to-one, `x` unchanged) is that renumbering, nothing else.
 */
function tmxPairsRenumbered(expected: Code[], actual: Code[]): boolean {
  const map = new Map<string | null, string | null>();
  const back = new Map<string | null, string | null>();
  return expected.every((e, i) => {
    const a = actual[i]!;
    if (e.id === a.id && e.kind !== "bpt" && e.kind !== "ept") return true;
    // Diwan's x is the file's x, or the file's i when the file gave no x (its ept has none: it pairs by i).
    const x = e.kind === "bpt" ? (e.x ?? e.id) : (e.x ?? null);
    if (e.kind !== a.kind || (e.kind !== "bpt" && e.kind !== "ept") || x !== (a.x ?? null)) return false;
    if ((map.has(e.id) && map.get(e.id) !== a.id) || (back.has(a.id) && back.get(a.id) !== e.id))
      return false;
    map.set(e.id, a.id);
    back.set(a.id, e.id);
    return true;
  });
}

/**
 * Codes of `expected` against `actual`: lost, added, different (kind/role/position), ids, native data.
 * A difference that is exactly one of the writers' documented conversions gets that conversion's class.
 */
export function compareCodes(expected: Code[], actual: Code[], out: Set<string>): void {
  if (expected.length === 0 && actual.length === 0) return;
  if (actual.length < expected.length) {
    out.add("codes-lost");
    return;
  }
  if (actual.length > expected.length) {
    out.add("codes-added");
    return;
  }
  const renumbered = tmxPairsRenumbered(expected, actual);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (e.role !== a.role || e.pos !== a.pos) out.add("codes-differ");
    else {
      if (e.kind !== a.kind) out.add(ELEMENT_CONVERSIONS[`${e.kind}>${a.kind}`] ?? "codes-differ");
      if (e.id !== a.id) {
        if (e.rid != null && a.id === e.rid)
          out.add("rid-as-id"); // 1.2 bx/ex/bpt/ept: the pair's rid
        else if (e.id === null)
          out.add("id-generated"); // the file gave none; Diwan's writer needs one
        else if (e.kind === "mrk" && a.kind === "mrk" && a.id === null) out.add("marker-mid-not-kept");
        else if (renumbered && e.kind === a.kind) out.add("tmx-i-renumbered");
        else out.add("code-ids-differ");
      }
    }
    if (e.data && e.data !== a.data) out.add(a.data ? "code-data-differs" : "code-data-lost");
  });
}

/** Characters XLIFF 2 can only carry as `<cp hex>` (C0 controls, U+FFFE/FFFF): a text without them. */
const withoutCp = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

function compareContent(
  expected: Content,
  actual: Content,
  what: "source" | "target",
  out: Set<string>,
): void {
  if (expected.text !== actual.text)
    out.add(withoutCp(expected.text) === actual.text ? "cp-characters-lost" : `${what}-text-differs`);
  compareCodes(expected.codes, actual.codes, out);
}

/** Pairs original units with exported ones: by order when the counts allow, else by source text. */
function alignUnits(
  original: XliffUnit[],
  exported: XliffUnit[],
  out: Set<string>,
): [XliffUnit, XliffUnit][] {
  const kept = original.filter((u) => !blank(u.source));
  if (kept.length < original.length && exported.length < original.length) out.add("blank-units-not-kept");
  const base = exported.length === original.length ? original : kept;
  if (exported.length === base.length) return base.map((u, i) => [u, exported[i]!]);
  const pairs: [XliffUnit, XliffUnit][] = [];
  let j = 0;
  for (const u of kept) {
    const key = collapse(u.source.text);
    const at = exported.findIndex((x, k) => k >= j && collapse(x.source.text) === key);
    if (at < 0) {
      out.add(u.source.text.trim() === "" ? "code-only-units-lost" : "units-lost");
      continue;
    }
    if (at > j) out.add("units-added");
    pairs.push([u, exported[at]!]);
    j = at + 1;
  }
  if (j < exported.length) out.add("units-added");
  return pairs;
}

/** The inline elements of each XLIFF version; anything else in a source or target breaks the specification. */
const INLINE_ELEMENTS: Record<"1" | "2", Set<string>> = {
  "1": new Set(["g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk"]),
  "2": new Set(["pc", "ph", "sc", "ec", "mrk", "sm", "em"]),
};

/**
 * An element that is not an inline element of the file's version (HTML `<a>`, a 2.x `<pc>` in a 1.2
 * target): the independent reader takes its text for code data, Diwan keeps the text as text and the tags
 * as a `bpt`/`ept` pair (docs/formats.md, "Reading"). Both sides brought to one reading: the element's text
 * put back into the file's text, and exactly those tag pairs taken out of Diwan's export.
 */
function inlineUnknown(c: Content, known: Set<string>): Content {
  let text = "";
  let from = 0;
  let shift = 0;
  const codes: Code[] = [];
  for (const code of c.codes) {
    if (known.has(code.kind)) {
      codes.push({ ...code, pos: code.pos + shift });
      continue;
    }
    text += c.text.slice(from, code.pos) + (code.data ?? "");
    from = code.pos;
    shift += (code.data ?? "").length;
  }
  return { text: text + c.text.slice(from), codes };
}

function withoutTagPairs(c: Content, names: Set<string>): Content {
  const tag = (data: string | null) => /^<\/?([^\s/>]+)/.exec(data ?? "")?.[1] ?? "";
  return {
    text: c.text,
    codes: c.codes.filter((k) => !((k.kind === "bpt" || k.kind === "ept") && names.has(tag(k.data)))),
  };
}

function mapUnit(u: XliffUnit, f: (c: Content) => Content): XliffUnit {
  const opt = (c: Content | null) => (c === null ? null : f(c));
  return {
    ...u,
    source: f(u.source),
    segSource: opt(u.segSource),
    target: opt(u.target),
    segments: u.segments.map((s) => ({ ...s, source: f(s.source), target: opt(s.target) })),
  };
}

function unknownElements(u: XliffUnit, known: Set<string>): Set<string> {
  const names = new Set<string>();
  const add = (c: Content | null) => {
    for (const k of c?.codes ?? []) if (!known.has(k.kind)) names.add(k.kind);
  };
  add(u.source);
  add(u.segSource);
  add(u.target);
  for (const s of u.segments) {
    add(s.source);
    add(s.target);
  }
  return names;
}

/** A target that only copies the source (or the 1.2 seg-source, or each segment its own source). */
function copiesSource(u: XliffUnit, target: Content): boolean {
  const t = collapse(target.text);
  if (t === collapse(u.source.text) || (u.segSource !== null && t === collapse(u.segSource.text)))
    return true;
  return (
    u.segments.length > 1 &&
    u.segments.every((s) => s.target === null || collapse(s.target.text) === collapse(s.source.text))
  );
}

/** A target of the file against Diwan's: kept, lost, a copy not kept, or added. */
function compareTarget(
  o: { source: Content; target: Content | null },
  x: { source: Content; target: Content | null },
  copy: (target: Content) => boolean,
  out: Set<string>,
): void {
  if (translation(o.target, o.source)) {
    if (!translation(x.target, x.source)) out.add(copy(o.target!) ? "copy-target-not-kept" : "target-lost");
    else compareContent(o.target!, x.target!, "target", out);
  } else if (translation(x.target, x.source)) {
    out.add("target-added");
  }
}

/**
 * A file with trans-units where XLIFF 1.2 has none (Okapi's archive filter nests a `<file>` in a `<body>`):
 * when Diwan kept exactly those too, it is compared with all of them (class `misplaced-units-read`).
 */
function withMisplaced(original: XliffReading, count: number, out: Set<string>): XliffReading {
  const all = original.unitsWithMisplaced;
  if (all === undefined || count !== all.filter((u) => !blank(u.source)).length) return original;
  out.add("misplaced-units-read");
  return { ...original, units: all };
}

export function compareXliff(file: XliffReading, exported: XliffReading): Set<string> {
  const out = new Set<string>();
  const original = withMisplaced(file, exported.units.length, out);
  if (original.files > 1 && exported.files < original.files) {
    // A <file> without a unit to keep (Matecat's manifest and skeleton files, the original document as
    // base64 in a header) has nothing Diwan stores: a document holds segments. Any other lost file is merged.
    const withUnits = new Set(original.units.filter((u) => !blank(u.source)).map((u) => u.file)).size;
    out.add(exported.files >= withUnits ? "files-without-units-not-kept" : "files-merged");
  }
  const known = INLINE_ELEMENTS[original.version.startsWith("2") ? "2" : "1"];
  for (let [o, x] of alignUnits(original.units, exported.units, out)) {
    const unknown = unknownElements(o, known);
    if (unknown.size > 0) {
      out.add("unknown-element-text-kept");
      o = mapUnit(o, (c) => inlineUnknown(c, known));
      x = mapUnit(x, (c) => withoutTagPairs(c, unknown));
    }
    // A tool's seg-source may differ from its <source> in white space; either is the unit's source.
    const source = o.segSource && x.source.text === o.segSource.text ? o.segSource : o.source;
    compareContent(source, x.source, "source", out);
    const sameSegments = o.segments.length === x.segments.length;
    if (sameSegments && o.segments.length > 1 && (o.target === null || x.target === null)) {
      // Segment by segment: a segment the file left without translation (an empty <target/>) has no
      // target in Diwan's export, so the unit's target is not whole on one side; the others must be there.
      const u = o;
      for (const [i, s] of o.segments.entries()) {
        const copy = (t: Content) => collapse(t.text) === collapse(s.source.text) || copiesSource(u, t);
        compareTarget(s, x.segments[i]!, copy, out);
      }
    } else {
      compareTarget(o, x, (t) => copiesSource(o, t), out);
    }
    if (!sameSegments) {
      // A 1.2 target segmented otherwise than its seg-source (a segment mrk with a mid the seg-source does
      // not have) can only be read whole: one segment, its whole source and target (compared above).
      if (o.targetSegmentsUnmatched && x.segments.length === 1)
        out.add("unmatched-target-segments-read-whole");
      else out.add(x.segments.length < o.segments.length ? "segments-merged" : "segments-split");
    } else if (o.segments.length > 1) {
      o.segments.forEach((s, i) => {
        const xs = x.segments[i]!;
        if (s.source.text !== xs.source.text) out.add("segment-boundaries-differ");
        if (!blank(s.target) && !blank(xs.target) && s.target!.text !== xs.target!.text)
          out.add("segment-boundaries-differ");
      });
    }
    if (o.notes.some((n) => !x.notes.includes(n))) out.add("notes-not-kept");
    if (x.matches < o.matches) out.add("matches-not-kept");
    if (!o.translate && x.translate) out.add("translate-no-lost");
  }
  return out;
}

/** What Diwan stored (segment rows) against the units or segments of the file, for text without codes. */
/** A stored segment row as the API gives it (codes: offsets in `ar`; a 2.x `<cp>` is a code with `cp`). */
export interface StoredRow {
  ar: string;
  en: string | null;
  arCodes?: { at: number; cp?: number }[] | null;
}

/**
 * The file's text holds characters XML 1.0 cannot carry (2.x `<cp hex>`): the row holds the text without
 * them and each one as a `cp` code at its place — the character is kept, not lost.
 */
function cpKeptAsCodes(text: string, row: StoredRow): boolean {
  if (withoutCp(text) !== row.ar) return false;
  const cps = (row.arCodes ?? []).filter((c) => c.cp !== undefined);
  let at = 0;
  let k = 0;
  for (const ch of text) {
    if (withoutCp(ch) === "") {
      const code = cps[k++];
      if (code?.cp !== ch.codePointAt(0) || code?.at !== at) return false;
    } else at += ch.length;
  }
  return k === cps.length;
}

export function compareStored(file: XliffReading, stored: StoredRow[]): Set<string> {
  const out = new Set<string>();
  const original = withMisplaced(file, stored.length, new Set());
  const kept = original.units.filter((u) => !blank(u.source));
  // Per unit, the texts a row may hold: the <source>, or a 1.2 seg-source's text (tools let them differ in
  // white space), or, for a unit of one segment, that segment's (the content around it is kept apart).
  const units = kept.map((u) => [
    u.source,
    ...(u.segSource ? [u.segSource] : []),
    ...(u.segments.length === 1 ? [u.segments[0]!.source] : []),
  ]);
  const segments = kept.flatMap((u) => u.segments.map((s) => [s.source]));
  const rows = stored.length === units.length ? units : stored.length === segments.length ? segments : null;
  if (rows === null) {
    out.add("stored-count-differs");
    return out;
  }
  rows.forEach((texts, i) => {
    const row = stored[i]!;
    if (texts.some((t) => t.codes.length > 0 || t.text === row.ar)) return;
    if (texts.some((t) => cpKeptAsCodes(t.text, row))) out.add("cp-as-code");
    else
      out.add(texts.some((t) => withoutCp(t.text) === row.ar) ? "cp-characters-lost" : "stored-text-differs");
  });
  return out;
}

export interface TmxImportCounts {
  imported: number;
  duplicates: number;
  skipped: number;
}

interface Pair {
  tu: TmxUnit;
  ar: Content;
  en: Content;
}

/** The ar/en pairs a TMX holds: the first variant of each language, both non-blank. */
export function tmxPairs(reading: TmxReading): Pair[] {
  const pairs: Pair[] = [];
  for (const tu of reading.units) {
    const ar = tu.variants.find((v) => primary(v.lang) === "ar")?.content ?? null;
    const en = tu.variants.find((v) => primary(v.lang) === "en")?.content ?? null;
    if (!blank(ar) && !blank(en)) pairs.push({ tu, ar: ar!, en: en! });
  }
  return pairs;
}

export function compareTmx(original: TmxReading, counts: TmxImportCounts, exported: TmxReading): Set<string> {
  const out = new Set<string>();
  const all = tmxPairs(original);
  // A pair whose side holds inline codes but no text is not memory (nothing to match): skipped, as a
  // code-only XLIFF unit is kept in its document but never in the memory.
  const pairs = all.filter((p) => p.ar.text.trim() !== "" && p.en.text.trim() !== "");
  if (pairs.length < all.length) out.add("code-only-pairs-skipped");
  if (counts.imported + counts.duplicates !== pairs.length) out.add("pair-count-differs");
  if (counts.skipped !== original.units.length - pairs.length) out.add("skipped-count-differs");
  // The memory holds every file imported so far: a text may be there several times, with other codes.
  const byText = new Map<string, Pair[]>();
  const spaced = new Set<string>();
  const cased = new Set<string>();
  const loose = (p: Pair) =>
    `${collapse(p.ar.text.normalize("NFC"))}\u0000${collapse(p.en.text.normalize("NFC"))}`;
  for (const p of tmxPairs(exported)) {
    const key = `${p.ar.text}\u0000${p.en.text}`;
    byText.set(key, [...(byText.get(key) ?? []), p]);
    spaced.add(loose(p));
    cased.add(loose(p).toLowerCase());
  }
  for (const p of pairs) {
    // The stored pair with these texts whose codes differ least (none, or only by documented conversions).
    const codeClasses = (f: Pair) => {
      const c = new Set<string>();
      compareCodes(p.ar.codes, f.ar.codes, c);
      compareCodes(p.en.codes, f.en.codes, c);
      return c;
    };
    const candidates = (byText.get(`${p.ar.text}\u0000${p.en.text}`) ?? []).map((f) => ({
      f,
      c: codeClasses(f),
    }));
    const best =
      candidates.find((x) => x.c.size === 0) ??
      candidates.find((x) => [...x.c].every((k) => DOCUMENTED.has(k))) ??
      candidates[0];
    const found = best?.f;
    if (!found) {
      // The memory keeps one pair per NFC + white-space normalised text (documented); anything looser is a loss.
      out.add(
        spaced.has(loose(p))
          ? "whitespace-variant-merged"
          : cased.has(loose(p).toLowerCase())
            ? "case-variant-merged"
            : "pairs-lost",
      );
      continue;
    }
    for (const c of best!.c) out.add(c);
    if (p.tu.notes.some((n) => !found.tu.notes.includes(n))) out.add("notes-not-kept");
    if (p.tu.props.some((q) => !found.tu.props.some((f) => f.type === q.type && f.value === q.value)))
      out.add("props-not-kept");
    if (p.tu.variants.some((v) => primary(v.lang) !== "ar" && primary(v.lang) !== "en"))
      out.add("other-languages-not-kept");
  }
  return out;
}
