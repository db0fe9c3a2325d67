// Issue 16.8: a memory read never waits for background index work without a bound. After a rebuild
// (POST /api/tm/reindex empties the index and marks every segment pending) the first read used to apply
// the whole backlog before answering (a 400k-segment memory: minutes; through wrangler dev it never
// answered). Now each read applies at most READ_SYNC_SEGMENTS of it, answers from the part indexed and says
// how much is left (Diwan-Index-Pending); pre-translation, whose results are stored, refuses with 503 and
// Retry-After instead of computing them from a partial index. Scaled down: 8,500 segments, reads of 4,000.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { READ_SYNC_SEGMENTS, resetTmIndex, syncTmIndex } from "../../src/db/tm-index";
import { INDEX_PENDING_HEADER } from "../../src/routes/common";
import { api, jsonOf, unique } from "../support/api";
import { testDb } from "../support/db";

const pending = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM tm_pending").first<{ n: number }>())?.n ?? -1;

it("answers after applying at most READ_SYNC_SEGMENTS of a rebuild, and says what is left", async () => {
  const tag = unique("b");
  const extra = 500;
  const free = 2 * READ_SYNC_SEGMENTS + extra;
  // A document to pre-translate (its one sentence has a 100% match among the free pairs below)…
  const created = await api("/api/documents", {
    method: "POST",
    body: { title: unique("bound "), segments: [{ ar: `جملة رقم 7 ${tag}` }] },
  });
  expect(created.status).toBe(201);
  const { id: documentId } = await jsonOf<{ id: number }>(created);
  // …and free pairs "جملة رقم k" / "sentence number k", written in one statement.
  await env.DB.prepare(
    `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
     INSERT INTO segments (document_id, position, ar, ar_norm, en, en_norm, status, origin)
     SELECT NULL, k, 'جملة رقم ' || k || ' ' || ?2, 'جمله رقم ' || k || ' ' || ?2,
       'sentence number ' || k || ' ' || ?2, 'sentence number ' || k || ' ' || ?2, 'translated', 'tmx' FROM n`,
  )
    .bind(free, tag)
    .run();
  await syncTmIndex(testDb());
  expect(await pending()).toBe(0);
  const total = free + 1;
  expect(await resetTmIndex(testDb())).toBe(total);

  // The first read applies READ_SYNC_SEGMENTS (id order: sentence 7 is among them) and answers.
  let t = performance.now();
  const first = await api(`/api/tm/matches?q=${encodeURIComponent(`جملة رقم 7 ${tag}`)}&limit=1`);
  const firstMs = performance.now() - t;
  expect(first.status).toBe(200);
  expect((await jsonOf<{ matches: { score: number }[] }>(first)).matches[0]?.score).toBe(100);
  expect(await pending()).toBe(total - READ_SYNC_SEGMENTS);
  expect(first.headers.get(INDEX_PENDING_HEADER)).toBe(String(total - READ_SYNC_SEGMENTS));

  // A concordance read applies as much again; a sentence not indexed yet is missing, and the header says so.
  t = performance.now();
  const second = await api(`/api/segments?q=${encodeURIComponent(`sentence number ${free}`)}&lang=en`);
  const secondMs = performance.now() - t;
  expect(second.status).toBe(200);
  expect((await jsonOf<{ items: unknown[] }>(second)).items).toHaveLength(0);
  expect(await pending()).toBe(extra + 1);
  expect(second.headers.get(INDEX_PENDING_HEADER)).toBe(String(extra + 1));
  console.log(
    `index-read-bound: reads of ${READ_SYNC_SEGMENTS} pending in ${Math.round(firstMs)} and ${Math.round(secondMs)} ms`,
  );

  // Pre-translation refuses while more than a read's share is pending, and changes nothing.
  await resetTmIndex(testDb());
  const refused = await api(`/api/documents/${documentId}/pretranslate`, { method: "POST" });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const problem = await jsonOf<{ code: string; pending: number }>(refused);
  expect(problem.code).toBe("index-catching-up");
  expect(problem.pending).toBeGreaterThan(0);
  const untouched = await env.DB.prepare("SELECT en FROM segments WHERE document_id = ?")
    .bind(documentId)
    .first<{ en: string | null }>();
  expect(untouched?.en).toBeNull();

  // Once the index has caught up, reads carry no header and pre-translation works.
  await syncTmIndex(testDb());
  const caughtUp = await api(`/api/tm/matches?q=${encodeURIComponent(`جملة رقم ${free} ${tag}`)}&limit=1`);
  expect(caughtUp.headers.get(INDEX_PENDING_HEADER)).toBeNull();
  expect((await jsonOf<{ matches: { score: number }[] }>(caughtUp)).matches[0]?.score).toBe(100);
  const all = await api(`/api/segments?q=${encodeURIComponent(`sentence number ${free}`)}&lang=en`);
  expect((await jsonOf<{ items: unknown[] }>(all)).items).toHaveLength(1);
  const done = await api(`/api/documents/${documentId}/pretranslate`, { method: "POST" });
  expect(done.status).toBe(200);
  expect(await jsonOf(done)).toMatchObject({ filled: 1 });
}, 120_000);

it("declares the headers of a partial read and of the refusal in the OpenAPI document (issue 11.7)", async () => {
  type Op = { responses: Record<string, { headers?: Record<string, unknown> }> };
  const doc = await jsonOf<{ paths: Record<string, Record<string, Op>> }>(
    await api("/openapi.json", { token: null }),
  );
  const declared = (path: string, method: string, status: string) =>
    Object.keys(doc.paths[path]?.[method]?.responses[status]?.headers ?? {});
  for (const path of ["/api/tm/matches", "/api/tm/variants", "/api/segments"])
    expect(declared(path, "get", "200"), path).toContain(INDEX_PENDING_HEADER);
  expect(declared("/api/documents/{id}/pretranslate", "post", "503")).toContain("Retry-After");
});
