import { describe, expect, it } from "vitest";
import { canonicalSpelling } from "../../src/text/english";
import { buildTermMatcher, recognizeTerms, type TermEntryInput } from "../../src/text/terms";
import type { Lang, TermStatus } from "../../src/types";

// Term recognition by inflection class (issue 13): each class on a small glossary of its own, with examples
// written for these tests (not taken from an evaluation set), positive and negative.

function glossary(...entries: (string | [string, TermStatus])[][]): TermEntryInput[] {
  return entries.map((terms, i) => ({
    id: i + 1,
    terms: terms.map((t) => {
      const [text, status] = typeof t === "string" ? [t, "preferred" as TermStatus] : t;
      return { lang: (/[a-z]/i.test(text) ? "en" : "ar") as Lang, text, status };
    }),
  }));
}

/** Primary hits as "surface=entry id". */
function hits(entries: TermEntryInput[], text: string): string[] {
  const lang: Lang = /[a-z]/i.test(text) ? "en" : "ar";
  return recognizeTerms(buildTermMatcher(entries), text, lang)
    .filter((h) => h.nestedIn === null)
    .map((h) => `${h.surface}=${h.entryId}`);
}

describe("Arabic: sound masculine plural, its cases and the construct state", () => {
  const g = glossary(["مستشارو الأمن الوطني"], ["النازحون"], ["المراقبين"]);
  it.each([
    ["حضر مستشارو الأمن الوطني", "مستشارو الأمن الوطني=1"],
    ["اجتماع كبار المسؤولين ومستشاري الأمن الوطني", "ومستشاري الأمن الوطني=1"],
    ["وصل مستشار الأمن الوطني", "مستشار الأمن الوطني=1"],
    ["عودة النازحين", "النازحين=2"],
    ["لكل نازح", "نازح=2"],
    ["أفاد المراقبون", "المراقبون=3"],
    ["قال مراقب", "مراقب=3"],
  ])("%s", (text, expected) => {
    expect(hits(g, text)).toEqual([expected]);
  });

  it("keeps words that only look inflected whole (فلسطين, التعاون, البحرين)", () => {
    const g2 = glossary(["فلسطين"], ["التعاون"], ["فلسط"], ["البحرين"], ["بحر"], ["تعا"]);
    expect(hits(g2, "دولة فلسطين")).toEqual(["فلسطين=1"]);
    expect(hits(g2, "القضية الفلسطينية")).toEqual([]);
    expect(hits(g2, "تعزيز التعاون")).toEqual(["التعاون=2"]);
    expect(hits(g2, "مملكة البحرين")).toEqual(["البحرين=4"]);
    expect(hits(g2, "البحرين")).toEqual(["البحرين=4"]);
    expect(hits(g2, "ركوب البحر")).toEqual(["البحر=5"]);
  });
});

describe("Arabic: feminine plural ↔ singular", () => {
  it("finds a plural term in the singular and in the plural", () => {
    const g = glossary(["التهديدات الأمنية"], ["المساعدات الإنسانية"]);
    expect(hits(g, "مواجهة التهديد الأمني")).toEqual(["التهديد الأمني=1"]);
    expect(hits(g, "مواجهة التهديدات الأمنية")).toEqual(["التهديدات الأمنية=1"]);
    expect(hits(g, "للتهديدات الأمنية")).toEqual(["للتهديدات الأمنية=1"]);
    expect(hits(g, "وصول المساعدة الإنسانية")).toEqual(["المساعدة الإنسانية=2"]);
  });

  it("finds a singular term in the plural", () => {
    const g = glossary(["التهديد الأمني"], ["مذكرة تفاهم"]);
    expect(hits(g, "مواجهة التهديدات الأمنية")).toEqual(["التهديدات الأمنية=1"]);
    expect(hits(g, "وقعا مذكرات تفاهم")).toEqual(["مذكرات تفاهم=2"]);
  });

  it("keeps a one-word plural term plural (الضمانات: safeguards, not a guarantee)", () => {
    const g = glossary(["الضمانات"]);
    expect(hits(g, "نظام الضمانات")).toEqual(["الضمانات=1"]);
    expect(hits(g, "لا ضمان لذلك")).toEqual([]);
  });
});

describe("Arabic: dual", () => {
  it("meets a dual the glossary lists in either case, not its singular", () => {
    const g = glossary(["الطرفان"]);
    expect(hits(g, "اتفق الطرفان")).toEqual(["الطرفان=1"]);
    expect(hits(g, "دعا الطرفين")).toEqual(["الطرفين=1"]);
    expect(hits(g, "وللطرفين")).toEqual(["وللطرفين=1"]);
    expect(hits(g, "دعا الطرف الآخر")).toEqual([]);
  });

  it("finds the dual of a singular term, also in construct", () => {
    const g = glossary(["وزير الخارجية"], ["القنصلية"], ["الطرف"]);
    expect(hits(g, "اجتماع وزيري الخارجية")).toEqual(["وزيري الخارجية=1"]);
    expect(hits(g, "اجتمع وزيرا الخارجية")).toEqual(["وزيرا الخارجية=1"]);
    expect(hits(g, "افتتاح قنصليتي البلدين")).toEqual(["قنصليتي=2"]);
    expect(hits(g, "افتتاح القنصليتين")).toEqual(["القنصليتين=2"]);
    expect(hits(g, "دعا الطرفين")).toEqual(["الطرفين=3"]);
  });

  it("does not read a nisba adjective as a construct dual (أمني is not أمن)", () => {
    const g = glossary(["أمن"], ["وطن"]);
    expect(hits(g, "تهديد أمني خطير")).toEqual([]);
    expect(hits(g, "واجب وطني")).toEqual([]);
  });
});

