/**
 * Every scratch buffer of term recognition in one object: the scan's per-token readings and raw hits,
 * the resolution's per-hit and per-group arrays, and the key buffer. Typed arrays reused from call to call
 * spare the matcher an allocation per token or hit (docs/benchmarks.md, "Text engine"); a text much larger
 * than usual grows them, and `release` lets them go afterwards. One instance serves every call in turn (the
 * engine is synchronous and not re-entrant): see `TERM_SCRATCH` in terms.ts.
 */
import { KeyTable } from "./keytable";
import type { KeyVisitor } from "./morphology";
import { ReadingCache } from "./terms-matcher";
import { createTokenScan, type TokenScan } from "./tokenize";

// Scratch arrays grown for a whole document are dropped after it, not kept for the next sentence.
export const SCRATCH_KEEP_TOKENS = 1 << 14;

export class TermScratch {
  /** Token scans reused by buildTermMatcher (glossary terms) and by recognition (the text). */
  readonly buildScan: TokenScan = createTokenScan();
  readonly textScan: TokenScan = createTokenScan();
  /** Code units of a Latin key being built ("=" + an acronym, two joined words, an original word). */
  keyCodes = new Uint16Array(256);

  // The running scan: its matcher's keys and their flags, the reading cache, the text's tokens, and where
  // the readings of the form being analysed begin in the cache pool.
  keys: KeyTable = new KeyTable();
  keyFlags: number[] = [];
  cache: ReadingCache = new ReadingCache();
  scan: TokenScan = this.textScan;
  formStart = 0;
  /** End of the Arabic form being analysed in scan.codes. */
  formEnd = 0;
  /** Per reading of the form being analysed: letters stripped around its stem (see terms-scan.ts). */
  formRank: number[] = [];
  /** The visitor arabicCandidates reports candidate stems to (set by terms-scan.ts). */
  visitArabic: KeyVisitor = () => {};
  visitLatin: (key: string) => void = () => {};

  // Per token: its readings are cache.pool[tokStart[t], tokStart[t] + tokCount[t]); noStart[t] = 1 when
  // the token may not start a term (a verb by context).
  tokStart = new Int32Array(256);
  tokCount = new Int32Array(256);
  noStart = new Uint8Array(256);
  // Per token t: readings of t and t + 1 written as one word (two Latin words: cease fire → ceasefire).
  pairStart = new Int32Array(256);
  pairCount = new Int32Array(256);

  // Raw hits: token span and record, in order of start token.
  rawStart = new Int32Array(1024);
  rawEnd = new Int32Array(1024);
  rawRecord = new Int32Array(1024);
  rawCount = 0;

  // Resolution: unique hits (span, record, entry, name flag); per token, the group of primaries covering
  // it; per group (one span, its co-primary entries), its span, entries and nested hits (a linked list
  // through nestedNext); per unique hit, whether and how it was taken.
  uStart = new Int32Array(1024);
  uEnd = new Int32Array(1024);
  uRecord = new Int32Array(1024);
  uEntry = new Float64Array(1024);
  uName = new Uint8Array(1024);
  byLength = new Int32Array(1024);
  taken = new Uint8Array(1024);
  nestedEntry = new Float64Array(1024);
  nestedNext = new Int32Array(1024);
  coEntries = new Float64Array(1024);
  groupOf = new Int32Array(256);
  nameAt = new Uint8Array(256);
  gStart = new Int32Array(256);
  gEnd = new Int32Array(256);
  gEntryFrom = new Int32Array(256);
  gEntryCount = new Int32Array(256);
  gNested = new Int32Array(256);
  lenCount = new Int32Array(64);
  order = new Int32Array(64);

  // (group, entry) pairs that have a nested hit, in an open-addressing set that a new stamp empties.
  seenKeys = new Float64Array(4096);
  seenGroup = new Int32Array(4096);
  seenStamps = new Int32Array(4096);
  seenStamp = 0;

  /** keyCodes with room for n code units. */
  keyBuffer(n: number): Uint16Array {
    if (this.keyCodes.length < n) this.keyCodes = new Uint16Array(n * 2);
    return this.keyCodes;
  }

