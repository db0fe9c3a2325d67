// "Add to glossary" from a document's segment (issue 15: every operation of the review undoable): the new
// entry's page offers its undo — delete it — while the entry is unchanged since; once someone changed it,
// the undo is refused (the delete's conflict page) and the entry stays.
import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, createDoc, jsonOf, unique } from "../support/api";
import { Browser } from "./web-helpers";

async function addFromSegment(b: Browser, en: string) {
  const doc = await createDoc([{ ar: "عقد مجلس الأمن اجتماعه.", en: "The Security Council met." }]);
  const seg = doc.segments[0];
  const back = `/documents/${doc.id}#s${seg?.id}`;
  // The segment page's add-to-glossary form carries where it comes from.
  expect(await b.page(`/documents/${doc.id}/segments/${seg?.id}`)).toContain(
    `<input type="hidden" name="back" value="${back}"/>`,
  );
  const q = new URLSearchParams({ ar: "مجلس الأمن", en, source: `${doc.title} #1`, back });
  const form = await b.page(`/glossary/new?${q}`);
  expect(form).toContain(`name="back" value="${back}" form="entry-form"`);
  const created = await b.fetch("/glossary/new", {
    form: {
      _csrf: Browser.csrf(form),
      term_lang: ["ar", "en"],
      term_text: ["مجلس الأمن", en],
      term_status: ["preferred", "preferred"],
      term_pos: ["", ""],
      term_note: ["", ""],
      domain: "diplomacy and protocol",
      definition: "",
      note: "",
      source: `${doc.title} #1`,
      back,
      _action: "save",
    },
  });
  expect(created.status).toBe(303);
  const location = created.headers.get("location") ?? "";
  expect(location).toContain(`added=${encodeURIComponent(back)}`);
  return { id: Number(/\/glossary\/(\d+)/.exec(location)?.[1]), location, back };
}

describe("undo of an entry added from a document's segment", () => {
  it("its page offers Undo (delete it) beside a link back to the segment; undone, the entry is gone", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const { id, location, back } = await addFromSegment(b, unique("Security Council "));
    const page = await b.page(location);
    expect(page).toMatch(
      new RegExp(`<form method="post" action="/glossary/${id}/delete" class="flash" id="added">`),
    );
    expect(page).toContain(`<a href="${back}">Back to the segment</a>`);
    expect(page).toContain('<input type="hidden" name="version" value="1"/>');
    const undone = await b.fetch(`/glossary/${id}/delete`, {
      form: { _csrf: Browser.csrf(page), version: "1" },
    });
    expect(undone.status).toBe(303);
    expect((await api(`/api/glossary/${id}`)).status).toBe(404);
  });

  it("once someone changed the entry, the undo is refused and shows what changed; the page no longer offers it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const { id, location } = await addFromSegment(b, unique("Security Council "));
    const page = await b.page(location);
    // A colleague adds a definition (version 2) before the undo is pressed.
    const entry = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${id}`));
    const changed = await api(`/api/glossary/${id}`, {
      method: "PUT",
      headers: { "if-match": `"v${entry.version}"` },
      body: {
        domain: entry.domain,
        definition: "The UN organ with primary responsibility for peace and security.",
        terms: entry.terms.map((t) => ({ lang: t.lang, text: t.text, status: t.status })),
      },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const refused = await b.fetch(`/glossary/${id}/delete`, {
      form: { _csrf: Browser.csrf(page), version: "1" },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("The UN organ with primary responsibility");
    expect((await api(`/api/glossary/${id}`)).status).toBe(200);
    expect(await b.page(location)).not.toContain('id="added"');
  });
});
