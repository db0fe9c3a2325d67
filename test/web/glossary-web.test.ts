import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, createEntry, entryBody, jsonOf, tokenWithScope, unique } from "../support/api";
import { Browser } from "./web-helpers";

/** The fields of the entry form as the browser would post them. */
function entryForm(
  csrf: string,
  version: number | null,
  en: string,
  ar: string,
  extra: Record<string, string> = {},
) {
  return {
    _csrf: csrf,
    ...(version !== null ? { version: String(version) } : {}),
    term_lang: ["en", "ar"],
    term_text: [en, ar],
    term_status: ["preferred", "preferred"],
    term_pos: ["", ""],
    term_note: ["", ""],
    domain: "diplomacy and protocol",
    definition: "",
    note: "",
    source: "",
    _action: "save",
    ...extra,
  };
}

describe("sign in and out", () => {
  it("shows a labelled token field; a wrong token is refused, a right one gives a hardened session cookie", async () => {
    const b = new Browser();
    const login = await b.page("/login");
    expect(login).toContain('<label for="token">Access token</label>');
    expect(login).toContain("Sign in</button>");

    const bad = await b.fetch("/login", { form: { token: "nope", next: "/glossary" } });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("not valid");
    expect(b.cookie).toBe("");

    const ok = await b.signIn(ADMIN);
    expect(ok.headers.get("location")).toBe("/glossary");
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-diwan-session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    const list = await b.page("/glossary");
    expect(list).toContain("Sign out");

    const out = await b.fetch("/logout", { form: { _csrf: Browser.csrf(list) } });
    expect(out.status).toBe(303);
    expect(b.cookie).toBe("");
    const after = await b.fetch("/glossary");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login?next=%2Fglossary");
  });

  it("refuses a tampered cookie and ends the session of a revoked token", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const tampered = new Browser();
    tampered.cookie = `${b.cookie.slice(0, -3)}abc`;
    expect((await tampered.fetch("/glossary")).status).toBe(303);

    const created = await jsonOf<{ id: number; token: string }>(
      await api("/api/tokens", { method: "POST", body: { name: unique("rev"), scope: "write" } }),
    );
    const w = new Browser();
    await w.signIn(created.token);
    expect((await w.fetch("/glossary")).status).toBe(200);
    expect((await api(`/api/tokens/${created.id}`, { method: "DELETE" })).status).toBeLessThan(300);
    expect((await w.fetch("/glossary")).status).toBe(303);
  });

  it("slows failed sign-ins and blocks an address after ten failures", async () => {
    const ip = { "cf-connecting-ip": `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
    const b = new Browser();
    const t0 = Date.now();
    const first = await b.fetch("/login", { form: { token: "guess", next: "/glossary" }, headers: ip });
    expect(first.status).toBe(401);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    // Pretend nine more failures happened (without waiting nine seconds).
    await env.DB.prepare("UPDATE login_attempts SET attempts = 10 WHERE client = ?")
      .bind(ip["cf-connecting-ip"])
      .run();
    const blocked = await b.fetch("/login", { form: { token: ADMIN, next: "/glossary" }, headers: ip });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many failed sign-ins");
    expect(b.cookie).toBe("");
  });

  it("never redirects off-site after sign-in", async () => {
    const b = new Browser();
    const res = await b.fetch("/login", { form: { token: ADMIN, next: "//evil.example/x" } });
    expect(res.headers.get("location")).toBe("/glossary");
  });
});

describe("security", () => {
  it("sends CSP, frame, type and referrer headers on pages", async () => {
    const res = await new Browser().fetch("/login");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(await res.text()).not.toMatch(/<script>|\son[a-z]+=/i);
  });

  it("refuses posts without the session's CSRF token or from another origin", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const form = entryForm("", null, unique("csrf "), "تزوير");
    const noToken = await b.fetch("/glossary/new", { form });
    expect(noToken.status).toBe(403);
    const other = new Browser();
    await other.signIn(ADMIN);
    const foreign = await b.fetch("/glossary/new", {
      form: { ...form, _csrf: Browser.csrf(await other.page("/glossary")) },
    });
    expect(foreign.status).toBe(403);
    const good = Browser.csrf(await b.page("/glossary/new"));
    const crossSite = await b.fetch("/glossary/new", {
      form: { ...form, _csrf: good },
      headers: { origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
  });

  it("renders a script-like term as text", async () => {
    const evil = `<script>alert(1)</script>${unique()}`;
    const entry = await createEntry(evil, "نص <b>عريض</b>");
    const b = new Browser();
    await b.signIn(ADMIN);
    const html = await b.page(`/glossary/${entry.id}`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;عريض&lt;/b&gt;");
    const list = await b.page(`/glossary?q=${encodeURIComponent(evil)}`);
    expect(list).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(list).not.toContain("<script>alert(1)");
  });
});

describe("glossary list", () => {
  it("searches Arabic with or without diacritics and hamza forms, keeps the search in the URL", async () => {
    const en = unique("Permanent mission ");
    await createEntry(en, "البعثة الدائمة لدى الأمم المتحدة");
    const b = new Browser();
    await b.signIn(ADMIN);
    for (const q of ["البَعْثَةُ الدائمة", "الامم المتحدة", "البعـثة"]) {
      const html = await b.page(`/glossary?q=${encodeURIComponent(q)}`);
      expect(html).toContain(en);
      expect(html).toContain(`value="${q}"`);
    }
    const fragment = await b.fetch(`/glossary?q=${encodeURIComponent(en)}`, {
      headers: { "x-fragment": "results" },
    });
    const text = await fragment.text();
    // The count (a live region the script updates in place), then the results region it replaces.
    expect(text).toMatch(
      /^<output class="result-count" id="result-count"[^>]*>1 entry\.<\/output><section id="results"/,
    );
    expect(text).toContain(en);
    expect(text).toContain('dir="rtl"');
  });

  it("shows forbidden and deprecated terms with unmistakable badges", async () => {
    const en = unique("badge ");
    await createEntry(en, "شارة", {
      terms: [
        { lang: "en", text: en, status: "preferred" },
        { lang: "ar", text: "شارة", status: "preferred" },
        { lang: "ar", text: "علامة ممنوعة", status: "forbidden" },
        { lang: "en", text: `${en} old`, status: "deprecated" },
      ],
    });
    const b = new Browser();
    await b.signIn(ADMIN);
    const html = await b.page(`/glossary?q=${encodeURIComponent(en)}`);
    expect(html).toMatch(/class="badge badge-forbidden"><span aria-hidden="true">✖<\/span> forbidden/);
    expect(html).toMatch(/class="badge badge-deprecated"><span aria-hidden="true">⚠<\/span> deprecated/);
  });
});

describe("read-only users", () => {
  it("see entries without edit controls and cannot post", async () => {
    const entry = await createEntry(unique("read only "), "للقراءة فقط");
    const b = new Browser();
    await b.signIn(await tokenWithScope("read"));
    const list = await b.page("/glossary");
    expect(list).not.toContain("New entry");
    const html = await b.page(`/glossary/${entry.id}`);
    expect(html).toContain("للقراءة فقط");
    expect(html).not.toContain(`action="/glossary/${entry.id}"`);
    expect(html).not.toContain("Delete");
    expect(html).not.toContain('<input type="text"');
    const csrf = Browser.csrf(html);
    const res = await b.fetch(`/glossary/${entry.id}`, { form: entryForm(csrf, 1, "x", "س") });
    expect(res.status).toBe(403);
    expect(
      (await b.fetch(`/glossary/${entry.id}/delete`, { form: { _csrf: csrf, version: "1" } })).status,
    ).toBe(403);
    expect((await b.fetch("/tokens")).status).toBe(403);
  });
});

describe("entry form", () => {
  it("creates an entry, adds a variant row without JavaScript, and edits it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/glossary/new"));
    const en = unique("Credentials ");
    const added = await b.fetch("/glossary/new", {
      form: { ...entryForm(csrf, null, en, "أوراق الاعتماد"), _action: "add-term" },
    });
    expect(added.status).toBe(200);
    const withRow = await added.text();
    expect(withRow).toContain("Variant term 1");
    expect(withRow).toContain(`value="${en}"`);

    const form = entryForm(csrf, null, en, "أوراق الاعتماد");
    const created = await b.fetch("/glossary/new", {
      form: {
        ...form,
        term_lang: ["en", "ar", "ar"],
        term_text: [en, "أوراق الاعتماد", "وثائق التفويض"],
        term_status: ["preferred", "preferred", "admitted"],
        term_pos: ["", "", ""],
        term_note: ["", "", ""],
      },
    });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    const id = Number(/\/glossary\/(\d+)/.exec(location)?.[1]);
    const entry = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${id}`));
    expect(entry.terms.map((t) => t.text)).toEqual([en, "أوراق الاعتماد", "وثائق التفويض"]);

    const page = await b.page(location);
    expect(page).toContain("Saved.");
    expect(page).toContain('name="version" value="1"');
    const saved = await b.fetch(`/glossary/${id}`, {
      form: entryForm(Browser.csrf(page), 1, en, "أوراق اعتماد", { definition: "new def" }),
    });
    expect(saved.status).toBe(303);
    expect(await jsonOf<GlossaryEntry>(await api(`/api/glossary/${id}`))).toMatchObject({
      version: 2,
      definition: "new def",
    });
  });

  it("shows validation errors next to the fields and keeps the input", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/glossary/new"));
    const res = await b.fetch("/glossary/new", {
      form: entryForm(csrf, null, "", "مدخل بلا إنجليزية", { definition: "kept <definition>", domain: "" }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The entry was not saved");
    expect(html).toContain("English term is required");
    expect(html).toContain("Domain is required");
    expect(html).toContain('value="مدخل بلا إنجليزية"');
    expect(html).toContain("kept &lt;definition&gt;</textarea>");
    expect(html).toMatch(/id="term-0-text"[^>]*aria-invalid="true"/);
  });

  it("merges a stale save that touched other fields: their definition and term stay, my note is added", async () => {
    const en = unique("Consulate ");
    const entry = await createEntry(en, "قنصلية");
    const b = new Browser();
    await b.signIn(ADMIN);
    const page = await b.page(`/glossary/${entry.id}`);
    // Someone else changes the entry meanwhile.
    const writer = await tokenWithScope("write");
    const put = await api(`/api/glossary/${entry.id}`, {
      method: "PUT",
      token: writer,
      body: entryBody(en, "قنصلية عامة", { definition: "their definition" }),
    });
    expect(put.status).toBe(200);

    const res = await b.fetch(`/glossary/${entry.id}`, {
      form: entryForm(Browser.csrf(page), 1, en, "قنصلية", {
        note: "my own note",
        definition: `definition of ${en}`,
      }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/glossary/${entry.id}?saved=merged-3`);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    expect(now).toMatchObject({ version: 3, definition: "their definition", note: "my own note" });
    expect(now.terms.map((t) => t.text)).toEqual([en, "قنصلية عامة"]);
    const flash = await b.page(`/glossary/${entry.id}?saved=merged-3`);
    expect(flash).toContain("merged with the changes made since you loaded it (now version 3)");
  });

  it("asks per field when both changed the same one, and saves only the choice made", async () => {
    const en = unique("Consulate ");
    const entry = await createEntry(en, "قنصلية");
    const b = new Browser();
    await b.signIn(ADMIN);
    const page = await b.page(`/glossary/${entry.id}`);
    const writer = await tokenWithScope("write");
    const patch = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      token: writer,
      headers: { "if-match": '"v1"' },
      body: { note: "their note", definition: "their definition" },
    });
    expect(patch.status).toBe(200);
    const form = entryForm(Browser.csrf(page), 1, en, "قنصلية", {
      note: "my own note",
      definition: `definition of ${en}`,
    });
    const res = await b.fetch(`/glossary/${entry.id}`, { form });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("you and someone else changed the same fields");
    expect(html).toMatch(/name="choice:note" value="theirs" form="entry-form"/);
    expect(html).toMatch(/name="choice:note" value="mine" form="entry-form"/);
    expect(html).not.toContain('name="choice:definition"');
    expect(html).toContain('name="merge_with" value="2"');
    expect(html).toContain('name="version" value="1"');
    expect(html).toContain("my own note</textarea>");
    expect(html).toContain("their note");
    // Saving without choosing asks again and writes nothing.
    const again = await b.fetch(`/glossary/${entry.id}`, { form: { ...form, merge_with: "2" } });
    expect(again.status).toBe(409);
    expect((await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`))).version).toBe(2);
    // A choice made on a page that showed an older version does not count.
    const old = await b.fetch(`/glossary/${entry.id}`, {
      form: { ...form, merge_with: "1", "choice:note": "mine" },
    });
    expect(old.status).toBe(409);
    const chosen = await b.fetch(`/glossary/${entry.id}`, {
      form: { ...form, merge_with: "2", "choice:note": "mine" },
    });
    expect(chosen.status).toBe(303);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    expect(now).toMatchObject({ version: 3, definition: "their definition", note: "my own note" });
  });

  it("reverts to an earlier version after a confirmation, as a new recorded version", async () => {
    const en = unique("Consulate ");
    const entry = await createEntry(en, "قنصلية");
    const patch = await api(`/api/glossary/${entry.id}`, {
      method: "PATCH",
      headers: { "if-match": '"v1"' },
      body: { definition: "a later definition" },
    });
    expect(patch.status).toBe(200);
    const b = new Browser();
    await b.signIn(ADMIN);
    const history = await b.page(`/glossary/${entry.id}/history`);
    expect(history).toContain(`href="/glossary/${entry.id}/revert?version=1"`);
    expect(history).not.toContain(`revert?version=2"`);
    const confirm = await b.page(`/glossary/${entry.id}/revert?version=1`);
    expect(confirm).toContain("Revert to version 1?");
    expect(confirm).toContain("a later definition");
    const stale = await b.fetch(`/glossary/${entry.id}/revert`, {
      form: { _csrf: Browser.csrf(confirm), version: "1", expected: "1" },
    });
    expect(stale.status).toBe(409);
    const res = await b.fetch(`/glossary/${entry.id}/revert`, {
      form: { _csrf: Browser.csrf(confirm), version: "1", expected: "2" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/glossary/${entry.id}/history?reverted=1-3`);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${entry.id}`));
    expect(now).toMatchObject({ version: 3, definition: `definition of ${en}` });
    const after = await b.page(`/glossary/${entry.id}/history?reverted=1-3`);
    expect(after).toContain("Reverted to version 1 (saved as version 3).");
    expect(after).toMatch(/Version 3: Reverted to version 1 by <bdi[^>]*>admin/);
    expect((await b.fetch(`/glossary/${entry.id}/revert?version=9`)).status).toBe(404);
  });

  it("deletes after a confirmation step and keeps the history readable", async () => {
    const en = unique("Envoy ");
    const entry = await createEntry(en, "مبعوث");
    const b = new Browser();
    await b.signIn(ADMIN);
    const confirm = await b.page(`/glossary/${entry.id}/delete`);
    expect(confirm).toContain("Delete this entry?");
    const res = await b.fetch(`/glossary/${entry.id}/delete`, {
      form: { _csrf: Browser.csrf(confirm), version: "1" },
    });
    expect(res.status).toBe(303);
    expect((await api(`/api/glossary/${entry.id}`)).status).toBe(404);
    const history = await b.page(`/glossary/${entry.id}/history`);
    expect(history).toMatch(/Deleted by <bdi[^>]*>admin</);
    expect(history).toMatch(/Created by <bdi[^>]*>admin</);
    expect(history).toContain(en);
  });
});

