// Issue 14 in real Chromium, in both interface languages: two colleagues editing one entry (three-way
// merge, per-field choice), revert from the history, the import preview (how each row matched, skip a
// row, the file's partial-import report, the file named in the history) and the ranked, live search.
// Every page checked with axe-core, value directions, and (Arabic) no English left.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { checkPage, launchChromium, shot } from "./browser";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
const suffix = Date.now().toString(36);

async function api(
  pathname: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return fetch(`${server.base}${pathname}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      "content-type": "application/json",
      ...(init.headers ?? {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const entryNow = async (id: number) => (await (await api(`/api/glossary/${id}`)).json()) as GlossaryEntry;

async function signedIn(acceptLanguage: string, token = server.adminToken) {
  const context = await browser.newContext({
    viewport: { width: 1150, height: 900 },
    extraHTTPHeaders: { "accept-language": acceptLanguage },
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.locator("#token").fill(token);
  await page.locator("form[action='/login'] button[type=submit]").click();
  await page.waitForURL(/\/glossary$/);
  return { context, page };
}

async function writeToken(name: string): Promise<string> {
  const res = await api("/api/tokens", { method: "POST", body: { name, scope: "write" } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const save = (p: Page) => p.locator("#entry-form .actions button[value=save]").click();

beforeAll(async () => {
  server = await startDevServer("curation-admin");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

for (const [locale, acceptLanguage] of [
  ["en", "en-GB,en;q=0.9"],
  ["ar", "ar-EG,ar;q=0.9"],
] as const) {
  describe(`glossary curation (${locale} interface)`, () => {
    let id = 0;
    const ar = `قنصل فخري ${locale} ${suffix}`;
    const en = `Honorary consul ${locale} ${suffix}`;
    const variant = `قنصل شرفي ${locale}`;

    beforeAll(async () => {
      const res = await api("/api/glossary", {
        method: "POST",
        body: {
          domain: "العلاقات القنصلية",
          definition: "رئيس بعثة قنصلية فخرية (المادة 1).",
          terms: [
            { lang: "ar", text: ar, status: "preferred" },
            { lang: "en", text: en, status: "preferred" },
            { lang: "ar", text: variant, status: "admitted" },
          ],
        },
      });
      expect(res.status).toBe(201);
      id = ((await res.json()) as GlossaryEntry).id;
    });

    it("two colleagues: a note-only save merges with A's definition and status; a same-field clash is chosen per field", async () => {
      const a = await signedIn(acceptLanguage);
      const b = await signedIn(acceptLanguage, await writeToken(`زميل ${locale} ${suffix}`));
      const url = `${server.base}/glossary/${id}`;
      await a.page.goto(url);
      await b.page.goto(url);
      // A changes the definition and makes the variant forbidden.
      const definitionA = "تعريف غيّره الزميل أ (نسخة 2024).";
      await a.page.locator("#definition").fill(definitionA);
      await a.page.locator("#term-2-status").selectOption("forbidden");
      await save(a.page);
      await a.page.waitForURL(/\?saved=1$/);
      // B, who loaded the entry before, edits only the note: saved merged, no conflict page.
      const noteB = `B's note (${locale}): see Article 68.`;
      await b.page.locator("#note").fill(noteB);
      await save(b.page);
      await b.page.waitForURL(/\?saved=merged-\d+$/);
      expect(await b.page.locator("#conflict").count()).toBe(0);
      let now = await entryNow(id);
      expect(now.definition).toBe(definitionA);
      expect(now.note).toBe(noteB);
      expect(now.terms.find((t) => t.text === variant)?.status).toBe("forbidden");
      // The form B now sees holds A's changes.
      expect(await b.page.locator("#definition").inputValue()).toBe(definitionA);
      expect(await b.page.locator("#term-2-status").inputValue()).toBe("forbidden");
      await checkPage(b.page, "merged save", locale);

      // A real clash: both change the definition; B also changes the source, which A left alone.
      await a.page.goto(url);
      const definitionA2 = "Head of an honorary consular post (A, 2025).";
      await a.page.locator("#definition").fill(definitionA2);
      await save(a.page);
      await a.page.waitForURL(/\?saved=1$/);
      const definitionB2 = "تعريف الزميل ب: رئيس مركز قنصلي فخري (1963).";
      await b.page.locator("#definition").fill(definitionB2);
      await b.page.locator("#source").fill("اتفاقية فيينا (1963)");
      await save(b.page);
      await expect.poll(() => b.page.evaluate(() => document.activeElement?.id)).toBe("conflict");
      const choice = b.page.locator("fieldset.merge-choice");
      expect(await choice.count()).toBe(1);
      // Both values side by side, each in its own language and direction.
      const theirs = choice.locator("label[for$=-theirs] bdi");
      const mine = choice.locator("label[for$=-mine] bdi");
      expect(await theirs.innerText()).toBe(definitionA2);
      expect([await theirs.getAttribute("lang"), await theirs.getAttribute("dir")]).toEqual(["en", "ltr"]);
      expect(await mine.innerText()).toBe(definitionB2);
      expect([await mine.getAttribute("lang"), await mine.getAttribute("dir")]).toEqual(["ar", "rtl"]);
      expect(await b.page.locator("#definition").inputValue()).toBe(definitionB2);
      await checkPage(b.page, "conflict", locale);
      await shot(b.page, `${locale === "ar" ? "ar-" : ""}merge-conflict`, true);
      // Nothing was saved yet.
      expect((await entryNow(id)).definition).toBe(definitionA2);
      // English page: B keeps theirs; Arabic page: B takes their own value.
      const pick = locale === "en" ? "theirs" : "mine";
      await choice.locator(`input[value=${pick}]`).check();
      await save(b.page);
      await b.page.waitForURL(/\?saved=merged-\d+$/);
      now = await entryNow(id);
      expect(now.definition).toBe(pick === "theirs" ? definitionA2 : definitionB2);
      expect(now.source).toBe("اتفاقية فيينا (1963)");
      expect(now.note).toBe(noteB);
      expect(now.terms.find((t) => t.text === variant)?.status).toBe("forbidden");
      await a.context.close();
      await b.context.close();
    });

    it("reverts to an earlier version from the history, after a confirmation, as a new version", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      const before = await entryNow(id);
      await page.goto(`${server.base}/glossary/${id}/history`);
      await checkPage(page, "history with revert", locale);
      await page.locator(`a[href="/glossary/${id}/revert?version=1"]`).click();
      await page.waitForURL(/\/revert\?version=1$/);
      await checkPage(page, "revert confirmation", locale);
      await page.locator(`form[action="/glossary/${id}/revert"] button[type=submit]`).click();
      await page.waitForURL(/\/history\?reverted=1-\d+$/);
      const after = await entryNow(id);
      expect(after.version).toBe(before.version + 1);
      expect(after.definition).toBe("رئيس بعثة قنصلية فخرية (المادة 1).");
      expect(after.note).toBeNull();
      expect(after.terms.find((t) => t.text === variant)?.status).toBe("admitted");
      const newest = await page.locator("ol.history > li").first().innerText();
      expect(newest).toContain(locale === "en" ? `Version ${after.version}: Reverted to version 1` : "أعاده");
      await checkPage(page, "history after revert", locale);
      await context.close();
    });

    it("import preview: how each row matched, a row skipped, the file's report item by item, the file in the history", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      const [k1, k2, k3] = ["new-key", "added", "skipped"].map((k) => `${k}-${locale}-${suffix}`);
      const head = "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n";
      const file = path.join(tmpdir(), `مسرد-${locale}-${suffix}.tsv`);
      writeFileSync(
        file,
        head +
          // A new key with the entry's preferred terms: matched by its terms, and merged (nothing removed).
          `${k1}\ten\tpreferred\t${en}\t\t\tالعلاقات القنصلية\t\tملاحظة من الملف (2).\t\n${k1}\tar\tpreferred\t${ar}\t\t\t\t\t\t\n` +
          `${k2}\ten\tpreferred\tconsular exequatur ${locale} ${suffix}\t\t\tالعلاقات القنصلية\t\t\t\n${k2}\tar\tpreferred\tبراءة قنصلية ${locale}\t\t\t\t\t\t\n` +
          `${k3}\ten\tpreferred\tskipped row ${locale} ${suffix}\t\t\tالعلاقات القنصلية\t\t\t\n${k3}\tar\tpreferred\tصف متروك ${locale}\t\t\t\t\t\t\n` +
          `only-english-${locale}\ten\tpreferred\tno Arabic here ${suffix}\t\t\tlaw\t\t\t\n`,
      );
      await page.goto(`${server.base}/glossary/import`);
      await page.locator("#file").setInputFiles(file);
      await page.locator("form[action='/glossary/import'] button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import$/);
      const main = page.locator("main");
      expect(await main.innerText()).toContain(k1);
      expect(await page.locator("p.matched").count()).toBe(1);
      expect(await page.locator("p.matched").innerText()).toContain(
        locale === "en" ? "Matched by its preferred English and Arabic terms" : "طوبق بمصطلحيه المفضَّلين",
      );
      // The reader's reason for the row it could not import, with its line.
      expect(await page.locator("ul.report").first().innerText()).toMatch(/only-english/);
      await checkPage(page, "import preview", locale);
      await shot(page, `${locale === "ar" ? "ar-" : ""}import-preview-skip`, true);
      await page.locator(`input[name=skip][value="${k3}"]`).check();
      await page.locator("#apply-form button[type=submit]").click();
      await page.waitForURL(/\/glossary\/import\/apply$/);
      await checkPage(page, "import done", locale);
      const count = async (q: string) =>
        ((await (await api(`/api/glossary?q=${encodeURIComponent(q)}`)).json()) as { items: unknown[] }).items
          .length;
      expect(await count(`consular exequatur ${locale} ${suffix}`)).toBe(1);
      expect(await count(`skipped row ${locale} ${suffix}`)).toBe(0);
      const merged = await entryNow(id);
      expect(merged.note).toBe("ملاحظة من الملف (2).");
      // Merge only adds and updates: the file's empty definition cell leaves the stored definition.
      expect(merged.definition).toBe("رئيس بعثة قنصلية فخرية (المادة 1).");
      expect(merged.terms.map((t) => t.text)).toContain(variant);
      await page.goto(`${server.base}/glossary/${id}/history`);
      const newest = page.locator("ol.history > li").first();
      expect(await newest.innerText()).toContain(path.basename(file));
      expect(await newest.locator("h2 bdi", { hasText: path.basename(file) }).getAttribute("lang")).toBe(
        "ar",
      );
      await checkPage(page, "history after import", locale);
      await context.close();
    });

    it("search: exact first for clitic and indefinite forms, marked; approximate marked; count, sort, pages, language, live", async () => {
      const { context, page } = await signedIn(acceptLanguage);
      await page.goto(`${server.base}/glossary`);
      const firstRow = () => page.locator("#results tbody tr").first().innerText();
      // Clitics, the indefinite, diacritics, no hamza with tatweel, English.
      for (const q of [
        "والأمن الوطني",
        "للأمن الوطني",
        "أمن وطني",
        "الأَمْن الوطني",
        "الامـــن الوطني",
        "national security",
      ]) {
        await page.locator("#q").fill(q);
        await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(q);
        await expect.poll(firstRow).toContain("national security");
        expect(await firstRow()).not.toContain("adviser");
      }
      expect(await page.locator("#results tbody tr").first().locator("mark").innerText()).toBe(
        "national security",
      );
      expect(await page.locator("#result-count").innerText()).toMatch(
        locale === "en" ? /entries|entry/ : /مدخل|مداخل/,
      );
      await checkPage(page, "search results", locale);
      await shot(page, `${locale === "ar" ? "ar-" : ""}search-ranked`);
      // Typo tolerance, marked as approximate.
      await page.locator("#q").fill("national securty");
      await expect.poll(() => page.locator(".approximate-notice").count()).toBe(1);
      expect(await firstRow()).toContain("national security");
      expect(await page.locator("#results tr.approximate").count()).toBeGreaterThan(0);
      await checkPage(page, "approximate results", locale);
      // Language filter: an English query searched in Arabic terms only finds nothing.
      await page.locator("#q").fill("national security");
      await page.locator("#lang").selectOption("ar");
      await expect.poll(() => page.locator("#results tbody tr").count()).toBe(0);
      await page.locator("#lang").selectOption("");
      // No query: the whole glossary in pages of 50, next and previous.
      await page.locator("#q").fill("");
      await page.locator("#sort").selectOption("term");
      await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("term");
      await expect.poll(() => page.locator("#results tbody tr").count()).toBe(50);
      await page.locator("#results a[rel=next]").click();
      await page.waitForURL(/page=2/);
      expect(await page.locator("#results tbody tr").count()).toBe(50);
      await checkPage(page, "page 2", locale);
      await page.locator("#results a[rel=prev]").click();
      await page.waitForURL((u) => !u.searchParams.has("page"));
      expect(await page.locator("#sort").inputValue()).toBe("term");
      await context.close();
    });
  });
}
