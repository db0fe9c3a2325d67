import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { applyImport, planImport } from "../../src/db/glossary-import";
import { GLOSSARY_TSV_COLUMNS } from "../../src/formats/seed-tsv";
import type { GlossaryEntry } from "../../src/types";
import { EXCHANGE_FORMATS } from "../../src/usecases/glossary-exchange";
import { api, createEntry, entryBody, jsonOf, tokenWithScope, unique } from "../support/api";
import { testDb } from "../support/db";

interface ImportResult {
  dryRun: boolean;
  counts: { added: number; changed: number; unchanged: number; deleted: number; skipped: number };
  added: { key: string; domain: string; definition: string | null; terms: { text: string }[] }[];
  changed: { id: number; key: string; before: { definition: string }; after: { definition: string } }[];
  unchanged: number;
  deleted: { id: number; key: string }[];
  skipped: { entry: string; line: number; message: string }[];
  adjusted: { entry: string; line: number; message: string }[];
}

const contentType: Record<string, string> = {
  tsv: "text/tab-separated-values",
  csv: "text/csv",
  tbx: "application/xml",
  omegat: "text/plain",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function importFile(
  format: string,
  body: string | Uint8Array,
  query = "",
  token?: string,
): Promise<Response> {
  return api(`/api/glossary/import?format=${format}${query}`, {
    method: "POST",
    body,
    ...(token ? { token } : {}),
    headers: { "content-type": contentType[format] ?? "text/plain" },
  });
}

const tsvRow = (cols: string[]) => cols.join("\t");
const header = GLOSSARY_TSV_COLUMNS.join("\t");

async function glossaryVersion(): Promise<number> {
  const { env } = await import("cloudflare:test");
  const row = await env.DB.prepare("SELECT value FROM meta WHERE key = 'glossary_version'").first<{
    value: number;
  }>();
  return row?.value ?? 0;
}

describe("glossary export", () => {
  it("exports TSV with keys, a file name and the seed format's header", async () => {
    const en = unique("export check ");
    const entry = await createEntry(en, "فحص التصدير");
    const res = await api("/api/glossary/export?format=tsv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/tab-separated-values/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="diwan-glossary.tsv"');
    const text = await res.text();
    expect(text.split("\n")[0]).toBe(header);
    expect(text).toContain(`entry-${entry.id}\ten\tpreferred\t${en}\t`);
  });

  it("refuses an unknown format and needs a token", async () => {
    expect((await api("/api/glossary/export?format=docx")).status).toBe(400);
    expect((await api("/api/glossary/export?format=tsv", { token: null })).status).toBe(401);
    const read = await tokenWithScope("read");
    expect((await api("/api/glossary/export?format=tsv", { token: read })).status).toBe(200);
  });
});

describe("glossary import", () => {
  // OmegaT's glossary is a view for the CAT tool (approved terms only), not a round-trip format.
  for (const format of Object.keys(EXCHANGE_FORMATS).filter((f) => f !== "tbx2008" && f !== "omegat")) {
    it(`re-importing a ${format} export changes nothing`, async () => {
      await createEntry(unique("roundtrip "), "ذهاب وإياب", {
        note: `a note with "quotes", commas, <angle> & ampersands`,
        terms: [
          { lang: "en", text: unique("round trip "), status: "preferred", partOfSpeech: "noun" },
          { lang: "ar", text: "ذَهابٌ وإياب", status: "preferred", note: "مع التشكيل" },
          { lang: "ar", text: "رحلة ذهاب", status: "forbidden" },
        ],
      });
      const response = await api(`/api/glossary/export?format=${format}`);
      // A workbook is bytes; the text formats go back as the text they are.
      const exported =
        format === "xlsx" ? new Uint8Array(await response.arrayBuffer()) : await response.text();
      const before = await glossaryVersion();
      const res = await importFile(format, exported, "&mode=replace");
      expect(res.status).toBe(200);
      const result = await jsonOf<ImportResult>(res);
      expect(result.counts).toMatchObject({ added: 0, changed: 0, deleted: 0 });
      expect(result.unchanged).toBeGreaterThan(0);
      expect(await glossaryVersion()).toBe(before);
    });
  }

  it("imports the whole seed termbase, and its TSV, CSV, TBX and TBX 2008 exports re-import unchanged", async () => {
    const seeded = await importFile("tsv", env.SEED_TSV);
    expect(seeded.status).toBe(200);
    expect((await jsonOf<ImportResult>(seeded)).counts.added + (await glossaryVersion())).toBeGreaterThan(
      300,
    );
    for (const [exportFormat, importFormat] of [
      ["tsv", "tsv"],
      ["csv", "csv"],
      ["tbx", "tbx"],
      ["tbx2008", "tbx"],
    ] as const) {
      const exported = await api(`/api/glossary/export?format=${exportFormat}`);
      expect(exported.status).toBe(200);
      const plan = await jsonOf<ImportResult>(
        await importFile(importFormat, await exported.text(), "&mode=replace&dryRun=true"),
      );
      expect({ format: exportFormat, ...plan.counts, unchanged: 0 }).toEqual({
        format: exportFormat,
        added: 0,
        changed: 0,
        deleted: 0,
        unchanged: 0,
        skipped: 0,
        skippedOnRequest: 0,
      });
      expect(plan.unchanged).toBeGreaterThan(300);
    }
  });

  it("refuses a JSON body with 415", async () => {
    const res = await api("/api/glossary/import?format=tsv", { method: "POST", body: { entries: [] } });
    expect(res.status).toBe(415);
  });

  it("refuses a file of another format with 415", async () => {
    const res = await importFile("tbx", '<?xml version="1.0"?><html><body/></html>');
    expect(res.status).toBe(415);
  });

  it("previews with dryRun, then applies merge: adds, changes, leaves the rest alone, writes history", async () => {
    const en = unique("import target ");
    const target = await createEntry(en, "هدف الاستيراد");
    const newKey = unique("new-key-").toLowerCase();
    const newEn = unique("imported concept ");
    const file = [
      header,
      tsvRow([
        `entry-${target.id}`,
        "en",
        "preferred",
        en,
        "",
        "",
        "diplomacy and protocol",
        "changed definition",
        "",
        "",
      ]),
      tsvRow([`entry-${target.id}`, "ar", "preferred", "هدف الاستيراد", "", "", "", "", "", ""]),
      tsvRow([newKey, "en", "preferred", newEn, "noun", "", "law", "", "", "test"]),
      tsvRow([newKey, "ar", "preferred", "مفهوم مستورد", "", "", "", "", "", ""]),
      "",
    ].join("\n");

    const versionBefore = await glossaryVersion();
    const preview = await importFile("tsv", file, "&dryRun=true");
    expect(preview.status).toBe(200);
    const plan = await jsonOf<ImportResult>(preview);
    expect(plan.dryRun).toBe(true);
    expect(plan.counts).toEqual({
      added: 1,
      changed: 1,
      unchanged: 0,
      deleted: 0,
      skipped: 0,
      skippedOnRequest: 0,
    });
    expect(plan.changed[0]).toMatchObject({
      id: target.id,
      before: { definition: `definition of ${en}` },
      after: { definition: "changed definition" },
    });
    expect(await glossaryVersion()).toBe(versionBefore);
    expect((await jsonOf<GlossaryEntry>(await api(`/api/glossary/${target.id}`))).version).toBe(1);

    const writer = await tokenWithScope("write");
    const applied = await importFile("tsv", file, "", writer);
    expect(applied.status).toBe(200);
    expect((await jsonOf<ImportResult>(applied)).counts).toEqual({
      added: 1,
      changed: 1,
      unchanged: 0,
      deleted: 0,
      skipped: 0,
      skippedOnRequest: 0,
    });
    expect(await glossaryVersion()).toBe(versionBefore + 1);
    const after = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${target.id}`));
    expect(after).toMatchObject({ version: 2, definition: "changed definition" });
    const history = await jsonOf<{ items: { action: string; actor: string }[] }>(
      await api(`/api/glossary/${target.id}/history`),
    );
    expect(history.items.at(-1)).toMatchObject({
      action: "update",
      actor: expect.stringMatching(/^t-write-/),
    });
    const found = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(newEn)}`),
    );
    expect(found.items).toHaveLength(1);

    // Applying the same file again is a no-op; the new entry is matched by its key.
    const again = await jsonOf<ImportResult>(await importFile("tsv", file));
    expect(again.counts).toEqual({
      added: 0,
      changed: 0,
      unchanged: 2,
      deleted: 0,
      skipped: 0,
      skippedOnRequest: 0,
    });
  });

  it("matches by preferred English and Arabic terms (normalised) when the key is unknown", async () => {
    const en = unique("Term Match ");
    const target = await createEntry(en, "مُطابَقة المصطلح");
    const file = [
      header,
      tsvRow(["some-other-key", "en", "preferred", en.toLowerCase(), "", "", "law", "", "", ""]),
      tsvRow(["some-other-key", "ar", "preferred", "مطابقة المصطلح", "", "", "", "", "", ""]),
      "",
    ].join("\n");
    const plan = await jsonOf<ImportResult>(await importFile("tsv", file, "&dryRun=true"));
    expect(plan.counts).toMatchObject({ added: 0, changed: 1 });
    expect(plan.changed[0]?.id).toBe(target.id);
  });

  it("replace deletes entries missing from the file (checked with a dry run only)", async () => {
    const plan = await jsonOf<ImportResult>(
      // An empty file replaces a non-empty glossary only when deleteAll=true confirms it (else 400:
      // glossary-import-safety.test.ts).
      await importFile("tsv", `${header}\n`, "&mode=replace&dryRun=true&deleteAll=true"),
    );
    expect(plan.counts.deleted).toBeGreaterThan(0);
    expect(plan.counts.added).toBe(0);
  });

  it("imports the valid entries and lists each skipped one with its line and reason (partial)", async () => {
    const good = unique("good-").toLowerCase();
    const file = [
      header,
      tsvRow([good, "en", "preferred", "fine", "", "", "law", "", "", ""]),
      tsvRow([good, "ar", "preferred", "جيد", "", "", "", "", "", ""]),
      tsvRow(["bad-row", "fr", "preferred", "mauvais", "", "", "law", "", "", ""]),
      "",
    ].join("\n");
    const preview = await jsonOf<ImportResult>(await importFile("tsv", file, "&dryRun=true"));
    expect(preview.counts).toMatchObject({ added: 1, skipped: 1 });
    expect(preview.skipped).toEqual([
      expect.objectContaining({
        entry: "bad-row",
        line: 4,
        message: expect.stringContaining('"fr" is not ar or en'),
      }),
    ]);
    const before = await glossaryVersion();
    const applied = await jsonOf<ImportResult>(await importFile("tsv", file));
    // The dry run showed exactly what the import does.
    expect({ ...applied, dryRun: true, glossaryVersion: 0 }).toEqual({ ...preview, glossaryVersion: 0 });
    expect(await glossaryVersion()).toBe(before + 1);
  });

  it("partial=false refuses the file with every problem and imports nothing", async () => {
    const before = await glossaryVersion();
    const good = unique("good-").toLowerCase();
    const file = [
      header,
      tsvRow([good, "en", "preferred", "fine", "", "", "law", "", "", ""]),
      tsvRow([good, "ar", "preferred", "جيد", "", "", "", "", "", ""]),
      tsvRow(["bad-row", "fr", "preferred", "mauvais", "", "", "law", "", "", ""]),
      "",
    ].join("\n");
    const res = await importFile("tsv", file, "&partial=false");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    const body = await jsonOf<{ errors: { field: string; message: string; line?: number }[] }>(res);
    expect(body.errors.some((e) => e.line === 4 && e.field === "entries.bad-row")).toBe(true);
    expect(await glossaryVersion()).toBe(before);
  });

  it("a TBX entry in one language is skipped, a missing subject field takes the requested domain", async () => {
    const id = unique("t").toLowerCase();
    const tbx = `<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="${id}-1"><langSet xml:lang="en-GB"><tig><term> ${id} treaty </term></tig></langSet>
<langSet xml:lang="ar-SA"><tig><term>معاهدة ${id}</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
<descrip type="definition">An agreement
between States.</descrip></termEntry>
<termEntry id="${id}-2"><langSet xml:lang="en"><tig><term>${id} only English</term></tig></langSet></termEntry>
</body></text></martif>`;
    const plan = await jsonOf<ImportResult>(await importFile("tbx", tbx, "&defaultDomain=treaties"));
    expect(plan.counts).toMatchObject({ added: 1, skipped: 1 });
    expect(plan.added[0]).toMatchObject({
      domain: "treaties",
      definition: "An agreement\nbetween States.",
      terms: [
        { lang: "en", text: `${id} treaty`, status: "admitted" },
        { lang: "ar", text: `معاهدة ${id}`, status: "preferred" },
      ],
    });
    expect(plan.skipped).toEqual([
      { entry: `${id}-2`, line: 8, message: "no Arabic term (languages with terms: en)" },
    ]);
    expect(plan.adjusted.map((a) => a.message)).toEqual([
      `term "${id} treaty" (en) trimmed of surrounding white space`,
      'no subject field: domain "treaties"',
    ]);
  });

  it("validates entries with the API's schema (control characters, lengths)", async () => {
    const key = unique("ctl-").toLowerCase();
    const file = [
      header,
      tsvRow([key, "en", "preferred", "bell\u0007char", "", "", "law", "", "", ""]),
      tsvRow([key, "ar", "preferred", "جرس", "", "", "", "", "", ""]),
      "",
    ].join("\n");
    const res = await importFile("tsv", file);
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: { field: string }[] }>(res);
    expect(body.errors[0]?.field).toBe(`entries.${key}.terms.0.text`);
  });

  it("refuses a file whose rows claim the same entry twice", async () => {
    const en = unique("ambiguous ");
    const target = await createEntry(en, "ملتبس");
    const before = await glossaryVersion();
    const newKey = unique("rb-").toLowerCase();
    // One row names the entry by key, the other by its terms: refused before anything is written.
    const file = [
      header,
      tsvRow([`entry-${target.id}`, "en", "preferred", en, "", "", "law", "x", "", ""]),
      tsvRow([`entry-${target.id}`, "ar", "preferred", "ملتبس", "", "", "", "", "", ""]),
      tsvRow([newKey, "en", "preferred", en, "", "", "law", "y", "", ""]),
      tsvRow([newKey, "ar", "preferred", "ملتبس", "", "", "", "", "", ""]),
      "",
    ].join("\n");
    const res = await importFile("tsv", file);
    expect(res.status).toBe(400);
    expect(await glossaryVersion()).toBe(before);
  });

  it("rolls back the whole import when an entry changed after planning (409, nothing written)", async () => {
    const db = testDb();
    const en = unique("rollback ");
    const target = await createEntry(en, "تراجع");
    const newKey = unique("rb-").toLowerCase();
    const newEn = unique("never added ");
    const plan = await planImport(
      db,
      [
        {
          key: `entry-${target.id}`,
          domain: "law",
          definition: "x",
          note: null,
          source: null,
          terms: target.terms,
        },
        {
          key: newKey,
          domain: "law",
          definition: null,
          note: null,
          source: null,
          terms: [
            { lang: "en", text: newEn, status: "preferred", partOfSpeech: null, note: null },
            { lang: "ar", text: "لن يضاف", status: "preferred", partOfSpeech: null, note: null },
          ],
        },
      ],
      "merge",
    );
    expect(plan.changed).toHaveLength(1);
    expect(plan.added).toHaveLength(1);
    // Someone else edits the entry between the plan and its application.
    const put = await api(`/api/glossary/${target.id}`, {
      method: "PUT",
      body: entryBody(en, "تراجع", { definition: "edited meanwhile" }),
    });
    expect(put.status).toBe(200);
    const before = await glossaryVersion();
    await expect(applyImport(db, plan, "tester")).rejects.toMatchObject({ status: 409 });
    expect(await glossaryVersion()).toBe(before);
    const found = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(newEn)}`),
    );
    expect(found.items).toHaveLength(0);
  });

  it("refuses invalid UTF-8, unknown formats, oversized bodies and read-scope tokens", async () => {
    expect((await importFile("tsv", new Uint8Array([0xff, 0xfe, 0x41]))).status).toBe(400);
    expect((await importFile("docx", "x")).status).toBe(400);
    const read = await tokenWithScope("read");
    expect((await importFile("tsv", `${header}\n`, "&dryRun=true", read)).status).toBe(403);
    const big = await api("/api/glossary/import?format=tsv", {
      method: "POST",
      body: "x",
      headers: { "content-type": "text/tab-separated-values", "content-length": String(11 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
  });
});
