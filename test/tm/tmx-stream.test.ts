// TMX import streamed through the real route into real D1: the body is decoded, parsed and staged batch
// by batch (STAGE_PAIRS pairs at a time) and published in one transaction at the end.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STAGE_PAIRS } from "../../src/db/tm-exchange";
import { TMX_MAX_BYTES } from "../../src/routes/tm";
import { TMX_SEGMENT_CHARS } from "../../src/usecases/tmx";
import { ADMIN, jsonOf, unique } from "../support/api";

const enc = new TextEncoder();
const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n';
const TAIL = "</body></tmx>\n";

/** The counts of a TMX import's answer. */
const importCounts = (r: { imported: number; duplicates: number; skipped: number }) => ({
  imported: r.imported,
  duplicates: r.duplicates,
  skipped: r.skipped,
});
const tu = (ar: string, en: string) =>
  `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>\n`;
const pairAr = (tag: string, k: number) => `النص رقم ${k} عن اجتماع ${tag} في جنيف`;
const pairEn = (tag: string, k: number) => `Text number ${k} about the ${tag} meeting in Geneva`;
const tus = (tag: string, from: number, to: number) => {
  let s = "";
  for (let k = from; k < to; k++) s += tu(pairAr(tag, k), pairEn(tag, k));
  return s;
};

/** A piece of the body: bytes, or a function run when the server asks for more, returning bytes. */
type Piece = Uint8Array | string | (() => Promise<Uint8Array | string>);

/** POSTs a body sent piece by piece (no Content-Length): the server reads each as it arrives. */
function postPieces(pieces: Piece[]): Promise<Response> {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next === pieces.length) return controller.close();
      let piece = pieces[next++]!;
      if (typeof piece === "function") piece = await piece();
      controller.enqueue(typeof piece === "string" ? enc.encode(piece) : piece);
    },
  });
  return SELF.fetch("http://diwan.test/api/tm/import", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-tmx+xml", authorization: `Bearer ${ADMIN}` },
  });
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? -1;
}
const storedWith = (tag: string) =>
  count("SELECT count(*) AS n FROM segments WHERE ar LIKE ? OR en LIKE ?", `%${tag}%`, `%${tag}%`);
const stageRows = () => count("SELECT count(*) AS n FROM tm_import_rows");

