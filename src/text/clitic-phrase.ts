/**
 * Clitic-aware phrase matching for Arabic concordance, pure and IO-free.
 *
 * An Arabic word is written together with its proclitics (و، ف، ب، ك، ل، ال and their stacks), so the
 * phrase مكافحة الإرهاب occurs as ومكافحة الإرهاب, بمكافحة الإرهاب, لمكافحة الإرهاب. Each query word is
 * expanded into the finite set of normalised tokens (index cores, see `tmTokens` in fuzzy.ts) it may appear
 * as; the same set serves the index lookup (exact `(lang, token)` keys) and the verification on the text, so
 * the two cannot disagree.
 *
 * What a query word may appear as (decisions; docs/tm.md "Concordance" explains why):
 * - itself, behind the conjunctions و/ف, the prepositions ب/ك/ل, or a conjunction then a preposition;
 * - a word typed without the article also with it (تعاون → التعاون، والتعاون، بالتعاون، للتعاون); a word
 *   typed with it keeps it (الأمن never finds أمن: drop the article from the query to widen it). ل before the
 *   article contracts (للإرهاب), and before an article + ل word drops one lam more (اللجنة → للجنة);
 * - an imperfect verb (ي/ت/ن…) also with the future prefix س (يعقد → سيعقد، وسيعقد);
 * - a word without the article also with the accusative tanween alef (تعاون → تعاونًا، وتعاونًا), unless
 *   it ends in ة or alef;
 * - NOT with suffixes: pronouns, dual, plural, feminine and nisba endings make another word or another
 *   phrase (دولة is دول + ة once ة is folded to ه, الأمنية is not الأمن, الإرهابيين not الإرهاب).
 * Spelling variants (hamza seats, ta marbuta/ha, alef maqsura, diacritics, tatweel) are folded by
 * `normalizeForSearch` on both sides. Words in other scripts and numbers match exactly (numbers also behind
 * proclitics and the article: و2016، الـ14).
 */
import { ALEF, ALEF_WASLA, isBasicArabicLetter, TA_MARBUTA } from "./arabic";
import { type TmToken, tmTokens } from "./fuzzy";
import { normalizeWithMap, originalRange } from "./normalize";

/** One query word: its normalised core and every token it may appear as. */
export interface CliticWord {
  core: string;
  forms: ReadonlySet<string>;
}

export interface CliticPhrase {
  words: readonly CliticWord[];
}

export interface Span {
  start: number;
  end: number;
}

/** Conjunctions, prepositions, and a conjunction followed by a preposition (no article). */
const PREFIXES = ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];
/** What may stand before the article ال (ل excluded: ل + ال is written لل). */
const BEFORE_ARTICLE = ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"];
/** Before the contracted لل (ل + ال). */
const BEFORE_LAM = ["", "و", "ف"];
/** Imperfect prefixes that take the future س. */
const IMPERFECT = new Set(["ي", "ت", "ن"]);

const ARABIC_WORD = /^[\u0621-\u064A]+$/;
const DIGIT_LED = /^[0-9]/;
const BARE_ALEF = new Set([ALEF, ALEF_WASLA]);

export interface WordShape {
  /** The word starts with the article ال (a bare alef in the original: ألمانيا does not). */
  article: boolean;
  /** The original word ends in ة (takes no tanween alef). */
  taMarbuta: boolean;
}

/**
 * Every normalised token the normalised core `core` may appear as (itself first). Words of one letter,
 * words in other scripts and mixed cores match only themselves.
 */
export function wordForms(core: string, shape: WordShape): string[] {
  const arabic = ARABIC_WORD.test(core);
  if (!(arabic && core.length >= 2) && !DIGIT_LED.test(core)) return [core];
  const out = new Set<string>();
  for (const p of PREFIXES) out.add(p + core);
  if (arabic && shape.article && core.length >= 4) {
    // الارهاب → للارهاب; اللجنة → للجنة (three lams are written two).
    const stem = core.slice(2);
    for (const p of BEFORE_LAM) {
      out.add(`${p}لل${stem}`);
      if (stem.startsWith("ل")) out.add(`${p}ل${stem}`);
    }
    return [...out];
  }
  for (const p of BEFORE_ARTICLE) out.add(`${p}ال${core}`);
  for (const p of BEFORE_LAM) {
    out.add(`${p}لل${core}`);
    if (core.startsWith("ل")) out.add(`${p}ل${core}`);
  }
  if (!arabic) return [...out];
  if (core.length >= 3 && IMPERFECT.has(core[0] as string)) {
    for (const p of BEFORE_LAM) out.add(`${p}س${core}`);
  }
  const last = core[core.length - 1];
  if (!shape.taMarbuta && last !== "ا" && last !== "ء") {
    for (const p of BEFORE_LAM) out.add(`${p + core}ا`);
  }
  return [...out];
}

/** A query prepared for matching: its cores (words and numbers) in order, each with its forms. */
export function prepareCliticPhrase(query: string): CliticPhrase {
  const { norm, map } = normalizeWithMap(query);
  const words: CliticWord[] = [];
  for (const t of tmTokens(norm)) {
    if (t.kind === "punct") continue;
    const first = query.charCodeAt(map[t.start] as number);
    const lastOriginal = lastLetter(query, map[t.start] as number, map[t.end] as number);
    const shape: WordShape = {
      article: t.text.startsWith("ال") && BARE_ALEF.has(first),
      taMarbuta: lastOriginal === TA_MARBUTA,
    };
    words.push({ core: t.text, forms: new Set(wordForms(t.text, shape)) });
  }
  return { words };
}

/** Last Arabic letter (not a mark or tatweel) of original[from, to). */
function lastLetter(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (isBasicArabicLetter(c)) return c;
  }
  return -1;
}

/**
 * Occurrences of the phrase in a normalised text: consecutive cores, each one of its word's forms
 * (punctuation between them allowed), as [start, end) in the normalised text, whole tokens (proclitics
 * included). Occurrences do not overlap.
 */
export function cliticPhraseSpans(norm: string, phrase: CliticPhrase): Span[] {
  const words = phrase.words;
  if (words.length === 0) return [];
  const cores = tmTokens(norm).filter((t) => t.kind !== "punct");
  const out: Span[] = [];
  for (let i = 0; i + words.length <= cores.length; i++) {
    let k = 0;
    while (k < words.length && (words[k] as CliticWord).forms.has((cores[i + k] as TmToken).text)) k++;
    if (k === words.length) {
      out.push({ start: (cores[i] as TmToken).start, end: (cores[i + k - 1] as TmToken).end });
      i += k - 1;
    }
  }
  return out;
}

/** Occurrences of the phrase as UTF-16 [start, end) offsets into the stored, original text. */
export function cliticPhraseHighlights(text: string, phrase: CliticPhrase): Span[] {
  const { norm, map } = normalizeWithMap(text);
  return cliticPhraseSpans(norm, phrase).map((s) => originalRange(text, map, s.start, s.end));
}
