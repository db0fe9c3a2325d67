// The real-file corpus (test/fixtures/real/) and its independent reader: every file is where SOURCES.tsv
// says, byte for byte (sha256), within the size limit, with its provenance; the reader reads what the
// specifications say on files checked by hand; re-labelling changes language attributes and nothing else.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusEntries, REAL_CORPUS } from "../support/real-corpus/corpus";
import { decodeBytes } from "../support/real-corpus/decode";
import { readCorpusFile } from "../support/real-corpus/read";
import { relabel, relabelText } from "../support/real-corpus/relabel";

const bytesOf = (local: string) => new Uint8Array(readFileSync(path.join(REAL_CORPUS, local)));
const read = (local: string) => readCorpusFile(bytesOf(local), local);

describe("corpus provenance", () => {
  const entries = corpusEntries();

  it("holds a few hundred files, each recorded with repository, path, commit and licence", () => {
    expect(entries.length).toBeGreaterThan(300);
    for (const e of entries) {
      expect(e.repository, e.local).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.commit, e.local).toMatch(/^[0-9a-f]{40}$/);
      expect(e.path, e.local).not.toBe("");
      expect(e.licence, e.local).not.toBe("");
    }
  });

  it("keeps every file byte for byte as published (sha256) and under ~200 KB", () => {
    for (const e of entries) {
      const bytes = bytesOf(e.local);
      expect(bytes.length, e.local).toBe(e.bytes);
      expect(bytes.length, e.local).toBeLessThanOrEqual(200_000);
      expect(createHash("sha256").update(bytes).digest("hex"), e.local).toBe(e.sha256);
    }
  });
});

describe("independent reader", () => {
  it("reads trans-units in bin-units and the translate flag (XLIFF 1.2)", () => {
    const r = read("okapi/BinUnitTest01.xlf").reading;
    expect(r.format).toBe("xliff");
    if (r.format !== "xliff") return;
    expect(r.units.map((u) => [u.id, u.translate, u.inBinUnit, u.source.text])).toEqual([
      ["0", false, false, "Do not translate this."],
      ["1", true, false, "Text number 1"],
      ["img1-1", true, true, "Text of image 1"],
    ]);
  });

  it("splits seg-source into its mrk segments and pairs targets by mid (XLIFF 1.2)", () => {
    const r = read("okapi/segsource.xlf").reading;
    if (r.format !== "xliff") throw new Error(r.format);
    const [unit] = r.units;
    expect(unit?.source.text).toBe("This is sentence 1. This is sentence 2.");
    expect(unit?.segments.map((s) => [s.id, s.source.text, s.target?.text])).toEqual([
      ["0", "This is sentence 1.", "This is sentence 1."],
      ["1", " This is sentence 2.", " This is sentence 2."],
    ]);
    // Segment markers are segmentation, not inline codes.
    expect(unit?.target?.codes).toEqual([]);
  });

  it("reads XLIFF 2 segments, ignorables and sc/ec codes with positions", () => {
    const r = read("okapi/valid/toJoin.xlf").reading;
    if (r.format !== "xliff") throw new Error(r.format);
    const [unit] = r.units;
    expect(r.version).toBe("2.0");
    expect(unit?.segments.map((s) => s.id)).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect(unit?.segments.map((s) => s.state)).toEqual(["translated", "translated", "final", null, null]);
    expect(unit?.source.text).toBe("Sentence 1. Sentence [  ] 2.  Sentence 3. Sentence 4. Sentence 5.");
    expect(unit?.source.codes).toEqual([
      { kind: "sc", role: "open", id: "1", pos: 0, data: null },
      { kind: "ec", role: "close", id: "1", pos: 28, data: null },
    ]);
    expect(unit?.target?.text).toBe("Phrase 1. Phrase [  ] 2.  sentence 3. Phrase 4. Phrase 5.");
  });

  it("decodes UTF-16 TMX with a DOCTYPE and reads bpt/ept with native code and positions", () => {
    const f = read("okapi/compkit/ImportTest2A.tmx");
    expect(f.decoded).toMatchObject({ encoding: "utf-16le", bom: true });
    const r = f.reading;
    if (r.format !== "tmx") throw new Error(r.format);
    expect(r.srclang).toBe("en-us");
    const [tu] = r.units;
    expect(tu?.variants.map((v) => v.lang)).toEqual(["en-us", "fr-ca"]);
    expect(tu?.variants[0]?.content.text).toBe("The big black cat sleeps.");
    expect(tu?.variants[0]?.content.codes.map((c) => [c.kind, c.role, c.id, c.pos, c.data])).toEqual([
      ["bpt", "open", "1", 8, "<b>"],
      ["ept", "close", "1", 13, "</b>"],
      ["bpt", "open", "2", 14, "<u>"],
      ["ept", "close", "2", 17, "</u>"],
    ]);
  });

  it("reads TBX 2008 ntig terms, statuses, definitions with their line breaks, and one-language entries", () => {
    const r = read("okapi/oracle_TBX.tbx").reading;
    if (r.format !== "tbx") throw new Error(r.format);
    const [entry] = r.entries;
    expect(entry?.subjectFields).toEqual(["HR"]);
    const en = entry?.languages.find((l) => l.lang === "en");
    expect(en?.terms.map((t) => t.text)).toEqual(["Provincial Reporting Establishment ", "PRE"]);
    expect(en?.definitions[0]).toMatch(/^GREs and PREs represent an employer the\n/);
    const pt = entry?.languages.find((l) => l.lang === "pt");
    expect(pt?.terms[0]).toMatchObject({ status: "standardizedTerm-admn-sts" });
    expect(pt?.notes).toEqual(["Termo específico aos EUA."]);
  });

  it("finds not well-formed exactly the XML files libxml2 (xmllint) rejects with a parser error", () => {
    const xml = corpusEntries()
      .map((e) => e.local)
      .filter((l) => !/\.(csv|tsv|txt|tab)$/.test(l));
    let output = "";
    try {
      execFileSync("xmllint", ["--noout", "--nonet", ...xml], { cwd: REAL_CORPUS, stdio: "pipe" });
    } catch (e) {
      output = String((e as { stderr?: Buffer }).stderr ?? "");
    }
    // Namespace errors other than an unbound prefix (e.g. libxml2 disliking a namespace name that is not a
    // URI) are not well-formedness errors of XML 1.0.
    const rejected = new Set(
      output
        .split("\n")
        .filter((l) => / parser error | namespace error : Namespace prefix .* is not defined/.test(l))
        .map((l) => l.split(":")[0]),
    );
    const unreadable = xml.filter((l) => read(l).reading.format === "unreadable");
    expect(unreadable.sort()).toEqual([...rejected].sort());
  });

  it("names the defect of a file that is not well-formed", () => {
    expect(read("ltac-tbx/TBX_test_files/poorly_formed_xml.tbx").reading).toEqual({
      format: "unreadable",
      defect: expect.stringMatching(/^not well-formed XML: .*"term" != "termSec"/),
    });
    expect(read("okapi/xliff/generalstructure.xlf").reading).toEqual({
      format: "unreadable",
      defect: expect.stringMatching(/^not valid utf-8/),
    });
  });
});

