// Issue 14 in real Chromium, both interface languages: an entry's terms in context (memory segments where
// its terms occur, both languages marked), the import page (each format's columns, a template per format
// that imports back, the warning for Arabic terms with diacritics, the links after applying) and the export
// of the current search. Every page checked with axe-core, value directions and (Arabic) no English left.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { checkPage, launchChromium, shot } from "./browser";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
let bagId = 0;
const suffix = Date.now().toString(36);

async function api(pathname: string, init: { method?: string; body?: string; type?: string } = {}) {
  return fetch(`${server.base}${pathname}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      "content-type": init.type ?? "application/json",
    },
    body: init.body,
  });
}

async function readToken(): Promise<string> {
  const res = await api("/api/tokens", {
    method: "POST",
    body: JSON.stringify({ name: `reader ${Math.random()}`, scope: "read" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function signedIn(acceptLanguage: string, token = server.adminToken) {
  const context = await browser.newContext({
    viewport: { width: 1150, height: 900 },
    extraHTTPHeaders: { "accept-language": acceptLanguage },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.locator("#token").fill(token);
  await page.locator("form[action='/login'] button[type=submit]").click();
  await page.waitForURL(/\/glossary$/);
  return { context, page };
}

/** Memory segments with the seed entry "diplomatic bag" / الحقيبة الدبلوماسية: 4 pairs, 1 Arabic only
 * (with the clitics و+ب), 1 English only (the admitted term), and one without it. */
const PAIRS: [string, string][] = [
  ["وصلت الحقيبة الدبلوماسية إلى السفارة أمس.", "The diplomatic bag reached the embassy yesterday."],
  [
    "لا يجوز فتح الحقيبة الدبلوماسية أو حجزها (المادة 27).",
    "The diplomatic bag shall not be opened or detained (Article 27).",
  ],
  ["وبالحقيبة الدبلوماسية أُرسلت الوثائق.", "The papers went by courier."],
  ["تأخر البريد هذا الأسبوع.", "The diplomatic pouch was late this week."],
  ["تُسلَّم الحقيبة الدبلوماسية كل 3 أيام (2024).", "The diplomatic bag is delivered every 3 days (2024)."],
  ["فُتشت الحقيبة الدبلوماسية خلافًا للاتفاقية.", "The diplomatic bag was searched against the Convention."],
  ["عقد المجلس اجتماعه في 11 سبتمبر.", "The council met on 11 September."],
];

const tmx = () =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="e2e" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ar" datatype="plaintext"/><body>${PAIRS.map(
    ([ar, en]) =>
      `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`,
  ).join("")}</body></tmx>`;

beforeAll(async () => {
  server = await startDevServer("pages-admin");
  browser = await launchChromium();
  const res = await api("/api/tm/import", { method: "POST", body: tmx(), type: "application/x-tmx+xml" });
  expect(res.status).toBe(200);
  const found = (await (await api(`/api/glossary?q=${encodeURIComponent("diplomatic bag")}`)).json()) as {
    items: GlossaryEntry[];
  };
  bagId = found.items.find((e) => e.terms.some((t) => t.text === "diplomatic bag"))?.id ?? 0;
  expect(bagId).toBeGreaterThan(0);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Rows of the context table as { en, ar, marked: texts in <mark> by column }. */
const contextRows = (p: Page) =>
  p.locator("#context tbody tr").evaluateAll((rows) =>
    rows.map((r) => {
      const en = r.querySelector("td[lang=en]");
      const ar = r.querySelector("td[lang=ar]");
      const marks = (td: Element | null) =>
        Array.from(td?.querySelectorAll("mark") ?? []).map((m) => m.textContent);
      return { en: en?.textContent ?? "", ar: ar?.textContent ?? "", enMarks: marks(en), arMarks: marks(ar) };
    }),
  );

for (const [locale, acceptLanguage] of [
  ["en", "en-GB,en;q=0.9"],
  ["ar", "ar-EG,ar;q=0.9"],
] as const) {
  describe(`glossary pages (${locale} interface)`, () => {
    it("an entry shows its terms in context: five memory segments, pairs first, both languages marked", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      await page.goto(`${server.base}/glossary/${bagId}`);
      const rows = await contextRows(page);
      expect(rows).toHaveLength(5);
      // The four segments with the term in both languages come first, each marked on both sides.
      for (const r of rows.slice(0, 4)) {
        expect(r.enMarks).toEqual(["diplomatic bag"]);
        expect(r.arMarks).toHaveLength(1);
        expect(r.arMarks[0]).toContain("الحقيبة الدبلوماسية");
      }
      // Then the Arabic-only one, found through its clitics; the sixth (English only) is behind the link.
      expect(rows[4]?.ar).toBe(PAIRS[2]?.[0]);
      expect(rows[4]?.arMarks[0]).toContain("الحقيبة الدبلوماسية");
      expect(rows[4]?.enMarks).toEqual([]);
      expect(rows.map((r) => r.ar)).not.toContain(PAIRS[6]?.[0]);
      const more = page.locator(".term-context a[href^='/memory?']");
      expect(await more.count()).toBe(1);
      await checkPage(page, "entry with terms in context", locale);
      await shot(page, `${locale === "ar" ? "ar-" : ""}term-in-context`, true);
      // A read-only user sees the entry's view with the same context.
      const reader = await signedIn(acceptLanguage, await readToken());
      await reader.page.goto(`${server.base}/glossary/${bagId}`);
      expect(await reader.page.locator("#entry-form").count()).toBe(0);
      expect((await contextRows(reader.page)).map((r) => r.ar)).toEqual(rows.map((r) => r.ar));
      await checkPage(reader.page, "read-only entry with terms in context", locale);
      await reader.context.close();
      await more.click();
      await page.waitForURL(/\/memory\?/);
      // The head term in the interface language: Arabic in 5 segments (clitics too), English in 4.
      expect(await page.locator("#hits tbody tr").count()).toBe(locale === "ar" ? 5 : 4);
      await context.close();
    });

    it("the import page lists each format's columns and a template that imports back as one addition", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      await page.goto(`${server.base}/glossary/import`);
      const formats = await page
        .locator(".import-formats tbody tr")
        .evaluateAll((rows) => rows.map((r) => r.id));
      expect(formats).toEqual(
        expect.arrayContaining(["format-tsv", "format-csv", "format-tbx", "format-omegat"]),
      );
      for (const f of ["tsv", "csv"]) {
        const codes = await page.locator(`#format-${f} td:nth-of-type(2) code`).allInnerTexts();
        expect(codes.slice(0, 10)).toEqual([
          "key",
          "lang",
          "status",
          "term",
          "pos",
          "term_note",
          "domain",
          "definition",
          "note",
          "source",
        ]);
      }
      expect(await page.locator("#format-tbx").innerText()).toContain("subjectField");
      await checkPage(page, "import page with formats", locale);
      await shot(page, `${locale === "ar" ? "ar-" : ""}import-formats`, true);
      // Every format's template in the English run, one in the Arabic run.
      for (const f of locale === "en" ? ["tsv", "csv", "tbx", "omegat"] : ["csv"]) {
        await page.goto(`${server.base}/glossary/import`);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.locator(`#format-${f} a[download]`).click(),
        ]);
        const file = path.join(tmpdir(), `${suffix}-${locale}-${download.suggestedFilename()}`);
        await download.saveAs(file);
        expect(readFileSync(file, "utf8")).toContain("مصطلح المثال");
        await page.locator("#file").setInputFiles(file);
        await page.locator("#format").selectOption(f);
        await page.locator("form[action='/glossary/import'] button[type=submit]").click();
        await page.waitForURL(/\/glossary\/import$/);
        expect(await page.locator(".counts").innerText(), f).toMatch(
          locale === "ar" ? /للإضافة: ١/ : /^1 to add/,
        );
        expect(await page.locator("ul.plan").first().innerText(), f).toContain("example term");
        // Nothing skipped (OmegaT's text has no domain: that entry is reported as imported with a change).
        const skipped = page.locator("h2", { hasText: /cannot be imported|يتعذّر استيراد/ });
        expect(await skipped.count(), `${f}: nothing skipped`).toBe(0);
      }
      await context.close();
    });

    it("the preview warns about Arabic terms with diacritics, applies them as written, then links back", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      const vocalised = `الأَمْنُ البَحْرِيّ ${locale}`;
      const plain = `الملاحة الدولية ${locale}`;
      const file = path.join(tmpdir(), `diacritics-${locale}-${suffix}.tsv`);
      writeFileSync(
        file,
        "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n" +
          `sea-${locale}-${suffix}\ten\tpreferred\tmaritime security ${locale} ${suffix}\t\t\tsecurity\t\t\t\n` +
          `sea-${locale}-${suffix}\tar\tpreferred\t${vocalised}\t\t\t\t\t\t\n` +
          `nav-${locale}-${suffix}\ten\tpreferred\tinternational navigation ${locale} ${suffix}\t\t\tlaw\t\t\t\n` +
          `nav-${locale}-${suffix}\tar\tpreferred\t${plain}\t\t\t\t\t\t\n`,
      );
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      const warning = page.locator("#diacritics-warning");
      expect(await warning.locator("li").count()).toBe(1);
      const term = warning.locator("li bdi");
      expect([await term.innerText(), await term.getAttribute("lang")]).toEqual([vocalised, "ar"]);
      expect(await warning.innerText()).not.toContain(plain);
      // Merge deletes nothing; the same file in replace mode would (each deletion listed with a Skip box).
      expect(await page.locator(".counts").innerText()).toMatch(
        locale === "ar" ? /للحذف: ٠/ : / 0 to delete/,
      );
      await checkPage(page, "preview with diacritics", locale);
      await shot(page, `${locale === "ar" ? "ar-" : ""}import-diacritics`, true);
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("input[name=mode][value=replace]").check();
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      const deletions = await page.locator("ul.plan li.removed").count();
      expect(deletions).toBeGreaterThan(100);
      expect(await page.locator("ul.plan li.removed input[name=skip]").count()).toBe(deletions);
      await checkPage(page, "replace preview", locale);
      // Back to merge, and apply.
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      await page.locator("#apply-form button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import\/apply$/);
      await checkPage(page, "import done", locale);
      const stored = (await (await api(`/api/glossary?q=${encodeURIComponent(vocalised)}`)).json()) as {
        items: GlossaryEntry[];
      };
      expect(stored.items[0]?.terms.map((t) => t.text)).toContain(vocalised);
      // After applying: back to the glossary, or another import.
      expect(await page.locator("main ul.links a[href='/glossary/import']").count()).toBe(1);
      await page.locator("main ul.links a[href='/glossary']").click();
      await page.waitForURL(/\/glossary$/);
      await context.close();
    });

    it("what a colleague's change leads to: an entry deleted meanwhile, a glossary changed since the preview", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      const en = `consular courier ${locale} ${suffix}`;
      const created = await api("/api/glossary", {
        method: "POST",
        body: JSON.stringify({
          domain: "diplomacy and protocol",
          definition: "A courier carrying a consular bag.",
          terms: [
            { lang: "en", text: en, status: "preferred" },
            { lang: "ar", text: `حامل الحقيبة القنصلية ${locale}`, status: "preferred" },
          ],
        }),
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as GlossaryEntry).id;
      // A colleague deletes the entry while this page is open: saving keeps the input, nothing is lost.
      await page.goto(`${server.base}/glossary/${id}`);
      await page.locator("#definition").fill("My edit, typed before the deletion.");
      expect((await api(`/api/glossary/${id}`, { method: "DELETE" })).status).toBe(204);
      await page.locator("button[name=_action][value=save]:not([hidden])").click();
      await page.waitForLoadState();
      expect(await page.locator("#definition").inputValue()).toBe("My edit, typed before the deletion.");
      expect(await page.locator("main").innerText()).toMatch(
        locale === "ar" ? /لم يُحفظ: حُذف هذا المدخل/ : /Not saved: this entry was deleted/,
      );
      await checkPage(page, "entry deleted meanwhile", locale);
      // A colleague changes the glossary between the preview and applying it: the preview is shown again.
      const file = path.join(tmpdir(), `moved-${locale}-${suffix}.tsv`);
      writeFileSync(
        file,
        "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n" +
          `moved-${locale}-${suffix}\ten\tpreferred\tmoved preview ${locale} ${suffix}\t\t\tlaw\t\t\t\n` +
          `moved-${locale}-${suffix}\tar\tpreferred\tمعاينة منقولة ${locale}\t\t\t\t\t\t\n`,
      );
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      const other = await api("/api/glossary", {
        method: "POST",
        body: JSON.stringify({
          domain: "law",
          definition: "Added by a colleague after the preview.",
          terms: [
            { lang: "en", text: `colleague's entry ${locale} ${suffix}`, status: "preferred" },
            { lang: "ar", text: `مدخل الزميل ${locale}`, status: "preferred" },
          ],
        }),
      });
      expect(other.status).toBe(201);
      await page.locator("#apply-form button[type=submit]").click();
      await page.waitForLoadState();
      expect(await page.locator("main").innerText()).toMatch(
        locale === "ar" ? /تغيّر|تغير/ : /The glossary changed since your preview/,
      );
      const stored = (await (
        await api(`/api/glossary?q=${encodeURIComponent(`moved preview ${locale} ${suffix}`)}`)
      ).json()) as {
        items: GlossaryEntry[];
      };
      expect(stored.items, "nothing applied from a stale preview").toHaveLength(0);
      await checkPage(page, "glossary changed since the preview", locale);
      await context.close();
    });

    it("exports the current search, not the whole glossary", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      await page.goto(`${server.base}/glossary?q=${encodeURIComponent("الحقيبة الدبلوماسية")}`);
      const shown = await page.locator("#results tbody tr").count();
      expect(shown).toBeGreaterThan(0);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#export-selection a[href*='format=tsv']").click(),
      ]);
      const file = path.join(tmpdir(), `${suffix}-${locale}-selection.tsv`);
      await download.saveAs(file);
      const keys = new Set(
        readFileSync(file, "utf8")
          .split("\n")
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split("\t")[0]),
      );
      expect(keys.has("diplomatic-bag")).toBe(true);
      expect(keys.size).toBe(shown);
      await checkPage(page, "search with export", locale);
      await context.close();
    });
  });
}
