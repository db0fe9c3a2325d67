// Runs every benchmark in bench/ (or those whose file name contains an argument) one after another, so
// they do not compete for the machine's cores. Each bench prints its own table; docs/benchmarks.md records them.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const filters = process.argv.slice(2);
const benches = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".bench.ts") || f.endsWith(".bench.mjs"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, ["--expose-gc", "--experimental-websocket", path.join("bench", file)], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
