import { describe, expect, it } from "vitest";
import { alignSentences, alignTexts } from "../../src/text/align";
import { documentFeatures, hijriToGregorian, KIND_NAME } from "../../src/text/align-features";
import { formulaeIn } from "../../src/text/align-formulae";
import {
  arabicKeys,
  arabicLexiconKey,
  englishKeys,
  englishLexiconKey,
  learnLexicon,
  lexiconFromEntries,
  MIN_DICE,
  MIN_PAIRS,
} from "../../src/text/align-lexicon";
import { ALIGN_MODEL } from "../../src/text/align-model";
import { numbersIn } from "../../src/text/number-words";
import { arabicSkeleton, latinSkeleton, NameIndex } from "../../src/text/transliterate";
import { pick, randomInt, rng } from "../support/random";

// Anchors of the aligner that carry across genres (issue 13): numbers in words, names across scripts,
// Hijri dates, conventional formulae, a learned lexicon — each alone, then deciding an alignment that
// lengths cannot.

const key = (b: { ar: number[]; en: number[] }) => `${b.ar.join(",")}:${b.en.join(",")}`;

describe("numbers written in words or digits", () => {
  it("reads Arabic cardinals and ordinals with clitics, the article, teens, scales and بعد المائة", () => {
    expect(numbersIn("لم يصل منها سوى ثلاثين في المئة")).toEqual(["30"]);
    expect(numbersIn("للمرة الخامسة عشرة")).toEqual(["15"]);
    expect(numbersIn("أعمال دورته الخمسة عشر")).toEqual(["15"]);
    expect(numbersIn("الدورة الثالثة والستين بعد المائة")).toEqual(["163"]);
    expect(numbersIn("أكثر من ستة عشر مليون شخص")).toEqual(["16000000"]);
    expect(numbersIn("نحو ستمائة شاحنة وأربعة عشر ألف مريض وخمسمائة ألف نازح")).toEqual([
      "600",
      "14000",
      "500000",
    ]);
    expect(numbersIn("مائة وخمسون عضواً")).toEqual(["150"]);
    expect(numbersIn("الحادي عشر من الشهر")).toEqual(["11"]);
  });

  it("reads English number words and scale words after digits, in any digit system", () => {
    expect(numbersIn("thirty per cent")).toEqual(["30"]);
    expect(numbersIn("twenty-six members and one hundred and sixty-three States")).toEqual(["26", "163"]);
    expect(numbersIn("the sixty-third session")).toEqual(["63"]);
    expect(numbersIn("more than 16 million people, US$2.8 billion")).toEqual(["16000000", "2800000000"]);
    expect(numbersIn("بلغ ٢٫٨ مليار دولار و١٬٢٠٠ فرد")).toEqual(["2800000000", "1200"]);
  });

  it("leaves out words below three, which stand for much else than a count", () => {
    expect(numbersIn("the first of two meetings, one by one")).toEqual([]);
    expect(numbersIn("الاجتماع الأول واحد من اثنين")).toEqual([]);
  });
});

describe("names across scripts", () => {
  it("gives an Arabic name and its romanisation the same consonant skeleton", () => {
    for (const [ar, en] of [
      ["غوتيريش", "Guterres"],
      ["لافروف", "Lavrov"],
      ["فليتشر", "Fletcher"],
      ["حمادي", "Hammadi"],
      ["أنطونيو", "António"],
      ["سيرغي", "Sergey"],
      ["خالد", "Khaled"],
      ["موريتانيا", "Mauritania"],
    ])
      expect(arabicSkeleton(ar as string), `${ar} / ${en}`).toBe(latinSkeleton(en as string));
  });

  it("matches only equal skeletons of three consonants or more", () => {
    const index = new NameIndex();
    expect(index.add("Guterres", 1)).toBe(true);
    expect(index.add("Gaza", 2)).toBe(false); // G-Z: too short to tell from common words
    expect(index.add("Minister", 3)).toBe(true);
    expect(index.lookup("غوتيريش")).toBe(1);
    expect(index.lookup("مشترك")).toBeUndefined(); // M-S-T-R-K, one edit from Minister
  });

  it("makes a name a feature only where both documents have it, behind proclitics and the article", () => {
    const f = documentFeatures(
      ["والتقى الوزير بنظيره لافروف.", "وتحدث الحمادي."],
      ["He met his counterpart Lavrov.", "Al-Hammadi spoke.", "Contacts continue."],
    );
    const names = (ids: Int32Array) => [...ids].filter((v) => f.kinds[v >> 1] === KIND_NAME).length;
    expect(f.ar.ids.map(names)).toEqual([1, 1]);
    expect(f.en.ids.map(names)).toEqual([1, 1, 0]);
  });
});

