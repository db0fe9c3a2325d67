import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import { ADMIN, api, jsonOf, tokenWithScope, unique } from "../support/api";
import { Browser } from "./web-helpers";

const AR =
  "عقد المجلس اجتماعه في 11 سبتمبر. وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.\n\nوأكد الأمين العام دعمه للحوار.";
const EN =
  "The council met on 11 September. Members discussed security threats and counter-terrorism.\n\nThe Secretary-General affirmed his support for dialogue.";

async function segmentsOf(id: number): Promise<Segment[]> {
  const res = await api(`/api/documents/${id}/segments?limit=500`);
  expect(res.status).toBe(200);
  return (await jsonOf<{ items: Segment[] }>(res)).items;
}

async function signedIn(token = ADMIN) {
  const b = new Browser();
  await b.signIn(token);
  return b;
}

/** Creates a document through the web form; returns its id. */
async function createViaForm(b: Browser, title: string, ar = AR, en = EN) {
  const form = await b.page("/documents/new");
  const res = await b.fetch("/documents/new", { form: { _csrf: Browser.csrf(form), title, ar, en } });
  expect(res.status).toBe(303);
  const m = /^\/documents\/(\d+)\?created=(\d+)$/.exec(res.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return Number(m?.[1]);
}

describe("documents list and creation", () => {
  it("creates a document from two pasted texts, aligned, and lists it with counts by status", async () => {
    const b = await signedIn();
    const title = unique("Council ");
    const id = await createViaForm(b, title);
    const segs = await segmentsOf(id);
    expect(segs.map((s) => s.ar)).toEqual([
      "عقد المجلس اجتماعه في 11 سبتمبر.",
      "وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.",
      "وأكد الأمين العام دعمه للحوار.",
    ]);
    expect(segs[2]?.en).toBe("The Secretary-General affirmed his support for dialogue.");
    const list = await b.page("/documents");
    expect(list).toContain(title);
    expect(list).toContain(`href="/documents/${id}"`);
    const review = await b.page(`/documents/${id}?created=3`);
    expect(review).toContain("Document created with 3 segments.");
    // Arabic and English cells carry their language and direction; English is the left column.
    expect(review).toMatch(
      /<td lang="en" dir="ltr">The council met on 11 September\.<\/td><td lang="ar" dir="rtl">عقد المجلس/,
    );
  });

  it("takes the texts from uploaded .txt files, refuses bytes that are not UTF-8 and keeps what was typed", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const fd = new FormData();
    fd.set("_csrf", Browser.csrf(form));
    fd.set("title", "From files");
    fd.set("ar", "");
    fd.set("en", "");
    fd.set("ar_file", new File([new TextEncoder().encode(AR)], "ar.txt", { type: "text/plain" }));
    fd.set("en_file", new File([new TextEncoder().encode(EN)], "en.txt", { type: "text/plain" }));
    const ok = await b.fetch("/documents/new", { form: fd });
    expect(ok.status).toBe(303);
    const id = Number(/\/documents\/(\d+)/.exec(ok.headers.get("location") ?? "")?.[1]);
    expect((await segmentsOf(id)).length).toBe(3);

    const bad = new FormData();
    bad.set("_csrf", Browser.csrf(form));
    bad.set("title", "Latin-1");
    bad.set("ar", "");
    bad.set("en", "kept English");
    bad.set(
      "ar_file",
      new File([new Uint8Array([0x63, 0x61, 0x66, 0xe9])], "latin1.txt", { type: "text/plain" }),
    );
    const refused = await b.fetch("/documents/new", { form: bad });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Arabic file \u2068latin1.txt\u2069: the file is not UTF-8");
    expect(html).toContain("kept English</textarea>");
  });

  it("refuses a missing title or Arabic text with field errors, and a read token cannot create", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const res = await b.fetch("/documents/new", {
      form: { _csrf: Browser.csrf(form), title: " ", ar: "", en: "x" },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Give the document a title.");
    expect(html).toContain("Give the Arabic text, pasted or as a file.");
    expect(html).toContain('aria-invalid="true"');

    const reader = await signedIn(await tokenWithScope("read"));
    expect((await reader.fetch("/documents/new")).status).toBe(403);
    expect(await reader.page("/documents")).not.toContain('href="/documents/new"');
  });

  it("searches the list by title: Arabic normalised, only the matching documents, a clear word when none", async () => {
    const b = await signedIn();
    const tag = unique("");
    const hamza = await createViaForm(b, `إجتماع المجلس ${tag}`);
    const other = await createViaForm(b, `Briefing ${tag}`);
    // Typed without the hamza and with a diacritic: the title with إ is found, the other is not.
    const found = await b.page(`/documents?q=${encodeURIComponent(`اجتماعُ المجلس ${tag}`)}`);
    expect(found).toContain(`href="/documents/${hamza}"`);
    expect(found).not.toContain(`href="/documents/${other}"`);
    expect(found).toMatch(/<input id="q" name="q" type="search" value="اجتماعُ المجلس [^"]+"/);
    expect(found).toContain('<a href="/documents" class="button secondary">Show all</a>');
    const english = await b.page(`/documents?q=${encodeURIComponent(`briefing ${tag}`)}`);
    expect(english).toContain(`href="/documents/${other}"`);
    expect(english).not.toContain(`href="/documents/${hamza}"`);
    const none = await b.page(`/documents?q=${encodeURIComponent(`nothing ${tag}`)}`);
    expect(none).toContain("No document title contains this text.");
    expect(none).not.toContain("<table");
  });

  it("deletes a document after confirmation; its segments leave the memory", async () => {
    const b = await signedIn();
    const id = await createViaForm(b, unique("To delete "));
    const confirm = await b.page(`/documents/${id}/delete`);
    expect(confirm).toContain("3 segments are deleted too");
    const res = await b.fetch(`/documents/${id}/delete`, { form: { _csrf: Browser.csrf(confirm) } });
    expect(res.status).toBe(303);
    expect((await api(`/api/documents/${id}`)).status).toBe(404);
    expect((await b.fetch(`/documents/${id}`)).status).toBe(404);
  });

  it("answers in Arabic with every label from the Arabic catalog", async () => {
    const b = await signedIn();
    const id = await createViaForm(b, unique("Arabic UI "));
    const res = await b.fetch(`/documents/${id}`, { headers: { "accept-language": "ar" } });
    const html = await res.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain("بحاجة إلى مراجعة");
    // On an Arabic page the Arabic column comes first in the markup: it is the right-hand one.
    expect(html).toMatch(/<td lang="ar" dir="rtl">عقد المجلس[^<]*<\/td><td lang="en"/);
  });
});

describe("review operations", () => {
  it("approves ticked segments against the versions shown, offers undo, and undo restores each status", async () => {
    const b = await signedIn();
    const id = await createViaForm(b, unique("Approve "));
    const [first, second] = await segmentsOf(id);
    if (!first || !second) throw new Error("no segments");
    const review = await b.page(`/documents/${id}`);
    expect(review).toContain(`name="s" value="${first.id}:${first.version}"`);
    const res = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(review),
        action: "approve",
        only: "",
        s: [`${first.id}:${first.version}`, `${second.id}:${second.version}`],
      },
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toContain(`#s${first.id}`);
    expect((await segmentsOf(id)).slice(0, 2).map((s) => s.status)).toEqual(["approved", "approved"]);
    const after = await b.page(location.replace(/#.*/, ""));
    expect(after).toContain("2 segments approved.");
    // Undo posts the two approvals' operations of the history back (with the document version shown).
    const undo = [...after.matchAll(/name="u" value="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(undo).toHaveLength(2);
    expect(undo.every((u) => /^\d+$/.test(u))).toBe(true);
    const shown = /name="v" value="(\d+)"/.exec(after)?.[1] ?? "";
    const back = await b.fetch(`/documents/${id}/ops`, {
      form: { _csrf: Browser.csrf(after), action: "undo", u: undo, v: shown },
    });
    expect(back.status, (await back.clone().text()).replace(/[\s\S]*<main/, "").slice(0, 3000)).toBe(303);
    expect((await segmentsOf(id)).slice(0, 2).map((s) => s.status)).toEqual([first.status, second.status]);
    const history = await b.page(`/documents/${id}`);
    const approvals = history.match(/<li>status set[\s\S]*?<\/li>/g) ?? [];
    expect(approvals).toHaveLength(2);
    expect(approvals.every((li) => li.includes("undone"))).toBe(true);
    // The keyboard's one-row form (`only`) wins over ticked boxes; nothing ticked is refused, not guessed.
    const again = await b.page(`/documents/${id}`);
    const one = await b.fetch(`/documents/${id}/ops`, {
      form: {
        _csrf: Browser.csrf(again),
        action: "reviewed",
        only: `${second.id}:${second.version + 2}`,
        s: `${first.id}:${first.version + 2}`,
      },
    });
    expect(one.status).toBe(303);
    expect((await segmentsOf(id)).slice(0, 2).map((s) => s.status)).toEqual([first.status, "reviewed"]);
    const none = await b.fetch(`/documents/${id}/ops`, {
      form: { _csrf: Browser.csrf(again), action: "approve", only: "" },
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Select the segments to change first");
  });

  it("refuses an operation on a version someone else has changed, shows it, and changes nothing", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const id = await createViaForm(alice, unique("Race "));
    const [first] = await segmentsOf(id);
    if (!first) throw new Error("no segment");
    const aliceView = await alice.page(`/documents/${id}`);
    const bobView = await bob.page(`/documents/${id}`);
    // Bob edits the English first.
    const edit = await bob.page(`/documents/${id}/segments/${first.id}`);
    const saved = await bob.fetch(`/documents/${id}/segments/${first.id}`, {
      form: {
        _csrf: Browser.csrf(edit),
        version: String(first.version),
        en: "Bob's English.",
        _action: "save",
      },
    });
    expect(saved.status).toBe(303);
    expect(bobView).toContain(first.ar);
    // Alice approves from her stale page: refused, the page says so and shows Bob's text.
    const res = await alice.fetch(`/documents/${id}/ops`, {
      form: { _csrf: Browser.csrf(aliceView), action: "approve", s: `${first.id}:${first.version}` },
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Someone else changed this segment");
    expect(html).toContain("Bob&#39;s English.");
    const now = (await segmentsOf(id))[0];
    expect(now?.en).toBe("Bob's English.");
    expect(now?.status).not.toBe("approved");
  });

  it("keeps both texts when two people save the same segment: theirs shown, yours kept in the field", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const id = await createViaForm(alice, unique("Edit race "));
    const [, second] = await segmentsOf(id);
    if (!second) throw new Error("no segment");
    const url = `/documents/${id}/segments/${second.id}`;
    const aliceForm = await alice.page(url);
    const bobForm = await bob.page(url);
    const form = (b: string, en: string) => ({
      _csrf: Browser.csrf(b),
      version: String(second.version),
      en,
      _action: "save",
    });
    expect((await alice.fetch(url, { form: form(aliceForm, "Alice's version.") })).status).toBe(303);
    const conflict = await bob.fetch(url, { form: form(bobForm, "Bob's version.") });
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    expect(html).toContain("Someone else saved this segment meanwhile");
    expect(html).toMatch(/id="theirs">Alice&#39;s version\.</);
    expect(html).toContain("Bob&#39;s version.</textarea>");
    expect((await segmentsOf(id))[1]?.en).toBe("Alice's version.");
    // Saving again from the conflict page replaces Alice's knowingly (the form now carries her version).
    const again = await bob.fetch(url, {
      form: { ...form(html, "Bob's version."), version: String(second.version + 1) },
    });
    expect(again.status).toBe(303);
    expect((await segmentsOf(id))[1]?.en).toBe("Bob's version.");
  });

  it("filters to the segments needing review and refuses a segment of another document", async () => {
    const b = await signedIn();
    const id = await createViaForm(b, unique("Filter "), AR, "");
    const segs = await segmentsOf(id);
    expect(segs.every((s) => s.status === "new")).toBe(true);
    const html = await b.page(`/documents/${id}?filter=review`);
    expect(html.match(/<tr id="s\d+"/g)?.length).toBe(3);
    expect(html.match(/<tr id="s\d+" class="flag"/g)?.length).toBe(3);
    const other = await createViaForm(b, unique("Other "));
    const [foreign] = await segmentsOf(other);
    expect((await b.fetch(`/documents/${id}/segments/${foreign?.id}`)).status).toBe(404);
  });
});
