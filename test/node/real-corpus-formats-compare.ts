// Diwan's format readers (src/formats) against the corpus' independent reader (test/support/real-corpus), file
// by file: what Diwan reads exactly, what differs (each difference named by its documented class), what it
// refuses and why. Used by test/node/real-corpus-formats.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { FormatError } from "../../src/formats/errors";
import type { Content as DiwanContent } from "../../src/formats/inline";
import { parseTmx } from "../../src/formats/tmx";
import { parseXliff } from "../../src/formats/xliff-read";
import { decodeXml } from "../../src/formats/xml-decode";
import type { Content } from "../support/real-corpus/content";
import { type CorpusEntry, REAL_CORPUS } from "../support/real-corpus/corpus";
import { readCorpusFile } from "../support/real-corpus/read";
import { relabel } from "../support/real-corpus/relabel";

export type Outcome =
  | { file: string; format: string; result: "exact"; units: number }
  | { file: string; format: string; result: "different"; units: number; classes: string[]; first: string }
  | {
      file: string;
      format: string;
      result: "refused";
      code: string;
      message: string;
      readerDefect: string | null;
    }
  | { file: string; format: string; result: "not-compared"; why: string };

/** A code as both readers can state it: role, id, position, native data. */
const codesOf = (c: Content) =>
  c.codes.map((x) => `${x.role}:${x.id ?? ""}@${x.pos}${x.data === null ? "" : `=${x.data}`}`);
const diwanCodes = (c: DiwanContent) =>
  c.codes.map((x) => `${x.kind}:${x.id}@${x.at}${x.data === undefined ? "" : `=${x.data}`}`);

