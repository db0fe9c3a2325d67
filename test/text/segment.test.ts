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
  it("splits on . ! ? ؟ and keeps the terminator", () => {
    expect(texts("قال ذلك. ثم غادر! هل عاد؟ نعم. انتهى", "ar")).toEqual([
      "قال ذلك.",
      "ثم غادر!",
      "هل عاد؟",
      "نعم.",
      "انتهى",
    ]);
    expect(texts("It works. Does it? Yes! Fine...", "en")).toEqual([
      "It works.",
      "Does it?",
      "Yes!",
      "Fine...",
    ]);
  });

  // Convention 4 of docs/quality.md (evaluation set 2): an ellipsis is a pause, not an end, unless what
  // follows is a new sentence. (Before issue 13 every ellipsis ended a sentence: "نعم… انتهى" was two.)
  it("an ellipsis inside a sentence is a pause", () => {
    expect(texts("نحن لا نطلب المستحيل… بل تطبيق القانون الدولي.", "ar")).toEqual([
      "نحن لا نطلب المستحيل… بل تطبيق القانون الدولي.",
    ]);
    expect(texts("مضى أربعة عشر عاماً… أربعة عشر عاماً من المعاناة. وانتهى.", "ar")).toEqual([
      "مضى أربعة عشر عاماً… أربعة عشر عاماً من المعاناة.",
      "وانتهى.",
    ]);
    expect(texts("رسالة سلام... ودليل على الصداقة", "ar")).toEqual(["رسالة سلام... ودليل على الصداقة"]);
    expect(texts("We are not asking for the impossible… only for the law.", "en")).toEqual([
      "We are not asking for the impossible… only for the law.",
    ]);
    expect(texts("It has lasted 14 years… 14 years of pain.", "en")).toEqual([
      "It has lasted 14 years… 14 years of pain.",
    ]);
  });

  it("an ellipsis before a new sentence ends the first", () => {
    // Informal Arabic typing uses "..." as a full stop before a reporting verb or an opening particle.
    expect(texts("التقى الوزير نظيره الإسباني... وتناول اللقاء العلاقات الثنائية.", "ar")).toEqual([
      "التقى الوزير نظيره الإسباني...",
      "وتناول اللقاء العلاقات الثنائية.",
    ]);
    expect(texts("وصل الوفد…وأكدت الوزيرة أهمية الزيارة", "ar")).toEqual([
      "وصل الوفد…",
      "وأكدت الوزيرة أهمية الزيارة",
    ]);
    expect(texts("انتهت الجلسة... من جانبه، قال المندوب", "ar")).toEqual([
      "انتهت الجلسة...",
      "من جانبه، قال المندوب",
    ]);
    expect(texts("The talks went on... The Council then adjourned.", "en")).toEqual([
      "The talks went on...",
      "The Council then adjourned.",
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

/** Greedy hard wrap at `width` characters, as a PDF or e-mail copy breaks lines. */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join("\n");
}

describe("segmentSentences: titles, labels, lists and wrapped text (issue 13)", () => {
  it("titles of Gulf and UN usage do not end a sentence", () => {
    expect(
      texts("Headed by Eng. Khaled Al-Rasheed, the team arrived. H.E. Amb. Sr. Gomez spoke.", "en"),
    ).toEqual(["Headed by Eng. Khaled Al-Rasheed, the team arrived.", "H.E. Amb. Sr. Gomez spoke."]);
    expect(texts("H.E. Prof. Dr. Ali Hassan opened the session. It ended at noon.", "en")).toEqual([
      "H.E. Prof. Dr. Ali Hassan opened the session.",
      "It ended at noon.",
    ]);
    expect(texts("افتتح أ.د. محمد علي المعرض برفقة م. سامر عودة. وشارك فيه خبراء.", "ar")).toEqual([
      "افتتح أ.د. محمد علي المعرض برفقة م. سامر عودة.",
      "وشارك فيه خبراء.",
    ]);
    expect(texts("بُني المعبد في القرن الخامس ق.م وما زال قائماً. ويزوره السياح.", "ar")).toEqual([
      "بُني المعبد في القرن الخامس ق.م وما زال قائماً.",
      "ويزوره السياح.",
    ]);
  });

  it("a Roman numeral heading keeps its title", () => {
    expect(texts("I. Political affairs\nThe sides met.\nII. Economic affairs", "en")).toEqual([
      "I. Political affairs",
      "The sides met.",
      "II. Economic affairs",
    ]);
    expect(texts("See Annex II. The figures follow.", "en")).toEqual([
      "See Annex II.",
      "The figures follow.",
    ]);
  });

  it("Q&A labels and numbered points belong to their first sentence", () => {
    expect(texts("س: هل من جديد؟\nج: الاتصالات مستمرة. وسنعلن التفاصيل.", "ar")).toEqual([
      "س: هل من جديد؟",
      "ج: الاتصالات مستمرة.",
      "وسنعلن التفاصيل.",
    ]);
    expect(texts("Q: Any news?\nA: Contacts continue. Details will follow.", "en")).toEqual([
      "Q: Any news?",
      "A: Contacts continue.",
      "Details will follow.",
    ]);
    expect(texts("١- يؤكد المجلس دعمه.\n٢. يرحب المجلس بالاتفاق.\n1. The Council affirms.", "ar")).toEqual([
      "١- يؤكد المجلس دعمه.",
      "٢. يرحب المجلس بالاتفاق.",
      "1. The Council affirms.",
    ]);
  });

  it("quotations of several sentences are split after each quoted sentence, in both languages", () => {
    expect(texts("وقال: «لقد آن الأوان. ولن يتحقق ذلك دون سلام». ثم غادر.", "ar")).toEqual([
      "وقال: «لقد آن الأوان.",
      "ولن يتحقق ذلك دون سلام».",
      "ثم غادر.",
    ]);
    expect(texts('He said: "It is time. It cannot wait." Then he left.', "en")).toEqual([
      'He said: "It is time.',
      'It cannot wait."',
      "Then he left.",
    ]);
  });

  it("reads the line breaks of hard-wrapped text as spaces, but not those of headlines, lists and tables", () => {
    const body =
      "Despite the ceasefire, restrictions on the entry of dual-use items continue to hamper the " +
      "rehabilitation of water and electricity networks, and the only humanitarian corridor to the north " +
      "is frequently closed. Humanitarian actors call for unimpeded access for humanitarian aid, in line " +
      "with international humanitarian law.";
    const bullet =
      "• More than 500,000 internally displaced persons have returned to northern Gaza since the start " +
      "of the truce, most of them to find their homes destroyed.";
    const text = [
      "Situation Report No. 12",
      "",
      "Highlights",
      wrap(bullet, 58),
      wrap("• Water infrastructure remains more than 80% damaged.", 58),
      "",
      wrap(body, 58),
      "",
      "Governorate\tShelters",
      "Rafah\t16",
    ].join("\n");
    const out = texts(text, "en");
    expect(out.map((s) => s.replace(/\n/g, " "))).toEqual([
      "Situation Report No. 12",
      "Highlights",
      bullet,
      "• Water infrastructure remains more than 80% damaged.",
      body.slice(0, body.indexOf(" Humanitarian actors")),
      body.slice(body.indexOf("Humanitarian actors")),
      "Governorate\tShelters",
      "Rafah\t16",
    ]);
    const arabic = wrap(
      "ورغم وقف إطلاق النار، لا تزال القيود المفروضة على دخول المواد ذات الاستخدام المزدوج تعرقل إعادة " +
        "تأهيل شبكات المياه والكهرباء، كما يُغلق الممر الإنساني الوحيد المؤدي إلى الشمال بصورة متكررة. " +
        "وتدعو الجهات الإنسانية إلى ضمان وصول المساعدات الإنسانية دون عوائق.",
      50,
    );
    expect(texts(`الاحتياجات والاستجابة\n\n${arabic}`, "ar")).toHaveLength(3);
  });

  it("reads a wrapped passage pasted into a text that is not wrapped, with blank lines or without", () => {
    // Paragraphs typed one per line (longer than any column), and one paragraph copied from an e-mail.
    const first =
      "The Ministry of Foreign Affairs welcomes the agreement reached yesterday between the two parties on " +
      "the exchange of detainees, and commends the efforts of the mediators who made it possible after " +
      "months of negotiations.";
    const copied =
      "The agreement provides for the release of all detainees held since the beginning of the conflict, " +
      "in three phases over a period of sixty days, under the supervision of the International Committee " +
      "of the Red Cross. The first phase begins next week.";
    const last =
      "The Ministry calls on both parties to implement the agreement in good faith and to build on it " +
      "towards a comprehensive and lasting settlement of the conflict through dialogue and negotiation.";
    const split = (p: string) => p.split(/(?<=\.) (?=The )/);
    const expected = ["Statement by the Ministry", first, ...split(copied), last];
    for (const separator of ["\n\n", "\n"]) {
      const text = ["Statement by the Ministry", first, wrap(copied, 68), last].join(separator);
      expect(texts(text, "en").map((x) => x.replace(/\n/g, " "))).toEqual(expected);
    }
    const arFirst =
      "ترحب وزارة الخارجية بالاتفاق الذي توصل إليه الطرفان أمس بشأن تبادل المحتجزين، وتثمن جهود الوسطاء الذين " +
      "جعلوه ممكناً بعد أشهر من المفاوضات.";
    const arCopied =
      "وينص الاتفاق على الإفراج عن جميع المحتجزين منذ بداية النزاع، على ثلاث مراحل خلال ستين يوماً، تحت " +
      "إشراف اللجنة الدولية للصليب الأحمر. وتبدأ المرحلة الأولى الأسبوع المقبل.";
    const arText = ["بيان وزارة الخارجية", arFirst, wrap(arCopied, 52)].join("\n\n");
    expect(texts(arText, "ar").map((x) => x.replace(/\n/g, " "))).toEqual([
      "بيان وزارة الخارجية",
      arFirst,
      ...arCopied.split(/(?<=\.) /),
    ]);
  });

  it("keeps every line break of texts that are not wrapped", () => {
    const transcript = [
      "Q: Is there anything new on the ongoing negotiations to reach a truce in Gaza?",
      "A: Contacts are continuing around the clock with all parties.",
      "Q: And what about the upcoming Arab summit?",
      "A: The summit will be held as scheduled.",
    ].join("\n");
    expect(texts(transcript, "en")).toHaveLength(4);
    const address = "Embassy of the State of Kuwait\nCultural Office\nMoscow\nRussian Federation";
    expect(texts(address, "en")).toHaveLength(4);
    const headlines = [
      "Our Ambassador meets the Russian Deputy Foreign Minister on bilateral relations",
      "Embassy takes part in the regular meeting of the GCC ambassadors in Moscow",
      "Advisory for citizens travelling to the Russian Federation this winter season",
      "Visit by a delegation from the Kuwait Investment Authority to the embassy",
    ].join("\n");
    expect(texts(headlines, "en")).toHaveLength(4);
  });
});
