/**
 * One glossary term compiled for the matcher: its record's fields and its key paths (terms-build.ts adds
 * them to the trie). A term's compiled parts depend on the term alone (its text, language, status and note)
 * and its entry's domain, never on the rest of the glossary, so they are kept per isolate (COMPILED) and a
 * rebuild after an edit compiles only the terms it has not seen: the rest is key interning and trie
 * insertion, replayed in the same order as a build from scratch (test/text/terms-compile.test.ts: the
 * matchers are equal). The key operations are recorded in call order, with their flags, so that replaying
 * them gives every key the same id and the same OR-ed flags as compiling in place would.
 */
import type { Lang, TermStatus } from "../types";
import { ALEF, HA, NUN, TA, YA } from "./arabic";
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
  SCRIPT_AR,
  SCRIPT_LATIN,
  type TermInput,
} from "./terms-matcher";
import { forgetEntryOwners, ownerKindOf } from "./terms-owner";
import { endsInTaMarbuta, normString } from "./terms-scan";
import { type SenseInfo, senseOf } from "./terms-sense";
import { createTokenScan, scanTokens, type TokenScan } from "./tokenize";

// Pseudo-keys for punctuation inside a term: "United Nations Educational, Scientific and …", "St. Petersburg".
export const COMMA_KEY = ",";
export const PERIOD_KEY = ".";
const MAX_VARIANTS = 8;

/** A key as added to the matcher's KeyTable: its code units (+ extra code unit, −1: none) and flags. */
export interface KeyOp {
  codes: Uint16Array;
  extra: number;
  flags: number;
}

export interface CompiledTerm {
  lang: Lang;
  termText: string;
  status: TermStatus;
  name: boolean;
  state: boolean;
  ownerKind: number;
  verbalNoun: boolean;
  nisbaNoun: boolean;
  formThree: boolean;
  /** Shared by every matcher built with this term: never written after compilation. */
  sense: SenseInfo | null;
  /** The key operations in call order; `paths` name keys by their index here. */
  keys: KeyOp[];
  paths: number[][];
}

/** Records key operations instead of adding them to a table: ids are indices into `ops`. */
class KeyRecorder {
  readonly ops: KeyOp[] = [];
  add(codes: ArrayLike<number>, a: number, b: number, flags = 0, extra = -1): number {
    this.ops.push({
      codes: Uint16Array.from({ length: b - a }, (_, i) => codes[a + i] as number),
      extra,
      flags,
    });
    return this.ops.length - 1;
  }
  addString(s: string, flags = 0): number {
    return this.add(
      Array.from(s, (c) => c.charCodeAt(0)),
      0,
      s.length,
      flags,
    );
  }
}

/**
 * Key of a Latin glossary word, or of two words joined (G-20 → g20, cyber security → cybersecurity):
 * morphology.latinGlossaryKey of the original (for short acronyms) and the normalised form. `singular`:
 * a plural is keyed by its singular (in multi-word terms only: a one-word plural term such as
 * *safeguards* or *sanctions* names what the singular does not).
 */
