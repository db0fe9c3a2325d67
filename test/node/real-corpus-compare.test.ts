// The comparison that classifies corpus files: each difference class is found when it is there, and nothing
// is reported for a faithful export (so a clean verdict on the corpus means something).
import { describe, expect, it } from "vitest";
import { compareTmx, compareXliff } from "../support/real-corpus/compare";
import { compareTbx } from "../support/real-corpus/compare-glossary";
import { readCorpusFile } from "../support/real-corpus/read";

const reading = (xml: string, name = "f.xlf") => readCorpusFile(new TextEncoder().encode(xml), name).reading;

function xliff(...units: string[]) {
  const r = reading(
    `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" target-language="en" datatype="plaintext" original="x"><body>${units.join("")}</body></file></xliff>`,
  );
  if (r.format !== "xliff") throw new Error(r.format);
  return r;
}
const tu = (source: string, target?: string, extra = "") =>
  `<trans-unit id="u">${extra}<source>${source}</source>${target === undefined ? "" : `<target>${target}</target>`}</trans-unit>`;
const classes = (a: ReturnType<typeof xliff>, b: ReturnType<typeof xliff>) => [...compareXliff(a, b)].sort();

describe("XLIFF comparison", () => {
  const original = xliff(
    tu('قال <g id="1">الوزير</g> <x id="2"/>', 'said <g id="1">the minister</g> <x id="2"/>'),
    tu("نص"),
  );

  it("reports nothing for the same content", () => {
    expect(classes(original, original)).toEqual([]);
  });

  it("finds lost codes, changed positions and ids, lost targets and units", () => {
    expect(classes(original, xliff(tu("قال الوزير ", "said the minister "), tu("نص")))).toEqual([
      "codes-lost",
    ]);
    expect(
      classes(
        original,
        xliff(
          tu('قال <g id="1">الوزير </g><x id="2"/>', 'said <g id="1">the minister</g> <x id="2"/>'),
          tu("نص"),
        ),
      ),
    ).toEqual(["codes-differ"]);
    expect(
      classes(
        original,
        xliff(
          tu('قال <g id="7">الوزير</g> <x id="2"/>', 'said <g id="7">the minister</g> <x id="2"/>'),
          tu("نص"),
        ),
      ),
    ).toEqual(["code-ids-differ"]);
    expect(classes(original, xliff(tu('قال <g id="1">الوزير</g> <x id="2"/>'), tu("نص")))).toEqual([
      "target-lost",
    ]);
    expect(
      classes(
        original,
        xliff(tu('قال <g id="1">الوزير</g> <x id="2"/>', 'said <g id="1">the minister</g> <x id="2"/>')),
      ),
    ).toEqual(["units-lost"]);
    expect(classes(xliff(tu('<x id="1"/>'), tu("نص")), xliff(tu("نص")))).toEqual(["code-only-units-lost"]);
  });

  it("finds text differences byte for byte and merged segments", () => {
    expect(classes(xliff(tu("نص  ")), xliff(tu("نص ")))).toEqual(["source-text-differs"]);
    const segmented = xliff(
      `<trans-unit id="1"><source>أ. ب.</source><seg-source><mrk mtype="seg" mid="1">أ.</mrk> <mrk mtype="seg" mid="2">ب.</mrk></seg-source><target><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></target></trans-unit>`,
    );
    expect(classes(segmented, xliff(tu("أ. ب.", "A. B.")))).toEqual(["segments-merged"]);
  });

  it("names documented differences: notes, alt-trans, blank units, copied targets", () => {
    const withNote = xliff(tu("نص", "text", "<note>n</note>"), tu(" "));
    expect(classes(withNote, xliff(tu("نص", "text")))).toEqual(["blank-units-not-kept", "notes-not-kept"]);
    expect(classes(xliff(tu("نص", "نص")), xliff(tu("نص")))).toEqual(["copy-target-not-kept"]);
  });

  it("names the writers' documented conversions only when nothing else of the code changed", () => {
    const bx = xliff(
      tu(
        'قال <bx id="b1-1" rid="b1"/>الوزير<ex id="b1-2" rid="b1"/>',
        'said <bx id="b1-1" rid="b1"/>x<ex id="b1-2" rid="b1"/>',
      ),
    );
    expect(classes(bx, xliff(tu('قال <g id="b1">الوزير</g>', 'said <g id="b1">x</g>')))).toEqual([
      "bx-ex-written-as-g",
      "rid-as-id",
    ]);
    // Another id than the rid, or another position: not that conversion.
    expect(classes(bx, xliff(tu('قال <g id="b2">الوزير</g>', 'said <g id="b2">x</g>')))).toEqual([
      "bx-ex-written-as-g",
      "code-ids-differ",
    ]);
    expect(classes(bx, xliff(tu('قال <g id="b1">الوزي</g>ر', 'said <g id="b1">x</g>')))).toEqual([
      "bx-ex-written-as-g",
      "codes-differ",
      "rid-as-id",
    ]);
    const marker = xliff(tu('<mrk mtype="protected" mid="7">أ</mrk> ب'));
    expect(classes(marker, xliff(tu('<mrk mtype="protected">أ</mrk> ب')))).toEqual(["marker-mid-not-kept"]);
    expect(
      classes(xliff(tu('أ <mrk mtype="x-a">ب</mrk>')), xliff(tu('أ <mrk mtype="x-a" mid="1">ب</mrk>'))),
    ).toEqual(["id-generated"]);
    // A native code changed in the conversion is still a loss.
    const bpt = xliff(tu('أ <bpt id="1">&lt;b&gt;</bpt>ب<ept id="1">&lt;/b&gt;</ept>'));
    expect(
      classes(
        bpt,
        xliff(tu('أ <it id="1" pos="open">&lt;b&gt;</it>ب<it id="1" pos="close">&lt;/b&gt;</it>')),
      ),
    ).toEqual(["bpt-ept-written-as-it"]);
    expect(
      classes(
        bpt,
        xliff(tu('أ <it id="1" pos="open">&lt;i&gt;</it>ب<it id="1" pos="close">&lt;/b&gt;</it>')),
      ),
    ).toEqual(["bpt-ept-written-as-it", "code-data-differs"]);
  });

  it("names XLIFF 2 sc/ec written as pc and back, with the same ids, positions and data", () => {
    const x2 = (body: string) => {
      const r = reading(
        `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData><segment><source>${body}</source></segment></unit></file></xliff>`,
      );
      if (r.format !== "xliff") throw new Error(r.format);
      return r;
    };
    const sc = x2('أ <sc id="1" dataRef="d1"/>ب<ec startRef="1" dataRef="d2"/>');
    const pc = x2('أ <pc id="1" dataRefStart="d1" dataRefEnd="d2">ب</pc>');
    expect([...compareXliff(sc, pc)]).toEqual(["sc-ec-written-as-pc"]);
    expect([...compareXliff(pc, sc)]).toEqual(["pc-written-as-sc-ec"]);
    expect([...compareXliff(sc, x2('أ <pc id="1" dataRefStart="d2" dataRefEnd="d2">ب</pc>'))].sort()).toEqual(
      ["code-data-differs", "sc-ec-written-as-pc"],
    );
    expect([...compareXliff(sc, x2('أ <pc id="2" dataRefStart="d1" dataRefEnd="d2">ب</pc>'))].sort()).toEqual(
      ["code-ids-differ", "sc-ec-written-as-pc"],
    );
  });

  it("does not take a target of the source's codes alone for a translation (Trados untranslated)", () => {
    expect(classes(xliff(tu('أ <x id="1"/>', '<x id="1"/>')), xliff(tu('أ <x id="1"/>')))).toEqual([]);
  });
});

