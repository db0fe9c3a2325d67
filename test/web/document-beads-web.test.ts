// The review page's forms in workerd with real D1: bead operations posted as forms (what the page does
// without JavaScript), each against the document version shown (stale: refused, said so, nothing changed),
// undo and redo from the history; paging (200 beads a page, links both ways); glossary terms underlined
// with their entries listed once; QA issues naming what they concern.
import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import { ADMIN, api, createEntry, jsonOf, unique } from "../support/api";
import { Browser } from "./web-helpers";

async function segmentsOf(id: number): Promise<Segment[]> {
  const res = await api(`/api/documents/${id}/segments?limit=500`);
  expect(res.status).toBe(200);
  return (await jsonOf<{ items: Segment[] }>(res)).items;
}

async function newDoc(segments: { ar: string; en?: string }[]): Promise<number> {
  const res = await api("/api/documents", {
    method: "POST",
    body: JSON.stringify({ title: unique("Beads "), segments }),
  });
  expect(res.status).toBe(201);
  return (await jsonOf<{ id: number }>(res)).id;
}

async function signedIn() {
  const b = new Browser();
  await b.signIn(ADMIN);
  return b;
}

const versionShown = (html: string) => Number(/name="v" value="(\d+)"/.exec(html)?.[1]);

describe("bead operations as forms", () => {
  it("merges against the version shown, says so, and undoes and redoes from the history", async () => {
    const id = await newDoc([
      { ar: "وأكد الأعضاء دعمهم", en: "Members affirmed their support" },
      { ar: "للحوار السياسي.", en: "for political dialogue." },
      { ar: "وقرر المجلس أن يبقي المسألة قيد نظره.", en: "The Council remains seized of the matter." },
    ]);
    const b = await signedIn();
    const before = await segmentsOf(id);
    const html = await b.page(`/documents/${id}`);
    const form = { _csrf: Browser.csrf(html), v: String(versionShown(html)) };
    const res = await b.fetch(`/documents/${id}/ops`, {
      form: { ...form, action: "merge", only: `${before[0]?.id}:${before[0]?.version}` },
    });
    expect(res.status).toBe(303);
    const done = res.headers.get("location") ?? "";
    expect(done).toMatch(/done=op&op=merge&h=\d+/);
    const after = await segmentsOf(id);
    expect(after.map((s) => s.en)).toEqual([
      "Members affirmed their support for political dialogue.",
      "The Council remains seized of the matter.",
    ]);
    const page = await b.page(done.replace(/#.*/, ""));
    expect(page).toContain("Segment 1 merged with the next.");
    const undo = /value="(undo-op:\d+)" class="small secondary" data-history="undo"/.exec(page)?.[1];
    expect(undo).toBeDefined();

    // A stale version: refused with the reason, nothing changed.
    const stale = await b.fetch(`/documents/${id}/ops`, {
      form: { ...form, action: "unpair", only: String(after[1]?.id) },
    });
    expect(stale.status).toBe(409);
    const text = await stale.text();
    expect(text).toContain("The document changed since this page was loaded");
    expect(text).toContain("Nothing was changed.");
    expect((await segmentsOf(id)).map((s) => [s.ar, s.en])).toEqual(after.map((s) => [s.ar, s.en]));

    // Undo (against the current version), then redo from the history.
    const current = { _csrf: Browser.csrf(page), v: String(versionShown(page)) };
    const undone = await b.fetch(`/documents/${id}/ops`, { form: { ...current, action: String(undo) } });
    expect(undone.status).toBe(303);
    expect((await segmentsOf(id)).map((s) => [s.ar, s.en])).toEqual(before.map((s) => [s.ar, s.en]));
    const page2 = await b.page(`/documents/${id}`);
    const redo = /value="(undo-op:\d+)" class="small secondary" data-history="redo"/.exec(page2)?.[1];
    expect(redo).toBeDefined();
    const redone = await b.fetch(`/documents/${id}/ops`, {
      form: { _csrf: Browser.csrf(page2), v: String(versionShown(page2)), action: String(redo) },
    });
    expect(redone.status).toBe(303);
    expect((await segmentsOf(id)).map((s) => s.en)).toEqual(after.map((s) => s.en));
  });

  it("splits from the segment page's form, moves a sentence and unpairs through the toolbar's list", async () => {
    const id = await newDoc([
      {
        ar: "ودعوا جميع الأطراف إلى ضبط النفس. وقرر المجلس أن يبقي المسألة قيد نظره.",
        en: "They called on all parties to exercise restraint. The Council decided to remain seized of the matter.",
      },
      { ar: "وأعربوا عن قلقهم.", en: "They expressed concern. The meeting was broadcast live." },
    ]);
    const b = await signedIn();
    const [first] = await segmentsOf(id);
    const seg = await b.page(`/documents/${id}/segments/${first?.id}`);
    expect(seg).toContain('id="split"');
    expect(seg).toMatch(/<option value="s1" lang="ar" dir="rtl">2: وقرر المجلس/);
    const split = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(seg),
        v: String(versionShown(seg)),
        only: String(first?.id),
        action: "split",
        ar_point: "s1",
        en_point: "",
        en_offset: "49",
      },
    });
    expect(split.status).toBe(303);
    let segs = await segmentsOf(id);
    expect(segs.map((s) => [s.ar, s.en])).toEqual([
      ["ودعوا جميع الأطراف إلى ضبط النفس.", "They called on all parties to exercise restraint."],
      ["وقرر المجلس أن يبقي المسألة قيد نظره.", "The Council decided to remain seized of the matter."],
      ["وأعربوا عن قلقهم.", "They expressed concern. The meeting was broadcast live."],
    ]);
    // The toolbar's list on one ticked bead: its last English sentence to the next bead... there is none.
    let html = await b.page(`/documents/${id}`);
    const refused = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(html),
        v: String(versionShown(html)),
        s: `${segs[2]?.id}:${segs[2]?.version}`,
        action: "pick:toolbar",
        op_toolbar: "move-en-last",
      },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("That sentence cannot move");
    // Unpair it instead, then merge the addition back: the texts are as they were.
    html = await b.page(`/documents/${id}`);
    const unpaired = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(html),
        v: String(versionShown(html)),
        s: `${segs[2]?.id}:${segs[2]?.version}`,
        action: "pick:toolbar",
        op_toolbar: "unpair",
      },
    });
    expect(unpaired.status).toBe(303);
    segs = await segmentsOf(id);
    expect(segs.slice(2).map((s) => [s.ar, s.en])).toEqual([
      ["وأعربوا عن قلقهم.", null],
      ["", "They expressed concern. The meeting was broadcast live."],
    ]);
    // Two ticked for a one-bead operation: refused, asking for one.
    html = await b.page(`/documents/${id}`);
    const two = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(html),
        v: String(versionShown(html)),
        s: [`${segs[0]?.id}:1`, `${segs[1]?.id}:1`],
        action: "pick:toolbar",
        op_toolbar: "merge",
      },
    });
    expect(two.status).toBe(400);
    expect(await two.text()).toContain("Tick one segment");
  });
});