describe("Hijri dates", () => {
  it("converts by the tabular calendar", () => {
    expect(hijriToGregorian(1446, 9, 5)).toEqual([2025, 3, 5]); // 5 Ramadan 1446
    expect(hijriToGregorian(1446, 8, 25)).toEqual([2025, 2, 24]); // 25 Sha'ban 1446
    expect(hijriToGregorian(1445, 1, 1)).toEqual([2023, 7, 19]);
  });

  it("pairs a Hijri dateline with its Gregorian translation, and does not penalise a dropped Hijri date", () => {
    // Only the date tells which English line renders the Arabic one (25 Sha'ban 1446 = 24 February 2025).
    const ar = ["الرياض في ٢٥ شعبان ١٤٤٦هـ"];
    expect(alignSentences(ar, ["Riyadh, 24 February 2025", "Riyadh, 15 September 2024"]).map(key)).toEqual([
      "0:0",
      ":1",
    ]);
    expect(alignSentences(ar, ["Riyadh, 15 September 2024", "Riyadh, 24 February 2025"]).map(key)).toEqual([
      ":0",
      "0:1",
    ]);
    const both = alignSentences(["الرياض، ٥ رمضان ١٤٤٦هـ الموافق ٥ مارس ٢٠٢٥م"], ["Riyadh, 5 March 2025"]);
    expect(both.map(key)).toEqual(["0:0"]);
    expect(both[0]?.score).toBeGreaterThan(0.9);
  });
});

