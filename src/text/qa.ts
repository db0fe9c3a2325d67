/**
 * Quality checks of one translated segment (Arabic source, English target).
 *
 * Issue types (`QaIssue.type`); offsets are UTF-16 code units into the text named by `lang`:
 * - `empty-target`      error    the target is missing or blank (other target checks are skipped).
 * - `untranslated`      error    the target equals the source, or is mostly Arabic script.
 * - `term-missing`      warning  an Arabic glossary term is in the source but none of the entry's approved
 *                                (preferred or admitted) English terms is in the target. Span: Arabic term.
 *                                Only the longest term is checked where terms nest. Not raised when the
 *                                target renders the entry with a deprecated or forbidden term: that is
 *                                reported once, below.
 * - `term-forbidden`    error    the target uses a forbidden English term. Span: English term.
 * - `term-deprecated`   warning  the target uses a deprecated English term. Span: English term.
 * - `number-mismatch`   error    a number of one side is missing from the other (any digit system;
 *                                1,200 = 1.200 = ١٬٢٠٠, 3.5 = ٣٫٥). Span: the number, on its side.
 *                                Numbers spelled as words are not extracted (ordinals such as "14th" and
 *                                الـ14 are digits and count), but a digit matched by a cardinal word on the
 *                                other side (5 ↔ five) is not reported, nor a digit ordinal when the other
 *                                side has an ordinal word (14th ↔ الرابع عشر, الـ14 ↔ fourteenth).
 * - `unbalanced-brackets` warning  a (, [, {, « or “ without its partner, or an odd number of straight
 *                                double quotes, in either text. Span: the unmatched character.
 * - `code-missing`, `code-extra`, `code-unbalanced` error, `code-reordered` warning: the target's inline
 *                                codes against the source's (qa-codes.ts), when codes are given.
 */
import type { InlineCode } from "../formats/inline";
import { approvedTerms, isApprovedStatus, type Lang, type TermStatus } from "../types";
import { ALEF, chars, LAM, TATWEEL, WRITTEN_NUMBER_SOURCE } from "./arabic";
import { normalizeForSearch } from "./normalize";
import { canonicalNumber } from "./number-words";
import { codeQaIssues } from "./qa-codes";
import { recognizeTerms, type TermMatch, type TermMatcher } from "./terms";

export type QaSeverity = "error" | "warning" | "info";

export type QaIssueType =
  | "empty-target"
  | "untranslated"
  | "term-missing"
  | "term-forbidden"
  | "term-deprecated"
  | "number-mismatch"
  | "unbalanced-brackets"
  | "code-missing"
  | "code-extra"
  | "code-reordered"
  | "code-unbalanced";

export interface QaIssue {
  type: QaIssueType;
  severity: QaSeverity;
  message: string;
  /** Which text `start`/`end` point into. */
  lang?: Lang;
  start?: number;
  end?: number;
  entryId?: number;
}

/** What QA reads of an entry. Only the term matcher's own input: the review page keeps QA results per
 * matcher (src/usecases/review-analysis.ts; in D1, src/db/segment-analyses.ts), so a field read here beyond
 * it must be added to that input. */
export interface QaEntry {
  id: number;
  terms: readonly { lang: Lang; text: string; status: TermStatus }[];
}

export interface QaContext {
  matcher: TermMatcher;
  entries: ReadonlyMap<number, QaEntry>;
}

/** Inline codes of the source and of the target (offsets into `ar` and `en`), when the segment has any. */
export interface QaCodes {
  ar: readonly InlineCode[];
  en: readonly InlineCode[];
}

/** Glossary terms already recognised in both texts (recognizeTerms), so a caller that shows them too does
 * not recognise them twice. */
export interface PairTerms {
  ar: readonly TermMatch[];
  en: readonly TermMatch[];
}

export function checkSegmentPair(
  ar: string,
  en: string | null,
  ctx: QaContext,
  codes?: QaCodes,
  terms?: PairTerms,
): QaIssue[] {
  // A code-only segment (a tag between sentences of an imported XLIFF): only its codes can be wrong.
  if (ar.trim() === "" && codes !== undefined && codes.ar.length > 0)
    return en === null ? [] : codeQaIssues(codes.ar, codes.en);
  const issues: QaIssue[] = [];
  issues.push(...bracketIssues(ar, "ar"));
  if (en === null || en.trim() === "") {
    issues.unshift({ type: "empty-target", severity: "error", message: "The English target is empty." });
    return issues;
  }
  issues.push(...bracketIssues(en, "en"));
  if (codes !== undefined) issues.push(...codeQaIssues(codes.ar, codes.en));

  if (normalizeForSearch(en) === normalizeForSearch(ar)) {
    issues.unshift({
      type: "untranslated",
      severity: "error",
      message: "The target is a copy of the source.",
    });
  } else if (arabicShare(en) > 0.5) {
    issues.unshift({
      type: "untranslated",
      severity: "error",
      message: "The target is mostly in Arabic script: it looks untranslated.",
    });
  } else {
    issues.push(...termIssues(ar, en, ctx, terms), ...numberIssues(ar, en));
  }
  return issues;
}

