// What a file holds (the independent reading of the re-labelled file) against what Diwan stored and exports
// again (the same reader on Diwan's export): named difference classes per file. Pure functions.
import type { Code, Content } from "./content";
import type { TbxEntry, TbxReading } from "./tbx";
import type { TextGlossaryReading } from "./text-glossary";
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
  "whitespace-variant-merged", // TMX pairs equal after NFC and white-space normalisation are one memory pair
]);

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";
const blank = (c: Content | null) => c === null || (c.text.trim() === "" && c.codes.length === 0);

/**
 * A target that holds a translation: some text, or codes alone when the source is codes alone too (Trados
 * writes untranslated segments as a target holding only the source's codes).
 */
const translation = (target: Content | null, source: Content) =>
  target !== null && (target.text.trim() !== "" || (source.text.trim() === "" && target.codes.length > 0));

/** Codes of `expected` against `actual`: lost, added, different (kind/role/position), ids, native data. */
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
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (e.kind !== a.kind || e.role !== a.role || e.pos !== a.pos) out.add("codes-differ");
    else if (e.id !== a.id) out.add("code-ids-differ");
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

export function compareXliff(original: XliffReading, exported: XliffReading): Set<string> {
  const out = new Set<string>();
  if (original.files > 1 && exported.files < original.files) out.add("files-merged");
  for (const [o, x] of alignUnits(original.units, exported.units, out)) {
    // A tool's seg-source may differ from its <source> in white space; either is the unit's source.
    const source = o.segSource && x.source.text === o.segSource.text ? o.segSource : o.source;
    compareContent(source, x.source, "source", out);
    if (translation(o.target, o.source)) {
      if (!translation(x.target, x.source)) {
        out.add(
          collapse(o.target!.text) === collapse(o.source.text) ? "copy-target-not-kept" : "target-lost",
        );
      } else {
        compareContent(o.target!, x.target!, "target", out);
      }
    } else if (translation(x.target, x.source)) {
      out.add("target-added");
    }
    if (o.segments.length !== x.segments.length) {
      out.add(x.segments.length < o.segments.length ? "segments-merged" : "segments-split");
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
export function compareStored(
  original: XliffReading,
  stored: { ar: string; en: string | null }[],
): Set<string> {
  const out = new Set<string>();
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
    const ar = stored[i]!.ar;
    if (texts.some((t) => t.codes.length > 0 || t.text === ar)) return;
    out.add(texts.some((t) => withoutCp(t.text) === ar) ? "cp-characters-lost" : "stored-text-differs");
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
  const pairs = tmxPairs(original);
  if (counts.imported + counts.duplicates !== pairs.length) out.add("pair-count-differs");
  if (counts.skipped !== original.units.length - pairs.length) out.add("skipped-count-differs");
  const byText = new Map<string, Pair>();
  const spaced = new Set<string>();
  const cased = new Set<string>();
  const loose = (p: Pair) =>
    `${collapse(p.ar.text.normalize("NFC"))}\u0000${collapse(p.en.text.normalize("NFC"))}`;
  for (const p of tmxPairs(exported)) {
    byText.set(`${p.ar.text}\u0000${p.en.text}`, p);
    spaced.add(loose(p));
    cased.add(loose(p).toLowerCase());
  }
  for (const p of pairs) {
    const found = byText.get(`${p.ar.text}\u0000${p.en.text}`);
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
    compareCodes(p.ar.codes, found.ar.codes, out);
    compareCodes(p.en.codes, found.en.codes, out);
    if (p.tu.notes.some((n) => !found.tu.notes.includes(n))) out.add("notes-not-kept");
    if (p.tu.props.some((q) => !found.tu.props.some((f) => f.type === q.type && f.value === q.value)))
      out.add("props-not-kept");
    if (p.tu.variants.some((v) => primary(v.lang) !== "ar" && primary(v.lang) !== "en"))
      out.add("other-languages-not-kept");
  }
  return out;
}

/** Diwan's four statuses for a TBX administrativeStatus / normativeAuthorization value. */
export function expectedStatus(value: string | null): string {
  const v = (value ?? "")
    .replace(/-admn-sts$/i, "")
    .replace(/Term$/i, "")
    .toLowerCase();
  if (v === "preferred" || v === "standardized") return "preferred";
  // Diwan writes forbidden as deprecated plus its note (checked below), so a file's forbidden reads as that.
  if (["deprecated", "superseded", "notrecommended", "obsolete", "forbidden"].includes(v))
    return "deprecated";
  return "admitted";
}

const FORBIDDEN_NOTE = "Forbidden term (Diwan): never use.";

interface Terms {
  entry: TbxEntry;
  keys: string[];
}

function termKeys(entry: TbxEntry, trim: boolean): string[] {
  return entry.languages
    .filter((l) => primary(l.lang) === "ar" || primary(l.lang) === "en")
    .flatMap((l) => l.terms.map((t) => `${primary(l.lang)}\u0000${trim ? t.text.trim() : t.text}`))
    .sort();
}

export function compareTbx(original: TbxReading, exported: TbxReading): Set<string> {
  const out = new Set<string>();
  const index: Terms[] = exported.entries.map((entry) => ({ entry, keys: termKeys(entry, false) }));
  for (const o of original.entries) {
    const langs = new Set(o.languages.filter((l) => l.terms.length > 0).map((l) => primary(l.lang)));
    if (!langs.has("ar") && !langs.has("en")) continue;
    if ([...langs].some((l) => l !== "ar" && l !== "en")) out.add("other-languages-not-kept");
    const exact = termKeys(o, false).join("\u0001");
    const trimmed = termKeys(o, true).join("\u0001");
    let found = index.find((t) => t.keys.join("\u0001") === exact);
    if (!found) {
      found = index.find((t) => t.keys.join("\u0001") === trimmed);
      if (found) out.add("terms-trimmed");
    }
    if (!found) {
      out.add(langs.has("ar") && langs.has("en") ? "entries-lost" : "one-language-entries-lost");
      continue;
    }
    const x = found.entry;
    const xTerms = x.languages.flatMap((l) => l.terms.map((t) => ({ lang: primary(l.lang), t })));
    for (const l of o.languages) {
      for (const t of l.terms) {
        const match = xTerms.find((e) => e.lang === primary(l.lang) && e.t.text === t.text.trim());
        if (!match) continue;
        const status = match.t.notes.includes(FORBIDDEN_NOTE) ? "deprecated" : expectedStatus(match.t.status);
        if (expectedStatus(t.status) !== status) out.add("term-status-differs");
        for (const n of t.notes)
          if (!match.t.notes.includes(n))
            out.add(match.t.notes.some((x) => x.includes(n)) ? "notes-joined" : "term-notes-lost");
      }
    }
    const definitions = [
      ...o.definitions,
      ...o.languages.filter((l) => ["ar", "en"].includes(primary(l.lang))).flatMap((l) => l.definitions),
    ];
    const xDefinitions = [...x.definitions, ...x.languages.flatMap((l) => l.definitions)];
    if (definitions.length > 0 && !xDefinitions.includes(definitions[0]!)) out.add("definition-lost");
    if (definitions.slice(1).some((d) => !xDefinitions.includes(d))) out.add("extra-definitions-lost");
    const notes = [
      ...o.notes,
      ...o.languages.filter((l) => ["ar", "en"].includes(primary(l.lang))).flatMap((l) => l.notes),
    ];
    const xNotes = [...x.notes, ...x.languages.flatMap((l) => l.notes)];
    for (const n of notes)
      if (!xNotes.includes(n)) out.add(xNotes.some((x) => x.includes(n)) ? "notes-joined" : "notes-lost");
    if (o.subjectFields.length === 0) out.add("default-domain");
    else if (!x.subjectFields.includes(o.subjectFields[0]!))
      out.add(x.subjectFields.includes(collapse(o.subjectFields[0]!)) ? "domain-joined" : "domain-differs");
  }
  return out;
}

const HEADER =
  /^(source|target|term|terms|key|lang|language|src|tgt|comment|comments|description|definition|note|en|ar)$/i;

/**
 * A text glossary's rows (source → ar, target → en, comment) against Diwan's TBX export. With a header row,
 * the third column is read by its name: a `domain` column is the entry's subject field, not a comment.
 */
export function compareTextGlossary(original: TextGlossaryReading, exported: TbxReading): Set<string> {
  const out = new Set<string>();
  const rows = original.rows.filter((r) => (r[0] ?? "").trim() !== "" && (r[1] ?? "").trim() !== "");
  const header = rows.length > 0 && rows[0]!.some((f) => HEADER.test(f.trim())) ? rows[0]! : null;
  const body = header ? rows.slice(1) : rows;
  const third = (header?.[2] ?? "").trim().toLowerCase();
  for (const [source = "", target = "", comment = ""] of body) {
    const entry = exported.entries.find((e) => {
      const has = (lang: string, text: string) =>
        e.languages.some((l) => primary(l.lang) === lang && l.terms.some((t) => t.text === text.trim()));
      return has("ar", source) && has("en", target);
    });
    if (!entry) {
      out.add("rows-lost");
      continue;
    }
    if (third === "domain") {
      if (comment.trim() !== "" && !entry.subjectFields.includes(comment.trim())) out.add("domain-differs");
      continue;
    }
    const texts = [
      ...entry.notes,
      ...entry.definitions,
      ...entry.languages.flatMap((l) => [...l.notes, ...l.definitions]),
    ];
    if (comment.trim() !== "" && !texts.some((t) => t.includes(comment.trim()))) out.add("comments-lost");
  }
  return out;
}
