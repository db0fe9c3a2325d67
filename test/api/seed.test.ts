import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedStatements } from "../../src/db/seed";
import { GlossaryTsvError, parseGlossaryTsv, writeGlossaryTsv } from "../../src/formats/seed-tsv";
import type { GlossaryEntry } from "../../src/types";
import { api, jsonOf } from "../support/api";

async function runSeed() {
  const statements = seedStatements(parseGlossaryTsv(env.SEED_TSV));
  // D1 batches are transactions; keep each one moderate.
  for (let i = 0; i < statements.length; i += 500) {
    await env.DB.batch(statements.slice(i, i + 500).map((s) => env.DB.prepare(s)));
  }
}

const count = async (sql: string) => ((await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1) as number;

describe("seed glossary", () => {
  it("parses the committed glossary/diplomatic.tsv and writes it back identically", () => {
    const entries = parseGlossaryTsv(env.SEED_TSV);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(writeGlossaryTsv(entries)).toBe(env.SEED_TSV);
  });

  it("loads idempotently: a second run neither duplicates nor overwrites edits nor re-creates deletions", async () => {
    const entries = parseGlossaryTsv(env.SEED_TSV);
    const termCount = entries.reduce((n, e) => n + e.terms.length, 0);
    await runSeed();
    expect(await count("SELECT count(*) AS n FROM glossary_entries WHERE seed_key IS NOT NULL")).toBe(
      entries.length,
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM glossary_terms WHERE entry_id IN (SELECT id FROM glossary_entries WHERE seed_key IS NOT NULL)",
      ),
    ).toBe(termCount);

    const brics = await jsonOf<{ items: GlossaryEntry[] }>(
      await api(`/api/glossary?q=${encodeURIComponent("بريكس")}`),
    );
    const entry = brics.items.find((e) => e.terms.some((t) => t.text === "BRICS"));
    expect(entry).toBeDefined();
    const edited = await api(`/api/glossary/${entry!.id}`, {
      method: "PATCH",
      body: { note: "edited by a user" },
    });
    expect(edited.status).toBe(200);
    const victim = await env.DB.prepare(
      "SELECT id FROM glossary_entries WHERE seed_key IS NOT NULL AND id <> ? ORDER BY id LIMIT 1",
    )
      .bind(entry!.id)
      .first<{ id: number }>();
    expect((await api(`/api/glossary/${victim!.id}`, { method: "DELETE" })).status).toBe(204);

    await runSeed();
    expect(await count("SELECT count(*) AS n FROM glossary_entries WHERE seed_key IS NOT NULL")).toBe(
      entries.length - 1,
    );
    const after = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry!.id}`));
    expect(after.note).toBe("edited by a user");
    expect(after.terms).toEqual(entry!.terms);
    expect((await api(`/api/glossary/${victim!.id}`)).status).toBe(404);
    const history = await jsonOf<{ items: { action: string; actor: string }[] }>(
      await api(`/api/glossary/${entry!.id}/history`),
    );
    expect(history.items.map((h) => [h.action, h.actor])).toEqual([
      ["create", "seed"],
      ["update", "admin"],
    ]);
  });

  it("reports every problem of a malformed file with its line", () => {
    const bad = [
      "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource",
      "ok-key\ten\tpreferred\tTreaty\tnoun\t\tinstruments\tdef\t\t",
      "Bad Key\ten\tpreferred\tX\t\t\td\t\t\t",
      "ok-key2\tfr\tfavourite\tY\t\t\td\t\t\t",
      "short\tline",
    ].join("\n");
    try {
      parseGlossaryTsv(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GlossaryTsvError);
      const problems = (e as GlossaryTsvError).problems.map((p) => `${p.line}:${p.field}`);
      expect(problems).toEqual(expect.arrayContaining(["3:key", "4:lang", "4:status", "5:row", "2:entry"]));
    }
  });
});