const LETTER = /\p{L}/gu;
const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/gu;

/**
 * Share of letters that are Arabic script (0 when there are no letters), counted in code points. Two global
 * regex scans rather than two regex tests per character: on the review page's cold first request this was
 * most of the QA's time (test/text/qa.test.ts compares it with the per-character count).
 */
export function arabicShare(text: string): number {
  const letters = text.match(LETTER)?.length ?? 0;
  return letters === 0 ? 0 : (text.match(ARABIC_LETTER)?.length ?? 0) / letters;
}

function preferredEnglish(entry: QaEntry | undefined): string | undefined {
  return entry?.terms.find((t) => t.lang === "en" && t.status === "preferred")?.text;
}

function termIssues(ar: string, en: string, ctx: QaContext, terms?: PairTerms): QaIssue[] {
  const issues: QaIssue[] = [];
  const enMatches = terms?.en ?? recognizeTerms(ctx.matcher, en, "en");
  const approvedInTarget = new Set<number>();
  const misusedInTarget = new Set<number>();
  for (const m of enMatches) {
    if (isApprovedStatus(m.status)) approvedInTarget.add(m.entryId);
    // A deprecated term nested in a longer glossary term is part of that term, not a wrong choice.
    if (m.nestedIn !== null || isApprovedStatus(m.status)) continue;
    misusedInTarget.add(m.entryId);
    const preferred = preferredEnglish(ctx.entries.get(m.entryId));
    const advice = preferred ? `; use "${preferred}"` : "";
    issues.push({
      type: m.status === "forbidden" ? "term-forbidden" : "term-deprecated",
      severity: m.status === "forbidden" ? "error" : "warning",
      message: `"${m.surface}" is a ${m.status} term${advice}.`,
      lang: "en",
      start: m.start,
      end: m.end,
      entryId: m.entryId,
    });
  }

  // Primary Arabic hits only: a term nested in a longer one is checked through the longer one. Hits
  // sharing a span are alternative readings (two entries list the same term): one rendered is enough.
  const arAll = terms?.ar ?? recognizeTerms(ctx.matcher, ar, "ar");
  const primarySpans = new Set(arAll.filter((m) => m.nestedIn === null).map((m) => `${m.start}:${m.end}`));
  const arMatches = arAll.filter((m) => primarySpans.has(`${m.start}:${m.end}`));
  const renderedSpans = new Set(
    arMatches
      .filter((m) => approvedInTarget.has(m.entryId) || misusedInTarget.has(m.entryId))
      .map((m) => `${m.start}:${m.end}`),
  );
  for (const m of arMatches) {
    if (renderedSpans.has(`${m.start}:${m.end}`)) continue;
    const entry = ctx.entries.get(m.entryId);
    const approved = approvedTerms(entry?.terms ?? [], "en");
    if (approved.length === 0) continue;
    issues.push({
      type: "term-missing",
      severity: "warning",
      message: `"${m.surface}" should be rendered as ${approved.map((t) => `"${t.text}"`).join(" or ")}.`,
      lang: "ar",
      start: m.start,
      end: m.end,
      entryId: m.entryId,
    });
  }
  return issues;
}

interface FoundNumber {
  value: string;
  start: number;
  end: number;
  /** Written as an ordinal: 14th, الـ14. */
  ordinal: boolean;
}

const NUMBER_RE = new RegExp(WRITTEN_NUMBER_SOURCE, "g");
// The article (ال or الـ) right before a number: an ordinal, الـ14.
const ARTICLE_AT_END = new RegExp(`${chars(ALEF, LAM, TATWEEL)}*$`);

/** Numbers written with digits, outside identifiers such as G20, A/RES/77/1's letters, URLs and e-mails. */
function findNumbers(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  const skip: [number, number][] = [];
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/gi)) {
    skip.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  for (const m of text.matchAll(NUMBER_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (skip.some(([a, b]) => start >= a && end <= b)) continue;
    const before = text.charAt(start - 1);
    const after = text.slice(end, end + 2);
    // Part of an identifier (G20, COVID19, 3D), except English ordinal endings (14th, 2nd).
    if (/[A-Za-z]/.test(before)) continue;
    if (/^[A-Za-z]/.test(after) && !/^(?:st|nd|rd|th)\b/i.test(`${after}${text.charAt(end + 2)}`)) continue;
    const ordinal =
      /^(?:st|nd|rd|th)\b/i.test(`${after}${text.charAt(end + 2)}`) ||
      ARTICLE_AT_END.test(text.slice(Math.max(0, start - 4), start));
    out.push({ value: canonicalNumber(m[0]), start, end, ordinal });
  }
  return out;
}

const EN_CARDINALS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
// Normalised Arabic cardinals (and their usual case/gender forms) for 1–12.
const AR_CARDINALS: string[][] = [
  [],
  ["واحد", "واحده"],
  ["اثنان", "اثنين", "اثنتان", "اثنتين"],
  ["ثلاث", "ثلاثه"],
  ["اربع", "اربعه"],
  ["خمس", "خمسه"],
  ["ست", "سته"],
  ["سبع", "سبعه"],
  ["ثماني", "ثمانيه", "ثمان"],
  ["تسع", "تسعه"],
  ["عشر", "عشره"],
  ["احد عشر", "احدي عشره"],
  ["اثنا عشر", "اثني عشر", "اثنتا عشره", "اثنتي عشره"],
];

// One pattern per language and value (the cardinal's forms as alternatives), compiled once.
const cardinalPattern = (words: readonly string[]) =>
  words.length === 0 ? null : new RegExp(`(?<![\\p{L}])(?:و|ب|ل|ف)?(?:${words.join("|")})(?![\\p{L}])`, "u");
const CARDINAL_RE: Record<Lang, (RegExp | null)[]> = {
  en: EN_CARDINALS.map((w) => cardinalPattern([w])),
  ar: AR_CARDINALS.map(cardinalPattern),
};

function hasCardinalWord(text: string, lang: Lang, value: string): boolean {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 12) return false;
  return CARDINAL_RE[lang][n]?.test(normalizeForSearch(text)) ?? false;
}

