// The term index is maintained behind the writes (src/db/tm-index.ts): a segment written straight to D1
// (so no request schedules a sync) must still be seen by the next fuzzy match, concordance and variants
// query, because every TM read catches the index up first.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { normalizeForSearch } from "../../src/text/normalize";
import { api, jsonOf, unique } from "../support/api";

async function writeFreeEntry(ar: string, en: string): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO segments (document_id, position, ar, en, status, origin, ar_norm, en_norm)
     VALUES (NULL, 0, ?, ?, 'translated', 'tmx', ?, ?) RETURNING id`,
  )
    .bind(ar, en, normalizeForSearch(ar), normalizeForSearch(en))
    .first<{ id: number }>();
  return (row as { id: number }).id;
}

describe("TM reads see earlier writes without waiting for the background sync", () => {
  it("fuzzy matches, concordance and English variants", async () => {
    const tag = unique("ry");
    const ar = `أكد الوزير ${tag} أهمية التعاون بين البلدين`;
    const en = `The minister ${tag} stressed the importance of cooperation`;
    const id = await writeFreeEntry(ar, en);
    const pending = await env.DB.prepare("SELECT count(*) AS n FROM tm_pending WHERE segment_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(pending?.n).toBe(1); // the write is recorded, not yet indexed

    const m = await api(`/api/tm/matches?q=${encodeURIComponent(ar.replace("أهمية", "ضرورة"))}&minScore=70`);
    const { matches } = await jsonOf<{ matches: { segmentId: number; score: number }[] }>(m);
    expect(matches.map((x) => x.segmentId)).toContain(id);

    const id2 = await writeFreeEntry(`رحب ${tag} بالبيان`, `${tag} welcomed the statement`);
    const c = await api(`/api/segments?q=${encodeURIComponent(`${tag} welcomed`)}&lang=en`);
    const { items } = await jsonOf<{ items: { id: number }[] }>(c);
    expect(items.map((x) => x.id)).toEqual([id2]);

    const id3 = await writeFreeEntry(`${tag} مجلس`, `${tag} council`);
    const v = await api(`/api/tm/variants?q=${encodeURIComponent(`${tag} council`)}&lang=en`);
    const { variants } = await jsonOf<{ variants: { segments: { segmentId: number }[] }[] }>(v);
    expect(variants.flatMap((g) => g.segments.map((s) => s.segmentId))).toEqual([id3]);
  });
});
