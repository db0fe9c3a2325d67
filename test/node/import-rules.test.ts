// The layer rules (docs/architecture.md "Import rules") hold for src/, and the check does catch breaches.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, importViolations, type SourceFile } from "./import-rules";

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): SourceFile[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const abs = path.join(e.parentPath, e.name);
      return { path: path.relative(root, abs).split(path.sep).join("/"), text: readFileSync(abs, "utf8") };
    });
}

const file = (p: string, text: string): SourceFile => ({ path: p, text });

describe("import rules", () => {
  it("hold for every module of src/", () => {
    const files = sources("src");
    expect(files.length).toBeGreaterThan(50);
    expect(importViolations(files)).toEqual([]);
  });

  it("catch a pure engine importing a value from outside itself; types and src/types.ts stay legal", () => {
    expect(
      importViolations([
        file("src/text/x.ts", 'import { glossaryIndex } from "../db/matcher";\nimport { z } from "zod";'),
        file(
          "src/formats/y.ts",
          'export { parseTmx } from "../text/tmx";\nconst m = await import("../db/seed");',
        ),
        file(
          "src/text/ok.ts",
          'import { LANGS } from "../types";\nimport type { Db } from "../env";\nimport { type TermMatcher } from "../text/terms";\nimport { sql } from "./sql";',
        ),
        file(
          "src/formats/ok.ts",
          'import { SaxesParser } from "saxes";\nimport { escape } from "./xml-escape";',
        ),
      ]),
    ).toEqual([
      'src/text/x.ts:1: "../db/matcher" — the text engine is pure: its own modules and the shared vocabulary (src/types.ts) only',
      'src/text/x.ts:2: "zod" — the text engine is pure: its own modules and the shared vocabulary (src/types.ts) only',
      'src/formats/y.ts:1: "../text/tmx" — the format layer is pure: its own modules, the shared vocabulary (src/types.ts), its XML and HTML parsers, its ZIP library and its spreadsheet library',
      'src/formats/y.ts:2: "../db/seed" — the format layer is pure: its own modules, the shared vocabulary (src/types.ts), its XML and HTML parsers, its ZIP library and its spreadsheet library',
    ]);
  });

  it("catch storage or use cases importing Hono or src/http (types too), and the web importing routes", () => {
    const found = importViolations([
      file("src/db/a.ts", 'import type { Context } from "hono";'),
      file("src/db/b.ts", 'import { readUtf8Body } from "../http/body";'),
      file("src/db/c.ts", 'import { requireScope } from "../middleware/auth";'),
      file("src/usecases/d.ts", 'import { HTTPException } from "hono/http-exception";'),
      file("src/usecases/e.ts", 'import { z } from "@hono/zod-openapi";'),
      file("src/web/f/routes.tsx", 'import { MAX_IMPORT_BYTES } from "../../routes/glossary-exchange";'),
      file("src/web/g.tsx", 'import type { ImportQuery } from "../routes/glossary-exchange";'),
      file("src/routes/h.ts", 'import { page } from "../web/page";'),
      file(
        "src/usecases/ok.ts",
        'import { planImport } from "../db/glossary-import";\nimport { z } from "zod";',
      ),
      file(
        "src/web/ok.tsx",
        'import { importGlossary } from "../usecases/glossary-exchange";\nimport { Hono } from "hono";',
      ),
    ]);
    expect(found.map((v) => v.split(" — ")[0])).toEqual([
      'src/db/a.ts:1: "hono"',
      'src/db/b.ts:1: "../http/body"',
      'src/db/c.ts:1: "../middleware/auth"',
      'src/usecases/d.ts:1: "hono/http-exception"',
      'src/usecases/e.ts:1: "@hono/zod-openapi"',
      'src/web/f/routes.tsx:1: "../../routes/glossary-exchange"',
      'src/web/g.tsx:1: "../routes/glossary-exchange"',
      'src/routes/h.ts:1: "../web/page"',
    ]);
  });

  it("tells type-only imports and re-exports from value ones", () => {
    const refs = importsOf(
      file(
        "src/x/a.ts",
        [
          'import type { A } from "./a";',
          'import { type B, type C } from "./b";',
          'import { type D, e } from "./d";',
          'export type { F } from "./f";',
          'export { g } from "./g";',
          'import * as h from "./h";',
          'let i: import("./i").I;',
        ].join("\n"),
      ),
    );
    expect(refs.map((r) => [r.target, r.typeOnly])).toEqual([
      ["src/x/a", true],
      ["src/x/b", true],
      ["src/x/d", false],
      ["src/x/f", true],
      ["src/x/g", false],
      ["src/x/h", false],
      ["src/x/i", true],
    ]);
  });
});
