// Write-behind term index (src/db/tm-index.ts, migration 0006): after any write and a sync, tm_tokens and
// tm_postings equal a from-scratch index of `segments` computed here with the scorer's token model.

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { applySync, planSync, readPending, syncTmIndex } from "../../src/db/tm-index";
import { indexProfile } from "../../src/text/fuzzy";
import { normalizeForSearch } from "../../src/text/normalize";
import { api, createDoc, jsonOf, setSegment, tokenWithScope, unique } from "../support/api";
import { testDb } from "../support/db";
import { exportXliff, importOk, setTarget12 } from "../xliff/api/helpers";

const db = testDb;

interface Posting {
  lang: string;
  token: string;
  seg: number;
  len: number;
  paired: number;
}

const byKey = (a: Posting, b: Posting) =>
  a.lang.localeCompare(b.lang) || a.token.localeCompare(b.token) || a.seg - b.seg;

/** The index as stored: postings with their terms, and every token with its df. */
async function storedIndex() {
  const postings = (
    await env.DB.prepare(
      `SELECT k.lang, k.token, p.segment_id AS seg, p.len, p.paired
       FROM tm_postings AS p JOIN tm_tokens AS k ON k.id = p.token_id`,
    ).all<Posting>()
  ).results.sort(byKey);
  const orphans = await env.DB.prepare(
    "SELECT count(*) AS n FROM tm_postings WHERE token_id NOT IN (SELECT id FROM tm_tokens)",
  ).first<{ n: number }>();
  const tokens = (
    await env.DB.prepare("SELECT lang, token, df FROM tm_tokens").all<{
      lang: string;
      token: string;
      df: number;
    }>()
  ).results.sort((a, b) => a.lang.localeCompare(b.lang) || a.token.localeCompare(b.token));
  return { postings, orphans: orphans?.n, tokens };
}

/** The index a from-scratch build of every segment gives (what the old triggers computed in SQL). */
async function rebuiltIndex() {
  const { results } = await env.DB.prepare("SELECT id, ar_norm, en_norm FROM segments").all<{
    id: number;
    ar_norm: string;
    en_norm: string | null;
  }>();
  const postings: Posting[] = [];
  const df = new Map<string, number>();
  const add = (lang: string, norm: string, seg: number, paired: number) => {
    const p = indexProfile(norm);
    for (const token of p.terms) {
      postings.push({ lang, token, seg, len: p.words, paired });
      df.set(`${lang}\u0000${token}`, (df.get(`${lang}\u0000${token}`) ?? 0) + 1);
    }
  };
  for (const s of results) {
    add("ar", s.ar_norm, s.id, s.en_norm === null ? 0 : 1);
    if (s.en_norm !== null) add("en", s.en_norm, s.id, 1);
  }
  const tokens = [...df].map(([key, n]) => {
    const [lang = "", token = ""] = key.split("\u0000");
    return { lang, token, df: n };
  });
  tokens.sort((a, b) => a.lang.localeCompare(b.lang) || a.token.localeCompare(b.token));
  return { postings: postings.sort(byKey), orphans: 0, tokens };
}

async function pendingCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM tm_pending").first<{ n: number }>())?.n ?? -1;
}

/** Syncs, then checks the index against a rebuild; nothing pending, no df ≤ 0. */
async function expectIndexExact() {
  await syncTmIndex(db());
  expect(await pendingCount()).toBe(0);
  const stored = await storedIndex();
  expect(stored.tokens.filter((t) => t.df <= 0)).toEqual([]);
  expect(stored).toEqual(await rebuiltIndex());
}

