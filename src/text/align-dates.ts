/**
 * Dates as alignment anchors (align-features.ts): Gregorian months in the Arabic series of every region
 * (يناير, كانون الثاني, جانفي) and English, and Hijri dates — the month names (رمضان ↔ Ramadan, ids 13–24
 * beside the Gregorian 1–12), the day and year of a Hijri date as optional anchors (a translation may give
 * the Gregorian date only), and the Gregorian year, day and month of a Hijri date by the tabular calendar,
 * also optional, so that a Hijri-only date still meets its Gregorian translation.
 */
import type { Lang } from "../types";
import { isArabicIndicDigit } from "./arabic";

const MONTHS = new Map<string, number>();
const monthNames: [number, string[]][] = [
  [1, ["january", "jan", "يناير", "جانفي"]],
  [2, ["february", "feb", "فبراير", "شباط", "فيفري"]],
  [3, ["march", "mar", "مارس", "اذار"]],
  [4, ["april", "apr", "ابريل", "نيسان", "افريل"]],
  [5, ["may", "مايو", "ايار", "ماي"]],
  [6, ["june", "jun", "يونيو", "يونيه", "حزيران", "جوان"]],
  [7, ["july", "jul", "يوليو", "يوليه", "تموز", "جويليه"]],
  [8, ["august", "aug", "اغسطس", "اب", "اوت"]],
  [9, ["september", "sept", "sep", "سبتمبر", "ايلول"]],
  [10, ["october", "oct", "اكتوبر"]],
  [11, ["november", "nov", "نوفمبر"]],
  [12, ["december", "dec", "ديسمبر"]],
];
for (const [month, names] of monthNames) for (const name of names) MONTHS.set(name, month);
// A Map: the key is a word of the text, and an English "constructor" must not find Object's.
const TWO_WORD_MONTHS = new Map<string, [number, number]>([
  ["كانون", [12, 1]],
  ["تشرين", [10, 11]],
]);
// Ambiguous forms ("may", "mar", آب) only count next to a number ("3 May", "May 2025").
const AMBIGUOUS_MONTHS = new Set([
  "may",
  "mar",
  "jan",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "ماي",
  "اب",
]);
const WORD_RE = /[A-Za-z]+|[\u0621-\u064A]+/g;
const ANY_DIGIT_RE = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
// Cheap pre-test (stems of the unambiguous names): most sentences name no month and skip the word scan.
const MAY_NAME_MONTH =
  /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ينا|فبر|مارس|بريل|مايو|يوني|يولي|غسطس|سبتمبر|كتوبر|نوفمبر|ديسمبر|كانون|شباط|[اآأ]ذار|نيسان|[اأ]يار|حزيران|تموز|آب|[اأ]يلول|تشرين|جانفي|فيفري|[اأ]فريل|ماي|جوان|جويلي|[اأ]وت/i;

/** Gregorian months named in the text (1–12). */
function monthsIn(text: string): number[] {
  const months: number[] = [];
  if (!MAY_NAME_MONTH.test(text)) return months;
  let pending: [number, number] | undefined;
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const w = raw.charCodeAt(0) < 0x80 ? raw.toLowerCase() : raw.replace(/[\u0622\u0623\u0625]/g, "\u0627");
    if (pending) {
      if (w === "الاول") months.push(pending[0]);
      else if (w === "الثاني") months.push(pending[1]);
      pending = undefined;
    }
    const two = TWO_WORD_MONTHS.get(w);
    if (two) {
      pending = two;
      continue;
    }
    const month = MONTHS.get(w);
    if (month === undefined) continue;
    if (AMBIGUOUS_MONTHS.has(w)) {
      const at = m.index ?? 0;
      if (!ANY_DIGIT_RE.test(text.slice(Math.max(0, at - 6), at + raw.length + 6))) continue;
    }
    months.push(month);
  }
  return months;
}

// Hijri months (ids 13–24 in the month feature space). Names alone are ambiguous (صفر is zero, رجب and
// رمضان are also given names), so only a name next to a day or a year counts.
const D = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9]";
const HIJRI_AR = [
  "محرم",
  "صفر",
  "ربيع\\s+ال[أا]ول",
  "ربيع\\s+(?:ال[آا]خر|الثاني)",
  "جمادى\\s+ال[أا]ولى",
  "جمادى\\s+(?:ال[آا]خرة|الثانية)",
  "رجب",
  "شعبان",
  "رمضان",
  "شوال",
  "ذ[وي]\\s+القعدة",
  "ذ[وي]\\s+الحجة",
];
const Q = "['ʿ‘’`]?";
const HIJRI_EN = [
  "Muharram",
  "Safar",
  `Rabi${Q}\\s*(?:al-|ul-|al\\s)?(?:Awwal|I\\b)`,
  `Rabi${Q}\\s*(?:al-|ul-|al\\s)?(?:Thani|Akhir|Akhar|II\\b)`,
  `Jumad[ae]\\s*(?:al-|ul-|al\\s)?(?:Ula|Oula|Awwal|I\\b)`,
  `Jumad[ae]\\s*(?:al-|ul-|al\\s)?(?:Akhirah?|Thaniyah?|Thani|II\\b)`,
  "Rajab",
  `Sha${Q}a?ban`,
  "Ramadh?an",
  "Shawwal",
  `Dhu${Q}\\s*(?:al-|l-|al\\s)?Q[ai]${Q}dah?`,
  `Dhu${Q}\\s*(?:al-|l-|al\\s)?Hijj?ah?`,
];
const hijriRe = (names: string[], yearMark: string) =>
  new RegExp(
    `(?:(${D}{1,2})\\s*)?(${names.map((n) => `(${n})`).join("|")})(?:,?\\s+(${D}{3,4})\\s*(?:${yearMark})?)?|(${D}{3,4})\\s*(?:${yearMark})`,
    "gi",
  );
