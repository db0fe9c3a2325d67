// A throw-away `wrangler dev` for node tests and benches: workerd with its local D1 state in a temp directory
// (never the user's .wrangler/state), the migrations (and optionally the seed glossary) applied, on free
// loopback ports. stop() ends the server's whole process group (wrangler and its workerd) and removes the
// directory; a start that fails cleans up the same way before it throws.
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedStatements } from "../../src/db/seed";
import { parseGlossaryTsv } from "../../src/formats/seed-tsv";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");
const QUIET_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" };
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
/** How long a request waits before GET /health releases wrangler's retry queue (see `kicked`). */
const KICK_MS = 2_000;
/** A keep-alive socket the server closed while the client was busy fails on reuse with one of these. */
const STALE_SOCKET_CODES = new Set(["UND_ERR_SOCKET", "EPIPE", "ECONNRESET"]);

export interface WranglerDevOptions {
  /** Start of the temp directory's name, e.g. "diwan-e2e-". */
  tempPrefix: string;
  /** The Worker's ADMIN_TOKEN; `request` sends it as the bearer token. */
  adminToken: string;
  /**
   * Serve a bundle built once (`wrangler deploy --dry-run`) under a config of this Worker name in the temp
   * directory (D1 binding only: no assets, no vars) instead of the project's wrangler.toml. `wrangler dev`
   * watches the sources it bundles, and colleagues' edits in the working tree would reload it mid-run.
   */
  bundleAs?: string;
  /** Load glossary/diplomatic.tsv after the migrations (what `npm run seed` loads). */
  seedGlossary?: boolean;
  /** `wrangler dev --log-level`; leave it unset to keep the Worker's console.log lines in the log. */
  logLevel?: "warn";
  /** Folder of wrangler-dev.log (appended to, kept); by default the temp directory, removed by stop(). */
  logDir?: string;
}

/** Live servers of this process, ended on exit even if nobody called stop() (e.g. a hook timed out). */
const live = new Set<WranglerDev>();
process.once("exit", () => {
  for (const dev of live) dev.killNow();
});

export class WranglerDev {
  /** Temp directory: D1 state, wrangler-dev.log by default, and files callers want removed with it. */
  readonly dir: string;
  readonly logPath: string;
  private readonly config: string;
  private child: ChildProcess | undefined;
  private listenPort = 0;
  private inspectorListenPort = 0;

  constructor(private readonly options: WranglerDevOptions) {
    this.dir = mkdtempSync(path.join(tmpdir(), options.tempPrefix));
    this.logPath = path.join(options.logDir ?? this.dir, "wrangler-dev.log");
    this.config = options.bundleAs ? path.join(this.dir, "wrangler.toml") : path.join(ROOT, "wrangler.toml");
    live.add(this);
  }

  /** http://127.0.0.1:port of the running server (a restart picks a new port). */
  get base(): string {
    return `http://127.0.0.1:${this.listenPort}`;
  }

  get port(): number {
    return this.listenPort;
  }

  /** Port of wrangler's V8 inspector proxy (Chrome DevTools Protocol: GET /json lists the Worker's target). */
  get inspectorPort(): number {
    return this.inspectorListenPort;
  }

  /** wrangler's process id, which is also its process group's (workerd runs in that group). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** `wrangler d1 execute DB` on this server's local state, e.g. `d1Execute("--command", sql)`. */
  d1Execute(...args: string[]): Promise<void> {
    return runWrangler([
      "d1",
      "execute",
      "DB",
      "-c",
      this.config,
      "--local",
      "--persist-to",
      this.dir,
      ...args,
    ]);
  }

