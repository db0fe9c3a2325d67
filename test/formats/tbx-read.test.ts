// The lenient TBX reader against real termbases (test/fixtures/real/, SOURCES.tsv): TBX-Basic DCA and DCT of
// the same astronomy termbase, TBX-Min's usageStatus, MARTIF exports with line breaks in notes, entries with
// one language skipped one by one. Languages are re-labelled here as the corpus test does (es → ar).
import { describe, expect, it } from "vitest";
import { parseTbx, termStatusOf } from "../../src/formats/tbx-read";
import minGood from "../fixtures/real/ltac-tbx/TBX_test_files/min_good.tbx?raw";
import dca from "../fixtures/real/ltac-tbx/TBX-Basic_dialect/DCA/Example_Astronomy_DCA_VALID.tbx?raw";
import dct from "../fixtures/real/ltac-tbx/TBX-Basic_dialect/DCT/Example_Astronomy_DCT_VALID.tbx?raw";
import oracle from "../fixtures/real/okapi/oracle_TBX.tbx?raw";

const relabel = (xml: string, from: string) => xml.replaceAll(`xml:lang="${from}"`, 'xml:lang="ar"');

describe("TBX reader on real termbases", () => {
  it("reads TBX-Basic DCT style exactly as the same termbase in DCA style", () => {
    const a = parseTbx(relabel(dca, "es"));
    const t = parseTbx(relabel(dct, "es"));
    expect(a.style).toBe("dca");
    expect(t.style).toBe("dct");
    // The two files differ only in where some notes stand (language level in DCA, concept level in DCT).
    const noNotes = (r: typeof a) => r.entries.map((e) => ({ ...e, note: null }));
    expect(noNotes(t)).toEqual(noNotes(a));
    const withoutLines = (r: typeof a) => r.skipped.map(({ line: _, ...s }) => s);
    expect(withoutLines(t)).toEqual(withoutLines(a));
    expect(a.entries.length).toBeGreaterThan(30);
    // Line breaks inside definitions are kept as written.
    expect(a.entries.some((e) => e.definition?.includes("\n"))).toBe(true);
    // supersededTerm-admn-sts is deprecated.
    const galactic = a.entries.flatMap((e) => e.terms).find((x) => x.text === "galactic cluster");
    expect(galactic).toMatchObject({ lang: "en", status: "deprecated", partOfSpeech: "noun" });
  });

  it("skips entries without Arabic or English one by one, with the reason and line", () => {
    const r = parseTbx(relabel(dca, "es"));
    for (const s of r.skipped) expect(s.message).toMatch(/^no (Arabic|English)( and English)? term/);
    expect(r.entries.length + r.skipped.length).toBe((dca.match(/<conceptEntry /g) ?? []).length);
    const onlyEnglish = r.skipped.find((s) => s.message.startsWith("no Arabic"));
    expect(onlyEnglish?.line).toBeGreaterThan(1);
  });

  it("reads TBX-Min usageStatus as term status", () => {
    const r = parseTbx(relabel(minGood, "es"));
    const c1 = r.entries.find((e) => e.key === "c1")!;
    expect(c1.domain).toBe("General");
    expect(c1.terms.find((x) => x.text === "open cluster")?.status).toBe("preferred");
    expect(c1.terms.find((x) => x.text === "galactic cluster")).toMatchObject({
      status: "deprecated",
      note: expect.stringContaining("\n"),
    });
  });

  it("counts what Diwan does not keep and keeps notes with line breaks", () => {
    const r = parseTbx(relabel(oracle, "fr-FR").replaceAll('xml:lang="en-US"', 'xml:lang="en"'));
    expect(r.flavour).toBe("2008");
    expect(Object.keys(r.notKept).length).toBeGreaterThan(0);
    expect(r.entries.length + r.skipped.length).toBe(2);
  });

  it("gives entries without a subject field the default domain, trims terms and reports both", () => {
    const xml = `<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1"><langSet xml:lang="en"><tig><term>  treaty </term></tig></langSet>
<langSet xml:lang="ar"><tig><term>معاهدة</term><termNote type="normativeAuthorization">preferredTerm</termNote></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>only English</term></tig></langSet></termEntry>
</body></text></martif>`;
    const r = parseTbx(xml, { defaultDomain: "treaties" });
    expect(r.entries).toEqual([
      {
        key: "t1",
        domain: "treaties",
        definition: null,
        note: null,
        source: null,
        terms: [
          { lang: "en", text: "treaty", status: "admitted", partOfSpeech: null, note: null },
          { lang: "ar", text: "معاهدة", status: "preferred", partOfSpeech: null, note: null },
        ],
      },
    ]);
    expect(r.adjusted).toEqual([
      { entry: "t1", line: 2, message: 'term "treaty" (en) trimmed of surrounding white space' },
      { entry: "t1", line: 2, message: 'no subject field: domain "treaties"' },
    ]);
    expect(r.skipped).toEqual([
      { entry: "#2", line: 4, message: "no Arabic term (languages with terms: en)" },
    ]);
  });

  it("skips an entry whose term section holds two terms, naming them; the entry's other terms are not guessed", () => {
    const tbx = `<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>galactic cluster</term><term>Second term</term><note>n</note></termSec></langSec><langSec xml:lang="ar"><termSec><term>عنقود مجري</term></termSec></langSec></conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="en"><termSec><term>star</term></termSec></langSec><langSec xml:lang="ar"><termSec><term>نجم</term></termSec></langSec></conceptEntry>
</body></text></tbx>`;
    const r = parseTbx(tbx);
    expect(r.entries.map((e) => e.terms.map((t) => t.text))).toEqual([["star", "نجم"]]);
    expect(r.skipped).toEqual([
      {
        entry: "c1",
        line: 2,
        message:
          'a term section holds more than one term ("galactic cluster", "Second term"): a term section is one term with its own notes and status',
      },
    ]);
  });

  it.each([
    ["preferredTerm-admn-sts", "preferred"],
    ["standardizedTerm-admn-sts", "preferred"],
    ["admittedTerm-admn-sts", "admitted"],
    ["legalTerm-admn-sts", "admitted"],
    ["deprecatedTerm-admn-sts", "deprecated"],
    ["supersededTerm-admn-sts", "deprecated"],
    ["preferredTerm", "preferred"],
    ["deprecatedTerm", "deprecated"],
    ["preferred", "preferred"],
    ["notRecommended", "deprecated"],
    ["obsolete", "deprecated"],
    ["forbidden", "forbidden"],
    ["Forbidden", "forbidden"],
    ["unknownValue", null],
  ] as const)("status %s reads as %s", (value, status) => {
    expect(termStatusOf(value)).toBe(status);
  });
});
