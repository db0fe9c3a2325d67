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
}

const FORMULAE: readonly Formula[] = [
  { key: "basmala", ar: /^بسم الله الرحمن الرحيم/, en: /\bin the name of (?:god|allah)\b/i, skippable: true },
  {
    key: "closing-prayer",
    ar: /^(?:والله (?:ولي التوفيق|الموفق|من وراء القصد)|حفظ الله|ودمتم)/,
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
  },
  {
    key: "excellencies",
    ar: /^أصحاب (?:المعالي|السعادة|السمو)/,
    en: /\bexcellenc(?:y|ies)\b|\bhighness(?:es)?\b/i,
  },
  { key: "ladies-gentlemen", ar: /السيدات والسادة/, en: /\bladies and gentlemen\b/i },
];

/**
 * Sentences that are not formulae but that editors and translators typically add on one side only: a
 * news agency's end mark (-انتهى-, -End-), a pointer to the full text on a website, a note on the units
 * of figures, a labelled note (Note:, Translator's note:), a background aside (يشار إلى أن, ومن المعروف أن).
 * They only make skipping cheaper: unlike formulae, they are no anchors, since a translation renders
 * them in words no pattern foresees.
 */
const SKIP_CUES: Record<Lang, readonly RegExp[]> = {
  ar: [
    /^[-–—(\s]*(?:انتهى|إنتهى|انتهي)[\s\-–—).]*$/,
    /^و?(?:يشار إلى أن|يشار الى ان|ومن المعروف أن|من المعروف أن|للعلم|للتذكير)/,
    /(?:نشر|متاح|متوفر).{0,60}(?:الموقع|موقعه|موقعها) ?(?:الإلكتروني|الالكتروني|الرسمي)/,
    /^(?:جميع |كل )?(?:المبالغ|الأرقام|الارقام|القيم)(?: الواردة)?(?: في هذا الجدول)? (?:ب|مقدرة ب|مقومة ب|معبر عنها ب)/,
  ],
  en: [
    /^[-–—(\s]*(?:end|ends)[\s\-–—).]*$/i,
    /^(?:note|n\.b\.|translator'?s note|translator’s note|editor'?s note|editor’s note)\s*[:：]/i,
    /\b(?:posted|published|available|can be found)\b.{0,60}\bwebsite\b/i,
    /^(?:all )?(?:amounts|figures|values|numbers)(?: in (?:this|the) (?:table|report))? are (?:in|expressed in|given in|stated in)\b/i,
  ],
};

/** Skip bonus (nats) of a skippable formula or a note in parentheses standing as a sentence. */
export const FORMULA_SKIP_BONUS = 2.5;

export interface Formulae {
  keys: string[];
  skipBonus: number;
}

const MARKS = /[\u064B-\u065F\u0670\u0640]/g;

/** The formulae a sentence holds, and how much cheaper it is to leave it unpaired. */
export function formulaeIn(sentence: string, lang: Lang): Formulae {
  const text = (lang === "ar" ? sentence.replace(MARKS, "") : sentence).trim();
  const keys: string[] = [];
  let skippable = false;
  for (const f of FORMULAE) {
    if (!(lang === "ar" ? f.ar : f.en).test(text)) continue;
    keys.push(f.key);
    if (f.skippable) skippable = true;
  }
  if (SKIP_CUES[lang].some((re) => re.test(text))) skippable = true;
  // A whole sentence in parentheses or brackets: a translator's or editor's note.
  const first = text.charCodeAt(0);
  if ((first === 0x28 || first === 0x5b) && /[)\]]$/.test(text.replace(/[.\s]+$/, ""))) skippable = true;
  return { keys, skipBonus: skippable ? FORMULA_SKIP_BONUS : 0 };
}
