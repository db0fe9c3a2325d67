/**
 * Owner-bound terms: a term that the glossary also lists with its owner spelt out is the short name of
 * that owner's body or office — `الأمانة العامة` beside `الأمانة العامة للأمم المتحدة`, `Secretariat`
 * beside `United Nations Secretariat`, `الرئيس` beside `رئيس الاجتماع`, `مجلس الأمن` beside `مجلس الأمن
 * الدولي`. Where the text names another owner right next to it, it is that owner's body, a homograph:
 *
 * - Arabic, a gentilic adjective right after it (`الرئيس الصيني`, `مجلس الأمن الوطني`, `التوافق الوطني`):
 *   a nisba of a place of the glossary's geography (`الصين` → `الصيني`, `روسيا` → `الروسي`) or of a short
 *   fixed list (national, Arab, Gulf…), unless the glossary's own qualifier is that word (`الخليجي` for
 *   `مجلس التعاون`);
 * - Arabic, a genitive ل + the name of another organisation or State right after it (`الأمانة العامة لمجلس
 *   التعاون`, `الجمعية العامة لمنظمة الصحة العالمية`), a State in construct (`رئيس مصر`, `رئيس الجمهورية`),
 *   or an honorific of heads of State before it (`فخامة الرئيس`);
 * - English, another organisation or State right before it (`NATO Secretary-General`, `GCC Secretariat`,
 *   `Russia's Security Council`) or after `of (the)` (`Secretary-General of the Arab League`), or a
 *   capitalised gentilic adjective right before it (`National Security Council`, `Russian Security Council`,
 *   `General Secretariat`).
 *
 * The owner's own name is never another owner (`United Nations Secretary-General`, `الأمين العام
 * للأمم المتحدة`), nor are bodies bound to the same owner (`قدم الأمين العام لمجلس الأمن تقريراً`: the
 * Security Council is the Secretary-General's own organisation's organ). Organisations and States are the
 * entries of the domains `international organisations` and `geography`, and the known State names.
 */
