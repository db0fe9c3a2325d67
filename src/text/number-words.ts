/**
 * Numbers of a sentence as canonical values, whatever way they are written, so that both sides of a
 * translation share them: digits in any digit system and separator convention (1,200 = 1.200 = ١٬٢٠٠),
 * a scale word after digits (16 million, ٢٫٨ مليار), and numbers written as words — Arabic cardinals and
 * ordinals in any gender and case, with proclitics and the article (ثلاثين, الخمسة عشر, ستة عشر مليون,
 * الثالثة والستين بعد المائة = 163) and English ones (thirty, twenty-six, one hundred and sixty-three,
 * fourteen, sixty-third). Numbers written as words below 3 are left out: "one", "first", "second",
 * أحد, الأول and the Arabic dual stand for much else than a count.
 */
import { ARABIC_INDIC_DIGIT_CLASS, arabicIndicDigitValue, WRITTEN_NUMBER_SOURCE } from "./arabic";

const ARABIC_INDIC_DIGIT_RE = new RegExp(`[${ARABIC_INDIC_DIGIT_CLASS}]`, "g");

/** ASCII digits of any digit system. */
function asciiDigits(s: string): string {
  return s.replace(ARABIC_INDIC_DIGIT_RE, (d) => String(arabicIndicDigitValue(d.charCodeAt(0))));
}

/**
 * Canonical value of a written number: 1,200 = 1.200 = ١٬٢٠٠ = 1200; 3.5 = ٣٫٥ = 3,5. A separator
 * followed by exactly three digits is read as a thousands separator unless it is the Arabic decimal
 * separator; with both "." and "," the last one is the decimal point.
 */
export function canonicalNumber(written: string): string {
  const s = asciiDigits(written).replace(/\u066C/g, "");
  const parts = s.split(/([.,\u066B])/);
  const seps = parts.filter((_, k) => k % 2 === 1);
  const groups = parts.filter((_, k) => k % 2 === 0);
  if (seps.length === 0) return String(Number(s));
  let decimalAt = -1;
  const last = seps[seps.length - 1] as string;
  if (last === "\u066B") decimalAt = seps.length - 1;
  else if (seps.some((x) => x !== last)) decimalAt = seps.length - 1;
  else if (seps.length === 1 && (groups[1] as string).length !== 3) decimalAt = 0;
  let intPart = "";
  let frac = "";
  groups.forEach((g, k) => {
    if (decimalAt >= 0 && k > decimalAt) frac += g;
    else intPart += g;
  });
  const n = Number(intPart);
  return frac ? `${n}.${frac.replace(/0+$/, "") || "0"}` : String(n);
}

/** Value of a number word: a unit/ten/hundred adds, a scale multiplies what came before. */
interface NumberWord {
  value: number;
  scale: boolean;
  /** "عشر"/"عشرة" after a unit makes a teen: 3 + 10. */
  teen?: boolean;
}

const AR_WORDS = new Map<string, NumberWord>();
const addAr = (value: number, forms: string, extra: Partial<NumberWord> = {}) => {
  for (const f of forms.split(" ")) AR_WORDS.set(f, { value, scale: false, ...extra });
};
// Hamza folded to ا, ة kept (also read as ه), ى as ي; cardinals in both genders and cases, ordinals.
addAr(1, "واحد واحدة احد احدي اول اولي حادي حادية");
addAr(2, "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي ثاني ثانية");
addAr(3, "ثلاث ثلاثة ثالث ثالثة");
addAr(4, "اربع اربعة رابع رابعة");
addAr(5, "خمس خمسة خامس خامسة");
addAr(6, "ست ستة سادس سادسة");
addAr(7, "سبع سبعة سابع سابعة");
addAr(8, "ثمان ثماني ثمانية ثامن ثامنة");
addAr(9, "تسع تسعة تاسع تاسعة");
addAr(10, "عشرة عاشر عاشرة");
AR_WORDS.set("عشر", { value: 10, scale: false, teen: true });
AR_WORDS.set("عشرة", { value: 10, scale: false, teen: true });
const TENS = ["عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"];
TENS.forEach((stem, k) => {
  addAr((k + 2) * 10, `${stem}ون ${stem}ين`);
});
addAr(100, "مائة مئة");
addAr(200, "مائتان مائتين مئتان مئتين مائتا مائتي مئتا مئتي");
["ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"].forEach((stem, k) => {
  addAr((k + 3) * 100, `${stem}مائة ${stem}مئة`);
});
addAr(2000, "الفان الفين");
addAr(2_000_000, "مليونان مليونين");
for (const [value, forms] of [
  [1000, "الف الاف الفا"],
  [1_000_000, "مليون ملايين"],
  [1_000_000_000, "مليار مليارات بليون بلايين"],
] as const)
  for (const f of forms.split(" ")) AR_WORDS.set(f, { value, scale: true });

const EN_WORDS = new Map<string, NumberWord>();
const EN_UNITS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(
    " ",
  );
const EN_ORDINALS =
  "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(
    " ",
  );
EN_UNITS.forEach((w, k) => {
  EN_WORDS.set(w, { value: k, scale: false });
});
EN_ORDINALS.forEach((w, k) => {
  EN_WORDS.set(w, { value: k, scale: false });
});
"twenty thirty forty fifty sixty seventy eighty ninety".split(" ").forEach((w, k) => {
  EN_WORDS.set(w, { value: (k + 2) * 10, scale: false });
  EN_WORDS.set(`${w.slice(0, -1)}ieth`, { value: (k + 2) * 10, scale: false });
});
EN_WORDS.set("hundred", { value: 100, scale: false });
EN_WORDS.set("hundredth", { value: 100, scale: false });
for (const [w, value] of [
  ["thousand", 1000],
  ["million", 1_000_000],
  ["billion", 1_000_000_000],
  ["thousandth", 1000],
  ["millionth", 1_000_000],
] as const)
  EN_WORDS.set(w, { value, scale: true });

