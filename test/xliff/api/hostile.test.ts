import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { XLIFF_MAX_BYTES } from "../../../src/routes/xliff";
import { ADMIN, api, createDoc, jsonOf, segmentsOf } from "../../support/api";
import { exportXliff, importXliff, XLIFF_TYPE } from "./helpers";

interface Problem {
  status: number;
  code: string;
  detail?: string;
  line?: number;
  column?: number;
}

async function problemOf(res: Response, status: number): Promise<Problem> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  return jsonOf<Problem>(res);
}

const xliff12 = (inner: string, prolog = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>${inner}</body></file></xliff>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>&lol9;</source></trans-unit></body></file></xliff>`;

const XXE = xliff12(
  `<trans-unit id="1"><source>&xxe;</source></trans-unit>`,
  `<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`,
);

describe("hostile and broken uploads", () => {
  it.each([
    ["billion laughs", BILLION_LAUGHS, "xml-doctype"],
    ["XXE", XXE, "xml-doctype"],
    [
      "an external DTD with an internal subset",
      xliff12("", `<!DOCTYPE xliff SYSTEM "http://example.com/x.dtd" [<!ENTITY a "b">]>\n`),
      "xml-doctype",
    ],
    [
      "an undeclared entity",
      xliff12(`<trans-unit id="1"><source>&nbsp;</source></trans-unit>`),
      "xml-entity",
    ],
  ])("refuses %s quickly with 400 and its position", async (_name, body, code) => {
    const doc = await createDoc([{ ar: "نص." }]);
    const started = Date.now();
    const p = await problemOf(await importXliff(doc.id, body), 400);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(p.code).toBe(code);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect((await segmentsOf(doc.id))[0]!.version).toBe(1);
  });

  it("reports malformed XML with line and column", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    const body = xliff12(`\n<trans-unit id="1"><source>نص.</target></trans-unit>`);
    const p = await problemOf(await importXliff(doc.id, body), 400);
    expect(p).toMatchObject({ code: "xml-malformed", line: 4 });
    expect(p.column).toBeGreaterThan(1);
    expect(p.detail).toContain("close tag");
  });

  it.each([
    ["XLIFF 3.0", xliff12("").replace('version="1.2"', 'version="3.0"'), 415, "wrong-version"],
    ["a wrong namespace", xliff12("").replace("document:1.2", "document:2.0"), 415, "wrong-namespace"],
    ["TMX", `<tmx version="1.4"><header srclang="ar"/><body/></tmx>`, 415, "wrong-root"],
    ["an empty body", "", 400, "xml-malformed"],
    [
      "deep nesting",
      xliff12(`<trans-unit id="1"><source>${"<g>".repeat(300)}${"</g>".repeat(300)}</source></trans-unit>`),
      400,
      "xml-too-deep",
    ],
  ])("refuses %s", async (_name, body, status, code) => {
    const doc = await createDoc([{ ar: "نص." }]);
    expect((await problemOf(await importXliff(doc.id, body), status)).code).toBe(code);
  });

  it("refuses bytes that are not UTF-8, other charsets, and JSON or form content types", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    const bytes = new TextEncoder().encode(xliff12(`<trans-unit id="1"><source>AB</source></trans-unit>`));
    bytes[bytes.indexOf(0x41)] = 0xc3; // a lead byte followed by "B": invalid
    expect((await problemOf(await importXliff(doc.id, bytes), 400)).code).toBe("invalid-encoding");
    const latin1 = await importXliff(doc.id, xliff12(""), "", undefined, {
      "content-type": "application/xml; charset=iso-8859-1",
    });
    expect((await problemOf(latin1, 415)).code).toBe("unsupported-media-type");
    // Single-byte legacy encodings are read (xml-decode.test.ts); a multi-byte one is refused by name.
    const declared = xliff12("").replace('encoding="UTF-8"', 'encoding="Shift_JIS"');
    expect((await problemOf(await importXliff(doc.id, declared), 415)).detail).toContain("Shift_JIS");
    for (const type of [
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await importXliff(doc.id, xliff12(""), "", undefined, { "content-type": type });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const json = await importXliff(doc.id, "{}", "", undefined, { "content-type": "application/json" });
    expect((await problemOf(json, 415)).code).toBe("unsupported-media-type");
  });

  it("cuts off an upload over the limit (40 MiB) with 413, declared or streamed", async () => {
    const doc = await createDoc([{ ar: "نص." }]);
    // Declared: a fixed-length body is refused from its Content-Length before it is read.
    const whole = await importXliff(doc.id, new Uint8Array(XLIFF_MAX_BYTES + 1).fill(0x20));
    expect((await problemOf(whole, 413)).code).toBe("payload-too-large");
    // Streamed without a length: cut off once the limit is passed. (workerd then logs "Network connection
    // lost" for the abandoned upload: that is this test's client, not the Worker.)
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > XLIFF_MAX_BYTES / chunk.byteLength) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
      cancel() {
        // The Worker stops reading at the limit: expected.
      },
    });
    const res = await SELF.fetch(`http://diwan.test/api/documents/${doc.id}/xliff`, {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": XLIFF_TYPE },
      body,
    });
    expect((await problemOf(res, 413)).code).toBe("payload-too-large");
  });

  it("never answers 500 to a truncated or corrupted export", async () => {
    const doc = await createDoc([
      { ar: "قال الوزير «نعم» & <لا>.", en: "The minister said “yes” & <no>." },
      { ar: "جملة\u200F ثانية.", en: "Second." },
    ]);
    const { text } = await exportXliff(doc.id, "version=2.1");
    const cuts = Array.from({ length: 25 }, (_, i) => Math.floor(((i + 1) * text.length) / 27));
    for (const cut of cuts) {
      const res = await importXliff(doc.id, text.slice(0, cut));
      expect(res.status, `cut at ${cut}`).toBe(400);
    }
    const noise = ["<", "&", "]]>", "<!--", "\u0000", "<x:y>", '"', "</unit>"];
    for (let i = 0; i < noise.length; i++) {
      const at = Math.floor(((i + 1) * text.length) / (noise.length + 1));
      const res = await importXliff(doc.id, text.slice(0, at) + noise[i] + text.slice(at));
      expect(res.status, `noise ${JSON.stringify(noise[i])} at ${at}`).toBeLessThan(500);
    }
    expect((await segmentsOf(doc.id)).map((s) => s.version)).toEqual([1, 1]);
  });

  it("refuses the same hostile files on POST /documents/import/xliff", async () => {
    for (const [body, status] of [
      [BILLION_LAUGHS, 400],
      [XXE, 400],
      [xliff12("").replace('version="1.2"', 'version="3.0"'), 415],
    ] as const) {
      const res = await api("/api/documents/import/xliff", {
        method: "POST",
        body,
        headers: { "content-type": XLIFF_TYPE },
      });
      await problemOf(res, status);
    }
  });
});