describe("the review page", () => {
  it("pages 200 beads at a time, with links both ways", async () => {
    const segments = Array.from({ length: 205 }, (_, i) => ({
      ar: `الجملة رقم ${i + 1}.`,
      en: `Sentence ${i + 1}.`,
    }));
    const id = await newDoc(segments);
    const b = await signedIn();
    const first = await b.page(`/documents/${id}`);
    expect(first.match(/<tr id="s\d+"/g)?.length).toBe(200);
    expect(first).toContain("Segments 1–200 of 205.");
    expect(first).toContain(`href="/documents/${id}?from=199" rel="next" data-page="next"`);
    expect(first).not.toContain('data-page="prev"');
    const second = await b.page(`/documents/${id}?from=199`);
    expect(second.match(/<tr id="s\d+"/g)?.length).toBe(5);
    expect(second).toContain("Segments 201–205 of 205.");
    expect(second).toContain(`href="/documents/${id}" rel="prev" data-page="prev"`);
    expect(second).not.toContain('data-page="next"');
  });

  it("underlines glossary terms in both columns, lists their entries once, and names what QA found", async () => {
    await createEntry("Security Council", "مجلس الأمن");
    const id = await newDoc([
      {
        ar: "عقد مجلس الأمن اجتماعه في 12 سبتمبر.",
        en: "The Security Council met on 13 September.",
      },
      { ar: "وناقش مجلس الأمن الوضع.", en: "The Security Council discussed the situation." },
      { ar: "وقال <مجلس الأمن> & غيره.", en: `"Security Council" & <b>others</b> said.` },
    ]);
    const b = await signedIn();
    const html = await b.page(`/documents/${id}`);
    // Each term a link to its entry in the page's list, described by its status in words.
    const en = [
      ...html.matchAll(/<a class="t" aria-describedby="t-(\w+)" href="#g(\d+)">Security Council<\/a>/g),
    ];
    expect(en.length).toBe(3);
    const status = en[0]?.[1];
    expect(html).toContain(`<span id="t-${status}">glossary term, ${status}</span>`);
    // Text around a term is escaped, never markup.
    expect(html).toMatch(
      /&quot;<a class="t" aria-describedby="t-\w+" href="#g\d+">Security Council<\/a>&quot; &amp; &lt;b&gt;others&lt;\/b&gt; said\./,
    );
    expect(html).toMatch(
      /وقال &lt;<a class="t" aria-describedby="t-\w+" href="#g\d+">مجلس الأمن<\/a>&gt; &amp; غيره\./,
    );
    const entry = en[0]?.[2];
    expect(html).toMatch(
      new RegExp(`<a class="t" aria-describedby="t-\\w+" href="#g${entry}">مجلس الأمن</a>`),
    );
    expect(html.match(new RegExp(`<li id="g${entry}">`, "g"))?.length).toBe(1);
    // The entry says every term's status in words: the link's own status is found there too.
    const item = new RegExp(`<li id="g${entry}">(.*?)</li>`).exec(html)?.[1] ?? "";
    expect(item).toContain('<bdi lang="en" dir="ltr">Security Council</bdi> <small>(');
    // Each row's box is named by its number.
    expect(html).toMatch(
      /<input type="checkbox" form="ops" name="s" value="\d+:\d+" aria-label="Select segment 1"\/>/,
    );
    // The numbers differ in the first bead: the QA names them, each in its language.
    expect(html).toContain('numbers differ: <bdi lang="ar" dir="rtl">12</bdi>');
    expect(html).toContain('numbers differ: <bdi lang="en" dir="ltr">13</bdi>');
  });
});
