// The committed public/web/app.js and app.css are what web-src/ gives (scripts/build-web.mjs), so the workers
// tests, `wrangler dev` and deploy serve the same files; and the check does catch a source edited without a
// build (a copy of the project's files with one source changed).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const check = (dir: string) =>
  spawnSync(process.execPath, [path.join(dir, "scripts", "build-web.mjs"), "--check"], { encoding: "utf8" });

describe("the built web assets", () => {
  it("are what web-src/ gives (otherwise: npm run build:web)", () => {
    const run = check(root);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // Minified: the readable sources are not what is served.
    const served = readFileSync(path.join(root, "public/web/app.js"), "utf8");
    expect(served.length).toBeLessThan(readFileSync(path.join(root, "web-src/app.js"), "utf8").length * 0.7);
  });

  it("are found stale when a source changed without a build", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "diwan-web-assets-"));
    try {
      for (const part of ["scripts/build-web.mjs", "web-src", "public/web"])
        cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
      symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
      expect(check(dir).status).toBe(0);
      const css = path.join(dir, "web-src/review.css");
      writeFileSync(css, `${readFileSync(css, "utf8")}\n.added { color: red; }\n`);
      const run = check(dir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("public/web/app.css");
      expect(run.stderr).not.toMatch(/\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
