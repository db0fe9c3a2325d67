/**
 * Building the term matcher: each glossary term becomes a path of token keys (see morphology.ts) in a
 * per-language trie; known names that are not terms (KNOWN_NAMES) are added like terms and flagged. Each
 * term's keys and paths come compiled (terms-compile.ts, cached per isolate): the build interns the keys
 * and inserts the paths, in glossary order.
 */
import type { Lang } from "../types";
import { EdgeTable, KeyTable } from "./keytable";
import { COMMA_KEY, type CompiledTerm, compiledTerm, PERIOD_KEY } from "./terms-compile";
import {
  RECORD_ARABIC,
  RECORD_FORM_THREE,
  RECORD_NAME,
  RECORD_NISBA_NOUN,
  RECORD_SENSE,
  RECORD_STATE,
  RECORD_VERBAL_NOUN,
  ReadingCache,
  type TermEntryInput,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";

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

/** Builds the automaton for a whole glossary; reuse it for every text. */
export function buildTermMatcher(entries: readonly TermEntryInput[]): TermMatcher {
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
  const commaId = keys.addString(COMMA_KEY);
  const periodId = keys.addString(PERIOD_KEY);

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

  const addTerm = (entryId: number, c: CompiledTerm | null): void => {
    if (c === null) return;
    const record = records.length;
    records.push({
      entryId,
      name: c.name,
      termText: c.termText,
      status: c.status,
      lang: c.lang,
      verbalNoun: c.verbalNoun,
      nisbaNoun: c.nisbaNoun,
      formThree: c.formThree,
      state: c.state,
      ownerKind: c.ownerKind,
      sense: c.sense,
      light: null,
      lightTokens: null,
    });
    // The term's keys in the order it was compiled, then its paths: the same ids and nodes as compiling here.
    const ids = c.keys.map((k) => keys.add(k.codes, 0, k.codes.length, k.flags, k.extra));
    for (const path of c.paths) {
      let node = roots[c.lang];
      for (const k of path) node = child(node, ids[k] as number);
      addEnding(node, record);
    }
  };

  for (const entry of entries)
    for (const term of entry.terms) addTerm(entry.id, compiledTerm(term, entry.domain));
  const termCount = records.length;
  for (const name of KNOWN_NAMES)
    addTerm(
      0,
      compiledTerm({ lang: name.lang, text: name.text, status: "preferred" }, undefined, true, name.state),
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
