// Starts a throw-away `wrangler dev` for browser tests: own loopback port, own D1 state in a temp dir
// (never the user's .wrangler/state), migrations applied and the seed glossary loaded.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedStatements } from "../../src/db/seed";
import { parseGlossaryTsv } from "../../src/formats/seed-tsv";

const root = path.resolve(import.meta.dirname, "..", "..");
const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" };

export interface DevServer {
  base: string;
  adminToken: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function run(args: string[]): void {
  const r = spawnSync(wrangler, args, { cwd: root, env: quietEnv, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

export async function startDevServer(adminToken = "e2e-admin"): Promise<DevServer> {
  const state = mkdtempSync(path.join(tmpdir(), "diwan-e2e-"));
  run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  const entries = parseGlossaryTsv(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8"));
  const seedFile = path.join(state, "seed.sql");
  writeFileSync(seedFile, `${seedStatements(entries).join(";\n")};\n`);
  run(["d1", "execute", "DB", "--local", "--persist-to", state, "--file", seedFile, "--yes"]);

  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    wrangler,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      state,
      "--var",
      `ADMIN_TOKEN:${adminToken}`,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"], detached: false },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  // Browsers treat http://localhost as a secure context, so the Secure session cookie is accepted there.
  const base = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(undefined);
        }, 5000);
        child.once("exit", () => {
          clearTimeout(t);
          resolve(undefined);
        });
      });
    }
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`wrangler dev exited early:\n${output}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer /health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, adminToken, stop };
}
