/**
 * Pre-translation of a document from the memory: 100% matches fill empty targets, the best fuzzy matches
 * are recorded for XLIFF export; the filled segments then join the memory's index in the background.
 */
import { indexBacklog, syncTmIndexForRead } from "../db/tm-index";
import { type PretranslateResult, pretranslate } from "../db/tm-pretranslate";
import { indexCatchingUp } from "../errors";
import type { UseCaseContext } from "./context";
import { scheduleTmIndexSync } from "./memory-index";

export async function pretranslateDocument(
  ctx: UseCaseContext,
  documentId: number,
  minScore: number,
): Promise<PretranslateResult> {
  // Its results are stored: they must not be computed from a partial index. Like a read, it applies a
  // bounded part of the backlog; when more is left (a rebuild, a very large import), it refuses (503,
  // Retry-After) rather than wait for all of it, and the background sync goes on.
  const caughtUp = await syncTmIndexForRead(ctx.db);
  if (caughtUp.more) {
    const pending = await indexBacklog(ctx.db);
    if (pending > 0) {
      scheduleTmIndexSync(ctx);
      throw indexCatchingUp(pending);
    }
  }
  const result = await pretranslate(ctx.db, documentId, minScore);
  // The filled translations make their segments memory pairs: index them now rather than at the next read.
  scheduleTmIndexSync(ctx);
  return result;
}
