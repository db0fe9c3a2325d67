/**
 * Pre-translation of a document from the memory: 100% matches fill empty targets, the best fuzzy matches
 * are recorded for XLIFF export; the filled segments then join the memory's index in the background.
 */
import { type PretranslateResult, pretranslate } from "../db/tm-match";
import type { UseCaseContext } from "./context";
import { scheduleTmIndexSync } from "./memory-index";

export async function pretranslateDocument(
  ctx: UseCaseContext,
  documentId: number,
  minScore: number,
): Promise<PretranslateResult> {
  const result = await pretranslate(ctx.db, documentId, minScore);
  // The filled translations make their segments memory pairs: index them now rather than at the next read.
  scheduleTmIndexSync(ctx);
  return result;
}
