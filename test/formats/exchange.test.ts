import { describe, expect, it } from "vitest";
import { csvField, parseCsvRecords, parseGlossaryCsv, writeGlossaryCsv } from "../../src/formats/csv";
import { FormatError } from "../../src/formats/errors";
import type { ExportedEntry } from "../../src/formats/glossary-model";
import { GlossaryTsvError, parseGlossaryTsv, writeGlossaryTsv } from "../../src/formats/seed-tsv";
import { FORBIDDEN_NOTE, parseTbx, writeTbx, writeTbx2008 } from "../../src/formats/tbx";
import { parseTmx, type TmxUnitInput, writeTmx } from "../../src/formats/tmx";
import { streamToString } from "../../src/formats/xml-stream";
import type { KeyedEntry, Term } from "../../src/types";
import { pick, rng } from "../support/random";
import { marked } from "./marked";
import { randomArabic, randomEnglish, TERM_STATUS_LIST } from "./random";
import { SAMPLE_GLOSSARY } from "./samples";
import { thrown } from "./thrown";

/** Random glossary entries: random text in every field, all statuses, the five TBX-Basic parts of speech. */
function randomGlossary(seed: number, n: number): KeyedEntry[] {
  const r = rng(seed);
  const text = (f: (r: () => number) => string) => `${pick(r, ["T", "ت", "«"])}${f(r)}`.trim();
  const maybe = (f: (r: () => number) => string) => (r() < 0.4 ? null : text(f));
  const entries: KeyedEntry[] = [];
  for (let i = 0; i < n; i++) {
    const terms: Term[] = [];
    for (const lang of ["en", "ar"] as const) {
      const count = 1 + Math.floor(r() * 3);
      for (let k = 0; k < count; k++)
        terms.push({
          lang,
          text: `${text(lang === "ar" ? randomArabic : randomEnglish)}${k}`,
          status: k === 0 ? "preferred" : pick(r, TERM_STATUS_LIST),
          partOfSpeech: r() < 0.3 ? null : pick(r, ["noun", "verb", "adjective", "adverb", "other"]),
          note: maybe(randomEnglish),
        });
    }
    entries.push({
      key: `${i}-k${Math.floor(r() * 1e6)}`,
      domain: text(randomEnglish),
      definition: maybe(randomEnglish),
      note: maybe(randomArabic),
      source: maybe(randomEnglish),
      terms,
    });
  }
  return entries;
}

describe("TMX 1.4b", () => {
  it("round-trips random pairs with XML specials, bidi marks and line breaks", async () => {
    const r = rng(14);
    const units: TmxUnitInput[] = Array.from({ length: 300 }, (_, i) => ({
      id: i + 1,
      ar: randomArabic(r),
      en: randomEnglish(r),
      status: "translated",
    }));
    const xml = await streamToString(writeTmx(units));
    expect(xml).not.toContain("<!DOCTYPE");
    const tmx = parseTmx(xml);
    expect(tmx).toMatchObject({ version: "1.4", srcLang: "ar", skipped: 0 });
    expect(tmx.pairs.map((p) => ({ id: Number(p.tuid), ar: p.ar, en: p.en }))).toEqual(
      units.map((u) => ({ id: u.id, ar: u.ar, en: u.en })),
    );
    expect(tmx.pairs[0]!.props).toEqual({ "x-diwan-status": "translated" });
  });

  it("reads ar*/en* variants, legacy lang, inline codes, and skips pairs without both languages", () => {
    const xml = `<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" srclang="ar-SA" datatype="rtf"/>
<body>
<tu tuid="a"><prop type="x-client">UN</prop><tuv xml:lang="ar-SA"><seg>قال <bpt i="1">{\\b </bpt>الأمين<ept i="1">}</ept> العام<ph x="2">\\line</ph></seg></tuv><tuv xml:lang="EN-gb"><seg>The <bpt i="1">{\\b </bpt>Secretary<ept i="1">}</ept>-General said<ph x="2">\\line</ph></seg></tuv></tu>
<tu><tuv lang="AR"><seg>قديم</seg></tuv><tuv lang="en"><seg><hi type="b">Old</hi> style</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>بلا إنجليزية</seg></tuv><tuv xml:lang="fr"><seg>Sans anglais</seg></tuv></tu>
</body></tmx>`;
    const tmx = parseTmx(xml);
    expect(tmx.srcLang).toBe("ar-SA");
    expect(tmx.skipped).toBe(1);
    expect(tmx.skips).toEqual([{ tu: 3, tuid: null, reason: "no English variant (languages: ar, fr)" }]);
    expect(tmx.languages).toEqual({ "ar-SA": 1, "EN-gb": 1, AR: 1, en: 1, ar: 1, fr: 1 });
    expect(
      tmx.pairs.map((p) => ({
        tuid: p.tuid,
        ar: marked({ text: p.ar, codes: p.arCodes }, true),
        en: marked({ text: p.en, codes: p.enCodes }, true),
        props: p.props,
      })),
    ).toEqual([
      {
        tuid: "a",
        ar: "قال {1<{\\b >}الأمين{/1<}>} العام{2<\\line>/}",
        en: "The {1<{\\b >}Secretary{/1<}>}-General said{2<\\line>/}",
        props: { "x-client": "UN" },
      },
      { tuid: null, ar: "قديم", en: "[auto1Oldauto1] style", props: {} },
    ]);
    expect(tmx.pairs[1]!.enCodes[0]).toEqual({ kind: "open", id: "auto1", at: 0, marker: { type: "b" } });
  });

  it("refuses other documents", () => {
    expect(thrown(() => parseTmx('<xliff version="1.2"/>'), FormatError).code).toBe("wrong-root");
    expect(thrown(() => parseTmx('<tmx version="2.0"/>'), FormatError).code).toBe("wrong-version");
    expect(thrown(() => parseTmx('<tmx xmlns="urn:x" version="1.4"/>'), FormatError).code).toBe(
      "wrong-namespace",
    );
  });
});

