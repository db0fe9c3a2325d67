// Seeded random text for round-trip properties: Arabic and English words, XML specials, bidi controls,
// CR/LF/TAB, NBSP, diacritics, tatweel and astral characters; every character XML 1.0 can carry.
import type { SegmentStatus, TermStatus } from "../../src/types";

const AR_WORDS = [
  "السلام",
  "عليكم",
  "مجلس",
  "الأمن",
  "الأمم",
  "المتحدة",
  "وزير",
  "الخارجية",
  "بيان",
  "مشترك",
  "قرار",
  "٢٠٢٤",
  "فلسطين",
  "الدبلوماسية",
  "مُعتمَد",
  "ـــ",
];
const EN_WORDS = [
  "Security",
  "Council",
  "United",
  "Nations",
  "minister",
  "joint",
  "statement",
  "resolution",
  "2024",
  "envoy",
];
const SPECIALS = [
  "&",
  "<",
  ">",
  '"',
  "'",
  "&amp;",
  "]]>",
  "<!--",
  "&#13;",
  "\r",
  "\n",
  "\r\n",
  "\t",
  " ",
  "  ",
  "\u00a0",
];
const BIDI = [
  "\u200e",
  "\u200f",
  "\u061c",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
const OTHER = ["😀", "𝔸", "\u0651", "\u064b", "؟", "،", "«", "»", "\ufeff", "\u0085", "\u2028"];

export function randomText(r: () => number, words: string[] = AR_WORDS, maxTokens = 12): string {
  const n = 1 + Math.floor(r() * maxTokens);
  let s = "";
  for (let i = 0; i < n; i++) {
    const x = r();
    const pool = x < 0.55 ? words : x < 0.7 ? EN_WORDS : x < 0.85 ? SPECIALS : x < 0.95 ? BIDI : OTHER;
    s += pool[Math.floor(r() * pool.length)]! + (r() < 0.7 ? " " : "");
  }
  return s;
}

export const randomArabic = (r: () => number) => randomText(r, AR_WORDS);
export const randomEnglish = (r: () => number) => randomText(r, EN_WORDS);

export const SEGMENT_STATUS_LIST: SegmentStatus[] = ["new", "translated", "reviewed", "approved"];
export const TERM_STATUS_LIST: TermStatus[] = ["preferred", "admitted", "deprecated", "forbidden"];
