/**
 * Documents and their segments: creating a document (from segments as given, or from an Arabic text and
 * its English translation, segmented and aligned), deleting one, editing a segment. Each write is followed
 * by the memory's index sync.
 */
import {
  createDocument,
  type DocumentInfo,
  deleteDocument as deleteStoredDocument,
  type PatchedSegment,
  patchSegment,
  type SegmentPatch,
} from "../db/documents";
import { glossaryIndex } from "../db/matcher";
import { memoryLexicon } from "../db/memory-lexicon";
import { alignRun, type BeadCounts } from "../text/bead-segments";
import type { Segment } from "../types";
import type { UseCaseContext } from "./context";
import { scheduleTmIndexSync } from "./memory-index";

export interface SegmentInput {
  ar: string;
  en?: string | null | undefined;
}

/** A document from Arabic segments with optional English: `translated` where English is given, else `new`. */
export async function createDocumentFromSegments(
  ctx: UseCaseContext,
  title: string,
  segments: readonly SegmentInput[],
): Promise<DocumentInfo> {
  const doc = await createDocument(
    ctx.db,
    title,
    segments.map((s) => ({
      ar: s.ar,
      en: s.en ?? null,
      status: s.en ? "translated" : "new",
      origin: "manual",
      score: null,
    })),
  );
  scheduleTmIndexSync(ctx);
  return doc;
}

/**
 * A document from an Arabic text and, optionally, its English translation: both are segmented, the English
 * aligned to the Arabic (paragraph breaks, glossary terms and the word pairs learned from the memory's
 * approved segments anchor the alignment); beads of low confidence
 * are stored as `new` for review. Returns the document and its bead counts by type.
 */
export async function createDocumentFromTexts(
  ctx: UseCaseContext,
  title: string,
  ar: string,
  en: string | null | undefined,
): Promise<{ doc: DocumentInfo; beads: BeadCounts }> {
  const [{ matcher }, { lexicon }] = await Promise.all([glossaryIndex(ctx.db), memoryLexicon(ctx.db)]);
  // Each side is cut from its text with the whitespace after it, so paragraph breaks survive in the gaps.
  const { segments, counts } = alignRun(ar, en ?? "", { matcher, lexicon });
  const doc = await createDocument(
    ctx.db,
    title,
    segments.map((s) => ({
      ar: s.ar.text,
      en: s.en.text === "" ? null : s.en.text,
      arGap: s.ar.gap,
      enGap: s.en.gap,
      status: s.status,
      origin: "aligned" as const,
      score: en ? s.score : null,
    })),
  );
  scheduleTmIndexSync(ctx);
  return { doc, beads: counts };
}

/** Deletes a document and its segments (their memory postings follow in the index sync). */
export async function deleteDocument(ctx: UseCaseContext, id: number): Promise<void> {
  await deleteStoredDocument(ctx.db, id);
  scheduleTmIndexSync(ctx);
}

/**
 * Sets a segment's English and/or status if it is still at `expected` version (else a stale-version error).
 * A document's segment edit is recorded in its history (the id returned), undone as its operations are.
 */
export async function editSegment(
  ctx: UseCaseContext,
  current: Segment,
  patch: SegmentPatch,
  expected: number,
): Promise<PatchedSegment> {
  const edited = await patchSegment(ctx.db, current, patch, expected, ctx.actor);
  scheduleTmIndexSync(ctx);
  return edited;
}
