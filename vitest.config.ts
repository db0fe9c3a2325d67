import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * `import bytes from "./file.docx?bytes"`: a binary fixture as a Uint8Array in the workerd tests (which have
 * no file system; `?raw` would decode the bytes as UTF-8).
 */
const bytesImports = {
  name: "diwan-bytes",
  enforce: "pre" as const,
  load(id: string) {
    if (!id.endsWith("?bytes")) return null;
    const base64 = readFileSync(id.slice(0, -"?bytes".length)).toString("base64");
    return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
  },
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  if (migrations.length === 0)
    throw new Error("no D1 migrations found in migrations/: tests would run on an empty schema");
  const seedTsv = readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8");
  return {
    test: {
      projects: [
        {
          // Worker code and D1, inside workerd with real (local) D1 and the project's migrations.
          plugins: [
            bytesImports,
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  SEED_TSV: seedTsv,
                  ADMIN_TOKEN: "test-admin-token",
                },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/**/*.test.ts"],
            // `*.node.test.ts` beside an area's Worker tests (test/xliff/write) run in Node.
            exclude: ["test/node/**", "test/e2e/**", "test/**/*.node.test.ts"],
            setupFiles: ["./test/apply-migrations.ts"],
            // Tests assert behaviour, benchmarks measure speed: on a loaded 2-core machine a test sending
            // every documented request (openapi-contract) or seeding the glossary took over the 5 s default.
            testTimeout: 20_000,
          },
        },
        {
          // Tools outside the Worker: schema validators (xmllint, jing) and the real browser (Chromium).
          test: {
            name: "node",
            environment: "node",
            include: ["test/node/**/*.test.ts", "test/e2e/**/*.test.ts", "test/**/*.node.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
