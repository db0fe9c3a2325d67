// The review page's stored bead analyses as the tests see them (test/web/review-stored-analysis.test.ts,
// review-term-edit.test.ts): a new isolate simulated by forgetting the module state, a row's term links in the
// page, the stored row, and the check that every segment shows (and stores) the analysis made now.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { forgetGlossaryIndex, glossaryIndex, glossaryState } from "../../src/db/matcher";
import { analysisKey } from "../../src/db/segment-analyses";
import { analyseBead, type RowAnalysis } from "../../src/text/bead-analysis";
import type { Segment } from "../../src/types";
import { forgetAnalyses } from "../../src/usecases/review-analysis";
import { createEntry, segmentsOf, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";
import { uniqueArabicWord } from "../xliff/api/helpers";
import type { Browser } from "./web-helpers";

const db = testDb();

export function newIsolate() {
  forgetGlossaryIndex();
  forgetAnalyses();
}

/** The term links of a bead's row, as `lang:entryId:status`, sorted. */
export function rowLinks(html: string, segmentId: number): string[] {
  const start = html.indexOf(`<tr id="s${segmentId}"`);
  expect(start, `row of segment ${segmentId}`).toBeGreaterThanOrEqual(0);
  const row = html.slice(start, html.indexOf("</tr>", start));
  const out: string[] = [];
  for (const cell of row.matchAll(/<td lang="(ar|en)"[^>]*>((?:(?!<\/td>).)*)<\/td>/gs))
    for (const link of (cell[2] ?? "").matchAll(/<a class="t" aria-describedby="t-([a-z]+)" href="#g(\d+)"/g))
      out.push(`${cell[1]}:${link[2]}:${link[1]}`);
  return out.sort();
}

export const linksOf = (a: RowAnalysis) =>
  [
    ...a.ar.map((s) => `ar:${s.entryId}:${s.status}`),
    ...a.en.map((s) => `en:${s.entryId}:${s.status}`),
  ].sort();

export async function storedRow(segmentId: number) {
  return env.DB.prepare("SELECT key, analysis FROM segment_analyses WHERE segment_id = ?")
    .bind(segmentId)
    .first<{ key: string; analysis: string }>();
}

/** The key a segment's analysis has now (the glossary's matcher key as stored for its revision). */
export async function currentKey(seg: Segment): Promise<string> {
  const { matcherKey } = await glossaryState(db);
  expect(matcherKey, "the matcher's key stored for the glossary's revision").not.toBeNull();
  return analysisKey(matcherKey!, seg);
}

/** Waits for the analyses stored after a response (waitUntil) to carry the segments' current keys. */
export async function storedNow(segs: readonly Segment[]): Promise<Map<number, RowAnalysis>> {
  const out = new Map<number, RowAnalysis>();
  for (const seg of segs) {
    const key = await currentKey(seg);
    let row = await storedRow(seg.id);
    for (let i = 0; i < 200 && row?.key !== key; i++) {
      await new Promise((r) => setTimeout(r, 25));
      row = await storedRow(seg.id);
    }
    expect(row?.key, `stored analysis of segment ${seg.id}`).toBe(key);
    out.set(seg.id, JSON.parse(row!.analysis) as RowAnalysis);
  }
  return out;
}

/**
 * In a new isolate, the page shows for every segment of the document the analysis made now from its texts
 * and the current glossary, and stores that one: an analysis of an older text, glossary or engine, if
 * served, fails here.
 */
export async function expectCurrentAnalyses(b: Browser, docId: number): Promise<Segment[]> {
  newIsolate();
  const html = await b.page(`/documents/${docId}`);
  const segs = await segmentsOf(docId);
  const index = await glossaryIndex(db);
  const stored = await storedNow(segs);
  for (const seg of segs) {
    const expected = analyseBead(index, seg);
    expect(rowLinks(html, seg.id), `links of segment ${seg.id}`).toEqual(linksOf(expected));
    expect(stored.get(seg.id), `stored analysis of segment ${seg.id}`).toEqual(expected);
  }
  return segs;
}

/** A glossary entry with made-up terms no other test or seed entry has. */
export async function uniqueEntry() {
  const ar = uniqueArabicWord();
  const en = `${uniqueLetters(8)} accord`;
  return { ar, en, entry: await createEntry(en, ar) };
}
