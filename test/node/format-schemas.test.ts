// Every export format validated against its official schema (test/schemas, offline): xmllint for XSD/DTD,
// jing for RELAX NG, Schematron (via Saxon-HE) and the XLIFF 2.1 NVDL. Needs the Debian packages
// libxml2-utils, jing and libsaxonhe-java. Each validator is also shown a broken variant, so a validator
// that silently accepts everything would fail these tests.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTbx, writeTbx2008 } from "../../src/formats/tbx";
import { writeTmx } from "../../src/formats/tmx";
import { type EmptyTargets, toXliff, type XliffUnitInput } from "../../src/formats/xliff-write";
import { streamToString } from "../../src/formats/xml-stream";
import { FIXTURES, storedSegments } from "../formats/cat-samples";
import { randomArabic, randomEnglish, SEGMENT_STATUS_LIST } from "../formats/random";
import { type Flavour, randomContent } from "../formats/random-codes";
import { SAMPLE_DOC, SAMPLE_GLOSSARY, SAMPLE_UNITS } from "../formats/samples";
import { pick, rng } from "../support/random";
import { runValidator, validateXliff12, validateXliff20, validateXliff21 } from "./validators";

const dir = mkdtempSync(path.join(tmpdir(), "diwan-schemas-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function save(text: string, ext: string): string {
  const file = path.join(dir, `doc-${++fileNo}.${ext}`);
  writeFileSync(file, text);
  return file;
}

const tmx14 = (file: string) =>
  runValidator("xmllint", ["--noout", "--nonet", "--dtdvalid", "tmx-1.4b/tmx14.dtd", file]);
const tbx3 = (file: string) =>
  runValidator("jing", ["tbx-v3/TBXcoreStructV03.rng", file]) ||
  runValidator("jing", ["tbx-v3/TBX-Basic_DCA.sch", file]);
const tbx2008 = (file: string) =>
  runValidator("xmllint", ["--noout", "--nonet", "--dtdvalid", "tbx-2008/TBXcoreStructV02.dtd", file]);

function randomUnits(seed: number, n: number): XliffUnitInput[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    ar: randomArabic(r),
    en: r() < 0.25 ? null : randomEnglish(r),
    status: pick(r, SEGMENT_STATUS_LIST),
    ...(r() < 0.3
      ? {
          glossary: [
            {
              term: randomArabic(r),
              status: "preferred" as const,
              translations: [{ text: randomEnglish(r), status: "forbidden" as const }],
            },
          ],
          qa: [{ severity: "error" as const, message: randomEnglish(r) }],
          matches: [
            {
              ar: randomArabic(r),
              en: randomEnglish(r),
              score: Math.floor(r() * 10001) / 100,
              origin: "tm & <mt>",
            },
          ],
        }
      : {}),
  }));
}

const xliffText = (version: "1.2" | "2.0" | "2.1", units: XliffUnitInput[], emptyTargets: EmptyTargets) =>
  streamToString(toXliff(version, SAMPLE_DOC, units, { emptyTargets }));

describe("XLIFF exports validate", () => {
  const modes: EmptyTargets[] = ["omit", "empty", "source"];

  it.each(modes)("XLIFF 1.2 strict XSD (emptyTargets=%s), sample and random content", async (mode) => {
    expect(validateXliff12(save(await xliffText("1.2", SAMPLE_UNITS, mode), "xlf"))).toBe("");
    expect(validateXliff12(save(await xliffText("1.2", randomUnits(1, 200), mode), "xlf"))).toBe("");
  });

  it.each(modes)("XLIFF 2.0 core + matches + glossary XSDs (emptyTargets=%s)", async (mode) => {
    expect(validateXliff20(save(await xliffText("2.0", SAMPLE_UNITS, mode), "xlf"))).toBe("");
    expect(validateXliff20(save(await xliffText("2.0", randomUnits(2, 200), mode), "xlf"))).toBe("");
  });

  // jing starts a JVM per call (seconds each), so all 2.x documents go through one NVDL run.
  it("XLIFF 2.1 advanced validation (NVDL: XSDs and Schematron), every emptyTargets mode, and 2.0 too", async () => {
    const files: string[] = [];
    for (const mode of modes) {
      files.push(save(await xliffText("2.1", SAMPLE_UNITS, mode), "xlf"));
      files.push(save(await xliffText("2.1", randomUnits(3, 200), mode), "xlf"));
    }
    files.push(save(await xliffText("2.0", SAMPLE_UNITS, "source"), "xlf"));
    expect(validateXliff21(...files)).toBe("");
  }, 180_000);

  it("the validators do reject broken XLIFF", async () => {
    const v12 = await xliffText("1.2", SAMPLE_UNITS, "omit");
    expect(validateXliff12(save(v12.replace('state="final"', 'state="approved"'), "xlf"))).toContain(
      "approved",
    );
    const v20 = await xliffText("2.0", SAMPLE_UNITS, "omit");
    // Only a driver importing the modules catches a module error (the core XSD is lax there).
    expect(validateXliff20(save(v20.replace('<mtc:match ref="#1"', "<mtc:match"), "xlf"))).toContain("ref");
    const v21 = await xliffText("2.1", SAMPLE_UNITS, "omit");
    const badRef = save(v21.replace('ref="#1"', 'ref="#9"'), "xlf");
    const badId = save(v21.replace('<unit id="s3"', '<unit id="s 3"'), "xlf");
    const out = validateXliff21(badRef, badId);
    expect(out).toContain("'ref' attribute must point");
    expect(out).toContain(badId);
  }, 180_000);
});

