/**
 * A bilingual word lexicon learned from aligned sentence pairs (the memory's approved segments), used by
 * the aligner as one more kind of anchor: an Arabic word and an English word that the memory shows to
 * translate each other.
 *
 * Words are compared by a light stem on each side (lexiconKey): Arabic without harakat, tatweel and hamza
 * forms, without one proclitic (و ف ب ل ك), the article and a plural, dual or feminine ending; English in
 * lower case without a possessive or plural ending. Learning counts, for every pair of stems, the pairs of
 * segments that contain both, and keeps pairs whose association is strong: Dice coefficient ≥ MIN_DICE
 * over at least MIN_PAIRS segments, each English stem's best Arabic stems only (competitive linking
 * light). Stop words of either side are never entries. Deterministic: the same segments give the same
 * lexicon, whatever their order.
 */

export interface AlignLexicon {
  /** English stems that the Arabic stem translates to. */
  translations(arabicStem: string): readonly string[] | undefined;
  readonly size: number;
}

const AR_STOP = new Set(
  (
    "في على من الى الي عن مع ان او و ثم التي الذي الذين حتى منذ خلال لدى عبر بعد قبل نحو ضد حول ذات " +
    "كل بين هذا هذه ذلك تلك ما لا لم لن قد كما بل اي غير دون عند لكن كان كانت هو هي هم وقد ايضا به " +
    "له لها ها انه انها الا اذا حيث"
  ).split(" "),
);
const EN_STOP = new Set(
  (
    "a an the of to in on at by for from with as and or but nor that which who whose whom its their his " +
    "her our your is are was were be been has have had will would shall should can could may might must " +
    "not than this these those into onto upon about between among during within without under over " +
    "through per such both either each every some any all more most very also only it he she they we i " +
    "you them him us there here what when where while if so no do does did said"
  ).split(" "),
);

/** Stem of an Arabic word for the lexicon, or "" for a stop word or a word too short to carry meaning. */
export function arabicLexiconKey(word: string): string {
  let w = word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[\u0622\u0623\u0625\u0671]/g, "ا")
    .replace(/\u0649/g, "ي")
    .replace(/\u0629/g, "ه");
  if (AR_STOP.has(w)) return "";
  if (w.length > 3 && /^[وف]/.test(w)) w = w.slice(1);
  if (w.startsWith("لل") && w.length > 4) w = w.slice(2);
  else if (w.length > 4 && /^[بلك]ال/.test(w)) w = w.slice(3);
  else if (w.startsWith("ال") && w.length > 3) w = w.slice(2);
  else if (w.length > 4 && /^[بلك]/.test(w) && !AR_STOP.has(w.slice(1))) w = w.slice(1);
  for (const suffix of ["ات", "ون", "ين", "ان", "ه"])
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  return w.length >= 2 && !AR_STOP.has(w) ? w : "";
}

/** Stem of an English word for the lexicon, or "" for a stop word. */
export function englishLexiconKey(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (EN_STOP.has(w) || w.length < 3) return "";
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  return w;
}

const AR_WORD_RE = /[\u0621-\u065F\u0670\u0671-\u06D3]+/g;
const EN_WORD_RE = /[A-Za-z]+(?:['’][A-Za-z]+)?/g;

export function arabicKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(AR_WORD_RE)) {
    const k = arabicLexiconKey(m[0]);
    if (k) out.add(k);
  }
  return out;
}

export function englishKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(EN_WORD_RE)) {
    const k = englishLexiconKey(m[0]);
    if (k) out.add(k);
  }
  return out;
}

/** Association thresholds of learnLexicon. */
export const MIN_DICE = 0.5;
export const MIN_PAIRS = 3;
/** Arabic stems kept per English stem (an English word often renders a word and its derivatives). */
const PER_ENGLISH = 2;
/**
 * Pair counts learnLexicon performs at most (its work bound whatever the input: ~0.3 s on the benchmark
 * machine); pairs beyond it are not learned from. Callers pass the pairs they value most first.
 */
export const MAX_LEARNING_WORK = 3_000_000;

