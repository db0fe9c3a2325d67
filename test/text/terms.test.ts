import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseGlossaryTsv } from "../../src/formats/seed-tsv";
import { normalizeForSearch } from "../../src/text/normalize";
import { buildTermMatcher, recognizeTerms, type TermEntryInput, type TermMatch } from "../../src/text/terms";
import type { Lang } from "../../src/types";
import { loadSeedGlossary } from "../fixtures/glossary";

const ENTRIES: TermEntryInput[] = [
  {
    id: 1,
    terms: [
      { lang: "en", text: "BRICS", status: "preferred" },
      { lang: "ar", text: "بريكس", status: "preferred" },
      { lang: "ar", text: "البريكس", status: "admitted" },
    ],
  },
  {
    id: 2,
    terms: [
      { lang: "en", text: "national security adviser", status: "preferred" },
      { lang: "en", text: "national security advisor", status: "admitted" },
      { lang: "ar", text: "مستشار الأمن الوطني", status: "preferred" },
    ],
  },
  { id: 3, terms: [{ lang: "ar", text: "الأمن الوطني", status: "preferred" }] },
  { id: 4, terms: [{ lang: "ar", text: "التعددية", status: "preferred" }] },
  { id: 5, terms: [{ lang: "ar", text: "مجموعة", status: "preferred" }] },
  { id: 6, terms: [{ lang: "ar", text: "الأعضاء", status: "preferred" }] },
  { id: 7, terms: [{ lang: "ar", text: "الأمن", status: "preferred" }] },
  {
    id: 8,
    terms: [
      { lang: "ar", text: "الأمم المتحدة", status: "preferred" },
      { lang: "ar", text: "الامم المتحدة", status: "forbidden" },
      { lang: "en", text: "United Nations", status: "preferred" },
      { lang: "en", text: "UN", status: "admitted" },
    ],
  },
  {
    id: 9,
    terms: [
      { lang: "en", text: "South-South cooperation", status: "preferred" },
      { lang: "ar", text: "تعاون الجنوب-الجنوب", status: "preferred" },
    ],
  },
  { id: 10, terms: [{ lang: "en", text: "developing country", status: "preferred" }] },
  { id: 11, terms: [{ lang: "en", text: "Security Council", status: "preferred" }] },
  { id: 12, terms: [{ lang: "ar", text: "بالغ", status: "preferred" }] },
  { id: 13, terms: [{ lang: "ar", text: "غ", status: "preferred" }] },
  { id: 14, terms: [{ lang: "en", text: "WHO", status: "admitted" }] },
  {
    id: 15,
    terms: [
      {
        lang: "en",
        text: "United Nations Educational, Scientific and Cultural Organization",
        status: "preferred",
      },
    ],
  },
  { id: 16, terms: [{ lang: "en", text: "G-20", status: "preferred" }] },
  { id: 17, terms: [{ lang: "ar", text: "لجنة", status: "preferred" }] },
];
const matcher = buildTermMatcher(ENTRIES);

function find(text: string, lang: Lang): TermMatch[] {
  const hits = recognizeTerms(matcher, text, lang);
  for (const h of hits) {
    expect(text.slice(h.start, h.end)).toBe(h.surface);
    expect(h.lang).toBe(lang);
  }
  return hits;
}
const primary = (hits: TermMatch[]) => hits.filter((h) => h.nestedIn === null);
const bySurface = (hits: TermMatch[]) => hits.map((h) => [h.surface, h.entryId, h.nestedIn]);

