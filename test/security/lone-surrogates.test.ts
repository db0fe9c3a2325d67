import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, createDoc, jsonOf, unique } from "../support/api";
import { Browser } from "../web/web-helpers";
import { exportXliff, importXliff, setTarget12 } from "../xliff/api/helpers";

/**
 * Text that is not Unicode is refused, never replaced (issue 16.6): a lone surrogate (U+D800–U+DFFF without
 * its pair) would be stored by D1 as U+FFFD. JSON can carry one as a \u escape, XML as a character
 * reference, a query string or a form as percent-encoded bytes that are not UTF-8.
 */
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

const entry = (en: string, ar: string, note: string | null = null) => ({
  domain: "security",
  note,
  terms: [
    { lang: "en", text: en, status: "preferred" },
    { lang: "ar", text: ar, status: "preferred" },
  ],
});

/** A form post with a body as given (the browser helper would encode it properly). */
function rawPost(b: Browser, path: string, type: string, body: string | Uint8Array) {
  return SELF.fetch(`http://diwan.test${path}`, {
    method: "POST",
    headers: { cookie: b.cookie, origin: "http://diwan.test", "content-type": type },
    body,
    redirect: "manual",
  });
}

describe("lone surrogates and invalid bytes are refused (issue 16.6)", () => {
  it("JSON bodies: a \\uD800 or \\uDC00 escape without its pair is a 400 naming the field; a real pair is stored exactly", async () => {
    const base = unique("surrogate ");
    for (const [body, field] of [
      [JSON.stringify(entry(`${base} a\ud800b`, "أمن")), "terms.0.text"],
      [JSON.stringify(entry(base, "أمن\udc00")), "terms.1.text"],
      [JSON.stringify(entry(base, "أمن", "note \udbff")), "note"],
      [`{"domain":"security","terms":[],"x\\ud800":1}`, "x\ufffd"],
    ] as const) {
      const res = await api("/api/glossary", { method: "POST", body });
      expect(res.status, body).toBe(400);
      const problem = await jsonOf<Problem>(res);
      expect(problem.code).toBe("invalid-text");
      expect(problem.errors?.[0]?.field, body).toBe(field);
      expect(problem.errors?.[0]?.message).toMatch(/lone surrogate U\+D[89A-F][0-9A-F]{2}/);
    }
    const found = await jsonOf<{ items: unknown[] }>(
      await api(`/api/glossary?q=${encodeURIComponent(base)}`),
    );
    expect(found.items).toEqual([]);
    const ok = await api("/api/glossary", {
      method: "POST",
      body: `{"domain":"security","terms":[{"lang":"en","text":"${base} \\ud83d\\udd4a"},{"lang":"ar","text":"سلام"}]}`,
    });
    expect(ok.status).toBe(201);
    expect((await jsonOf<GlossaryEntry>(ok)).terms[0]?.text).toBe(`${base} 🕊`);
  });

  it("JSON bodies elsewhere (segments, text endpoints) are refused the same way", async () => {
    const docs = await api("/api/documents", {
      method: "POST",
      body: JSON.stringify({ title: "t", segments: [{ ar: "نص\ud800" }] }),
    });
    expect(docs.status).toBe(400);
    expect((await jsonOf<Problem>(docs)).errors?.[0]?.field).toBe("segments.0.ar");
    const seg = await api("/api/segment", {
      method: "POST",
      body: JSON.stringify({ lang: "ar", text: "\udfff" }),
    });
    expect(seg.status).toBe(400);
  });

  it("query strings: percent-encoded bytes that are not UTF-8 (an encoded surrogate, a lone byte) are a 400 naming the parameter", async () => {
    for (const [path, field] of [
      ["/api/glossary?q=%ED%A0%80", "q"],
      ["/api/glossary?q=abc%FF", "q"],
      ["/api/segments?q=%ED%B0%80&lang=ar", "q"],
      ["/api/tm/matches?q=%C3", "q"],
      ["/api/tm/variants?lang=ar&q=%E0%80%80", "q"],
    ] as const) {
      const res = await api(path);
      expect(res.status, path).toBe(400);
      const problem = await jsonOf<Problem>(res);
      expect(problem.code, path).toBe("invalid-encoding");
      expect(problem.errors?.[0]?.field, path).toBe(field);
    }
    const arabic = await api(`/api/glossary?q=${encodeURIComponent("الأمن")}`);
    expect(arabic.status).toBe(200);
  });

  it("web forms: a term with percent-encoded non-UTF-8 is refused, nothing is stored", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const html = await b.page("/glossary/new");
    const csrf = Browser.csrf(html);
    const en = unique("web surrogate ");
    const raw = `_csrf=${encodeURIComponent(csrf)}&term_lang=en&term_lang=ar&term_text=${encodeURIComponent(en)}&term_text=%ED%A0%80&term_status=preferred&term_status=preferred&term_pos=&term_pos=&term_note=&term_note=&domain=security&definition=&note=&source=&_action=save`;
    const res = await rawPost(b, "/glossary/new", "application/x-www-form-urlencoded", raw);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/term_text[^<]*not valid UTF-8/);
    const found = await jsonOf<{ items: unknown[] }>(await api(`/api/glossary?q=${encodeURIComponent(en)}`));
    expect(found.items).toEqual([]);
  });

  it("web forms: a multipart text field that is not UTF-8 is refused", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/glossary/import"));
    const boundary = "----diwan16";
    const enc = new TextEncoder();
    const parts = [
      enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nmerge`),
      new Uint8Array([0xed, 0xa0, 0x80]),
      enc.encode(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="g.tsv"\r\nContent-Type: text/tab-separated-values\r\n\r\nkey\r\n--${boundary}--\r\n`,
      ),
    ];
    const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      body.set(p, at);
      at += p.length;
    }
    const res = await rawPost(b, "/glossary/import", `multipart/form-data; boundary=${boundary}`, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/mode[^<]*not valid UTF-8/);
  });

  it("uploaded XML: a character reference to a surrogate is refused (TMX, XLIFF, TBX)", async () => {
    const tmx = `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body><tu><tuv xml:lang="ar"><seg>نص&#xD800;</seg></tuv><tuv xml:lang="en"><seg>text</seg></tuv></tu></body></tmx>`;
    const t = await api("/api/tm/import", {
      method: "POST",
      body: tmx,
      headers: { "content-type": "application/x-tmx+xml" },
    });
    expect(t.status).toBe(400);
    const tbx = `<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="k-x"><langSec xml:lang="en"><termSec><term>a&#xDC00;</term></termSec></langSec><langSec xml:lang="ar"><termSec><term>ب</term></termSec></langSec></conceptEntry></body></text></tbx>`;
    const g = await api("/api/glossary/import?format=tbx&dryRun=true", {
      method: "POST",
      body: tbx,
      headers: { "content-type": "application/xml" },
    });
    expect(g.status).toBe(400);
    const doc = await createDoc([{ ar: "يدين المجلس الهجوم." }]);
    const exported = (await exportXliff(doc.id)).text;
    const xliff = setTarget12(exported, doc.segments[0]?.id ?? 0, "Condemns SURROGATE it.").replace(
      "SURROGATE",
      "&#xD83D;",
    );
    const x = await importXliff(doc.id, xliff);
    expect(x.status).toBe(400);
  });
});
