// Documents in a real browser (Debian Chromium via playwright-core) against `wrangler dev`: create a
// document from two text files, review it with the keyboard (approve, undo), filter what needs review, edit
// a translation by taking a memory match, add a term from a selection, export XLIFF and upload it back
// translated (report, then apply), search the memory; axe-core on every page in English and Arabic, no
// English left on the Arabic pages; two browsers editing the same segment (the conflict is shown, nothing
// is lost). Screenshots go to docs/screenshots with UPDATE_SCREENSHOTS=1.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, englishLeftovers, launchChromium, shot } from "./browser";
import { apiCall, type DevServer, signInToDocuments, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let docId = 0;
const suffix = Date.now().toString(36);

// Three paragraphs; the English leaves the second paragraph's last sentence out, so one bead is in doubt.
const AR = [
  "عقد مجلس الأمن اجتماعه الطارئ في 12 أيلول/سبتمبر لبحث الوضع في المنطقة. واستمع المجلس إلى إحاطة من الأمين العام.",
  "وأكد الأعضاء دعمهم للحوار السياسي الشامل. ودعوا جميع الأطراف إلى ضبط النفس. وأعربوا عن قلقهم إزاء الوضع الإنساني.",
  "وقرر المجلس أن يبقي المسألة قيد نظره.",
].join("\n\n");
const EN = [
  "The Security Council held its emergency meeting on 12 September to discuss the situation in the region. The Council heard a briefing by the Secretary-General.",
  "Members affirmed their support for an inclusive political dialogue. They called on all parties to exercise restraint.",
  "The Council decided to remain seized of the matter.",
].join("\n\n");

const api = (pathname: string, init: { method?: string; body?: unknown } = {}) =>
  apiCall(server, pathname, init);

interface Seg {
  id: number;
  position: number;
  ar: string;
  en: string | null;
  status: string;
  version: number;
}
async function segments(id: number): Promise<Seg[]> {
  return ((await (await api(`/api/documents/${id}/segments?limit=500`)).json()) as { items: Seg[] }).items;
}

const signIn = (context: BrowserContext) => signInToDocuments(server, context);

async function accessible(p: Page, name: string) {
  expect(await axeViolations(p), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  server = await startDevServer("docs-admin");
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await signIn(admin);
  // A memory entry close to one of the document's sentences, so the segment page has a match to offer.
  const res = await api("/api/documents", {
    method: "POST",
    body: {
      title: `Earlier statement ${suffix}`,
      segments: [
        { ar: "ودعوا جميع الأطراف إلى ضبط النفس.", en: "They urged all parties to show restraint." },
        {
          ar: "وأعربوا عن قلقهم إزاء الوضع الإنساني.",
          en: "They expressed concern about the humanitarian situation.",
        },
      ],
    },
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("documents in Chromium", () => {
  it("creates a document from two .txt files and shows the beads side by side", async () => {
    await accessible(page, "document list (empty or not)");
    await page.getByRole("link", { name: "New document" }).click();
    await page.waitForURL(/\/documents\/new$/);
    await accessible(page, "new document form");
    const dir = tmpdir();
    const arFile = path.join(dir, `ar-${suffix}.txt`);
    const enFile = path.join(dir, `en-${suffix}.txt`);
    writeFileSync(arFile, AR);
    writeFileSync(enFile, EN);
    await page.locator("#title").fill(`Council meeting ${suffix}`);
    await page.locator("#ar_file").setInputFiles(arFile);
    await page.locator("#en_file").setInputFiles(enFile);
    await page.getByRole("button", { name: "Create and align" }).click();
    await page.waitForURL(/\/documents\/\d+\?created=\d+$/);
    docId = Number(/\/documents\/(\d+)/.exec(page.url())?.[1]);
    const segs = await segments(docId);
    expect(segs.length).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator("table.beads tbody tr").count()).toBe(segs.length);
    // English on the left, Arabic on the right, each with its own language and direction.
    const first = page.locator("table.beads tbody tr").first();
    const enBox = await first.locator('td[lang="en"]').boundingBox();
    const arBox = await first.locator('td[lang="ar"]').boundingBox();
    expect(enBox && arBox && enBox.x < arBox.x).toBe(true);
    expect(await first.locator('td[lang="ar"]').getAttribute("lang")).toBe("ar");
    expect(await first.locator('td[lang="ar"]').evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    // The sentence left out of the English leaves a bead in doubt: it is flagged in words, not colour only.
    expect(await page.locator("table.beads tr.flag b").count()).toBeGreaterThan(0);
    await accessible(page, "review page");
    await shot(page, "document-review", true);
  });

  it("reviews with the keyboard: j moves, a approves, the undo button restores; the filter shows what needs review", async () => {
    await page.goto(`${server.base}/documents/${docId}`);
    const before = await segments(docId);
    await page.keyboard.press("j");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`s${before[0]?.id}`);
    await page.keyboard.press("j");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`s${before[1]?.id}`);
    await page.keyboard.press("a");
    await page.waitForURL(/done=approved/);
    expect((await segments(docId))[1]?.status).toBe("approved");
    // After the reload the approved bead has the focus again, and the page says what happened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`s${before[1]?.id}`);
    await expect.poll(() => page.locator(".flash").textContent()).toContain("Segment 2 approved.");
    // The flash's Undo (the latest operations below have one for the same approval): the approval's
    // operation undone from the history.
    await page.locator("#done").getByRole("button", { name: "Undo" }).click();
    await page.waitForURL(/done=op&op=undo/);
    expect((await segments(docId))[1]?.status).toBe(before[1]?.status);

    await page.locator("#filter").selectOption("review");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(/filter=review/);
    const flagged = (await segments(docId)).filter((s) => s.status === "new").length;
    expect(await page.locator("table.beads tbody tr").count()).toBeGreaterThanOrEqual(flagged);
    await accessible(page, "review page, needs review");
  });

  it("edits a translation by taking the memory's match, and adds a term from a selection", async () => {
    const segs = await segments(docId);
    const restraint = segs.find((s) => s.ar.includes("ضبط النفس"));
    if (!restraint) throw new Error("no restraint sentence");
    // An earlier translation of the same Arabic: the segment page offers it as a 100% match.
    const earlier = await api("/api/documents", {
      method: "POST",
      body: {
        title: `Earlier ${suffix}`,
        segments: [{ ar: restraint.ar, en: "They urged all parties to show restraint." }],
      },
    });
    expect(earlier.status).toBe(201);
    await page.goto(`${server.base}/documents/${docId}/segments/${restraint.id}`);
    await accessible(page, "segment page");
    await expect.poll(() => page.locator("ol.matches li").count()).toBeGreaterThan(0);
    await page
      .getByRole("button", { name: /Use this translation \(\d+% match\)/ })
      .first()
      .click();
    await expect
      .poll(() => page.locator("#en").inputValue())
      .toBe("They urged all parties to show restraint.");
    await shot(page, "document-segment", true);
    // Select "ضبط النفس" in the Arabic: the add-to-glossary form takes it.
    await page.locator("#ar-text").evaluate((el) => {
      const text = el.firstChild as Text;
      const start = (text.textContent ?? "").indexOf("ضبط النفس");
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + "ضبط النفس".length);
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    });
    await expect.poll(() => page.locator("#term-ar").inputValue()).toBe("ضبط النفس");
    await page.locator("#term-en").fill("restraint");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/done=saved/);
    expect((await segments(docId)).find((s) => s.id === restraint.id)?.en).toBe(
      "They urged all parties to show restraint.",
    );
    await page.goto(`${server.base}/documents/${docId}/segments/${restraint.id}`);
    await page.locator("#term-ar").fill("ضبط النفس");
    await page.locator("#term-en").fill("restraint");
    await page.getByRole("button", { name: "Open the entry form" }).click();
    await page.waitForURL(/\/glossary\/new\?/);
    const texts = await page
      .locator("input[name=term_text]")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(texts).toEqual(["ضبط النفس", "restraint"]);
  });

  it("exports XLIFF, takes it back translated: the report first, then the import", async () => {
    await page.goto(`${server.base}/documents/${docId}`);
    await page.locator("#xv").selectOption("2.1");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download XLIFF" }).click(),
    ]);
    const file = path.join(tmpdir(), `doc-${suffix}.xlf`);
    await download.saveAs(file);
    const { readFileSync } = await import("node:fs");
    const xliff = readFileSync(file, "utf8");
    expect(xliff).toContain('version="2.1"');
    // A translator revises the English of one segment in the CAT tool.
    const segs = await segments(docId);
    const untranslated = segs.find((s) => s.en !== null && s.status !== "approved");
    if (!untranslated) throw new Error("no segment with English");
    const translated = xliff.replace(
      new RegExp(`(<unit id="s${untranslated.id}"[^>]*>[\\s\\S]*?<target xml:space="preserve">)[^<]*`),
      "$1They expressed concern about the humanitarian situation.",
    );
    expect(translated).not.toBe(xliff);
    writeFileSync(file, translated);
    await page.getByRole("link", { name: "Upload translated XLIFF" }).click();
    await accessible(page, "XLIFF upload");
    await page.locator("#file").setInputFiles(file);
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("What the import would do");
    expect((await segments(docId)).find((s) => s.id === untranslated.id)?.en ?? null).toBe(untranslated.en);
    await accessible(page, "XLIFF report");
    await page.getByRole("button", { name: "Apply the import" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/updated from the XLIFF file/);
    expect((await segments(docId)).find((s) => s.id === untranslated.id)?.en).toContain(
      "They expressed concern about the humanitarian situation.",
    );
    const [tmx] = await Promise.all([
      page.waitForEvent("download").catch(() => null),
      page
        .goto(`${server.base}/documents/${docId}`)
        .then(() => page.getByRole("link", { name: "Download TMX" }).click()),
    ]);
    expect(tmx?.suggestedFilename()).toMatch(/\.tmx$/);
  });

  it("searches the memory: concordance with clitics, fuzzy matches with their score", async () => {
    await page.goto(`${server.base}/memory?q=${encodeURIComponent("الأطراف")}`);
    await expect.poll(() => page.locator("#hits mark").count()).toBeGreaterThan(0);
    // وللأطراف / والأطراف: the clitic-tolerant concordance finds "الأطراف" inside words with prefixes.
    await accessible(page, "memory concordance");
    await page.locator("#match").fill("ودعوا جميع الأطراف إلى ضبط النفس فورا.");
    await page.getByRole("button", { name: "Find matches" }).click();
    await expect.poll(() => page.locator("#matches li").count()).toBeGreaterThan(0);
    await accessible(page, "memory matches");
    await shot(page, "memory", true);
  });

  it("speaks Arabic: every document page with Arabic labels, Arabic on the right, axe clean", async () => {
    const ar = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { "accept-language": "ar-EG" },
    });
    const p = await signIn(ar);
    const segs = await segments(docId);
    for (const [name, url] of [
      ["documents", "/documents"],
      ["new document", "/documents/new"],
      ["review", `/documents/${docId}`],
      ["segment", `/documents/${docId}/segments/${segs[0]?.id}`],
      ["upload", `/documents/${docId}/import`],
      ["memory", `/memory?q=${encodeURIComponent("المجلس")}`],
    ] as const) {
      await p.goto(`${server.base}${url}`);
      expect(await p.locator("html").getAttribute("dir")).toBe("rtl");
      await accessible(p, `${name} (ar)`);
      expect(await englishLeftovers(p), `English left on ${name} (ar)`).toEqual([]);
    }
    await p.goto(`${server.base}/documents/${docId}`);
    const first = p.locator("table.beads tbody tr").first();
    const enBox = await first.locator('td[lang="en"]').boundingBox();
    const arBox = await first.locator('td[lang="ar"]').boundingBox();
    expect(enBox && arBox && enBox.x < arBox.x).toBe(true);
    await shot(p, "document-review-ar", true);
    await ar.close();
  });

  it("two browsers on one segment: the second save shows the first person's text and keeps its own", async () => {
    const alice = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const bob = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const [pa, pb] = await Promise.all([signIn(alice), signIn(bob)]);
    const seg = (await segments(docId))[0];
    if (!seg) throw new Error("no segment");
    const url = `${server.base}/documents/${docId}/segments/${seg.id}`;
    await Promise.all([pa.goto(url), pb.goto(url)]);
    await pa.locator("#en").fill("Alice's translation.");
    await pb.locator("#en").fill("Bob's translation.");
    await pa.getByRole("button", { name: "Save", exact: true }).click();
    await pa.waitForURL(/done=saved/);
    await pb.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(() => pb.locator("#conflict h2").textContent())
      .toBe("Someone else saved this segment meanwhile");
    expect(await pb.locator("#theirs").textContent()).toBe("Alice's translation.");
    expect(await pb.locator("#en").inputValue()).toBe("Bob's translation.");
    await expect.poll(() => pb.evaluate(() => document.activeElement?.id)).toBe("conflict");
    await accessible(pb, "segment conflict");
    expect((await segments(docId))[0]?.en).toBe("Alice's translation.");
    // Bob, having seen Alice's text, saves his own knowingly.
    await pb.getByRole("button", { name: "Save", exact: true }).click();
    await pb.waitForURL(/done=saved/);
    expect((await segments(docId))[0]?.en).toBe("Bob's translation.");

    // The review page: Alice approves from a page loaded before Bob's change: refused, visibly.
    await pa.goto(`${server.base}/documents/${docId}`);
    const second = (await segments(docId))[2];
    if (!second) throw new Error("no third segment");
    await pb.goto(`${server.base}/documents/${docId}/segments/${second.id}`);
    await pb.locator("#en").fill("Bob changed this one too.");
    await pb.getByRole("button", { name: "Save", exact: true }).click();
    await pb.waitForURL(/done=saved/);
    await pa.locator(`#s${second.id} input[type=checkbox]`).check();
    await pa.locator("#toolbar button[data-key=a]").click();
    await expect
      .poll(() => pa.locator("#conflict h2").textContent())
      .toBe("Someone else changed this segment");
    expect(await pa.locator(`#s${second.id} td[lang="en"]`).textContent()).toBe("Bob changed this one too.");
    expect((await segments(docId))[2]?.status).not.toBe("approved");
    await shot(pa, "document-conflict");
    await Promise.all([alice.close(), bob.close()]);
  });
});
