/**
 * Resolution of the raw hits: one hit per span and entry (the record spelt most like the text), then the
 * longest match wins (then the leftmost); shorter glossary terms inside it are reported too, with
 * `nestedIn` set to the enclosing match's entry id; known names take part but are never reported.
 * test/text/terms-reference.ts states the same rules the slow, obvious way, and a randomised test compares.
 */
import { isArabicMarkOrTatweel } from "./arabic";
import { arabicKeyStart } from "./morphology";
import { isInvisible } from "./normalize";
import { oneWordHitRejected } from "./terms-context";
import {
  RECORD_BOUND,
  RECORD_NAME,
  RECORD_SENSE,
  RECORD_STATE,
  STATUS_RANK,
  type TermMatch,
  type TermMatcher,
  type TermRecord,
} from "./terms-matcher";
import { boundHitRejected } from "./terms-owner";
import type { TermScratch } from "./terms-scratch";
import { senseRejected } from "./terms-sense";
import { type TokenScan, tokenize } from "./tokenize";

const TAKEN_NOT = 0;
const TAKEN_PRIMARY = 1;
const TAKEN_NESTED = 2;

/** Marks, tatweel and invisibles removed, letters untouched: tells الامم from الأمم, Greater from greater. */
export function lightForm(s: string): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isArabicMarkOrTatweel(c) || isInvisible(c)) break;
    i++;
  }
  if (i === s.length) return s; // the usual case: nothing to drop
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isArabicMarkOrTatweel(c) || isInvisible(c)) continue;
    out += s[i];
  }
  return out;
}

/**
 * One hit per span and entry, then longest-leftmost primaries with the shorter hits inside them nested.
 * Raw hits come in order of start token (the walk goes left to right). Primaries never overlap one another
 * except on the very same span, so each token belongs to at most one group of primaries, and a shorter hit
 * is inside a group exactly when its first and last tokens are.
 */