describe("TBX", () => {
  // TBX groups terms by language (first appearance order), so compare with the terms grouped that way.
  const grouped = (e: KeyedEntry) => ({
    ...e,
    terms: [
      ...e.terms.filter((t) => t.lang === e.terms[0]!.lang),
      ...e.terms.filter((t) => t.lang !== e.terms[0]!.lang),
    ],
  });

  it.each([
    ["v3", writeTbx],
    ["2008", writeTbx2008],
  ] as const)("TBX %s round-trips random entries losslessly, forbidden included", async (flavour, write) => {
    const entries = randomGlossary(flavour === "v3" ? 3 : 2008, 150);
    const xml = await streamToString(write(entries));
    expect(xml).not.toContain("<!DOCTYPE");
    const tbx = parseTbx(xml);
    expect(tbx.flavour).toBe(flavour);
    expect(tbx.skippedTerms).toBe(0);
    expect(tbx.entries).toEqual(entries.map(grouped));
    expect(tbx.entries.flatMap((e) => e.terms).some((t) => t.status === "forbidden")).toBe(true);
  });

  it("maps forbidden to deprecatedTerm-admn-sts plus a marker note, and reads superseded as deprecated", async () => {
    const xml = await streamToString(writeTbx(SAMPLE_GLOSSARY));
    expect(xml).toContain(
      `<term>Council of Security</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote><termNote type="partOfSpeech">noun</termNote><note>calque</note><note>${FORBIDDEN_NOTE}</note>`,
    );
    expect(xml).toContain('<conceptEntry id="k-security-council">');
    expect(xml).toContain('<conceptEntry id="k-2state">');
    expect(xml).toContain('<conceptEntry id="e-77">');
    // A part of speech TBX-Basic does not know is written as "other".
    expect(xml).toContain(
      '<term>two-state solution</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><termNote type="partOfSpeech">other</termNote>',
    );
    const foreign = xml.replace(
      'deprecatedTerm-admn-sts</termNote><termNote type="partOfSpeech">noun</termNote><note>without',
      'supersededTerm-admn-sts</termNote><termNote type="partOfSpeech">noun</termNote><note>without',
    );
    const term = parseTbx(foreign).entries[0]!.terms.find((t) => t.text === "مجلس الامن");
    expect(term).toMatchObject({ status: "deprecated", note: "without hamza" });
  });

  it("reads other tools' TBX: langSec definitions, ntig, other languages skipped", () => {
    const xml = `<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="c1"><descripGrp><descrip type="subjectField">treaties</descrip></descripGrp>
<langSet xml:lang="en-US"><descrip type="definition">An <hi>agreement</hi>.</descrip><ntig><termGrp><term>treaty</term><termNote type="partOfSpeech">noun</termNote></termGrp></ntig></langSet>
<langSet xml:lang="fr"><tig><term>traité</term></tig></langSet>
<langSet xml:lang="ar"><tig><term>معاهدة</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet></termEntry>
</body></text></martif>`;
    expect(parseTbx(xml)).toEqual({
      flavour: "2008",
      dialect: "TBX",
      style: "dca",
      skippedTerms: 1,
      skipped: [],
      lines: [2],
      adjusted: [{ entry: "c1", line: 2, message: "terms in fr left out" }],
      notKept: {},
      entries: [
        {
          key: "c1",
          domain: "treaties",
          definition: "An agreement.",
          note: null,
          source: null,
          terms: [
            { lang: "en", text: "treaty", status: "admitted", partOfSpeech: "noun", note: null },
            { lang: "ar", text: "معاهدة", status: "preferred", partOfSpeech: null, note: null },
          ],
        },
      ],
    });
  });

  it("refuses other documents", () => {
    expect(
      thrown(() => parseTbx('<tbx xmlns="urn:x" type="TBX-Basic" style="dca"/>'), FormatError).code,
    ).toBe("wrong-namespace");
    expect(thrown(() => parseTbx('<tmx version="1.4"/>'), FormatError).code).toBe("wrong-root");
  });

  it("refuses an empty glossary (TBX needs at least one entry)", async () => {
    await expect(streamToString(writeTbx([] as ExportedEntry[]))).rejects.toMatchObject({
      code: "invalid-content",
    });
  });
});

