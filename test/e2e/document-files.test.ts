// A new document from files in a real browser (Debian Chromium via playwright-core) against `wrangler dev`,
// in both interface languages, every control reached by its label: an old .doc refused with the side and
// the reason in an error summary (what was typed kept), then an Arabic .docx and an English .html made into
// an aligned document whose notice says what the files held that the text does not. axe-core on each page;
// no English left on the Arabic ones.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arabicStatementDocx, STATEMENT_AR, STATEMENT_EN_HTML } from "../support/docx";
import { axeViolations, englishLeftovers, launchChromium, shot } from "./browser";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
const suffix = Date.now().toString(36);
const dir = tmpdir();
const files = {
  doc: path.join(dir, `minutes-${suffix}.doc`),
  docx: path.join(dir, `statement-ar-${suffix}.docx`),
  html: path.join(dir, `statement-en-${suffix}.html`),
};

const LABELS = {
  en: {
    title: "Title",
    english: "English translation (optional)",
    arFile: "Or the Arabic file (.txt, .html, .docx or .xliff)",
    enFile: "Or the English file (.txt, .html, .docx or .xliff)",
    create: "Create and align",
    refused: `Arabic file \u2068minutes-${suffix}.doc\u2069: an old binary Word document (.doc) is not read`,
    chooseAgain: "Files are not kept after a refusal: choose them again.",
    created: "Document created with",
    leftAr: "Left out of the Arabic file: comments 1, headers 1.",
    leftEn: "Left out of the English file: images 1.",
  },
  ar: {
    title: "العنوان",
    english: "الترجمة الإنكليزية (اختيارية)",
    arFile: "أو الملف العربي (نص، أو صفحة ويب، أو مستند وورد، أو XLIFF)",
    enFile: "أو الملف الإنكليزي (نص، أو صفحة ويب، أو مستند وورد، أو XLIFF)",
    create: "أنشئ وحاذِ",
    refused: `الملف العربي «\u2068minutes-${suffix}.doc\u2069»: مستند وورد القديم (ذو الصيغة الثنائية) لا يُقرأ`,
    chooseAgain: "لا تُحفظ الملفات بعد الرفض: اخترها مرة أخرى.",
    created: "أُنشئت الوثيقة",
    leftAr: "تُرك من الملف العربي: التعليقات (١)، الترويسات (١).",
    leftEn: "تُرك من الملف الإنكليزي: الصور (١).",
  },
} as const;

async function signIn(context: BrowserContext): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`${server.base}/login?next=%2Fdocuments`);
  await p.locator("#token").fill(server.adminToken);
  await p.locator("form[action='/login'] button[type=submit]").click();
  await p.waitForURL(/\/documents$/);
  return p;
}

async function checked(p: Page, name: string, lang: "en" | "ar") {
  expect(await axeViolations(p), `axe on ${name} (${lang})`).toEqual([]);
  if (lang === "ar") expect(await englishLeftovers(p), `English left on ${name}`).toEqual([]);
}

interface Seg {
  ar: string;
  en: string | null;
}
async function segments(id: number): Promise<Seg[]> {
  const res = await fetch(`${server.base}/api/documents/${id}/segments?limit=500`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  return ((await res.json()) as { items: Seg[] }).items;
}

beforeAll(async () => {
  writeFileSync(
    files.doc,
    readFileSync(path.resolve(import.meta.dirname, "../fixtures/documents/poi-52117.doc")),
  );
  writeFileSync(files.docx, arabicStatementDocx());
  writeFileSync(files.html, STATEMENT_EN_HTML);
  server = await startDevServer("docs-files-admin");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a new document from files in Chromium", () => {
  for (const lang of ["en", "ar"] as const) {
    it(`(${lang}) refuses an old .doc with the side and the reason, then aligns an Arabic .docx with an English .html`, async () => {
      const t = LABELS[lang];
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        extraHTTPHeaders: { "accept-language": lang === "ar" ? "ar-EG" : "en-GB" },
      });
      const page = await signIn(context);
      await page.goto(`${server.base}/documents/new`);
      await checked(page, "new document form", lang);
      // The form as a reviewer fills it in, a file each (docs/screenshots, README's walk-through).
      await page.getByLabel(t.title, { exact: true }).fill(`Statement ${suffix}`);
      await page.getByLabel(t.arFile, { exact: true }).setInputFiles(files.docx);
      await page.getByLabel(t.enFile, { exact: true }).setInputFiles(files.html);
      await shot(page, lang === "en" ? "document-files-form" : "document-files-form-ar", true);
      await page.getByLabel(t.enFile, { exact: true }).setInputFiles([]);

      // A refused file: the summary names the side and the reason; the title and the English text stay.
      const title = `Statement ${lang} ${suffix}`;
      await page.getByLabel(t.title, { exact: true }).fill(title);
      await page.getByLabel(t.english, { exact: true }).fill("Kept English text.");
      await page.getByLabel(t.arFile, { exact: true }).setInputFiles(files.doc);
      await page.getByRole("button", { name: t.create }).click();
      const summary = page.getByRole("alert");
      await expect.poll(() => summary.textContent()).toContain(t.refused);
      expect(await summary.textContent()).toContain(t.chooseAgain);
      // The summary is focused (autofocus) and its link leads to the Arabic field.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
      expect(await summary.getByRole("link").getAttribute("href")).toBe("#ar");
      expect(await page.getByLabel(t.title, { exact: true }).inputValue()).toBe(title);
      expect(await page.getByLabel(t.english, { exact: true }).inputValue()).toBe("Kept English text.");
      expect(await page.getByLabel(t.arFile, { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await checked(page, "refused file", lang);
      await shot(page, `document-files-refused-${lang}`, true);

      // The pair: the English text cleared (a file replaces it), both files chosen again.
      await page.getByLabel(t.english, { exact: true }).fill("");
      await page.getByLabel(t.arFile, { exact: true }).setInputFiles(files.docx);
      await page.getByLabel(t.enFile, { exact: true }).setInputFiles(files.html);
      await page.getByRole("button", { name: t.create }).click();
      await page.waitForURL(/\/documents\/\d+\?created=\d+&left=/);
      const id = Number(/\/documents\/(\d+)/.exec(page.url())?.[1]);
      const status = page.locator(".flash").first();
      await expect.poll(() => status.textContent()).toContain(t.created);
      expect(await status.textContent()).toContain(t.leftAr);
      expect(await status.textContent()).toContain(t.leftEn);
      const segs = await segments(id);
      expect(segs[0]).toEqual(expect.objectContaining({ ar: STATEMENT_AR[0], en: "Council meeting" }));
      expect(segs.at(-1)).toEqual(
        expect.objectContaining({
          ar: STATEMENT_AR[2],
          en: "The Secretary-General affirmed his support for dialogue.",
        }),
      );
      expect(await page.locator("table.beads tbody tr").count()).toBe(segs.length);
      await checked(page, "review page after files", lang);
      await context.close();
    });
  }
});