function addLatinKey(
  keys: KeyRecorder,
  text: string,
  scan: TokenScan,
  k0: number,
  k1: number,
  singular: boolean,
): number {
  let original = text.slice(scan.start[k0] as number, scan.end[k0] as number);
  if (k1 !== k0) original += text.slice(scan.start[k1] as number, scan.end[k1] as number);
  let norm = normString(scan, k0);
  if (k1 !== k0) norm += normString(scan, k1);
  return keys.addString(latinGlossaryKey(original, norm, singular));
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

/**
 * The keys token k of a glossary term may be met by (usually one). Arabic: in a multi-word term, a
 * feminine plural in ـات is keyed as written and by its singular, with and without ة (التهديدات →
 * تهديدات, تهديد, تهديدة: the text's singular and plural both meet it), and a ta-marbuta word after one
 * also without ة (الأمنية → أمني: the adjective agrees); a word in ـان/ـين may be a dual, so it is also
 * keyed by its stem + DUAL_MARK (الطرفان meets الطرفين).
 */
function tokenKeys(
  keys: KeyRecorder,
  text: string,
  scan: TokenScan,
  k: number,
  afterFemininePlural: boolean,
): number[] {
  const a = scan.normStart[k] as number;
  const b = scan.normEnd[k] as number;
  const script = scan.script[k];
  if (script === SCRIPT_LATIN) return [addLatinKey(keys, text, scan, k, k, scan.count > 1)];
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
}

/** Compiles one term (null: no token, nothing to match). `name`, `state`: a known name (terms-build.ts). */
function compile(
  term: TermInput,
  domain: string | undefined,
  name: boolean,
  state: boolean,
  scan: TokenScan,
): CompiledTerm | null {
  const text = term.text;
  scanTokens(text, scan);
  if (scan.count === 0) return null;
  const keys = new KeyRecorder();
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
  const compiled: CompiledTerm = {
    lang: term.lang,
    termText: text,
    status: term.status,
    name,
    state,
    ownerKind: name ? 0 : ownerKindOf(domain),
    verbalNoun,
    nisbaNoun,
    formThree,
    sense: name ? null : senseOf(text, term.lang, domain, term.note, scan),
    keys: keys.ops,
    paths: [],
  };
  let femininePlural = -1; // the last token so far that is an Arabic feminine plural
  const alternatives: number[][] = [];
  for (let k = 0; k < scan.count; k++) {
    const prev = k > 0 ? (alternatives[k - 1] as number[]) : null;
    alternatives.push(tokenKeys(keys, text, scan, k, prev !== null && femininePlural === k - 1));
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
    compiled.paths.push(alternatives.map((ids) => ids[0] as number));
    return compiled;
  }
  // Each variant is a key path: a period inside a term may be left out (St. Petersburg, St Petersburg),
  // two Latin words may be written as one (G-20, G20; cyber security, cybersecurity), and a word with
  // several keys gives a path for each. The first path (every word's first key) is always kept.
  // solidLast: the path's last key is a solid pair of tokens k − 2 and k − 1 (no further join on it).
  let commaId = -1;
  let periodId = -1;
  let variants: { path: number[]; solidLast: boolean }[] = [{ path: [], solidLast: false }];
  for (let k = 0; k < scan.count; k++) {
    const ids = alternatives[k] as number[];
    const gapBefore = k > 0 ? scan.gap[k - 1] : -1;
    const solid = latinPair(scan, k) ? addLatinKey(keys, text, scan, k - 1, k, true) : -1;
    if (gapBefore === GAP_COMMA && commaId < 0) commaId = keys.addString(COMMA_KEY);
    if (gapBefore === GAP_PERIOD && periodId < 0) periodId = keys.addString(PERIOD_KEY);
    const next: { path: number[]; solidLast: boolean }[] = [];
    for (const { path: v, solidLast } of variants) {
      for (const id of ids) {
        if (gapBefore === GAP_COMMA) next.push({ path: [...v, commaId, id], solidLast: false });
        else if (gapBefore === GAP_PERIOD)
          next.push({ path: [...v, periodId, id], solidLast: false }, { path: [...v, id], solidLast: false });
        else next.push({ path: [...v, id], solidLast: false });
      }
      if (solid >= 0 && !solidLast) next.push({ path: [...v.slice(0, -1), solid], solidLast: true });
    }
    variants = next.length > MAX_VARIANTS ? next.slice(0, MAX_VARIANTS) : next;
  }
  for (const { path } of variants) compiled.paths.push(path);
  return compiled;
}

/** Compiled terms seen in this isolate, by everything compilation reads (a glossary's worth, and edits). */
const COMPILED = new Map<string, CompiledTerm | null>();
const MAX_COMPILED = 20_000;
const SCAN = createTokenScan();

/**
 * The same, by the term object: an index read after an edit keeps the unchanged entries' term objects
 * (src/db/glossary.ts glossarySnapshotSince), so most lookups skip making and hashing COMPILED's key. Every
 * field compilation reads is compared, so a term object changed in place is compiled again, never stale.
 */
let BY_TERM = new WeakMap<
  TermInput,
  { term: TermInput; domain: string | undefined; c: CompiledTerm | null }
>();

/** The compiled parts of `term` of an entry of `domain` (cached: see above). */
export function compiledTerm(
  term: TermInput,
  domain: string | undefined,
  name = false,
  state = false,
): CompiledTerm | null {
  const seen = name ? undefined : BY_TERM.get(term);
  if (
    seen !== undefined &&
    seen.domain === domain &&
    seen.term.text === term.text &&
    seen.term.lang === term.lang &&
    seen.term.status === term.status &&
    (seen.term.note ?? null) === (term.note ?? null)
  )
    return seen.c;
  const c = compiledByKey(term, domain, name, state);
  if (!name) BY_TERM.set(term, { term: { ...term }, domain, c });
  return c;
}

function compiledByKey(
  term: TermInput,
  domain: string | undefined,
  name: boolean,
  state: boolean,
): CompiledTerm | null {
  // Unambiguous: every free text but the last is length-prefixed (cheaper than JSON for 1,600 terms).
  const note = term.note == null ? "-" : `${term.note.length}:${term.note}`;
  const field = domain === undefined ? "-" : `${domain.length}:${domain}`;
  const key = `${term.lang}|${term.status}|${name ? 1 : 0}${state ? 1 : 0}|${field}|${note}|${term.text}`;
  let c = COMPILED.get(key);
  if (c === undefined) {
    if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
    c = compile(term, domain, name, state, SCAN);
    COMPILED.set(key, c);
  }
  return c;
}

/** Forgets every compiled term and entry owner analysis (tests: a build from scratch). */
export function forgetCompiledTerms(): void {
  COMPILED.clear();
  BY_TERM = new WeakMap();
  forgetEntryOwners();
}
