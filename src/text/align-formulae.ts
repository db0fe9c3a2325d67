/**
 * Conventional formulae of diplomatic speeches and statements, and how translations treat them
 * (docs/quality.md, evaluation set 2, bead conventions): the vocatives (السيد الرئيس ↔ Mr. President,
 * أصحاب المعالي والسعادة ↔ Excellencies, السيدات والسادة ↔ ladies and gentlemen), the closing
 * والسلام عليكم ↔ Thank you — anchors like any other: rewarded when both sides of a bead have the same
 * formula, penalised when one side lacks it; "in a cordial atmosphere" (في أجواء ودية) likewise — and
 * the formulae translators conventionally leave out or add: the basmala and closing prayers, news
 * agencies' editorial asides (وتجدر الإشارة إلى أن, يذكر أن), "Check against delivery", "Unofficial
 * translation" and a note in parentheses standing as a sentence (added). These get a skip bonus, and they
 * are anchors too: the basmala pairs with "In the name of God…" when it is translated, and with nothing
 * else.
 */
import type { Lang } from "../types";

interface Formula {
  key: string;
  ar: RegExp;
  en: RegExp;
  /** Conventionally left out (Arabic) or added (English): skipping such a sentence is cheaper. */
  skippable?: boolean;
  /** Rewarded when both sides have it, never penalised (translators add and drop it freely). */
  optional?: boolean;
  /** A form of address: speeches set each on a line of its own, which is layout, not a paragraph. */
  vocative?: boolean;
}

