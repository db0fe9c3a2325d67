// Pre-translation reads a step's matches in slices, with a turn of the event loop between them, so that a
// long job leaves room for other requests (issue 16.7; the latency itself is measured through a real
// `wrangler dev` in test/node/pretranslate-latency.test.ts). The results must be those of one read per step:
// the same document is pre-translated both ways, from the same memory, and everything it wrote compared.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { syncTmIndex } from "../../src/db/tm-index";
import { PRETRANSLATE_CHUNK, PRETRANSLATE_SLICE, pretranslate } from "../../src/db/tm-pretranslate";
import { api, jsonOf, unique } from "../support/api";
import { testDb } from "../support/db";
import { tmFixture } from "../support/tm-fixture";

type Row = Record<string, unknown>;

/** What pre-translation wrote for a document: its segments' targets and the matches recorded, by position. */
async function output(documentId: number): Promise<{ segments: Row[]; matches: Row[] }> {
  const segments = await env.DB.prepare(
    `SELECT position, en, en_norm, en_codes, status, origin, score, version FROM segments
     WHERE document_id = ? ORDER BY position`,
  )
    .bind(documentId)
    .all<Row>();
  const matches = await env.DB.prepare(
    `SELECT s.position, m.rank, m.source_segment_id, m.score, m.ar, m.en, m.origin
     FROM segment_matches AS m JOIN segments AS s ON s.id = m.segment_id
     WHERE s.document_id = ? ORDER BY s.position, m.rank`,
  )
    .bind(documentId)
    .all<Row>();
  return { segments: segments.results, matches: matches.results };
}

it("gives the same results whatever the slices of a step's reads", async () => {
  // Three steps of 250; a third of the sentences are stored pairs (filled), so later steps read a memory
  // that holds the earlier steps' fills.
  const { tmx, segments } = tmFixture(11, 1_500, 2 * PRETRANSLATE_CHUNK + 100, unique("t"));
  const imported = await api("/api/tm/import", {
    method: "POST",
    body: tmx,
    headers: { "content-type": "application/x-tmx+xml" },
  });
  expect(imported.status).toBe(200);
  const created = await api("/api/documents", { method: "POST", body: { title: unique("pre "), segments } });
  expect(created.status).toBe(201);
  const { id } = await jsonOf<{ id: number }>(created);
  const before = await env.DB.prepare("SELECT * FROM segments WHERE document_id = ?").bind(id).all<Row>();

  // One read per step, as before the slicing.
  const whole = await pretranslate(testDb(), id, 70, PRETRANSLATE_CHUNK);
  const wholeOutput = await output(id);
  expect(whole.filled).toBeGreaterThan(100);
  expect(whole.matched).toBeGreaterThan(100);

  // Back to the document as it was created (the fills' index entries undone by the next sync).
  await env.DB.prepare(
    "DELETE FROM segment_matches WHERE segment_id IN (SELECT id FROM segments WHERE document_id = ?)",
  )
    .bind(id)
    .run();
  const columns = Object.keys(before.results[0] as Row).filter((c) => c !== "id");
  await env.DB.batch(
    before.results.map((row) =>
      env.DB.prepare(`UPDATE segments SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE id = ?`).bind(
        ...columns.map((c) => row[c] ?? null),
        row.id,
      ),
    ),
  );
  await syncTmIndex(testDb());

  const sliced = await pretranslate(testDb(), id, 70);
  expect(PRETRANSLATE_SLICE).toBeLessThan(PRETRANSLATE_CHUNK);
  expect(sliced).toEqual(whole);
  const slicedOutput = await output(id);
  expect(slicedOutput.matches.length).toBeGreaterThan(300);
  expect(slicedOutput).toEqual(wholeOutput);
}, 120_000);