const HIJRI_AR_RE = hijriRe(HIJRI_AR, "هـ|ه(?![\\u0621-\\u064A])");
const HIJRI_EN_RE = hijriRe(HIJRI_EN, "AH\\b|A\\.H\\.|H\\b");
const MAY_BE_HIJRI_AR =
  /محرم|صفر|ربيع|جماد|رجب|شعبان|رمضان|شوال|القعدة|الحجة|[0-9\u0660-\u0669\u06F0-\u06F9]\s*ه/;
const MAY_BE_HIJRI_EN = /\d\s*(?:AH|A\.H|H\b)|Muharram|Safar|Rabi|Jumad|Rajab|Sha.?.?ban|Ramad|Shawwal|Dhu/i;

function digitsValue(s: string): number {
  let v = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    v = v * 10 + (isArabicIndicDigit(c) ? (c >= 0x6f0 ? c - 0x6f0 : c - 0x660) : c - 0x30);
  }
  return v;
}

/** Gregorian [year, month, day] of a Hijri date, by the tabular (arithmetic) Islamic calendar. */
export function hijriToGregorian(year: number, month: number, day: number): [number, number, number] {
  const jd =
    day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439.5 - 1;
  const j = Math.floor(jd + 0.5);
  const f = j + 1401 + Math.floor((Math.floor((4 * j + 274277) / 146097) * 3) / 4) - 38;
  const e = 4 * f + 3;
  const g = Math.floor((e % 1461) / 4);
  const h = 5 * g + 2;
  const d = Math.floor((h % 153) / 5) + 1;
  const m = ((Math.floor(h / 153) + 2) % 12) + 1;
  const y = Math.floor(e / 1461) - 4716 + Math.floor((12 + 2 - m) / 12);
  return [y, m, d];
}

export interface DateFeatures {
  /** The text with Hijri dates blanked out, for the number scan. */
  rest: string;
  months: number[];
  /** Numbers of Hijri dates and their Gregorian equivalents: optional anchors. */
  optionalNumbers: string[];
  optionalMonths: number[];
}

export function dateFeatures(text: string, lang: Lang): DateFeatures {
  const out: DateFeatures = { rest: text, months: monthsIn(text), optionalNumbers: [], optionalMonths: [] };
  if (!(lang === "ar" ? MAY_BE_HIJRI_AR : MAY_BE_HIJRI_EN).test(text)) return out;
  const re = lang === "ar" ? HIJRI_AR_RE : HIJRI_EN_RE;
  re.lastIndex = 0;
  let rest = "";
  let last = 0;
  for (const m of text.matchAll(re)) {
    const dayText = m[1];
    const yearText = m[15] ?? m[16];
    let month = 0;
    for (let k = 0; k < 12; k++) if (m[3 + k] !== undefined) month = k + 1;
    if (month > 0 && dayText === undefined && yearText === undefined) continue; // a name, not a date
    rest += text.slice(last, m.index) + " ".repeat(m[0].length);
    last = (m.index ?? 0) + m[0].length;
    if (month > 0) out.months.push(12 + month);
    if (dayText !== undefined) out.optionalNumbers.push(String(digitsValue(dayText)));
    if (yearText !== undefined) out.optionalNumbers.push(String(digitsValue(yearText)));
    if (month > 0 && yearText !== undefined) {
      const day = dayText === undefined ? 15 : digitsValue(dayText);
      // The tabular calendar can be a day or two off the observed one: near a month's edge, both months.
      for (const shift of day <= 2 || day >= 28 ? [-2, 0, 2] : [0]) {
        const [gy, gm, gd] = hijriToGregorian(digitsValue(yearText), month, day + shift);
        out.optionalNumbers.push(String(gy));
        if (dayText !== undefined && shift === 0) out.optionalNumbers.push(String(gd));
        out.optionalMonths.push(gm);
      }
    }
  }
  out.rest = rest + text.slice(last);
  return out;
}
