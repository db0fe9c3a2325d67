/**
 * Translation-memory fuzzy matching, pure and IO-free: the token model shared with the SQL index
 * (migrations/…_tm_index.sql), the weighted word-level edit distance, the score, the filter bounds used by
 * candidate retrieval, and the word diff shown to translators. docs/tm.md documents the formula.
 *
 * Tokens are read from normalised text (`normalizeForSearch`): every space-separated chunk gives its
 * leading and trailing punctuation characters as punctuation tokens and the rest as one core, which is a
 * number when it holds only digits and `.,:/-`, else a word. The index (src/db/tm-index.ts, TMX import) takes
 * its terms from `indexProfile` here, so what the index holds and what the scorer counts cannot drift apart.
 */
import { normalizeWithMap, originalRange } from "./normalize";

/**
 * Characters trimmed off both ends of a chunk: ASCII punctuation and a few marks NFKC leaves alone.
 * Arabic punctuation (، ؛ ؟ ٪) and typographic quotes and dashes are already folded to ASCII by
 * normalisation. Must equal the trim set in the index migration.
 */
export const TM_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~•·§¶¡¿";
/** Characters a number core is made of (SQL: `trim(core, TM_NUMBER_CHARS) = ''`). */
export const TM_NUMBER_CHARS = "0123456789.,:/-";

const PUNCT = new Set(TM_PUNCT);
const NUMBER = /^[0-9.,:/-]+$/;
/** PUNCT by UTF-16 code unit (every member is in the BMP), for the candidate tokeniser's hot loop. */
const PUNCT_CODE = new Uint8Array(0x10000);
for (const ch of TM_PUNCT) PUNCT_CODE[ch.charCodeAt(0)] = 1;
/** Code units a number core may start with (NUMBER is only tested for those). */
const NUMBER_START = new Uint8Array(0x10000);
for (const ch of TM_NUMBER_CHARS) NUMBER_START[ch.charCodeAt(0)] = 1;

export type TmTokenKind = "word" | "number" | "punct";

export interface TmToken {
  text: string;
  kind: TmTokenKind;
  /** UTF-16 offsets into the normalised text, end exclusive. */
  start: number;
  end: number;
}

/** Tokens of a normalised text (output of normalizeForSearch), in order. */
export function tmTokens(norm: string): TmToken[] {
  const out: TmToken[] = [];
  let i = 0;
  const n = norm.length;
  while (i < n) {
    if (norm.charCodeAt(i) === 0x20) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && norm.charCodeAt(end) !== 0x20) end++;
    let a = i;
    while (a < end && PUNCT.has(norm[a] as string)) a++;
    let b = end;
    while (b > a && PUNCT.has(norm[b - 1] as string)) b--;
    for (let k = i; k < a; k++) out.push({ text: norm[k] as string, kind: "punct", start: k, end: k + 1 });
    if (b > a) {
      const core = norm.slice(a, b);
      out.push({ text: core, kind: NUMBER.test(core) ? "number" : "word", start: a, end: b });
    }
    for (let k = b; k < end; k++) out.push({ text: norm[k] as string, kind: "punct", start: k, end: k + 1 });
    i = end;
  }
  return out;
}

/** Cores (words and numbers) of a normalised text: exactly the terms the index keeps for it. */
export function indexTerms(norm: string): string[] {
  return tmTokens(norm)
    .filter((t) => t.kind !== "punct")
    .map((t) => t.text);
}

/** What the index stores for a normalised text: its distinct cores and its word count (one pass). */
export function indexProfile(norm: string): { terms: string[]; words: number } {
  const terms = new Set<string>();
  let words = 0;
  for (const t of tmTokens(norm)) {
    if (t.kind === "punct") continue;
    terms.add(t.text);
    if (t.kind === "word") words++;
  }
  return { terms: [...terms], words };
}

/**
 * Costs in tenths, so that distances and weights are integers and scores are exact: a word weighs 10, a
 * number 3, a punctuation mark 2. Deleting or inserting a token costs its weight; replacing one word by
 * another costs 10, a number by another number 3, a punctuation mark by another 2, and tokens of different
 * kinds the larger weight. Every replacement costs at least the larger of the two weights, which the filter
 * bounds below rely on.
 */
