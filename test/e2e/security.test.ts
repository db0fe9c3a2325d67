// Security checks that need the real server (wrangler dev: the asset handler, sign-in and sign-out across
// browser contexts in Chromium). Issue 16.
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDevServer("security-admin");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-quic",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("static assets (issue 16)", () => {
  it("are served with X-Content-Type-Options: nosniff (public/_headers), and _headers itself is not served", async () => {
    for (const path of ["/web/app.js", "/web/app.css", "/vendor/swagger-ui/swagger-ui-bundle.js"]) {
      const res = await fetch(`${server.base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      await res.arrayBuffer();
    }
    const headersFile = await fetch(`${server.base}/_headers`);
    expect(headersFile.status).toBe(404);
    expect(await headersFile.text()).not.toContain("nosniff\n");
  });
});

describe("sign-out in Chromium (issue 16.1)", () => {
  it("ends the session for a second browser holding a copy of the cookie", async () => {
    const owner = await browser.newContext();
    const thief = await browser.newContext();
    try {
      const mine = await owner.newPage();
      await mine.goto(`${server.base}/glossary`);
      await mine.getByLabel("Access token").fill(server.adminToken);
      await mine.getByRole("button", { name: "Sign in" }).click();
      await mine.waitForURL(/\/glossary$/);
      // The copy: the session cookie, as a cookie-stealing extension or a shared machine would take it.
      await thief.addCookies((await owner.cookies()).filter((c) => c.name === "__Host-diwan-session"));
      const theirs = await thief.newPage();
      await theirs.goto(`${server.base}/tokens`);
      await expect.poll(() => theirs.getByRole("button", { name: "Create token" }).count()).toBe(1);

      await mine.getByRole("button", { name: "Sign out" }).click();
      await mine.waitForURL(/\/login/);

      // The page the thief loaded before still has a valid-looking form: submitting it must not work.
      const name = `stolen-${Date.now().toString(36)}`;
      await theirs.getByLabel("Name").fill(name);
      await theirs.getByRole("button", { name: "Create token" }).click();
      await theirs.waitForLoadState();
      expect(await theirs.content()).not.toContain(name);
      await theirs.goto(`${server.base}/tokens`);
      await theirs.waitForURL(/\/login\?next=%2Ftokens/);
      const list = await fetch(`${server.base}/api/tokens`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      expect(((await list.json()) as { items: { name: string }[] }).items.map((t) => t.name)).not.toContain(
        name,
      );
    } finally {
      await owner.close();
      await thief.close();
    }
  });
});