class MapLexicon implements AlignLexicon {
  constructor(private readonly map: ReadonlyMap<string, readonly string[]>) {}
  translations(arabicStem: string): readonly string[] | undefined {
    return this.map.get(arabicStem);
  }
  get size(): number {
    let n = 0;
    for (const v of this.map.values()) n += v.length;
    return n;
  }
  /** The entries as [Arabic stem, English stem] pairs, sorted (for storage and tests). */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (const [ar, ens] of this.map) for (const en of ens) out.push([ar, en]);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
}

/** A lexicon from stored [Arabic stem, English stem] pairs. */
export function lexiconFromEntries(entries: Iterable<readonly [string, string]>): AlignLexicon & {
  entries(): [string, string][];
} {
  const map = new Map<string, string[]>();
  for (const [ar, en] of entries) {
    const list = map.get(ar) ?? [];
    if (!list.includes(en)) list.push(en);
    map.set(ar, list);
  }
  return new MapLexicon(map);
}

/**
 * Learns a lexicon from aligned pairs (Arabic, English), e.g. approved segments of the memory.
 *
 * Stems are interned to integers and pairs are counted only where they can pass the thresholds: both
 * stems in at least MIN_PAIRS segments, and frequencies within a factor (1 - MIN_DICE/2)/(MIN_DICE/2) of
 * each other — Dice = 2n/(a+e) with n ≤ min(a, e) cannot reach MIN_DICE otherwise. Same result as counting
 * every pair (a randomised test checks it against that), ~8 times faster. At most MAX_LEARNING_WORK pair
 * counts: pairs beyond are not learned from.
 */
export function learnLexicon(pairs: Iterable<{ ar: string; en: string }>): AlignLexicon & {
  entries(): [string, string][];
} {
  const arIds = new Map<string, number>();
  const enIds = new Map<string, number>();
  const arNames: string[] = [];
  const enNames: string[] = [];
  const arCount: number[] = [];
  const enCount: number[] = [];
  const intern = (key: string, ids: Map<string, number>, names: string[], count: number[]): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = names.length;
      ids.set(key, id);
      names.push(key);
      count.push(0);
    }
    count[id] = (count[id] as number) + 1;
    return id;
  };
  const rows: [Int32Array, Int32Array][] = [];
  for (const p of pairs) {
    const ak = arabicKeys(p.ar);
    const ek = englishKeys(p.en);
    if (ak.size === 0 || ek.size === 0 || ak.size > 80 || ek.size > 80) continue;
    rows.push([
      Int32Array.from(ak, (k) => intern(k, arIds, arNames, arCount)),
      Int32Array.from(ek, (k) => intern(k, enIds, enNames, enCount)),
    ]);
  }
  const maxRatio = (1 - MIN_DICE / 2) / (MIN_DICE / 2);
  const joint = new Map<number, number>();
  const stride = enNames.length + 1;
  let work = 0;
  for (const [ak, ek] of rows) {
    const es = ek.filter((e) => (enCount[e] as number) >= MIN_PAIRS);
    if (es.length === 0) continue;
    work += ak.length * es.length;
    if (work > MAX_LEARNING_WORK) break;
    for (const a of ak) {
      const ca = arCount[a] as number;
      if (ca < MIN_PAIRS) continue;
      for (const e of es) {
        const ce = enCount[e] as number;
        if (ca > ce * maxRatio || ce > ca * maxRatio) continue;
        const key = a * stride + e;
        joint.set(key, (joint.get(key) ?? 0) + 1);
      }
    }
  }
  const byEnglish = new Map<number, { ar: string; dice: number }[]>();
  for (const [key, n] of joint) {
    if (n < MIN_PAIRS) continue;
    const a = Math.floor(key / stride);
    const e = key % stride;
    const dice = (2 * n) / ((arCount[a] as number) + (enCount[e] as number));
    if (dice < MIN_DICE) continue;
    const list = byEnglish.get(e) ?? [];
    list.push({ ar: arNames[a] as string, dice });
    byEnglish.set(e, list);
  }
  const entries: [string, string][] = [];
  for (const [e, list] of byEnglish) {
    list.sort((x, y) => y.dice - x.dice || (x.ar < y.ar ? -1 : 1));
    for (const { ar } of list.slice(0, PER_ENGLISH)) entries.push([ar, enNames[e] as string]);
  }
  return lexiconFromEntries(entries);
}
