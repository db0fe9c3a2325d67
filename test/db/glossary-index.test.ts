// glossaryIndex (src/db/matcher.ts) keeps the built term matcher across a glossary edit that leaves the
// matcher's input unchanged (a definition, an entry's note) and builds a new one for any edit of terms or
// domain, an added entry and a deleted one. The review page keeps its analyses per matcher
// (src/usecases/review-analysis.ts), so a matcher kept after a term edit would show stale terms there.
import { describe, expect, it } from "vitest";
import { glossaryIndex } from "../../src/db/matcher";
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
});
