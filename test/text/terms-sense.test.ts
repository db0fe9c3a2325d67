import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buildTermMatcher, recognizeTerms } from "../../src/text/terms";
import { senseOf } from "../../src/text/terms-sense";
import type { Lang } from "../../src/types";
import { loadSeedGlossary, recognizedTerms } from "../fixtures/glossary";

// Sense checks of term recognition (terms-sense.ts): homographs told apart by what the glossary declares
// in a term's note (glossary/README.md, "Declared senses") and by the shape of the term. Sentences written
// for these tests in the style of communiqués, reports and briefings; none is taken from an evaluation set.

const seed = loadSeedGlossary(env.SEED_TSV);

/** Primary hits as "surface=key". */
function hits(text: string): string[] {
  const lang: Lang = /[a-z]/i.test(text) ? "en" : "ar";
  return recognizedTerms(seed, text, lang).map((h) => `${h.surface}=${h.key}`);
}
const keysOf = (text: string) => hits(text).map((h) => h.split("=")[1]);

describe("declared: also a verb (English)", () => {
  it.each([
    ["The Assembly will vote on the draft tomorrow.", "vote"],
    ["Several members said they would veto any such text.", "veto"],
    ["The occupying Power must not annex the territory.", "annex"],
    ["It decided to mandate the Panel to report monthly.", "mandate"],
    ["The Committee may delegate this task to its Bureau.", "delegate"],
    ["They did not blockade the port.", "blockade"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["The vote will take place on Monday.", "vote"],
    ["A veto was cast by one permanent member.", "veto"],
    ["The list is contained in annex II.", "annex"],
    ["The Council extended the mandate of the mission.", "mandate"],
    ["They called for an end to the blockade.", "blockade"],
  ])("still the noun: %s", (text, key) => {
    expect(keysOf(text)).toContain(key);
  });

  it("only for terms the glossary declares: a noun after to stays a term", () => {
    expect(keysOf("They reaffirmed their commitment to dialogue.")).toContain("dialogue");
  });
});

describe("declared: sense needs a word nearby", () => {
  it.each([
    ["تقع المدينة في ولاية جنوب كردفان", "mandate"],
    ["وزار الوفد ولاية كاليفورنيا الأمريكية", "mandate"],
    ["يجب الحد من الاعتماد على الواردات", "accreditation"],
    ["طالبت الحكومة بضمانات أمنية قبل الانسحاب", "safeguards"],
    ["قدّم البنك ضمانات قروض للشركات الصغيرة", "safeguards"],
    ["يتضمن الملحق الإحصائي أرقام الربع الثالث", "attache"],
    ["وقال مستشار الرئيس للشؤون الاقتصادية إن النمو سيتحسن", "counsellor"],
    ["أطلقت البلدان الثلاثة آلية التعاون الثلاثي بينها في مجال النقل", "triangular-cooperation"],
    ["أصدرت الأمانة العامة لجامعة الدول العربية تقريرها", "un-secretariat"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["قرر مجلس الأمن تمديد ولاية البعثة ستة أشهر", "ولاية=mandate"],
    ["وقال رئيس البعثة: لن نتخلى عن ولايتنا", "ولايتنا=mandate"],
    ["قدم السفير أوراق اعتماده وجرى الاعتماد لدى الحكومة المضيفة", "الاعتماد=accreditation"],
    ["تخضع المنشآت النووية لنظام الضمانات", "الضمانات=safeguards"],
    ["حضر الملحق العسكري في السفارة الاجتماع", "الملحق=attache"],
    ["عُيّن مستشاراً في سفارة بلاده لدى إيطاليا", "مستشاراً=counsellor"],
    ["يدعم التعاون الثلاثي تعاون بلدان الجنوب النامية", "التعاون الثلاثي=triangular-cooperation"],
    ["قدمت الأمانة العامة تقريرها إلى الدول الأعضاء في الأمم المتحدة", "الأمانة العامة=un-secretariat"],
  ])("still the term: %s", (text, expected) => {
    expect(hits(text)).toContain(expected);
  });

  it("the evidence is sought in the same sentence only", () => {
    expect(keysOf("جددت البعثة نشاطها. وتقع المدينة في ولاية النيل")).not.toContain("mandate");
    // An abbreviated title's period does not end the sentence.
    expect(keysOf("قال رئيس البعثة د. سمير: لن نتخلى عن ولايتنا")).toContain("mandate");
  });
});

describe("declared: other sense before a gentilic; construct only with a place", () => {
  it.each([
    ["رفضت الحكومة التدخل في قرارها الوطني", "resolution"],
    ["اتخذت الشركة قراراً عربياً مشتركاً", "resolution"],
    ["يتوقع البنك استقرار أسعار الصرف", "stability"],
    ["ساهمت السياسة النقدية في استقرار العملة", "stability"],
    ["The bank forecasts the stability of exchange rates.", "stability"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["دعا إلى التنفيذ الكامل لقرار مجلس الأمن", "لقرار=resolution"],
    ["اعتمدت الجمعية القرار بأغلبية كبيرة", "القرار=resolution"],
    ["أكدوا أهمية استقرار المنطقة", "استقرار=stability"],
    ["أكدوا دعمهم لاستقرار مصر وأمنها", "لاستقرار=stability"],
    ["يتطلب ذلك استقرار وأمن البلاد", "استقرار=stability"],
    ["لا تنمية بدون الاستقرار", "الاستقرار=stability"],
    ["They stressed the stability of the region.", "stability=stability"],
    ["They stressed the stability of Lebanon.", "stability=stability"],
  ])("still the term: %s", (text, expected) => {
    expect(hits(text)).toContain(expected);
  });
});

describe("declared: other sense before / after a word, or in construct", () => {
  it.each([
    ["أعلنت الوزارة الإعلان عن موعد الانتخابات", "declaration"],
    ["They called for a peaceful resolution of the dispute.", "resolution"],
    ["He was honoured in recognition of his service.", "recognition-of-states"],
    ["Several delegations expressed reservations about the timetable.", "reservation"],
    ["استقبلت الحكومة المقترح بتحفظ شديد", "reservation"],
    ["أقيمت مراسم التوقيع في القصر", "diplomatic-protocol"],
    ["The two ministers were in agreement with that view.", "agreement"],
    ["Charter flights evacuated the nationals.", "charter"],
    ["أجرى رئيس الوزراء تعديلاً وزارياً محدوداً", "amendment"],
    ["نظمت السفارة دورة تدريبية للدبلوماسيين الشباب", "session"],
    ["صدر قانون العقوبات الجديد", "sanctions"],
    ["فرضت السلطات حظر التجول في المدينة", "embargo"],
    ["The central bank watches financial stability closely.", "stability"],
    ["يراقب البنك المركزي الاستقرار المالي", "stability"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["أيد الوزراء إعلان الرياض", "إعلان=declaration"],
    ["The Council adopted resolution 2417 unanimously.", "resolution=resolution"],
    ["They welcomed the recognition by several States.", "recognition=recognition-of-states"],
    ["Two States entered a reservation to article 9 of the Convention.", "reservation=reservation"],
    ["أبدت الدولة التحفظ على المادة الثالثة من الاتفاقية", "التحفظ=reservation"],
    ["يتولى قسم المراسم تنظيم الزيارة", "المراسم=diplomatic-protocol"],
    ["استقبله رئيس المراسم في وزارة الخارجية", "رئيس المراسم=chief-of-protocol"],
    ["تعمل مصر مع الوسطاء على تثبيت الهدنة", "الوسطاء=mediator"],
    ["The parties signed an agreement in Doha.", "agreement=agreement"],
    ["The charter of the new organization was signed.", "charter=charter"],
    ["اقترحت الدولة تعديلاً على المادة الخامسة من الاتفاقية", "تعديلاً=amendment"],
    ["افتتحت الجمعية العامة دورتها العادية", "دورتها=session"],
    ["رفض المجلس فرض العقوبات على البلاد", "العقوبات=sanctions"],
    ["مدد المجلس الحظر المفروض على الأسلحة", "الحظر=embargo"],
  ])("still the term: %s", (text, expected) => {
    expect(hits(text)).toContain(expected);
  });
});

describe("structural: the shape of the term", () => {
  it("a participle مفعل after a definite noun agrees with it", () => {
    expect(keysOf("ترد الأرقام في الجدول المرفق بهذه الرسالة")).not.toContain("annex");
    expect(keysOf("ترد الأرقام في المرفق الأول للرسالة")).toContain("annex");
  });

  it("a place the glossary writes with the article, without it in construct, is another place", () => {
    expect(keysOf("رست السفينة في خليج عمان")).not.toContain("gulf");
    expect(keysOf("The ship anchored in the Gulf of Oman.")).not.toContain("gulf");
    expect(hits("أكدوا أهمية الأمن في الخليج")).toContain("الخليج=gulf");
    expect(hits("security in the Gulf region")).toContain("Gulf=gulf");
  });

  it("a participle in مت- in the accusative without the article is a circumstantial clause", () => {
    expect(keysOf("وقال مندوب غانا، متحدثاً باسم المجموعة الأفريقية، إن")).not.toContain("spokesperson");
    expect(keysOf("وقال المتحدث باسم الوزارة إن")).toContain("spokesperson");
  });

  it("a title after Deputy / نائب is the deputy's title", () => {
    expect(keysOf("He met the Deputy Prime Minister of Jordan.")).not.toContain("prime-minister");
    const deputy = keysOf("استقبل نائب رئيس الوزراء الوفد");
    expect(deputy).not.toContain("prime-minister");
    expect(deputy).not.toContain("vice-president");
    expect(keysOf("He met the Prime Minister of Jordan.")).toContain("prime-minister");
    expect(hits("استقبل نائب الرئيس الوفد")).toContain("نائب الرئيس=vice-president");
    expect(hits("التقى نائب وزير الخارجية")).toContain("نائب وزير الخارجية=deputy-foreign-minister");
  });

  it("a construct word belongs to the term that starts on it", () => {
    // No domain: the deputy rule stays out of it.
    const m = buildTermMatcher([
      { id: 1, terms: [{ lang: "ar", text: "نائب الرئيس", status: "preferred" }] },
      { id: 2, terms: [{ lang: "ar", text: "رئيس الوزراء", status: "preferred" }] },
    ]);
    const found = recognizeTerms(m, "استقبل نائب رئيس الوزراء الوفد", "ar").map((h) => h.entryId);
    expect(found).toEqual([2]);
    expect(recognizeTerms(m, "استقبل نائب الرئيس الوفد", "ar").map((h) => h.entryId)).toEqual([1]);
    expect(recognizeTerms(m, "استقبل نائب رئيس الجمهورية الوفد", "ar").map((h) => h.entryId)).toEqual([1]);
  });
});

describe("a body in construct qualified by a gentilic is another owner's", () => {
  it("رئيسة جمعية وطنية is not the chair", () => {
    expect(keysOf("قالت رئيسة الجمعية الوطنية إن")).not.toContain("chair");
    expect(hits("أعلنت رئيسة الجمعية العامة افتتاح الدورة")).toContain(
      "رئيسة الجمعية العامة=president-of-general-assembly",
    );
  });
});

describe("declared in session 5, round 2: joining, agreeing, another council", () => {
  it.each([
    // Joining a group or a bank is not accession to a treaty (the definition's instrument is absent).
    ["أعلنت الحكومة رغبتها في الانضمام إلى منظمة شنغهاي للتعاون", "accession"],
    ["رحب الاتحاد بانضمام ثلاثة لاعبين جدد إلى الفريق الوطني", "accession"],
    // اتفاق على: the act of agreeing on something, not an instrument.
    ["وأسفرت المحادثات عن اتفاق على مواصلة الحوار الشهر المقبل", "agreement"],
    // A council of cooperation qualified otherwise is another council, not the GCC.
    ["عقد مجلس التعاون الاستراتيجي بين البلدين اجتماعه الأول في أنقرة", "gcc"],
    ["ناقش مجلس التعاون المشترك بين الوزارتين خطة العام المقبل", "gcc"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["أودعت الدولة صك الانضمام إلى المعاهدة لدى الأمين العام", "accession"],
    ["يفتح باب الانضمام إلى الاتفاقية أمام جميع الدول", "accession"],
    ["وقّع الطرفان اتفاق وقف إطلاق النار في العاصمة", "agreement"],
    ["اجتمع وزراء خارجية دول مجلس التعاون في الرياض", "gcc"],
    ["قدّم المقرر الخاص تقريره إلى الجمعية العامة وفق الولاية المسندة إليه", "mandate"],
    ["جدّدت الوكالة التزامها بالولاية التي أسندتها إليها الجمعية العامة", "mandate"],
  ])("still the term: %s", (text, key) => {
    expect(keysOf(text)).toContain(key);
  });

  it("a declared broken plural inside a multi-word term: أعباء of عبء", () => {
    expect(keysOf("دعا الوزراء إلى تخفيف أعباء الديون عن البلدان الأقل نمواً")).toContain("debt-relief");
  });
});

describe("senseOf: which terms get checks", () => {
  it("reads the declared phrases of a note and the term's shape", () => {
    expect(senseOf("vote", "en", "diplomacy and protocol", "also a verb")?.verb).toBe(true);
    expect(senseOf("vote", "en", "diplomacy and protocol", "")).toBeNull();
    expect(senseOf("ولاية", "ar", "instruments", "x; sense needs: بعثة، البعثات, تجديد")?.needs).toEqual([
      "بعثه",
      "بعثات",
      "تجديد",
    ]);
    expect(senseOf("مرفق", "ar", "instruments", null)?.participle).toBe(true);
    expect(senseOf("الخليج", "ar", "geography", null)?.definitePlace).toBe(true);
    expect(senseOf("المعاهدة", "ar", "instruments", null)).toBeNull();
  });
});