describe("conventional formulae", () => {
  it("knows the vocatives, the closing salaam and what translators leave out or add", () => {
    expect(formulaeIn("أصحاب المعالي والسعادة،", "ar").keys).toEqual(["excellencies"]);
    expect(formulaeIn("Excellencies, ladies and gentlemen,", "en").keys).toEqual([
      "excellencies",
      "ladies-gentlemen",
    ]);
    expect(formulaeIn("بسم الله الرحمن الرحيم", "ar").skipBonus).toBeGreaterThan(0);
    expect(formulaeIn("Check against delivery", "en").skipBonus).toBeGreaterThan(0);
    expect(
      formulaeIn("(Translated from Arabic; the questions have been shortened.)", "en").skipBonus,
    ).toBeGreaterThan(0);
    expect(
      formulaeIn("وتجدر الإشارة إلى أن الدورة المقبلة ستعقد في أيلول/سبتمبر.", "ar").skipBonus,
    ).toBeGreaterThan(0);
    expect(formulaeIn("The Council met.", "en")).toEqual({ keys: [], optionalKeys: [], skipBonus: 0 });
  });

  it("knows a vocative series of titles, honorifics in running text, closing wishes and added notes", () => {
    expect(formulaeIn("أصحاب الجلالة والفخامة والسمو،", "ar").keys).toEqual(["excellencies"]);
    expect(formulaeIn("Your Majesties, Excellencies and Highnesses,", "en").keys).toEqual(["excellencies"]);
    expect(formulaeIn("صاحب السمو الملكي ولي العهد،", "ar").keys).toEqual(["excellencies"]);
    // An honorific inside a sentence is an optional anchor: rewarded when matched, never penalised.
    const ar = formulaeIn("واستقبل صاحب السمو ولي العهد وزير الخارجية.", "ar");
    expect(ar.keys).toEqual([]);
    expect(ar.optionalKeys).toEqual(["honorific"]);
    expect(formulaeIn("His Highness the Crown Prince received the Minister.", "en").optionalKeys).toEqual([
      "honorific",
    ]);
    expect(formulaeIn("وتحدث عن سعادة الشعوب.", "ar").optionalKeys).toEqual([]);
    // A closing wish is a closing prayer (skippable, and an anchor when translated).
    const wish = formulaeIn("وفقنا الله جميعاً لما فيه خير أمتنا.", "ar");
    expect(wish.keys).toEqual(["closing-prayer"]);
    expect(wish.skipBonus).toBeGreaterThan(0);
    for (const [sentence, lang] of [
      ["Figures are rounded to one decimal place.", "en"],
      ["Totals may not add up due to rounding.", "en"],
      ["Original: Arabic", "en"],
      ["الأرقام مقربة إلى أقرب منزلة عشرية.", "ar"],
      ["الأصل: بالعربية", "ar"],
    ] as const)
      expect(formulaeIn(sentence, lang).skipBonus, sentence).toBeGreaterThan(0);
    for (const [sentence, lang] of [
      ["The original agreement was signed in 2019.", "en"],
      ["The figures rose by 4 per cent.", "en"],
      ["وأكد أن الأصل في العلاقات هو التعاون.", "ar"],
    ] as const)
      expect(formulaeIn(sentence, lang).skipBonus, sentence).toBe(0);
  });

  it("makes the typical one-sided additions cheaper to skip, without making them anchors", () => {
    for (const [sentence, lang] of [
      ["- انتهى -", "ar"],
      ["(End)", "en"],
      ["حفظ الله البلاد وقيادتها.", "ar"],
      ["يشار إلى أن الوزير تولى منصبه في عام ٢٠٢٣.", "ar"],
      ["والنص الكامل للبيان متاح على الموقع الإلكتروني للوزارة.", "ar"],
      ["The report is available in full on the Ministry's website.", "en"],
      ["Figures in this table are in thousands of tonnes.", "en"],
      ["Translator's note: the law was passed in 1990.", "en"],
    ] as const) {
      const f = formulaeIn(sentence, lang);
      expect(f.skipBonus, sentence).toBeGreaterThan(0);
      if (!sentence.startsWith("حفظ")) expect(f.keys, sentence).toEqual([]);
    }
    for (const [sentence, lang] of [
      ["The end of the war is not in sight.", "en"],
      ["The Ministry published the report on Monday.", "en"],
      ["The amounts pledged in Paris were not disbursed.", "en"],
      ["وانتهى الاجتماع في ساعة متأخرة.", "ar"],
      ["ونشرت الوزارة التقرير يوم الاثنين.", "ar"],
    ] as const)
      expect(formulaeIn(sentence, lang).skipBonus, sentence).toBe(0);
  });

  it("does not pair the basmala with 'Check against delivery', and joins two vocative lines rendered as one", () => {
    const ar = ["بسم الله الرحمن الرحيم", "السيد الرئيس،", "أصحاب المعالي والسعادة،", "السيدات والسادة،"];
    const en = ["Check against delivery", "Mr. President,", "Excellencies, ladies and gentlemen,"];
    const paragraphs = { ar: [0, 1, 2, 3], en: [0, 1, 2] };
    expect(alignSentences(ar, en, { paragraphs }).map(key)).toEqual([":0", "0:", "1:1", "2,3:2"]);
  });

  it("joins a vocative series set one title a line into the one English line that renders it", () => {
    const ar = [
      "السيد الرئيس،",
      "أصحاب الجلالة والفخامة والسمو،",
      "أصحاب المعالي والسعادة،",
      "يطيب لي في مستهل كلمتي أن أتقدم بخالص الشكر إلى الجزائر الشقيقة على استضافة هذه القمة.",
    ];
    const en = [
      "Mr. President,",
      "Your Majesties, Excellencies and Highnesses,",
      "At the outset, I would like to express my sincere thanks to sisterly Algeria for hosting this summit.",
    ];
    for (const paragraphs of [{ ar: [0, 1, 2, 3], en: [0, 1, 2] }, undefined])
      expect(alignSentences(ar, en, paragraphs ? { paragraphs } : {}).map(key)).toEqual([
        "0:0",
        "1,2:1",
        "3:2",
      ]);
  });

  it("pairs a closing prayer that was translated instead of leaving it out on both sides", () => {
    const ar = [
      "وأعلن استعداد بلادي لاستضافة اجتماع وزاري في عام ٢٠٢٧.",
      "وفقنا الله جميعاً لما فيه خير أمتنا، وأتمنى لقمتنا كل التوفيق والنجاح.",
      "والسلام عليكم ورحمة الله تعالى وبركاته.",
    ];
    const en = [
      "I announce my country's readiness to host a ministerial meeting in 2027.",
      "May God guide us all to what is good for our nation, and I wish our summit every success.",
    ];
    const beads = alignSentences(ar, en, { paragraphs: { ar: [0, 1, 1], en: [0, 1] } });
    expect(beads.map(key)).toEqual(["0:0", "1:1", "2:"]);
  });
});

