// A refused upload never harms the next request (issue 12): against a real `wrangler dev` (what `npm start`
// runs), every import route is sent hostile or refused bodies of a few hundred KB — answered before the
// body was read (a DOCTYPE with an entity, a wrong media type, no token, a bad query, invalid bytes early) —
// and each is followed at once by other requests that must succeed. wrangler's proxy answers
// `503 Your worker restarted mid-request` (or hangs) when a Worker answers before reading the body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev, type WranglerDev } from "../support/wrangler-dev";

let server: WranglerDev;
let documentId: number;

beforeAll(async () => {
  server = await startWranglerDev({
    tempPrefix: "diwan-refused-",
    adminToken: "refused-uploads-test",
    bundleAs: "diwan-refused-test",
  });
  const res = await server.request("/api/documents", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "target", segments: [{ ar: "نص للاختبار." }] }),
  });
  expect(res.status).toBe(201);
  documentId = ((await res.json()) as { id: number }).id;
});

afterAll(async () => {
  await server?.stop();
});

const tus = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<tu><tuv xml:lang="ar"><seg>جملة رقم ${i} للاختبار</seg></tuv><tuv xml:lang="en"><seg>Sentence ${i} for the test</seg></tuv></tu>`,
  ).join("\n");
const units = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<trans-unit id="u${i}"><source>جملة رقم ${i} للاختبار</source></trans-unit>`,
  ).join("\n");

const TMX_BODY = `<tmx version="1.4"><header srclang="ar" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n${tus(2_000)}\n</body></tmx>`;
const XLIFF_BODY = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="f" source-language="ar" target-language="en" datatype="plaintext"><body>\n${units(3_000)}\n</body></file></xliff>`;
const ENTITY = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "boom">]>\n';
/** Bytes that are not UTF-8 right at the start, the rest a large valid body. */
const badBytes = (body: string) => {
  const bytes = new TextEncoder().encode(`<?xml version="1.0"?>\n${body}`);
  bytes[30] = 0xff;
  return bytes;
};

interface Upload {
  name: string;
  path: string;
  method: string;
  type?: string;
  body: string | Uint8Array;
  auth?: boolean;
}

const routes: { path: string; method: string; type: string; body: string }[] = [
  { path: "/api/tm/import", method: "POST", type: "application/x-tmx+xml", body: TMX_BODY },
  { path: "/documents/ID/xliff", method: "PUT", type: "application/xliff+xml", body: XLIFF_BODY },
  { path: "/api/documents/import/xliff", method: "POST", type: "application/xliff+xml", body: XLIFF_BODY },
  {
    path: "/api/glossary/import?format=tmx-not-a-format",
    method: "POST",
    type: "application/xml",
    body: TMX_BODY,
  },
];

/** A TMX that goes wrong 200 KB in: refused while it streams, after batches were read. */
const LATE_ERROR = TMX_BODY.replace("Sentence 1500 for", "Sentence 1500 <for");

const uploads: Upload[] = [
  {
    name: "POST /api/tm/import: malformed 200 KB in (refused while streaming)",
    path: "/api/tm/import",
    method: "POST",
    type: "application/x-tmx+xml",
    body: LATE_ERROR,
  },
  {
    name: "POST /glossary/import (web page): no session",
    path: "/glossary/import",
    method: "POST",
    type: "multipart/form-data; boundary=diwan",
    body: `--diwan\r\nContent-Disposition: form-data; name="file"; filename="g.tmx"\r\n\r\n${TMX_BODY}\r\n--diwan--\r\n`,
    auth: false,
  },
  ...routes.flatMap((r) => {
    const path = r.path.replace("/documents/ID", `/api/documents/ID`);
    return [
      {
        name: `${r.method} ${r.path}: an entity declaration`,
        path,
        method: r.method,
        type: r.type,
        body: ENTITY + r.body,
      },
      {
        name: `${r.method} ${r.path}: a JSON media type`,
        path,
        method: r.method,
        type: "application/json",
        body: r.body,
      },
      {
        name: `${r.method} ${r.path}: no token`,
        path,
        method: r.method,
        type: r.type,
        body: r.body,
        auth: false,
      },
      {
        name: `${r.method} ${r.path}: invalid bytes at the start`,
        path,
        method: r.method,
        type: r.type,
        body: badBytes(r.body),
      },
    ];
  }),
];

async function send(u: Upload): Promise<Response> {
  const init: RequestInit = {
    method: u.method,
    headers: u.type ? { "content-type": u.type } : {},
    body: u.body as BodyInit,
  };
  const path = u.path.replace("/ID/", `/${documentId}/`);
  if (u.auth === false) return fetch(`${server.base}${path}`, init);
  return server.request(path, init);
}

describe("a refused upload does not harm the next request (wrangler dev)", () => {
  it.each(uploads.map((u) => [u.name, u] as const))(
    "%s",
    async (_name, upload) => {
      const refused = await send(upload);
      expect(refused.status, await refused.clone().text()).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      await refused.arrayBuffer();
      // At once: a small read and a small write must answer normally.
      const health = await fetch(`${server.base}/health`);
      expect(health.status).toBe(200);
      const segmented = await server.request("/api/segment", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "جملة أولى. جملة ثانية.", lang: "ar" }),
      });
      expect(segmented.status, await segmented.clone().text()).toBe(200);
    },
    60_000,
  );
});
