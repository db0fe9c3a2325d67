// XLIFF exports produced through the API (a real `wrangler dev` on a loopback port, local D1 in a temp
// directory), validated against the official schemas (test/schemas, offline) and read back by the `xliff`
// npm package as an independent consumer. The document carries glossary hints, QA notes and memory
// matches, so every module Diwan writes is present in what is validated.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import xliff from "xliff";
import { validateXliff12, validateXliff20, validateXliff21 } from "../../node/validators";
import { startWranglerDev, type WranglerDev } from "../../support/wrangler-dev";

let server: WranglerDev;

/** An API call with the admin token; string bodies are JSON. */
function call(pathname: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (typeof init.body === "string" && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  return server.request(pathname, { ...init, headers });
}

async function callJson<T>(
  pathname: string,
  body?: unknown,
  method = body === undefined ? "GET" : "POST",
): Promise<T> {
  const res = await call(pathname, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  // A prebuilt bundle, not watched: colleagues' edits in the working tree would otherwise reload
  // `wrangler dev` in the middle of a download.
  server = await startWranglerDev({
    tempPrefix: "diwan-xliff-export-",
    adminToken: "xliff-export-node-test",
    bundleAs: "diwan-xliff-test",
    logDir: process.env.XLIFF_TEST_LOG_DIR,
  });
  await seed();
});

afterAll(async () => {
  await server?.stop();
});

interface Seeded {
  documentId: number;
  segmentIds: number[];
}
let seeded: Seeded;

const TERM_AR = "المبعوث الخاص للتجربة";
const TERM_EN = "special test envoy";

async function seed(): Promise<void> {
  await callJson("/api/glossary", {
    domain: "diplomacy and protocol",
    definition: "an envoy <sent> on a mission & reporting back",
    terms: [
      { lang: "ar", text: TERM_AR, status: "preferred" },
      { lang: "en", text: TERM_EN, status: "preferred" },
      { lang: "en", text: "test emissary", status: "admitted" },
      { lang: "en", text: "test messenger", status: "forbidden" },
    ],
  });
  // A translated memory document, then the document to export: its first sentence differs by one word,
  // so pre-translation records a fuzzy match for it.
  await callJson("/api/documents", {
    title: "memory",
    segments: [
      {
        ar: "وصل المبعوث الخاص للتجربة إلى جنيف يوم الاثنين لإجراء مشاورات مع الأطراف.",
        en: "The special test envoy arrived in Geneva on Monday for consultations with the parties.",
      },
    ],
  });
  const doc = await callJson<{ id: number }>("/api/documents", {
    title: "بيان مشترك & <tests>",
    segments: [
      { ar: "وصل المبعوث الخاص للتجربة إلى جنيف يوم الثلاثاء لإجراء مشاورات مع الأطراف." },
      {
        ar: "قال \u200Fالوزير\u200F: «A & B <C>» في 12 أيار.",
        en: "The minister said \u201CA & B <C>\u201D on 13 May.",
      },
      {
        ar: "التقى المبعوث الخاص للتجربة بالأمين العام.",
        en: "The test messenger met the Secretary-General.",
      },
      { ar: "جملة معتمدة.", en: "An approved sentence." },
    ],
  });
  const segs = await callJson<{ items: { id: number }[] }>(`/api/documents/${doc.id}/segments`);
  const ids = segs.items.map((s) => s.id);
  const approved = await call(`/api/segments/${ids[3]}`, {
    method: "PATCH",
    body: JSON.stringify({ status: "approved" }),
  });
  expect(approved.status).toBe(200);
  const pre = await call(`/api/documents/${doc.id}/pretranslate?minScore=50`, { method: "POST" });
  expect(pre.status, await pre.clone().text()).toBe(200);
  seeded = { documentId: doc.id, segmentIds: ids };
}

const VALIDATORS = {
  "1.2": (files: string[]) => validateXliff12(...files),
  "2.0": (files: string[]) => validateXliff20(...files),
  "2.1": (files: string[]) => validateXliff21(...files),
} as const;

async function exported(
  version: "1.2" | "2.0" | "2.1",
  emptyTargets: string,
): Promise<{ text: string; file: string }> {
  const res = await call(
    `/api/documents/${seeded.documentId}/xliff?version=${version}&emptyTargets=${emptyTargets}`,
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/xliff+xml; charset=utf-8");
  const text = await res.text();
  const file = path.join(server.dir, `export-${version}-${emptyTargets}.xlf`);
  writeFileSync(file, text);
  return { text, file };
}

describe("XLIFF exported through the API", () => {
  it.each(["1.2", "2.0", "2.1"] as const)(
    "%s validates against the official schema, with every module present",
    async (version) => {
      const files: string[] = [];
      for (const emptyTargets of ["omit", "empty", "source"]) {
        const { text, file } = await exported(version, emptyTargets);
        files.push(file);
        if (version === "1.2") {
          expect(text).toContain('<note from="diwan-glossary"');
          expect(text).toContain('<note from="diwan-qa"');
          expect(text).toMatch(/<alt-trans match-quality="\d+(\.\d+)?"/);
        } else {
          expect(text).toContain("<gls:glossEntry");
          expect(text).toContain('<note category="qa"');
          expect(text).toContain("<mtc:match ");
        }
      }
      expect(VALIDATORS[version](files)).toBe("");
    },
    // jing's NVDL + Schematron run for 2.1 takes seconds per file on a busy 2-core machine.
    180_000,
  );

  it("the validators do reject a broken export (so a pass means something)", async () => {
    const { text } = await exported("1.2", "omit");
    const broken = path.join(server.dir, "broken-1.2.xlf");
    writeFileSync(broken, text.replace('state="final"', 'state="done"'));
    expect(VALIDATORS["1.2"]([broken])).not.toBe("");
    const { text: t21 } = await exported("2.1", "omit");
    const broken21 = path.join(server.dir, "broken-2.1.xlf");
    writeFileSync(
      broken21,
      t21.replace(/<segment id="1" state="translated">/, '<segment id="1" state="done">'),
    );
    expect(VALIDATORS["2.1"]([broken21])).not.toBe("");
  }, 180_000);

  it("the xliff npm package reads every export: same units, sources and targets", async () => {
    for (const version of ["1.2", "2.0", "2.1"] as const) {
      const { text } = await exported(version, "omit");
      const js = version === "1.2" ? await xliff.xliff12ToJs(text) : await xliff.xliff2js(text);
      expect(js.sourceLanguage).toBe("ar");
      expect(js.targetLanguage).toBe("en");
      const units = Object.values(js.resources)[0]!;
      const ids = seeded.segmentIds.map((id) => (version === "1.2" ? String(id) : `s${id}`));
      expect(Object.keys(units)).toEqual(ids);
      const second = units[ids[1]!]!;
      expect(second.source).toBe("قال \u200Fالوزير\u200F: «A & B <C>» في 12 أيار.");
      expect(second.target).toBe("The minister said \u201CA & B <C>\u201D on 13 May.");
      expect(units[ids[0]!]!.target ?? "").toBe("");
    }
  });
});
