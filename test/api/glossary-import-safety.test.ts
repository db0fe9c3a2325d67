import { describe, expect, it } from "vitest";
import { csvField } from "../../src/formats/csv";
import { GLOSSARY_TSV_COLUMNS } from "../../src/formats/seed-tsv";
import type { GlossaryEntry } from "../../src/types";
import { api, createEntry, jsonOf, unique } from "../support/api";

interface ImportResult {
  counts: Record<string, number>;
  changed: { id: number; key: string; fileKey: string; matchedBy: string; after: GlossaryEntry }[];
  added: { key: string }[];
  deleted: { key: string }[];
  skippedOnRequest: { key: string; action: string }[];
}

const csv = (rows: (string | null)[][]) =>
  `${[GLOSSARY_TSV_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\r\n")}\r\n`;

const importCsv = (file: string, query = "") =>
  api(`/api/glossary/import?format=csv${query}`, {
    method: "POST",
    body: file,
    headers: { "content-type": "text/csv" },
  });

async function createStored(en: string) {
  return createEntry({
    domain: "security",
    definition: "Protection of a State against threats.",
    note: "Egyptian press: الأمن القومي (3 مواضع في 2023).",
    source: "UNTERM",
    terms: [
      { lang: "en", text: en, status: "preferred" },
      { lang: "ar", text: "الأمن الوطني", status: "preferred" },
      { lang: "ar", text: "الأمن القومي", status: "admitted", note: "Egypt" },
    ],
  });
}