import { arabicKeyStart } from "./morphology";
import { normalizeForSearch } from "./normalize";
import {
  GAP_COMMA,
  GAP_HYPHEN,
  GAP_SPACE,
  type TermMatch,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";
import { type TokenScan, tokenize } from "./tokenize";

export const OWNER_NONE = 0;
export const OWNER_ORGANISATION = 1;
export const OWNER_STATE = 2;

/** The owner kind of an entry of `domain` (TermEntryInput.domain). */
export function ownerKindOf(domain: string | undefined): number {
  if (domain === "international organisations") return OWNER_ORGANISATION;
  if (domain === "geography") return OWNER_STATE;
  return OWNER_NONE;
}

/** Gentilic adjectives not derived from one place name of the glossary (normalised, article-less). */
const GENTILIC_WORDS = [
  "وطني",
  "قومي",
  "عربي",
  "خليجي",
  "أفريقي",
  "إفريقي",
  "أوروبي",
  "أمريكي",
  "أميركي",
  "آسيوي",
].map(normalizeForSearch);

/** Nouns of a State in construct after a title (رئيس الجمهورية, رئيس دولة الإمارات, رئيس البلاد). */
const STATE_NOUNS = new Set(
  ["جمهورية", "الجمهورية", "مملكة", "المملكة", "دولة", "الدولة", "البلاد", "سلطنة", "إمارة"].map(
    normalizeForSearch,
  ),
);
/** Honorifics reserved for heads of State: فخامة الرئيس is the President, never a chair. */
const HEAD_OF_STATE_HONORIFICS = new Set(
  ["فخامة", "وفخامة", "بفخامة", "لفخامة", "جلالة", "وجلالة"].map(normalizeForSearch),
);

/** Capitalised English words before a term that name its owner: National, Russian, Chinese, Saudi… */
const ENGLISH_GENTILIC = /^[A-Z][a-z]+(?:an|ese|i|ish|ch|ic|al)$/;

/** Per bound record: the qualifiers the glossary spells out, and what they allow next to the term. */
export interface BoundInfo {
  /** Entry ids that may stand next to the term without changing its owner. */
  allowed: Set<number>;
  /** Normalised article-less Arabic words, lower-case English words, of the glossary's qualifiers. */
  ownWords: Set<string>;
  /** The term names an organisation's body (its entry is an organisation): every owner rule applies. A
   * title or another concept (Secretary-General, chair, consensus) is generic over organisations — the
   * Secretary-General of the GCC is a Secretary-General — so only a State makes it another thing. */
  organ: boolean;
}

/** The words of a term: Arabic normalised without the article, English lower-case. */
function wordsOf(text: string): string[] {
  return tokenize(text).map((t) => {
    if (t.script !== "ar") return t.norm;
    const codes = Array.from(t.norm, (c) => c.charCodeAt(0));
    return t.norm.slice(arabicKeyStart(codes, 0, codes.length, text.charCodeAt(t.start)));
  });
}

/**
 * The qualifier that term `longer` adds to `short` of the same entry and language, or null: Arabic, the
 * words after it (`مجلس الأمن` + `الدولي`); English, the words before it (`United Nations` + `Secretariat`)
 * or after `of` (`Security Council` + `of the UN`).
 */
function qualifierOf(short: string[], longer: string[], lang: string): string[] | null {
  if (longer.length <= short.length) return null;
  const startsWith = short.every((w, i) => longer[i] === w);
  if (lang === "ar") return startsWith ? longer.slice(short.length) : null;
  if (startsWith && longer[short.length] === "of") return longer.slice(short.length + 1);
  const from = longer.length - short.length;
  return short.every((w, i) => longer[from + i] === w) ? longer.slice(0, from) : null;
}

/** What one entry's own terms say about owners (independent of the rest of the glossary: cached). */
export interface EntryOwners {
  /** Gentilic stems this entry adds to the matcher's places (a State's one-word Arabic terms). */
  places: string[];
  /** Per (shorter term, longer term with its qualifier): offsets among the entry's terms, the qualifier's
   * words and the text in which the build looks for the owners it names. In the order the build uses. */
  qualifiers: { short: number; long: number; words: string[]; text: string }[];
}

const ENTRY_OWNERS = new Map<string, EntryOwners>();
const MAX_ENTRY_OWNERS = 20_000;

/**
 * The owner analysis of one entry's terms (as the matcher's records give them, in order) — `state`: the
 * entry is a State (geography). Cached per isolate by the terms' texts and languages.
 */
export function entryOwners(
  terms: readonly { lang: string; termText: string }[],
  state: boolean,
  entryTerms?: object,
): EntryOwners {
  // By the entry's own terms array first (kept for the unchanged entries of an index read after an edit:
  // src/db/glossary.ts glossarySnapshotSince): no key string to make and hash for each of 500 entries.
  const seen = entryTerms === undefined ? undefined : BY_ENTRY.get(entryTerms);
  if (
    seen !== undefined &&
    seen.state === state &&
    seen.terms.length === terms.length &&
    seen.terms.every((t, i) => t.lang === terms[i]?.lang && t.termText === terms[i]?.termText)
  )
    return seen.owners;
  const owners = entryOwnersByKey(terms, state);
  if (entryTerms !== undefined)
    BY_ENTRY.set(entryTerms, {
      state,
      terms: terms.map((t) => ({ lang: t.lang, termText: t.termText })),
      owners,
    });
  return owners;
}
let BY_ENTRY = new WeakMap<
  object,
  { state: boolean; terms: { lang: string; termText: string }[]; owners: EntryOwners }
>();

/** Forgets every entry's owner analysis (tests: a build from scratch, terms-compile.forgetCompiledTerms). */
export function forgetEntryOwners(): void {
  ENTRY_OWNERS.clear();
  BY_ENTRY = new WeakMap();
}

function entryOwnersByKey(terms: readonly { lang: string; termText: string }[], state: boolean): EntryOwners {
  let pairs = false; // two terms in one language: only then can one be bound
  for (let i = 0; i < terms.length && !pairs; i++)
    for (let j = i + 1; j < terms.length; j++)
      if ((terms[i] as { lang: string }).lang === (terms[j] as { lang: string }).lang) {
        pairs = true;
        break;
      }
  if (!pairs && !state) return NO_OWNERS;
  let key = state ? "s" : "-";
  for (const t of terms) key += `|${t.lang}${t.termText.length}:${t.termText}`;
  let known = ENTRY_OWNERS.get(key);
  if (known === undefined) {
    if (ENTRY_OWNERS.size >= MAX_ENTRY_OWNERS) ENTRY_OWNERS.clear();
    known = analyseEntry(terms, state);
    ENTRY_OWNERS.set(key, known);
  }
  return known;
}
const NO_OWNERS: EntryOwners = { places: [], qualifiers: [] };

function analyseEntry(terms: readonly { lang: string; termText: string }[], state: boolean): EntryOwners {
  const out: EntryOwners = { places: [], qualifiers: [] };
  const words: (string[] | null)[] = terms.map(() => null);
  const wordsAt = (k: number): string[] => {
    const known = words[k];
    if (known) return known;
    const w = wordsOf((terms[k] as { termText: string }).termText);
    words[k] = w;
    return w;
  };
  for (let a = 0; a < terms.length; a++) {
    const ra = terms[a] as { lang: string; termText: string };
    if (ra.lang === "ar" && state && wordsAt(a).length === 1) out.places.push(wordsAt(a)[0] as string);
    // Cheap test first: the longer term contains the shorter one's letters (the article aside).
    const core = (ra.lang === "ar" ? ra.termText.replace(/^ال/, "") : ra.termText).toLowerCase();
    for (let b = 0; b < terms.length; b++) {
      const rb = terms[b] as { lang: string; termText: string };
      if (a === b || ra.lang !== rb.lang || rb.termText.length <= core.length) continue;
      if (!rb.termText.toLowerCase().includes(core)) continue;
      const q = qualifierOf(wordsAt(a), wordsAt(b), ra.lang);
      if (q === null || q.length === 0) continue;
      const text = rb.lang === "ar" ? rb.termText.split(/\s+/).slice(-q.length).join(" ") : q.join(" ");
      out.qualifiers.push({ short: a, long: b, words: q, text });
    }
  }
  return out;
}

/**
 * Marks the bound records of the glossary and computes what each allows; `recognize` finds the entries
 * named in a qualifier (run on the finished matcher). Returns the gentilic stems of the glossary's places.
 */
export function analyseOwners(
  matcher: TermMatcher,
  ownerKinds: ReadonlyMap<number, number>,
  recognize: (text: string, lang: "ar" | "en") => TermMatch[],
  entryTerms?: ReadonlyMap<number, object>,
): { bound: Map<number, BoundInfo>; places: Set<string> } {
  const bound = new Map<number, BoundInfo>();
  const places = new Set<string>(GENTILIC_WORDS);
  // The owners named in each bound record's qualifiers, then the bodies bound to the same owners. The
  // records of one entry are consecutive (the build adds an entry's terms together).
  const owners = new Map<number, Set<number>>();
  const records = matcher.records;
  for (let from = 0; from < matcher.termCount; ) {
    const entryId = (records[from] as TermRecord).entryId;
    let to = from + 1;
    while (to < matcher.termCount && (records[to] as TermRecord).entryId === entryId) to++;
    const state = ownerKinds.get(entryId) === OWNER_STATE;
    const found = entryOwners(records.slice(from, to), state, entryTerms?.get(entryId));
    for (const p of found.places) places.add(p);
    for (const { short, long, words, text } of found.qualifiers) {
      const record = from + short;
      let info = bound.get(record);
      if (!info) {
        const organ = ownerKinds.get(entryId) === OWNER_ORGANISATION;
        info = { allowed: new Set([entryId]), ownWords: new Set(), organ };
        bound.set(record, info);
      }
      for (const w of words) info.ownWords.add(w);
      const set = owners.get(record) ?? new Set<number>();
      owners.set(record, set);
      const lang = (records[from + long] as TermRecord).lang;
      for (const m of recognize(text, lang)) if (m.entryId !== entryId) set.add(m.entryId);
    }
    from = to;
  }
  for (const [record, info] of bound) {
    const mine = owners.get(record) ?? new Set<number>();
    for (const e of mine) info.allowed.add(e);
    for (const [other, theirs] of owners) {
      if ([...theirs].some((e) => mine.has(e)))
        info.allowed.add((matcher.records[other] as TermRecord).entryId);
    }
  }
  return { bound, places };
}

/** Normalised text of token k. */
export function tokenText(scan: TokenScan, k: number): string {
  let s = "";
  for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
    s += String.fromCharCode(scan.codes[i] as number);
  return s;
}

/** Whether the Arabic token k is a definite gentilic adjective of a place the set knows (see above). */
export function isGentilic(
  scan: TokenScan,
  k: number,
  places: ReadonlySet<string>,
  own: ReadonlySet<string>,
): boolean {
  let w = tokenText(scan, k);
  if (w.length < 5 || !w.startsWith("ال")) return false;
  w = w.slice(2);
  if (w.endsWith("يه")) w = w.slice(0, -1); // feminine: الروسية
  if (!w.endsWith("ي") || w.length < 3 || own.has(w)) return false;
  const stem = w.slice(0, -1);
  return places.has(w) || places.has(stem) || places.has(`${w}ا`) || places.has(`${w}ه`);
}

/** Raw hits as parallel arrays (the fast resolver's scratch arrays, or the reference's lists). */
export interface RawHits {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  record: ArrayLike<number>;
  count: number;
}

/** An owner hit (organisation or State) of an entry `info` does not allow, satisfying `where`. */
function otherOwner(
  m: TermMatcher,
  raw: RawHits,
  info: BoundInfo,
  where: (start: number, end: number) => boolean,
  states: boolean,
): boolean {
  for (let i = 0; i < raw.count; i++) {
    const rec = m.records[raw.record[i] as number] as TermRecord;
    const kind = rec.name ? (rec.state ? OWNER_STATE : OWNER_NONE) : rec.ownerKind;
    if (kind === OWNER_NONE || (states && kind !== OWNER_STATE)) continue;
    if (!rec.name && info.allowed.has(rec.entryId)) continue;
    if (where(raw.start[i] as number, raw.end[i] as number)) return true;
  }
  return false;
}

/** Whether the bound hit of record `record` on tokens s…e names another owner's body (see above). */
export function boundHitRejected(
  m: TermMatcher,
  text: string,
  scan: TokenScan,
  raw: RawHits,
  s: number,
  e: number,
  record: number,
): boolean {
  const info = m.bound.get(record);
  if (info === undefined) return false;
  const count = scan.count;
  if ((m.records[record] as TermRecord).lang === "ar") {
    if (s > 0 && scan.gap[s - 1] === GAP_SPACE && HEAD_OF_STATE_HONORIFICS.has(tokenText(scan, s - 1)))
      return true;
    if (e + 1 >= count || scan.gap[e] !== GAP_SPACE) return false;
    if (isGentilic(scan, e + 1, m.places, info.ownWords)) return true;
    const next = tokenText(scan, e + 1);
    // A body in construct that a gentilic qualifies: رئيسة الجمعية السودانية (a national society's head).
    const lastDefinite = tokenText(scan, e).startsWith("ال");
    if (!lastDefinite && next.startsWith("ال") && e + 2 < count && scan.gap[e + 1] === GAP_SPACE)
      if (isGentilic(scan, e + 2, m.places, info.ownWords)) return true;
    if (info.organ && next.startsWith("ل") && otherOwner(m, raw, info, (a) => a === e + 1, false))
      return true;
    // A State in construct: رئيس مصر, رئيس الجمهورية (the hit's last word without the article).
    if (lastDefinite) return false;
    return STATE_NOUNS.has(next) || otherOwner(m, raw, info, (a) => a === e + 1, true);
  }
  const first = text.charCodeAt(scan.start[s] as number);
  if (!info.organ || first < 0x41 || first > 0x5a) return false; // names of bodies are capitalised
  if (s > 0 && (scan.gap[s - 1] === GAP_SPACE || scan.gap[s - 1] === GAP_HYPHEN)) {
    if (otherOwner(m, raw, info, (_, b) => b === s - 1, false)) return true;
    const word = text.slice(scan.start[s - 1], scan.end[s - 1]);
    const midSentence =
      s > 1 &&
      (scan.gap[s - 2] === GAP_SPACE || scan.gap[s - 2] === GAP_COMMA || scan.gap[s - 2] === GAP_HYPHEN);
    if (midSentence && ENGLISH_GENTILIC.test(word) && !info.ownWords.has(word.toLowerCase())) return true;
  }
  // … of (the) Owner
  if (e + 2 < count && scan.gap[e] === GAP_SPACE && tokenText(scan, e + 1) === "of") {
    let o = e + 2;
    if (o + 1 < count && tokenText(scan, o) === "the" && scan.gap[o] === GAP_SPACE) o++;
    if (scan.gap[e + 1] === GAP_SPACE && otherOwner(m, raw, info, (a) => a === o, false)) return true;
  }
  return false;
}
