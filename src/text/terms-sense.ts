/**
 * Sense checks: a word spelt like a glossary term that its context reads in another sense (a homograph).
 * Two sources, both applied to raw hits by the resolvers (terms-resolve.ts and the reference):
 *
 * **Declared senses** — phrases in a term's note (glossary/README.md, "Declared senses"), for terms that
 * are also common words in another sense; the glossary says what tells the senses apart:
 * - `also a verb` (English): after *to*, a modal (*will*, *could*, …) or *not* after one, the word is the
 *   verb (*scheduled to vote*, *threaten to veto it*), not the term (*the vote*).
 * - `sense needs: w1، w2, …`: the term counts only where one of these words stands near it (same sentence,
 *   any clitics, article or suffix): ولاية is a *mandate* beside بعثة or تجديد, a province in ولاية شمال
 *   دارفور; الضمانات are *safeguards* beside نووي, credit guarantees elsewhere.
 * - `other sense before a gentilic`: a gentilic adjective right after it names another thing (قرارها
 *   الوطني, *its national decision*, is not a resolution).
 * - `other sense before: w1, …` / `other sense after: w1, …`: one of these words right after / before it
 *   reads it in another sense (الإعلان عن, *the announcement of*; *peaceful resolution*, *in recognition of*).
 * - `other sense in construct`: without the article before a noun (Arabic construct) it is another sense
 *   (مراسم التوقيع, *the signing ceremony*; المراسم alone is the protocol department).
 * - `in construct only with a place`: without the article before a noun (Arabic construct), or before
 *   *of* (English), the term keeps its sense only when that noun is a place (استقرار المنطقة, *stability
 *   of the region*, not استقرار أسعار الصرف, *exchange-rate stability*).
 * - `in construct only with a body`: likewise, but the noun must be a body, an organisation or a State
 *   (قرار مجلس الأمن, *resolution of the General Assembly*; not قرار الحكومة, قرار نتنياهو, *the
 *   resolution of our disputes*): one person's or a government's decision is not a resolution.
 * - `other sense with ب before: w1, …`: with the proclitic ب and one of these words right after it, it is
 *   the act, not the instrument (بالاتفاق مع, *in agreement with*; باتفاق الطرفين, *by agreement of the
 *   parties*).
 * - `also a verb` (Arabic): after a particle that only a verb follows (أن, لن, لم, قد, سوف, كي), or without
 *   article and proclitic right before a demonstrative (تدخل هذه المذكرة حيز النفاذ, *enters into force*).
 * - `other sense before a name` (Arabic, listed with the article): with the article and followed by a word
 *   without it that is not a particle, an adverb of time or a verb in ي-, it is a title before a personal
 *   name (الرئيس جوزاف عون, *President Joseph Aoun*: a head of State, not a chair).
 * - `other sense without a determiner` (English): a lower-case singular right after a comma, a
 *   preposition or *and/or* is the uncountable sense (*training in diplomacy, protocol and law*: etiquette,
 *   not a treaty protocol).
 *
 * **Structural rules** — shapes of the glossary term itself, no data needed:
 * - a one-word Arabic term of the shape مفعل (مرفق, ملحق: a form-IV passive participle) with the article
 *   right after a word with the article is the participle agreeing with it (الجدول المرفق, *the attached
 *   table*), not the noun;
 * - a one-word place name the glossary writes with the article (الخليج) found without it before another
 *   word is another place (خليج عدن, *Gulf of Aden*); in English a one-word place name before *of* and a
 *   capitalised word likewise (*Gulf of Aden*);
 * - a multi-word Arabic term whose first word is an active participle in مت- (forms V, VI, VIII: المتحدث
 *   باسم) listed with the article, found without it in the accusative (متحدثاً باسم), is a circumstantial
 *   clause, *speaking on behalf of* (a passive participle stays a noun: عُيّن مبعوثاً خاصاً);
 * - a title right after *Deputy*, *Vice*, *Assistant* (English) or نائب, مساعد (Arabic) is the deputy's
 *   title (*Deputy Prime Minister* is not a Prime Minister), unless the glossary lists the whole title
 *   (then the longer term wins anyway);
 * - a multi-word Arabic term whose last word the glossary writes with the article, found without it, is in
 *   construct with the next word; where another term starts on that last word and goes on, the word
 *   belongs to that term (نائب رئيس الوزراء: رئيس الوزراء, not نائب الرئيس).
 */