export const TOKEN_WEIGHT: Record<TmTokenKind, number> = { word: 10, number: 3, punct: 2 };

function substitution(a: TmToken, b: TmToken): number {
  if (a.text === b.text) return 0;
  const wa = TOKEN_WEIGHT[a.kind];
  const wb = TOKEN_WEIGHT[b.kind];
  return wa > wb ? wa : wb;
}

export function totalWeight(tokens: readonly TmToken[]): number {
  let w = 0;
  for (const t of tokens) w += TOKEN_WEIGHT[t.kind];
  return w;
}

/**
 * The score of a distance: ⌊100 · (W − D) / W⌋ with W = max(Wq, Wm), never below 0. Floored, so 100 means
 * the normalised texts are identical and any difference, however small, scores at most 99.
 */
export function scoreOf(distance: number, queryWeight: number, matchWeight: number): number {
  const w = Math.max(queryWeight, matchWeight);
  if (w === 0) return 100;
  if (distance >= w) return 0;
  return Math.floor((100 * (w - distance)) / w);
}

/** Largest distance that still scores ≥ minScore against a text of weight w (max of both weights). */
function maxDistanceFor(minScore: number, w: number): number {
  // floor(100(w−d)/w) ≥ s  ⇔  100(w−d) ≥ s·w  ⇔  d ≤ w(100−s)/100
  return Math.floor((w * (100 - minScore)) / 100);
}

/**
 * Weighted Levenshtein distance between token sequences, or Infinity as soon as it must exceed `limit`
 * (rows whose minimum is over the limit cannot lead to a cheaper path).
 */
