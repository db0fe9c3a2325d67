// Loads glossary/diplomatic.tsv into D1 idempotently (see src/db/seed.ts).
// Usage: npm run seed            (local D1, as `npm start` uses)
//        npm run seed -- --remote (the deployed database)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedStatements } from "../src/db/seed";
import { parseGlossaryTsv } from "../src/formats/seed-tsv";

const root = path.resolve(import.meta.dirname, "..");
const remote = process.argv.includes("--remote");
const entries = parseGlossaryTsv(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8"));
const dir = mkdtempSync(path.join(tmpdir(), "diwan-seed-"));
const file = path.join(dir, "seed.sql");
writeFileSync(file, `${seedStatements(entries).join(";\n")};\n`);
const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
const r = spawnSync(
  wrangler,
  ["d1", "execute", "DB", remote ? "--remote" : "--local", "--file", file, "--yes"],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  },
);
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0) {
  process.stdout.write(r.stdout ?? "");
  console.error("seed failed");
  process.exit(r.status ?? 1);
}
console.log(
  `Seed glossary: ${entries.length} entries checked (new keys loaded, existing ones left as they are).`,
);