async function segmentIds(documentId: number): Promise<number[]> {
  const { results } = await env.DB.prepare("SELECT id FROM segments WHERE document_id = ? ORDER BY position")
    .bind(documentId)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** A document written straight to D1 (the triggers enqueue; no request schedules a sync). */
async function insertDocument(rows: { ar: string; en?: string | null }[]): Promise<number[]> {
  const doc = await env.DB.prepare("INSERT INTO documents (title) VALUES (?) RETURNING id")
    .bind(unique("raw "))
    .first<{ id: number }>();
  const id = doc!.id;
  await env.DB.batch(
    rows.map((r, i) =>
      env.DB.prepare(
        "INSERT INTO segments (document_id, position, ar, en, ar_norm, en_norm) VALUES (?, ?, ?, ?, ?, ?)",
      ).bind(id, i, r.ar, r.en ?? null, normalizeForSearch(r.ar), r.en ? normalizeForSearch(r.en) : null),
    ),
  );
  return segmentIds(id);
}

const setEnglish = (id: number, en: string | null) =>
  env.DB.prepare("UPDATE segments SET en = ?, en_norm = ? WHERE id = ?")
    .bind(en, en === null ? null : normalizeForSearch(en), id)
    .run();

describe("write-behind term index", () => {
  it("matches a rebuild after creating documents, PATCH, XLIFF import and deleting a document", async () => {
    const tag = unique("s");
    const doc = await createDoc([
      { ar: `أكد الوزير ${tag} أهمية التعاون بين البلدين.`, en: `The minister ${tag} stressed cooperation.` },
      { ar: `«قال» الوزيرُ (${tag}): 5,000 دولار، و2016… نعم؛ — لا! ١٢٣` },
      { ar: `مجلس الأمن ${tag} مجلس الأمن`, en: null },
    ]);
    await expectIndexExact();
    const [a, b, c] = doc.segments;

    await setSegment(a!.id, { en: `The minister ${tag} stressed the partnership, twice: twice.` });
    await setSegment(b!.id, { en: `"U.N.'s" ${tag}: 5,000 dollars, (2016)... yes; -- no! 123%` });
    await expectIndexExact();
    await setSegment(a!.id, { en: null });
    await setSegment(b!.id, { status: "reviewed" }); // no text change: nothing to index
    await expectIndexExact();

    let xml = (await exportXliff(doc.id)).text;
    xml = setTarget12(xml, a!.id, `Back again ${tag}.`);
    xml = setTarget12(xml, c!.id, `The Security Council ${tag}, the Security Council.`);
    expect(await importOk(doc.id, xml)).toMatchObject({ updated: 2 });
    await expectIndexExact();

    const res = await api("/api/documents/import/xliff?title=sync", {
      method: "POST",
      headers: { "content-type": "application/xliff+xml" },
      body: xml,
    });
    expect(res.status).toBe(201);
    const copy = await jsonOf<{ id: number }>(res);
    await expectIndexExact();

    for (const id of [doc.id, copy.id])
      expect((await api(`/api/documents/${id}`, { method: "DELETE" })).status).toBe(204);
    await expectIndexExact();
    // The document's only terms are gone from tm_tokens, not left at df 0.
    const left = await env.DB.prepare("SELECT count(*) AS n FROM tm_tokens WHERE token = ?")
      .bind(tag)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("keeps the texts the index holds through repeated changes before a sync", async () => {
    const tag = unique("r");
    const [id] = await insertDocument([{ ar: `نص ${tag}`, en: `first ${tag} text` }]);
    await expectIndexExact();
    await setEnglish(id!, `second ${tag}`);
    await setEnglish(id!, null);
    await env.DB.prepare("UPDATE segments SET ar = ?, ar_norm = ? WHERE id = ?")
      .bind(`نص آخر ${tag}`, normalizeForSearch(`نص آخر ${tag}`), id)
      .run();
    await setEnglish(id!, `third ${tag} text text`);
    const row = await env.DB.prepare("SELECT ar_norm, en_norm FROM tm_pending WHERE segment_id = ?")
      .bind(id)
      .first<{ ar_norm: string; en_norm: string }>();
    // Still what the index holds: the texts before the first of those writes.
    expect(row).toEqual({ ar_norm: normalizeForSearch(`نص ${tag}`), en_norm: `first ${tag} text` });
    await expectIndexExact();

    // Inserted and deleted before any sync: the pending row goes, nothing is indexed.
    const [gone] = await insertDocument([{ ar: `عابر ${tag}`, en: `passing ${tag}` }]);
    await env.DB.prepare("DELETE FROM segments WHERE id = ?").bind(gone).run();
    await expectIndexExact();
  });

  it("never leaves the index stale when a segment changes between reading and applying", async () => {
    const tag = unique("c");
    const ids = await insertDocument([
      { ar: `أ ${tag} واحد`, en: `one ${tag}` },
      { ar: `ب ${tag} اثنان` },
      { ar: `ج ${tag} ثلاثة`, en: `three ${tag}` },
    ]);
    const [x, y, z] = ids as [number, number, number];
    await expectIndexExact();
    // Sync A reads x and y, a writer changes y again, A applies: y is left pending with the texts the index
    // still holds (its revision moved on), x is applied.
    await setEnglish(x, `one ${tag} changed`);
    await setEnglish(y, `two ${tag}`);
    const readA = await readPending(db(), 100);
    expect(readA.map((r) => r.id)).toEqual([x, y]);
    await setEnglish(y, `two ${tag} late`);
    expect((await applySync(db(), planSync(readA))).applied).toBe(1);
    const left = await env.DB.prepare("SELECT segment_id, ar_norm, en_norm FROM tm_pending").all();
    expect(left.results).toEqual([
      { segment_id: y, ar_norm: normalizeForSearch(`ب ${tag} اثنان`), en_norm: null },
    ]);
    await expectIndexExact();

    // Two syncs read the same rows; A applies; the writer changes x again (a new pending row); then B
    // applies what it read before: B must apply nothing (its rows were applied, x's is a new revision).
    await setEnglish(x, `one ${tag} again`);
    await setEnglish(z, null);
    const readB = await readPending(db(), 100);
    const readC = await readPending(db(), 100);
    expect(readC).toEqual(readB);
    expect((await applySync(db(), planSync(readB))).applied).toBe(2);
    await setEnglish(x, `one ${tag} once more`);
    expect((await applySync(db(), planSync(readC))).applied).toBe(0);
    await expectIndexExact();
  });

  it("applies in bounded batches", async () => {
    const tag = unique("b");
    await insertDocument(
      Array.from({ length: 25 }, (_, i) => ({ ar: `جملة ${tag} ${i}`, en: `line ${tag} ${i}` })),
    );
    const stats = await syncTmIndex(db(), 10);
    expect(stats).toMatchObject({ read: 25, applied: 25, batches: 3 });
    await expectIndexExact();
    await insertDocument([{ ar: `جملة ${tag}` }, { ar: `جملة أخرى ${tag}` }]);
    expect(await syncTmIndex(db(), 1, 1)).toMatchObject({ read: 1, applied: 1, batches: 1 });
    expect(await pendingCount()).toBe(1);
    await expectIndexExact();
  });

  it("leaves a bulk TMX import to its own set-based indexing (nothing pending, same postings)", async () => {
    await expectIndexExact();
    const tag = unique("t");
    const ar = `«قال» الوزيرُ (${tag}): 5,000 دولار، و2016… نعم؛ — لا! \\ "اقتباس" ١٢٣`;
    const en = `"U.N.'s" ${tag}: 5,000 dollars, (2016)... yes; -- no! \\ co-operation 123%`;
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body><tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu></body></tmx>`;
    const res = await api("/api/tm/import", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-tmx+xml" },
    });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ imported: 1 });
    // Indexed by the import's own transaction: nothing pending, and already equal to a rebuild.
    expect(await pendingCount()).toBe(0);
    const stored = await storedIndex();
    expect(stored).toEqual(await rebuiltIndex());
    expect(stored.postings.filter((p) => p.token === tag)).toHaveLength(2);
  });

  it("rebuilds from scratch on POST /tm/reindex (admin only), and a sync that read before applies nothing", async () => {
    const tag = unique("r");
    const ids = await insertDocument([
      { ar: `أكد الوزير ${tag} أهمية التعاون بين البلدين.`, en: `The minister ${tag} stressed cooperation.` },
      { ar: `مجلس الأمن ${tag} يدين الهجوم.` },
    ]);
    await expectIndexExact();
    // A damaged index: a lost posting, a wrong df, an orphan posting.
    await env.DB.batch([
      env.DB.prepare(
        "DELETE FROM tm_postings WHERE segment_id = ? AND token_id = (SELECT id FROM tm_tokens WHERE token = ?)",
      ).bind(ids[0], tag),
      env.DB.prepare("UPDATE tm_tokens SET df = df + 7 WHERE token = 'الوزير'"),
      env.DB.prepare(
        "INSERT INTO tm_postings (token_id, segment_id, len, paired) VALUES (999999999, ?, 3, 1)",
      ).bind(ids[1]),
    ]);
    expect(await storedIndex()).not.toEqual(await rebuiltIndex());

    const write = await tokenWithScope("write");
    const refused = await api("/api/tm/reindex", { method: "POST", token: write });
    expect(refused.status).toBe(403);
    expect(await pendingCount()).toBe(0);

    await insertDocument([{ ar: `جملة ${tag} قبل إعادة البناء` }]);
    const readBefore = await readPending(db(), 100);
    expect(readBefore).toHaveLength(1);
    const res = await api("/api/tm/reindex", { method: "POST" });
    expect(res.status).toBe(202);
    const { pending } = await jsonOf<{ pending: number }>(res);
    const segments = await env.DB.prepare("SELECT count(*) AS n FROM segments").first<{ n: number }>();
    expect(pending).toBe(segments?.n);
    // A sync that read its rows before the reset applies none of them (their revision changed).
    expect((await applySync(db(), planSync(readBefore))).applied).toBe(0);
    // A TM read right away applies the rebuild (fewer segments than a read's bound, READ_SYNC_SEGMENTS;
    // test/security/index-read-bound.test.ts has more) and finds the damaged entry again.
    const found = await api(
      `/api/tm/matches?q=${encodeURIComponent(`أكد الوزير ${tag} أهمية التعاون بين البلدين.`)}`,
    );
    const body = await jsonOf<{ matches: { segmentId: number; score: number }[] }>(found);
    expect(body.matches[0]).toMatchObject({ segmentId: ids[0], score: 100 });
    await expectIndexExact();
  });
});