// Ordinals written as words: a digit ordinal on one side may be a word on the other (14th ↔ الرابع عشر).
const EN_ORDINAL_WORD =
  /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth|thousandth)\b/i;
const AR_ORDINAL_WORD =
  /(?:^|[\s\u060C(])(?:[\u0648\u0641\u0628\u0644]?\u0627\u0644|\u0644\u0644)?(?:\u0623\u0648\u0644|\u062B\u0627\u0646\u064A|\u062B\u0627\u0644\u062B|\u0631\u0627\u0628\u0639|\u062E\u0627\u0645\u0633|\u0633\u0627\u062F\u0633|\u0633\u0627\u0628\u0639|\u062B\u0627\u0645\u0646|\u062A\u0627\u0633\u0639|\u0639\u0627\u0634\u0631|\u062D\u0627\u062F\u064A)[\u0629\u0649]?(?=$|[\s\u060C.)])/;

function numberIssues(ar: string, en: string): QaIssue[] {
  const issues: QaIssue[] = [];
  const arNums = findNumbers(ar);
  const enNums = findNumbers(en);
  const unmatched = (from: FoundNumber[], other: FoundNumber[]): FoundNumber[] => {
    const pool = new Map<string, number>();
    for (const x of other) pool.set(x.value, (pool.get(x.value) ?? 0) + 1);
    return from.filter((x) => {
      const left = pool.get(x.value) ?? 0;
      if (left === 0) return true;
      pool.set(x.value, left - 1);
      return false;
    });
  };
  for (const x of unmatched(arNums, enNums)) {
    if (hasCardinalWord(en, "en", x.value)) continue;
    if (x.ordinal && EN_ORDINAL_WORD.test(en)) continue;
    issues.push({
      type: "number-mismatch",
      severity: "error",
      message: `The number ${ar.slice(x.start, x.end)} of the source is not in the target.`,
      lang: "ar",
      start: x.start,
      end: x.end,
    });
  }
  for (const x of unmatched(enNums, arNums)) {
    if (hasCardinalWord(ar, "ar", x.value)) continue;
    if (x.ordinal && AR_ORDINAL_WORD.test(ar)) continue;
    issues.push({
      type: "number-mismatch",
      severity: "error",
      message: `The number ${en.slice(x.start, x.end)} of the target is not in the source.`,
      lang: "en",
      start: x.start,
      end: x.end,
    });
  }
  return issues;
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "«": "»", "\u201C": "\u201D" };
const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{", "»": "«", "\u201D": "\u201C" };

function bracketIssues(text: string, lang: Lang): QaIssue[] {
  const issues: QaIssue[] = [];
  const where = lang === "ar" ? "Arabic source" : "English target";
  const stack: { ch: string; at: number }[] = [];
  const straight: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '"') {
      straight.push(i);
    } else if (OPENERS[ch] !== undefined) {
      stack.push({ ch, at: i });
    } else if (CLOSERS[ch] !== undefined) {
      const top = stack[stack.length - 1];
      if (top && top.ch === CLOSERS[ch]) stack.pop();
      else
        issues.push({
          type: "unbalanced-brackets",
          severity: "warning",
          message: `Unmatched "${ch}" in the ${where}.`,
          lang,
          start: i,
          end: i + 1,
        });
    }
  }
  for (const open of stack) {
    issues.push({
      type: "unbalanced-brackets",
      severity: "warning",
      message: `"${open.ch}" is never closed in the ${where}.`,
      lang,
      start: open.at,
      end: open.at + 1,
    });
  }
  if (straight.length % 2 === 1) {
    const at = straight[straight.length - 1] as number;
    issues.push({
      type: "unbalanced-brackets",
      severity: "warning",
      message: `Odd number of double quotes in the ${where}.`,
      lang,
      start: at,
      end: at + 1,
    });
  }
  return issues;
}
