/**
 * The neighbour tests of the sense checks (terms-sense.ts): what the words around a raw hit are — the
 * article, a particle, a place, a body, a gentilic, a name, a verb's context, a collocate in the sentence.
 * Word lists are normalised (normalizeForSearch) and article-less unless said otherwise.
 */
import { ALEF, BA, FA, KAF, LAM, WAW } from "./arabic";
import { normalizeForSearch } from "./normalize";
import {
  GAP_COMMA,
  GAP_SPACE,
  SCRIPT_AR,
  SCRIPT_LATIN,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";
import { isGentilic, OWNER_STATE, type RawHits, tokenText } from "./terms-owner";
import type { TokenScan } from "./tokenize";

const VERB_BEFORE = new Set([
  "to",
  "will",
  "would",
  "shall",
  "should",
  "can",
  "could",
  "may",
  "might",
  "must",
  "cannot",
]);
const GERUND_BEFORE = new Set(["of", "for", "by", "without", "after", "before", "while", "about", "on"]);
const NEGATION = new Set(["not", "never"]);
const DO = new Set(["do", "does", "did"]);
export const DEPUTY_EN = new Set(["deputy", "vice", "assistant"]);
export const DEPUTY_AR = new Set(["نائب", "مساعد"].map(normalizeForSearch));
/** Particles after which an Arabic word is not a construct complement. */
const NOT_COMPLEMENT = new Set(
  ["في", "من", "إلى", "على", "عن", "مع", "بين", "لدى", "حتى", "منذ", "عبر", "ضد", "نحو", "حول", "خلال"].map(
    normalizeForSearch,
  ),
);
/** Nouns of a place or region (article-less, normalised): استقرار المنطقة, stability of the region. */
const PLACE_NOUNS = ["منطقة", "إقليم", "بلد", "بلاد", "دولة", "دول", "عالم", "قارة"].map(normalizeForSearch);
const PLACE_WORDS_EN = /^(regions?|country|countries|world|area|continent|states?|subregions?|nations?)$/i;
/** Nouns of a deliberative body or its number (article-less, normalised): قرار مجلس, قرار رقم. */
const BODY_NOUNS = [
  "مجلس",
  "جمعية",
  "لجنة",
  "مؤتمر",
  "منظمة",
  "جامعة",
  "قمة",
  "هيئة",
  "اتحاد",
  "محكمة",
  "مجموعة",
  "رقم",
].map(normalizeForSearch);
const BODY_WORDS_EN =
  /^(council|assembly|committee|conference|organi[sz]ation|summit|board|commission|court|union|league)$/i;
/** A government or a ruler (article-less, normalised): قرار حكومة النرويج, قرار الملك is a decision. */
const RULER_NOUNS = ["حكومة", "حكومات", "رئيس", "ملك", "أمير", "وزير", "سلطات", "إدارة", "ولي"].map(
  normalizeForSearch,
);
/** Words without the article that follow a noun without being in construct with it or naming it (normalised,
 * proclitics aside): particles, adverbs of time and place. */
const NOT_A_NAME = [
  "أن",
  "إن",
  "لأن",
  "كان",
  "قد",
  "لم",
  "لن",
  "لا",
  "ما",
  "كما",
  "أيضا",
  "أيضاً",
  "بعد",
  "قبل",
  "أمام",
  "عند",
  "أمس",
  "مساء",
  "صباح",
  "غدا",
  "نفسه",
  "نفسها",
  "ذاته",
  "ذاتها",
  "شخصيا",
  "شخصياً",
  "وحده",
  "بدوره",
  "بدورها",
  "حين",
  "عندما",
  "الذي",
  "التي",
  "هذا",
  "هذه",
  "ذلك",
  "تلك",
  "كل",
  "جميع",
  "بعض",
  "أي",
  "إلى",
  "الى",
  "فى",
].map(normalizeForSearch);
const NAME_HEADS = new Set(["عبد", "أبو"].map(normalizeForSearch));
/** Particles only a verb follows (normalised): لن تدخل, قد تدخل. */
const VERB_PARTICLES_AR = new Set(
  ["أن", "ألا", "لن", "لم", "قد", "سوف", "كي", "لكي", "لئلا"].map(normalizeForSearch),
);
const DEMONSTRATIVES_AR = new Set(
  ["هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هاتان", "هذان"].map(normalizeForSearch),
);
/** English words after which a singular noun has no determiner of its own (in protocol, of protocol). */
const BARE_BEFORE_EN = new Set(["in", "of", "on", "and", "or", "with", "by", "for", "under", "to", "about"]);

/** Whether Arabic token k has the article (after proclitics و ف ب ك; لل = ل + ال). */
export function hasArticle(scan: TokenScan, k: number): boolean {
  const c = scan.codes;
  let a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  if (c[a] === LAM && c[a + 1] === LAM) return b - a >= 4;
  if (c[a] === WAW || c[a] === FA) a++;
  if (c[a] === BA || c[a] === KAF || c[a] === LAM) a++;
  return b - a >= 4 && c[a] === ALEF && c[a + 1] === LAM;
}

/** Token k's article-less, proclitic-less readings (Arabic) or its lower-case form (English). */
export function stemsOfToken(scan: TokenScan, k: number): string[] {
  const w = tokenText(scan, k);
  if (scan.script[k] !== SCRIPT_AR) return [w.toLowerCase()];
  const out = [w];
  let v = w;
  if (v.startsWith("لل") && v.length >= 4) out.push(v.slice(2));
  if (v[0] === "و" || v[0] === "ف") {
    v = v.slice(1);
    out.push(v);
  }
  if (v[0] === "ب" || v[0] === "ك" || v[0] === "ل") {
    v = v.slice(1);
    out.push(v);
  }
  for (const s of [...out]) if (s.startsWith("ال") && s.length >= 4) out.push(s.slice(2));
  return out;
}

/** Whether the text between tokens k and k + 1 ends a sentence (., !, ?, ؟ after a word of 3+ letters,
 * or a blank line). */
function sentenceEndAfter(text: string, scan: TokenScan, k: number): boolean {
  const from = scan.end[k] as number;
  const to = scan.start[k + 1] as number;
  const gap = text.slice(from, to);
  if (/\n\s*\n|\u2029/.test(gap)) return true;
  // A line break after punctuation ends a line of its own (a preambular paragraph, a list item); a bare
  // one may be the wrap of hard-wrapped text.
  if (/[،,;؛:.!?؟]\s*\n/.test(gap)) return true;
  return /[.!?؟]/.test(gap) && to - from > 0 && (scan.end[k] as number) - (scan.start[k] as number) >= 3;
}

/** Whether one of `needs` stands in the sentence around tokens s…e (up to 40 words each way). */
export function hasCollocate(text: string, scan: TokenScan, s: number, e: number, needs: string[]): boolean {
  const match = (k: number): boolean => {
    for (const stem of stemsOfToken(scan, k)) for (const n of needs) if (stem.startsWith(n)) return true;
    return false;
  };
  for (let k = s - 1, n = 0; k >= 0 && n < 40 && !sentenceEndAfter(text, scan, k); k--, n++)
    if (match(k)) return true;
  for (let k = e + 1, n = 0; k < scan.count && n < 40 && !sentenceEndAfter(text, scan, k - 1); k++, n++)
    if (match(k)) return true;
  return false;
}

/** Whether token k starts a place: a raw hit of a State or geography entry, or a noun of a place. */
export function placeAt(m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number): boolean {
  for (let i = 0; i < raw.count; i++) {
    if (raw.start[i] !== k) continue;
    const rec = m.records[raw.record[i] as number] as TermRecord;
    if ((rec.name && rec.state) || rec.ownerKind === OWNER_STATE) return true;
  }
  if (scan.script[k] === SCRIPT_LATIN) {
    // A capitalised word after *of (the)* is a name (stability of Lebanon), a place or its people's.
    const c = scan.codes[scan.normStart[k] as number] as number;
    return PLACE_WORDS_EN.test(tokenText(scan, k)) || isCapital(text.charCodeAt(scan.start[k] as number), c);
  }
  for (const stem of stemsOfToken(scan, k)) if (PLACE_NOUNS.includes(stem)) return true;
  return false;
}

/** Whether token k starts a body: a raw hit of an organisation or a State, a place, a body noun or (English)
 * a capitalised name. */
export function bodyAt(m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number): boolean {
  for (let i = 0; i < raw.count; i++) {
    if (raw.start[i] !== k) continue;
    const rec = m.records[raw.record[i] as number] as TermRecord;
    if ((rec.name && rec.state) || rec.ownerKind !== 0) return true;
  }
  if (scan.script[k] === SCRIPT_LATIN) {
    const c = scan.codes[scan.normStart[k] as number] as number;
    return BODY_WORDS_EN.test(tokenText(scan, k)) || isCapital(text.charCodeAt(scan.start[k] as number), c);
  }
  // An indefinite word may be a name, a verb or an adjective (قرار يدعو, قرار ملزم): only a government or
  // a ruler in construct tells a decision (قرار حكومة النرويج).
  if (!hasArticle(scan, k) && !isOneOf(scan, k, RULER_NOUNS)) return true;
  if (placeAt(m, text, scan, raw, k)) return true;
  for (const stem of stemsOfToken(scan, k)) if (BODY_NOUNS.includes(stem)) return true;
  return false;
}

/** An upper-case original letter (its normalised form differs). */
function isCapital(original: number, normalised: number): boolean {
  return original !== normalised && original >= 0x41 && original <= 0x5a;
}

/** Whether Arabic token k is a gentilic adjective, definite (isGentilic) or not (عربياً, وطنية). */
export function gentilicAt(m: TermMatcher, scan: TokenScan, k: number): boolean {
  if (scan.script[k] !== SCRIPT_AR) return false;
  if (isGentilic(scan, k, m.places, NO_WORDS)) return true;
  let w = tokenText(scan, k);
  if (w.startsWith("ال")) return false;
  if (w.endsWith("يا") || w.endsWith("يه")) w = w.slice(0, -1);
  if (!w.endsWith("ي") || w.length < 4) return false;
  const stem = w.slice(0, -1);
  return m.places.has(w) || m.places.has(stem) || m.places.has(`${w}ا`) || m.places.has(`${w}ه`);
}
const NO_WORDS: ReadonlySet<string> = new Set();

/** Whether the word before token s is a modal or *to* (possibly with *not*), or a preposition before a form
 * in -ing: the hit is a verb. */
export function verbBefore(text: string, scan: TokenScan, s: number): boolean {
  if (s === 0 || scan.gap[s - 1] !== GAP_SPACE) return false;
  const prev = tokenText(scan, s - 1).toLowerCase();
  if (VERB_BEFORE.has(prev)) return true;
  // A form in -ing right after a preposition is a gerund (of meeting the press, before meeting them).
  if (GERUND_BEFORE.has(prev) && tokenText(scan, s).endsWith("ing")) return true;
  if (!NEGATION.has(prev) || s < 2 || scan.gap[s - 2] !== GAP_SPACE) return false;
  const before = text.slice(scan.start[s - 2], scan.end[s - 2]).toLowerCase();
  return VERB_BEFORE.has(before) || DO.has(before);
}

/** Whether Arabic token k ends in the accusative tanween (ـاً, also typed without the fatḥatān). */
export function accusativeIndefinite(text: string, scan: TokenScan, k: number): boolean {
  const end = scan.end[k] as number;
  const last = text.charCodeAt(end - 1);
  if (last === 0x064b) return true; // fatḥatān
  return last === ALEF && (scan.normEnd[k] as number) - (scan.normStart[k] as number) >= 4;
}

/** Whether token k is one of `words` (any proclitic or article aside; English letter case aside). */
export function isOneOf(scan: TokenScan, k: number, words: string[]): boolean {
  for (const stem of stemsOfToken(scan, k)) if (words.includes(stem)) return true;
  return false;
}

/** Whether the Arabic hit ending on token e lacks the article and a noun follows it (construct). */
export function inConstruct(scan: TokenScan, e: number): boolean {
  if (hasArticle(scan, e) || scan.script[e + 1] !== SCRIPT_AR) return false;
  const next = tokenText(scan, e + 1);
  return next[0] !== "و" && next[0] !== "ف" && !NOT_COMPLEMENT.has(next);
}

type NounTest = (m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number) => boolean;

/** The hit ending on token e is in construct (Arabic) or followed by *of* (English) with a noun that does
 * not pass `wanted` (a place, a body). */
export function constructWithout(
  m: TermMatcher,
  text: string,
  scan: TokenScan,
  raw: RawHits,
  e: number,
  arabic: boolean,
  wanted: NounTest,
): boolean {
  if (arabic)
    return inConstruct(scan, e) && !accusativeIndefinite(text, scan, e) && !wanted(m, text, scan, raw, e + 1);
  if (tokenText(scan, e + 1) !== "of" || e + 2 >= scan.count || scan.gap[e + 1] !== GAP_SPACE) return false;
  let k = e + 2;
  if (tokenText(scan, k) === "the" && k + 1 < scan.count && scan.gap[k] === GAP_SPACE) k++;
  return !wanted(m, text, scan, raw, k);
}

/** Whether Arabic token s carries the proclitic ب (after و or ف): بالاتفاق, وباتفاق. */
export function withBa(scan: TokenScan, s: number): boolean {
  const c = scan.codes;
  let a = scan.normStart[s] as number;
  if (c[a] === WAW || c[a] === FA) a++;
  return c[a] === BA;
}

/** Whether the Arabic hit on tokens s…e reads as a verb: after a particle only a verb follows, or bare (no
 * article, no proclitic) before a demonstrative. */
export function arabicVerb(scan: TokenScan, s: number, e: number): boolean {
  if (hasArticle(scan, s)) return false; // a verb never has the article (أن التدخل مرفوض)
  if (
    s > 0 &&
    scan.gap[s - 1] === GAP_SPACE &&
    VERB_PARTICLES_AR.has(tokenText(scan, s - 1).replace(/^[وف]/, ""))
  )
    return true;
  if (s !== e || e + 1 >= scan.count || scan.gap[e] !== GAP_SPACE) return false;
  const c = scan.codes[scan.normStart[s] as number];
  if (c === WAW || c === FA || c === BA || c === LAM || c === KAF) return false;
  return DEMONSTRATIVES_AR.has(tokenText(scan, e + 1));
}

/** Whether Arabic token k, right after a definite title, reads as a personal name (see NOT_A_NAME). */
export function nameAfter(text: string, scan: TokenScan, k: number): boolean {
  if (scan.script[k] !== SCRIPT_AR || hasArticle(scan, k)) return false;
  const w = tokenText(scan, k);
  const c = w.charCodeAt(0);
  if (c === 0x0648 || c === 0x0641 || c === 0x064a) return false; // و, ف: a conjunction; ي: a verb
  if (NOT_COMPLEMENT.has(w) || isOneOf(scan, k, NOT_A_NAME)) return false;
  // A feminine in ة is a predicate (الرئيسة مسؤولة), not a name.
  if (text.charCodeAt((scan.end[k] as number) - 1) === 0x0629) return false;
  // A name is a first name and a surname, neither with the article (جوزاف عون, بوتين إن), or عبد/أبو + a
  // definite word (عبد الفتاح); a bare word before a definite one is a noun in construct, the object of
  // the verb before the title (أعلن الرئيس رفع الجلسة).
  if (k + 1 >= scan.count || scan.gap[k] !== GAP_SPACE || !hasArticle(scan, k + 1)) return true;
  return NAME_HEADS.has(w);
}

/** Whether the English one-word hit on token s is lower case with no determiner: after a comma or a
 * preposition or *and/or*. */
export function bareNoun(text: string, scan: TokenScan, s: number): boolean {
  const first = text.charCodeAt(scan.start[s] as number);
  if (first < 0x61 || first > 0x7a) return false;
  if (s === 0) return false;
  if (scan.gap[s - 1] === GAP_COMMA) return true;
  return scan.gap[s - 1] === GAP_SPACE && BARE_BEFORE_EN.has(tokenText(scan, s - 1).toLowerCase());
}
