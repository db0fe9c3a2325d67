/**
 * Arabic code points and character classes, named once for the whole text engine (normalisation,
 * tokenising, segmentation, alignment, term and phrase matching). Values are Unicode code points of the
 * Arabic block (U+0600–U+06FF) and its supplements; the names follow the Unicode character names.
 */

/** The Arabic block, U+0600–U+06FF (ARABIC_BLOCK_END exclusive). */
export const ARABIC_BLOCK_FIRST = 0x0600;
export const ARABIC_BLOCK_END = 0x0700;

// Letters the engine refers to by name.
export const HAMZA = 0x0621; // ء
export const ALEF_MADDA = 0x0622; // آ
export const ALEF_HAMZA_ABOVE = 0x0623; // أ
export const WAW_HAMZA = 0x0624; // ؤ
export const ALEF_HAMZA_BELOW = 0x0625; // إ
export const YA_HAMZA = 0x0626; // ئ
export const ALEF = 0x0627; // ا
export const BA = 0x0628; // ب
export const TA_MARBUTA = 0x0629; // ة
export const TA = 0x062a; // ت
export const FA = 0x0641; // ف
export const KAF = 0x0643; // ك
export const LAM = 0x0644; // ل
export const MIM = 0x0645; // م
export const NUN = 0x0646; // ن
export const HA = 0x0647; // ه
export const WAW = 0x0648; // و
export const ALEF_MAQSURA = 0x0649; // ى
export const YA = 0x064a; // ي
export const ALEF_WASLA = 0x0671; // ٱ
/** The first and last letters of the basic Arabic alphabet (ء … ي); tatweel U+0640 lies between them. */
export const FIRST_BASIC_LETTER = HAMZA;
export const LAST_BASIC_LETTER = YA;

/** Tatweel (kashida), U+0640: a stretching stroke, never significant for matching. */
export const TATWEEL = 0x0640;

// Harakat: fathatan … sukun (U+064B–U+0652), then maddah, hamza above and below (U+0653–U+0655) and
// further marks to U+065F; superscript (dagger) alef U+0670.
export const HARAKAT_FIRST = 0x064b;
export const HARAKAT_LAST = 0x065f;
export const SUPERSCRIPT_ALEF = 0x0670;
/** Maddah and hamza above/below as combining marks (U+0653–U+0655): they compose with a preceding alef. */
export const COMBINING_HAMZA_FIRST = 0x0653;
export const COMBINING_HAMZA_LAST = 0x0655;

// Punctuation and digits.
export const ARABIC_COMMA = 0x060c; // ،
export const ARABIC_SEMICOLON = 0x061b; // ؛
export const ARABIC_QUESTION_MARK = 0x061f; // ؟
export const ARABIC_PERCENT = 0x066a; // ٪
export const ARABIC_DECIMAL_SEPARATOR = 0x066b; // ٫
export const ARABIC_THOUSANDS_SEPARATOR = 0x066c; // ٬
export const ARABIC_FULL_STOP = 0x06d4; // ۔ (Urdu)
export const ARABIC_INDIC_ZERO = 0x0660; // ٠ … ٩ = U+0660–U+0669
export const EASTERN_ARABIC_INDIC_ZERO = 0x06f0; // ۰ … ۹ = U+06F0–U+06F9 (Persian, Urdu)

/**
 * Harakat, tanween, shadda, sukun, superscript alef and the Quranic annotation marks: combining marks
 * that matching ignores (normalisation drops them). The one definition of an Arabic diacritic.
 */
export function isArabicMark(c: number): boolean {
  return (
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= HARAKAT_FIRST && c <= HARAKAT_LAST) ||
    c === SUPERSCRIPT_ALEF ||
    (c >= 0x06d6 && c <= 0x06dc) ||
    (c >= 0x06df && c <= 0x06e8) ||
    (c >= 0x06ea && c <= 0x06ed) ||
    (c >= 0x08d3 && c <= 0x08ff)
  );
}

/** A diacritic or tatweel: written inside an Arabic word, ignored when its letters are compared. */
export function isArabicMarkOrTatweel(c: number): boolean {
  return c === TATWEEL || isArabicMark(c);
}

/** A digit 0–9 in Arabic-Indic or Eastern Arabic-Indic form. */
export function isArabicIndicDigit(c: number): boolean {
  return (
    (c >= ARABIC_INDIC_ZERO && c <= ARABIC_INDIC_ZERO + 9) ||
    (c >= EASTERN_ARABIC_INDIC_ZERO && c <= EASTERN_ARABIC_INDIC_ZERO + 9)
  );
}

/** Arabic-Indic and Eastern Arabic-Indic digits as the body of a RegExp character class. */
export const ARABIC_INDIC_DIGIT_CLASS = "\\u0660-\\u0669\\u06F0-\\u06F9";
/**
 * A number written with digits of any of the three systems, with ".", ",", ٫ or ٬ between digit groups
 * (1,200 / ١٬٢٠٠ / 3.5 / ٣٫٥), as RegExp source.
 */
export const WRITTEN_NUMBER_SOURCE = `[0-9${ARABIC_INDIC_DIGIT_CLASS}]+(?:[.,\\u066B\\u066C][0-9${ARABIC_INDIC_DIGIT_CLASS}]+)*`;

/** Its value 0–9, for a digit of either Arabic-Indic form. */
export function arabicIndicDigitValue(c: number): number {
  return c >= EASTERN_ARABIC_INDIC_ZERO ? c - EASTERN_ARABIC_INDIC_ZERO : c - ARABIC_INDIC_ZERO;
}

/** A letter of the basic Arabic alphabet ء … ي (tatweel excluded). */
export function isBasicArabicLetter(c: number): boolean {
  return c >= FIRST_BASIC_LETTER && c <= LAST_BASIC_LETTER && c !== TATWEEL;
}

/**
 * Signs and punctuation of the Arabic block, which separate words: U+0600–U+060F (number signs, ، ؍ and
 * poetic marks), U+061B–U+061F (؛, the Arabic letter mark, ؝ ؞ ؟), U+066A–U+066D (٪ ٫ ٬ ٭), U+06D4 (۔).
 */
export function isArabicBlockPunctuation(c: number): boolean {
  return (
    (c >= ARABIC_BLOCK_FIRST && c <= 0x060f) ||
    (c >= ARABIC_SEMICOLON && c <= ARABIC_QUESTION_MARK) ||
    (c >= ARABIC_PERCENT && c <= 0x066d) ||
    c === ARABIC_FULL_STOP
  );
}

/**
 * A code unit that makes a word Arabic-script: letters of the Arabic block (tatweel and the superscript
 * alef included), its supplement and extended-A blocks, and the presentation forms.
 */
export function isArabicScriptLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= LAST_BASIC_LETTER) ||
    (c >= 0x066e && c <= 0x06d3) ||
    (c >= 0x06fa && c <= 0x06ff) ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** The code points as a string (for building affix lists and regular expressions from the names). */
export function chars(...codes: number[]): string {
  return String.fromCharCode(...codes);
}
