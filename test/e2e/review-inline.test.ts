// The review table's inline editor in a real browser (Debian Chromium via playwright-core) against
// `wrangler dev` (issue 15: "Editing a segment's English inline, with the TM's best matches and their diff
// offered beside it"; "Add to glossary" from a bead): e on a focused bead (or the row's menu) opens its
// English under the row with the memory's matches and their differences; a match taken, corrected and saved
// changes the row in place (no page load); two browsers saving the same bead: the second is refused, shown
// the first one's text, keeps its own, and saves it knowingly; t opens the add-to-glossary form, filled from
// phrases selected in the bead's two cells (the entry saved from it is taken back by its page's undo); a
// save is undone by z or the Undo it shows, and the undo is
// refused once a second browser changed the bead; without JavaScript the row's number leads to the
// segment page.
// Every state checked with axe-core (and, on the Arabic interface, for English left outside values).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, launchChromium, shot } from "./browser";
import { apiCall, type DevServer, signInToDocuments, startDevServer } from "./server";

let server: DevServer;
let browser: Browser;
let docId = 0;
const tag = Date.now().toString(36);

const CONCERN = "وأعربوا عن قلقهم إزاء الوضع الإنساني في 3 محافظات.";
const EARLIER = {
  ar: "وأعربوا عن قلقهم إزاء الوضع الإنساني في محافظتين.",
  en: "They expressed concern about the humanitarian situation in two governorates.",
};
// What the translator saves: a glossary term ("ceasefire") that no other bead of the page holds.
const SAVED =
  "They expressed concern about the humanitarian situation in 3 governorates and called for a ceasefire.";
const SEGMENTS = [
  {
    ar: "عقد مجلس الأمن اجتماعه الطارئ لبحث الوضع في المنطقة.",
    en: "The Security Council held its emergency meeting to discuss the situation in the region.",
  },
  {
    ar: "ودعا المجلس جميع الأطراف إلى ضبط النفس.",
    en: "The Council called on all parties to exercise restraint.",
  },
  { ar: CONCERN },
  { ar: "وقرر المجلس أن يبقي المسألة قيد نظره.", en: "The Council decided to remain seized of the matter." },
];

interface Seg {
  id: number;
  ar: string;
  en: string | null;
  status: string;
  version: number;
}
const segments = async (): Promise<Seg[]> =>
  ((await (await apiCall(server, `/api/documents/${docId}/segments`)).json()) as { items: Seg[] }).items;
const bead = async (arabic: string) => {
  const s = (await segments()).find((x) => x.ar === arabic);
  if (!s) throw new Error(`no bead "${arabic}"`);
  return s;
};

async function context(lang: "en" | "ar", javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled,
    extraHTTPHeaders: { "accept-language": lang },
  });
}

/** Focuses the bead of segment `id` with j from the page's top. */
async function focusBead(p: Page, id: number) {
  await p.locator("h1").click();
  for (let k = 0; k < 20; k++) {
    await p.keyboard.press("j");
    if ((await p.evaluate(() => document.activeElement?.id)) === `s${id}`) return;
  }
  throw new Error(`j never reached bead s${id}`);
}

/** Selects `phrase` inside `selector` (across the term links' text nodes), as a mouse drag would. */
async function selectIn(p: Page, selector: string, phrase: string) {
  await p.locator(selector).evaluate((el, phrase) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const text = nodes.map((n) => n.data).join("");
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`"${phrase}" not in "${text}"`);
    const at = (offset: number): [Text, number] => {
      let seen = 0;
      for (const n of nodes) {
        if (offset <= seen + n.data.length) return [n, offset - seen];
        seen += n.data.length;
      }
      throw new Error("offset past the text");
    };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + phrase.length));
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }, phrase);
}

