// Backup and restore with the wrangler CLI keep working with the translation-memory index: its tables are
// ordinary (FTS5 would make `wrangler d1 export` refuse the database), and the dump creates the triggers
// after the rows, so restoring does not record the restored rows as changed. Since migration 0006 the
// triggers only record changed segments in tm_pending (src/db/tm-index.ts indexes them, in the Worker):
// the dump carries the postings, the pending rows and the revision counter, so a restored database's first
// sync finishes exactly what the source's would have. Each database lives in a temporary project directory
// (`wrangler d1 export` has no --persist-to: local state sits next to the configuration file).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "diwan-backup-"));

function project(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, "wrangler.toml"),
    [
      'name = "diwan-backup-test"',
      'compatibility_date = "2026-04-01"',
      "[[d1_databases]]",
      'binding = "DB"',
      'database_name = "diwan"',
      'database_id = "00000000-0000-4000-8000-000000000000"',
      `migrations_dir = ${JSON.stringify(path.join(root, "migrations"))}`,
    ].join("\n"),
  );
  return path.join(dir, "wrangler.toml");
}

function wrangler(config: string, ...args: string[]): string {
  const r = spawnSync(
    path.join(root, "node_modules", ".bin", "wrangler"),
    [...args, "--local", "-c", config],
    {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    },
  );
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")}: ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Results of each statement (one wrangler run: each takes seconds). */
function query(config: string, ...sql: string[]): Record<string, unknown>[][] {
  const out = wrangler(config, "d1", "execute", "DB", "--json", "--command", sql.join("; "));
  return (JSON.parse(out) as { results: Record<string, unknown>[] }[]).map((r) => r.results);
}

const SNAPSHOT = [
  "SELECT id, document_id, position, ar, en, status, origin, ar_norm, en_norm, occurrences FROM segments ORDER BY id",
  "SELECT k.lang, k.token, k.df, p.segment_id, p.len, p.paired FROM tm_postings AS p JOIN tm_tokens AS k ON k.id = p.token_id ORDER BY k.lang, k.token, p.segment_id",
  "SELECT segment_id, rank, source_segment_id, score, ar, en, origin FROM segment_matches ORDER BY segment_id, rank",
  "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
  "SELECT segment_id, ar_norm, en_norm, rev FROM tm_pending ORDER BY segment_id",
  "SELECT key, value FROM meta ORDER BY key",
];

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("backup and restore (wrangler d1 export / execute --file)", () => {
  it("round-trips segments, the term index and its pending changes, stored matches and the triggers", () => {
    const source = project("source");
    wrangler(source, "d1", "migrations", "apply", "DB");
    // Rows as the API writes them: the triggers record segments 1 and 2 as pending. Segment 3 is written as
    // a bulk TMX import does (tm_bulk holds the trigger back; the import writes its postings itself).
    wrangler(
      source,
      "d1",
      "execute",
      "DB",
      "--command",
      [
        "INSERT INTO documents (title) VALUES ('backup test')",
        "INSERT INTO segments (document_id, position, ar, en, status, ar_norm, en_norm) VALUES (1, 0, 'أكَّد مجلس الأمن «التزامه».', 'The Security Council reaffirmed its commitment.', 'translated', 'اكد مجلس الامن \"التزامه\".', 'the security council reaffirmed its commitment.')",
        "INSERT INTO segments (document_id, position, ar, ar_norm) VALUES (1, 1, 'نص بلا ترجمة ٢٠٢٤', 'نص بلا ترجمه 2024')",
        "INSERT INTO tm_bulk (import_id, first_id) VALUES ('backup', 3)",
        "INSERT INTO segments (document_id, position, ar, en, status, origin, ar_norm, en_norm, occurrences) VALUES (NULL, 0, 'مجلس الأمن', 'Security Council', 'translated', 'tmx', 'مجلس الامن', 'security council', 3)",
        "INSERT INTO tm_tokens (lang, token, df) VALUES ('ar', 'مجلس', 1), ('ar', 'الامن', 1), ('en', 'security', 1), ('en', 'council', 1)",
        "INSERT INTO tm_postings (token_id, segment_id, len, paired) SELECT id, 3, 2, 1 FROM tm_tokens",
        "DELETE FROM tm_bulk",
        "INSERT INTO segment_matches (segment_id, rank, source_segment_id, score, ar, en, origin) VALUES (2, 0, 3, 72, 'مجلس الأمن', 'Security Council', 'diwan-tm/tmx')",
      ].join("; "),
    );
    const before = query(source, ...SNAPSHOT);
    expect(before[1]!.length).toBe(4);
    // four of the term index (0006), three of the memory version (0012), six of the glossary revision (0014),
    // six of the glossary's change log (0015)
    expect(before[3]!.length).toBe(19);
    expect(before[4]!.map((r) => [r.segment_id, r.ar_norm, r.en_norm])).toEqual([
      [1, null, null],
      [2, null, null],
    ]);

    const dump = path.join(work, "backup.sql");
    wrangler(source, "d1", "export", "DB", "--output", dump);
    const text = readFileSync(dump, "utf8");
    expect(text).not.toMatch(/fts5/i);
    // Triggers after the data: restoring must not record the restored rows as changed.
    expect(text.indexOf("CREATE TRIGGER")).toBeGreaterThan(text.lastIndexOf('INSERT INTO "segments"'));

    const restored = project("restored");
    wrangler(restored, "d1", "execute", "DB", "--file", dump);
    expect(query(restored, ...SNAPSHOT)).toEqual(before);

    // The restored database keeps recording writes for the index: a pending segment keeps the texts the
    // index holds (none) under a new revision; an indexed one records its old texts.
    wrangler(
      restored,
      "d1",
      "execute",
      "DB",
      "--command",
      "UPDATE segments SET en = 'Text without translation', en_norm = 'text without translation' WHERE id IN (2, 3)",
    );
    const [pending] = query(restored, SNAPSHOT[4]!);
    const lastRevision = Math.max(...before[4]!.map((r) => Number(r.rev)));
    expect(pending!.map((r) => [r.segment_id, r.ar_norm, r.en_norm, Number(r.rev) > lastRevision])).toEqual([
      [1, null, null, false],
      [2, null, null, true],
      [3, "مجلس الامن", "security council", true],
    ]);
  }, 300_000);
});