export function tokenDistance(q: readonly TmToken[], m: readonly TmToken[], limit = Infinity): number {
  const n = m.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 1; j <= n; j++) prev[j] = (prev[j - 1] as number) + TOKEN_WEIGHT[(m[j - 1] as TmToken).kind];
  for (let i = 1; i <= q.length; i++) {
    const qi = q[i - 1] as TmToken;
    const del = TOKEN_WEIGHT[qi.kind];
    cur[0] = (prev[0] as number) + del;
    let rowMin = cur[0] as number;
    for (let j = 1; j <= n; j++) {
      const mj = m[j - 1] as TmToken;
      let best = (prev[j - 1] as number) + substitution(qi, mj);
      const d = (prev[j] as number) + del;
      if (d < best) best = d;
      const ins = (cur[j - 1] as number) + TOKEN_WEIGHT[mj.kind];
      if (ins < best) best = ins;
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return Infinity;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

/** Score of two normalised texts (0–100). */
export function fuzzyScore(queryNorm: string, matchNorm: string): number {
  const q = tmTokens(queryNorm);
  const m = tmTokens(matchNorm);
  return scoreOf(tokenDistance(q, m), totalWeight(q), totalWeight(m));
}

/** A prepared query: its tokens, weight, and the distinct words the candidate filter works with. */
export interface FuzzyQuery {
  tokens: TmToken[];
  weight: number;
  /** Number of word tokens (with repetitions). */
  words: number;
  /** Distinct words with how often each occurs in the query. */
  wordCounts: Map<string, number>;
  /**
   * The query's distinct token texts numbered from 0 (scoring compares integers, not strings: a candidate
   * token outside this dictionary can never equal a query token), with the query as ids and weights.
   */
  dictionary: Map<string, number>;
  ids: Int32Array;
  weights: Int32Array;
  /** How often each dictionary entry occurs as a word in the query (0 for numbers and punctuation). */
  wordCountById: Int32Array;
  /** Scratch space reused by every candidate scored against this query (grown on demand). */
  scratch: { ids: Int32Array; weights: Int32Array; left: Int32Array; prev: Int32Array; cur: Int32Array };
}

export function prepareQuery(norm: string): FuzzyQuery {
  const tokens = tmTokens(norm);
  const wordCounts = new Map<string, number>();
  const dictionary = new Map<string, number>();
  const ids = new Int32Array(tokens.length);
  const weights = new Int32Array(tokens.length);
  let words = 0;
  tokens.forEach((t, i) => {
    let id = dictionary.get(t.text);
    if (id === undefined) {
      id = dictionary.size;
      dictionary.set(t.text, id);
    }
    ids[i] = id;
    weights[i] = TOKEN_WEIGHT[t.kind];
    if (t.kind !== "word") return;
    words++;
    wordCounts.set(t.text, (wordCounts.get(t.text) ?? 0) + 1);
  });
  const wordCountById = new Int32Array(dictionary.size);
  for (const [word, count] of wordCounts) wordCountById[dictionary.get(word) as number] = count;
  const size = 64;
  return {
    tokens,
    weight: totalWeight(tokens),
    words,
    wordCounts,
    dictionary,
    ids,
    weights,
    wordCountById,
    scratch: {
      ids: new Int32Array(size),
      weights: new Int32Array(size),
      left: new Int32Array(dictionary.size),
      prev: new Int32Array(size + 1),
      cur: new Int32Array(size + 1),
    },
  };
}

/**
 * What a candidate must satisfy to possibly score ≥ minScore (0 < minScore ≤ 100), in words:
 * D ≥ |Wq − Wm| gives Wm ≤ Wq·100/s, so W = max(Wq, Wm) ≤ Wq·100/s and the distance budget is at most
 * slack = (100 − s)·Wq / s tenths. Every word of either text that is not matched to an equal word costs
 * ≥ 10, so D ≥ 10·(max(Aq, Am) − C) with A the word counts and C the words in common (multiset). Hence
 * |Aq − Am| ≤ slack/10 (length window) and C ≥ max(Aq, Am) − slack/10 (count filter).
 */
export interface CandidateBounds {
  /** Word-count window for candidates. */
  minWords: number;
  maxWords: number;
  /** Words (slack/10) a candidate may miss or add and still qualify. */
  wordSlack: number;
}

export function candidateBounds(query: FuzzyQuery, minScore: number): CandidateBounds {
  if (minScore <= 0) return { minWords: 0, maxWords: Number.MAX_SAFE_INTEGER, wordSlack: Infinity };
  const wordSlack = ((100 - minScore) * query.weight) / minScore / 10;
  // The tiny epsilon keeps rounding from excluding a candidate that sits exactly on a bound.
  return {
    minWords: Math.max(0, Math.ceil(query.words - wordSlack - 1e-9)),
    maxWords: Math.floor(query.words + wordSlack + 1e-9),
    wordSlack,
  };
}

/**
 * Prefix filtering: with the query's distinct words ordered rarest first, a candidate that qualifies
 * shares C ≥ Aq − slack words with it, so it must contain one of the shortest prefix whose occurrences sum
 * to more than slack. Returns how many of `ordered` (rarest first) form that prefix; words absent from
 * the memory belong in front (they cost no postings and count for the prefix all the same).
 */
export function prefixLength(ordered: readonly { count: number }[], wordSlack: number): number {
  let sum = 0;
  for (let k = 0; k < ordered.length; k++) {
    sum += (ordered[k] as { count: number }).count;
    if (sum > wordSlack + 1e-9) return k + 1;
  }
  return ordered.length;
}

export interface ScoredCandidate {
  score: number;
  distance: number;
}

/**
 * Exact score of a candidate against a prepared query, or null if it scores below minScore. This runs for
 * every retrieved candidate, so it avoids allocation: the candidate's tokens are read straight into the
 * query's scratch arrays as dictionary ids (−1 for a text the query lacks) and weights; two lower bounds
 * reject most losers before any dynamic programming — D ≥ |Wq − Wm| and D ≥ 10·(max(Aq, Am) − C) with C
 * the words in common (see candidateBounds) — and the distance itself abandons once over the budget.
 */
export function scoreCandidate(
  query: FuzzyQuery,
  matchNorm: string,
  minScore: number,
): ScoredCandidate | null {
  const m = encodeCandidate(query, matchNorm);
  const w = Math.max(query.weight, m.weight);
  const budget = maxDistanceFor(minScore, w);
  if (Math.abs(query.weight - m.weight) > budget) return null;
  if (10 * (Math.max(query.words, m.words) - m.common) > budget) return null;
  const distance = encodedDistance(query, m.length, budget);
  if (distance > budget) return null;
  const score = scoreOf(distance, query.weight, m.weight);
  return score >= minScore ? { score, distance } : null;
}

/** Tokenises a candidate as tmTokens does, into the query's scratch arrays; counts its words in common. */
function encodeCandidate(
  query: FuzzyQuery,
  norm: string,
): { length: number; weight: number; words: number; common: number } {
  const sc = query.scratch;
  if (sc.ids.length < norm.length) {
    // A text of n characters has at most n tokens.
    sc.ids = new Int32Array(norm.length);
    sc.weights = new Int32Array(norm.length);
    sc.prev = new Int32Array(norm.length + 1);
    sc.cur = new Int32Array(norm.length + 1);
  }
  const { ids, weights, left } = sc;
  left.set(query.wordCountById);
  const dict = query.dictionary;
  let length = 0;
  let weight = 0;
  let words = 0;
  let common = 0;
  const punct = (k: number) => {
    ids[length] = dict.get(norm[k] as string) ?? -1;
    weights[length++] = TOKEN_WEIGHT.punct;
    weight += TOKEN_WEIGHT.punct;
  };
  const n = norm.length;
  let i = 0;
  while (i < n) {
    if (norm.charCodeAt(i) === 0x20) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && norm.charCodeAt(end) !== 0x20) end++;
    let a = i;
    while (a < end && PUNCT_CODE[norm.charCodeAt(a)] === 1) a++;
    let b = end;
    while (b > a && PUNCT_CODE[norm.charCodeAt(b - 1)] === 1) b--;
    for (let k = i; k < a; k++) punct(k);
    if (b > a) {
      const core = norm.slice(a, b);
      const id = dict.get(core) ?? -1;
      const tw =
        NUMBER_START[norm.charCodeAt(a)] === 1 && NUMBER.test(core) ? TOKEN_WEIGHT.number : TOKEN_WEIGHT.word;
      ids[length] = id;
      weights[length++] = tw;
      weight += tw;
      if (tw === TOKEN_WEIGHT.word) {
        words++;
        if (id >= 0 && (left[id] as number) > 0) {
          left[id] = (left[id] as number) - 1;
          common++;
        }
      }
    }
    for (let k = b; k < end; k++) punct(k);
    i = end;
  }
  return { length, weight, words, common };
}

/** tokenDistance over the encoded candidate in the query's scratch arrays (same recurrence and abandoning). */
function encodedDistance(query: FuzzyQuery, n: number, limit: number): number {
  const { ids: mIds, weights: mW } = query.scratch;
  const { ids: qIds, weights: qW } = query;
  let prev = query.scratch.prev;
  let cur = query.scratch.cur;
  prev[0] = 0;
  for (let j = 1; j <= n; j++) prev[j] = (prev[j - 1] as number) + (mW[j - 1] as number);
  for (let i = 0; i < qIds.length; i++) {
    const qi = qIds[i] as number;
    const del = qW[i] as number;
    cur[0] = (prev[0] as number) + del;
    let rowMin = cur[0] as number;
    for (let j = 1; j <= n; j++) {
      const wj = mW[j - 1] as number;
      let best = (prev[j - 1] as number) + (mIds[j - 1] === qi ? 0 : del > wj ? del : wj);
      const d = (prev[j] as number) + del;
      if (d < best) best = d;
      const ins = (cur[j - 1] as number) + wj;
      if (ins < best) best = ins;
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return Infinity;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

export type DiffOp = "equal" | "insert" | "delete" | "replace";

/**
 * One run of the word diff. `query` is the text of the new sentence, `match` that of the stored one, both
 * as originally written (not normalised). "insert": only the query has it; "delete": only the stored
 * text has it; "replace": both, differently; "equal": both, the same after normalisation.
 */
export interface DiffPart {
  op: DiffOp;
  query?: string;
  match?: string;
}

interface RawOp {
  op: DiffOp;
  qi: number;
  mj: number;
}

/** Full-matrix alignment with backtrace; only run for the few matches returned to the client. */
function alignment(q: readonly TmToken[], m: readonly TmToken[]): RawOp[] {
  const rows = q.length + 1;
  const cols = m.length + 1;
  const d = new Int32Array(rows * cols);
  for (let j = 1; j < cols; j++) d[j] = (d[j - 1] as number) + TOKEN_WEIGHT[(m[j - 1] as TmToken).kind];
  for (let i = 1; i < rows; i++) {
    const qi = q[i - 1] as TmToken;
    d[i * cols] = (d[(i - 1) * cols] as number) + TOKEN_WEIGHT[qi.kind];
    for (let j = 1; j < cols; j++) {
      const mj = m[j - 1] as TmToken;
      const sub = (d[(i - 1) * cols + j - 1] as number) + substitution(qi, mj);
      const del = (d[(i - 1) * cols + j] as number) + TOKEN_WEIGHT[qi.kind];
      const ins = (d[i * cols + j - 1] as number) + TOKEN_WEIGHT[mj.kind];
      d[i * cols + j] = Math.min(sub, del, ins);
    }
  }
  const ops: RawOp[] = [];
  let i = q.length;
  let j = m.length;
  while (i > 0 || j > 0) {
    const here = d[i * cols + j] as number;
    if (i > 0 && j > 0) {
      const qi = q[i - 1] as TmToken;
      const mj = m[j - 1] as TmToken;
      const sub = substitution(qi, mj);
      if (here === (d[(i - 1) * cols + j - 1] as number) + sub) {
        ops.push({ op: sub === 0 ? "equal" : "replace", qi: i - 1, mj: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === (d[(i - 1) * cols + j] as number) + TOKEN_WEIGHT[(q[i - 1] as TmToken).kind]) {
      ops.push({ op: "insert", qi: i - 1, mj: -1 });
      i--;
    } else {
      ops.push({ op: "delete", qi: -1, mj: j - 1 });
      j--;
    }
  }
  return ops.reverse();
}

/**
 * Word diff between a query and a stored text, both as written. Consecutive tokens with the same
 * operation form one part; each part's strings are the original text from its first token's start to its
 * last token's end (so diacritics, tatweel and inner spacing are shown as the writer typed them).
 */
export function wordDiff(queryText: string, matchText: string): DiffPart[] {
  const qn = normalizeWithMap(queryText);
  const mn = normalizeWithMap(matchText);
  const q = tmTokens(qn.norm);
  const m = tmTokens(mn.norm);
  const ops = alignment(q, m);
  const parts: DiffPart[] = [];
  const slice = (text: string, map: Int32Array, toks: readonly TmToken[], from: number, to: number) => {
    const r = originalRange(text, map, (toks[from] as TmToken).start, (toks[to] as TmToken).end);
    return text.slice(r.start, r.end);
  };
  let k = 0;
  while (k < ops.length) {
    const first = ops[k] as RawOp;
    let last = first;
    let qFrom = first.qi;
    let mFrom = first.mj;
    let qTo = first.qi;
    let mTo = first.mj;
    k++;
    while (k < ops.length && (ops[k] as RawOp).op === first.op) {
      last = ops[k] as RawOp;
      if (qFrom < 0) qFrom = last.qi;
      if (mFrom < 0) mFrom = last.mj;
      if (last.qi >= 0) qTo = last.qi;
      if (last.mj >= 0) mTo = last.mj;
      k++;
    }
    const part: DiffPart = { op: first.op };
    if (qFrom >= 0) part.query = slice(queryText, qn.map, q, qFrom, qTo);
    if (mFrom >= 0) part.match = slice(matchText, mn.map, m, mFrom, mTo);
    parts.push(part);
  }
  return parts;
}

/**
 * Occurrences of a phrase (a sequence of cores) in a normalised text: consecutive cores equal to the
 * phrase, punctuation between them allowed. Returns [start, end) in the normalised text.
 */
export function phraseSpans(norm: string, phrase: readonly string[]): { start: number; end: number }[] {
  if (phrase.length === 0) return [];
  const cores = tmTokens(norm).filter((t) => t.kind !== "punct");
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i + phrase.length <= cores.length; i++) {
    let k = 0;
    while (k < phrase.length && (cores[i + k] as TmToken).text === phrase[k]) k++;
    if (k === phrase.length) {
      out.push({ start: (cores[i] as TmToken).start, end: (cores[i + k - 1] as TmToken).end });
      i += k - 1;
    }
  }
  return out;
}