describe("beads of three sentences and unpaired sentences", () => {
  it("finds 1-3 and 3-1 beads", () => {
    const ar = [
      "وعقد الجانبان جلسة مباحثات رسمية بحضور وزيري الخارجية في البلدين، استعرضا خلالها العلاقات الثنائية وفرص تطويرها، كما بحثا القضايا الإقليمية والدولية ذات الاهتمام المشترك، حيث اتفقا على رفع مستوى العلاقات إلى شراكة استراتيجية شاملة في عام 2025.",
      "ج: لم يتحدد موعد حتى الآن.",
      "هناك مشاورات جارية لترتيب الزيارة.",
      "وسنعلن التفاصيل في حينه.",
    ];
    const en = [
      "The two sides held official talks, attended by the foreign ministers of both countries, during which they reviewed bilateral relations and opportunities to develop them.",
      "They also discussed regional and international issues of common interest.",
      "The two sides agreed to upgrade their relations to a comprehensive strategic partnership in 2025.",
      "A: No date has been set yet, but consultations are under way to arrange the visit and the details will be announced in due course.",
    ];
    expect(alignSentences(ar, en, { paragraphs: { ar: [0, 1, 1, 1], en: [0, 0, 0, 1] } }).map(key)).toEqual([
      "0:0,1,2",
      "1,2,3:3",
    ]);
  });

  it("leaves an editorial aside at the end of a paragraph unpaired instead of absorbing it", () => {
    const ar = [
      "وفي ختام الجلسة، اعتمد المجلس بتوافق الآراء قرارين، يتعلق الأول بدعم الأونروا، والثاني بالمساعدات الإنسانية المقدمة إلى السودان.",
      "وتجدر الإشارة إلى أن الدورة المقبلة للمجلس ستُعقد في أيلول/سبتمبر المقبل.",
    ];
    const en = [
      "At the close of the meeting, the Council adopted two resolutions by consensus, the first in support of UNRWA and the second on humanitarian assistance to Sudan.",
    ];
    expect(alignSentences(ar, en, { paragraphs: { ar: [0, 0], en: [0] } }).map(key)).toEqual(["0:0", "1:"]);
  });
});