describe("recognizeTerms: Arabic clitics and inflection", () => {
  it.each([
    ["والتعددية", 4],
    ["للتعددية", 4],
    ["لمجموعة", 5],
    ["بالمجموعة", 5],
    ["مجموعات", 5],
    ["لمجموعتها", 5],
    ["بالأعضاء", 6],
    ["وللأعضاء", 6],
    ["فالأمن", 7],
    ["أمنهم", 7],
    ["والبريكس", 1],
    ["لبريكس", 1],
  ])("finds %s (entry %i)", (word, id) => {
    const hits = find(`قال إن ${word} مهم`, "ar");
    expect(bySurface(hits)).toEqual([[word, id, null]]);
  });

  it.each([["مستشاري"], ["مستشارو"], ["ومستشاري"], ["المستشارين"]])(
    "inflects the first word of a multi-word term: %s",
    (w) => {
      const text = `حضر ${w} الأمن الوطني الاجتماع`;
      const hits = find(text, "ar");
      const main = primary(hits);
      expect(main).toHaveLength(1);
      expect(main[0]).toMatchObject({
        entryId: 2,
        surface: `${w} الأمن الوطني`,
        termText: "مستشار الأمن الوطني",
      });
    },
  );

  it("reports shorter terms inside the longest match as nested, once each", () => {
    const hits = find("ومستشاري الأمن الوطني في مجموعة بريكس", "ar");
    expect(bySurface(hits)).toEqual([
      ["ومستشاري الأمن الوطني", 2, null],
      ["الأمن الوطني", 3, 2],
      ["الأمن", 7, 2],
      ["مجموعة", 5, null],
      ["بريكس", 1, null],
    ]);
    const keys = hits.map((h) => `${h.start}:${h.end}:${h.entryId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("matches across hamza variants, diacritics and tatweel in the text", () => {
    for (const text of ["مستشار الامن الوطني", "مُسْتَشَارُ الأَمْنِ الوَطَنِيِّ", "مستشـــار الأمـــن الوطنـي"]) {
      const main = primary(find(text, "ar"));
      expect(main.map((h) => [h.entryId, h.start, h.end])).toEqual([[2, 0, text.length]]);
    }
  });

  it("finds terms written with or without the article", () => {
    expect(primary(find("الأمم المتحدة", "ar"))[0]?.entryId).toBe(8);
    expect(primary(find("أمم متحدة", "ar"))[0]?.entryId).toBe(8);
    expect(primary(find("للأمم المتحدة", "ar"))[0]?.entryId).toBe(8);
  });

  it("flags the forbidden spelling, and only where it is written", () => {
    const [ok] = find("الأمم المتحدة", "ar");
    const [bad] = find("الامم المتحدة", "ar");
    const [badClitic] = find("للامم المتحدة", "ar");
    expect(ok).toMatchObject({ entryId: 8, status: "preferred", termText: "الأمم المتحدة" });
    expect(bad).toMatchObject({ entryId: 8, status: "forbidden", termText: "الامم المتحدة" });
    expect(badClitic).toMatchObject({ entryId: 8, status: "forbidden" });
  });

  it("prefers the glossary spelling closest to the text among one entry's terms", () => {
    expect(find("البريكس", "ar")[0]).toMatchObject({ termText: "البريكس", status: "admitted" });
    expect(find("بريكس", "ar")[0]).toMatchObject({ termText: "بريكس", status: "preferred" });
  });

  it("does not match a longer different word that contains the term", () => {
    expect(find("خروج بريكست", "ar")).toEqual([]);
    expect(find("بريكستي", "ar")).toEqual([]);
  });

  it("does not treat the nisba adjective الأمنية/الأمني as الأمن", () => {
    expect(find("التهديدات الأمنية", "ar")).toEqual([]);
    expect(find("الوضع الأمني", "ar")).toEqual([]);
  });

  it("does not over-strip short words", () => {
    const hits = find("هذا أمر بالغ الأهمية", "ar");
    expect(bySurface(hits)).toEqual([["بالغ", 12, null]]);
  });

  it("matches a hyphenated Arabic term across hyphen variants", () => {
    for (const text of ["لتعاون الجنوب-الجنوب", "تعاون الجنوب – الجنوب", "تعاون الجنوب الجنوب"])
      expect(primary(find(text, "ar")).map((h) => h.entryId)).toEqual([9]);
  });

  it("does not join words across punctuation or paragraphs (one line break is a space)", () => {
    expect(primary(find("مستشار. الأمن الوطني", "ar")).map((h) => h.entryId)).toEqual([3]);
    expect(primary(find("الأمم\n\nالمتحدة", "ar"))).toEqual([]);
    expect(primary(find("الأمم\nالمتحدة", "ar")).map((h) => h.entryId)).toEqual([8]);
  });

  it("offsets slice back to the surface in text with diacritics and surrogate pairs", () => {
    const text = "😀 وَالتَّعَدُّدِيَّةُ، 𝒳 لِلْأُمَمِ المُتَّحِدَةِ";
    const hits = find(text, "ar");
    expect(hits.map((h) => h.surface)).toEqual(["وَالتَّعَدُّدِيَّةُ", "لِلْأُمَمِ المُتَّحِدَةِ"]);
  });
});

describe("recognizeTerms: English", () => {
  it.each([
    ["The national security advisers met.", "national security advisers", 2],
    ["The national security adviser's office", "national security adviser's", 2],
    ["All developing countries' votes", "developing countries", 10],
    ["the Security Council's resolution", "Security Council's", 11],
    ["SECURITY COUNCIL", "SECURITY COUNCIL", 11],
  ])("%s", (text, surface, id) => {
    expect(primary(find(text, "en")).map((h) => [h.surface, h.entryId])).toEqual([[surface, id]]);
  });

  it("matches hyphen, en-dash and space variants", () => {
    for (const text of ["South-South cooperation", "South–South cooperation", "south south Cooperation"])
      expect(primary(find(text, "en")).map((h) => h.entryId)).toEqual([9]);
    expect(primary(find("the G20 and the G-20", "en")).map((h) => h.entryId)).toEqual([16, 16]);
  });

  it("matches on word boundaries only", () => {
    expect(find("BRICSLAND and subrics", "en")).toEqual([]);
  });

  it("keeps short acronyms case-sensitive", () => {
    expect(find("who said this to us and to the un?", "en")).toEqual([]);
    expect(bySurface(find("The WHO and the UN", "en"))).toEqual([
      ["WHO", 14, null],
      ["UN", 8, null],
    ]);
  });

  it("continues across a comma only where the term has one", () => {
    const t = "the United Nations Educational, Scientific and Cultural Organization";
    expect(primary(find(t, "en")).map((h) => h.entryId)).toEqual([15]);
    expect(bySurface(find("United Nations, Educational", "en"))).toEqual([["United Nations", 8, null]]);
  });

  it("only reports terms of the requested language", () => {
    expect(find("BRICS بريكس", "ar").map((h) => h.surface)).toEqual(["بريكس"]);
    expect(find("BRICS بريكس", "en").map((h) => h.surface)).toEqual(["BRICS"]);
  });
});

describe("recognizeTerms: overlaps", () => {
  it("prefers the longest, then the leftmost of overlapping matches", () => {
    const m = buildTermMatcher([
      { id: 1, terms: [{ lang: "en", text: "human rights", status: "preferred" }] },
      { id: 2, terms: [{ lang: "en", text: "rights council", status: "preferred" }] },
      { id: 3, terms: [{ lang: "en", text: "human rights council", status: "preferred" }] },
      { id: 4, terms: [{ lang: "en", text: "council member", status: "preferred" }] },
    ]);
    const hits = recognizeTerms(m, "human rights council members", "en");
    expect(hits.map((h) => [h.surface, h.entryId, h.nestedIn])).toEqual([
      ["human rights council", 3, null],
      ["human rights", 1, 3],
      ["rights council", 2, 3],
    ]);
    const two = recognizeTerms(m, "rights council member", "en");
    expect(two.map((h) => [h.surface, h.entryId])).toEqual([["rights council", 2]]);
  });

  it("of two entries on the same span, reports the reading spelt like the text, then of the better status, as primary and the other nested in it", () => {
    const m = buildTermMatcher([
      { id: 1, terms: [{ lang: "ar", text: "مجلس", status: "preferred" }] },
      { id: 2, terms: [{ lang: "ar", text: "المجلس", status: "admitted" }] },
      { id: 3, terms: [{ lang: "ar", text: "البيان المشترك", status: "admitted" }] },
      { id: 4, terms: [{ lang: "ar", text: "البيان المشترك", status: "preferred" }] },
      { id: 5, terms: [{ lang: "ar", text: "الوسيط", status: "admitted" }] },
      { id: 6, terms: [{ lang: "ar", text: "الوسيط", status: "admitted" }] },
    ]);
    const read = (text: string) => recognizeTerms(m, text, "ar").map((h) => [h.entryId, h.nestedIn]);
    expect(read("في المجلس")).toEqual([
      [1, 2],
      [2, null],
    ]);
    expect(read("في مجلس")).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect(read("البيان المشترك")).toEqual([
      [3, 4],
      [4, null],
    ]);
    // The text cannot choose: two primaries.
    expect(read("الوسيط")).toEqual([
      [5, null],
      [6, null],
    ]);
  });

  it("handles a long text, and short texts after it", () => {
    const filler = "كلام عادي بلا مصطلحات. ".repeat(4000);
    const text = `${filler}وقال مستشارو الأمن الوطني`;
    const main = primary(find(text, "ar"));
    expect(main.map((h) => [h.entryId, h.start, h.surface])).toEqual([
      [2, text.indexOf("مستشارو"), "مستشارو الأمن الوطني"],
    ]);
    expect(bySurface(find("والتعددية", "ar"))).toEqual([["والتعددية", 4, null]]);
  });

  it("returns nothing for an empty glossary or text", () => {
    expect(recognizeTerms(buildTermMatcher([]), "بريكس", "ar")).toEqual([]);
    expect(recognizeTerms(matcher, "", "ar")).toEqual([]);
  });
});

/** A primary hit, or an alternative reading of the same span (nested in the primary there). */
function isReading(h: TermMatch, hits: TermMatch[]): boolean {
  return (
    h.nestedIn === null ||
    hits.some(
      (o) => o.nestedIn === null && o.entryId === h.nestedIn && o.start === h.start && o.end === h.end,
    )
  );
}

describe("recognizeTerms with the seed glossary", () => {
  const seed = parseGlossaryTsv(env.SEED_TSV);
  const entries = seed.map((e, i) => ({ id: i + 1, terms: e.terms }));
  const seedMatcher = buildTermMatcher(entries);
  /** A term whose note declares `sense needs:` (glossary/README.md, "Declared senses") counts only beside
   * one of those words: its text is followed by the first of them. */
  const withEvidence = (t: { text: string; note: string | null }, text = t.text) => {
    const needed = /sense needs:\s*([^;.,،]+)/.exec(t.note ?? "")?.[1]?.trim();
    return needed ? `${text}، ${needed}` : text;
  };

  it("finds every seed term in its own text as a primary hit of its entry, spanning it all", () => {
    expect(entries.length).toBeGreaterThan(0);
    const missed: string[] = [];
    for (const e of entries)
      for (const t of e.terms) {
        const hits = recognizeTerms(seedMatcher, withEvidence(t), t.lang);
        const ok = hits.some(
          (h) => h.entryId === e.id && isReading(h, hits) && h.start === 0 && h.end === t.text.length,
        );
        if (!ok) missed.push(`${t.lang}:${t.text}`);
      }
    expect(missed).toEqual([]);
  });

  it("finds every Arabic seed term after the conjunction و and inside a sentence", () => {
    const missed: string[] = [];
    for (const e of entries)
      for (const t of e.terms) {
        if (t.lang !== "ar") continue;
        const text = withEvidence(t, `وقال الوزير إن و${t.text} مهمة`);
        const hits = recognizeTerms(seedMatcher, text, "ar");
        const from = text.indexOf(`و${t.text}`);
        if (!hits.some((h) => h.entryId === e.id && h.start === from && h.end === from + t.text.length + 1))
          missed.push(t.text);
      }
    expect(missed).toEqual([]);
  });

  it("reports the status the seed gives to the term found", () => {
    for (const e of entries)
      for (const t of e.terms) {
        const same = e.terms.filter(
          (o) => o.lang === t.lang && normalizeForSearch(o.text) === normalizeForSearch(t.text),
        );
        if (same.length > 1) continue; // spelling variants of one entry: covered by the forbidden test
        const hits = recognizeTerms(seedMatcher, withEvidence(t), t.lang);
        const hit = hits.find((h) => h.entryId === e.id && isReading(h, hits));
        expect(hit?.status, `${t.lang}:${t.text}`).toBe(t.status);
      }
  });
});

describe("recognizeTerms: context rules and inflection (seed glossary)", () => {
  const seed = loadSeedGlossary(env.SEED_TSV);
  const keysIn = (text: string) =>
    recognizeTerms(seed.matcher, text, "ar")
      .filter((h) => h.nestedIn === null)
      .map((h) => `${h.surface}=${seed.keyOf.get(h.entryId)}`);

  it("does not report a term inside a known name that is not a term", () => {
    expect(keysIn("زار الوزير الولايات المتحدة")).toEqual([]);
    expect(keysIn("وصل إلى الولايات المتحدة والمملكة المتحدة")).toEqual([]);
    expect(keysIn("انتهت ولاية البعثة")).toEqual(["ولاية=mandate"]);
    expect(keysIn("تجديد الولايات")).toEqual(["الولايات=mandate"]);
  });

  it("reads a word after a verbal particle, or after إنّ + an agreeing pronoun, as a verb", () => {
    expect(keysIn("فإنك توافق على الشروط")).toEqual([]);
    expect(keysIn("لم توافق الحكومة")).toEqual([]);
    expect(keysIn("وقد توافق الأطراف")).toEqual([]);
    expect(keysIn("وقالت إنها توافق على ذلك")).toEqual([]);
    // إنه needs يوافق for a verb: توافق after it is the noun; so is the noun after other words.
    expect(keysIn("إنه توافق تاريخي")).toEqual(["توافق=consensus"]);
    expect(keysIn("بناء توافق واسع")).toEqual(["توافق=consensus"]);
    expect(keysIn("إن التوافق ممكن")).toEqual(["التوافق=consensus"]);
  });

  it("does not report a one-word term in the impersonal من ال… أن", () => {
    expect(keysIn("ومن المقرر أن يصل")).toEqual([]);
    expect(keysIn("وكان من المقرر أن يصل")).toEqual([]);
    expect(keysIn("وقدم المقرر تقريره")).toEqual(["المقرر=rapporteur"]);
    expect(keysIn("من المقرر الخاص أن")).toEqual(["المقرر الخاص=special-rapporteur"]);
  });

  it("reads a form-IV verbal noun before a State's name as that State's act", () => {
    expect(keysIn("رحبوا بإعلان المملكة المتحدة تقديم الدعم")).toEqual([]);
    expect(keysIn("رحبوا بإعلان الولايات المتحدة")).toEqual([]);
    expect(keysIn("وقعوا على إعلان مشترك")).toEqual(["إعلان مشترك=joint-declaration"]);
    expect(keysIn("اعتمدوا إعلان قازان")).toEqual(["إعلان قازان=kazan-declaration"]);
    // Not a verbal noun: the ambassador of the United Kingdom is an ambassador.
    expect(keysIn("استقبل سفير المملكة المتحدة")).toEqual(["سفير=ambassador"]);
  });

  it("finds feminine forms of فعيل/فاعل person nouns, with proclitics", () => {
    expect(keysIn("دورها كرئيسة للمجموعة")).toEqual(["كرئيسة=chair"]);
    expect(keysIn("وصلت السفيرة")).toEqual(["السفيرة=ambassador"]);
    expect(keysIn("رئيسة الوفد")).toEqual(["رئيسة الوفد=head-of-delegation"]);
    expect(keysIn("وزيرة الخارجية")).toEqual(["وزيرة الخارجية=minister-for-foreign-affairs"]);
    // The nisba adjective الرئيسية (main) is another word.
    expect(keysIn("القضايا الرئيسية")).toEqual([]);
  });

  it("keys a glossary plural in ـون by its singular, so the oblique ـين matches", () => {
    expect(keysIn("مع الشركاء المماثلين في الفكر")).toEqual([
      "الشركاء المماثلين في الفكر=like-minded-partners",
    ]);
    expect(keysIn("مساعدة النازحين")).toEqual(["النازحين=internally-displaced-persons"]);
    expect(keysIn("عاد النازحون")).toEqual(["النازحون=internally-displaced-persons"]);
    // Short stems keep their ون: التعاون is not a plural of تعا.
    expect(keysIn("التعاون الدولي")).toEqual(["التعاون الدولي=international-cooperation"]);
  });

  it("gives the same hits with the word-form cache cold, warm and after clearing it", () => {
    const text = "وأكد المندوب الدائم أن التوافق بين الأطراف ما زال ممكنا، ومن المقرر أن يصل الوفد.";
    const m = buildTermMatcher(seed.entries);
    const first = recognizeTerms(m, text, "ar");
    expect(m.readings.size).toBeGreaterThan(0);
    expect(recognizeTerms(m, text, "ar")).toEqual(first);
    m.readings.clear();
    expect(m.readings.size).toBe(0);
    expect(recognizeTerms(m, text, "ar")).toEqual(first);
    expect(recognizeTerms(seed.matcher, text, "ar")).toEqual(first);
  });
});