describe("a term broken by a line break", () => {
  const g = glossary(["الأمم المتحدة"], ["Security Council"]);
  it.each([
    ["دعت الأمم\nالمتحدة", "الأمم\nالمتحدة=1"],
    ["دعت الأمم \r\n المتحدة", "الأمم \r\n المتحدة=1"],
    ["the Security\nCouncil met", "Security\nCouncil=2"],
  ])("%j", (text, expected) => {
    expect(hits(g, text)).toEqual([expected]);
  });

  it("does not run on across a blank line or a paragraph separator", () => {
    expect(hits(g, "الأمم\n\nالمتحدة")).toEqual([]);
    expect(hits(g, "the Security\u2029Council")).toEqual([]);
  });
});

describe("Arabic: broken plurals only where the glossary declares them", () => {
  it("finds a declared broken plural (an admitted term), and guesses none", () => {
    const declared = glossary(["سفير", ["سفراء", "admitted"]]);
    const m = buildTermMatcher(declared);
    expect(recognizeTerms(m, "اجتماع السفراء", "ar")).toMatchObject([
      { surface: "السفراء", entryId: 1, status: "admitted", termText: "سفراء" },
    ]);
    expect(hits(declared, "لسفراء الدول")).toEqual(["لسفراء=1"]);
    expect(hits(glossary(["سفير"]), "اجتماع السفراء")).toEqual([]);
  });
});

describe("Arabic: a first letter that looks like a clitic but belongs to the stem", () => {
  it("reads a word the glossary knows as written, not as a clitic + a shorter term", () => {
    const g = glossary(["لجنة"], ["جنة"], ["وزير"], ["زير"], ["كتلة"], ["تلة"]);
    expect(hits(g, "اجتمعت لجنة")).toEqual(["لجنة=1"]);
    expect(hits(g, "قال وزير")).toEqual(["وزير=3"]);
    expect(hits(g, "كتلة سياسية")).toEqual(["كتلة=5"]);
    // The clitic readings stay where they are the only ones: و + تلة.
    expect(hits(g, "ولجنة")).toEqual(["ولجنة=1"]);
  });

  it("takes a two-letter stem behind a one-letter clitic only inside a multi-word term", () => {
    const g = glossary(["حر"], ["حق النقض"], ["حل الدولتين"]);
    expect(hits(g, "في بحر العرب")).toEqual([]);
    expect(hits(g, "ولحق بهم")).toEqual([]);
    expect(hits(g, "استخدام وحق النقض")).toEqual(["وحق النقض=2"]);
    expect(hits(g, "دعم لحل الدولتين")).toEqual(["لحل الدولتين=3"]);
    expect(hits(g, "اقتصاد حر")).toEqual(["حر=1"]);
    expect(hits(g, "والحر")).toEqual(["والحر=1"]);
  });

  it("never finds a term inside a longer word", () => {
    const g = glossary(["بريكس"], ["فلسطين"]);
    expect(hits(g, "بعد البريكست وبريكستي")).toEqual([]);
    expect(hits(g, "الدولة الفلسطينية")).toEqual([]);
  });
});

describe("Arabic: context of a word spelt like a term", () => {
  it("reads an abstract ـية noun after a definite noun as the agreeing nisba adjective", () => {
    const g = glossary(["الدبلوماسية"]);
    expect(hits(g, "عبر القنوات الدبلوماسية")).toEqual([]);
    expect(hits(g, "عبر القنوات الدبلوماسية والسياسية")).toEqual([]);
    expect(hits(g, "إن الدبلوماسية السعودية")).toEqual(["الدبلوماسية=1"]);
    expect(hits(g, "تعزيز الدبلوماسية")).toEqual(["الدبلوماسية=1"]);
    expect(hits(g, "الحوار والدبلوماسية")).toEqual(["والدبلوماسية=1"]);
  });

  it("does not report a country inside the name of a sea", () => {
    const g = glossary(["الصين", "China"]);
    expect(hits(g, "الملاحة في بحر الصين الجنوبي")).toEqual([]);
    expect(hits(g, "navigation in the South China Sea")).toEqual([]);
    expect(hits(g, "زار الصين")).toEqual(["الصين=1"]);
  });
});

