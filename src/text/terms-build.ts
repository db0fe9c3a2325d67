/**
 * Building the term matcher: each glossary term becomes a path of token keys (see morphology.ts) in a
 * per-language trie; known names that are not terms (KNOWN_NAMES) are added like terms and flagged.
 */
import type { Lang } from "../types";
import { ALEF, HA, NUN, TA, YA } from "./arabic";
import { EdgeTable, KeyTable } from "./keytable";
import {
  arabicKeyEnd,
  arabicKeyFlags,
  arabicKeyStart,
  DUAL_MARK,
  isFormFourVerbalNoun,
  isFormThreeParticiple,
  KEY_FEMININE,
  KEY_SOUND_PLURAL,
  KEY_TA_MARBUTA,
  latinGlossaryKey,
} from "./morphology";
import {
  GAP_COMMA,
  GAP_HYPHEN,
  GAP_PERIOD,
  GAP_SPACE,
  RECORD_ARABIC,
  RECORD_FORM_THREE,
  RECORD_NAME,
  RECORD_NISBA_NOUN,
  RECORD_SENSE,
  RECORD_STATE,
  RECORD_VERBAL_NOUN,
  ReadingCache,
  SCRIPT_AR,
  SCRIPT_LATIN,
  type TermEntryInput,
  type TermInput,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";
import { OWNER_NONE, ownerKindOf } from "./terms-owner";
import { endsInTaMarbuta } from "./terms-scan";
import type { TermScratch } from "./terms-scratch";
import { senseOf } from "./terms-sense";
import { scanTokens, type TokenScan } from "./tokenize";

/**
 * Multi-word names that are not glossary terms but contain one (الولايات: plural of ولاية, *mandate*;
 * الصين in بحر الصين الجنوبي). Matched like terms so that the longest match covers the name; never
 * reported. `state`: the name of a State (see the verbal-noun rule in terms-context.ts).
 */
const KNOWN_NAMES: readonly { lang: Lang; text: string; state: boolean }[] = [
  { lang: "ar", text: "الولايات المتحدة", state: true },
  { lang: "ar", text: "الولايات المتحدة الأمريكية", state: true },
  { lang: "ar", text: "الولايات المتحدة الأميركية", state: true },
  { lang: "ar", text: "المملكة المتحدة", state: true },
  { lang: "ar", text: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", state: true },
  // Seas named after a country: the country's term inside them is not the country.
  { lang: "ar", text: "بحر الصين الجنوبي", state: false },
  { lang: "ar", text: "بحر الصين الشرقي", state: false },
  { lang: "en", text: "South China Sea", state: false },
  { lang: "en", text: "East China Sea", state: false },
];

// Pseudo-keys for punctuation inside a term: "United Nations Educational, Scientific and …", "St. Petersburg".
const COMMA_KEY = ",";
const PERIOD_KEY = ".";
const MAX_VARIANTS = 8;

function normString(scan: TokenScan, k: number): string {
  let s = "";
  for (let i = scan.normStart[k] as number; i < (scan.normEnd[k] as number); i++)
    s += String.fromCharCode(scan.codes[i] as number);
  return s;
}

/**
 * Key id of a Latin glossary word, or of two words joined (G-20 → g20, cyber security → cybersecurity):
 * morphology.latinGlossaryKey of the original (for short acronyms) and the normalised form. `singular`:
 * a plural is keyed by its singular (in multi-word terms only: a one-word plural term such as
 * *safeguards* or *sanctions* names what the singular does not).
 */
export function addLatinKey(
  keys: KeyTable,
  text: string,
  scan: TokenScan,
  k0: number,
  k1: number,
  singular: boolean,
  known: Map<string, number>,
): number {
  let original = text.slice(scan.start[k0] as number, scan.end[k0] as number);
  if (k1 !== k0) original += text.slice(scan.start[k1] as number, scan.end[k1] as number);
  // The same word recurs across a glossary: its key is computed once per build.
  const memo = singular ? `1${original}` : `0${original}`;
  let id = known.get(memo);
  if (id === undefined) {
    let norm = normString(scan, k0);
    if (k1 !== k0) norm += normString(scan, k1);
    id = keys.addString(latinGlossaryKey(original, norm, singular));
    known.set(memo, id);
  }
  return id;
}

/**
 * Whether tokens k − 1 and k may also be written as one word: two Latin words joined by a space (cyber
 * security), or two words of no Arabic script joined by a hyphen (G-20, cease-fire).
 */
function latinPair(scan: TokenScan, k: number): boolean {
  if (k === 0) return false;
  const gap = scan.gap[k - 1];
  if (gap === GAP_HYPHEN) return scan.script[k - 1] !== SCRIPT_AR && scan.script[k] !== SCRIPT_AR;
  return gap === GAP_SPACE && scan.script[k - 1] === SCRIPT_LATIN && scan.script[k] === SCRIPT_LATIN;
}

/** The first word of an Arabic term is a definite person noun that takes the feminine ـة (المدير, المبعوث). */
function feminineHead(text: string, scan: TokenScan): boolean {
  const a = scan.normStart[0] as number;
  const b = scan.normEnd[0] as number;
  if (scan.script[0] !== SCRIPT_AR || scan.gap[0] !== GAP_SPACE) return false;
  const ka = arabicKeyStart(scan.codes, a, b, text.charCodeAt(scan.start[0] as number));
  if (ka === a || endsInTaMarbuta(text, scan.start[0] as number, scan.end[0] as number)) return false;
  return (arabicKeyFlags(scan.codes, ka, b, false) & (KEY_FEMININE | KEY_SOUND_PLURAL)) !== 0;
}

/** The key codes[a, b) (after the article) is a feminine plural in ـات with a stem of 3+ letters. */
function isFemininePlural(c: ArrayLike<number>, a: number, b: number, taMarbuta: boolean): boolean {
  return !taMarbuta && b - a >= 5 && c[b - 2] === ALEF && c[b - 1] === TA;
}

function isFemininePluralToken(text: string, scan: TokenScan, k: number): boolean {
  const b = scan.normEnd[k] as number;
  const a = arabicKeyStart(
    scan.codes,
    scan.normStart[k] as number,
    b,
    text.charCodeAt(scan.start[k] as number),
  );
  return isFemininePlural(scan.codes, a, b, false);
}

/** A word in ـان/ـين with a stem of 3+ letters: possibly a dual. */
function isDualShaped(c: ArrayLike<number>, a: number, b: number): boolean {
  return b - a >= 5 && c[b - 1] === NUN && (c[b - 2] === ALEF || c[b - 2] === YA);
}

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[], scratch: TermScratch): TermMatcher {
  const roots: Record<Lang, number> = { ar: 0, en: 1 };
  let termTotal = KNOWN_NAMES.length;
  for (const entry of entries) termTotal += entry.terms.length;
  // Sized for the glossary up front: growing the tables rehashes everything.
  const edges = new EdgeTable(termTotal * 3);
  const keys = new KeyTable();
  // Trie nodes: whether an edge leaves each, and the records ending there as linked lists (first, last,
  // next per list cell), turned into flat arrays at the end.
  let nodes = 2;
  let hasNext = new Uint8Array(Math.max(1024, termTotal * 3));
  let endHead = new Int32Array(hasNext.length).fill(-1);
  let endTail = new Int32Array(hasNext.length).fill(-1);
  const cellRecord: number[] = [];
  const rootEdges: number[] = []; // (root, key id, child) triples
  const cellNext: number[] = [];
  const records: TermRecord[] = [];
  const latinKeys = new Map<string, number>();
  const commaId = keys.addString(COMMA_KEY);
  const periodId = keys.addString(PERIOD_KEY);

  /**
   * The key ids token k of a glossary term may be met by (usually one). Arabic: in a multi-word term, a
   * feminine plural in ـات is keyed as written and by its singular, with and without ة (التهديدات →
   * تهديدات, تهديد, تهديدة: the text's singular and plural both meet it), and a ta-marbuta word after one also without ة (الأمنية → أمني: the adjective agrees);
   * a word in ـان/ـين may be a dual, so it is also keyed by its stem + DUAL_MARK (الطرفان meets الطرفين).
   */
  const tokenKeys = (text: string, scan: TokenScan, k: number, afterFemininePlural: boolean): number[] => {
    const a = scan.normStart[k] as number;
    const b = scan.normEnd[k] as number;
    const script = scan.script[k];
    if (script === SCRIPT_LATIN) return [addLatinKey(keys, text, scan, k, k, scan.count > 1, latinKeys)];
    if (script !== SCRIPT_AR) return [keys.add(scan.codes, a, b)];
    const c = scan.codes;
    const start = scan.start[k] as number;
    const ka = arabicKeyStart(c, a, b, text.charCodeAt(start));
    const construct = k + 1 < scan.count && scan.gap[k] === GAP_SPACE;
    const kb = arabicKeyEnd(c, ka, b, construct);
    const taMarbuta = endsInTaMarbuta(text, start, scan.end[k] as number);
    if (scan.count > 1 && isFemininePlural(c, ka, kb, taMarbuta)) {
      const stem = kb - 2;
      return [
        keys.add(c, ka, kb, arabicKeyFlags(c, ka, kb, false)),
        keys.add(c, ka, stem, arabicKeyFlags(c, ka, stem, false)),
        keys.add(c, ka, stem, KEY_TA_MARBUTA, HA),
      ];
    }
    const out = [keys.add(c, ka, kb, arabicKeyFlags(c, ka, kb, taMarbuta) | (kb < b ? KEY_SOUND_PLURAL : 0))];
    if (taMarbuta && afterFemininePlural && b - 1 - ka >= 3)
      out.push(keys.add(c, ka, b - 1, arabicKeyFlags(c, ka, b - 1, false)));
    if (kb === b && isDualShaped(c, ka, b)) out.push(keys.add(c, ka, b - 2, 0, DUAL_MARK)); // not a plural
    // The adjective of a two-word title agrees with its feminine (المديرة العامة, المبعوثة الخاصة).
    if (k === 1 && !taMarbuta && ka > a && b - ka >= 3 && feminineHead(text, scan))
      out.push(keys.add(c, ka, b, KEY_TA_MARBUTA, HA));
    return out;
  };

  const addEnding = (node: number, record: number): void => {
    for (let c = endHead[node] as number; c >= 0; c = cellNext[c] as number)
      if (cellRecord[c] === record) return;
    const cell = cellRecord.length;
    cellRecord.push(record);
    cellNext.push(-1);
    const tail = endTail[node] as number;
    if (tail < 0) endHead[node] = cell;
    else cellNext[tail] = cell;
    endTail[node] = cell;
  };
  const child = (node: number, id: number): number => {
    let next = hasNext[node] === 1 ? edges.get(node, id) : -1;
    if (next < 0) {
      next = nodes++;
      if (next === hasNext.length) {
        const size = hasNext.length * 2;
        const h = new Uint8Array(size);
        h.set(hasNext);
        hasNext = h;
        const head = new Int32Array(size).fill(-1);
        head.set(endHead);
        endHead = head;
        const tail = new Int32Array(size).fill(-1);
        tail.set(endTail);
        endTail = tail;
      }
      edges.set(node, id, next);
      if (node === roots.ar || node === roots.en) rootEdges.push(node, id, next);
      hasNext[node] = 1;
    }
    return next;
  };

  const addTerm = (
    entryId: number,
    term: TermInput,
    name: boolean,
    state: boolean,
    ownerKind: number,
    domain: string | undefined,
  ): void => {
    const text = term.text;
    const scan = scanTokens(text, scratch.buildScan);
    if (scan.count === 0) return;
    const record = records.length;
    let femininePlural = -1; // the last token so far that is an Arabic feminine plural
    let verbalNoun = false;
    let nisbaNoun = false;
    let formThree = false;
    if (scan.count === 1 && scan.script[0] === SCRIPT_AR) {
      const b = scan.normEnd[0] as number;
      const a = arabicKeyStart(scan.codes, scan.normStart[0] as number, b, text.charCodeAt(0));
      verbalNoun = isFormFourVerbalNoun(scan.codes, a, b);
      formThree = isFormThreeParticiple(scan.codes, a, b);
      nisbaNoun =
        b - a >= 5 &&
        scan.codes[b - 2] === YA &&
        scan.codes[b - 1] === HA &&
        endsInTaMarbuta(text, scan.start[0] as number, scan.end[0] as number);
    }
    records.push({
      entryId,
      name,
      termText: text,
      status: term.status,
      lang: term.lang,
      verbalNoun,
      nisbaNoun,
      formThree,
      state,
      ownerKind,
      sense: name ? null : senseOf(text, term.lang, domain, term.note, scan),
      light: null,
      lightTokens: null,
    });
    const alternatives: number[][] = [];
    for (let k = 0; k < scan.count; k++) {
      const prev = k > 0 ? (alternatives[k - 1] as number[]) : null;
      alternatives.push(tokenKeys(text, scan, k, prev !== null && femininePlural === k - 1));
      if (scan.script[k] === SCRIPT_AR && isFemininePluralToken(text, scan, k)) femininePlural = k;
    }
    // Fast path: one key per word, words separated by spaces (or hyphens between Arabic words).
    let plain = true;
    for (let k = 0; k < scan.count && plain; k++) {
      if ((alternatives[k] as number[]).length > 1) plain = false;
      if (k === 0) continue;
      const gap = scan.gap[k - 1];
      if (gap === GAP_COMMA || gap === GAP_PERIOD || latinPair(scan, k)) plain = false;
    }
    if (plain) {
      let node = roots[term.lang];
      for (let k = 0; k < scan.count; k++) node = child(node, (alternatives[k] as number[])[0] as number);
      addEnding(node, record);
      return;
    }
    // Each variant is a key path: a period inside a term may be left out (St. Petersburg, St Petersburg),
    // two Latin words may be written as one (G-20, G20; cyber security, cybersecurity), and a word with
    // several keys gives a path for each. The first path (every word's first key) is always kept.
    // solidLast: the path's last key is a solid pair of tokens k − 2 and k − 1 (no further join on it).
    let variants: { path: number[]; solidLast: boolean }[] = [{ path: [], solidLast: false }];
    for (let k = 0; k < scan.count; k++) {
      const ids = alternatives[k] as number[];
      const gapBefore = k > 0 ? scan.gap[k - 1] : -1;
      const solid = latinPair(scan, k) ? addLatinKey(keys, text, scan, k - 1, k, true, latinKeys) : -1;
      const next: { path: number[]; solidLast: boolean }[] = [];
      for (const { path: v, solidLast } of variants) {
        for (const id of ids) {
          if (gapBefore === GAP_COMMA) next.push({ path: [...v, commaId, id], solidLast: false });
          else if (gapBefore === GAP_PERIOD)
            next.push(
              { path: [...v, periodId, id], solidLast: false },
              { path: [...v, id], solidLast: false },
            );
          else next.push({ path: [...v, id], solidLast: false });
        }
        if (solid >= 0 && !solidLast) next.push({ path: [...v.slice(0, -1), solid], solidLast: true });
      }
      variants = next.length > MAX_VARIANTS ? next.slice(0, MAX_VARIANTS) : next;
    }
    for (const { path } of variants) {
      let node = roots[term.lang];
      for (const id of path) node = child(node, id);
      addEnding(node, record);
    }
  };

  for (const entry of entries) {
    const kind = ownerKindOf(entry.domain);
    for (const term of entry.terms) addTerm(entry.id, term, false, false, kind, entry.domain);
  }
  const termCount = records.length;
  for (const name of KNOWN_NAMES)
    addTerm(
      0,
      { lang: name.lang, text: name.text, status: "preferred" },
      true,
      name.state,
      OWNER_NONE,
      undefined,
    );
  const endingStart = new Int32Array(nodes + 1);
  const endings = new Int32Array(cellRecord.length);
  let filled = 0;
  for (let i = 0; i < nodes; i++) {
    endingStart[i] = filled;
    for (let c = endHead[i] as number; c >= 0; c = cellNext[c] as number)
      endings[filled++] = cellRecord[c] as number;
  }
  endingStart[nodes] = filled;
  const rootChild: Record<Lang, Int32Array> = {
    ar: new Int32Array(keys.size).fill(-1),
    en: new Int32Array(keys.size).fill(-1),
  };
  for (let i = 0; i < rootEdges.length; i += 3)
    rootChild[rootEdges[i] === roots.ar ? "ar" : "en"][rootEdges[i + 1] as number] = rootEdges[
      i + 2
    ] as number;
  const recordFlags = new Uint8Array(records.length);
  const recordEntry = new Float64Array(records.length);
  records.forEach((r, i) => {
    recordFlags[i] =
      (r.name ? RECORD_NAME : 0) |
      (r.lang === "ar" ? RECORD_ARABIC : 0) |
      (r.verbalNoun ? RECORD_VERBAL_NOUN : 0) |
      (r.nisbaNoun ? RECORD_NISBA_NOUN : 0) |
      (r.formThree ? RECORD_FORM_THREE : 0) |
      (r.state ? RECORD_STATE : 0) |
      (r.sense !== null ? RECORD_SENSE : 0);
    recordEntry[i] = r.entryId;
  });
  return {
    roots,
    edges,
    rootChild,
    endingStart,
    endings,
    hasNext: hasNext.subarray(0, nodes),
    keys,
    records,
    termCount,
    commaId,
    periodId,
    recordFlags,
    recordEntry,
    readings: new ReadingCache(),
    bound: new Map(),
    places: new Set(),
  };
}