  /** A fetch of `pathname` with the admin bearer token, sent once more on a stale keep-alive socket. */
  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${this.options.adminToken}`);
    try {
      return await this.kicked(fetch(`${this.base}${pathname}`, { ...init, headers }));
    } catch (err) {
      // Between requests the caller may be busy for seconds (validators, building a large body), and
      // wrangler's proxy closes idle connections: a request sent on such a socket fails before it is processed.
      if (!STALE_SOCKET_CODES.has((err as { cause?: { code?: string } }).cause?.code ?? "")) throw err;
      return this.kicked(fetch(`${this.base}${pathname}`, { ...init, headers }));
    }
  }

  /**
   * Waits for a response, sending GET /health every KICK_MS meanwhile. wrangler 4.84's proxy (ProxyWorker)
   * forwards to workerd over pooled connections; when one of them was closed by the other side (idle, e.g.
   * during a long import) the forward fails, and the proxy then takes the Worker for restarting (it compares
   * the request's URL, path included, with the Worker's bare origin): a GET is queued for a retry that only
   * the next incoming request (or a reload) sets off, a POST gets 503 "Your worker restarted mid-request".
   * The Worker itself never saw the request. Another request releases the queue; ours are answered by the
   * Worker as any other.
   */
  private async kicked(response: Promise<Response>): Promise<Response> {
    let answered = false;
    const kicks = (async () => {
      for (;;) {
        await sleep(KICK_MS);
        if (answered) return;
        await fetch(`${this.base}/health`).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
      }
    })();
    try {
      return await response;
    } finally {
      answered = true;
      void kicks;
    }
  }

  /** Builds the bundle (if any) and the database: all migrations and the seed in ONE `d1 execute`. */
  async prepare(): Promise<void> {
    if (this.options.bundleAs) this.writeBundleConfig(this.options.bundleAs);
    // One `d1 execute` of all migrations is several times faster than `migrations apply` (one workerd each).
    const statements = readdirSync(path.join(ROOT, "migrations"))
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((f) => readFileSync(path.join(ROOT, "migrations", f), "utf8"));
    if (this.options.seedGlossary) {
      const tsv = readFileSync(path.join(ROOT, "glossary", "diplomatic.tsv"), "utf8");
      statements.push(...seedStatements(parseGlossaryTsv(tsv)));
    }
    const schema = path.join(this.dir, "schema.sql");
    writeFileSync(schema, `${statements.join("\n;\n")};\n`);
    await Promise.all([
      this.d1Execute("--file", schema),
      this.options.bundleAs
        ? runWrangler(["deploy", "--dry-run", "--outdir", path.join(this.dir, "bundle")])
        : undefined,
    ]);
  }

  /**
   * Starts `wrangler dev` on free ports and waits until it answers /health (or fails with its log). A port
   * found free can be taken by another test process's server before wrangler binds it (parallel test files):
   * that start is retried on new ports, up to three times.
   */
  async launch(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launchOnce();
      } catch (err) {
        if (attempt >= 3 || !/Address already in use/.test(String(err))) throw err;
        this.child = undefined;
      }
    }
  }

  private async launchOnce(): Promise<void> {
    if (this.child) throw new Error("wrangler dev is already running");
    const [port, inspectorPort] = [await freePort(), await freePort()];
    this.listenPort = port;
    this.inspectorListenPort = inspectorPort;
    const log = openSync(this.logPath, "a");
    const logStart = fstatSync(log).size;
    const child = spawn(
      WRANGLER,
      [
        "dev",
        ...(this.options.bundleAs ? ["-c", this.config] : []),
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--inspector-port",
        String(inspectorPort),
        "--persist-to",
        this.dir,
        "--var",
        `ADMIN_TOKEN:${this.options.adminToken}`,
        "--show-interactive-dev-session=false",
        ...(this.options.logLevel ? ["--log-level", this.options.logLevel] : []),
      ],
      // Its own process group, so stop() ends workerd with it.
      { cwd: ROOT, env: QUIET_ENV, stdio: ["ignore", log, log], detached: true },
    );
    closeSync(log);
    this.child = child;
    let spawnError: Error | undefined;
    child.once("error", (err) => {
      spawnError = err;
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const failure = spawnError
        ? `could not be started: ${spawnError.message}`
        : child.exitCode !== null || child.signalCode !== null
          ? "exited early"
          : Date.now() > deadline
            ? `did not answer /health within ${READY_TIMEOUT_MS / 1000} s`
            : undefined;
      if (failure) {
        const output = readFileSync(this.logPath).subarray(logStart).toString("utf8");
        throw new Error(`wrangler dev ${failure}:\n${output}`);
      }
      try {
        if ((await fetch(`${this.base}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(300);
    }
  }

  /** Stops the server, runs `whileStopped` (e.g. a `d1Execute` on its state), starts it again. */
  async restart(whileStopped?: () => Promise<void>): Promise<void> {
    await this.endProcess();
    await whileStopped?.();
    await this.launch();
  }

  /** Ends the server's process group and removes the temp directory. Safe to call more than once. */
  async stop(): Promise<void> {
    try {
      await this.endProcess();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      live.delete(this);
    }
  }

  /** Synchronous last resort on process exit: SIGKILL the group, remove the directory. */
  killNow(): void {
    if (this.child?.pid) signalGroup(this.child.pid, "SIGKILL");
    this.child = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** SIGTERM to the group, SIGKILL to whatever is left of it after the grace period. */
  private async endProcess(): Promise<void> {
    const pgid = this.child?.pid;
    this.child = undefined;
    if (!pgid) return;
    signalGroup(pgid, "SIGTERM");
    const until = Date.now() + STOP_GRACE_MS;
    while (groupAlive(pgid) && Date.now() < until) await sleep(100);
    if (!groupAlive(pgid)) return;
    signalGroup(pgid, "SIGKILL");
    for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(50);
  }

  private writeBundleConfig(name: string): void {
    const source = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8");
    const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(source)?.[1] ?? "2026-04-01";
    writeFileSync(
      this.config,
      `name = "${name}"
main = "bundle/index.js"
no_bundle = true
compatibility_date = "${date}"
compatibility_flags = ["nodejs_compat"]
[[d1_databases]]
binding = "DB"
database_name = "diwan"
database_id = "00000000-0000-4000-8000-000000000000"
`,
    );
  }
}

/** Prepares and launches a server; on any failure it is stopped (directory removed) before the error. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const dev = new WranglerDev(options);
  try {
    await dev.prepare();
    await dev.launch();
  } catch (err) {
    await dev.stop();
    throw err;
  }
  return dev;
}

function runWrangler(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: QUIET_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (d: Buffer) => {
      output += d.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.slice(0, 2).join(" ")} failed:\n${output}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