import { ALEF, BA, FA, KAF, LAM, MIM, TA, WAW } from "./arabic";
import { arabicKeyStart } from "./morphology";
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
import { createTokenScan, scanTokens, type TokenScan } from "./tokenize";

/** What the sense checks need to know of one glossary term (TermRecord.sense). */
export interface SenseInfo {
  verb: boolean;
  gentilic: boolean;
  /** `in construct only with a body`: the one-word term's own stem (as stemOf), which the text's word must
   * be (the singular: قرارات الشرعية الدولية, *resolutions of*, stay resolutions), or null. */
  bodyConstruct: string | null;
  /** Words (as `before`) of `other sense with ب before:`. */
  withBa: string[] | null;
  bare: boolean;
  name: boolean;
  placeConstruct: boolean;
  /** Normalised article-less stems (Arabic) or lower-case prefixes (English) of `sense needs`. */
  needs: string[] | null;
  /** Words (as `needs`, compared whole) of `other sense before:` / `other sense after:`. */
  before: string[] | null;
  after: string[] | null;
  /** `other sense in construct`. */
  construct: boolean;
  participle: boolean;
  definitePlace: boolean;
  englishPlace: boolean;
  accusativeHal: boolean;
  title: boolean;
  lastDefinite: boolean;
}

const VERB_NOTE = /\balso a verb\b/i;
const GENTILIC_NOTE = /\bother sense before a gentilic\b/i;
const PLACE_NOTE = /\bin construct only with a place\b/i;
const NEEDS_NOTE = /\bsense needs:\s*([^;.]+)/i;
const BEFORE_NOTE = /\bother sense before:\s*([^;.]+)/i;
const AFTER_NOTE = /\bother sense after:\s*([^;.]+)/i;
const CONSTRUCT_NOTE = /\bother sense in construct\b/i;
const BODY_NOTE = /\bin construct only with a body\b/i;
const WITH_BA_NOTE = /\bother sense with ب before:\s*([^;.]+)/i;
const BARE_NOTE = /\bother sense without a determiner\b/i;
const NAME_NOTE = /\bother sense before a name\b/i;

/** The words of a declared list (`w1, w2` or `w1، w2`), as stemOf gives them. */
function wordList(note: string, re: RegExp): string[] | null {
  const m = re.exec(note);
  if (!m) return null;
  const words = (m[1] as string)
    .split(/[,،]/)
    .map(stemOf)
    .filter((w) => w.length >= 2);
  return words.length > 0 ? words : null;
}

/** The article-less normalised form of an Arabic word, or the lower-case English word. */
function stemOf(word: string): string {
  const norm = normalizeForSearch(word.trim());
  if (!/[\u0600-\u06ff]/.test(norm)) return norm.toLowerCase();
  return norm.startsWith("ال") && norm.length >= 4 ? norm.slice(2) : norm;
}

/** Token k of a glossary term's scan: Arabic, with the article, and the first two letters after it. */
function wordAt(text: string, scan: TokenScan, k: number) {
  const c = scan.codes;
  const a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  const ar = scan.script[k] === SCRIPT_AR;
  const ka = ar ? arabicKeyStart(c, a, b, text.charCodeAt(scan.start[k] as number)) : a;
  return { ar, article: ka > a, length: b - ka, first: c[ka] ?? 0, second: c[ka + 1] ?? 0 };
}

/**
 * The sense checks of glossary term `text` (language `lang`, entry of `domain`, term note `note`), or null
 * when none applies (the usual case: no check is run for its hits). `scan`: the term's token scan (the
 * build has it at hand).
 */
