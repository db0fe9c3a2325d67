// Starts a throw-away `wrangler dev` for browser tests (test/support/wrangler-dev.ts): own loopback port, own
// D1 state in a temp dir (never the user's .wrangler/state), migrations applied and the seed glossary loaded.
// It serves the project's wrangler.toml (the editor's static assets come from its [assets]).
import type { BrowserContext, Page } from "playwright-core";
import { startWranglerDev } from "../support/wrangler-dev";

export interface DevServer {
  base: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startDevServer(adminToken = "e2e-admin"): Promise<DevServer> {
  const dev = await startWranglerDev({
    tempPrefix: "diwan-e2e-",
    adminToken,
    seedGlossary: true,
    logLevel: "warn",
  });
  // Browsers treat http://localhost as a secure context, so the Secure session cookie is accepted there.
  return { base: `http://localhost:${dev.port}`, adminToken, stop: () => dev.stop() };
}

/** A JSON API call with the server's admin token. */
export function apiCall(
  server: DevServer,
  pathname: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${server.base}${pathname}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Signs a browser context in with the server's admin token through the sign-in form; lands on /documents. */
export async function signInToDocuments(server: DevServer, context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`${server.base}/login?next=%2Fdocuments`);
  await p.locator("#token").fill(server.adminToken);
  await p.locator("form[action='/login'] button[type=submit]").click();
  await p.waitForURL(/\/documents$/);
  return p;
}
