import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { arabicShare, checkSegmentPair, type QaIssue } from "../../src/text/qa";
import { loadSeedGlossary } from "../fixtures/glossary";
import { pick, randomInt, rng } from "../support/random";

const glossary = loadSeedGlossary(env.SEED_TSV);
const ctx = { matcher: glossary.matcher, entries: glossary.byId };
const check = (ar: string, en: string | null) => checkSegmentPair(ar, en, ctx);
const types = (issues: QaIssue[]) => issues.map((i) => i.type).sort();
const id = (key: string) => {
  const found = glossary.idOf.get(key);
  if (found === undefined) throw new Error(`seed glossary has no entry ${key}`);
  return found;
};

describe("checkSegmentPair", () => {
  it("raises nothing on a clean pair", () => {
    const pairs: [string, string][] = [
      [
        "ورحب وانغ بالأعضاء الجدد في عائلة البريكس، مشيرا إلى أن مجلس الأمن عقد 3 اجتماعات في ١٥ أيار/مايو ٢٠٢٥.",
        "Wang welcomed the new members of the BRICS family, noting that the Security Council held 3 meetings on 15 May 2025.",
      ],
      [
        "وقال المتحدث: «لن نتراجع عن ولايتنا» (انظر الموقع https://press.un.org/ar/).",
        'The spokesperson said: "We will not back down from our mandate" (see https://press.un.org/en/).',
      ],
      [
        "وقتل اثنان من حفظة السلام وأصيب 5 آخرون.",
        "Two peacekeepers were killed and five others were injured.",
      ],
      [
        "وبلغت الميزانية ١٬٢٠٠ مليون دولار بزيادة ٣٫٥ في المائة.",
        "The budget reached 1,200 million dollars, up 3.5 per cent.",
      ],
      ["الاجتماع الـ14 لمجموعة العشرين.", "The 14th meeting of the G20."],
    ];
    for (const [ar, en] of pairs) expect(check(ar, en), en).toEqual([]);
  });

  it("reports an empty target, and only that", () => {
    expect(types(check("أدان مجلس الأمن الهجوم.", null))).toEqual(["empty-target"]);
    expect(types(check("أدان مجلس الأمن الهجوم.", "  \n"))).toEqual(["empty-target"]);
    expect(check("أدان مجلس الأمن الهجوم.", "")[0]?.severity).toBe("error");
  });

  it("reports a target that is the source or mostly Arabic as untranslated", () => {
    expect(types(check("أدان مجلس الأمن الهجوم.", "أدان مجلس الأمن الهجوم."))).toEqual(["untranslated"]);
    expect(types(check("أدان مجلس الأمن الهجوم.", "أدانَ مجلسُ الأمنِ الهجوم"))).toEqual(["untranslated"]);
    expect(types(check("أدان مجلس الأمن الهجوم.", "The Security Council أدان الهجوم بشدة في بيانه"))).toEqual(
      ["untranslated"],
    );
    expect(types(check("UNDP", "UNDP"))).toEqual(["untranslated"]);
  });

  it("reports an Arabic term whose approved English rendering is missing, with the Arabic span", () => {
    const ar = "رحب وانغ بالأعضاء الجدد في عائلة البريكس.";
    const issues = check(ar, "Wang welcomed the new members of the group.");
    const family = issues.find((i) => i.entryId === id("brics-family"));
    expect(family).toMatchObject({ type: "term-missing", severity: "warning", lang: "ar" });
    expect(ar.slice(family?.start, family?.end)).toBe("عائلة البريكس");
    expect(issues.every((i) => i.type === "term-missing")).toBe(true);
    // An admitted English term is as good as the preferred one.
    expect(check("أدان مجلس الأمن الهجوم.", "The UN Security Council condemned the attack.")).toEqual([]);
  });

  it("checks the longest of nested Arabic terms, and accepts any entry of an ambiguous term", () => {
    // مستشار, الأمن الوطني, مجموعة بريكس… lie inside the meeting's name: rendering the name is enough.
    expect(
      check(
        "اجتماع كبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس",
        "Meeting of BRICS High Representatives Responsible for National Security",
      ),
    ).toEqual([]);
    const missing = check(
      "اجتماع كبار المسؤولين الأمنيين ومستشاري الأمن الوطني في مجموعة بريكس",
      "A meeting",
    );
    expect(missing.map((i) => i.entryId)).toEqual([id("brics-nsa-meeting")]);
    // البيان المشترك is listed under two entries: a joint statement satisfies it.
    expect(check("صدر البيان المشترك اليوم.", "The joint statement was issued today.")).toEqual([]);
  });

  it("reports forbidden and deprecated English terms with their English span", () => {
    const en = "The Security Council of the UN condemned the attack.";
    const issues = check("أدان مجلس الأمن الهجوم.", en);
    expect(types(issues)).toEqual(["term-deprecated"]);
    expect(issues[0]).toMatchObject({ severity: "warning", lang: "en", entryId: id("security-council") });
    expect(en.slice(issues[0]?.start, issues[0]?.end)).toBe("Security Council of the UN");
    expect(issues[0]?.message).toContain('"Security Council"');

    const forbidden = glossary.entries
      .flatMap((e) =>
        e.terms.filter((t) => t.lang === "en" && t.status === "forbidden").map((t) => ({ e, t })),
      )
      .at(0);
    if (forbidden) {
      const arTerm = forbidden.e.terms.find((t) => t.lang === "ar" && t.status === "preferred")?.text ?? "";
      const target = `We discussed ${forbidden.t.text} today.`;
      const got = check(`ناقشنا ${arTerm} اليوم.`, target).filter((i) => i.type === "term-forbidden");
      expect(got).toHaveLength(1);
      expect(got[0]?.severity).toBe("error");
      expect(target.slice(got[0]?.start, got[0]?.end).toLowerCase()).toBe(forbidden.t.text.toLowerCase());
    }
  });

  it("compares numbers across digit systems and separators", () => {
    const ar = "قتل 1.200 شخص في ١٥ أيار، وارتفعت الأسعار ٣٫٥ في المائة.";
    expect(check(ar, "1,200 people were killed on 15 May, and prices rose 3.5 per cent.")).toEqual([]);
    const issues = check(ar, "1,200 people were killed on 16 May, and prices rose 3.5 per cent.");
    expect(types(issues)).toEqual(["number-mismatch", "number-mismatch"]);
    const arIssue = issues.find((i) => i.lang === "ar");
    expect(ar.slice(arIssue?.start, arIssue?.end)).toBe("١٥");
    expect(issues.find((i) => i.lang === "en")?.message).toContain("16");
    expect(types(check("قتل 1.200 شخص.", "12,000 people were killed."))).toEqual([
      "number-mismatch",
      "number-mismatch",
    ]);
    expect(types(check("ارتفعت ٣٫٥ في المائة.", "It rose 35 per cent."))).toEqual([
      "number-mismatch",
      "number-mismatch",
    ]);
  });

  it("lets a digit ordinal match an ordinal word, but not a missing number", () => {
    expect(check("عقد الاجتماع الرابع عشر أمس.", "The 14th meeting was held yesterday.")).toEqual([]);
    expect(check("عقد الاجتماع الـ14 أمس.", "The fourteenth meeting was held yesterday.")).toEqual([]);
    expect(types(check("عقد الاجتماع الـ14 أمس.", "The meeting was held yesterday."))).toEqual([
      "number-mismatch",
    ]);
    expect(types(check("عقد الاجتماع أمس.", "The 14th meeting was held yesterday."))).toEqual([
      "number-mismatch",
    ]);
  });

  it("lets a number match a cardinal word (any of its forms, after a clitic), but not another one", () => {
    expect(check("اجتمع الوزراء في 3 مدن.", "The ministers met in three cities.")).toEqual([]);
    expect(check("اجتمع ثلاثة وزراء.", "3 ministers met.")).toEqual([]);
    expect(check("اجتمع وثلاث وزيرات.", "And 3 ministers met.")).toEqual([]);
    expect(check("اجتمع اثنا عشر وزيرا.", "12 ministers met.")).toEqual([]);
    expect(types(check("اجتمع الوزراء في 3 مدن.", "The ministers met in four cities."))).toEqual([
      "number-mismatch",
    ]);
    expect(types(check("اجتمع ثلاثة وزراء.", "4 ministers met."))).toEqual(["number-mismatch"]);
    // Part of a longer word is not the cardinal.
    expect(types(check("اجتمع الثلاثاء وزراء.", "3 ministers met."))).toEqual(["number-mismatch"]);
  });

  it("counts the Arabic share of letters as the per-character count does (randomised)", () => {
    // The obvious reference: one test per code point.
    const reference = (text: string) => {
      let arabic = 0;
      let letters = 0;
      for (const ch of text) {
        if (!/\p{L}/u.test(ch)) continue;
        letters++;
        if (/\p{Script=Arabic}/u.test(ch)) arabic++;
      }
      return letters === 0 ? 0 : arabic / letters;
    };
    // Arabic letters, Arabic-script non-letters (digits, comma, harakat are Inherited), tatweel (Common
    // letter), Latin, an astral Arabic letter and an astral Latin one, lone surrogates, spaces, punctuation.
    const alphabet = [
      "ب",
      "ة",
      "ی",
      "٣",
      "،",
      "\u064E",
      "ـ",
      "a",
      "Z",
      "é",
      "\u{1EE00}",
      "\u{1D400}",
      "\uD83D",
      "\uDE00",
      " ",
      ".",
      "7",
    ];
    const random = rng(15);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: randomInt(random, 30) }, () => pick(random, alphabet)).join("");
      expect(arabicShare(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(arabicShare("")).toBe(0);
    expect(arabicShare("قال bla")).toBe(3 / 6);
  });

  it("reports unbalanced brackets and quotes on both sides", () => {
    const ar = "عقد الاجتماع (11 سبتمبر في موسكو.";
    const issues = check(ar, 'The meeting was held (11 September) in "Moscow.');
    expect(types(issues)).toEqual(["unbalanced-brackets", "unbalanced-brackets"]);
    expect(issues.find((i) => i.lang === "ar")).toMatchObject({
      start: ar.indexOf("("),
      end: ar.indexOf("(") + 1,
    });
    expect(issues.find((i) => i.lang === "en")?.message).toContain("double quotes");
    expect(types(check("قال: «نعم».", "He said: “yes”)."))).toEqual(["unbalanced-brackets"]);
  });
});