describe("English: hyphen, space and closed compounds are one term", () => {
  const g = glossary(
    ["ceasefire"],
    ["cyber security"],
    ["multipolar world"],
    ["co-existence"],
    ["like-minded partners"],
    ["peacekeeping operation"],
  );
  it.each([
    ["a cease-fire now", "cease-fire=1"],
    ["a cease fire now", "cease fire=1"],
    ["two ceasefires", "ceasefires=1"],
    ["the cease-fires held", "cease-fires=1"],
    ["cybersecurity threats", "cybersecurity=2"],
    ["cyber-security threats", "cyber-security=2"],
    ["a multi-polar world", "multi-polar world=3"],
    ["a multi polar world", "multi polar world=3"],
    ["peaceful coexistence", "coexistence=4"],
    ["peaceful co existence", "co existence=4"],
    ["likeminded partners", "likeminded partners=5"],
    ["like minded partners", "like minded partners=5"],
    ["peace-keeping operations", "peace-keeping operations=6"],
    ["peace keeping operations", "peace keeping operations=6"],
  ])("%s", (text, expected) => {
    expect(hits(g, text)).toEqual([expected]);
  });

  it("joins only words that are next to each other", () => {
    expect(hits(g, "cease, fire")).toEqual([]);
    expect(hits(g, "cyber. security")).toEqual([]);
  });
});

describe("English: British and American spelling", () => {
  const g = glossary(
    ["national security adviser"],
    ["World Trade Organization"],
    ["guard of honour"],
    ["Minister of Defence"],
    ["United Nations Environment Programme"],
    ["regional centre"],
    ["labour standards"],
    ["counsellor"],
  );
  it.each([
    ["the national security advisor", "national security advisor=1"],
    ["the national security advisers", "national security advisers=1"],
    ["the World Trade Organisation", "World Trade Organisation=2"],
    ["a guard of honor", "guard of honor=3"],
    ["the Minister of Defense", "Minister of Defense=4"],
    ["the United Nations Environment Program", "United Nations Environment Program=5"],
    ["a regional center", "regional center=6"],
    ["labor standards", "labor standards=7"],
    ["the counselor", "counselor=8"],
  ])("%s", (text, expected) => {
    expect(hits(g, text)).toEqual([expected]);
  });

  it("merges only variants of one word", () => {
    expect(["four", "hour", "tour", "your", "wise", "rise"].map(canonicalSpelling)).toEqual([
      "four",
      "hour",
      "tour",
      "your",
      "wise",
      "rise",
    ]);
    expect(canonicalSpelling("colour")).toBe(canonicalSpelling("color"));
    expect(canonicalSpelling("organisations")).toBe(canonicalSpelling("organizations"));
    expect(canonicalSpelling("travelled")).toBe(canonicalSpelling("traveled"));
    expect(canonicalSpelling("catalogue")).toBe(canonicalSpelling("catalog"));
    expect(canonicalSpelling("filled")).not.toBe(canonicalSpelling("filed"));
  });
});

describe("English: singular and plural of every word", () => {
  it("finds each word of a multi-word term in either number", () => {
    const g = glossary(["security threats"], ["head of delegation"], ["memorandum of understanding"]);
    expect(hits(g, "a security threat")).toEqual(["security threat=1"]);
    expect(hits(g, "new security threats")).toEqual(["security threats=1"]);
    expect(hits(g, "the heads of delegations")).toEqual(["heads of delegations=2"]);
    expect(hits(g, "three memoranda of understanding")).toEqual(["memoranda of understanding=3"]);
    expect(hits(g, "memorandums of understanding")).toEqual(["memorandums of understanding=3"]);
  });

  it("keeps a one-word plural term plural (safeguards, not to safeguard)", () => {
    const g = glossary(["safeguards"], ["sanctions"]);
    expect(hits(g, "IAEA safeguards")).toEqual(["safeguards=1"]);
    expect(hits(g, "to safeguard peace")).toEqual([]);
    expect(hits(g, "to sanction them")).toEqual([]);
  });
});

describe("English: a prefix that changes the meaning", () => {
  const g = glossary(["permanent members"], ["non-permanent members"], ["Secretary-General"], ["Ukraine"]);
  it("does not find a term right after a meaning-changing prefix", () => {
    expect(hits(g, "the non-permanent members")).toEqual(["non-permanent members=2"]);
    expect(hits(glossary(["permanent members"]), "the non-permanent members")).toEqual([]);
    expect(hits(glossary(["permanent members"]), "the non permanent members")).toEqual([]);
    expect(hits(g, "the Under-Secretary-General")).toEqual([]);
    expect(hits(g, "the counter-Ukraine campaign")).toEqual([]);
  });

  it("still finds a term after another hyphenated word or the prefix elsewhere", () => {
    expect(hits(g, "the Russia-Ukraine talks")).toEqual(["Ukraine=4"]);
    expect(hits(g, "the permanent members and non-members")).toEqual(["permanent members=1"]);
    expect(hits(g, "the Secretary-General")).toEqual(["Secretary-General=3"]);
  });
});
