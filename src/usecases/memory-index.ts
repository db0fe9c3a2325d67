/**
 * Upkeep of the memory's term index after writes (src/db/tm-index.ts holds the index itself). Every use
 * case that writes segments calls `scheduleTmIndexSync` once its transaction has committed; routes and web
 * pages never call it themselves.
 */
import { resetTmIndex, syncTmIndex } from "../db/tm-index";
import type { UseCaseContext } from "./context";

/** Segments synced at which a background sync logs its figures (large imports; small edits stay quiet). */
const LOG_SEGMENTS = 1_000;

/**
 * Runs `syncTmIndex` after the response (waitUntil): a request that wrote segments does not wait for the
 * index. A failure is logged and left to the next sync (every TM read syncs first).
 */
export function scheduleTmIndexSync(ctx: Pick<UseCaseContext, "db" | "waitUntil">): void {
  ctx.waitUntil(
    syncTmIndex(ctx.db).then(
      (s) => {
        if (s.read >= LOG_SEGMENTS) console.log(`tm-index-sync ${JSON.stringify(s)}`);
      },
      (err) => console.error("tm index sync failed", err),
    ),
  );
}

/**
 * Rebuilds the term index from scratch: one transaction empties it and marks every segment pending, then
 * the background sync (and every memory read, which syncs first) rebuilds it. Returns the pending count.
 */
export async function rebuildTmIndex(ctx: UseCaseContext): Promise<number> {
  const pending = await resetTmIndex(ctx.db);
  scheduleTmIndexSync(ctx);
  return pending;
}
