/**
 * The analyses of a review page's beads (terms and QA: src/text/bead-analysis.ts) and the glossary entries
 * they underline, from the cheapest place that has them right:
 * 1. this isolate's memory (per glossary matcher and bead text: a page is reloaded after every operation);
 * 2. D1 (src/db/segment-analyses.ts), when the stored key still matches the bead's texts, the glossary's
 *    matcher and the engine — in a new isolate, with the matcher's key stored for the glossary's revision
 *    (src/db/matcher.ts), without reading the glossary or building its matcher at all;
 * 3. D1 again, after a glossary change, when the analysis stored for the bead's texts with an earlier
 *    glossary is one the change cannot touch (src/text/terms-touch.ts over the change log of
 *    src/db/glossary-changes.ts): kept, and re-keyed for the new glossary after the response;
 * 4. made now with the matcher (built on first use: none when every bead is stored or kept), then stored
 *    after the response (waitUntil).
 */
import { entriesByIds } from "../db/glossary";
import { changeOf, changesSince } from "../db/glossary-changes";
import { builtIndex, type GlossaryIndex, type GlossaryState, glossaryIndexAt } from "../db/matcher";
import {
  keyOf,
  parseAnalysis,
  type StoredAnalysis,
  sameTexts,
  storeAnalyses,
  storedAnalyses,
  textsKey,
} from "../db/segment-analyses";
import type { Db } from "../env";
import { analyseBead, type BeadTexts, type RowAnalysis } from "../text/bead-analysis";
import { keysTouchedBy, type TermKeys } from "../text/terms-touch";
import type { GlossaryEntry } from "../types";
import type { UseCaseContext } from "./context";

export interface Bead extends BeadTexts {
  id: number;
}

export interface BeadAnalyses {
  /** In the order of the beads given. */
  analyses: RowAnalysis[];
  /** The entries of the underlined terms, each once, in order of first appearance. */
  entries: GlossaryEntry[];
}

/** Most analyses kept in memory per matcher (a few long documents' worth; each is a few hundred bytes). */
const MAX_CACHED = 20_000;
/** Matchers whose analyses are kept in memory (the current one and a few before it, for pages in flight). */
const MAX_MATCHERS = 3;
// Keyed by the matcher's key (the hash of its input): an analysis reads the glossary only through the
// matcher and the entries' ids and terms (QA's QaEntry), which are that input, so analyses made with an
// older glossary are never served and survive an edit of a definition or a note.
const memory = new Map<string, Map<string, RowAnalysis>>();

const textKey = (s: BeadTexts) =>
  s.arCodes.length || s.enCodes.length
    ? `${s.ar}\u0000${s.en ?? "\u0001"}\u0000${JSON.stringify([s.arCodes, s.enCodes])}`
    : `${s.ar}\u0000${s.en ?? "\u0001"}`;

function memoryOf(matcherKey: string): Map<string, RowAnalysis> {
  let m = memory.get(matcherKey);
  if (!m) {
    m = new Map();
    memory.set(matcherKey, m);
    // Oldest matcher first (a Map keeps insertion order).
    for (const k of memory.keys()) if (memory.size > MAX_MATCHERS && k !== matcherKey) memory.delete(k);
  }
  return m;
}

function remember(m: Map<string, RowAnalysis>, key: string, analysis: RowAnalysis) {
  if (m.size >= MAX_CACHED) {
    // Oldest first: drop a tenth at once rather than one per insert.
    let drop = MAX_CACHED / 10;
    for (const k of m.keys()) {
      m.delete(k);
      if (--drop === 0) break;
    }
  }
  m.set(key, analysis);
}

/** Forgets the analyses kept in memory, as a new isolate starts (tests of what is stored in D1). */
export function forgetAnalyses(): void {
  memory.clear();
}