export function resolveHits(
  sc: TermScratch,
  matcher: TermMatcher,
  text: string,
  scan: TokenScan,
): TermMatch[] {
  const records = matcher.records;
  const recordFlags = matcher.recordFlags;
  const recordEntry = matcher.recordEntry;
  const count = scan.count;
  const rawCount = sc.rawCount;
  const rawStart = sc.rawStart;
  const rawEnd = sc.rawEnd;
  const rawRecord = sc.rawRecord;
  sc.ensureResolveCapacity(rawCount, count);
  const { uStart, uEnd, uRecord, uEntry, uName, byLength, taken, nestedEntry, nestedNext, coEntries } = sc;
  const { groupOf, nameAt, gStart, gEnd, gEntryFrom, gEntryCount, gNested } = sc;
  groupOf.fill(-1, 0, count);
  nameAt.fill(0, 0, count);
  for (let i = 0; i < rawCount; i++)
    if (((recordFlags[rawRecord[i] as number] as number) & RECORD_STATE) !== 0)
      nameAt[rawStart[i] as number] = 1;

  const rawView = { start: rawStart, end: rawEnd, record: rawRecord, count: rawCount };
  let n = 0;
  let maxLen = 0;
  for (let i = 0; i < rawCount; i++) {
    const s = rawStart[i] as number;
    const e = rawEnd[i] as number;
    const rec = rawRecord[i] as number;
    const flags = recordFlags[rec] as number;
    const entryId = recordEntry[rec] as number;
    const isName = flags & RECORD_NAME;
    // One-word hits that the context reads as something else.
    if (s === e && oneWordHitRejected(flags, scan, s, s + 1 < count && nameAt[s + 1] === 1)) continue;
    // A body or office of another owner than the one the glossary binds it to (terms-owner.ts).
    if ((flags & RECORD_BOUND) !== 0 && boundHitRejected(matcher, text, scan, rawView, s, e, rec)) continue;
    // A homograph in another sense: declared in the glossary, or by the term's shape (terms-sense.ts).
    if ((flags & RECORD_SENSE) !== 0 && senseRejected(matcher, text, scan, rawView, s, e, rec)) continue;
    let dup = -1;
    for (let j = n - 1; j >= 0 && uStart[j] === s; j--) {
      if (uEnd[j] === e && uEntry[j] === entryId && uName[j] === isName) {
        dup = j;
        break;
      }
    }
    if (dup >= 0) {
      // The same record again (reached through another reading of a word) needs no comparison.
      if (rec !== uRecord[dup] && better(matcher, text, scan, s, e, rec, uRecord[dup] as number))
        uRecord[dup] = rec;
      continue;
    }
    uStart[n] = s;
    uEnd[n] = e;
    uEntry[n] = entryId;
    uName[n] = isName;
    uRecord[n++] = rec;
    if (e - s > maxLen) maxLen = e - s;
  }

  // Unique hits by decreasing length (counting sort, stable: leftmost first within a length).
  if (sc.lenCount.length < maxLen + 2) sc.lenCount = new Int32Array(maxLen + 2);
  const lenCount = sc.lenCount;
  lenCount.fill(0, 0, maxLen + 2);
  for (let u = 0; u < n; u++) {
    const slot = maxLen - ((uEnd[u] as number) - (uStart[u] as number)) + 1;
    lenCount[slot] = (lenCount[slot] as number) + 1;
  }
  for (let l = 1; l <= maxLen + 1; l++) lenCount[l] = (lenCount[l] as number) + (lenCount[l - 1] as number);
  for (let u = 0; u < n; u++) {
    const slot = maxLen - ((uEnd[u] as number) - (uStart[u] as number));
    byLength[lenCount[slot] as number] = u;
    lenCount[slot] = (lenCount[slot] as number) + 1;
  }

  // Hits of one span and length come one after another in this order, so a group's co-primary entries
  // are appended to coEntries contiguously.
  taken.fill(TAKEN_NOT, 0, n);
  sc.resetSeen(n);
  let groups = 0;
  let coLength = 0;
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const u = byLength[k] as number;
    const s = uStart[u] as number;
    const e = uEnd[u] as number;
    const name = uName[u] !== 0;
    const entryId = uEntry[u] as number;
    const gs = groupOf[s] as number;
    const ge = groupOf[e] as number;
    if (gs < 0 && ge < 0) {
      // Free span: a new primary group (no primary can lie strictly inside it: those are longer).
      const g = groups++;
      gStart[g] = s;
      gEnd[g] = e;
      gEntryFrom[g] = coLength;
      gEntryCount[g] = 0;
      gNested[g] = -1;
      for (let t = s; t <= e; t++) groupOf[t] = g;
      if (!name) {
        coEntries[coLength++] = entryId;
        gEntryCount[g] = 1;
        taken[u] = TAKEN_PRIMARY;
        kept++;
      }
      continue;
    }
    if (gs !== ge || name) continue; // partial overlap, or a name inside something
    const from = gEntryFrom[gs] as number;
    const entries = gEntryCount[gs] as number;
    if (gStart[gs] === s && gEnd[gs] === e) {
      // Same span, another entry: co-primary.
      coEntries[coLength++] = entryId;
      gEntryCount[gs] = entries + 1;
      taken[u] = TAKEN_PRIMARY;
      kept++;
      continue;
    }
    // Inside the group: nested in it, unless the group is a name or has this entry itself, or a longer
    // nested hit of the same entry already covers it.
    if (entries === 0) continue;
    let skip = false;
    for (let i = from; i < from + entries; i++)
      if (coEntries[i] === entryId) {
        skip = true;
        break;
      }
    if (!skip && sc.nestedSeen(gs, entryId, false))
      for (let o = gNested[gs] as number; o >= 0 && !skip; o = nestedNext[o] as number)
        if (uEntry[o] === entryId && (uStart[o] as number) <= s && (uEnd[o] as number) >= e) skip = true;
    if (skip) continue;
    sc.nestedSeen(gs, entryId, true);
    nestedNext[u] = gNested[gs] as number;
    gNested[gs] = u;
    taken[u] = TAKEN_NESTED;
    nestedEntry[u] = coEntries[from + entries - 1] as number;
    kept++;
  }

  // Groups of several entries on one span: the reading spelt most like the text (then of the best status)
  // is primary, the others are alternatives, reported as nested in it (see readingScore).
  let gBest: Float64Array | null = null;
  let gBestEntry: Float64Array | null = null;
  for (let g = 0; g < groups; g++) {
    if ((gEntryCount[g] as number) < 2) continue;
    if (gBest === null || gBestEntry === null) {
      gBest = new Float64Array(groups).fill(-1);
      gBestEntry = new Float64Array(groups);
    }
  }
  if (gBest !== null && gBestEntry !== null)
    for (let u = 0; u < n; u++) {
      if (taken[u] !== TAKEN_PRIMARY) continue;
      const g = groupOf[uStart[u] as number] as number;
      if ((gEntryCount[g] as number) < 2) continue;
      const score = readingScore(
        matcher,
        text,
        scan,
        uStart[u] as number,
        uEnd[u] as number,
        uRecord[u] as number,
      );
      const entry = uEntry[u] as number;
      if (score > (gBest[g] as number) || (score === gBest[g] && entry < (gBestEntry[g] as number))) {
        gBest[g] = score;
        gBestEntry[g] = entry;
      }
    }

  // Unique hits are in order of start token; within one start, order longest first, then by entry id.
  const out: TermMatch[] = [];
  if (sc.order.length < kept) sc.order = new Int32Array(kept * 2);
  const order = sc.order;
  for (let u = 0; u < n; ) {
    const s = uStart[u] as number;
    let m = 0;
    for (; u < n && uStart[u] === s; u++) {
      if (taken[u] === TAKEN_NOT) continue;
      const e = uEnd[u] as number;
      const id = uEntry[u] as number;
      let j = m++;
      while (j > 0) {
        const p = order[j - 1] as number;
        const pe = uEnd[p] as number;
        if (pe > e || (pe === e && (uEntry[p] as number) <= id)) break;
        order[j] = p;
        j--;
      }
      order[j] = u;
    }
    const start = scan.start[s] as number;
    for (let j = 0; j < m; j++) {
      const v = order[j] as number;
      const rec = records[uRecord[v] as number] as TermRecord;
      const end = scan.end[uEnd[v] as number] as number;
      let nestedIn = taken[v] === TAKEN_PRIMARY ? null : (nestedEntry[v] as number);
      if (nestedIn === null && gBest !== null && gBestEntry !== null) {
        const g = groupOf[s] as number;
        if (
          (gEntryCount[g] as number) > 1 &&
          readingScore(matcher, text, scan, s, uEnd[v] as number, uRecord[v] as number) < (gBest[g] as number)
        )
          nestedIn = gBestEntry[g] as number;
      }
      out.push({
        start,
        end,
        surface: text.slice(start, end),
        entryId: rec.entryId,
        termText: rec.termText,
        status: rec.status,
        lang: rec.lang,
        nestedIn,
      });
    }
  }
  return out;
}