export function senseOf(
  text: string,
  lang: string,
  domain: string | undefined,
  note: string | null | undefined,
  scan: TokenScan = scanTokens(text, createTokenScan()),
): SenseInfo | null {
  if (scan.count === 0) return null;
  const one = scan.count === 1;
  const first = wordAt(text, scan, 0);
  const last = one ? first : wordAt(text, scan, scan.count - 1);
  const noted = note !== null && note !== undefined && note !== "";
  const info: SenseInfo = {
    verb: noted && VERB_NOTE.test(note),
    gentilic: noted && lang === "ar" && GENTILIC_NOTE.test(note),
    bodyConstruct: noted && one && BODY_NOTE.test(note) ? stemOf(text) : null,
    withBa: noted && lang === "ar" ? wordList(note, WITH_BA_NOTE) : null,
    bare: noted && lang === "en" && BARE_NOTE.test(note),
    name: noted && lang === "ar" && first.article && NAME_NOTE.test(note),
    placeConstruct: noted && PLACE_NOTE.test(note),
    needs: noted ? wordList(note, NEEDS_NOTE) : null,
    before: noted ? wordList(note, BEFORE_NOTE) : null,
    after: noted ? wordList(note, AFTER_NOTE) : null,
    construct: noted && CONSTRUCT_NOTE.test(note),
    participle: one && first.ar && first.length === 4 && first.first === MIM,
    definitePlace: one && first.ar && first.article && domain === "geography",
    englishPlace: one && lang === "en" && domain === "geography",
    accusativeHal: !one && first.ar && first.article && first.first === MIM && first.second === TA,
    title: domain === "titles and offices",
    lastDefinite: !one && last.ar && last.article,
  };
  const any =
    info.verb ||
    info.gentilic ||
    info.bodyConstruct !== null ||
    info.withBa !== null ||
    info.bare ||
    info.name ||
    info.placeConstruct ||
    info.needs !== null ||
    info.before !== null ||
    info.after !== null ||
    info.construct ||
    info.participle ||
    info.definitePlace ||
    info.englishPlace ||
    info.accusativeHal ||
    info.title ||
    info.lastDefinite;
  return any ? info : null;
}

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
const DEPUTY_EN = new Set(["deputy", "vice", "assistant"]);
const DEPUTY_AR = new Set(["نائب", "مساعد"].map(normalizeForSearch));
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
function hasArticle(scan: TokenScan, k: number): boolean {
  const c = scan.codes;
  let a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  if (c[a] === LAM && c[a + 1] === LAM) return b - a >= 4;
  if (c[a] === WAW || c[a] === FA) a++;
  if (c[a] === BA || c[a] === KAF || c[a] === LAM) a++;
  return b - a >= 4 && c[a] === ALEF && c[a + 1] === LAM;
}