/** Resolves once the import has staged rows: proof that a batch went to D1 before the rest is sent. */
async function staged(): Promise<string> {
  for (let tries = 0; tries < 500; tries++) {
    if ((await stageRows()) > 0) return "";
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the import staged nothing while the body was still arriving");
}

describe("TMX import, streamed", () => {
  it("decodes pieces split inside an Arabic character, a tag and a reference", async () => {
    const tag = unique("s");
    const ar = `مجلس الأمن ${tag} &amp; الجمعية العامة`;
    const bytes = enc.encode(`${HEAD}${tu(ar, `Security Council ${tag} &amp; General Assembly`)}${TAIL}`);
    const arAt = enc.encode(`${HEAD}<tu><tuv xml:lang="ar"><seg>`).length;
    expect(bytes[arAt]! >> 5).toBe(0b110); // a two-byte UTF-8 sequence starts here
    const cuts = [
      5, // inside the XML declaration
      HEAD.indexOf("<tmx") + 2, // inside a tag name
      enc.encode(`${HEAD}<tu><tuv xml:l`).length, // inside an attribute name
      arAt + 1, // between the two bytes of "م"
      arAt + 7, // between the two bytes of "ل"
      enc.encode(`${HEAD}<tu><tuv xml:lang="ar"><seg>مجلس الأمن ${tag} &am`).length, // inside &amp;
      bytes.length - 3,
    ];
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const cut of cuts) {
      pieces.push(bytes.slice(from, cut));
      from = cut;
    }
    pieces.push(bytes.slice(from));
    const res = await postPieces(pieces);
    expect(res.status).toBe(200);
    expect(importCounts(await jsonOf(res))).toEqual({ imported: 1, duplicates: 0, skipped: 0 });
    expect(res.headers.get("server-timing")).toMatch(
      /stage;dur=\d+, stage-sql;dur=\d+, publish;dur=\d+, publish-sql;dur=\d+, publish-max-sql;dur=\d+/,
    );
    const row = await env.DB.prepare("SELECT ar, en, origin FROM segments WHERE en LIKE ?")
      .bind(`%${tag}%`)
      .first();
    expect(row).toEqual({
      ar: `مجلس الأمن ${tag} & الجمعية العامة`,
      en: `Security Council ${tag} & General Assembly`,
      origin: "tmx",
    });
  });

  it("imports a file of more pairs than one staging batch, with duplicates across batches counted once", async () => {
    const tag = unique("m");
    const n = STAGE_PAIRS * 2 + 500;
    // Pair 3 comes back (the same after white-space normalisation) in the second and in the last batch.
    const again = tu(`${pairAr(tag, 3).replace(" ", " \n ")}`, pairEn(tag, 3));
    const body = `${HEAD}${tus(tag, 0, STAGE_PAIRS + 10)}${again}${tus(tag, STAGE_PAIRS + 10, n)}${again}${TAIL}`;
    // Sent in 64 KiB pieces, as a client would.
    const bytes = enc.encode(body);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 65536) pieces.push(bytes.slice(at, at + 65536));
    const res = await postPieces(pieces);
    expect(res.status).toBe(200);
    expect(importCounts(await jsonOf(res))).toEqual({ imported: n, duplicates: 2, skipped: 0 });
    expect(await storedWith(tag)).toBe(n);
    const first = await env.DB.prepare("SELECT ar, occurrences AS o FROM segments WHERE en = ?")
      .bind(pairEn(tag, 3))
      .first();
    expect(first).toEqual({ ar: pairAr(tag, 3), o: 3 }); // the first spelling is the one stored
    const last = await env.DB.prepare("SELECT count(*) AS n FROM segments WHERE en = ? AND ar = ?")
      .bind(pairEn(tag, n - 1), pairAr(tag, n - 1))
      .first<{ n: number }>();
    expect(last?.n).toBe(1);
    // The new entries are indexed like any other: a fuzzy query finds the last one.
    const m = await SELF.fetch(
      `http://diwan.test/api/tm/matches?q=${encodeURIComponent(pairAr(tag, n - 1))}&minScore=100`,
      { headers: { authorization: `Bearer ${ADMIN}` } },
    );
    expect((await jsonOf<{ matches: { en: string }[] }>(m)).matches.map((x) => x.en)).toEqual([
      pairEn(tag, n - 1),
    ]);
    expect(await stageRows()).toBe(0);
  }, 120_000);

  it("refuses malformed XML after a batch was staged: 400 with line and column, nothing visible, stage deleted", async () => {
    const tag = unique("x");
    const first = `${HEAD}${tus(tag, 0, STAGE_PAIRS + 100)}`;
    const lines = first.split("\n").length;
    const res = await postPieces([
      first,
      staged, // the first batch is in tm_import_rows before the broken part is sent
      `${tus(tag, STAGE_PAIRS + 100, STAGE_PAIRS + 110)}<tu><tuv xml:lang="ar"><seg>نص</tuv></tu>\n`,
      tus(tag, STAGE_PAIRS + 110, STAGE_PAIRS + 200),
      TAIL,
    ]);
    expect(res.status).toBe(400);
    const problem = await jsonOf(res);
    expect(problem).toMatchObject({ code: "xml-malformed", line: lines + 10 });
    expect(problem.column).toBeGreaterThan(30);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await storedWith(tag)).toBe(0);
    expect(await stageRows()).toBe(0);
  }, 120_000);

  it("refuses invalid UTF-8 in a late piece after a batch was staged: 400 invalid-encoding, nothing stored", async () => {
    const tag = unique("u");
    const res = await postPieces([
      `${HEAD}${tus(tag, 0, STAGE_PAIRS + 100)}`,
      staged,
      new Uint8Array([...enc.encode(tu(`نص ${tag}`, "text")), 0xd9]), // a lead byte…
      new Uint8Array([0x41]), // …not followed by a continuation byte
      `${tus(tag, STAGE_PAIRS + 100, STAGE_PAIRS + 110)}${TAIL}`,
    ]);
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).code).toBe("invalid-encoding");
    expect(await storedWith(tag)).toBe(0);
    expect(await stageRows()).toBe(0);
    // A body ending inside a character is just as invalid.
    const cut = await postPieces([`${HEAD}${tu(`نص ${tag}`, "text")}${TAIL}`, new Uint8Array([0xd9])]);
    expect((await jsonOf(cut)).code).toBe("invalid-encoding");
    expect(await storedWith(tag)).toBe(0);
  }, 120_000);

  it("refuses a DOCTYPE split across pieces, before any entity is read", async () => {
    const tag = unique("d");
    const res = await postPieces([
      '<?xml version="1.0"?>\n<!DOC',
      `TYPE tmx [<!ENTITY x "${tag}">]>`,
      `<tmx version="1.4"><body>${tu("&x;", "&x;")}</body></tmx>`,
    ]);
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toMatchObject({ code: "xml-doctype", line: 2, column: 1 });
    expect(await storedWith(tag)).toBe(0);
  });

  it("refuses a body over the limit while reading it (413), after batches were staged: nothing stored", async () => {
    const tag = unique("l");
    // Comments of astral characters (4 bytes, one code point each) reach the limit with the least parsing.
    const filler = enc.encode(`<!--${"𝔸".repeat(64 * 1024)}-->\n`);
    let sent = 0;
    const pieces: Piece[] = [`${HEAD}${tus(tag, 0, STAGE_PAIRS + 100)}`, staged];
    for (let bytes = 0; bytes <= TMX_MAX_BYTES; bytes += filler.length)
      pieces.push(() => {
        sent++;
        return Promise.resolve(filler);
      });
    pieces.push(`${tus(tag, STAGE_PAIRS + 100, STAGE_PAIRS + 110)}${TAIL}`);
    const res = await postPieces(pieces);
    expect(res.status).toBe(413);
    expect((await jsonOf(res)).code).toBe("payload-too-large");
    expect(sent).toBeLessThan(pieces.length - 2); // cut off at the limit, the rest never read
    expect(await storedWith(tag)).toBe(0);
    expect(await stageRows()).toBe(0);
  }, 120_000);

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const res = await SELF.fetch("http://diwan.test/api/tm/import", {
      method: "POST",
      body: `${HEAD}${TAIL}`,
      headers: {
        "content-type": "application/x-tmx+xml",
        "content-length": String(TMX_MAX_BYTES + 1),
        authorization: `Bearer ${ADMIN}`,
      },
    });
    expect(res.status).toBe(413);
  });

  it("refuses a run without markup longer than a segment may be (the parser's buffer stays bounded)", async () => {
    const res = await postPieces([
      HEAD,
      "<tu><tuv xml:lang='ar'><seg>",
      ..."x"
        .repeat(20)
        .split("")
        .map(() => "ن".repeat(65536)),
    ]);
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).code).toBe("xml-too-long");
  });

  it("refuses a segment longer than TMX_SEGMENT_CHARS with its position; nothing stored", async () => {
    const tag = unique("g");
    const half = "ن".repeat(TMX_SEGMENT_CHARS / 2);
    const res = await postPieces([
      `${HEAD}${tus(tag, 0, 10)}<tu><tuv xml:lang="ar"><seg>`,
      half,
      "<hi>",
      `${half}ن</hi></seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>${TAIL}`,
    ]);
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toMatchObject({ code: "invalid-content", line: 13 });
    expect(await storedWith(tag)).toBe(0);
  });
});