describe("checkSegmentPair with inline codes", () => {
  const open = (id: string, at: number) => ({ kind: "open" as const, id, at });
  const close = (id: string, at: number) => ({ kind: "close" as const, id, at });
  const ph = (id: string, at: number) => ({ kind: "standalone" as const, id, at });
  const types = (ar: string, en: string, codes: Parameters<typeof checkSegmentPair>[3]) =>
    checkSegmentPair(ar, en, ctx, codes).map((i) => [i.type, i.severity, i.message]);

  it("no code issue when the target has the source's codes; none checked without codes", () => {
    const codes = {
      ar: [open("1", 0), close("1", 3), ph("2", 4)],
      en: [open("1", 0), close("1", 5), ph("2", 6)],
    };
    expect(types("قال نص", "Said text", codes).filter(([t]) => String(t).startsWith("code-"))).toEqual([]);
    expect(types("قال نص", "Said text", undefined).filter(([t]) => String(t).startsWith("code-"))).toEqual(
      [],
    );
  });

  it("a missing placeholder and an extra pair are errors, another order a warning", () => {
    const source = [open("1", 0), close("1", 3), ph("2", 4)];
    expect(types("قال نص", "Said text", { ar: source, en: [open("1", 0), close("1", 4)] })).toContainEqual([
      "code-missing",
      "error",
      "Inline codes of the source are missing from the target: standalone:2.",
    ]);
    expect(
      types("قال نص", "Said text", {
        ar: source,
        en: [ph("2", 0), open("1", 1), close("1", 4), open("9", 5), close("9", 6)],
      }),
    ).toEqual([
      ["code-extra", "error", "The target has inline codes the source does not have: open:9, close:9."],
      [
        "code-reordered",
        "warning",
        "The target has the source's inline codes in another order: standalone:2, open:1, close:1.",
      ],
    ]);
  });
});