describe("bulk import and export", () => {
  it("previews an uploaded TSV, then applies it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/glossary/import"));
    const key = unique("web-import-").toLowerCase();
    const en = unique("web imported ");
    const tsv = `key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n${key}\ten\tpreferred\t${en}\t\t\tlaw\t\t\t\n${key}\tar\tpreferred\tمستورد من الويب\t\t\t\t\t\t\n`;
    const fd = new FormData();
    fd.set("_csrf", csrf);
    fd.set("format", "auto");
    fd.set("mode", "merge");
    fd.set("file", new File([tsv], "terms.tsv", { type: "text/tab-separated-values" }));
    const preview = await b.fetch("/glossary/import", { form: fd });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Import preview");
    expect(html).toMatch(/<strong>1<\/strong> to add/);
    expect(
      (await jsonOf<{ items: unknown[] }>(await api(`/api/glossary?q=${encodeURIComponent(en)}`))).items,
    ).toHaveLength(0);

    const version = /name="glossaryVersion" value="(\d+)"/.exec(html)?.[1] ?? "";
    const applied = await b.fetch("/glossary/import/apply", {
      form: {
        _csrf: Browser.csrf(html),
        format: "tsv",
        mode: "merge",
        glossaryVersion: version,
        content: tsv,
      },
    });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain("1 added");
    expect(
      (await jsonOf<{ items: unknown[] }>(await api(`/api/glossary?q=${encodeURIComponent(en)}`))).items,
    ).toHaveLength(1);
  });

  it("says how each row matched, skips the rows ticked, lists what the file could not give, and records the file", async () => {
    const en = unique("matched by terms ");
    const existing = await createEntry(en, "مطابق بالمصطلحات", { note: "kept note" });
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/glossary/import"));
    const [k1, k2, k3] = [unique("new-key-"), unique("add-key-"), unique("skip-key-")].map((k) =>
      k.toLowerCase(),
    );
    const [addEn, skipEn] = [unique("web added "), unique("web skipped ")];
    const head = "key\tlang\tstatus\tterm\tpos\tterm_note\tdomain\tdefinition\tnote\tsource\n";
    const tsv =
      head +
      `${k1}\ten\tpreferred\t${en}\t\t\tlaw\tnew definition\t\t\n${k1}\tar\tpreferred\tمطابق بالمصطلحات\t\t\t\t\t\t\n` +
      `${k2}\ten\tpreferred\t${addEn}\t\t\tlaw\t\t\t\n${k2}\tar\tpreferred\tمضاف\t\t\t\t\t\t\n` +
      `${k3}\ten\tpreferred\t${skipEn}\t\t\tlaw\t\t\t\n${k3}\tar\tpreferred\tمتروك\t\t\t\t\t\t\n` +
      "bad-row\ten\tpreferred\tonly english\t\t\tlaw\t\t\t\n";
    const fd = new FormData();
    fd.set("_csrf", csrf);
    fd.set("format", "auto");
    fd.set("mode", "merge");
    fd.set("file", new File([tsv], "C:\\terms\\مسرد 2.tsv", { type: "text/tab-separated-values" }));
    const preview = await b.fetch("/glossary/import", { form: fd });
    const html = await preview.text();
    expect(preview.status, html).toBe(200);
    expect(html).toMatch(/<strong>2<\/strong> to add, <strong>1<\/strong> to change/);
    expect(html).toContain("Matched by its preferred English and Arabic terms, not by a key");
    expect(html).toContain(`<code>${k1}</code>`);
    for (const k of [k1, k2, k3]) expect(html).toContain(`name="skip" value="${k}" form="apply-form"`);
    expect(html).toContain("1 entry of the file cannot be imported");
    expect(html).toMatch(/Line 8:.*bad-row/s);
    expect(html).toContain('name="fileName" value="مسرد 2.tsv"');
    const applied = await b.fetch("/glossary/import/apply", {
      form: {
        _csrf: Browser.csrf(html),
        format: "tsv",
        mode: "merge",
        fileName: "مسرد 2.tsv",
        glossaryVersion: /name="glossaryVersion" value="(\d+)"/.exec(html)?.[1] ?? "",
        content: tsv,
        skip: [k3 ?? ""],
      },
    });
    const done = await applied.text();
    expect(applied.status).toBe(200);
    expect(done).toContain("1 added, 1 changed, 0 deleted");
    expect(done).toContain("Not imported from the file: 1; left out as you chose: 1.");
    const found = async (q: string) =>
      (await jsonOf<{ items: unknown[] }>(await api(`/api/glossary?q=${encodeURIComponent(q)}`))).items
        .length;
    expect(await found(addEn)).toBe(1);
    expect(await found(skipEn)).toBe(0);
    const now = await jsonOf<GlossaryEntry>(await api(`/api/glossary/${existing.id}`));
    expect(now).toMatchObject({ definition: "new definition", note: "kept note" });
    const history = await b.page(`/glossary/${existing.id}/history`);
    expect(history).toMatch(
      /Version 2: Imported from <bdi lang="ar" dir="rtl"[^>]*>مسرد 2.tsv<\/bdi> by <bdi[^>]*>admin/,
    );
  });

  it("downloads exports with the session", async () => {
    const b = new Browser();
    await b.signIn(await tokenWithScope("read"));
    const res = await b.fetch("/glossary/export?format=tsv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("diwan-glossary.tsv");
  });
});

describe("tokens page", () => {
  it("lets an admin create a token (secret shown once) and revoke it", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const page = await b.page("/tokens");
    const name = unique("web-token-");
    const res = await b.fetch("/tokens", { form: { _csrf: Browser.csrf(page), name, scope: "read" } });
    expect(res.status).toBe(201);
    const html = await res.text();
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1] ?? "";
    expect(secret).toMatch(/^dwn_/);
    expect((await api("/api/glossary/domains", { token: secret })).status).toBe(200);
    const id = new RegExp(
      `action="/tokens/(\\d+)/revoke"(?:(?!action=)[^])*?Revoke \u2068${name}\u2069`,
    ).exec(html)?.[1];
    expect(id).toBeDefined();
    const revoked = await b.fetch(`/tokens/${id}/revoke`, { form: { _csrf: Browser.csrf(html) } });
    expect(revoked.status).toBe(303);
    expect((await api("/api/glossary/domains", { token: secret })).status).toBe(401);
  });
});
