// A slow, obvious statement of how recognizeTerms resolves its raw hits (src/text/terms-resolve.ts does
// the same with typed arrays, a counting sort and per-token group ids). Lists, filters and sorts only; the
// context rules and the spelling preference are the engine's own (they are rules, not the algorithm).
import { oneWordHitRejected } from "../../src/text/terms-context";
import type { TermMatch, TermMatcher } from "../../src/text/terms-matcher";
import { boundHitRejected } from "../../src/text/terms-owner";
import { better, readingScore } from "../../src/text/terms-resolve";
import { senseRejected } from "../../src/text/terms-sense";
import type { TokenScan } from "../../src/text/tokenize";

/** A raw hit: first and last token, and the record (glossary term or known name) found there. */
export interface RawHit {
  start: number;
  end: number;
  record: number;
}

interface Group {
  start: number;
  end: number;
  /** Entries of the primaries on exactly this span, in the order they were taken (none for a name). */
  entries: number[];
  /** Hits inside the group, of other entries than its primaries. */
  inside: RawHit[];
}

export function resolveReference(
  matcher: TermMatcher,
  text: string,
  scan: TokenScan,
  raw: readonly RawHit[],
): TermMatch[] {
  const isName = (h: RawHit) => (matcher.records[h.record]?.name ?? false) === true;
  const entryOf = (h: RawHit) => matcher.records[h.record]?.entryId as number;
  const length = (h: RawHit) => h.end - h.start;

  // 1. The context rules drop one-word hits that the words around them read as something else.
  const stateStarts = new Set(
    raw.filter((h) => matcher.records[h.record]?.state === true).map((h) => h.start),
  );
  //    So do the owner rules: a body or office named next to another owner is that owner's.
  const rawView = {
    start: raw.map((h) => h.start),
    end: raw.map((h) => h.end),
    record: raw.map((h) => h.record),
    count: raw.length,
  };
  const kept = raw.filter(
    (h) =>
      (h.start !== h.end ||
        !oneWordHitRejected(
          matcher.recordFlags[h.record] as number,
          scan,
          h.start,
          stateStarts.has(h.start + 1),
        )) &&
      !boundHitRejected(matcher, text, scan, rawView, h.start, h.end, h.record) &&
      !senseRejected(matcher, text, scan, rawView, h.start, h.end, h.record),
  );

  // 2. One hit per span and entry (names apart): the first found, unless a later record of the same entry
  //    is spelt more like the text.
  const unique: RawHit[] = [];
  for (const h of kept) {
    const same = unique.find(
      (u) => u.start === h.start && u.end === h.end && entryOf(u) === entryOf(h) && isName(u) === isName(h),
    );
    if (same === undefined) unique.push({ ...h });
    else if (better(matcher, text, scan, h.start, h.end, h.record, same.record)) same.record = h.record;
  }

  // 3. Longest first; among equally long hits, in the order found (Array.prototype.sort is stable).
  const byLength = [...unique].sort((a, b) => length(b) - length(a));

  // 4. A hit that overlaps no group opens one: a primary (a name opens a group that reports nothing).
  //    A hit on exactly a group's span is a further primary of it; a hit inside exactly one group may be
  //    nested in it; everything else (partial overlaps, names inside anything) is dropped.
  const groups: Group[] = [];
  const primaries = new Set<RawHit>();
  for (const h of byLength) {
    const overlapping = groups.filter((g) => h.start <= g.end && g.start <= h.end);
    if (overlapping.length === 0) {
      groups.push({ start: h.start, end: h.end, entries: isName(h) ? [] : [entryOf(h)], inside: [] });
      if (!isName(h)) primaries.add(h);
      continue;
    }
    const g = overlapping[0] as Group;
    if (isName(h) || overlapping.length > 1 || h.start < g.start || h.end > g.end) continue;
    if (h.start === g.start && h.end === g.end) {
      g.entries.push(entryOf(h));
      primaries.add(h);
    } else if (!g.entries.includes(entryOf(h))) g.inside.push(h);
  }

  // 5. Nested: inside a group with a primary, and not inside a longer nested hit of the same entry there.
  //    A nested hit names the group's last primary entry.
  const nestedIn = new Map<RawHit, number>();
  for (const g of groups) {
    if (g.entries.length === 0) continue;
    for (const h of g.inside) {
      const covered = g.inside.some(
        (o) => o !== h && entryOf(o) === entryOf(h) && o.start <= h.start && o.end >= h.end,
      );
      if (!covered) nestedIn.set(h, g.entries[g.entries.length - 1] as number);
    }
  }

  // 6. Several entries on one span: the best reading (readingScore, then the lowest entry id) is primary,
  //    the others are alternatives nested in it.
  for (const g of groups) {
    if (g.entries.length < 2) continue;
    const mine = [...primaries].filter((h) => h.start === g.start && h.end === g.end);
    const score = (h: RawHit) => readingScore(matcher, text, scan, h.start, h.end, h.record);
    const best = Math.max(...mine.map(score));
    const bestEntry = Math.min(...mine.filter((h) => score(h) === best).map(entryOf));
    for (const h of mine)
      if (score(h) < best) {
        primaries.delete(h);
        nestedIn.set(h, bestEntry);
      }
  }

  // 7. Report by start, then longest first, then by entry id.
  const reported = [...primaries, ...nestedIn.keys()].sort(
    (a, b) => a.start - b.start || b.end - a.end || entryOf(a) - entryOf(b),
  );
  return reported.map((h) => {
    const rec = matcher.records[h.record];
    if (rec === undefined) throw new Error(`no record ${h.record}`);
    const start = scan.start[h.start] as number;
    const end = scan.end[h.end] as number;
    return {
      start,
      end,
      surface: text.slice(start, end),
      entryId: rec.entryId,
      termText: rec.termText,
      status: rec.status,
      lang: rec.lang,
      nestedIn: nestedIn.get(h) ?? null,
    };
  });
}