describe("merge import never deletes (issue 14)", () => {
  it("a row with a new key matched by its terms keeps the note, the admitted term and every stored value", async () => {
    const en = unique("national security ");
    const stored = await createStored(en);
    const key = unique("new-key-").toLowerCase();
    // The file's row: new key, same preferred terms, empty note, another source, no admitted Arabic term.
    const file = csv([
      [key, "en", "preferred", en, "noun", "", "security", "", "", "IATE"],
      [key, "ar", "preferred", "الأمن الوطني", "", "", "", "", "", ""],
    ]);
    const preview = await jsonOf<ImportResult>(await importCsv(file, "&dryRun=true"));
    expect(preview.counts).toMatchObject({ added: 0, changed: 1, deleted: 0 });
    expect(preview.changed[0]).toMatchObject({ id: stored.id, matchedBy: "terms", fileKey: key });

    const applied = await importCsv(file, "&fileName=termbase-2026.csv");
    expect(applied.status).toBe(200);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${stored.id}`));
    expect(now.note).toBe(stored.note);
    expect(now.definition).toBe(stored.definition);
    expect(now.source).toBe("IATE");
    expect(now.terms.map((t) => [t.text, t.status, t.note, t.partOfSpeech])).toEqual([
      [en, "preferred", null, "noun"],
      ["الأمن الوطني", "preferred", null, null],
      ["الأمن القومي", "admitted", "Egypt", null],
    ]);

    // History says it was an import, and of which file.
    const history = await jsonOf<{ items: { action: string; via: string; detail: string | null }[] }>(
      await api(`/api/glossary/${stored.id}/history`),
    );
    expect(history.items.map((h) => [h.action, h.via, h.detail])).toEqual([
      ["create", "edit", null],
      ["update", "import", "termbase-2026.csv"],
    ]);
  });

  it("keys match first; the preview tells how each row matched; skipped rows are not applied", async () => {
    const a = await createStored(unique("alpha "));
    const b = await createStored(unique("beta "));
    const newKey = unique("fresh-").toLowerCase();
    const file = csv([
      [`entry-${a.id}`, "en", "preferred", a.terms[0]!.text, "", "", "security", "changed A", "", ""],
      [`entry-${a.id}`, "ar", "preferred", "الأمن الوطني", "", "", "", "", "", ""],
      ["other-key", "en", "preferred", b.terms[0]!.text, "", "", "security", "changed B", "", ""],
      ["other-key", "ar", "preferred", "الأمن الوطني", "", "", "", "", "", ""],
      [newKey, "en", "preferred", unique("gamma "), "", "", "security", "", "", ""],
      [newKey, "ar", "preferred", "جديد", "", "", "", "", "", ""],
    ]);
    const preview = await jsonOf<ImportResult>(await importCsv(file, "&dryRun=true"));
    expect(preview.changed.map((c) => [c.id, c.matchedBy])).toEqual([
      [a.id, "key"],
      [b.id, "terms"],
    ]);
    const applied = await jsonOf<ImportResult>(await importCsv(file, `&skip=other-key,${newKey}`));
    expect(applied.counts).toMatchObject({ changed: 1, added: 0, skippedOnRequest: 2 });
    expect(applied.skippedOnRequest).toEqual([
      { key: "other-key", action: "change" },
      { key: newKey, action: "add" },
    ]);
    expect((await jsonOf<GlossaryEntry>(await api(`/api/glossary/${a.id}`))).definition).toBe("changed A");
    expect((await jsonOf<GlossaryEntry>(await api(`/api/glossary/${b.id}`))).definition).toBe(
      "Protection of a State against threats.",
    );
  });

  it("removal happens only in replace mode, and a skipped deletion is kept", async () => {
    const kept = await createStored(unique("kept "));
    const file = csv([
      [`entry-${kept.id}`, "en", "preferred", kept.terms[0]!.text, "", "", "security", "", "", ""],
      [`entry-${kept.id}`, "ar", "preferred", "الأمن الوطني", "", "", "", "", "", ""],
    ]);
    const merge = await jsonOf<ImportResult>(await importCsv(file, "&dryRun=true"));
    expect(merge.counts).toMatchObject({ deleted: 0, changed: 0, unchanged: 1 });
    const replace = await jsonOf<ImportResult>(await importCsv(file, "&mode=replace&dryRun=true"));
    // Replace makes the entry exactly the file's row: the admitted term and the note go.
    expect(replace.changed[0]?.after.terms).toHaveLength(2);
    expect(replace.changed[0]?.after.note).toBeNull();
    expect(replace.counts.deleted).toBeGreaterThan(0);
    const victim = replace.deleted[0]!.key;
    const skipping = await jsonOf<ImportResult>(
      await importCsv(file, `&mode=replace&dryRun=true&skip=${victim}`),
    );
    expect(skipping.deleted.map((d) => d.key)).not.toContain(victim);
    expect(skipping.skippedOnRequest).toContainEqual({ key: victim, action: "delete" });
  });
});

describe("an empty file never replaces a glossary", () => {
  const emptyOmegat = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n";
  const importOmegat = (query: string) =>
    api(`/api/glossary/import?format=omegat${query}`, {
      method: "POST",
      body: emptyOmegat,
      headers: { "content-type": "text/plain" },
    });

  it("refuses replace mode (dry run or not) and deletes nothing unless deleteAll=true confirms; merge mode says there is nothing to import", async () => {
    const kept = await createStored(unique("kept through an empty replace "));
    for (const query of ["&mode=replace&dryRun=true", "&mode=replace"]) {
      const res = await importOmegat(query);
      expect(res.status).toBe(400);
      const problem = await jsonOf<{ detail: string; errors: { field: string; message: string }[] }>(res);
      expect(problem.detail).toMatch(
        /would delete all \d+ entries — nothing was changed \(deleteAll=true confirms\)/,
      );
      expect(problem.errors[0]).toMatchObject({ field: "file" });
    }
    expect((await api(`/api/glossary/${kept.id}`)).status).toBe(200);
    const merge = await jsonOf<{ counts: Record<string, number>; notice: string | null }>(
      await importOmegat(""),
    );
    expect(merge.counts).toMatchObject({ added: 0, deleted: 0, changed: 0 });
    expect(merge.notice).toMatch(/no glossary entries/);
    const confirmed = await jsonOf<{ counts: Record<string, number> }>(
      await importOmegat("&mode=replace&dryRun=true&deleteAll=true"),
    );
    expect(confirmed.counts.deleted).toBeGreaterThan(0);
    expect((await api(`/api/glossary/${kept.id}`)).status).toBe(200);
  });
});
