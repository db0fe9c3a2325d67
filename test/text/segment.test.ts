import { describe, expect, it } from "vitest";
import { segmentSentences } from "../../src/text/segment";
import type { Lang } from "../../src/types";

function texts(input: string, lang: Lang): string[] {
  const out = segmentSentences(input, lang);
  for (const s of out) {
    expect(input.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    expect(s.text.length).toBeGreaterThan(0);
  }
  return out.map((s) => s.text);
}

describe("segmentSentences: terminators", () => {
  it("splits on . ! ? ؟ … and keeps the terminator", () => {
    expect(texts("قال ذلك. ثم غادر! هل عاد؟ نعم… انتهى", "ar")).toEqual([
      "قال ذلك.",
      "ثم غادر!",
      "هل عاد؟",
      "نعم…",
      "انتهى",
    ]);
    expect(texts("It works. Does it? Yes! Fine...", "en")).toEqual([
      "It works.",
      "Does it?",
      "Yes!",
      "Fine...",
    ]);
  });

  it("does not split on the Arabic comma and semicolon", () => {
    expect(texts("حضر الوزير، والسفير؛ ثم بدأ الاجتماع.", "ar")).toEqual([
      "حضر الوزير، والسفير؛ ثم بدأ الاجتماع.",
    ]);
  });

  it("keeps closing quotes after the terminator with the sentence", () => {
    expect(texts("قال: «انتهى الأمر.» ثم خرج.", "ar")).toEqual(["قال: «انتهى الأمر.»", "ثم خرج."]);
    expect(texts("He said “it is over.” Then he left.", "en")).toEqual([
      "He said “it is over.”",
      "Then he left.",
    ]);
    expect(texts('She asked "why?" Nobody knew.', "en")).toEqual(['She asked "why?"', "Nobody knew."]);
  });

  it("keeps a lower-case continuation after a quoted question", () => {
    expect(texts('"Why?" he asked. Nobody answered.', "en")).toEqual([
      '"Why?" he asked.',
      "Nobody answered.",
    ]);
  });

  it("reports offsets into the input, end exclusive", () => {
    const input = "  First one.   Second one.  ";
    const out = segmentSentences(input, "en");
    expect(out.map((s) => [s.start, s.end])).toEqual([
      [2, 12],
      [15, 26],
    ]);
  });

  it("returns nothing for blank input", () => {
    expect(segmentSentences("", "ar")).toEqual([]);
    expect(segmentSentences(" \n\n \u200F ", "ar")).toEqual([]);
  });
});

describe("segmentSentences: no break inside", () => {
  it("numbers", () => {
    expect(texts("Growth was 3.5 percent. It rose.", "en")).toEqual(["Growth was 3.5 percent.", "It rose."]);
    expect(texts("بلغ العدد 1.200 شخص و3.5 مليون دولار.", "ar")).toEqual([
      "بلغ العدد 1.200 شخص و3.5 مليون دولار.",
    ]);
    expect(texts("It ended in 2024. A new year began.", "en")).toEqual([
      "It ended in 2024.",
      "A new year began.",
    ]);
  });

  it("English abbreviations and titles", () => {
    expect(texts("Mr. Smith met Dr. Jones at St. Paul's. They spoke.", "en")).toEqual([
      "Mr. Smith met Dr. Jones at St. Paul's.",
      "They spoke.",
    ]);
    expect(texts("See resolution No. 2231 on fruit, e.g. apples, i.e. food, etc. and more.", "en")).toEqual([
      "See resolution No. 2231 on fruit, e.g. apples, i.e. food, etc. and more.",
    ]);
    expect(texts("The U.S. delegation arrived at 9 a.m. on Monday.", "en")).toEqual([
      "The U.S. delegation arrived at 9 a.m. on Monday.",
    ]);
  });

  it("but breaks after a sentence-final abbreviation followed by a sentence opener", () => {
    expect(texts("They met at 5 p.m. The talks lasted an hour.", "en")).toEqual([
      "They met at 5 p.m.",
      "The talks lasted an hour.",
    ]);
    expect(texts("He moved to the U.S. He never returned.", "en")).toEqual([
      "He moved to the U.S.",
      "He never returned.",
    ]);
  });

  it("initials", () => {
    expect(texts("J. F. Kennedy spoke in Berlin. The crowd cheered.", "en")).toEqual([
      "J. F. Kennedy spoke in Berlin.",
      "The crowd cheered.",
    ]);
  });

  it("Arabic abbreviations", () => {
    expect(texts("التقى د. أحمد مع م. خالد. ثم عادا.", "ar")).toEqual([
      "التقى د. أحمد مع م. خالد.",
      "ثم عادا.",
    ]);
    expect(texts("العنوان ص.ب. 1234 عمّان. اتصل بنا.", "ar")).toEqual([
      "العنوان ص.ب. 1234 عمّان.",
      "اتصل بنا.",
    ]);
  });

  it("an era mark after a year still ends the sentence", () => {
    expect(texts("تأسست عام 1945 م. وهي منظمة دولية.", "ar")).toEqual([
      "تأسست عام 1945 م.",
      "وهي منظمة دولية.",
    ]);
  });

  it("URLs and e-mail addresses", () => {
    expect(
      texts("Visit https://www.un.org/en/about.html?x=1 for more. Write to info@brics.org.ru today.", "en"),
    ).toEqual(["Visit https://www.un.org/en/about.html?x=1 for more.", "Write to info@brics.org.ru today."]);
    expect(texts("Details at www.un.org. Thanks.", "en")).toEqual(["Details at www.un.org.", "Thanks."]);
    expect(texts("راسلنا على info@example.com أو زر www.example.com. شكرا.", "ar")).toEqual([
      "راسلنا على info@example.com أو زر www.example.com.",
      "شكرا.",
    ]);
  });

  it("list numbering at the start of a line", () => {
    expect(texts("1. First point of order.\n2. Second point.", "en")).toEqual([
      "1. First point of order.",
      "2. Second point.",
    ]);
  });
});

describe("segmentSentences: paragraphs and messy input", () => {
  it("always breaks at line breaks, even without a final period", () => {
    expect(texts("عنوان بلا نقطة\nجملة أولى. جملة ثانية\r\n\r\nفقرة أخرى", "ar")).toEqual([
      "عنوان بلا نقطة",
      "جملة أولى.",
      "جملة ثانية",
      "فقرة أخرى",
    ]);
  });

  it("treats a period typed before the space as the end of a sentence", () => {
    expect(texts("وسياسة الخصوصية المنقحة .يمكنك تغيير الإعدادات .", "ar")).toEqual([
      "وسياسة الخصوصية المنقحة .",
      "يمكنك تغيير الإعدادات .",
    ]);
  });

  it("breaks on a period or question mark glued between Arabic words", () => {
    expect(texts("انتهى الاجتماع.وبدأ المؤتمر", "ar")).toEqual(["انتهى الاجتماع.", "وبدأ المؤتمر"]);
    expect(texts("لماذا؟قال ذلك", "ar")).toEqual(["لماذا؟", "قال ذلك"]);
  });

  it("keeps the cookie banner of the sample page apart from the article", () => {
    const page = [
      "وركز الاجتماع الـ14 لكبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس على التبادلات المتعمقة، واتخاذ الاستعدادات السياسية اللازمة لعقد قمة البريكس لهذا العام في مدينة كازان الروسية. ",
      "",
      "بيان الخصوصية وسياسة ملفات تعريف الارتباط",
      "",
      "من خلال الاستمرار في تصفح موقعنا ، فإنك توافق على استخدامنا لملفات تعريف الارتباط ، وسياسة الخصوصية المنقحة .يمكنك تغيير إعدادات ملفات تعريف الارتباط من خلال متصفحك .",
      "أوافق",
    ].join("\n");
    const out = texts(page, "ar");
    expect(out).toHaveLength(5);
    expect(out[0]?.endsWith("كازان الروسية.")).toBe(true);
    expect(out[1]).toBe("بيان الخصوصية وسياسة ملفات تعريف الارتباط");
    expect(out[2]?.endsWith("وسياسة الخصوصية المنقحة .")).toBe(true);
    expect(out[3]).toBe("يمكنك تغيير إعدادات ملفات تعريف الارتباط من خلال متصفحك .");
    expect(out[4]).toBe("أوافق");
  });

  it("keeps a heading line without a period as its own segment", () => {
    const out = texts(
      "وانغ يي يحضر اجتماع كبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس\n\nحضر وانغ يي الاجتماع.",
      "ar",
    );
    expect(out).toEqual([
      "وانغ يي يحضر اجتماع كبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس",
      "حضر وانغ يي الاجتماع.",
    ]);
  });

  it("does not split the decimals and abbreviations of mixed Arabic–English text", () => {
    expect(texts("نما الاقتصاد بنسبة 3.5% وفق U.S. Treasury. وأضاف التقرير…", "ar")).toEqual([
      "نما الاقتصاد بنسبة 3.5% وفق U.S. Treasury.",
      "وأضاف التقرير…",
    ]);
  });
});