/** The analyses of `beads` with the glossary of `state` (glossaryState, read with the page's other reads). */
export async function analyseBeads(
  ctx: Pick<UseCaseContext, "db" | "waitUntil">,
  state: GlossaryState,
  beads: readonly Bead[],
): Promise<BeadAnalyses> {
  let index: GlossaryIndex | null = builtIndex(state);
  let matcherKey = index?.matcherKey ?? state.matcherKey;
  if (matcherKey === null) {
    index = await glossaryIndexAt(ctx.db, state);
    matcherKey = index.matcherKey;
  }
  const kept = memoryOf(matcherKey);
  // Each bead's memory key made once, for the look-up and the remembering; nothing looked up while nothing is
  // kept (a new isolate's first page).
  const memoryKeys = beads.map(textKey);
  const analyses: (RowAnalysis | undefined)[] =
    kept.size === 0 ? beads.map(() => undefined) : memoryKeys.map((k) => kept.get(k));
  const missing = analyses.flatMap((a, i) => (a ? [] : [i]));
  if (missing.length > 0) {
    const key = matcherKey;
    const [stored, texts] = await Promise.all([
      storedAnalyses(
        ctx.db,
        missing.map((i) => beads[i]!.id),
      ),
      Promise.all(missing.map((i) => textsKey(beads[i]!))),
    ]);
    const keys = texts.map((t) => keyOf(t, key));
    const stale: number[] = [];
    missing.forEach((i, j) => {
      const s = stored.get(beads[i]!.id);
      const found = s && s.key === keys[j] ? parseAnalysis(s.analysis) : null;
      if (found) {
        analyses[i] = found;
        remember(kept, memoryKeys[i]!, found);
      } else stale.push(j);
    });
    if (stale.length > 0) {
      index ??= await glossaryIndexAt(ctx.db, state);
      // The glossary changed since `state` was read: every bead from the newer one (never a mix of two).
      if (index.matcherKey !== matcherKey) {
        const { version, revision } = index;
        return analyseBeads(ctx, { version, revision, matcherKey: index.matcherKey }, beads);
      }
      const stillRight = await keptAcrossChanges(
        ctx.db,
        index,
        stale.map((j) => ({
          bead: beads[missing[j]!]!,
          texts: texts[j]!,
          stored: stored.get(beads[missing[j]!]!.id),
        })),
      );
      const made: { segmentId: number; key: string; analysis: RowAnalysis }[] = [];
      const rekeyed: { segmentId: number; key: string; from: string }[] = [];
      stale.forEach((j, n) => {
        const i = missing[j]!;
        const keptAnalysis = stillRight[n];
        const analysis = keptAnalysis ?? analyseBead(index!, beads[i]!);
        analyses[i] = analysis;
        remember(kept, memoryKeys[i]!, analysis);
        if (keptAnalysis)
          rekeyed.push({ segmentId: beads[i]!.id, key: keys[j]!, from: stored.get(beads[i]!.id)!.key });
        else made.push({ segmentId: beads[i]!.id, key: keys[j]!, analysis });
      });
      ctx.waitUntil(storeAnalyses(ctx.db, index.revision, made, rekeyed));
    }
  }
  const done = analyses as RowAnalysis[];
  const ids = new Set<number>();
  for (const a of done) {
    for (const m of a.ar) ids.add(m.entryId);
    for (const m of a.en) ids.add(m.entryId);
  }
  const byId = index ? index.entries : new Map((await entriesByIds(ctx.db, [...ids])).map((e) => [e.id, e]));
  return { analyses: done, entries: [...ids].flatMap((id) => byId.get(id) ?? []) };
}

/**
 * For each stale stored analysis, the analysis itself when it is still right for `index`'s glossary (else
 * undefined): made for the same texts with an earlier glossary (its key begins with their key), and no change
 * since touches them (src/text/terms-touch.ts, from the glossary's change log).
 */
async function keptAcrossChanges(
  db: Db,
  index: GlossaryIndex,
  stale: readonly { bead: Bead; texts: string; stored: StoredAnalysis | undefined }[],
): Promise<(RowAnalysis | undefined)[]> {
  const out: (RowAnalysis | undefined)[] = stale.map(() => undefined);
  // Made for these very texts (and this engine), at a glossary revision the change log can tell from.
  const usable = (s: StoredAnalysis | undefined, texts: string): s is StoredAnalysis & { revision: number } =>
    s !== undefined && s.revision !== null && s.revision <= index.revision && sameTexts(s.key, texts);
  const revisions = stale.flatMap(({ stored, texts }) => (usable(stored, texts) ? [stored.revision] : []));
  if (revisions.length === 0) return out;
  const rows = await changesSince(db, Math.min(...revisions));
  if (rows === null) return out;
  const touchedBy = new Map<number, TermKeys | null>();
  for (const [n, { bead, texts, stored }] of stale.entries()) {
    if (!usable(stored, texts)) continue;
    let keys = touchedBy.get(stored.revision);
    if (keys === undefined) {
      keys = keysTouchedBy(changeOf(rows, stored.revision), index.entries);
      touchedBy.set(stored.revision, keys);
    }
    if (keys === null || keys.touches(bead.ar) || (bead.en !== null && keys.touches(bead.en))) continue;
    out[n] = parseAnalysis(stored.analysis) ?? undefined;
  }
  return out;
}