const FORMULAE: readonly Formula[] = [
  { key: "basmala", ar: /^بسم الله الرحمن الرحيم/, en: /\bin the name of (?:god|allah)\b/i, skippable: true },
  {
    key: "closing-prayer",
    // Also the closing wish "may God guide us / grant …" (وفقنا الله، أسأل الله أن …), as speeches end.
    ar: /^(?:والله (?:ولي التوفيق|الموفق|من وراء القصد)|حفظ الله|ودمتم|(?:وفقنا|وفقكم|وفقني|أعاننا|اعاننا|أعانكم|اعانكم|سدد) الله|(?:أسأل|اسأل|نسأل|ندعو|داعين|داعيا|داعياً) (?:الله|المولى)|(?:أدعو|ادعو) الله)/,
    en: /\b(?:god|allah) (?:is|grants|guides)\b|\bmay (?:god|allah)\b/i,
    skippable: true,
  },
  {
    key: "check-delivery",
    ar: /العبرة بالإلقاء|يرجى المراجعة (?:عند|أثناء) الإلقاء|النص (?:الملقى|المُلقى) هو المعتمد/,
    en: /^check against delivery|^as delivered\b/i,
    skippable: true,
  },
  {
    key: "unofficial-translation",
    ar: /ترجمة غير رسمية/,
    en: /^(?:unofficial|informal|provisional) translation|^\(?(?:translated|translation) from\b/i,
    skippable: true,
  },
  {
    // Editorial asides of news agencies, often left out of translations.
    key: "aside",
    ar: /^و?(?:تجدر الإشارة|يذكر أن|الجدير بالذكر|من الجدير بالذكر)/,
    en: /^(?:it (?:should|must) be (?:noted|recalled)|it is (?:worth (?:noting|mentioning|recalling)|noteworthy)|notably)\b/i,
    skippable: true,
  },
  {
    key: "atmosphere",
    ar: /(?:في|وسط) (?:أجواء|اجواء|جو) (?:ودية|وديه|ودي|أخوية|اخوية|أخوي|إيجابية|ايجابية|بناءة|بناءه|من)/,
    en: /\batmosphere\b/i,
  },
  { key: "salaam", ar: /^والسلام عليكم/, en: /^(?:thank you|peace be upon you)\b/i },
  {
    key: "president",
    ar: /^(?:السيد|السيدة|معالي) (?:الرئيس|الرئيسة|رئيس الجلسة)/,
    en: /^(?:mr\.?|madam|madame) (?:president|chair)/i,
    vocative: true,
  },
  {
    // The vocative series of titles (أصحاب الجلالة والفخامة والسمو، أصحاب المعالي والسعادة), one line
    // or several in Arabic, often one in English ("Your Majesties, Excellencies and Highnesses,"); a
    // singular vocative (صاحب السمو الملكي ولي العهد، ↔ Your Royal Highness…) is a short line of its own.
    key: "excellencies",
    ar: /^(?:يا )?أصحاب (?:الجلالة|الفخامة|المعالي|السعادة|السمو|الدولة|السماحة)|^(?=.{0,60}$)(?:يا )?(?:صاحب|صاحبة) (?:الجلالة|الفخامة|المعالي|السعادة|السمو|الدولة|السماحة)/,
    en: /^(?:your |their )?(?:royal )?(?:excellenc(?:y|ies)|majest(?:y|ies)|highness(?:es)?)\b|\b(?:excellencies|majesties|highnesses)\b/i,
    vocative: true,
  },
  {
    // An honorific before a name or title in running text (صاحب السمو، فخامة الرئيس، معالي الوزيرة ↔
    // His Highness, His Excellency, Her Excellency): translators drop or add it freely (فخامة الرئيس
    // ويراناتا ↔ President Wiranata), so it is an optional anchor, rewarded when both sides have it.
    key: "honorific",
    ar: /(?:^|[\s(«"])(?:[وبل]|لل)?(?:جلالة|فخامة|معالي|سمو|سموه|سموها|سموّه|صاحب السمو|صاحبة السمو|سعادة (?=السفير|الوزير|السيد|الشيخ|الأمين))/,
    en: /\b(?:his|her|their|your) (?:royal )?(?:excellenc(?:y|ies)|majest(?:y|ies)|highness(?:es)?)\b|\bH\.\s?[EHM]\./i,
    optional: true,
  },
  { key: "ladies-gentlemen", ar: /السيدات والسادة/, en: /\bladies and gentlemen\b/i, vocative: true },
];

/**
 * Sentences that are not formulae but that editors and translators typically add on one side only: a
 * news agency's end mark (-انتهى-, -End-), a pointer to the full text on a website, a note on the units
 * or the rounding of figures, the language of the original ("Original: Arabic"), a labelled note (Note:, Translator's note:), a background aside (يشار إلى أن, ومن المعروف أن).
 * They only make skipping cheaper: unlike formulae, they are no anchors, since a translation renders
 * them in words no pattern foresees.
 */
const SKIP_CUES: Record<Lang, readonly RegExp[]> = {
  ar: [
    /^[-–—(\s]*(?:انتهى|إنتهى|انتهي)[\s\-–—).]*$/,
    /^و?(?:يشار إلى أن|يشار الى ان|ومن المعروف أن|من المعروف أن|للعلم|للتذكير)/,
    /(?:نشر|متاح|متوفر).{0,60}(?:الموقع|موقعه|موقعها) ?(?:الإلكتروني|الالكتروني|الرسمي)/,
    /^(?:جميع |كل )?(?:المبالغ|الأرقام|الارقام|القيم)(?: الواردة)?(?: في هذا الجدول)? (?:ب|مقدرة ب|مقومة ب|معبر عنها ب)/,
    // A note on rounding, and the language of the original (a document symbol's "الأصل: بالعربية").
    /^(?:جميع |كل )?(?:المبالغ|الأرقام|الارقام|القيم|النسب)(?: الواردة)?.{0,30}(?:مقربة|مقرّبة|مدورة|مدوّرة)|(?:بسبب|نتيجة) (?:التقريب|تقريب)/,
    /^(?:الأصل|الاصل|النص الأصلي|النص الاصلي)\s*[:：]\s*(?:بال)?(?:عربية|العربية|عربي|الإنكليزية|الإنجليزية|الانجليزية|إنكليزي|إنجليزي|انجليزي|الفرنسية|فرنسي)[.\s]*$/,
  ],
  en: [
    /^[-–—(\s]*(?:end|ends)[\s\-–—).]*$/i,
    /^(?:note|n\.b\.|translator'?s note|translator’s note|editor'?s note|editor’s note)\s*[:：]/i,
    /\b(?:posted|published|available|can be found)\b.{0,60}\bwebsite\b/i,
    /^(?:all )?(?:amounts|figures|values|numbers)(?: in (?:this|the) (?:table|report))? are (?:in|expressed in|given in|stated in)\b/i,
    /^(?:all )?(?:amounts|figures|values|numbers|percentages|totals)\b.{0,40}\b(?:are|have been) rounded\b|\b(?:due to|because of) rounding\b/i,
    /^original\s*[:：]\s*(?:arabic|english|french)[.\s]*$/i,
  ],
};

/**
 * Keys of the formulae translators conventionally leave out or add. When both sides of a bead have one,
 * it was translated after all: the bead earns back the skip bonus of both sentences (align-features.ts),
 * so that a translated closing prayer is paired rather than skipped on both sides.
 */
export const SKIPPABLE_FORMULA_KEYS: readonly string[] = FORMULAE.filter((f) => f.skippable).map(
  (f) => f.key,
);

/** Keys of the forms of address (vocatives). */
export const VOCATIVE_FORMULA_KEYS: readonly string[] = FORMULAE.filter((f) => f.vocative).map((f) => f.key);

/** Skip bonus (nats) of a skippable formula or a note in parentheses standing as a sentence. */
export const FORMULA_SKIP_BONUS = 2.5;

export interface Formulae {
  keys: string[];
  /** Keys of optional formulae (anchors that are never penalised). */
  optionalKeys: string[];
  skipBonus: number;
}

const MARKS = /[\u064B-\u065F\u0670\u0640]/g;

/** The formulae a sentence holds, and how much cheaper it is to leave it unpaired. */
export function formulaeIn(sentence: string, lang: Lang): Formulae {
  const text = (lang === "ar" ? sentence.replace(MARKS, "") : sentence).trim();
  const keys: string[] = [];
  const optionalKeys: string[] = [];
  let skippable = false;
  for (const f of FORMULAE) {
    if (!(lang === "ar" ? f.ar : f.en).test(text)) continue;
    (f.optional ? optionalKeys : keys).push(f.key);
    if (f.skippable) skippable = true;
  }
  if (SKIP_CUES[lang].some((re) => re.test(text))) skippable = true;
  // A whole sentence in parentheses or brackets: a translator's or editor's note.
  const first = text.charCodeAt(0);
  if ((first === 0x28 || first === 0x5b) && /[)\]]$/.test(text.replace(/[.\s]+$/, ""))) skippable = true;
  return { keys, optionalKeys, skipBonus: skippable ? FORMULA_SKIP_BONUS : 0 };
}