describe("a lexicon learned from aligned pairs", () => {
  it("stems words on both sides and keeps pairs that co-occur strongly", () => {
    expect(arabicLexiconKey("والمفاوضات")).toBe("مفاوض");
    expect(arabicLexiconKey("في")).toBe("");
    expect(englishLexiconKey("Negotiations")).toBe("negotiation");
    const pairs = [
      { ar: "استؤنفت المفاوضات اليوم", en: "Negotiations resumed today" },
      { ar: "تعثرت المفاوضات مجدداً", en: "The negotiations stalled again" },
      { ar: "المفاوضات مستمرة", en: "Negotiations continue" },
      { ar: "وصل الوفد اليوم", en: "The delegation arrived today" },
    ];
    const lexicon = learnLexicon(pairs);
    expect(lexicon.translations("مفاوض")).toEqual(["negotiation"]);
    expect(lexicon.translations("وفد")).toBeUndefined(); // seen once
    expect(learnLexicon([...pairs].reverse()).entries()).toEqual(lexicon.entries());
  });

  it("learns what counting every pair of words learns (slow reference, random pairs)", () => {
    // The reference: every pair of stems counted, then the same thresholds and the same tie-breaking.
    const reference = (pairs: { ar: string; en: string }[]) => {
      const arCount = new Map<string, number>();
      const enCount = new Map<string, number>();
      const joint = new Map<string, number>();
      for (const p of pairs) {
        const ak = arabicKeys(p.ar);
        const ek = englishKeys(p.en);
        if (ak.size === 0 || ek.size === 0 || ak.size > 80 || ek.size > 80) continue;
        for (const a of ak) arCount.set(a, (arCount.get(a) ?? 0) + 1);
        for (const e of ek) enCount.set(e, (enCount.get(e) ?? 0) + 1);
        for (const a of ak) for (const e of ek) joint.set(`${a}\t${e}`, (joint.get(`${a}\t${e}`) ?? 0) + 1);
      }
      const byEnglish = new Map<string, { ar: string; dice: number }[]>();
      for (const [k, n] of joint) {
        const [a, e] = k.split("\t") as [string, string];
        const dice = (2 * n) / ((arCount.get(a) ?? 0) + (enCount.get(e) ?? 0));
        if (n < MIN_PAIRS || dice < MIN_DICE) continue;
        byEnglish.set(e, [...(byEnglish.get(e) ?? []), { ar: a, dice }]);
      }
      const entries: [string, string][] = [];
      for (const [e, list] of byEnglish) {
        list.sort((x, y) => y.dice - x.dice || (x.ar < y.ar ? -1 : 1));
        for (const { ar } of list.slice(0, 2)) entries.push([ar, e]);
      }
      return lexiconFromEntries(entries).entries();
    };
    const random = rng(1313);
    const arWords = Array.from({ length: 40 }, () =>
      Array.from({ length: 4 }, () => pick(random, [..."جدرسصطعغقمحخزشض"])).join(""),
    );
    const enWords = Array.from({ length: 40 }, () =>
      Array.from({ length: 6 }, () => pick(random, [..."bcdfghjkmnprtvwz"])).join(""),
    );
    let learned = 0;
    for (let round = 0; round < 30; round++) {
      const pairs = Array.from({ length: 5 + randomInt(random, 60) }, () => {
        // Skewed word choice, and a translation that is sometimes another word or missing.
        const ids = Array.from({ length: 1 + randomInt(random, 8) }, () => Math.floor(random() ** 2 * 40));
        return {
          ar: ids.map((i) => arWords[i]).join(" "),
          en: ids
            .filter(() => random() > 0.15)
            .map((i) => enWords[random() < 0.1 ? randomInt(random, 40) : i])
            .join(" "),
        };
      });
      const fast = learnLexicon(pairs).entries();
      expect(fast).toEqual(reference(pairs));
      learned += fast.length;
    }
    expect(learned).toBeGreaterThan(100);
  });

  it("decides an alignment that lengths alone cannot", () => {
    const lexicon = lexiconFromEntries([
      ["زراع", "agriculture"],
      ["طاق", "energy"],
      ["سياح", "tourism"],
    ]);
    const ar = [
      "تعاون في مجال الزراعة والري.",
      "تعاون في مجال الطاقة والنفط.",
      "تعاون في مجال السياحة والسفر.",
    ];
    const en = ["Cooperation on energy and oil.", "Cooperation on tourism and travel."];
    expect(alignSentences(ar, en, { lexicon }).map(key)).toEqual(["0:", "1:0", "2:1"]);
    expect(alignSentences(ar, en).map(key)).not.toEqual(["0:", "1:0", "2:1"]);
  });
});

describe("a sentence left out at a paragraph's edge", () => {
  // Made-up words a memory lexicon knows, so that only the lexicon, not the words' look, can pair them.
  const random = rng(2026);
  const arWord = () => Array.from({ length: 4 }, () => pick(random, [..."جدرسصطعغقمحخزشض"])).join("");
  const enWord = () => Array.from({ length: 7 }, () => pick(random, [..."bcdfghjkmnprtvwz"])).join("");

  it("is a bead of its own when the memory's lexicon knows its words (start and end of a paragraph)", () => {
    for (const counts of [
      [2, 1, 2],
      [3, 1, 3],
    ])
      for (const left of [0, 2]) {
        const words = counts.map((n) => Array.from({ length: n }, () => ({ ar: arWord(), en: enWord() })));
        const lexicon = lexiconFromEntries(words.flat().map((w) => [w.ar, w.en] as [string, string]));
        const ar = words.map((ws) => `تعاون في مجال ${ws.map((w) => w.ar).join(" و")} والنقل.`).join(" ");
        const en = words
          .filter((_, k) => k !== left)
          .map((ws) => `Cooperation on ${ws.map((w) => w.en).join(" and ")} and transport.`)
          .join(" ");
        const gold = [0, 1, 2].map((k) => (k === left ? `${k}:` : `${k}:${k < left ? k : k - 1}`));
        expect(alignTexts(ar, en, { lexicon }).beads.map(key)).toEqual(gold);
        expect(alignTexts(ar, en).beads.map(key)).not.toEqual(gold);
      }
  });

  it("where lengths and one number cannot tell, the pairing goes to review (scored below 0.9)", () => {
    const ar = [
      "وصل الوزير إلى العاصمة مساء أمس في زيارة رسمية تستغرق ثلاثة أيام.",
      "وعقد الوزير جلسة مباحثات مع نظيره تناولت العلاقات الثنائية وسبل تطويرها في مختلف المجالات.",
      "",
      "وكانت الوزارة قد أعلنت عن الزيارة في بيان صدر يوم 14 مارس الماضي عبر موقعها الإلكتروني.",
      "واتفق الجانبان على تعزيز التعاون في مجالات الطاقة والتجارة والاستثمار خلال المرحلة المقبلة.",
      "وأكد الوزيران أهمية مواصلة التشاور والتنسيق إزاء القضايا الإقليمية والدولية ذات الاهتمام المشترك.",
    ];
    const en = [
      "The Minister arrived in the capital yesterday evening on a three-day official visit.",
      "The Minister held talks with his counterpart on bilateral relations and ways to develop them in all fields.",
      "",
      "The two sides agreed to strengthen cooperation in energy, trade and investment in the coming period.",
      "The two ministers stressed the importance of continued consultation and coordination on regional and international issues of common interest.",
    ];
    const text = (xs: string[]) => xs.join(" ").replace(/ {2}/g, "\n\n");
    const beads = alignTexts(text(ar), text(en)).beads;
    // Gold: 2: (the announcement, untranslated), 3:2, 4:3. Whatever the aligner pairs around it, a bead
    // that is not gold must not be scored as sure.
    const gold = new Set(["0:0", "1:1", "2:", "3:2", "4:3"]);
    for (const b of beads) if (!gold.has(key(b))) expect(b.score).toBeLessThan(0.9);
  });
});