function lightTokens(rec: TermRecord): string[] {
  if (rec.lightTokens === null) {
    rec.light = lightForm(rec.termText);
    rec.lightTokens = tokenize(rec.termText).map((t) => {
      const w = rec.termText.slice(t.start, t.end);
      const codes = Array.from(w, (c) => c.charCodeAt(0));
      return lightForm(t.script === "ar" ? w.slice(arabicKeyStart(codes, 0, w.length, w.charCodeAt(0))) : w);
    });
  }
  return rec.lightTokens;
}

/**
 * How well glossary term `record` reads the text on tokens s…e, to choose among the entries found on one
 * span (the glossary lists البيان المشترك under joint statement, preferred, and joint communiqué, admitted;
 * بيان مشترك only under joint statement): the spelling closest to the text (as `better`), then the best
 * status. Equal scores stay co-primary: the text alone cannot choose.
 */
export function readingScore(
  matcher: TermMatcher,
  text: string,
  scan: TokenScan,
  s: number,
  e: number,
  record: number,
): number {
  const r = matcher.records[record] as TermRecord;
  return closeness(r, lightForm(text.slice(scan.start[s], scan.end[e]))) * 4 + 3 - STATUS_RANK[r.status];
}

function closeness(r: TermRecord, surface: string): number {
  const tokens = lightTokens(r);
  let c = r.light === surface ? 1000 : 0;
  for (const t of tokens) if (surface.includes(t)) c += 10;
  return c;
}

/** Of two terms of one entry found on the same span, the one spelt most like the text wins. */
export function better(
  matcher: TermMatcher,
  text: string,
  scan: TokenScan,
  s: number,
  e: number,
  a: number,
  b: number,
): boolean {
  const ra = matcher.records[a] as TermRecord;
  const rb = matcher.records[b] as TermRecord;
  const surface = lightForm(text.slice(scan.start[s], scan.end[e]));
  return (
    (closeness(ra, surface) - closeness(rb, surface) || STATUS_RANK[rb.status] - STATUS_RANK[ra.status]) > 0
  );
}
