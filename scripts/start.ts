// `npm start [-- --port N]`: prepares the local D1 database (migrations + seed glossary) and serves the
// Worker with `wrangler dev`. Extra arguments are passed on to wrangler.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const devVars = path.join(root, ".dev.vars");
if (!existsSync(devVars)) {
  copyFileSync(path.join(root, ".dev.vars.example"), devVars);
  console.log("Created .dev.vars from .dev.vars.example");
}
const token =
  /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(devVars, "utf8"))?.[1]?.trim() ?? "(not set: API refuses)";

run("node", [path.join(root, "scripts", "vendor.mjs")]);
run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"]);
run(bin("tsx"), [path.join(root, "scripts", "seed.ts")]);

const args = process.argv.slice(2);
const portIdx = args.indexOf("--port");
const port =
  (portIdx >= 0 ? args[portIdx + 1] : args.find((a) => a.startsWith("--port="))?.slice(7)) ?? "8787";
const base = `http://localhost:${port}`;
console.log(`
Diwan is starting on ${base}
  API:           ${base}/api   (Authorization: Bearer ${token})
  API reference: ${base}/docs  (OpenAPI document: ${base}/openapi.json)
  Glossary:      ${base}/glossary
  Admin token:   ${token}   (from .dev.vars)
`);
const hasPort = portIdx >= 0 || args.some((a) => a.startsWith("--port="));
const child = spawn(bin("wrangler"), ["dev", ...(hasPort ? [] : ["--port", port]), ...args], {
  cwd: root,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
