import { describe, expect, it } from "vitest";
import { TITLES } from "../../src/text/abbreviations";
import { softLineBreaks } from "../../src/text/line-wrap";
import { segmentSentences } from "../../src/text/segment";
import type { Lang } from "../../src/types";

// The segmentation classes of issue 13 (docs/quality.md, "Session 5: segmentation classes"), each on
// texts written for this test: abbreviated titles, and line breaks without final punctuation (headline,
// table row and vocative kept; a line of running text broken at any width joined).

const texts = (input: string, lang: Lang) =>
  segmentSentences(input, lang).map((s) => s.text.replace(/\s*\n\s*/g, " "));

describe("abbreviated titles", () => {
  it("a title before a name or another title never ends a sentence (English)", () => {
    expect(texts("The delegation was led by H.E. Mr. Omar Haddad, Minister of State.", "en")).toEqual([
      "The delegation was led by H.E. Mr. Omar Haddad, Minister of State.",
    ]);
    expect(
      texts("Speakers included H.H. Sheikh Nasser and H.R.H. Princess Alia. All spoke briefly.", "en"),
    ).toEqual(["Speakers included H.H. Sheikh Nasser and H.R.H. Princess Alia.", "All spoke briefly."]);
    expect(
      texts("Amb. Dr. Lina Farah and Eng. Yousef Saleh, Sr. Energy Adviser, joined Gen. Tariq Nour.", "en"),
    ).toEqual(["Amb. Dr. Lina Farah and Eng. Yousef Saleh, Sr. Energy Adviser, joined Gen. Tariq Nour."]);
    expect(texts("Opening remarks: Prof. Hana Aziz. Closing remarks: Capt. Ali Reza.", "en")).toEqual([
      "Opening remarks: Prof. Hana Aziz.",
      "Closing remarks: Capt. Ali Reza.",
    ]);
  });

  it("a title ends a sentence before a word that opens sentences and is no name", () => {
    expect(texts("The award went to Robert Hale Jr. The ceremony was brief.", "en")).toEqual([
      "The award went to Robert Hale Jr.",
      "The ceremony was brief.",
    ]);
    expect(texts("The embassy moved to Fifth St. It opens on Monday.", "en")).toEqual([
      "The embassy moved to Fifth St.",
      "It opens on Monday.",
    ]);
    expect(texts("The plan was revised in Jan. However, no date was set.", "en")).toEqual([
      "The plan was revised in Jan.",
      "However, no date was set.",
    ]);
    // An initial likewise: "Plan B." before a new sentence.
    expect(texts("They chose Plan B. The vote was unanimous.", "en")).toEqual([
      "They chose Plan B.",
      "The vote was unanimous.",
    ]);
  });

  it("a reference abbreviation is one only before a number", () => {
    expect(texts("See resolution No. 12 and Art. IV of the treaty, para. (3).", "en")).toEqual([
      "See resolution No. 12 and Art. IV of the treaty, para. (3).",
    ]);
    expect(texts("Was the request granted? No. Members asked for more time.", "en")).toEqual([
      "Was the request granted?",
      "No.",
      "Members asked for more time.",
    ]);
    expect(texts("It was a state of the art. Ministers praised it.", "en")).toEqual([
      "It was a state of the art.",
      "Ministers praised it.",
    ]);
  });

  it("Arabic titles, also behind the conjunction و / ف", () => {
    expect(texts("حضر اللقاء السفير د. سالم الهاشمي، وم. رنا القاسم، ود. وليد عيسى.", "ar")).toEqual([
      "حضر اللقاء السفير د. سالم الهاشمي، وم. رنا القاسم، ود. وليد عيسى.",
    ]);
    expect(
      texts("وشارك في الندوة أ.د. نبيل حداد وأ.د. سعاد مراد من جامعة دمشق. واختتمت مساءً.", "ar"),
    ).toEqual(["وشارك في الندوة أ.د. نبيل حداد وأ.د. سعاد مراد من جامعة دمشق.", "واختتمت مساءً."]);
    // Glued to the next letter, as typed in a hurry: "وأ.د.سعاد".
    expect(texts("وحضرت وأ.د.سعاد مراد الجلسة.", "ar")).toEqual(["وحضرت وأ.د.سعاد مراد الجلسة."]);
  });

  it("an Arabic title or era mark ends a sentence before a sentence opener", () => {
    expect(texts("وترأس الجلسة م. خالد. وأكد المشاركون أهمية المشروع.", "ar")).toEqual([
      "وترأس الجلسة م. خالد.",
      "وأكد المشاركون أهمية المشروع.",
    ]);
    expect(texts("بنيت المدينة في القرن الثالث ق.م. وقال الباحثون إنها أقدم مما يظن.", "ar")).toEqual([
      "بنيت المدينة في القرن الثالث ق.م.",
      "وقال الباحثون إنها أقدم مما يظن.",
    ]);
    expect(texts("تأسس المتحف عام ١٩٦٠ م. ويضم آلاف القطع.", "ar")).toEqual([
      "تأسس المتحف عام ١٩٦٠ م.",
      "ويضم آلاف القطع.",
    ]);
  });

  it("lists the titles of the issue", () => {
    for (const t of ["amb", "sr", "prof", "h.e", "eng", "dr"]) expect(TITLES.has(t), t).toBe(true);
  });
});

