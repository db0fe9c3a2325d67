/**
 * Normalisation for matching and search only: stored text is never altered.
 *
 * `normalizeForSearch` folds Arabic orthographic variation (hamza/alef forms, ta marbuta, alef maqsura,
 * diacritics, tatweel, Persian letters, Arabic-Indic digits) and English case, quotes and dashes, so that
 * a query and a stored text written differently still meet. It is applied to both sides of every
 * comparison; columns such as `segments.ar_norm` and `glossary_terms.norm` hold its output.
 */

// Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
const ARABIC_MARKS =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u08D3-\u08FF]/g;
const TATWEEL = /\u0640/g;
// Bidi controls, zero-width characters, BOM, soft hyphen.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const CHAR_FOLD: Record<string, string> = {
  "\u0623": "\u0627", // أ
  "\u0625": "\u0627", // إ
  "\u0622": "\u0627", // آ
  "\u0671": "\u0627", // ٱ
  "\u0672": "\u0627",
  "\u0673": "\u0627",
  "\u0649": "\u064A", // ى → ي
  "\u06CC": "\u064A", // Persian yeh
  "\u06D2": "\u064A",
  "\u0629": "\u0647", // ة → ه
  "\u06A9": "\u0643", // Persian keheh → kaf
  "\u0624": "\u0648", // ؤ → و
  "\u0626": "\u064A", // ئ → ي
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u00A0": " ",
  "\u060C": ",", // ،
  "\u061B": ";", // ؛
  "\u061F": "?", // ؟
};
for (let d = 0; d < 10; d++) {
  CHAR_FOLD[String.fromCharCode(0x0660 + d)] = String(d); // Arabic-Indic
  CHAR_FOLD[String.fromCharCode(0x06f0 + d)] = String(d); // Eastern Arabic-Indic (Persian/Urdu)
}
const FOLDABLE = new RegExp(`[${Object.keys(CHAR_FOLD).join("")}]`, "g");

/** Normalised form of any Arabic, English or mixed text, for search and matching. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(ARABIC_MARKS, "")
    .replace(TATWEEL, "")
    .replace(FOLDABLE, (ch) => CHAR_FOLD[ch] ?? ch)
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
