// The glossary editor in a real browser (Debian Chromium via playwright-core) against `wrangler dev`.
// Screenshots of the main pages are taken on every run; with UPDATE_SCREENSHOTS=1 they replace the ones
// kept in docs/screenshots/ (otherwise they go to a temporary folder, so a test run leaves the tree clean).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, shot } from "./browser";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
const suffix = Date.now().toString(36);
const EN = `Honorary consul ${suffix}`;
const AR = "قنصل فخري";
const AR_VARIANT = "القنصل الفخري";
let entryUrl = "";

async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`${server.base}/glossary`);
  await expect.poll(() => p.url()).toContain("/login");
  await p.getByLabel("Access token").fill(token);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.waitForURL(/\/glossary$/);
  return p;
}

async function apiToken(scope: "read" | "write"): Promise<string> {
  const res = await fetch(`${server.base}/api/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `e2e-${scope}-${suffix}`, scope }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  server = await startDevServer();
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1100, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("glossary editor in Chromium", () => {
  it("signs in with a Secure, HttpOnly, SameSite=Strict session cookie", async () => {
    const p = await admin.newPage();
    await p.goto(`${server.base}/glossary`);
    await p.waitForURL(/\/login\?next=%2Fglossary/);
    await shot(p, "login");
    await p.getByLabel("Access token").fill("wrong-token");
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => p.getByText("not valid or has been revoked").count()).toBe(1);
    await p.getByLabel("Access token").fill(server.adminToken);
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.waitForURL(/\/glossary$/);
    const cookie = (await admin.cookies()).find((c) => c.name === "__Host-diwan-session");
    expect(cookie).toMatchObject({
      name: "__Host-diwan-session",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
    });
    page = p;
  });

  it("searches as you type, with and without diacritics", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.getByLabel("Search", { exact: true }).fill("السَّفارَة");
    await expect.poll(() => page.url()).toContain("q=");
    await expect.poll(() => page.locator("#results").innerText()).toContain("embassy");
    const withMarks = await page.locator("#results tbody tr").count();
    await page.getByLabel("Search", { exact: true }).fill("السفارة");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("السفارة");
    await expect.poll(() => page.locator("#results tbody tr").count()).toBe(withMarks);
    expect(withMarks).toBeGreaterThan(0);
    // The URL holds the search: reloading (or sharing) it gives the same results.
    await page.reload();
    expect(await page.getByLabel("Search", { exact: true }).inputValue()).toBe("السفارة");
    expect(await page.locator("#results tbody tr").count()).toBe(withMarks);
    await page.goto(`${server.base}/glossary`);
    await shot(page, "glossary-list");
    await page.getByLabel("Status").selectOption("forbidden");
    // The script swaps the results first, then rewrites the URL.
    await expect.poll(() => page.url()).toContain("status=forbidden");
    expect(await page.locator("#results tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("#results tbody tr").count()).toBe(
      await page.locator("#results tr:has(.badge-forbidden)").count(),
    );
    await shot(page, "glossary-forbidden");
    expect(errors).toEqual([]);
  });

  it("creates an entry with an Arabic variant, then edits it", async () => {
    await page.goto(`${server.base}/glossary`);
    await page.getByRole("link", { name: "New entry" }).click();
    await page.getByLabel("Arabic term", { exact: true }).fill(AR);
    await page.getByLabel("English term", { exact: true }).fill(EN);
    await page.getByLabel("Domain", { exact: true }).fill("diplomacy and protocol");
    await page
      .getByLabel("Definition", { exact: true })
      .fill("A private person who performs consular functions for a state.");
    await page.getByRole("button", { name: "Add term" }).click();
    await page.getByLabel("Variant term 1", { exact: true }).fill(AR_VARIANT);
    await page.getByLabel("Status of variant term 1").selectOption("admitted");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/glossary\/\d+\?saved=1/);
    entryUrl = page.url().replace(/\?.*$/, "");
    expect(await page.getByLabel("Variant term 1", { exact: true }).inputValue()).toBe(AR_VARIANT);
    expect(await page.getByLabel("Arabic term", { exact: true }).getAttribute("dir")).toBe("rtl");
    await shot(page, "entry-form");

    await page.getByLabel("Note", { exact: true }).fill("Not a career consul.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\?saved=1/);
    await expect.poll(() => page.getByText("Version 2").count()).toBe(1);
  });

  it("merges a stale save from a second browser; a clash on the same field asks which value to keep", async () => {
    const other = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    const otherPage = await signIn(other, await apiToken("write"));
    await otherPage.goto(entryUrl);
    await page.goto(entryUrl);
    // The admin saves first ...
    await page.getByLabel("Definition", { exact: true }).fill("Changed by the admin first.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\?saved=1/);
    // ... then the other user, who loaded the old version, saves their edit of the same field.
    await otherPage.getByLabel("Definition", { exact: true }).fill("The other user's definition");
    await otherPage.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => otherPage.getByText("Not saved yet: you and someone else changed the same fields").count())
      .toBe(1);
    expect(await otherPage.locator("#conflict").innerText()).toContain("Changed by the admin first.");
    expect(await otherPage.getByLabel("Definition", { exact: true }).inputValue()).toBe(
      "The other user's definition",
    );
    await shot(otherPage, "conflict");
    await other.close();
  });

  it("shows the history with who, when and what", async () => {
    await page.goto(entryUrl);
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL(/\/history$/);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Version 1: Created by admin/);
    expect(text).toMatch(/Version 3: Changed by admin/);
    expect(text).toContain("Changed by the admin first.");
    await shot(page, "history");
  });

  it("deletes after confirmation", async () => {
    await page.goto(entryUrl);
    await page.getByRole("link", { name: "Delete" }).click();
    await page.waitForURL(/\/delete$/);
    await page.getByRole("button", { name: "Delete entry" }).click();
    await page.waitForURL(/deleted=1/);
    const res = await page.goto(entryUrl);
    expect(res?.status()).toBe(404);
  });

  it("bulk-imports a small CSV through a preview", async () => {
    const file = path.join(tmpdir(), `diwan-e2e-${suffix}.csv`);
    const key = `e2e-${suffix}`;
    writeFileSync(
      file,
      `key,lang,status,term,pos,term_note,domain,definition,note,source\r\n${key},en,preferred,Chargé d'affaires ${suffix},noun,,titles and offices,"Head of mission, below ambassador",,\r\n${key},ar,preferred,قائم بالأعمال,noun,,,,,\r\n${key},ar,forbidden,شارجيه دافير,noun,,,,,\r\nembassy,en,preferred,embassy,noun,,diplomacy and protocol,Changed by import,,\r\nembassy,ar,preferred,السفارة,noun,,,,,\r\n`,
    );
    await page.goto(`${server.base}/glossary/import`);
    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Preview import" }).click();
    await page.waitForURL(/\/glossary\/import$/);
    const preview = await page.locator("main").innerText();
    expect(preview).toMatch(/1 to add, 1 to change, 0 to delete/);
    await shot(page, "import-preview");
    await page.getByRole("button", { name: "Apply import" }).click();
    await expect.poll(() => page.getByText("Import done").count()).toBe(1);
    await page.goto(`${server.base}/glossary?q=${encodeURIComponent("قائم بالأعمال")}`);
    expect(await page.locator("#results").innerText()).toContain(`Chargé d'affaires ${suffix}`);
  });

  it("keeps a script-like term as text", async () => {
    const evil = `<img src=x onerror=alert(1)><script>alert(2)</script> ${suffix}`;
    const res = await fetch(`${server.base}/api/glossary`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        domain: "test",
        terms: [
          { lang: "en", text: evil },
          { lang: "ar", text: "نص خبيث" },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(`${server.base}/glossary?q=${encodeURIComponent(suffix)}`);
    await expect.poll(() => page.locator("#results").innerText()).toContain("<script>alert(2)</script>");
    expect(await page.locator("#results img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("shows a read-only view to a read-scope token, and works without JavaScript", async () => {
    const reader = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const p = await signIn(reader, await apiToken("read"));
    expect(await p.getByRole("link", { name: "New entry" }).count()).toBe(0);
    await p.getByLabel("Search", { exact: true }).fill("مجلس الأمن");
    await p.getByRole("button", { name: "Search" }).click();
    await p.waitForURL(/q=/);
    await p.locator("#results a").first().click();
    await p.waitForURL(/\/glossary\/\d+$/);
    expect(await p.getByRole("button", { name: "Save" }).count()).toBe(0);
    expect(await p.locator("input[type=text], textarea").count()).toBe(0);
    expect(await p.locator("main").innerText()).toContain("Security Council");
    await shot(p, "read-only-phone");
    await reader.close();
  });
});