describe("line breaks without final punctuation", () => {
  it("joins an English paragraph broken at varying widths, by lower case and binding words", () => {
    const text = [
      "Quarterly note on humanitarian access",
      "",
      "During the quarter the convoys reached 14 of the",
      "besieged districts, two more than in the previous",
      "quarter. Access to the",
      "Northern Governorate remained blocked by the fighting around the airport.",
    ].join("\n");
    expect(texts(text, "en")).toEqual([
      "Quarterly note on humanitarian access",
      "During the quarter the convoys reached 14 of the besieged districts, two more than in the previous quarter.",
      "Access to the Northern Governorate remained blocked by the fighting around the airport.",
    ]);
  });

  it("joins an Arabic paragraph broken at varying widths, by binding words and a one-word sentence end", () => {
    const text = [
      "مذكرة فصلية حول وصول المساعدات",
      "",
      "بلغت القوافل خلال الربع أربع عشرة منطقة محاصرة، بزيادة منطقتين مقارنة مع",
      "الربع السابق. وظل الوصول إلى المحافظة الشمالية متعذراً بسبب المعارك الدائرة حول",
      "المطار. وتأمل الوكالات أن تتحسن الظروف في الربع المقبل إذا صمدت التهدئة الحالية.",
    ].join("\n");
    expect(texts(text, "ar")).toEqual([
      "مذكرة فصلية حول وصول المساعدات",
      "بلغت القوافل خلال الربع أربع عشرة منطقة محاصرة، بزيادة منطقتين مقارنة مع الربع السابق.",
      "وظل الوصول إلى المحافظة الشمالية متعذراً بسبب المعارك الدائرة حول المطار.",
      "وتأمل الوكالات أن تتحسن الظروف في الربع المقبل إذا صمدت التهدئة الحالية.",
    ]);
  });

  it("joins the other lines of an Arabic passage once one break is shown to fall inside a sentence", () => {
    // Only "حول⏎" is a binding word; the break after "الحكومية" is joined because the passage is wrapped.
    const text = [
      "عقدت اللجنة المشتركة اجتماعها الثالث في مسقط بمشاركة ممثلي الجهات الحكومية",
      "والقطاع الخاص من البلدين، وتبادل الجانبان وجهات النظر حول",
      "سبل تعزيز التبادل التجاري وتسهيل حركة الاستثمارات بين البلدين.",
    ].join("\n");
    expect(texts(text, "ar")).toEqual([text.replace(/\n/g, " ")]);
  });

  it("keeps the line break of a headline, a dateline, a vocative and a table row, in both languages", () => {
    const en = [
      "Joint press release of the two foreign ministries",
      "Muscat, 2 March 2026",
      "The two ministers met today in Muscat and discussed regional developments.",
      "Mr. Chairman,",
      "ladies and gentlemen,",
      "Item\tAmount",
      "grants\t120",
    ].join("\n");
    expect(segmentSentences(en, "en")).toHaveLength(7);
    const ar = [
      "بيان صحفي مشترك لوزارتي الخارجية في",
      "البلدين",
      "",
      "مسقط، ٢ مارس ٢٠٢٦",
      "التقى الوزيران اليوم في مسقط وبحثا التطورات الإقليمية.",
      "السيد الرئيس،",
      "السيدات والسادة،",
      "البند\tالمبلغ",
      "المنح\t١٢٠",
    ].join("\n");
    // The headline itself is one sentence across its line break (it ends in "في").
    expect(texts(ar, "ar")).toEqual([
      "بيان صحفي مشترك لوزارتي الخارجية في البلدين",
      "مسقط، ٢ مارس ٢٠٢٦",
      "التقى الوزيران اليوم في مسقط وبحثا التطورات الإقليمية.",
      "السيد الرئيس،",
      "السيدات والسادة،",
      "البند\tالمبلغ",
      "المنح\t١٢٠",
    ]);
  });

  it("keeps a headline on top of a passage, and a short sentence after a headline", () => {
    const text = [
      "الوزير يستقبل وفد الغرفة",
      "استقبل وزير الاقتصاد وفداً من غرفة التجارة والصناعة، وبحث معه في",
      "سبل دعم الشركات الصغيرة والمتوسطة في الأسواق الخارجية.",
      "",
      "كلمة الافتتاح",
      "شكراً جزيلاً. يسرني أن أرحب بكم.",
    ].join("\n");
    expect(texts(text, "ar")).toEqual([
      "الوزير يستقبل وفد الغرفة",
      "استقبل وزير الاقتصاد وفداً من غرفة التجارة والصناعة، وبحث معه في سبل دعم الشركات الصغيرة والمتوسطة في الأسواق الخارجية.",
      "كلمة الافتتاح",
      "شكراً جزيلاً.",
      "يسرني أن أرحب بكم.",
    ]);
  });

  it("a text with one or two line breaks is judged too", () => {
    expect(softLineBreaks("The fund disbursed 20 per\ncent more.")).toEqual([25]);
    expect(softLineBreaks("Annual report\nThe fund disbursed more.")).toEqual([]);
  });
});