describe("a sentence added or left out inside a paragraph, with anchors of its own", () => {
  // An explanation a translator adds (or an aside left untranslated) carries names, numbers or terms the
  // other side's neighbour lacks; a sentence split off a longer one carries some of that one's anchors.
  const ar = [
    "وعقد الوزيران جلسة مباحثات تناولت العلاقات الثنائية وسبل تطويرها في مختلف المجالات.",
    "واتفق الجانبان على استئناف المفاوضات حول اتفاقية التجارة الحرة، حيث بلغ حجم التبادل التجاري ٤٫٢ مليار دولار في عام ٢٠٢٥.",
    "وأكد الوزيران أهمية مواصلة التشاور والتنسيق إزاء القضايا الإقليمية والدولية.",
  ];
  const en = [
    "The two ministers held talks on bilateral relations and ways to develop them in all fields.",
    "They agreed to resume negotiations on a free trade agreement.",
    "Trade between the two countries reached $4.2 billion in 2025.",
    "The association has 10 member States and was founded in 1967.",
    "The ministers stressed the importance of continued consultation and coordination on regional and international issues.",
  ];
  const withoutTest = { ...ALIGN_MODEL, unsupportedMember: 0 };

  it("places an English addition as 0-1 and keeps the translator's split as 1-2", () => {
    const paragraphs = { ar: [0, 0, 0], en: [0, 0, 0, 0, 0] };
    const beads = alignSentences(ar, en, { paragraphs });
    expect(beads.map(key)).toEqual(["0:0", "1:1,2", ":3", "2:4"]);
    for (const b of beads) expect(b.score).toBeGreaterThan(0.9);
    // Without the test the addition is absorbed into a 1-3 bead.
    expect(alignSentences(ar, en, { paragraphs, model: withoutTest }).map(key)).toContain("1:1,2,3");
  });

  it("places an untranslated Arabic sentence as 1-0 beside a 2-1, with more confidence", () => {
    const arSplit = [
      ar[0] as string,
      "واتفق الجانبان على استئناف المفاوضات حول اتفاقية التجارة الحرة.",
      "وبلغ حجم التبادل التجاري ٤٫٢ مليار دولار في عام ٢٠٢٥.",
      "ويضم التجمع عشر دول أعضاء وقد تأسس عام ١٩٦٧.",
      ar[2] as string,
    ];
    const enJoined = [
      en[0] as string,
      "They agreed to resume negotiations on a free trade agreement, trade having reached $4.2 billion in 2025.",
      en[4] as string,
    ];
    const paragraphs = { ar: [0, 0, 0, 0, 0], en: [0, 0, 0] };
    const beads = alignSentences(arSplit, enJoined, { paragraphs });
    const before = alignSentences(arSplit, enJoined, { paragraphs, model: withoutTest });
    expect(beads.map(key)).toEqual(["0:0", "1,2:1", "3:", "4:2"]);
    expect(beads[2]?.score).toBeGreaterThan(0.9);
    expect(before[2]?.score).toBeLessThan(0.5);
  });
});
