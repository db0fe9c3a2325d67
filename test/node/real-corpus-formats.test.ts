// The real-file corpus (test/fixtures/real/, files Diwan did not write) through Diwan's format layer:
// every XLIFF and TMX file is decoded and read by src/formats and compared with the independent reader
// (test/support/real-corpus/); every XLIFF Diwan reads is written again in its own version, read back
// (the same units, segments, texts and codes) and validated against the official schema.
// `CORPUS_TABLE=1` prints the table of docs/formats.md ("Real files").
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { segmentsOfUnit } from "../../src/formats/xliff-origin";
import { parseXliff } from "../../src/formats/xliff-read";
import { toXliff, type XliffUnitInput, type XliffVersion } from "../../src/formats/xliff-write";
import { decodeXml } from "../../src/formats/xml-decode";
import { streamToString } from "../../src/formats/xml-stream";
import { SAMPLE_DOC } from "../formats/samples";
import { corpusEntries } from "../support/real-corpus/corpus";
import { rewriteDifference } from "../xliff/write/shape";
import { compareFile, type Outcome, relabelledBytes } from "./real-corpus-formats-compare";
import { validateXliff12, validateXliff20, validateXliff21 } from "./validators";

const outcomes: (Outcome & { source: string })[] = corpusEntries().map((e) => ({
  ...compareFile(e),
  source: e.source,
}));

/** Differences between the two readers that docs/formats.md ("Real files") names and explains. */
const DOCUMENTED = new Set([
  "unit-left-out-with-notice",
  "generated-id",
  "pairing-id",
  "cp-as-code",
  "unknown-element-text-kept",
  "more-units-read",
  "unmatched-target-segments-read-whole",
]);

/** Files Diwan refuses, each for a defect of the file that the refusal names. */
const REFUSED: Record<string, [string, string]> = {
  "locize-xliff/example_empty12.xliff": ["invalid-content", "nothing to import"],
  "ms-xliff2-om/DocumentWithValidValues.xlf": ["wrong-version", 'version "version"'],
  "ms-xliff2-om/FullDocument.xlf": ["wrong-version", 'version "version"'],
};

describe("real files through the format readers", () => {
  it("reads every XLIFF and TMX file the independent reader reads, the same or with a documented difference", () => {
    const undocumented = outcomes.flatMap((o) =>
      o.result === "different" && o.classes.some((c) => !DOCUMENTED.has(c))
        ? [`${o.file}: ${o.classes} — ${o.first}`]
        : [],
    );
    expect(undocumented).toEqual([]);
    const exact = outcomes.filter((o) => o.result === "exact").length;
    expect(exact).toBeGreaterThan(550);
  });

  it("refuses only files with a real defect, and names it", () => {
    const refused = Object.fromEntries(
      outcomes.flatMap((o) => (o.result === "refused" ? [[o.file, [o.code, o.message]]] : [])),
    );
    expect(Object.keys(refused).sort()).toEqual(Object.keys(REFUSED).sort());
    for (const [file, [code, words]] of Object.entries(REFUSED)) {
      expect(refused[file]![0], file).toBe(code);
      expect(refused[file]![1], file).toContain(words);
    }
  });

  it("refuses every file the independent reader finds not well-formed or not decodable", () => {
    const unreadable = outcomes.filter(
      (o) => o.result === "not-compared" && /^not (well-formed|valid)/.test(o.why),
    );
    expect(unreadable.length).toBeGreaterThan(5);
    for (const o of unreadable) {
      if (!/\.(xlf|xliff|sdlxliff|mqxliff|tmx)$/i.test(o.file)) continue;
      let refusal: unknown = null;
      try {
        parseXliff(decodeXml(relabelledBytes(o.file)));
      } catch (err) {
        refusal = err;
      }
      expect(refusal, o.file).not.toBeNull();
    }
  });

  it.skipIf(!process.env.CORPUS_TABLE)("prints the table for docs/formats.md", () => {
    const rows = new Map<string, number[]>();
    for (const o of outcomes) {
      if (o.result === "not-compared") continue;
      const kind =
        o.format === "tmx"
          ? "TMX"
          : /^xliff-2\.[01]$/.test(o.format)
            ? "XLIFF 2.x"
            : /^xliff-1\.[0-2]$/.test(o.format)
              ? "XLIFF 1.x"
              : "XLIFF, version missing or unknown";
      const key = `${o.source} | ${kind}`;
      const row = rows.get(key) ?? [0, 0, 0];
      row[o.result === "exact" ? 0 : o.result === "different" ? 1 : 2]!++;
      rows.set(key, row);
    }
    console.log(
      [...rows]
        .sort()
        .map(([k, [a, b, c]]) => `| ${k} | ${a} | ${b} | ${c} |`)
        .join("\n"),
    );
  });
});

// ------------------------------------------------------------------------------------ written again

const dir = mkdtempSync(path.join(tmpdir(), "diwan-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every XLIFF Diwan reads, stored as Diwan would and written again in its own version. */
const rewritten = await Promise.all(
  outcomes.flatMap((o) => {
    if (o.result !== "exact" && o.result !== "different") return [];
    if (!o.format.startsWith("xliff")) return [];
    const original = parseXliff(decodeXml(relabelledBytes(o.file)));
    let id = 0;
    const segments: XliffUnitInput[] = original.units.flatMap((u) =>
      segmentsOfUnit(u).map((s) => ({ ...s, id: ++id })),
    );
    if (segments.length === 0) return [];
    const version: XliffVersion = original.version.startsWith("1")
      ? "1.2"
      : original.version === "2.0"
        ? "2.0"
        : "2.1";
    return [
      streamToString(toXliff(version, SAMPLE_DOC, segments)).then((xml) => ({
        file: o.file,
        version,
        original,
        xml,
      })),
    ];
  }),
);

describe("real files written again in their own version", () => {
  it("read back: the same units, segments, texts, codes and translations", () => {
    const differing: string[] = [];
    for (const { file, version, original, xml } of rewritten) {
      const back = parseXliff(xml);
      const from = version === "1.2" ? "1.2" : "2.x";
      const difference = rewriteDifference(original.units, back.units, version, from);
      if (difference !== null) differing.push(`${file}: ${difference}`);
    }
    expect(differing).toEqual([]);
    expect(rewritten.length).toBeGreaterThan(400);
  });

  it("valid against the official schemas (1.2 strict XSD, 2.0 XSDs, 2.1 NVDL with Schematron)", () => {
    const files = { "1.2": [] as string[], "2.0": [] as string[], "2.1": [] as string[] };
    for (const [i, { version, xml }] of rewritten.entries()) {
      const name = path.join(dir, `${i}.xlf`);
      writeFileSync(name, xml);
      files[version].push(name);
    }
    expect(validateXliff12(...files["1.2"])).toBe("");
    expect(validateXliff20(...files["2.0"])).toBe("");
    expect(validateXliff21(...files["2.1"])).toBe("");
  }, 300_000);
});
