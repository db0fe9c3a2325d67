// The OmegaT round trip of issue 12, with OmegaT itself (Debian's `omegat` package, 3.6 — the version that
// writes targets but keeps state="needs-translation"), run headless: a Diwan document exported as XLIFF 1.2
// the way docs/formats.md tells OmegaT users to (emptyTargets=source), Diwan's memory exported as TMX into
// the project's tm/auto (OmegaT inserts its 100% matches when it loads the project), Diwan's OmegaT glossary
// export in glossary/; `omegat --mode=console-translate` writes the translated XLIFF, which goes back into
// Diwan. And the glossary export read by OmegaT's own reader (GlossaryReaderTSV, called through groovy, a
// dependency of the package), not by ours.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev, type WranglerDev } from "../support/wrangler-dev";

const run = promisify(execFile);
const OMEGAT_JAR = "/usr/share/omegat/OmegaT.jar";

let server: WranglerDev;
let project: string;

beforeAll(async () => {
  server = await startWranglerDev({
    tempPrefix: "diwan-omegat-",
    adminToken: "omegat-node-test",
    bundleAs: "diwan-omegat",
    logLevel: "warn",
  });
  project = path.join(server.dir, "omegat-project");
  for (const dir of ["source", "target", "tm/auto", "glossary", "dictionary", "omegat"])
    mkdirSync(path.join(project, dir), { recursive: true });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function ok(res: Response): Promise<Response> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return res;
}

const post = (pathname: string, body: unknown, type = "application/json") =>
  server
    .request(pathname, {
      method: "POST",
      headers: { "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    })
    .then(ok);

/** OmegaT's project file: Arabic → English, the folders above, OmegaT's default segmentation off. */
const PROJECT_FILE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>AR</source_lang>
    <target_lang>EN</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`;

/** groovy needs JAVA_HOME; the JVM the `java` on PATH belongs to. */
async function javaHome(): Promise<string> {
  const { stdout } = await run("sh", ["-c", "command -v java"]);
  return path.dirname(path.dirname(realpathSync(stdout.trim())));
}

describe("OmegaT 3.6 translates a Diwan XLIFF from Diwan's TMX, and Diwan takes the translations back", () => {
  it("imports what OmegaT wrote as translations, leaves untranslated units alone", async () => {
    // The memory: two pairs from an earlier document (approved), one of them with inline codes.
    const memory = await post("/api/documents", {
      title: "earlier statement",
      segments: [
        { ar: "قال الوزير إن المحادثات كانت مثمرة.", en: "The minister said the talks were fruitful." },
        { ar: "وأكد الطرفان التزامهما بالحوار.", en: "Both sides affirmed their commitment to dialogue." },
      ],
    });
    const memoryDoc = (await memory.json()) as { id: number };
    const tmx = await (await ok(await server.request(`/api/tm/export?document=${memoryDoc.id}`))).text();
    writeFileSync(path.join(project, "tm/auto/diwan-memory.tmx"), tmx);

    // The new document: two sentences the memory has, one it has not.
    const created = await post("/api/documents", {
      title: "new statement",
      segments: [
        { ar: "قال الوزير إن المحادثات كانت مثمرة." },
        { ar: "نص جديد لا تعرفه الذاكرة." },
        { ar: "وأكد الطرفان التزامهما بالحوار." },
      ],
    });
    const doc = (await created.json()) as { id: number };
    const xliff = await (
      await ok(
        await server.request(
          `/api/documents/${doc.id}/xliff?version=1.2&emptyTargets=source&glossary=false&qa=false&matches=false`,
        ),
      )
    ).text();
    writeFileSync(path.join(project, "source/statement.xlf"), xliff);
    writeFileSync(path.join(project, "omegat.project"), PROJECT_FILE);

    await run("omegat", [project, "--mode=console-translate"], { timeout: 180_000 });
    const translated = readFileSync(path.join(project, "target/statement.xlf"), "utf8");
    // What OmegaT 3.6 does: the 100% matches written as targets, every state left as exported.
    expect(translated).toContain(">The minister said the talks were fruitful.</target>");
    expect(translated).toContain(">Both sides affirmed their commitment to dialogue.</target>");
    expect(translated).not.toMatch(/state="translated"/);
    expect((translated.match(/state="needs-translation"/g) ?? []).length).toBe(3);

    const res = await ok(
      await server.request(`/api/documents/${doc.id}/xliff`, {
        method: "PUT",
        headers: { "content-type": "application/xliff+xml" },
        body: translated,
      }),
    );
    expect(await res.json()).toMatchObject({ updated: 2, conflicts: [] });
    const segments = (await (await ok(await server.request(`/api/documents/${doc.id}/segments`))).json()) as {
      items: { en: string | null; status: string; origin: string }[];
    };
    expect(segments.items.map((s) => [s.en, s.status])).toEqual([
      ["The minister said the talks were fruitful.", "translated"],
      [null, "new"], // OmegaT left the copy of the source: not a translation
      ["Both sides affirmed their commitment to dialogue.", "translated"],
    ]);

    // Strict states: OmegaT's needs-translation keeps them drafts (the option is there for such tools).
    const strict = await post("/api/documents", {
      title: "strict",
      segments: [{ ar: "قال الوزير إن المحادثات كانت مثمرة." }],
    });
    const strictDoc = (await strict.json()) as { id: number };
    const strictXliff = translated.replace(
      /<trans-unit id="\d+"/,
      `<trans-unit id="${(await segmentIds(strictDoc.id))[0]}"`,
    );
    const first = strictXliff.slice(0, strictXliff.indexOf("</trans-unit>") + 13);
    const one = `${first}\n</body></file></xliff>\n`;
    await ok(
      await server.request(`/api/documents/${strictDoc.id}/xliff?states=strict`, {
        method: "PUT",
        headers: { "content-type": "application/xliff+xml" },
        body: one,
      }),
    );
    const after = (await (await server.request(`/api/documents/${strictDoc.id}/segments`)).json()) as {
      items: { en: string | null; status: string }[];
    };
    expect(after.items.map((s) => [s.en, s.status])).toEqual([
      ["The minister said the talks were fruitful.", "new"],
    ]);
  }, 300_000);

  it("OmegaT's own glossary reader reads the glossary export: approved pairs only, the rest named in comments", async () => {
    await post("/api/glossary", {
      domain: "diplomacy",
      definition: "a formal discussion between parties",
      terms: [
        { lang: "ar", text: "مفاوضات", status: "preferred" },
        { lang: "ar", text: "محادثات", status: "admitted" },
        { lang: "en", text: "negotiations", status: "preferred" },
        { lang: "en", text: "bargaining", status: "forbidden" },
      ],
    });
    const exported = await (await ok(await server.request("/api/glossary/export?format=omegat"))).text();
    const file = path.join(project, "glossary/glossary.txt");
    writeFileSync(file, exported);
    const script = path.join(server.dir, "read-glossary.groovy");
    writeFileSync(
      script,
      [
        "import org.omegat.gui.glossary.GlossaryReaderTSV",
        "GlossaryReaderTSV.read(new File(args[0]), false).each { e ->",
        '  println([e.getSrcText(), e.getLocText(), e.getCommentText()].join("\\t"))',
        "}",
      ].join("\n"),
    );
    const { stdout } = await run("groovy", ["-cp", OMEGAT_JAR, script, file], {
      env: { ...process.env, JAVA_HOME: await javaHome() },
      timeout: 120_000,
    });
    const read = stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t"));
    const ours = read.filter(([src]) => src === "مفاوضات" || src === "محادثات");
    expect(ours.map(([src, loc]) => [src, loc])).toEqual([
      ["مفاوضات", "negotiations"],
      ["محادثات", "negotiations"],
    ]);
    for (const [, , comment] of ours) {
      expect(comment).toContain("preferred");
      expect(comment).toContain("do not use: bargaining (forbidden)");
    }
    // Nothing OmegaT reads offers a forbidden or deprecated rendering as a translation.
    expect(read.some(([, loc]) => loc === "bargaining")).toBe(false);
    // Every line OmegaT read is an Arabic source and an English target (the seed glossary is not loaded
    // here: the entries are this test's), read as UTF-8 (the file's magic comment).
    expect(read.length).toBe(ours.length);
  }, 180_000);
});

async function segmentIds(documentId: number): Promise<number[]> {
  const res = await ok(await server.request(`/api/documents/${documentId}/segments`));
  return ((await res.json()) as { items: { id: number }[] }).items.map((s) => s.id);
}