/** Token k's article-less, proclitic-less readings (Arabic) or its lower-case form (English). */
function stemsOfToken(scan: TokenScan, k: number): string[] {
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
function hasCollocate(text: string, scan: TokenScan, s: number, e: number, needs: string[]): boolean {
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
function placeAt(m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number): boolean {
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
function bodyAt(m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number): boolean {
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
function gentilicAt(m: TermMatcher, scan: TokenScan, k: number): boolean {
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
function verbBefore(text: string, scan: TokenScan, s: number): boolean {
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
function accusativeIndefinite(text: string, scan: TokenScan, k: number): boolean {
  const end = scan.end[k] as number;
  const last = text.charCodeAt(end - 1);
  if (last === 0x064b) return true; // fatḥatān
  return last === ALEF && (scan.normEnd[k] as number) - (scan.normStart[k] as number) >= 4;
}

/** Whether the hit of record `record` on tokens s…e is the term in another sense (see above). */
export function senseRejected(
  m: TermMatcher,
  text: string,
  scan: TokenScan,
  raw: RawHits,
  s: number,
  e: number,
  record: number,
): boolean {
  const r = m.records[record] as TermRecord;
  const info = r.sense;
  if (info === null) return false;
  const count = scan.count;
  const spaceAfter = e + 1 < count && scan.gap[e] === GAP_SPACE;
  const arabic = scan.script[s] === SCRIPT_AR;
  if (info.verb && (arabic ? arabicVerb(scan, s, e) : verbBefore(text, scan, s))) return true;
  if (info.bare && !arabic && bareNoun(text, scan, s)) return true;
  if (info.name && arabic && spaceAfter && hasArticle(scan, e) && nameAfter(text, scan, e + 1)) return true;
  if (info.withBa !== null && arabic && spaceAfter && withBa(scan, s) && isOneOf(scan, e + 1, info.withBa))
    return true;
  if (
    info.bodyConstruct !== null &&
    spaceAfter &&
    isOneOf(scan, e, [info.bodyConstruct]) &&
    constructWithout(m, text, scan, raw, e, arabic, bodyAt)
  )
    return true;
  if (info.title && s > 0 && scan.gap[s - 1] === GAP_SPACE) {
    const prev = tokenText(scan, s - 1);
    if (arabic ? DEPUTY_AR.has(prev.replace(/^[وف]/, "")) : DEPUTY_EN.has(prev.toLowerCase())) return true;
  }
  if (info.gentilic && spaceAfter && gentilicAt(m, scan, e + 1)) return true;
  if (info.participle && s === e && s > 0 && scan.gap[s - 1] === GAP_SPACE && arabic)
    if (hasArticle(scan, s) && hasArticle(scan, s - 1)) return true;
  if (info.definitePlace && arabic && spaceAfter && !hasArticle(scan, e) && scan.script[e + 1] === SCRIPT_AR)
    return true;
  if (info.englishPlace && !arabic && e + 2 < count && spaceAfter && tokenText(scan, e + 1) === "of") {
    const c = text.charCodeAt(scan.start[e + 2] as number);
    if (c >= 0x41 && c <= 0x5a && tokenText(scan, e + 2) !== "the") return true;
  }
  if (info.accusativeHal && arabic && !hasArticle(scan, s) && accusativeIndefinite(text, scan, s))
    return true;
  if (info.lastDefinite && arabic && !hasArticle(scan, e))
    for (let i = 0; i < raw.count; i++)
      if (raw.start[i] === e && (raw.end[i] as number) > e && raw.record[i] !== record) return true;
  if (info.placeConstruct && spaceAfter && constructWithout(m, text, scan, raw, e, arabic, placeAt))
    return true;
  if (info.construct && arabic && spaceAfter && inConstruct(scan, e)) return true;
  if (info.before !== null && spaceAfter && isOneOf(scan, e + 1, info.before)) return true;
  if (info.after !== null && s > 0 && scan.gap[s - 1] === GAP_SPACE && isOneOf(scan, s - 1, info.after))
    return true;
  return info.needs !== null && !hasCollocate(text, scan, s, e, info.needs);
}

/** Whether token k is one of `words` (any proclitic or article aside; English letter case aside). */
function isOneOf(scan: TokenScan, k: number, words: string[]): boolean {
  for (const stem of stemsOfToken(scan, k)) if (words.includes(stem)) return true;
  return false;
}

/** Whether the Arabic hit ending on token e lacks the article and a noun follows it (construct). */
function inConstruct(scan: TokenScan, e: number): boolean {
  if (hasArticle(scan, e) || scan.script[e + 1] !== SCRIPT_AR) return false;
  const next = tokenText(scan, e + 1);
  return next[0] !== "و" && next[0] !== "ف" && !NOT_COMPLEMENT.has(next);
}

type NounTest = (m: TermMatcher, text: string, scan: TokenScan, raw: RawHits, k: number) => boolean;

/** The hit ending on token e is in construct (Arabic) or followed by *of* (English) with a noun that does
 * not pass `wanted` (a place, a body). */
function constructWithout(
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
function withBa(scan: TokenScan, s: number): boolean {
  const c = scan.codes;
  let a = scan.normStart[s] as number;
  if (c[a] === WAW || c[a] === FA) a++;
  return c[a] === BA;
}

/** Whether the Arabic hit on tokens s…e reads as a verb: after a particle only a verb follows, or bare (no
 * article, no proclitic) before a demonstrative. */
function arabicVerb(scan: TokenScan, s: number, e: number): boolean {
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
function nameAfter(text: string, scan: TokenScan, k: number): boolean {
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
function bareNoun(text: string, scan: TokenScan, s: number): boolean {
  const first = text.charCodeAt(scan.start[s] as number);
  if (first < 0x61 || first > 0x7a) return false;
  if (s === 0) return false;
  if (scan.gap[s - 1] === GAP_COMMA) return true;
  return scan.gap[s - 1] === GAP_SPACE && BARE_BEFORE_EN.has(tokenText(scan, s - 1).toLowerCase());
}
