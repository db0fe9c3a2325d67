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
 * - `same sense when it refers back` (Arabic, one word): with the article and no definite word after it
 *   (الاتفاقية تأتي, هذه الاتفاقية), the hit refers back and takes the sense of the text's first hit of the
 *   term (after اتفاقية بين حكومة… وحكومة…, a bilateral agreement, every later الاتفاقية is one too).
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
import { MIM, TA } from "./arabic";
import { arabicKeyStart } from "./morphology";
import { normalizeForSearch } from "./normalize";
import { GAP_SPACE, SCRIPT_AR, type TermMatcher, type TermRecord } from "./terms-matcher";
import { type RawHits, tokenText } from "./terms-owner";
import {
  accusativeIndefinite,
  arabicVerb,
  bareNoun,
  bodyAt,
  constructWithout,
  DEPUTY_AR,
  DEPUTY_EN,
  gentilicAt,
  hasArticle,
  hasCollocate,
  inConstruct,
  isOneOf,
  nameAfter,
  placeAt,
  verbBefore,
  withBa,
} from "./terms-sense-neighbours";
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
  /** `same sense when it refers back` (Arabic). */
  anaphor: boolean;
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
const ANAPHOR_NOTE = /\bsame sense when it refers back\b/i;

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
    anaphor: noted && lang === "ar" && one && ANAPHOR_NOTE.test(note),
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
    info.lastDefinite ||
    info.anaphor;
  return any ? info : null;
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
  const info = (m.records[record] as TermRecord).sense;
  if (info === null) return false;
  if (info.anaphor && referringBack(scan, s, e)) {
    // الاتفاقية, هذه الاتفاقية after اتفاقية بين حكومة… وحكومة…: the sense of the text's first hit.
    const first = firstHit(raw, record);
    if (first >= 0 && (raw.start[first] as number) < s)
      return neighboursReject(
        m,
        text,
        scan,
        raw,
        raw.start[first] as number,
        raw.end[first] as number,
        record,
      );
  }
  return neighboursReject(m, text, scan, raw, s, e, record);
}

/** Whether the Arabic one-word hit on token s has the article and no definite word after it (الاتفاقية
 * تأتي, هذه الاتفاقية كلياً; not الاتفاقية الإطارية, which says which one it is). */
function referringBack(scan: TokenScan, s: number, e: number): boolean {
  if (s !== e || scan.script[s] !== SCRIPT_AR || !hasArticle(scan, s)) return false;
  return !(e + 1 < scan.count && scan.gap[e] === GAP_SPACE && hasArticle(scan, e + 1));
}

/** The raw hit of `record` that starts first in the text, or -1. */
function firstHit(raw: RawHits, record: number): number {
  let first = -1;
  for (let i = 0; i < raw.count; i++)
    if (raw.record[i] === record && (first < 0 || (raw.start[i] as number) < (raw.start[first] as number)))
      first = i;
  return first;
}

/** Whether the hit's own neighbours read it in another sense (every check but `same sense when it refers
 * back`). */
function neighboursReject(
  m: TermMatcher,
  text: string,
  scan: TokenScan,
  raw: RawHits,
  s: number,
  e: number,
  record: number,
): boolean {
  const info = (m.records[record] as TermRecord).sense as SenseInfo;
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
