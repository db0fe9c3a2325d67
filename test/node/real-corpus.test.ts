// Every file of the real-file corpus (test/fixtures/real/) through Diwan's HTTP routes on a real
// `wrangler dev`: re-labelled ar/en, imported, read back (stored segments and Diwan's export in the file's
// own version), compared with the independent reading and classified. The classification of every file is
// asserted against test/fixtures/real/expectations.tsv, and the table in docs/formats.md against the run,
// so today's state is committed and every change — improvement or regression — is a visible diff.
// After a change in Diwan: REAL_CORPUS_UPDATE=1 npx vitest run --project node test/node/real-corpus.test.ts
// rewrites both; review the diff before committing it.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusEntries, REAL_CORPUS } from "../support/real-corpus/corpus";
import { importAndCompare, type Outcome } from "../support/real-corpus/harness";
import {
  corpusTable,
  expectationLine,
  expectationsFile,
  parseExpectations,
  replaceTable,
} from "../support/real-corpus/report";
import { startWranglerDev, type WranglerDev } from "../support/wrangler-dev";

const UPDATE = process.env.REAL_CORPUS_UPDATE === "1";
const EXPECTATIONS = path.join(REAL_CORPUS, "expectations.tsv");
const DOCS = path.resolve(import.meta.dirname, "../../docs/formats.md");
/** Per-file details (not asserted) for people: counts, Diwan's messages, timings. */
const REPORT = process.env.REAL_CORPUS_REPORT ?? path.join(tmpdir(), "diwan-real-corpus-report.tsv");

// TMX files first: each is checked against the whole memory's export, which stays small before the XLIFF
// documents' translated segments join the memory.
const entries = corpusEntries().sort(
  (a, b) => Number(!a.local.endsWith(".tmx")) - Number(!b.local.endsWith(".tmx")),
);
const expected = UPDATE ? new Map<string, string>() : parseExpectations(readFileSync(EXPECTATIONS, "utf8"));
const outcomes: Outcome[] = [];
let server: WranglerDev;

beforeAll(async () => {
  // A prebuilt, unwatched bundle: colleagues' edits in the working tree must not reload it mid-run.
  server = await startWranglerDev({
    tempPrefix: "diwan-real-corpus-",
    adminToken: "real-corpus-node-test",
    bundleAs: "diwan-real-corpus",
    logLevel: "warn",
  });
});

afterAll(async () => {
  await server?.stop();
  writeFileSync(
    REPORT,
    outcomes
      .map((o) =>
        [o.local, o.format, o.verdict, o.classes.join(","), o.ms, o.nextRequestFailed, o.detail].join("\t"),
      )
      .join("\n"),
  );
  if (UPDATE && outcomes.length === entries.length) {
    writeFileSync(EXPECTATIONS, expectationsFile(outcomes));
    writeFileSync(DOCS, replaceTable(readFileSync(DOCS, "utf8"), corpusTable(outcomes)));
  }
});

describe("real-file corpus through the HTTP routes", () => {
  it("has an expectation for every corpus file and none for files it does not hold", () => {
    if (UPDATE) return;
    expect([...expected.keys()].sort()).toEqual(entries.map((e) => e.local).sort());
  });

  for (const entry of entries) {
    it(entry.local, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(REAL_CORPUS, entry.local)));
      const outcome = await importAndCompare(server, entry, bytes);
      outcomes.push(outcome);
      if (!UPDATE) expect(expectationLine(outcome), outcome.detail).toBe(expected.get(entry.local));
    });
  }

  it("docs/formats.md shows the table of this run", () => {
    if (UPDATE || outcomes.length !== entries.length) return;
    const doc = readFileSync(DOCS, "utf8");
    expect(replaceTable(doc, corpusTable(outcomes))).toBe(doc);
  });
});