describe("glossary CSV (RFC 4180)", () => {
  it("quotes only what needs quoting", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\r\nbreak")).toBe('"line\r\nbreak"');
    expect(csvField(null)).toBe("");
  });

  it("round-trips random entries with commas, quotes, line breaks and bidi marks", () => {
    const entries = randomGlossary(4180, 200).map((e) => ({ ...e, key: `k${e.key}` }));
    const csv = writeGlossaryCsv(entries);
    expect(csv.startsWith("\uFEFFkey,lang,status,term,pos,term_note,domain,definition,note,source\r\n")).toBe(
      true,
    );
    expect(parseGlossaryCsv(csv)).toEqual(entries);
  });

  it("reads what the TSV export writes, with the same columns and model", () => {
    const tsvEntries = parseGlossaryTsv(
      writeGlossaryTsv(
        randomGlossary(7, 20).map((e) => ({
          ...e,
          key: `k${e.key}`,
          terms: e.terms.map((t) => ({
            ...t,
            text: t.text.replace(/[\t\r\n]/g, " ").trim(),
            note: t.note?.replace(/[\t\r\n]/g, " ") ?? null,
          })),
          definition: e.definition?.replace(/[\t\r\n]/g, " ") ?? null,
          note: e.note?.replace(/[\t\r\n]/g, " ") ?? null,
          source: e.source?.replace(/[\t\r\n]/g, " ") ?? null,
          domain: e.domain.replace(/[\t\r\n]/g, " "),
        })),
      ),
    );
    expect(parseGlossaryCsv(writeGlossaryCsv(tsvEntries, { bom: false }))).toEqual(tsvEntries);
  });

  it("refuses malformed quoting with line and column", () => {
    const header = "key,lang,status,term,pos,term_note,domain,definition,note,source\n";
    const stray = thrown(() => parseCsvRecords(`${header}un,en,preferred,Un"ited,noun,,d,,,\n`), FormatError);
    expect(stray).toMatchObject({ code: "csv-malformed", line: 2, column: 19 });
    const open = thrown(
      () => parseCsvRecords(`${header}un,en,preferred,"United\nNations,noun,,d,,,\n`),
      FormatError,
    );
    expect(open).toMatchObject({ code: "csv-malformed", line: 2, column: 17 });
    const after = thrown(() => parseCsvRecords(`a,b\n"x"y,z\n`), FormatError);
    expect(after).toMatchObject({ code: "csv-malformed", line: 2, column: 4 });
  });

  it("counts lines inside quoted fields and reports row problems like the TSV import", () => {
    const csv =
      'key,lang,status,term,pos,term_note,domain,definition,note,source\r\nk1,en,preferred,A,noun,"two\r\nlines",d,,,\r\nk1,xx,preferred,B,,,,,,\r\n';
    const err = thrown(() => parseGlossaryCsv(csv), GlossaryTsvError);
    expect(err.problems).toContainEqual({ line: 4, field: "lang", message: '"xx" is not ar or en' });
  });
});