beforeAll(async () => {
  server = await startDevServer("inline-admin");
  browser = await launchChromium();
  // The memory already holds a close translation of the untranslated sentence (two governorates, not 3).
  const earlier = await apiCall(server, "/api/documents", {
    method: "POST",
    body: { title: `Earlier statement ${tag}`, segments: [EARLIER] },
  });
  expect(earlier.status).toBe(201);
  const res = await apiCall(server, "/api/documents", {
    method: "POST",
    body: { title: `Council statement ${tag}`, segments: SEGMENTS },
  });
  expect(res.status).toBe(201);
  docId = ((await res.json()) as { id: number }).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the review table's inline editor in Chromium", () => {
  it("e opens a bead's English under its row with the memory's match and its diff; the saved row changes in place", async () => {
    const ctx = await context("en");
    const page = await signInToDocuments(server, ctx);
    const concern = await bead(CONCERN);
    // The memory's index is filled after the write (waitUntil): ask for the editor until the match is there.
    const editorUrl = `${server.base}/documents/${docId}/segments/${concern.id}`;
    await expect
      .poll(async () => (await page.request.get(editorUrl, { headers: { "x-fragment": "editor" } })).text())
      .toContain(EARLIER.en);
    await page.goto(`${server.base}/documents/${docId}`);
    // The editor's script is no part of the page's first load: it comes when an editor is first opened.
    const loaded = () =>
      page.evaluate(() =>
        performance.getEntriesByType("resource").some((r) => r.name.includes("/web/inline-editor.js")),
      );
    expect(await loaded()).toBe(false);
    await focusBead(page, concern.id);
    await page.keyboard.press("e");
    const editor = page.locator(`#s${concern.id} + tr.editor-row`);
    const field = editor.locator("textarea");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    expect(await field.getAttribute("id")).toBe(`e${concern.id}-en`);
    expect(await field.inputValue()).toBe("");
    expect(await loaded()).toBe(true);
    // The match: its score, its Arabic against ours (what differs marked), its English, a button to take it.
    const match = editor.locator("ol.matches li").first();
    expect(await match.locator(".score").textContent()).toMatch(/^\d+%$/);
    expect((await match.locator("del").allTextContents()).join(" ")).toContain("محافظات");
    expect((await match.locator("ins").allTextContents()).join(" ")).toContain("محافظتين");
    expect(await match.locator('div[lang="en"]').textContent()).toBe(EARLIER.en);
    await checkPage(page, "review page, inline editor open", "en");
    await match.getByRole("button", { name: /Use this translation \(\d+% match\)/ }).click();
    await expect.poll(() => field.inputValue()).toBe(EARLIER.en);
    await field.fill(SAVED);
    // Replacing the whole text (fill selects it all first) is not picking an English term.
    expect(await editor.locator('[data-term="en"]').inputValue()).toBe("");
    await shot(page, "review-inline-editor", true);
    // A mark on this page's window: gone if saving loaded a page.
    await page.evaluate(() => Object.assign(window, { sameReviewPage: true }));
    await editor.getByRole("button", { name: "Save", exact: true }).click();
    // Saved: the editor closes, the row shows the text (status translated), the page did not reload.
    await expect.poll(() => editor.count()).toBe(0);
    const row = page.locator(`#s${concern.id}`);
    expect(await row.locator('td[lang="en"]').textContent()).toBe(SAVED);
    expect(await row.locator(".st").textContent()).toBe("translated");
    // The document's counts follow: the one new segment is translated now.
    expect(await page.locator("#summary").textContent()).toContain("translated 4");
    expect(await page.locator("#summary").textContent()).not.toContain("new");
    expect(await page.evaluate(() => "sameReviewPage" in window)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`s${concern.id}`);
    await expect.poll(() => page.locator("output[aria-live]").textContent()).toBe("Segment 3 saved.");
    // The term the saved English brings is underlined, its entry added to the page's list (the link's
    // description), so that it shows on focus like the others.
    const term = row.locator('td[lang="en"] a.t');
    expect(await term.textContent()).toBe("ceasefire");
    const entryId = ((await term.getAttribute("href")) ?? "").slice(1);
    expect(await page.locator(`.terms-on-page li#${entryId}`).count()).toBe(1);
    await term.focus();
    expect(await term.getAttribute("aria-describedby")).toMatch(new RegExp(`^t-[a-z]+ ${entryId}$`));
    await expect.poll(() => page.locator("#term-tip").textContent()).toContain("وقف إطلاق النار");
    await page.keyboard.press("Escape");
    await checkPage(page, "review page after an inline save", "en");
    const saved = await bead(CONCERN);
    expect(saved.en).toBe(SAVED);
    expect(saved.status).toBe("translated");
    // The row's box carries the new version: approving it from the toolbar is not refused as stale.
    expect(await row.locator("input[type=checkbox]").getAttribute("value")).toBe(
      `${saved.id}:${saved.version}`,
    );
    // The row keeps its menu; "Edit the English" in it opens the editor again, Escape leaves it untouched.
    await row.locator("button.menu-open").click();
    await page.getByRole("button", { name: /Edit the English/ }).click();
    await expect.poll(() => field.inputValue()).toBe(saved.en);
    await page.keyboard.press("Escape");
    await expect.poll(() => editor.count()).toBe(0);
    await row.locator("input[type=checkbox]").check();
    await page.locator("#toolbar button[data-key=a]").click();
    await page.waitForURL(/done=approved/);
    expect((await bead(CONCERN)).status).toBe("approved");
    await ctx.close();
  });

  it("two browsers editing one bead inline: the second save shows the first's text, keeps its own, then replaces it knowingly", async () => {
    const [alice, bob] = await Promise.all([context("en"), context("en")]);
    const [pa, pb] = await Promise.all([signInToDocuments(server, alice), signInToDocuments(server, bob)]);
    const restraint = await bead(SEGMENTS[1]?.ar ?? "");
    await Promise.all([
      pa.goto(`${server.base}/documents/${docId}`),
      pb.goto(`${server.base}/documents/${docId}`),
    ]);
    // Alice from the keyboard, Bob from the row's menu.
    await focusBead(pa, restraint.id);
    await pa.keyboard.press("e");
    await pb.locator(`#s${restraint.id} button.menu-open`).click();
    await pb.getByRole("button", { name: /Edit the English/ }).click();
    const fieldA = pa.locator(`#e${restraint.id}-en`);
    const fieldB = pb.locator(`#e${restraint.id}-en`);
    await expect.poll(() => fieldA.inputValue()).toBe(restraint.en);
    await expect.poll(() => fieldB.inputValue()).toBe(restraint.en);
    await fieldA.fill("Alice: the Council urged all parties to show restraint.");
    await fieldB.fill("Bob: the Council called on every party to exercise restraint.");
    await pa.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(() => pa.locator(`#s${restraint.id} td[lang="en"]`).textContent())
      .toBe("Alice: the Council urged all parties to show restraint.");
    await pb.getByRole("button", { name: "Save", exact: true }).click();
    // Refused: Alice's text shown in Bob's editor and in the row above it, Bob's kept in the field.
    const conflict = pb.locator(`#e${restraint.id}-conflict`);
    await expect
      .poll(() => conflict.locator("h2").textContent())
      .toBe("Someone else saved this segment meanwhile");
    expect(await pb.locator(`#e${restraint.id}-theirs`).textContent()).toBe(
      "Alice: the Council urged all parties to show restraint.",
    );
    expect(await fieldB.inputValue()).toBe("Bob: the Council called on every party to exercise restraint.");
    expect(await pb.locator(`#s${restraint.id} td[lang="en"]`).textContent()).toBe(
      "Alice: the Council urged all parties to show restraint.",
    );
    await expect.poll(() => pb.evaluate(() => document.activeElement?.id)).toBe(`e${restraint.id}-conflict`);
    expect((await bead(restraint.ar)).en, "nothing of Bob's saved yet").toBe(
      "Alice: the Council urged all parties to show restraint.",
    );
    await checkPage(pb, "inline editor after a refused save", "en");
    await shot(pb, "review-inline-conflict", true);
    // Bob has seen Alice's text: saving again replaces it knowingly (against the version now shown), from
    // the keyboard this time.
    await fieldB.press("Control+Enter");
    await expect.poll(() => pb.locator(`#s${restraint.id} + tr.editor-row`).count()).toBe(0);
    expect(await pb.locator(`#s${restraint.id} td[lang="en"]`).textContent()).toBe(
      "Bob: the Council called on every party to exercise restraint.",
    );
    expect((await bead(restraint.ar)).en).toBe(
      "Bob: the Council called on every party to exercise restraint.",
    );
    // An editor opened later starts from the text as it is now (Bob's), not from what the page showed.
    await pa.keyboard.press("e");
    await expect
      .poll(() => fieldA.inputValue())
      .toBe("Bob: the Council called on every party to exercise restraint.");
    await Promise.all([alice.close(), bob.close()]);
  });

  it("(ar) t opens 'Add to glossary' under the row, filled from phrases selected in the bead's two cells", async () => {
    const ctx = await context("ar");
    const page = await signInToDocuments(server, ctx);
    const first = await bead(SEGMENTS[0]?.ar ?? "");
    await page.goto(`${server.base}/documents/${docId}`);
    await focusBead(page, first.id);
    await page.keyboard.press("t");
    const editor = page.locator(`#s${first.id} + tr.editor-row`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`e${first.id}-term-ar`);
    await selectIn(page, `#s${first.id} td[lang="ar"]`, "مجلس الأمن");
    await expect.poll(() => editor.locator('[data-term="ar"]').inputValue()).toBe("مجلس الأمن");
    await selectIn(page, `#s${first.id} td[lang="en"]`, "Security Council");
    await expect.poll(() => editor.locator('[data-term="en"]').inputValue()).toBe("Security Council");
    // The Arabic stays as selected when the English is chosen.
    expect(await editor.locator('[data-term="ar"]').inputValue()).toBe("مجلس الأمن");
    await checkPage(page, "review page, add to glossary open", "ar");
    await shot(page, "review-inline-term-ar", true);
    await editor.getByRole("button", { name: "افتح نموذج المدخل" }).click();
    await page.waitForURL(/\/glossary\/new\?/);
    const texts = await page
      .locator("input[name=term_text]")
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(texts).toEqual(["مجلس الأمن", "Security Council"]);
    expect(new URL(page.url()).searchParams.get("source")).toBe(`Council statement ${tag} #1`);
    // Saved, the new entry's page offers its undo (delete it, while unchanged) and the way back; undone,
    // the entry is gone.
    await page.locator('[name="domain"]').fill("test");
    await page.locator('#entry-form button[value="save"]:not([hidden])').click();
    await page.waitForURL(/\/glossary\/\d+\?saved=1&added=/);
    const added = page.locator("form#added");
    expect(await added.locator("a").getAttribute("href")).toBe(`/documents/${docId}#s${first.id}`);
    await checkPage(page, "entry added from a segment, with its undo", "ar");
    const entryId = Number(/\/glossary\/(\d+)/.exec(page.url())?.[1]);
    await added.getByRole("button", { name: "تراجع: احذف هذا المدخل" }).click();
    await page.waitForURL(/\/glossary\?deleted=1/);
    expect((await apiCall(server, `/api/glossary/${entryId}`)).status).toBe(404);
    await ctx.close();
  });

  it("(ar) the inline editor speaks Arabic: labels, the match's button, Cancel; axe clean", async () => {
    const ctx = await context("ar");
    const page = await signInToDocuments(server, ctx);
    const last = await bead(SEGMENTS[3]?.ar ?? "");
    await page.goto(`${server.base}/documents/${docId}`);
    await focusBead(page, last.id);
    await page.keyboard.press("e");
    const editor = page.locator(`#s${last.id} + tr.editor-row`);
    await expect.poll(() => editor.locator("textarea").inputValue()).toBe(last.en);
    expect(await editor.locator(`label[for="e${last.id}-en"]`).textContent()).toBe("الإنكليزية");
    await checkPage(page, "review page, inline editor open", "ar");
    await editor.locator("textarea").fill("Changed, then cancelled.");
    // Escape does not drop typed text; Cancel does, and the row keeps the stored English.
    await page.keyboard.press("Escape");
    expect(await editor.count()).toBe(1);
    await editor.getByRole("button", { name: "ألغِ" }).click();
    await expect.poll(() => editor.count()).toBe(0);
    expect(await page.locator(`#s${last.id} td[lang="en"]`).textContent()).toBe(last.en);
    expect((await bead(last.ar)).en).toBe(last.en);
    await ctx.close();
  });

  it("an inline save is undone (z, or the flash's Undo); undo is refused when a second browser changed the bead since", async () => {
    const [alice, bob] = await Promise.all([context("en"), context("en")]);
    const [pa, pb] = await Promise.all([signInToDocuments(server, alice), signInToDocuments(server, bob)]);
    const last = await bead(SEGMENTS[3]?.ar ?? "");
    const cell = (p: Page) => p.locator(`#s${last.id} td[lang="en"]`);
    const saveInline = async (p: Page, en: string) => {
      await focusBead(p, last.id);
      await p.keyboard.press("e");
      const field = p.locator(`#e${last.id}-en`);
      await expect.poll(() => field.inputValue()).not.toBe("");
      await field.fill(en);
      await p.getByRole("button", { name: "Save", exact: true }).click();
      await expect.poll(() => cell(p).textContent()).toBe(en);
    };
    await pa.goto(`${server.base}/documents/${docId}`);
    await saveInline(pa, "Alice: the Council will remain seized of the matter.");
    // The save's Undo is on the page (no reload), the edit heads the latest operations.
    const flash = pa.locator("#done");
    expect(await flash.locator("#saved").textContent()).toBe("Segment 4 saved.");
    expect(await flash.getByRole("button", { name: "Undo" }).count()).toBe(1);
    expect(await pa.locator("section.history li").first().textContent()).toContain("English edited");
    await checkPage(pa, "review page after an inline save, with its Undo", "en");
    // z (the row focused again after the save) undoes it: the page says so, the English is back.
    await expect.poll(() => pa.evaluate(() => document.activeElement?.id)).toBe(`s${last.id}`);
    await pa.keyboard.press("z");
    await pa.waitForURL(/done=op&op=undo/);
    expect(await cell(pa).textContent()).toBe(last.en);
    expect((await bead(last.ar)).en).toBe(last.en);
    expect(await pa.locator(".flash").textContent()).toContain("Operation undone (segment 4).");

    // Alice saves again; Bob, in another browser, changes the same bead after her; her Undo is refused.
    await saveInline(pa, "Alice: the Council remains seized of the matter.");
    await pb.goto(`${server.base}/documents/${docId}`);
    await saveInline(pb, "Bob: the Council decided to remain seized of the matter.");
    await flash.getByRole("button", { name: "Undo" }).click();
    await pa.waitForLoadState();
    const refusal = pa.locator("#conflict");
    await expect
      .poll(() => refusal.textContent())
      .toContain("Segment 4 was changed by someone else after this edit");
    expect(await cell(pa).textContent()).toBe("Bob: the Council decided to remain seized of the matter.");
    expect((await bead(last.ar)).en).toBe("Bob: the Council decided to remain seized of the matter.");
    await checkPage(pa, "review page, an undo refused after a colleague's change", "en");
    await shot(pa, "review-inline-undo-refused", true);
    await Promise.all([alice.close(), bob.close()]);
  });

  it("without JavaScript the row's number leads to the segment page with the same form and matches", async () => {
    const ctx = await context("en", false);
    const page = await signInToDocuments(server, ctx);
    const concern = await bead(CONCERN);
    await page.goto(`${server.base}/documents/${docId}`);
    expect(await page.locator("tr.editor-row, button.menu-open").count()).toBe(0);
    // A term is a link to its entry on the page, described by its status in words (no script to add more).
    expect(await page.locator("td a.t").count()).toBeGreaterThan(0);
    const term = page.locator("td a.t").first();
    const status = (await term.getAttribute("aria-describedby")) ?? "";
    expect(status).toMatch(/^t-[a-z]+$/);
    expect(await page.locator(`#${status}`).textContent()).toBe(`glossary term, ${status.slice(2)}`);
    await page.locator(`#s${concern.id} th a`).click();
    await page.waitForURL(new RegExp(`/segments/${concern.id}$`));
    expect(await page.locator("#en").inputValue()).toBe(concern.en);
    expect(await page.locator("ol.matches li").count()).toBeGreaterThan(0);
    expect(await page.locator("#add-term [data-term=ar]").count()).toBe(1);
    await ctx.close();
  });
});