/**
 * Every surface form of the Arabic number words: with the conjunctions و ف, the prepositions ب ل ك, the
 * article (ل + ال = لل) and ة written ه — one lookup per word of the text instead of stripping each word.
 */
const AR_SURFACE = new Map<string, NumberWord>();
for (const [form, value] of AR_WORDS)
  for (const conj of ["", "و", "ف"])
    for (const prep of ["", "ب", "ل", "ك"])
      for (const article of ["", "ال"]) {
        const prefix = conj + (prep === "ل" && article ? "لل" : prep + article);
        AR_SURFACE.set(prefix + form, value);
        if (form.endsWith("ة")) AR_SURFACE.set(`${prefix + form.slice(0, -1)}ه`, value);
      }

const MAY_NEED_FOLDING = /[\u0622\u0623\u0625\u0649\u064B-\u065F\u0670\u0640]/;

function arabicNumberWord(raw: string): NumberWord | undefined {
  const hit = AR_SURFACE.get(raw);
  if (hit !== undefined || !MAY_NEED_FOLDING.test(raw)) return hit;
  return AR_SURFACE.get(
    raw
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625]/g, "ا")
      .replace(/\u0649/g, "ي"),
  );
}

const SCALE_AFTER_DIGITS = new Map<string, number>([
  ["thousand", 1000],
  ["million", 1e6],
  ["billion", 1e9],
  ["bn", 1e9],
  ["الف", 1000],
  ["مليون", 1e6],
  ["ملايين", 1e6],
  ["مليار", 1e9],
  ["مليارات", 1e9],
  ["بليون", 1e9],
]);

function scaled(canonical: string, scale: number): string {
  // Decimal-safe enough for the values of news text: 2.8 × 10⁹ = 2800000000.
  return String(Math.round(Number(canonical) * scale * 1000) / 1000);
}

/** Words of a sentence with their offsets: runs of letters (Arabic with marks, Latin with ' and -) or digits. */
const TOKEN_RE = new RegExp(
  `[\\u0621-\\u065F\\u0670\\u0671-\\u06D3]+|[A-Za-z]+(?:-[A-Za-z]+)*|${WRITTEN_NUMBER_SOURCE}|\\S`,
  "g",
);

/** Canonical values of the numbers of `text` (digits, digits + scale word, number words ≥ 3). */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  const tokens = [...text.matchAll(TOKEN_RE)].map((m) => m[0]);
  let k = 0;
  while (k < tokens.length) {
    const tok = tokens[k] as string;
    const c = tok.charCodeAt(0);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9)) {
      const value = canonicalNumber(tok);
      const next = tokens[k + 1];
      const scale = next === undefined ? undefined : SCALE_AFTER_DIGITS.get(foldScale(next));
      if (scale !== undefined) {
        out.push(scaled(value, scale));
        k += 2;
      } else {
        out.push(value);
        k++;
      }
      continue;
    }
    const used = readWords(tokens, k, out);
    k = used > 0 ? k + used : k + 1;
  }
  return out;
}

function foldScale(w: string): string {
  return w
    .toLowerCase()
    .replace(/[\u0622\u0623\u0625]/g, "ا")
    .replace(/^[وب]/, "");
}

function wordOf(token: string): NumberWord | undefined {
  return token.charCodeAt(0) < 0x80 ? EN_WORDS.get(token.toLowerCase()) : arabicNumberWord(token);
}

/** Number words of a token ("sixty-three" is two), or undefined if any part is not one. */
function tokenValues(token: string): NumberWord[] | undefined {
  if (token.indexOf("-") < 0) {
    const v = wordOf(token);
    return v === undefined ? undefined : [v];
  }
  const values: NumberWord[] = [];
  for (const part of token.split("-")) {
    const v = wordOf(part);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

/**
 * Reads a run of number words starting at tokens[k] (English hyphenated compounds, "and" and Arabic و
 * between parts, Arabic "بعد المائة" = + 100), pushes its value if ≥ 3, returns the tokens used (0: none).
 */
function readWords(tokens: readonly string[], k: number, out: string[]): number {
  let total = 0;
  let current = 0;
  let words = 0;
  let lastUnit = 0;
  let p = k;
  let any = false;
  while (p < tokens.length) {
    const tok = tokens[p] as string;
    const values = tokenValues(tok);
    if (values === undefined) {
      // "and" / "بعد" between number words continue the number.
      const lower = tok.toLowerCase();
      const nextWord = tokens[p + 1] === undefined ? undefined : tokenValues(tokens[p + 1] as string);
      if (any && nextWord && (lower === "and" || tok === "بعد")) {
        p++;
        continue;
      }
      break;
    }
    // "في المائة" / "per cent" after a number is a percentage, not a hundred.
    if (tokens[p - 1] === "في" && (values[0] as NumberWord).value === 100) break;
    for (const v of values) {
      any = true;
      words++;
      if (v.scale) {
        total += (current || 1) * v.value;
        current = 0;
      } else if (v.teen && lastUnit > 0 && lastUnit < 10) {
        current += 10;
      } else if (v.value === 100 && current > 0 && current < 10 && tokens[p - 1] !== "بعد") {
        current *= 100;
      } else current += v.value;
      lastUnit = v.scale ? 0 : v.value;
    }
    p++;
  }
  if (!any) return 0;
  const value = total + current;
  if (value >= 3 && words > 0) out.push(String(value));
  return p - k;
}