describe("re-labelling", () => {
  it("changes language attributes inside tags only, never text, comments or CDATA", () => {
    const map = new Map([
      ["fr", "ar"],
      ["en-us", "en"],
      ["en-gb", "x-en-GB"],
    ]);
    const input = `<a xml:lang="fr" b='en-US'><s lang='FR'>lang="fr" &lt;p lang="fr"></s><!-- xml:lang="fr" --><![CDATA[ lang="fr" ]]><t srclang="en-US" x:lang="en-GB"/></a>`;
    expect(relabelText(input, map)).toEqual({
      text: `<a xml:lang="ar" b='en-US'><s lang='ar'>lang="fr" &lt;p lang="fr"></s><!-- xml:lang="fr" --><![CDATA[ lang="fr" ]]><t srclang="en" x:lang="en-GB"/></a>`,
      changed: 3,
    });
  });

  it("keeps a UTF-16 file UTF-16 with its BOM and changes nothing but the tags", () => {
    const local = "okapi/compkit/ImportTest2A.tmx";
    const bytes = bytesOf(local);
    const result = relabel(bytes, read(local));
    expect(result.mapping).toEqual({ "en-us": "ar", "fr-ca": "en" });
    expect([...result.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const before = decodeBytes(bytes).text;
    const after = decodeBytes(result.bytes).text;
    expect(after.replace(/(xml:lang|srclang)=(["'])(ar|en)\2/g, "$1=?")).toBe(
      before.replace(/(xml:lang|srclang)=(["'])(en-us|fr-ca)\2/gi, "$1=?"),
    );
    const r = readCorpusFile(result.bytes, local).reading;
    if (r.format !== "tmx") throw new Error(r.format);
    expect(r.units[0]?.variants.map((v) => v.lang)).toEqual(["ar", "en"]);
  });

  it("relabels a file whose source and target are the same tag by attribute: target side en, the rest ar", () => {
    const local = "sap/Sample_AlmostEverything_1.2_strict.xlf";
    const r = readCorpusFile(relabel(bytesOf(local), read(local)).bytes, local).reading;
    if (r.format !== "xliff") throw new Error(r.format);
    expect([r.srcLang, r.trgLang]).toEqual(["ar", "en"]);
  });

  it("maps an English-source XLIFF to ar → en and an Arabic target to en", () => {
    const local = "matecat-xliff-parser/uber/55384cd-uber-sites-en_us-ar-H.xlf";
    const f = read(local);
    expect(relabel(bytesOf(local), f).mapping).toEqual({ "en-us": "ar", ar: "en" });
  });
});