/** Random units with inline codes of every kind (pairs, crossing pairs, isolated, placeholders, markers). */
function unitsWithCodes(seed: number, n: number, flavour: Flavour): XliffUnitInput[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const ar = randomArabic(r);
    const en = r() < 0.2 ? null : randomEnglish(r);
    return {
      id: i + 1,
      ar,
      en,
      status: pick(r, SEGMENT_STATUS_LIST),
      arCodes: randomContent(r, ar, flavour, "c").codes,
      enCodes: en === null ? [] : randomContent(r, en, flavour, "e").codes,
    };
  });
}

/** The CAT-tool fixtures as Diwan would store them: their units, segments and codes written again. */
const fixtureSegments = () => FIXTURES.flatMap(([, xml]) => storedSegments(xml));

describe("XLIFF exports with inline codes and imported segments validate", () => {
  it("1.2 strict XSD: g/x/bx/ex/ph/bpt/ept/it/mrk, seg-source with mrk segments", async () => {
    for (const mode of ["omit", "source"] as const) {
      expect(validateXliff12(save(await xliffText("1.2", unitsWithCodes(7, 300, "1.2"), mode), "xlf"))).toBe(
        "",
      );
      expect(validateXliff12(save(await xliffText("1.2", unitsWithCodes(8, 300, "2.x"), mode), "xlf"))).toBe(
        "",
      );
      expect(validateXliff12(save(await xliffText("1.2", fixtureSegments(), mode), "xlf"))).toBe("");
    }
  });

  it("2.0 XSDs and 2.1 NVDL (Schematron): pc/ph/sc/ec/mrk/sm/em/cp, originalData, segments and ignorables", async () => {
    const files20: string[] = [];
    const files21: string[] = [];
    for (const mode of ["omit", "empty"] as const) {
      for (const [seed, flavour] of [
        [9, "2.x"],
        [10, "1.2"],
      ] as const) {
        files20.push(save(await xliffText("2.0", unitsWithCodes(seed, 300, flavour), mode), "xlf"));
        files21.push(save(await xliffText("2.1", unitsWithCodes(seed, 300, flavour), mode), "xlf"));
      }
      files20.push(save(await xliffText("2.0", fixtureSegments(), mode), "xlf"));
      files21.push(save(await xliffText("2.1", fixtureSegments(), mode), "xlf"));
    }
    expect(validateXliff20(...files20)).toBe("");
    expect(validateXliff21(...files21)).toBe("");
  }, 180_000);
});

describe("TMX and TBX exports validate", () => {
  it("TMX 1.4b DTD with inline codes (bpt/ept, ph, it, hi)", async () => {
    const units = unitsWithCodes(11, 300, "tmx").flatMap((u) => (u.en === null ? [] : [{ ...u, en: u.en }]));
    expect(tmx14(save(await streamToString(writeTmx(units)), "tmx"))).toBe("");
  });

  it("TMX 1.4b DTD", async () => {
    const r = rng(5);
    const units = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      ar: randomArabic(r),
      en: randomEnglish(r),
      status: pick(r, SEGMENT_STATUS_LIST),
      changedAt: "2026-11-26T12:00:00.000Z",
      note: i % 10 === 0 ? randomEnglish(r) : null,
    }));
    const xml = await streamToString(writeTmx(units));
    expect(tmx14(save(xml, "tmx"))).toBe("");
    expect(tmx14(save(xml.replace(' srclang="ar"', ""), "tmx"))).toContain("srclang");
  });

  it("TBX v3: core RNG and TBX-Basic DCA Schematron", async () => {
    const xml = await streamToString(writeTbx(SAMPLE_GLOSSARY));
    expect(tbx3(save(xml, "tbx"))).toBe("");
    const broken = save(xml.replace("deprecatedTerm-admn-sts", "forbiddenTerm-admn-sts"), "tbx");
    const misplaced = save(
      xml
        .replace('<descrip type="subjectField">international organisations</descrip>', "")
        .replace(
          '<langSec xml:lang="en">',
          '<langSec xml:lang="en"><descrip type="subjectField">x</descrip>',
        ),
      "tbx",
    );
    const out = runValidator("jing", ["tbx-v3/TBX-Basic_DCA.sch", broken, misplaced]);
    expect(out).toContain("/administrativeStatus/ type may be");
    expect(out).toContain("/subjectField/ may only appear at level(s): conceptEntry");
  }, 180_000);

  it("TBX 2008 (MARTIF) DTD", async () => {
    const xml = await streamToString(writeTbx2008(SAMPLE_GLOSSARY));
    expect(tbx2008(save(xml, "tbx"))).toBe("");
    expect(tbx2008(save(xml.replace("<tig><term>", "<tig><note>x</note><term>"), "tbx"))).not.toBe("");
  });
});
