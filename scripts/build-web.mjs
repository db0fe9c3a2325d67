// The browser's script and styles, minified: web-src/ holds the readable sources, public/web/ what the Worker's
// asset handler serves (committed, so the workers tests, `wrangler dev` and deploy serve the same files).
// wrangler.toml's [build] runs this before `wrangler dev` (and again when web-src/ changes) and before deploy;
// test/node/web-assets.test.ts fails when the committed files are not what the sources give, so they never
// drift. `npm run build:web` writes them; `--check` only compares (exit 1 and the stale files' names).
// The styles are one file (app.css then review.css): one request, and one gzip stream compresses better.
// glossary.js is imported by app.js on the pages that need it. inline-editor.js is not built (yet): loaded on
// first use only, it is no part of a page's first load.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { transform } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const OUTPUTS = [
  { out: "public/web/app.js", sources: ["web-src/app.js"], loader: "js" },
  { out: "public/web/glossary.js", sources: ["web-src/glossary.js"], loader: "js" },
  { out: "public/web/app.css", sources: ["web-src/app.css", "web-src/review.css"], loader: "css" },
];

/** Each output's path and the text the sources give. */
export async function buildWebAssets() {
  const built = [];
  for (const { out, sources, loader } of OUTPUTS) {
    const text = sources.map((s) => readFileSync(path.join(root, s), "utf8")).join("\n");
    const { code } = await transform(text, {
      loader,
      minify: true,
      // Browsers the pages support already run the sources as written: nothing is rewritten, only shortened.
      target: "esnext",
      banner: `/* Made by npm run build:web from ${sources.join(" + ")}: edit the source. */`,
    });
    built.push({ out, text: code });
  }
  return built;
}

const stale = [];
for (const { out, text } of await buildWebAssets()) {
  const file = path.join(root, out);
  let current = null;
  try {
    current = readFileSync(file, "utf8");
  } catch {}
  if (current === text) continue;
  stale.push(out);
  if (process.argv.includes("--check")) continue;
  // Written whole then renamed: a server starting meanwhile never serves half a file.
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
if (process.argv.includes("--check") && stale.length) {
  console.error(`not what web-src/ gives (run npm run build:web): ${stale.join(", ")}`);
  process.exit(1);
}
