// The web pages in both interface languages in real Chromium (Debian's, via playwright-core) against
// `wrangler dev`: every page in English and Arabic with axe-core and no English left on Arabic pages,
// mixed Arabic/English/number values laid out in their own direction (screenshots in docs/screenshots),
// and the keyboard and focus behaviour of issue 14.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, launchChromium, shot } from "./browser";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
const suffix = Date.now().toString(36);
const NOTE_AR = "يُستعمل في البيانات الرسمية (3 مواضع في 2023).";
const NOTE_AR_2 = "يُفضَّل في نصوص الأمم المتحدة (UN) منذ 2019، لا في الصحافة.";
const DEFINITION_MIXED = "Head of a consular post (قنصلية فخرية), appointed under Article 10 (1963).";
let entryId = 0;

async function api(
  pathname: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${server.base}${pathname}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      "content-type": "application/json",
      ...(init.headers ?? {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return res;
}

/** A signed-in context whose browser asks for `acceptLanguage` (en-US, or ar-EG: Arabic-Indic digits). */
async function signedIn(acceptLanguage: string, token = server.adminToken, javaScript = true) {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    extraHTTPHeaders: { "accept-language": acceptLanguage },
    javaScriptEnabled: javaScript,
  });
  const p = await context.newPage();
  await p.goto(`${server.base}/login`);
  await p.locator("#token").fill(token);
  await p.locator("form[action='/login'] button[type=submit]").click();
  await p.waitForURL(/\/glossary$/);
  return { context, page: p };
}