describe("TMX comparison", () => {
  const tmx = (...tus: string[]) => {
    const r = reading(
      `<tmx version="1.4"><header srclang="ar" segtype="sentence" datatype="plaintext" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>${tus.join("")}</body></tmx>`,
      "f.tmx",
    );
    if (r.format !== "tmx") throw new Error(r.format);
    return r;
  };
  const tuOf = (ar: string, en: string) =>
    `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
  const file = tmx(
    tuOf('أ <ph x="1">&lt;br/&gt;</ph>', 'A <ph x="1">&lt;br/&gt;</ph>'),
    tuOf("XXX", "XXX"),
    tuOf("XXx", "XXx"),
  );

  it("finds every pair of the file in the export, with its codes, and checks the import's counts", () => {
    expect([...compareTmx(file, { imported: 3, duplicates: 0, skipped: 0 }, file)]).toEqual([]);
    const exported = tmx(tuOf("أ ", "A "), tuOf("XXX", "XXX"));
    expect([...compareTmx(file, { imported: 2, duplicates: 1, skipped: 0 }, exported)].sort()).toEqual([
      "case-variant-merged",
      "codes-lost",
    ]);
    const spaced = tmx(
      tuOf('أ <ph x="1">&lt;br/&gt;</ph>', 'A <ph x="1">&lt;br/&gt;</ph>'),
      tuOf("XXX", "XXX"),
      tuOf("XXx ", "XXx"),
    );
    expect([...compareTmx(file, { imported: 3, duplicates: 0, skipped: 0 }, spaced)]).toEqual([
      "whitespace-variant-merged",
    ]);
    expect(
      [...compareTmx(file, { imported: 3, duplicates: 0, skipped: 0 }, tmx(tuOf("XXX", "XXX")))].sort(),
    ).toEqual(["case-variant-merged", "pairs-lost"]);
    expect([...compareTmx(file, { imported: 2, duplicates: 0, skipped: 1 }, file)].sort()).toEqual([
      "pair-count-differs",
      "skipped-count-differs",
    ]);
  });
});

describe("TMX code ids", () => {
  const tmx = (ar: string, en: string) => {
    const r = reading(
      `<tmx version="1.4"><header srclang="ar" segtype="sentence" datatype="plaintext" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu></body></tmx>`,
      "f.tmx",
    );
    if (r.format !== "tmx") throw new Error(r.format);
    return r;
  };
  const counts = { imported: 1, duplicates: 0, skipped: 0 };
  const b = (i: number, x: number, word: string) =>
    `<bpt i="${i}" x="${x}">&lt;b&gt;</bpt>${word}<ept i="${i}">&lt;/b&gt;</ept>`;

  it("names bpt/ept pairs numbered again in order (same pairing, same x), and nothing else", () => {
    const file = tmx(`أ ${b(2, 2, "ب")} ${b(1, 1, "ج")}`, "a");
    expect([...compareTmx(file, counts, tmx(`أ ${b(1, 2, "ب")} ${b(2, 1, "ج")}`, "a"))]).toEqual([
      "tmx-i-renumbered",
    ]);
    // Another x (the identity across languages): not a renumbering.
    expect([...compareTmx(file, counts, tmx(`أ ${b(1, 1, "ب")} ${b(2, 2, "ج")}`, "a"))]).toEqual([
      "code-ids-differ",
    ]);
    // Pairing changed (both opens share one i): not a renumbering.
    const crossed = tmx(
      `أ <bpt i="1" x="2">&lt;b&gt;</bpt>ب<ept i="1">&lt;/b&gt;</ept> <bpt i="1" x="1">&lt;b&gt;</bpt>ج<ept i="2">&lt;/b&gt;</ept>`,
      "a",
    );
    expect([...compareTmx(file, counts, crossed)]).toEqual(["code-ids-differ"]);
    const ut = tmx("أ <ut>{\\b}</ut>", "a");
    expect([...compareTmx(ut, counts, tmx("أ <ph>{\\b}</ph>", "a"))]).toEqual(["ut-written-as-ph"]);
    expect([...compareTmx(ut, counts, tmx("أ <ph>{\\i}</ph>", "a"))].sort()).toEqual([
      "code-data-differs",
      "ut-written-as-ph",
    ]);
  });
});

describe("TBX comparison", () => {
  const tbx = (entries: string) => {
    const r = reading(
      `<martif type="TBX" xml:lang="en"><text><body>${entries}</body></text></martif>`,
      "f.tbx",
    );
    if (r.format !== "tbx") throw new Error(r.format);
    return r;
  };
  const entry = (ar: string, en: string, extra = "", status = "preferredTerm-admn-sts") =>
    `<termEntry>${extra}<langSet xml:lang="ar"><tig><term>${ar}</term></tig></langSet><langSet xml:lang="en"><tig><term>${en}</term><termNote type="administrativeStatus">${status}</termNote></tig></langSet></termEntry>`;
  const subject = '<descrip type="subjectField">diplomacy</descrip>';

  it("matches entries by their ar/en terms and compares statuses, definitions, domains", () => {
    const file = tbx(entry("سفير", "ambassador", `${subject}<descrip type="definition">a\nb</descrip>`));
    expect([...compareTbx(file, file)]).toEqual([]);
    expect(
      [...compareTbx(file, tbx(entry("سفير", "ambassador", subject, "deprecatedTerm-admn-sts")))].sort(),
    ).toEqual(["definition-lost", "term-status-differs"]);
    expect([...compareTbx(file, tbx(entry("سفير", "envoy", subject)))]).toEqual(["entries-lost"]);
    expect([
      ...compareTbx(tbx(entry(" سفير ", "ambassador", subject)), tbx(entry("سفير", "ambassador", subject))),
    ]).toEqual(["terms-trimmed"]);
  });

  it("counts a missing entry as documented only when the import's answer lists it, for the right reason", () => {
    const both = tbx(entry("سفير", "ambassador", subject));
    const file = tbx(
      `${entry("سفير", "ambassador", subject)}<termEntry id="e2">${subject}<langSet xml:lang="en"><tig><term>envoy</term></tig></langSet></termEntry>`,
    );
    const skipped = (message: string) => ({
      skipped: [{ entry: "e2", line: 1, message }],
      adjusted: [],
      notKept: [],
    });
    expect([...compareTbx(file, both)]).toEqual(["one-language-entries-lost"]);
    expect([...compareTbx(file, both, skipped("no Arabic term (languages with terms: en)"))]).toEqual([
      "one-language-entries-skipped",
    ]);
    // An entry with both languages skipped although the independent reader sees nothing wrong with it.
    const fine = tbx(
      `${entry("سفير", "ambassador", subject)}${entry("قنصل", "consul", subject).replace("<termEntry>", '<termEntry id="e2">')}`,
    );
    expect([...compareTbx(fine, both, skipped("whatever"))]).toEqual(["entries-skipped"]);
    const twoTerms = tbx(
      `${entry("سفير", "ambassador", subject)}${entry("قنصل", "consul", subject).replace("<termEntry>", '<termEntry id="e2">').replace("<term>consul</term>", "<term>consul</term><term>x</term>")}`,
    );
    expect([...compareTbx(twoTerms, both, skipped("a term section holds more than one term"))]).toEqual([
      "defective-entries-skipped",
    ]);
  });

  it("a repeated term stored once is documented only when the answer says so for that entry", () => {
    const repeated = tbx(
      entry("سفير", "ambassador", subject)
        .replace("<termEntry>", '<termEntry id="e1">')
        .replace("</langSet><langSet", "<tig><term>سفير</term></tig></langSet><langSet"),
    );
    const once = tbx(entry("سفير", "ambassador", subject));
    expect([...compareTbx(repeated, once)]).toEqual(["entries-lost"]);
    const answer = {
      skipped: [],
      adjusted: [{ entry: "e1", line: 1, message: 'term "سفير" (ar) appears twice: the second left out' }],
      notKept: [],
    };
    expect([...compareTbx(repeated, once, answer)]).toEqual(["repeated-terms-kept-once"]);
  });
});
