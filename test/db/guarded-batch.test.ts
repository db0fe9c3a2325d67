// The one optimistic-concurrency primitive (src/db/batch.ts Guard + runBatch): a failing guard writes
// nothing and throws its own error; a failure with every guard holding is rethrown as it is, whatever its
// text says (no error-message sniffing); the first failing guard is the one reported.

import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Guard, runBatch } from "../../src/db/batch";
import { getSegment, patchSegment } from "../../src/db/documents";
import { applyImport, planImport } from "../../src/db/glossary-import";
import { DomainError, ErrorCode } from "../../src/errors";
import { api, jsonOf, unique } from "../support/api";
import { testDb } from "../support/db";

const db = testDb;

async function scratchTable(): Promise<string> {
  const name = `scratch_${unique("").toLowerCase()}`;
  await env.DB.prepare(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)`).run();
  await env.DB.prepare(`INSERT INTO ${name} (id, v) VALUES (1, 1)`).run();
  return name;
}

const rows = async (table: string) =>
  (await env.DB.prepare(`SELECT id, v FROM ${table} ORDER BY id`).all()).results;

describe("Guard + runBatch", () => {
  it("applies every statement when the guards hold", async () => {
    const t = await scratchTable();
    const guard = new Guard(sql.raw(`(SELECT v FROM ${t} WHERE id = 1) = 1`), () => {
      throw new Error("not called");
    });
    await runBatch(db(), [
      guard,
      sql.raw(`UPDATE ${t} SET v = 2 WHERE id = 1`),
      sql.raw(`INSERT INTO ${t} VALUES (2, 1)`),
    ]);
    expect(await rows(t)).toEqual([
      { id: 1, v: 2 },
      { id: 2, v: 1 },
    ]);
  });

  it("writes nothing and throws the guard's error when it fails, even after earlier writes of the batch", async () => {
    const t = await scratchTable();
    const stale = new Guard(
      sql.raw(`(SELECT v FROM ${t} WHERE id = 1) = 5`),
      () => new DomainError(ErrorCode.StaleVersion, "moved on"),
    );
    const run = runBatch(db(), [
      sql.raw(`INSERT INTO ${t} VALUES (2, 1)`),
      stale,
      sql.raw(`UPDATE ${t} SET v = 9`),
    ]);
    await expect(run).rejects.toMatchObject({ code: "precondition-failed", status: 412, detail: "moved on" });
    expect(await rows(t)).toEqual([{ id: 1, v: 1 }]);
  });

  it("reports the first guard that fails; a guard over a missing row (NULL) fails", async () => {
    const t = await scratchTable();
    const holds = new Guard(sql.raw("1 = 1"), () => new DomainError(ErrorCode.Internal, "wrong guard"));
    const missing = new Guard(
      sql.raw(`(SELECT v FROM ${t} WHERE id = 99) = 1`),
      () => new DomainError(ErrorCode.NotFound, "row 99"),
    );
    const second = new Guard(sql.raw("1 = 0"), () => new DomainError(ErrorCode.ConcurrentEdit, "second"));
    await expect(
      runBatch(db(), [holds, missing, second, sql.raw(`UPDATE ${t} SET v = 3`)]),
    ).rejects.toMatchObject({
      code: "not-found",
      detail: "row 99",
    });
    expect(await rows(t)).toEqual([{ id: 1, v: 1 }]);
  });

  it("rethrows a failure that is not a guard's as it is, even one whose text looks like a guard's", async () => {
    const t = await scratchTable();
    const holds = new Guard(
      sql.raw("1 = 1"),
      () => new DomainError(ErrorCode.ConcurrentEdit, "must not be reported"),
    );
    // json() of a text that is not JSON: the very error a failing guard raises inside SQLite.
    const bad = runBatch(db(), [
      holds,
      sql.raw(`INSERT INTO ${t} VALUES (3, 1)`),
      sql.raw("SELECT json('not json')"),
    ]);
    await expect(bad).rejects.not.toBeInstanceOf(DomainError);
    await expect(bad).rejects.toThrow(/json/i);
    const constraint = runBatch(db(), [holds, sql.raw(`INSERT INTO ${t} VALUES (1, 1)`)]);
    await expect(constraint).rejects.not.toBeInstanceOf(DomainError);
    expect(await rows(t)).toEqual([{ id: 1, v: 1 }]);
  });
});

describe("guarded writes", () => {
  it("a segment deleted between read and write: 404, not a stale version", async () => {
    const created = await jsonOf<{ id: number }>(
      await api("/api/documents", { method: "POST", body: { title: "g", segments: [{ ar: "نص." }] } }),
    );
    const seg = (
      await jsonOf<{ items: { id: number }[] }>(await api(`/api/documents/${created.id}/segments`))
    ).items[0]!;
    const current = await getSegment(db(), seg.id);
    expect((await api(`/api/documents/${created.id}`, { method: "DELETE" })).status).toBe(204);
    await expect(patchSegment(db(), current, { en: "Text." }, current.version)).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("a glossary import whose new key was taken meanwhile: 409 conflict, nothing written", async () => {
    const key = unique("guard-").toLowerCase();
    const en = unique("guarded term ");
    const entry = {
      key,
      domain: "law",
      definition: null,
      note: null,
      source: null,
      terms: [
        { lang: "en" as const, text: en, status: "preferred" as const, partOfSpeech: null, note: null },
        {
          lang: "ar" as const,
          text: "مصطلح محمي",
          status: "preferred" as const,
          partOfSpeech: null,
          note: null,
        },
      ],
    };
    const plan = await planImport(db(), [entry], "merge");
    expect(plan.added).toHaveLength(1);
    // Someone imports the same key first.
    const other = { ...entry, terms: [{ ...entry.terms[0]!, text: `${en} first` }, entry.terms[1]!] };
    await applyImport(db(), await planImport(db(), [other], "merge"), "other");
    const before = await env.DB.prepare("SELECT count(*) AS n FROM glossary_entries").first<{ n: number }>();
    await expect(applyImport(db(), plan, "tester")).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      detail: expect.stringContaining("was added meanwhile"),
    });
    const after = await env.DB.prepare("SELECT count(*) AS n FROM glossary_entries").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});
