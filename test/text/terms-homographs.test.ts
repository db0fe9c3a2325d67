import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Lang } from "../../src/types";
import { loadSeedGlossary, recognizedTerms } from "../fixtures/glossary";

// Homograph classes of session 6 (docs/quality.md, "Session 6: homograph classes"): declared senses and
// rules of terms-sense.ts, and the feminine of two-word titles (terms-build.ts). Sentences written for
// these tests in the style of communiqués, interviews and reports; none is taken from an evaluation set.

const seed = loadSeedGlossary(env.SEED_TSV);

function hits(text: string): string[] {
  const lang: Lang = /[a-z]/i.test(text) ? "en" : "ar";
  return recognizedTerms(seed, text, lang).map((h) => `${h.surface}=${h.key}`);
}
const keysOf = (text: string) => hits(text).map((h) => h.split("=")[1]);

describe("in construct only with a body: a government's or a person's decision is not a resolution", () => {
  it.each([
    ["ورحب الوزير بقرار حكومة كندا تقديم منحة إضافية.", "resolution"],
    ["وانتقد البيان قرار الحكومة خفض المساعدات.", "resolution"],
    ["Both sides stressed the resolution of their differences by dialogue.", "resolution"],
    ["The resolution of the crisis requires patience.", "resolution"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["وأشار إلى قرار مجلس الأمن بشأن الهدنة.", "resolution"],
    ["وطالب بتنفيذ قرار الجمعية العامة دون تأخير.", "resolution"],
    ["واعتمد المؤتمر قرار رقم 12 بالإجماع.", "resolution"],
    ["وصدر قرار أممي جديد يدعو إلى الهدنة.", "resolution"],
    ["وأكد البيان أهمية قرارات الشرعية الدولية.", "resolution"],
    ["They recalled the resolution of the General Assembly on the matter.", "resolution"],
    ["They recalled the resolutions of the conference.", "resolution"],
  ])("still a resolution: %s", (text, key) => {
    expect(keysOf(text)).toContain(key);
  });
});

describe("other sense with ب before: in agreement with, by agreement of the parties", () => {
  it("بالاتفاق مع and باتفاق الجانبين are the act of agreeing", () => {
    expect(keysOf("وتم ترتيب الرحلات بالاتفاق مع السلطات المحلية.")).not.toContain("agreement");
    expect(keysOf("ويجوز تمديد المهلة باتفاق الجانبين.")).not.toContain("agreement");
  });
  it("an agreement with a State and باتفاق + an instrument stay", () => {
    expect(keysOf("وأكد أن أي اتفاق مع الجانب الآخر يجب أن يكون شاملاً.")).toContain("agreement");
    expect(keysOf("والتزم الطرفان باتفاق وقف إطلاق النار.")).toContain("agreement");
  });
});

describe("declared senses of session 6", () => {
  it.each([
    ["وقد أدخلت دورة العنف المنطقة في أزمة طويلة.", "session"],
    ["Staff attended a training session on consular protection.", "session"],
    ["The matter was raised at a cabinet session on Monday.", "session"],
    ["ووقع البلدان عدداً من الاتفاقيات الثنائية في مجال النقل.", "convention"],
    ["وترد التفاصيل في ملحق مرفق بالاتفاق.", "attache"],
    ["ويرى بعض المراقبين أن المفاوضات ستطول.", "observer"],
    ["ولا يخفى على أي مراقب للشؤون الإقليمية أن الوضع هش.", "observer"],
    ["Some observers expect the talks to stall.", "observer"],
    ["A keen observer of regional politics would disagree.", "observer"],
    ["She has no intention of meeting the press today.", "meeting"],
    ["The course covers negotiation, protocol and drafting.", "protocol-instrument"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["وتعقد الجمعية العامة دورتها العادية في أيلول.", "session"],
    ["The session of the Commission opened in Vienna.", "session"],
    ["وانضمت الدولة إلى الاتفاقية الدولية لمكافحة التصحر.", "convention"],
    ["وعين ملحق عسكري جديد في السفارة.", "attache"],
    ["وألقى مراقب الاتحاد الأفريقي كلمة أمام المجلس.", "observer"],
    ["The observer of the African Union took the floor.", "observer"],
    ["The meeting was adjourned at noon.", "meeting"],
    ["They signed the Additional Protocol to the Convention.", "protocol-instrument"],
    ["The protocol on trade will enter into force next year.", "protocol-instrument"],
  ])("still the term: %s", (text, key) => {
    expect(keysOf(text)).toContain(key);
  });
});

describe("also a verb (Arabic): التدخل", () => {
  it("the verb after a particle or before a demonstrative", () => {
    expect(keysOf("ويجب ألا تدخل القوات المنطقة العازلة، ولن تدخل أي قوة أخرى.")).not.toContain(
      "interference",
    );
    expect(keysOf("تدخل هذه الاتفاقية حيز النفاذ بعد التصديق عليها.")).not.toContain("interference");
  });
  it("the noun stays, also after أن", () => {
    expect(keysOf("وأكد أن التدخل في الشؤون الداخلية مرفوض.")).toContain("interference");
  });
});

describe("other sense before a name: a head of State is not a chair", () => {
  it("الرئيس + a first name and a surname, or عبد + a definite word", () => {
    expect(keysOf("واستقبل الرئيس إيمانويل ماكرون الوفد في باريس.")).not.toContain("chair");
    expect(keysOf("وقال الرئيس عبد المجيد تبون إن بلاده مستعدة.")).not.toContain("chair");
  });
  it("the chair stays: before a particle, a verb's object in construct, a predicate", () => {
    expect(keysOf("وقال الرئيس إن الجلسة ستستأنف غداً.")).toContain("chair");
    expect(keysOf("وأعلن الرئيس رفع الجلسة.")).toContain("chair");
    expect(keysOf("وأكدت الرئيسة مسؤولة عن إدارة المناقشة.")).toContain("chair");
  });
});

describe("feminine of a two-word title, its adjective agreeing", () => {
  it("المديرة العامة, المبعوثة الخاصة", () => {
    expect(hits("وافتتحت المديرة العامة للمنظمة الاجتماع.")).toContain("المديرة العامة=director-general");
    expect(hits("والتقت المبعوثة الخاصة بالأطراف.")).toContain("المبعوثة الخاصة=special-envoy");
  });
  it("the masculine still, and a declared broken plural", () => {
    expect(hits("وافتتح المدير العام للمنظمة الاجتماع.")).toContain("المدير العام=director-general");
    expect(keysOf("وأودعت صكوك التصديق لدى الأمين العام.")).toContain("instrument-of-ratification");
  });
});

describe("the evidence of sense needs stops at a line ending in punctuation", () => {
  it("a preambular line does not lend its words to the next", () => {
    const text = "إذ يستذكر ميثاق الأمم المتحدة،\nوبعد اطلاعه على تقرير الأمانة العامة بشأن الميزانية،";
    expect(keysOf(text)).not.toContain("un-secretariat");
    expect(keysOf("وبعد اطلاعه على تقرير الأمانة العامة للأمم المتحدة")).toContain("un-secretariat");
  });
});

// Session 6, round 2 (docs/quality.md): declarations and the anaphor rule; sentences of our own.
describe("declared senses of session 6, round 2", () => {
  it.each([
    ["ووقعت الوزارة اتفاقية مع شركة محلية لتطوير الموانئ.", "convention"],
    ["وتنص اتفاقية بين البلدين على إعفاء متبادل من التأشيرات.", "convention"],
    ["ويعاني كثيرون في سبيل لقمة العيش.", "summit"],
    ["ونحن على اتفاق تام مع شركائنا في هذا الشأن.", "agreement"],
    ["واجتمع مجلس التعاون التجاري بين غرفتي التجارة.", "gcc"],
    ["وقال مدير الجلسة إن الوقت انتهى.", "meeting"],
    ["ويحق للدولة إعلان أي دبلوماسي شخصاً غير مرغوب فيه.", "declaration"],
    ["وانتقد الوزير قرار بعض الشركات وقف الرحلات.", "resolution"],
    ["واتخذت الشركة قراراً أحادياً بإغلاق الفرع.", "resolution"],
  ])("%s", (text, key) => {
    expect(keysOf(text)).not.toContain(key);
  });

  it.each([
    ["وانضمت الدولة إلى اتفاقية الأمم المتحدة لمكافحة الفساد.", "convention"],
    ["وعقدت القمة العربية في الرياض.", "summit"],
    ["ورحب الطرفان بالتوقيع على اتفاق بين الحكومة والمعارضة.", "agreement"],
    ["وأكد مجلس التعاون دعمه للحل السياسي.", "gcc"],
    ["وافتتح رئيس الجلسة أعمال الجلسة الثانية.", "meeting"],
    ["واعتمد المؤتمر إعلان الرياض بالإجماع.", "declaration"],
    ["ورحب بقرار مجلس الأمن بشأن الهدنة.", "resolution"],
  ])("still the term: %s", (text, key) => {
    expect(keysOf(text)).toContain(key);
  });

  it("ولاية of a special envoy is a mandate (an envoy is an office holder)", () => {
    expect(keysOf("وقرر تعيين مبعوث خاص على أن تحدد ولايته لاحقاً.")).toContain("mandate");
    expect(keysOf("وزار الوفد ولاية الخرطوم.")).not.toContain("mandate");
  });
});

describe("same sense when it refers back: الاتفاقية after a bilateral اتفاقية", () => {
  const bilateral =
    "اتفاقية بين حكومة البلد الأول وحكومة البلد الثاني بشأن النقل الجوي.\nالمادة ١\nتدخل هذه الاتفاقية حيز النفاذ بعد شهر.\nوتطبق الاتفاقية على الرحلات المنتظمة.";
  it("every الاتفاقية of the text takes the sense of its first اتفاقية", () => {
    expect(keysOf(bilateral)).not.toContain("convention");
  });
  it("a convention named after it (a definite word follows) keeps its own sense", () => {
    expect(keysOf(`${bilateral}\nولا تمس أحكامها الاتفاقية الدولية للاتصالات.`)).toContain("convention");
  });
  it("after a convention, الاتفاقية is the convention", () => {
    const text = "وصادقت الدولة على اتفاقية مكافحة التصحر.\nوتلزم الاتفاقية الدول الأطراف بتقديم تقارير.";
    expect(hits(text).filter((h) => h.endsWith("=convention"))).toHaveLength(2);
  });
});
