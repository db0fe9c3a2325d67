// Bead operations on the review page in a real browser (Debian Chromium via playwright-core) against
// `wrangler dev`: a deliberately misaligned document fixed by moving a sentence, merging and splitting, an
// untranslated sentence marked, a run approved, undo and redo from the history; one operation without
// JavaScript (the toolbar's list); two browser contexts operating on the same document (the second is
// refused with a clear message, nothing lost); glossary terms underlined with their entry on hover and
// focus, a forbidden one in red; axe-core and no English left on the Arabic page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, englishLeftovers, launchChromium, shot } from "./browser";
import { apiCall, type DevServer, signInToDocuments, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let docId = 0;
const tag = Date.now().toString(36);

// Misaligned on purpose: bead 1's English holds bead 2's sentence too (move it); one Arabic sentence is cut
// over beads 3 and 4 (merge them); bead 5 pairs two sentences of each language (split it); bead 6's English
// is not a translation of its Arabic (mark the Arabic untranslated, the English an addition).
const SEGMENTS = [
  {
    ar: "عقد مجلس الأمن اجتماعه الطارئ في 12 أيلول/سبتمبر.",
    en: "The Security Council held its emergency meeting on 12 September. The Council heard a briefing.",
  },
  { ar: "واستمع المجلس إلى إحاطة." },
  { ar: "وأكد الأعضاء دعمهم", en: "Members affirmed their support" },
  { ar: "للحوار السياسي الشامل.", en: "for an inclusive political dialogue." },
  {
    ar: "ودعوا جميع الأطراف إلى ضبط النفس. وقرر المجلس أن يبقي المسألة قيد نظره.",
    en: `They called for a humanitarian truce ${tag}. The Council decided to remain seized of the matter.`,
  },
  { ar: "وأعربوا عن قلقهم إزاء الوضع الإنساني.", en: "The meeting was broadcast live." },
];

const api = (pathname: string, init: { method?: string; body?: unknown } = {}) =>
  apiCall(server, pathname, init);

interface Seg {
  id: number;
  ar: string;
  en: string | null;
  status: string;
}
const segments = async (): Promise<Seg[]> =>
  ((await (await api(`/api/documents/${docId}/segments?limit=500`)).json()) as { items: Seg[] }).items;
const pairs = async () => (await segments()).map((s) => [s.ar, s.en]);

const signIn = (context: BrowserContext) => signInToDocuments(server, context);

async function accessible(p: Page, name: string) {
  expect(await axeViolations(p), `axe on ${name}`).toEqual([]);
}

/** Focuses bead `i` (0-based) with the keyboard's j, from the page's top. */
async function focusBead(p: Page, i: number) {
  const ids = await p.locator("table.beads tbody tr").evaluateAll((rows) => rows.map((r) => r.id));
  await p.locator("h1").click();
  for (let k = 0; k <= i; k++) await p.keyboard.press("j");
  await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe(ids[i]);
}

beforeAll(async () => {
  server = await startDevServer("beads-admin");
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await signIn(admin);
  // A glossary entry with a forbidden English term, so the page has one to show in red.
  const entry = await api("/api/glossary", {
    method: "POST",
    body: {
      domain: "humanitarian",
      definition: "A short stop of fighting for humanitarian purposes.",
      terms: [
        { lang: "ar", text: "هدنة إنسانية", status: "preferred" },
        { lang: "en", text: `humanitarian pause ${tag}`, status: "preferred" },
        { lang: "en", text: `humanitarian truce ${tag}`, status: "forbidden" },
      ],
    },
  });
  expect(entry.status).toBe(201);
  const res = await api("/api/documents", {
    method: "POST",
    body: { title: `Misaligned statement ${tag}`, segments: SEGMENTS },
  });
  expect(res.status).toBe(201);
  docId = ((await res.json()) as { id: number }).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("bead operations in Chromium", () => {
  it("fixes the alignment by moving a sentence, merging and splitting; marks an untranslated sentence", async () => {
    await page.goto(`${server.base}/documents/${docId}`);
    await accessible(page, "review page with bead menus");
    // Move: bead 1's last English sentence goes to bead 2 (key ]).
    await focusBead(page, 0);
    await page.keyboard.press("]");
    await page.waitForURL(/done=op&op=move/);
    expect((await pairs()).slice(0, 2)).toEqual([
      [SEGMENTS[0]?.ar, "The Security Council held its emergency meeting on 12 September."],
      [SEGMENTS[1]?.ar, "The Council heard a briefing."],
    ]);
    await expect.poll(() => page.locator(".flash").textContent()).toContain("moved to its neighbour");

    // Merge: beads 3 and 4 through the row's menu.
    const third = (await segments())[2] as Seg;
    await page.locator(`#s${third.id} button.menu-open`).click();
    await accessible(page, "row menu open");
    await page.locator(`#s${third.id} .bead-menu button[value=merge]`).click();
    await page.waitForURL(/done=op&op=merge/);
    const merged = (await segments())[2] as Seg;
    expect([merged.ar, merged.en]).toEqual([
      "وأكد الأعضاء دعمهم للحوار السياسي الشامل.",
      "Members affirmed their support for an inclusive political dialogue.",
    ]);

    // Split: bead 4 (two sentences a side) before the second sentence of each language (key s: the form).
    await focusBead(page, 3);
    await page.keyboard.press("s");
    await page.waitForURL(/\/segments\/\d+#split$/);
    await accessible(page, "segment page with the split form");
    await page.locator("#ar_point").selectOption("s1");
    await page.locator("#en_point").selectOption("s1");
    await page.getByRole("button", { name: "Split", exact: true }).click();
    await page.waitForURL(/done=op&op=split/);
    const split = (await pairs()).slice(3, 5);
    expect(split).toEqual([
      ["ودعوا جميع الأطراف إلى ضبط النفس.", `They called for a humanitarian truce ${tag}.`],
      ["وقرر المجلس أن يبقي المسألة قيد نظره.", "The Council decided to remain seized of the matter."],
    ]);

    // Unpair: the last bead's Arabic is untranslated, its English an addition (key u).
    await focusBead(page, 5);
    await page.keyboard.press("u");
    await page.waitForURL(/done=op&op=unpair/);
    expect((await pairs()).slice(5)).toEqual([
      [SEGMENTS[5]?.ar, null],
      ["", "The meeting was broadcast live."],
    ]);
    await shot(page, "document-beads", true);
  });

  it("approves a ticked run, undoes it and redoes it from the history", async () => {
    await page.goto(`${server.base}/documents/${docId}`);
    const rows = page.locator("table.beads tbody tr");
    await rows.nth(0).locator("input[type=checkbox]").click();
    await rows
      .nth(4)
      .locator("input[type=checkbox]")
      .click({ modifiers: ["Shift"] });
    expect(await page.locator("table.beads input[type=checkbox]:checked").count()).toBe(5);
    await page.locator("#toolbar-op").selectOption("approve-range");
    await page.getByRole("button", { name: "Apply to the ticked" }).first().click();
    await page.waitForURL(/done=op&op=status/);
    expect((await segments()).slice(0, 5).map((s) => s.status)).toEqual(Array(5).fill("approved"));
    // z undoes the latest operation (the approval), y redoes it.
    await page.locator("h1").click();
    await page.keyboard.press("z");
    await page.waitForURL(/done=op&op=undo/);
    expect((await segments()).slice(0, 5).some((s) => s.status === "approved")).toBe(false);
    await expect.poll(() => page.locator(".history li").first().textContent()).toContain("undo");
    await page.getByRole("button", { name: "Redo" }).first().click();
    await page.waitForURL(/done=op&op=undo/);
    expect((await segments()).slice(0, 5).map((s) => s.status)).toEqual(Array(5).fill("approved"));
  });

  it("works without JavaScript: tick a bead, choose the operation, apply", async () => {
    const plain = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    const p = await signIn(plain);
    const before = await segments();
    await p.goto(`${server.base}/documents/${docId}`);
    const last = before[before.length - 2] as Seg;
    await p.locator(`#s${last.id} input[type=checkbox]`).check();
    await p.locator("#toolbar-op").selectOption("merge");
    await p.getByRole("button", { name: "Apply to the ticked" }).first().click();
    await p.waitForURL(/done=op&op=merge/);
    const after = await segments();
    expect(after.length).toBe(before.length - 1);
    expect(after.at(-1)?.en).toBe("The meeting was broadcast live.");
    // Undo from the flash, still without script.
    await p.getByRole("button", { name: "Undo" }).first().click();
    await p.waitForURL(/done=op&op=undo/);
    expect(await pairs()).toEqual(before.map((s) => [s.ar, s.en]));
    await plain.close();
  });

  it("underlines glossary terms in both columns; hover and focus show the entry; forbidden is red", async () => {
    await page.goto(`${server.base}/documents/${docId}`);
    expect(await page.locator('td[lang="ar"] a.t').count()).toBeGreaterThan(0);
    expect(await page.locator('td[lang="en"] a.t').count()).toBeGreaterThan(0);
    const forbidden = page.locator('td[lang="en"] a.t[aria-describedby^="t-forbidden"]').first();
    expect(await forbidden.textContent()).toBe(`humanitarian truce ${tag}`);
    // Described by its status in words, then (app.js) by its entry, which the tip shows.
    const entry = ((await forbidden.getAttribute("href")) ?? "").slice(1);
    expect(await forbidden.getAttribute("aria-describedby")).toBe(`t-forbidden ${entry}`);
    expect(await page.locator("#t-forbidden").textContent()).toBe("glossary term, forbidden");
    const colour = await forbidden.evaluate((el) => getComputedStyle(el).textDecorationColor);
    expect(colour).toBe("rgb(164, 22, 26)");
    await forbidden.hover();
    await expect.poll(() => page.locator("#term-tip").isVisible()).toBe(true);
    expect(await page.locator("#term-tip").textContent()).toContain(`humanitarian pause ${tag}`);
    expect(await page.locator("#term-tip").textContent()).toContain("(forbidden)");
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator("#term-tip").isVisible()).toBe(false);
    await forbidden.focus();
    await expect.poll(() => page.locator("#term-tip").isVisible()).toBe(true);
    await accessible(page, "term entry shown");
    // The row's QA names the forbidden term.
    const row = forbidden.locator("xpath=ancestor::tr");
    expect(await row.locator("ul.qa").textContent()).toContain(`forbidden term: humanitarian truce ${tag}`);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#term-tip").isVisible()).toBe(false);
  });

  it("speaks Arabic: axe clean, no English outside values, terms and menus included", async () => {
    const ar = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { "accept-language": "ar" },
    });
    const p = await signIn(ar);
    await p.goto(`${server.base}/documents/${docId}`);
    const first = (await segments())[0] as Seg;
    await p.locator(`#s${first.id} button.menu-open`).click();
    await accessible(p, "review (ar), menu open");
    expect(await englishLeftovers(p), "English left on the review page (ar)").toEqual([]);
    await shot(p, "document-beads-ar", true);
    await p.goto(`${server.base}/documents/${docId}/segments/${first.id}`);
    await accessible(p, "segment with bead forms (ar)");
    expect(await englishLeftovers(p), "English left on the segment page (ar)").toEqual([]);
    await ar.close();
  });

  it("two browsers on one document: the second operation is refused, said so, and nothing is lost", async () => {
    const alice = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const bob = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const [pa, pb] = await Promise.all([signIn(alice), signIn(bob)]);
    const url = `${server.base}/documents/${docId}`;
    await Promise.all([pa.goto(url), pb.goto(url)]);
    // Alice merges beads 1 and 2.
    await focusBead(pa, 0);
    await pa.keyboard.press("m");
    await pa.waitForURL(/done=op&op=merge/);
    const afterAlice = await pairs();
    // Bob, on the page loaded before, splits off a sentence from bead 2: refused, visibly.
    await focusBead(pb, 1);
    await pb.keyboard.press("u");
    await expect
      .poll(() => pb.locator("#conflict h2").textContent())
      .toBe("The document changed since this page was loaded");
    expect(await pb.locator("#conflict").textContent()).toContain("Nothing was changed.");
    await expect.poll(() => pb.evaluate(() => document.activeElement?.id)).toBe("conflict");
    expect(await pairs()).toEqual(afterAlice);
    // Bob's page now shows Alice's merge; his next operation goes through.
    const merged = (await segments())[0] as Seg;
    expect(await pb.locator(`#s${merged.id} td[lang="en"]`).textContent()).toContain(
      "The Council heard a briefing.",
    );
    await accessible(pb, "stale refusal");
    await shot(pb, "document-beads-stale");
    await focusBead(pb, 0);
    await pb.keyboard.press("z");
    await pb.waitForURL(/done=op&op=undo/);
    expect((await pairs()).length).toBe(afterAlice.length + 1);
    await Promise.all([alice.close(), bob.close()]);
  });
});