  ensureTokens(count: number): void {
    if (this.tokStart.length < count) {
      this.tokStart = new Int32Array(count * 2);
      this.tokCount = new Int32Array(count * 2);
      this.noStart = new Uint8Array(count * 2);
      this.pairStart = new Int32Array(count * 2);
      this.pairCount = new Int32Array(count * 2);
    }
  }

  addRaw(startTok: number, endTok: number, record: number): void {
    if (this.rawCount === this.rawStart.length) {
      const grow = (x: Int32Array) => {
        const g = new Int32Array(x.length * 2);
        g.set(x);
        return g;
      };
      this.rawStart = grow(this.rawStart);
      this.rawEnd = grow(this.rawEnd);
      this.rawRecord = grow(this.rawRecord);
    }
    this.rawStart[this.rawCount] = startTok;
    this.rawEnd[this.rawCount] = endTok;
    this.rawRecord[this.rawCount++] = record;
  }

  ensureResolveCapacity(hits: number, tokens: number): void {
    if (this.uStart.length < hits) {
      const size = hits * 2;
      this.uStart = new Int32Array(size);
      this.uEnd = new Int32Array(size);
      this.uRecord = new Int32Array(size);
      this.uEntry = new Float64Array(size);
      this.uName = new Uint8Array(size);
      this.byLength = new Int32Array(size);
      this.taken = new Uint8Array(size);
      this.nestedEntry = new Float64Array(size);
      this.nestedNext = new Int32Array(size);
      this.coEntries = new Float64Array(size);
    }
    if (this.groupOf.length < tokens) {
      const size = tokens * 2;
      this.groupOf = new Int32Array(size);
      this.nameAt = new Uint8Array(size);
      this.gStart = new Int32Array(size);
      this.gEnd = new Int32Array(size);
      this.gEntryFrom = new Int32Array(size);
      this.gEntryCount = new Int32Array(size);
      this.gNested = new Int32Array(size);
    }
  }

  /** A set for (group, entry) pairs with room for `hits` entries, emptied. */
  resetSeen(hits: number): void {
    if (this.seenKeys.length < 4 * hits || this.seenStamp > 1 << 30) {
      let size = this.seenKeys.length;
      while (size < 4 * hits) size *= 2;
      this.seenKeys = new Float64Array(size);
      this.seenGroup = new Int32Array(size);
      this.seenStamps = new Int32Array(size);
      this.seenStamp = 0;
    }
    this.seenStamp++;
  }

  /** Whether entry `entryId` has a nested hit in group `g`; with `add`, records that it has. */
  nestedSeen(g: number, entryId: number, add: boolean): boolean {
    const keys = this.seenKeys;
    const mask = keys.length - 1;
    let h = (Math.imul(g + 1, 0x9e3779b1) ^ Math.imul(entryId | 0, 0x85ebca77)) & mask;
    for (;;) {
      if (this.seenStamps[h] !== this.seenStamp) {
        if (add) {
          this.seenStamps[h] = this.seenStamp;
          keys[h] = entryId;
          this.seenGroup[h] = g;
        }
        return false;
      }
      if (keys[h] === entryId && this.seenGroup[h] === g) return true;
      h = (h + 1) & mask;
    }
  }

  /** After a large text: drop the arrays it grew, and references to its scan. */
  releaseIfLarge(count: number): void {
    this.scan = this.textScan;
    if (count <= SCRATCH_KEEP_TOKENS && this.rawCount <= SCRATCH_KEEP_TOKENS) return;
    this.tokStart = new Int32Array(256);
    this.tokCount = new Int32Array(256);
    this.noStart = new Uint8Array(256);
    this.pairStart = new Int32Array(256);
    this.pairCount = new Int32Array(256);
    this.rawStart = new Int32Array(1024);
    this.rawEnd = new Int32Array(1024);
    this.rawRecord = new Int32Array(1024);
    this.rawCount = 0;
    this.uStart = new Int32Array(0);
    this.groupOf = new Int32Array(0);
    this.ensureResolveCapacity(512, 128);
    if (this.seenKeys.length > 4096) {
      this.seenKeys = new Float64Array(4096);
      this.seenGroup = new Int32Array(4096);
      this.seenStamps = new Int32Array(4096);
      this.seenStamp = 0;
    }
  }
}