/** Inline elements each vocabulary defines (others are "unknown" there). */
const KNOWN: Record<string, Set<string>> = {
  xliff1: new Set(["g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "mrk"]),
  xliff2: new Set(["pc", "ph", "sc", "ec", "mrk", "sm", "em"]),
  tmx: new Set(["bpt", "ept", "ph", "it", "hi", "ut"]),
};

/** The class of difference between two readings of one content (docs/formats.md, "Real files"), or null. */
function differenceClass(dialect: keyof typeof KNOWN, reader: Content, diwan: DiwanContent): string | null {
  if (reader.text === diwan.text && codesOf(reader).join("|") === diwanCodes(diwan).join("|")) return null;
  const known = KNOWN[dialect]!;
  const unknown = reader.codes.some((c) => !known.has(c.kind));
  if (reader.text !== diwan.text) {
    // The reader makes a 2.x <cp> text; Diwan keeps it as a code (the character cannot be stored as text).
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(reader.text)) return "cp-as-code";
    // An element that is not inline markup of the format: the reader takes its text as a code's data,
    // Diwan keeps the text as text between two codes carrying the tags.
    return unknown ? "unknown-element-text-kept" : "text";
  }
  if (reader.codes.length !== diwan.codes.length) return unknown ? "unknown-element-text-kept" : "code-count";
  for (const [i, r] of reader.codes.entries()) {
    const d = diwan.codes[i]!;
    if (r.role !== d.kind || r.pos !== d.at) return "code-position";
    if ((r.data ?? undefined) !== d.data) return "code-data";
    if ((r.id ?? "") === d.id) continue;
    if (r.id === null) return "generated-id";
    // Diwan's id pairs the halves: 1.2 bx/ex/bpt/ept by rid, TMX by x (across languages), not i.
    if (["bx", "ex", "bpt", "ept", "it"].includes(r.kind)) return "pairing-id";
    return "code-id";
  }
  return "code-other";
}

/** Adds the class of a differing content to `into`, and a description of the first one to `first`. */
function classify(
  dialect: keyof typeof KNOWN,
  reader: Content,
  diwan: DiwanContent,
  into: Set<string>,
  where: string,
  first: string[],
): void {
  const cls = differenceClass(dialect, reader, diwan);
  if (cls === null) return;
  into.add(cls);
  if (first.length === 0)
    first.push(
      `${where}: ${cls}: reader ${JSON.stringify(reader.text.slice(0, 60))} ${codesOf(reader).slice(0, 4).join(" ")} / diwan ${JSON.stringify(diwan.text.slice(0, 60))} ${diwanCodes(diwan).slice(0, 4).join(" ")}`,
    );
}

export function compareFile(entry: CorpusEntry): Outcome {
  const local = entry.local;
  const bytes = new Uint8Array(readFileSync(path.join(REAL_CORPUS, local)));
  const file = readCorpusFile(bytes, local);
  const r = file.reading;
  if (r.format !== "xliff" && r.format !== "tmx")
    return {
      file: local,
      format: r.format,
      result: "not-compared",
      why: r.format === "unreadable" ? r.defect : r.format,
    };
  const relabelled = relabel(bytes, file).bytes;
  // The independent reading of the very bytes Diwan reads (ar/en after relabelling).
  const again = readCorpusFile(relabelled, local).reading;
  if (again.format !== r.format) throw new Error(`${local}: relabelling changed what the file is`);
  const format = r.format === "xliff" ? `xliff-${r.version || "?"}` : "tmx";
  let text: string;
  try {
    text = decodeXml(relabelled);
    if (r.format === "xliff") {
      const doc = parseXliff(text);
      const classes = new Set<string>();
      const first: string[] = [];
      const reading = again as typeof r;
      const dialect = reading.version.startsWith("2") ? "xliff2" : "xliff1";
      // Units matched in order; a unit the reader has that Diwan left out must be named in a notice.
      const left = new Set(
        doc.notices
          .filter((x) => x.reason.startsWith("left out") || x.reason.startsWith("no <segment>"))
          .map((x) => x.item),
      );
      const readerUnits = reading.units.filter((u) => {
        if (!left.has(`unit ${u.id ?? ""}`)) return true;
        classes.add("unit-left-out-with-notice");
        return false;
      });
      let units = doc.units;
      if (units.length > readerUnits.length) {
        // Diwan reads trans-units of a <file> nested in a <body> (Okapi's archive filter), the reader not.
        classes.add("more-units-read");
        let k = 0;
        units = units.filter((u) => {
          if (k < readerUnits.length && (readerUnits[k]!.id ?? "") === u.id) {
            k++;
            return true;
          }
          return false;
        });
      }
      if (units.length !== readerUnits.length) classes.add("unit-count");
      const n = Math.min(units.length, readerUnits.length);
      for (let i = 0; i < n; i++) {
        const d = units[i]!;
        const u = readerUnits[i]!;
        if (d.id !== (u.id ?? "")) classes.add("unit-id");
        const segs = d.segments.filter((s) => s.kind === "segment");
        if (u.targetSegmentsUnmatched && segs.length === 1 && u.target !== null && segs[0]!.target !== null) {
          // A 1.2 target with a segment the seg-source lacks: Diwan reads the unit whole, all of it kept.
          classes.add("unmatched-target-segments-read-whole");
          // xmldom (the independent reader) turns U+2028 into a line feed, as XML 1.1 would; Diwan keeps it.
          const asDom = <T extends { text: string }>(c: T): T => ({
            ...c,
            text: c.text.replace(/\u2028/g, "\n"),
          });
          classify(dialect, u.source, asDom(segs[0]!.source), classes, `unit ${u.id} source`, first);
          classify(dialect, u.target, asDom(segs[0]!.target), classes, `unit ${u.id} target`, first);
          continue;
        }
        if (segs.length !== u.segments.length) {
          classes.add("segment-count");
          if (first.length === 0)
            first.push(
              `unit ${u.id}: ${u.segments.length} segments read, diwan ${segs.length}: ${d.notices.join("; ")}`,
            );
          continue;
        }
        for (const [k, s] of segs.entries()) {
          const rs = u.segments[k]!;
          if ((rs.id ?? null) !== s.id && !(rs.id === null && s.id === null)) classes.add("segment-id");
          classify(dialect, rs.source, s.source, classes, `unit ${u.id} seg ${k} source`, first);
          if (rs.target === null || s.target === null) {
            if ((rs.target === null) !== (s.target === null)) classes.add("target-presence");
          } else classify(dialect, rs.target, s.target, classes, `unit ${u.id} seg ${k} target`, first);
        }
      }
      if (classes.size === 0) return { file: local, format, result: "exact", units: units.length };
      return {
        file: local,
        format,
        result: "different",
        units: units.length,
        classes: [...classes].sort(),
        first: first[0] ?? "",
      };
    }
    const tmx = parseTmx(text);
    const classes = new Set<string>();
    const first: string[] = [];
    // The reader's tus with an ar and an en variant (after relabelling), first of each language.
    const expected = (again as typeof r).units.flatMap((u) => {
      const ar = u.variants.find((v) => /^ar(?:[-_]|$)/i.test(v.lang));
      const en = u.variants.find((v) => /^en(?:[-_]|$)/i.test(v.lang));
      return ar && en ? [{ tuid: u.tuid, ar: ar.content, en: en.content }] : [];
    });
    if (expected.length !== tmx.pairs.length) classes.add("pair-count");
    for (let i = 0; i < Math.min(expected.length, tmx.pairs.length); i++) {
      const e = expected[i]!;
      const p = tmx.pairs[i]!;
      classify("tmx", e.ar, { text: p.ar, codes: p.arCodes }, classes, `tu ${e.tuid} ar`, first);
      classify("tmx", e.en, { text: p.en, codes: p.enCodes }, classes, `tu ${e.tuid} en`, first);
    }
    if (classes.size === 0) return { file: local, format, result: "exact", units: tmx.pairs.length };
    return {
      file: local,
      format,
      result: "different",
      units: tmx.pairs.length,
      classes: [...classes].sort(),
      first: first[0] ?? "",
    };
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    return {
      file: local,
      format,
      result: "refused",
      code: err.code,
      message: err.message,
      readerDefect: null,
    };
  }
}

/** A corpus file's bytes with its languages relabelled ar/en, as the comparisons read it. */
export function relabelledBytes(local: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path.join(REAL_CORPUS, local)));
  return relabel(bytes, readCorpusFile(bytes, local)).bytes;
}
