// Copies the API reference UI (swagger-ui-dist) from node_modules into public/vendor, where the Worker's
// asset handler serves it: /docs works offline and from our own origin, with no CDN.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..");
const from = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const to = path.join(root, "public", "vendor", "swagger-ui");
mkdirSync(to, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(path.join(from, file), path.join(to, file));
}
