// The review table's inline editor, server side (app.js asks with `x-fragment: editor`): the segment page's
// form, matches and add-a-term form alone; a save answering with the bead's row and the document's counts;
// a save against an older version refused with 409, theirs shown, ours kept. The browser side is
// test/e2e/review-inline.test.ts.
import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import { ADMIN, createDoc, segmentsOf, tokenWithScope, unique } from "../support/api";
import { Browser } from "./web-helpers";

const EDITOR = { "x-fragment": "editor" };

async function signedIn(token = ADMIN) {
  const b = new Browser();
  await b.signIn(token);
  return b;
}

async function docWithSegments(): Promise<{ id: number; segs: Segment[] }> {
  const doc = await createDoc(
    [
      { ar: "عقد المجلس اجتماعه في 11 سبتمبر.", en: "The council met on 11 September." },
      { ar: "وأكد الأمين العام دعمه للحوار." },
    ],
    unique("Inline "),
  );
  return { id: doc.id, segs: doc.segments };
}

const saveForm = (html: string, version: number, en: string) => ({
  _csrf: Browser.csrf(html),
  version: String(version),
  en,
  _action: "save",
});

describe("the review table's inline editor (fragments)", () => {
  it("serves the segment's editor alone: prefixed ids, the English form, the add-to-glossary form", async () => {
    const b = await signedIn();
    const { id, segs } = await docWithSegments();
    const seg = segs[1] as Segment;
    const res = await b.fetch(`/documents/${id}/segments/${seg.id}`, { headers: EDITOR });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("vary")).toContain("x-fragment");
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toMatch(/^<section class="inline-editor" aria-label="Segment 2: /);
    expect(html).toContain(`<form method="post" action="/documents/${id}/segments/${seg.id}"`);
    expect(html).toContain(`id="e${seg.id}-en"`);
    expect(html).toContain(`<input type="hidden" name="version" value="${seg.version}"/>`);
    expect(html).toContain(`id="e${seg.id}-term-ar"`);
    expect(html).toContain("data-cancel");
    // No id of the segment page (the review page may hold several editors, and its own #conflict).
    expect(html).not.toMatch(/id="(en|term-ar|term-en|conflict|segment-form)"/);
    // The page itself is unchanged.
    const full = await b.page(`/documents/${id}/segments/${seg.id}`);
    expect(full).toContain('id="en"');
    expect(full).toContain('id="term-ar"');
  });

  it("saves from the fragment: answers with the bead's row, the counts and what was done", async () => {
    const b = await signedIn();
    const { id, segs } = await docWithSegments();
    const seg = segs[1] as Segment;
    const url = `/documents/${id}/segments/${seg.id}`;
    const editor = await (await b.fetch(url, { headers: EDITOR })).text();
    const res = await b.fetch(url, {
      form: saveForm(editor, seg.version, "The Secretary-General affirmed his support."),
      headers: EDITOR,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const now = (await segmentsOf(id))[1] as Segment;
    expect(now.en).toBe("The Secretary-General affirmed his support.");
    expect(now.status).toBe("translated");
    expect(html).toContain(`<tr id="s${seg.id}"`);
    expect(html).toContain(`<td lang="en" dir="ltr">The Secretary-General affirmed his support.</td>`);
    expect(html).toContain(`value="${seg.id}:${now.version}"`);
    expect(html).toMatch(/<p id="summary">2 segments, \d+ needing review\./);
    expect(html).toMatch(
      /<div class="flash" id="done"><span id="saved">Segment 2 saved\.<\/span> <button type="submit" form="ops" name="action" value="undo-op:\d+"/,
    );
    // Save and approve from the fragment.
    const again = await (await b.fetch(url, { headers: EDITOR })).text();
    const approved = await b.fetch(url, {
      form: { ...saveForm(again, now.version, now.en ?? ""), _action: "approve" },
      headers: EDITOR,
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("Segment 2 approved.");
    expect(((await segmentsOf(id))[1] as Segment).status).toBe("approved");
  });

  it("a save answers with its Undo, the latest operations, and the page's new version only if the page was current", async () => {
    const b = await signedIn();
    const { id, segs } = await docWithSegments();
    const seg = segs[1] as Segment;
    const url = `/documents/${id}/segments/${seg.id}`;
    const review = await b.page(`/documents/${id}`);
    const shown = Number(/name="v" value="(\d+)"/.exec(review)?.[1]);
    const editor = await (await b.fetch(url, { headers: EDITOR })).text();
    const res = await b.fetch(url, {
      form: { ...saveForm(editor, seg.version, "Support affirmed."), page_v: String(shown) },
      headers: EDITOR,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const op = Number(/value="undo-op:(\d+)"/.exec(html)?.[1]);
    expect(op).toBeGreaterThan(0);
    expect(html).toContain(`<input type="hidden" id="page-version" value="${shown + 1}"/>`);
    expect(html).toMatch(/<section class="history"[\s\S]*English edited[\s\S]*data-history="undo"/);
    // A page older than the document (someone changed another segment meanwhile) keeps its version.
    const again = await (await b.fetch(url, { headers: EDITOR })).text();
    const stalePage = await b.fetch(url, {
      form: { ...saveForm(again, seg.version + 1, "Support affirmed again."), page_v: String(shown) },
      headers: EDITOR,
    });
    expect(stalePage.status).toBe(200);
    const staleHtml = await stalePage.text();
    expect(staleHtml).toContain('value="undo-op:');
    expect(staleHtml).not.toContain('id="page-version"');
  });

  it("refuses a save against an older version with 409: theirs shown in the editor and the row, ours kept", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const { id, segs } = await docWithSegments();
    const seg = segs[0] as Segment;
    const url = `/documents/${id}/segments/${seg.id}`;
    const [ea, eb] = await Promise.all([
      alice.fetch(url, { headers: EDITOR }).then((r) => r.text()),
      bob.fetch(url, { headers: EDITOR }).then((r) => r.text()),
    ]);
    expect(
      (await alice.fetch(url, { form: saveForm(ea, seg.version, "Alice's English."), headers: EDITOR }))
        .status,
    ).toBe(200);
    const refused = await bob.fetch(url, {
      form: saveForm(eb, seg.version, "Bob's English."),
      headers: EDITOR,
    });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).not.toContain("<html");
    expect(html).toContain(`id="e${seg.id}-conflict"`);
    expect(html).toMatch(new RegExp(`id="e${seg.id}-theirs">Alice&#39;s English\\.<`));
    expect(html).toContain("Bob&#39;s English.</textarea>");
    expect(html).toContain(`<input type="hidden" name="version" value="${seg.version + 1}"/>`);
    expect(html).toMatch(new RegExp(`<tr id="s${seg.id}"[^>]*>[\\s\\S]*Alice&#39;s English\\.</td>`));
    expect(((await segmentsOf(id))[0] as Segment).en).toBe("Alice's English.");
    // Bob saves again from what he was shown: his replaces hers knowingly.
    const knowingly = await bob.fetch(url, {
      form: saveForm(html, seg.version + 1, "Bob's English."),
      headers: EDITOR,
    });
    expect(knowingly.status).toBe(200);
    expect(((await segmentsOf(id))[0] as Segment).en).toBe("Bob's English.");
  });

  it("a read-only user gets the editor read-only and cannot save; the review page offers the editor once, in the row menu's template", async () => {
    const reader = await signedIn(await tokenWithScope("read"));
    const { id, segs } = await docWithSegments();
    const seg = segs[0] as Segment;
    const url = `/documents/${id}/segments/${seg.id}`;
    const html = await (await reader.fetch(url, { headers: EDITOR })).text();
    expect(html).toMatch(/<textarea [^>]*readonly/);
    expect(html).not.toContain('value="save"');
    const refused = await reader.fetch(url, {
      form: { _csrf: Browser.csrf(html), version: String(seg.version), en: "x", _action: "save" },
      headers: EDITOR,
    });
    expect(refused.status).toBe(403);
    expect(((await segmentsOf(id))[0] as Segment).en).toBe(seg.en);
    const writer = await signedIn();
    const review = await writer.page(`/documents/${id}`);
    expect(review.match(/data-edit="en"/g)?.length).toBe(1);
    expect(review.match(/data-edit="term"/g)?.length).toBe(1);
    expect(review).not.toContain("inline-editor");
  });
});

describe("undo of a saved English (the segment page, without script)", () => {
  it("the review page offers the save's Undo; undone it restores the English, refused once a colleague changed it", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const { id, segs } = await docWithSegments();
    const seg = segs[1] as Segment;
    const url = `/documents/${id}/segments/${seg.id}`;
    const saveAs = async (b: Browser, en: string) => {
      const form = await b.page(url);
      const version = Number(/name="version" value="(\d+)"/.exec(form)?.[1]);
      const res = await b.fetch(url, { form: saveForm(form, version, en) });
      expect(res.status).toBe(303);
      return res.headers.get("location") ?? "";
    };
    const done = await saveAs(alice, "The Secretary-General affirmed his support.");
    expect(done).toMatch(/done=saved&.*h=\d+/);
    const page = await alice.page(done.replace(/#.*/, ""));
    expect(page).toContain("Segment 2 saved.");
    const undo = /<div class="flash"[^>]*>[^<]*<button [^>]*value="(undo-op:\d+)"/.exec(page)?.[1];
    expect(undo).toBeDefined();
    const form = () => ({ _csrf: Browser.csrf(page), v: /name="v" value="(\d+)"/.exec(page)?.[1] ?? "" });
    const undone = await alice.fetch(`/documents/${id}/ops`, { form: { ...form(), action: String(undo) } });
    expect(undone.status).toBe(303);
    expect((await segmentsOf(id))[1]).toMatchObject({ en: null, status: "new" });

    // Saved again; Bob changes the segment after it; Alice's Undo (from the page her save showed) is
    // refused, names the segment, shows Bob's text, and changes nothing.
    const done2 = await saveAs(alice, "Alice's English.");
    const page2 = await alice.page(done2.replace(/#.*/, ""));
    const undo2 = /<div class="flash"[^>]*>[^<]*<button [^>]*value="(undo-op:\d+)"/.exec(page2)?.[1];
    await saveAs(bob, "Bob's English.");
    const refused = await alice.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(page2),
        v: /name="v" value="(\d+)"/.exec(page2)?.[1] ?? "",
        action: String(undo2),
      },
    });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("Segment 2 was changed by someone else after this edit");
    expect(html).toContain("Bob&#39;s English.");
    expect((await segmentsOf(id))[1]?.en).toBe("Bob's English.");
  });
});
