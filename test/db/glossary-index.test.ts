// glossaryIndex (src/db/matcher.ts) keeps the built term matcher across a glossary edit that leaves the
// matcher's input unchanged (a definition, an entry's note) and builds a new one for any edit of terms or
// domain, an added entry and a deleted one. The review page keeps its analyses per matcher
// (src/usecases/review-analysis.ts), so a matcher kept after a term edit would show stale terms there.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { glossarySnapshot } from "../../src/db/glossary";
import { forgetGlossaryIndex, glossaryIndex } from "../../src/db/matcher";
import { etagOf } from "../../src/http/etag";
import type { GlossaryEntry } from "../../src/types";
import { api, createEntry, jsonOf, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";

async function patch(id: number, body: Record<string, unknown>): Promise<void> {
  const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${id}`));
  const res = await api(`/api/glossary/${id}`, {
    method: "PATCH",
    headers: { "if-match": etagOf(current.version) },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("glossaryIndex", () => {
  it("keeps the matcher when only what it does not read changed, rebuilds it on every other edit", async () => {
    const db = testDb();
    const word = uniqueLetters(8);
    const entry = await createEntry(`${word} accord`, "اتفاق السلام");
    const first = await glossaryIndex(db);
    expect(first.entries.get(entry.id)?.terms.map((t) => t.text)).toContain(`${word} accord`);

    await patch(entry.id, { definition: "An agreement.", note: "Edited note." });
    const afterNote = await glossaryIndex(db);
    expect(afterNote.version).toBeGreaterThan(first.version);
    expect(afterNote.matcher).toBe(first.matcher);
    expect(afterNote.entries.get(entry.id)?.definition).toBe("An agreement.");

    await patch(entry.id, {
      terms: [
        { lang: "en", text: `${word} accord`, status: "forbidden" },
        { lang: "ar", text: "اتفاق السلام", status: "preferred" },
      ],
    });
    const afterStatus = await glossaryIndex(db);
    expect(afterStatus.matcher).not.toBe(afterNote.matcher);

    await patch(entry.id, { domain: "law" });
    const afterDomain = await glossaryIndex(db);
    expect(afterDomain.matcher).not.toBe(afterStatus.matcher);

    const other = await createEntry(`${word} treaty`, "معاهدة");
    const afterAdd = await glossaryIndex(db);
    expect(afterAdd.matcher).not.toBe(afterDomain.matcher);

    const current = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${other.id}`));
    const deleted = await api(`/api/glossary/${other.id}`, {
      method: "DELETE",
      headers: { "if-match": etagOf(current.version) },
    });
    expect(deleted.status).toBe(204);
    const afterDelete = await glossaryIndex(db);
    expect(afterDelete.matcher).not.toBe(afterAdd.matcher);
    expect(afterDelete.entries.has(other.id)).toBe(false);
  });

  it("after an edit reads only the changed entries' terms, and the index equals reading the whole glossary", async () => {
    const db = testDb();
    const word = uniqueLetters(8);
    const a = await createEntry(`${word} charter`, "الميثاق");
    const b = await createEntry(`${word} envoy`, "المبعوث");
    await glossaryIndex(db);
    /** The index now, and what a new isolate reads: the same entries, revision and matcher key. */
    const same = async (fromChanges: boolean) => {
      const index = await glossaryIndex(db);
      expect(index.fromChanges).toBe(fromChanges);
      const whole = await glossarySnapshot(db);
      expect([...index.entries.values()]).toEqual(whole.entries);
      expect(index.revision).toBe(whole.revision);
      forgetGlossaryIndex();
      const fresh = await glossaryIndex(db);
      expect(fresh.fromChanges).toBe(false);
      expect(index.matcherKey).toBe(fresh.matcherKey);
      expect(index.matcherInput).toBe(fresh.matcherInput);
      return index;
    };
    const edits: (() => Promise<unknown>)[] = [
      () =>
        patch(a.id, { terms: [...a.terms, { lang: "en", text: `${word} covenant`, status: "admitted" }] }),
      () => patch(a.id, { definition: "A founding text.", note: "Only the entry's row." }),
      () => patch(b.id, { domain: "law" }),
      () => createEntry(`${word} consul`, "القنصل"),
      // Writes that no use case makes (another isolate, a restore, a migration): the triggers log them too.
      () =>
        env.DB.prepare("UPDATE glossary_terms SET status = 'deprecated', note = 'direct' WHERE entry_id = ?")
          .bind(b.id)
          .run(),
      () =>
        env.DB.prepare(
          "INSERT INTO glossary_terms (entry_id, lang, text, norm, status, position) VALUES (?, 'en', ?, ?, 'admitted', 9)",
        )
          .bind(a.id, `${word} pact`, `${word} pact`)
          .run(),
      () => env.DB.prepare("DELETE FROM glossary_entries WHERE id = ?").bind(b.id).run(),
    ];
    // Each edit on the index held (the new isolate's of the check before): read from the log.
    for (const edit of edits) {
      await edit();
      await same(true);
    }
  });

  it("reads the whole glossary when the change log no longer reaches back to the index held", async () => {
    const db = testDb();
    const entry = await createEntry(`${uniqueLetters(8)} summit`, "القمة");
    const held = await glossaryIndex(db);
    await patch(entry.id, {
      terms: [
        { lang: "en", text: `${uniqueLetters(8)} summit`, status: "preferred" },
        { lang: "ar", text: "القمة", status: "preferred" },
      ],
    });
    await env.DB.prepare("UPDATE meta SET value = ? WHERE key = 'glossary_changes_from'")
      .bind(held.revision + 1)
      .run();
    const index = await glossaryIndex(db);
    expect(index.fromChanges).toBe(false);
    expect([...index.entries.values()]).toEqual((await glossarySnapshot(db)).entries);
  });
});
