// The stored bead analyses (src/db/segment-analyses.ts) are keyed by ANALYSIS_ENGINE (src/text/
// analysis-engine.ts), which must be the hash of the analysis engine's sources: src/text/bead-analysis.ts
// and every module it imports at run time, found by following the imports (type-only imports are erased, so they are not followed). When any of
// them changes, this test fails and names the value to set, so stored analyses of an older engine are never
// served, and nobody has to remember to change a version.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYSIS_ENGINE } from "../../src/text/analysis-engine";
import { importsOf } from "./import-rules";

const root = path.resolve(import.meta.dirname, "../..");
const ENGINE_ROOT = "src/text/bead-analysis.ts";

/** The repository-relative file of a relative import's target (`src/text/qa` → `src/text/qa.ts`). */
function fileOf(target: string): string {
  for (const ext of [".ts", ".tsx", "/index.ts"])
    if (existsSync(path.join(root, target + ext))) return target + ext;
  if (existsSync(path.join(root, target))) return target;
  throw new Error(`cannot resolve ${target}`);
}

/** The engine's modules: the root and everything it imports at run time, transitively, sorted. */
function engineFiles(): string[] {
  const seen = new Set<string>();
  const queue = [ENGINE_ROOT];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(path.join(root, file), "utf8");
    for (const ref of importsOf({ path: file, text })) {
      if (ref.typeOnly) continue;
      // A package would be part of the engine too: the engine is pure (import rules), so none is expected.
      if (!ref.specifier.startsWith(".")) throw new Error(`${file} imports the package ${ref.specifier}`);
      queue.push(fileOf(ref.target));
    }
  }
  return [...seen].sort();
}

function engineHash(files: readonly string[]): string {
  const h = createHash("sha256");
  for (const f of files) h.update(`${f}\u0000${readFileSync(path.join(root, f), "utf8")}\u0000`);
  return h.digest("hex");
}

describe("the analysis engine's version", () => {
  it("follows the engine's modules: term recognition, QA and what they import", () => {
    const files = engineFiles();
    for (const f of [
      "src/text/bead-analysis.ts",
      "src/text/qa.ts",
      "src/text/terms.ts",
      "src/text/qa-codes.ts",
    ])
      expect(files).toContain(f);
    expect(files.every((f) => f.startsWith("src/"))).toBe(true);
  });

  it("is the hash of the engine's sources (set ANALYSIS_ENGINE to the value named when they change)", () => {
    const actual = engineHash(engineFiles());
    expect(
      ANALYSIS_ENGINE,
      `The analysis engine's sources changed: set ANALYSIS_ENGINE in src/text/analysis-engine.ts to "${actual}"`,
    ).toBe(actual);
  });
});
