/**
 * The term matcher's data model, shared by its build (terms-build.ts), its scan of a text (terms-scan.ts),
 * its resolution of overlapping hits (terms-resolve.ts) and its context rules (terms-context.ts).
 * terms.ts is the public entry point.
 */
import type { Lang, TermStatus } from "../types";
import { type EdgeTable, KeyTable } from "./keytable";
import type { BoundInfo } from "./terms-owner";
import type { SenseInfo } from "./terms-sense";

export interface TermInput {
  lang: Lang;
  text: string;
  status: TermStatus;
  /** The term's note: phrases in it declare how to tell the term from a homograph (terms-sense.ts,
   * glossary/README.md "Declared senses"). Optional. */
  note?: string | null;
}

export interface TermEntryInput {
  id: number;
  terms: TermInput[];
  /** The entry's subject field: `international organisations` and `geography` entries name owners of
   * bodies and offices (see terms-owner.ts). Optional: without it no entry is an owner. */
  domain?: string;
}

export interface TermMatch {
  /** UTF-16 offsets into the original text, end exclusive; whole words. */
  start: number;
  end: number;
  /** text.slice(start, end) */
  surface: string;
  entryId: number;
  /** The glossary term matched, as written in the glossary. */
  termText: string;
  status: TermStatus;
  lang: Lang;
  /** Entry id of the longer match this one lies inside, or null for a primary hit. A reading of another
   * entry on exactly the same span that the text supports less (terms-resolve.readingScore: the glossary
   * lists the term under two entries) is an alternative: nested in the better reading. */
  nestedIn: number | null;
}

export interface TermRecord {
  entryId: number;
  /** A known name that is not a glossary term (see KNOWN_NAMES in terms-build.ts): never reported. */
  name: boolean;
  termText: string;
  status: TermStatus;
  lang: Lang;
  /** One-word Arabic term shaped like a form-IV verbal noun (see isFormFourVerbalNoun). */
  verbalNoun: boolean;
  /** One-word Arabic abstract noun in ـية, spelt like a feminine nisba adjective (الدبلوماسية). */
  nisbaNoun: boolean;
  /** One-word Arabic term shaped like a form-III participle مفاعل (see isFormThreeParticiple). */
  formThree: boolean;
  /** A known name of a State (see KNOWN_NAMES), as opposed to another name. */
  state: boolean;
  /** terms-owner.ts OWNER_* kind of the record's entry (from its domain). */
  ownerKind: number;
  /** The sense checks of its hits (terms-sense.ts), or null when none applies. */
  sense: SenseInfo | null;
  /** lightForm of the term and of each of its words (without the article), computed when first needed. */
  light: string | null;
  lightTokens: string[] | null;
}

export interface TermMatcher {
  /** Trie over token keys: node ids, root per language, edges (node, key) → child. */
  readonly roots: Record<Lang, number>;
  readonly edges: EdgeTable;
  /** The root's edges as a direct table per language: key id → child node, or −1 (every term starts
   * there, so these are the lookups made for every reading of every token). */
  readonly rootChild: Record<Lang, Int32Array>;
  /** Per node: the records of the terms ending there, endings[endingStart[node], endingStart[node + 1]),
   * and whether any edge leaves it (flat arrays: the walk reads them for every step). */
  readonly endingStart: Int32Array;
  readonly endings: Int32Array;
  readonly hasNext: Uint8Array;
  /** Token keys (see morphology.ts) with their KEY_* flags. */
  readonly keys: KeyTable;
  readonly records: TermRecord[];
  /** Number of glossary terms indexed. */
  readonly termCount: number;
  /** Key ids of the comma and period pseudo-keys. */
  readonly commaId: number;
  readonly periodId: number;
  /** Per record: RECORD_* flags and entry id, so that resolution does not touch the record objects. */
  readonly recordFlags: Uint8Array;
  readonly recordEntry: Float64Array;
  /** Readings of the word forms seen so far (filled by recognizeTerms; see ReadingCache). */
  readonly readings: ReadingCache;
  /** Owner-bound records (RECORD_BOUND) and what may stand next to them; gentilic stems of places
   * (terms-owner.ts; filled once the trie is built). */
  readonly bound: Map<number, BoundInfo>;
  readonly places: Set<string>;
}

// RECORD_* flags (TermMatcher.recordFlags).
export const RECORD_NAME = 1;
export const RECORD_ARABIC = 2;
export const RECORD_VERBAL_NOUN = 4;
export const RECORD_NISBA_NOUN = 8;
export const RECORD_STATE = 16;
/** A term the glossary also lists with its owner spelt out (terms-owner.ts). */
export const RECORD_BOUND = 32;
/** One-word Arabic term of the shape مفاعل, a form-III participle (مراقب): see terms-context.ts. */
export const RECORD_FORM_THREE = 64;
/** A term with sense checks (TermRecord.sense, terms-sense.ts). */
export const RECORD_SENSE = 128;

export const STATUS_RANK: Record<TermStatus, number> = {
  preferred: 0,
  admitted: 1,
  deprecated: 2,
  forbidden: 3,
};

// Token gaps (GAPS in tokenize.ts) and scripts (SCRIPTS).
export const GAP_SPACE = 0;
export const GAP_HYPHEN = 1;
export const GAP_COMMA = 2;
export const GAP_PERIOD = 3;
export const GAP_BREAK = 4;
export const SCRIPT_AR = 1;
export const SCRIPT_LATIN = 2;

/**
 * The key ids each word form may stand for, computed once per form and matcher: most words of a text
 * recur (in it and across texts), and their clitic and suffix analysis is the costliest part of a scan.
 * Each reading is `4 × keyId + READING_INNER + READING_END` (each bit set or not). Cleared when large.
 */
export class ReadingCache {
  forms = new KeyTable();
  start: number[] = [];
  count: number[] = [];
  /** morphology.particleFlags of each Arabic form, english.meaningPrefix of each Latin one (else 0). */
  particle: number[] = [];
  pool = new Int32Array(4096);
  poolLength = 0;

  get size(): number {
    return this.start.length;
  }

  clear(): void {
    this.forms.clear();
    this.start.length = 0;
    this.count.length = 0;
    this.particle.length = 0;
    this.poolLength = 0;
  }
}
/** The word may continue a term: no proclitic but the article stripped in front. */
export const READING_INNER = 1;
/** The word may end a term: not a reading only plausible in construct (see morphology.KeyVisitor). */
export const READING_END = 2;
export const CACHE_MAX_FORMS = 50_000;
export const CACHE_MAX_READINGS = 1 << 18;
