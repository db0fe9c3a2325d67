/**
 * The analyses of a review page's beads (terms and QA: src/text/bead-analysis.ts) and the glossary entries
 * they underline, from the cheapest place that has them right:
 * 1. this isolate's memory (per glossary matcher and bead text: a page is reloaded after every operation);
 * 2. D1 (src/db/segment-analyses.ts), when the stored key still matches the bead's texts, the glossary's
 *    matcher and the engine — in a new isolate, with the matcher's key stored for the glossary's revision
 *    (src/db/matcher.ts), without reading the glossary or building its matcher at all;
 * 3. made now with the matcher, then stored after the response (waitUntil).
 */
import { entriesByIds } from "../db/glossary";
import { builtIndex, type GlossaryIndex, type GlossaryState, glossaryIndexAt } from "../db/matcher";
import { analysisKey, parseAnalysis, storeAnalyses, storedAnalyses } from "../db/segment-analyses";
import { analyseBead, type BeadTexts, type RowAnalysis } from "../text/bead-analysis";
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
  const analyses: (RowAnalysis | undefined)[] = beads.map((b) => kept.get(textKey(b)));
  const missing = analyses.flatMap((a, i) => (a ? [] : [i]));
  if (missing.length > 0) {
    const key = matcherKey;
    const [stored, keys] = await Promise.all([
      storedAnalyses(
        ctx.db,
        missing.map((i) => beads[i]!.id),
      ),
      Promise.all(missing.map((i) => analysisKey(key, beads[i]!))),
    ]);
    const toMake: number[] = [];
    missing.forEach((i, j) => {
      const s = stored.get(beads[i]!.id);
      const found = s && s.key === keys[j] ? parseAnalysis(s.analysis) : null;
      if (found) {
        analyses[i] = found;
        remember(kept, textKey(beads[i]!), found);
      } else toMake.push(j);
    });
    if (toMake.length > 0) {
      index ??= await glossaryIndexAt(ctx.db, state);
      // The glossary changed since `state` was read: every bead from the newer one (never a mix of two).
      if (index.matcherKey !== matcherKey) {
        const { version, revision } = index;
        return analyseBeads(ctx, { version, revision, matcherKey: index.matcherKey }, beads);
      }
      const made = toMake.map((j) => {
        const i = missing[j]!;
        const analysis = analyseBead(index!, beads[i]!);
        analyses[i] = analysis;
        remember(kept, textKey(beads[i]!), analysis);
        return { segmentId: beads[i]!.id, key: keys[j]!, analysis };
      });
      ctx.waitUntil(storeAnalyses(ctx.db, made));
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