async function writeToken(): Promise<string> {
  const res = await api("/api/tokens", { method: "POST", body: { name: `كاتب ${suffix}`, scope: "write" } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  server = await startDevServer("i18n-admin");
  browser = await launchChromium();
  const res = await api("/api/glossary", {
    method: "POST",
    body: {
      domain: "العلاقات القنصلية",
      definition: DEFINITION_MIXED,
      note: NOTE_AR,
      source: "(1963) اتفاقية فيينا للعلاقات القنصلية، المادة 68",
      terms: [
        { lang: "ar", text: `قنصل فخري ${suffix}`, status: "preferred" },
        { lang: "en", text: `Honorary consul ${suffix}`, status: "preferred" },
        { lang: "ar", text: "قنصل شرفي", status: "deprecated", note: "(3 مواضع في 2023)" },
      ],
    },
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: number; version: number };
  entryId = created.id;
  // A second version changes the note: the history shows an Arabic note replaced by another.
  const patch = await api(`/api/glossary/${entryId}`, {
    method: "PATCH",
    body: { note: NOTE_AR_2 },
    headers: { "if-match": `"v${created.version}"` },
  });
  expect(patch.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The pages a signed-in admin can reach, by a name for reports and screenshots. */
const pages = (): [string, string][] => [
  ["glossary-list", "/glossary"],
  ["search", `/glossary?q=${encodeURIComponent("قنصل")}`],
  ["new-entry", "/glossary/new"],
  ["entry-form", `/glossary/${entryId}`],
  ["history", `/glossary/${entryId}/history`],
  ["delete", `/glossary/${entryId}/delete`],
  ["import", "/glossary/import"],
  ["tokens", "/tokens"],
  ["not-found", "/glossary/99999999"],
];

describe("every page in both interface languages", () => {
  for (const [locale, acceptLanguage] of [
    ["en", "en-US,en;q=0.9"],
    ["ar", "ar-EG,ar;q=0.9,en;q=0.5"],
  ] as const) {
    it(`${locale}: sign-in page, then each page: lang/dir, axe-core, ${locale === "ar" ? "no English left" : "labels"}`, async () => {
      const anon = await browser.newContext({ extraHTTPHeaders: { "accept-language": acceptLanguage } });
      const login = await anon.newPage();
      await login.goto(`${server.base}/login`);
      await checkPage(login, "login", locale);
      if (locale === "ar") await shot(login, "ar-login");
      // A wrong token: the error takes the focus and the field keeps what was typed.
      await login.locator("#token").fill("not-a-token");
      await login.locator("form[action='/login'] button[type=submit]").click();
      await expect.poll(() => login.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      expect(await login.locator("#token").inputValue()).toBe("not-a-token");
      await checkPage(login, "login refused", locale);
      await anon.close();

      const { context, page } = await signedIn(acceptLanguage);
      for (const [name, url] of pages()) {
        const res = await page.goto(`${server.base}${url}`);
        expect(res?.status(), name).toBe(name === "not-found" ? 404 : 200);
        await checkPage(page, name, locale);
      }
      // Import preview (a TSV that adds one entry and changes nothing else).
      const file = path.join(tmpdir(), `diwan-i18n-${locale}-${suffix}.tsv`);
      writeFileSync(
        file,
        `key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\ni18n-${locale}-${suffix}\ten\tpreferred\tConsular district ${locale} ${suffix}\tnoun\t\tالعلاقات القنصلية\t\tمنطقة (المادة 1).\t\ni18n-${locale}-${suffix}\tar\tpreferred\tدائرة قنصلية ${locale}\tnoun\t\t\t\t\t\n`,
      );
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      expect(await page.locator(".counts").innerText()).toMatch(locale === "ar" ? /للإضافة: ١/ : /1 to add/);
      await checkPage(page, "import-preview", locale);
      if (locale === "ar") await shot(page, "ar-import-preview");
      // A failed save: the error summary takes the focus, in the page's language.
      await page.goto(`${server.base}/glossary/new`);
      await page.locator("#domain").fill("x");
      await page.locator("#entry-form .actions button[value=save]").click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      await checkPage(page, "failed save", locale);
      if (locale === "ar") {
        expect(await page.locator("#error-summary").innerText()).toContain("المصطلح العربي إلزامي");
        // Screenshots of the main pages in Arabic, Arabic-Indic digits (ar-EG).
        await page.goto(`${server.base}/glossary`);
        await shot(page, "ar-glossary-list");
        await page.goto(`${server.base}/glossary/${entryId}`);
        await shot(page, "ar-entry-form");
        await page.goto(`${server.base}/glossary/${entryId}/history`);
        await shot(page, "ar-history");
        await page.goto(`${server.base}/tokens`);
        await shot(page, "ar-tokens");
      } else {
        await page.goto(`${server.base}/glossary/${entryId}/history`);
        await shot(page, "history-mixed");
      }
      await context.close();
    });
  }

  it("a read-only Arabic user on a phone, without JavaScript: entry view with mixed values, no English left", async () => {
    const res = await api("/api/tokens", { method: "POST", body: { name: `قارئ ${suffix}`, scope: "read" } });
    const { token } = (await res.json()) as { token: string };
    // Without JavaScript: no edit controls, and the copy buttons stay hidden (they need the clipboard).
    const noScript = await signedIn("ar", token, false);
    await noScript.page.goto(`${server.base}/glossary/${entryId}`);
    expect(await noScript.page.locator("input[type=text], textarea").count()).toBe(0);
    expect(await noScript.page.locator("button.copy:visible").count()).toBe(0);
    expect(await noScript.page.locator("main").innerText()).toContain("قنصل شرفي");
    await noScript.context.close();
    // axe needs scripts (it runs in the page): the same page with JavaScript, on a phone.
    const { context, page } = await signedIn("ar", token);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.base}/glossary/${entryId}`);
    await checkPage(page, "entry view (read-only)", "ar");
    await shot(page, "ar-read-only-phone", true);
    await context.close();
  });
});

describe("Arabic values keep their own direction", () => {
  it("lays out an Arabic note right to left in the history, on an English page and an Arabic one", async () => {
    for (const acceptLanguage of ["en", "ar"]) {
      const { context, page } = await signedIn(acceptLanguage);
      await page.goto(`${server.base}/glossary/${entryId}/history`);
      const ins = page.locator("ul.diff ins", { hasText: "الأمم المتحدة" });
      expect(await ins.getAttribute("dir")).toBe("rtl");
      expect(await ins.getAttribute("lang")).toBe("ar");
      expect(await ins.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
      // The full stop of an Arabic note ends up at its left end, the opening of "(UN)" to the right of ")".
      const box = await ins.evaluate((el) => {
        const r = document.createRange();
        const text = el.firstChild as Text;
        const s = text.data;
        r.setStart(text, s.length - 1);
        r.setEnd(text, s.length);
        const stop = r.getBoundingClientRect();
        r.setStart(text, 0);
        r.setEnd(text, 1);
        const first = r.getBoundingClientRect();
        return { stopX: stop.x, firstX: first.x };
      });
      expect(box.stopX).toBeLessThan(box.firstX);
      await context.close();
    }
  });
});

describe("switching language", () => {
  it("switches on any page, comes back to it, and is remembered", async () => {
    const { context, page } = await signedIn("en-US");
    await page.goto(`${server.base}/glossary/${entryId}/history`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.locator("form.prefs button[value=ar]").click();
    await page.waitForURL(new RegExp(`/glossary/${entryId}/history$`));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    // en-US names no Arabic: Western digits until the user chooses otherwise.
    expect(await page.locator("main").innerText()).toContain("الإصدار 2");
    await page.locator("form.prefs button[value=arab]").click();
    await page.waitForURL(/\/history$/);
    expect(await page.locator("main").innerText()).toContain("الإصدار ٢");
    const other = await context.newPage();
    await other.goto(`${server.base}/glossary`);
    expect(await other.locator("html").getAttribute("lang")).toBe("ar");
    await other.locator("form.prefs button[value=en]").click();
    await other.waitForURL(/\/glossary$/);
    expect(await other.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });
});

describe("switching language with unsaved work", () => {
  it("asks before a switch would lose edits in the entry form or a refused form shown again", async () => {
    const { context, page } = await signedIn("en-US");
    const asked: string[] = [];
    let accept = false;
    page.on("dialog", (d) => {
      asked.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
    // Untouched form: no question.
    await page.goto(`${server.base}/glossary/${entryId}`);
    await page.locator("form.prefs button[value=ar]").click();
    await page.waitForURL(new RegExp(`/glossary/${entryId}$`));
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    expect(asked).toEqual([]);
    // Edited: asked (in the page's language); declining keeps the page and the text typed.
    await page.locator("#note").fill("ملاحظة لم تُحفظ (1)");
    await page.locator("form.prefs button[value=en]").click();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("لم تُحفظ تعديلاتك");
    expect(await page.locator("html").getAttribute("lang")).toBe("ar");
    expect(await page.locator("#note").inputValue()).toBe("ملاحظة لم تُحفظ (1)");
    // A refused save shown again holds unsaved work too, before any typing.
    await page.goto(`${server.base}/glossary/new`);
    await page.locator("#domain").fill("x");
    await page.locator("#entry-form .actions button[value=save]").click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    accept = true;
    await page.locator("form.prefs button[value=en]").click();
    await page.waitForURL(/\/glossary\/new$/);
    expect(asked).toHaveLength(2);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });
});

describe("keyboard, focus and announcements", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn("ar-SA"));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("Enter in a field saves (Add term is not the default button); Ctrl+S saves too", async () => {
    await page.goto(`${server.base}/glossary/${entryId}`);
    const version = await page.locator("input[name=version]").inputValue();
    const rows = await page.locator(".term-row").count();
    await page.locator("#source").fill("Vienna Convention (1963), art. 68 — Enter");
    await page.locator("#source").press("Enter");
    await page.waitForURL(/\?saved=1$/);
    expect(await page.locator(".term-row").count()).toBe(rows);
    expect(Number(await page.locator("input[name=version]").inputValue())).toBe(Number(version) + 1);
    await page.locator("#note").fill(`${NOTE_AR_2} (Ctrl+S)`);
    await page.locator("#note").press("Control+s");
    await page.waitForURL(/\?saved=1$/);
    expect(Number(await page.locator("input[name=version]").inputValue())).toBe(Number(version) + 2);
    expect(await page.locator("#note").inputValue()).toBe(`${NOTE_AR_2} (Ctrl+S)`);
  });

  it("a variant term's input follows the language chosen for it", async () => {
    await page.goto(`${server.base}/glossary/${entryId}`);
    const select = page.locator("select[data-lang-of]").first();
    const input = page.locator(`#${await select.getAttribute("data-lang-of")}`);
    expect(await input.getAttribute("dir")).toBe("rtl");
    await select.selectOption("en");
    expect(await input.getAttribute("dir")).toBe("ltr");
    expect(await input.getAttribute("lang")).toBe("en");
    expect(await input.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    await select.selectOption("ar");
    expect(await input.getAttribute("dir")).toBe("rtl");
  });

  it("copies a term with its copy button", async () => {
    await page.goto(`${server.base}/glossary/${entryId}`);
    const button = page.locator("button.copy").first();
    // The copy buttons come with glossary.js, which app.js loads on pages that have terms: wait for it.
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`قنصل فخري ${suffix}`);
  });

  it("/ goes to the search box; the live region announces the count, not the table", async () => {
    await page.goto(`${server.base}/glossary`);
    await page.locator("h1").click();
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.evaluate(() => {
      (document.getElementById("result-count") as HTMLElement & { marked?: boolean }).marked = true;
    });
    await page.keyboard.type(suffix);
    await expect.poll(() => page.locator("#results tbody tr").count()).toBe(1);
    const live = await page.evaluate(() => {
      const count = document.getElementById("result-count") as HTMLElement & { marked?: boolean };
      const results = document.getElementById("results");
      return {
        same: count.marked === true,
        text: count.textContent,
        polite: count.getAttribute("aria-live"),
        resultsLive: results?.closest("[aria-live]") !== null,
      };
    });
    expect(live).toEqual({ same: true, text: "مدخل واحد.", polite: "polite", resultsLive: false });
  });

  it("a conflict takes the focus (two browsers, Arabic interface)", async () => {
    const other = await signedIn("ar", await writeToken());
    await other.page.goto(`${server.base}/glossary/${entryId}`);
    await page.goto(`${server.base}/glossary/${entryId}`);
    await page.locator("#definition").fill("تعريف غيّره المدير أولًا (نسخة 2024).");
    await page.locator("#entry-form .actions button[value=save]").click();
    await page.waitForURL(/\?saved=1$/);
    await other.page.locator("#definition").fill("ملاحظة الزميل: راجِع المادة 68 (الفقرة 2).");
    await other.page.locator("#entry-form .actions button[value=save]").click();
    await expect.poll(() => other.page.evaluate(() => document.activeElement?.id)).toBe("conflict");
    expect(await other.page.locator("#definition").inputValue()).toBe(
      "ملاحظة الزميل: راجِع المادة 68 (الفقرة 2).",
    );
    await checkPage(other.page, "conflict", "ar");
    await shot(other.page, "ar-conflict");
    await other.context.close();
  });
});
