// readsTogether (src/db/batch.ts): storage reads begun together go to D1 as one batch, each getting its own
// results; a failing statement fails them all; reads begun later go in a batch of their own.

import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { readsTogether } from "../../src/db/batch";
import { latestHistory, listSegments } from "../../src/db/document-review";
import { documentStats } from "../../src/db/document-stats";
import { createDocument, requireDocument } from "../../src/db/documents";
import { all } from "../../src/db/tm";
import type { Db } from "../../src/env";
import { testDb } from "../support/db";

/** The real D1 binding, its batch calls counted. */
function countingDb(): { db: Db; batches: number[] } {
  const batches: number[] = [];
  const client = {
    prepare: (q: string) => env.DB.prepare(q),
    batch: (statements: D1PreparedStatement[]) => {
      batches.push(statements.length);
      return env.DB.batch(statements);
    },
  } as unknown as D1Database;
  return { db: drizzle(client) as unknown as Db, batches };
}

describe("readsTogether", () => {
  it("sends reads begun together as one batch, each with its own results", async () => {
    const doc = await createDocument(testDb(), "together", [
      {
        ar: "الجملة الأولى.",
        en: "The first sentence.",
        status: "translated",
        origin: "aligned",
        score: 0.9,
      },
      { ar: "الجملة الثانية.", en: null, status: "new", origin: "aligned", score: null },
    ]);
    const { db, batches } = countingDb();
    const together = readsTogether(db);
    const [d, segs, stats, history] = await Promise.all([
      requireDocument(together, doc.id),
      listSegments(together, doc.id, null, 10),
      documentStats(together, [doc.id]),
      latestHistory(together, doc.id, 6),
    ]);
    expect(batches).toEqual([4]);
    expect(d).toEqual(await requireDocument(testDb(), doc.id));
    expect(segs).toEqual(await listSegments(testDb(), doc.id, null, 10));
    expect(segs.map((s) => s.en)).toEqual(["The first sentence.", null]);
    expect(stats).toEqual(await documentStats(testDb(), [doc.id]));
    expect(history).toEqual([]);
    // A read begun after those were sent is a batch of its own.
    expect(await requireDocument(together, doc.id)).toEqual(d);
    expect(batches).toEqual([4, 1]);
  });

  it("fails every read of the batch when one statement fails", async () => {
    const { db } = countingDb();
    const together = readsTogether(db);
    const results = await Promise.allSettled([
      all(together, sql`SELECT 1 AS one`),
      all(together, sql.raw("SELECT * FROM no_such_table")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
