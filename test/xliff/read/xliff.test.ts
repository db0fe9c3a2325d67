import { describe, expect, it } from "vitest";
import { FormatError } from "../../../src/formats/errors";
import { parseXliff } from "../../../src/formats/xliff-read";
import {
  type EmptyTargets,
  toXliff,
  type XliffUnitInput,
  type XliffVersion,
} from "../../../src/formats/xliff-write";
import { streamToString } from "../../../src/formats/xml-stream";
import type { SegmentStatus } from "../../../src/types";
import { randomArabic, randomEnglish, SEGMENT_STATUS_LIST } from "../../formats/random";
import { SAMPLE_DOC, SAMPLE_UNITS } from "../../formats/samples";
import { pick, rng } from "../../support/random";

const VERSIONS: XliffVersion[] = ["1.2", "2.0", "2.1"];
const exportText = (v: XliffVersion, units: Iterable<XliffUnitInput>, emptyTargets?: EmptyTargets) =>
  streamToString(toXliff(v, SAMPLE_DOC, units, emptyTargets ? { emptyTargets } : {}));

async function rejection(p: Promise<unknown>): Promise<FormatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error("expected a FormatError");
}

describe.each(VERSIONS)("XLIFF %s export", (version) => {
  it("writes one unit per segment with stable ids, states and locks, and no DOCTYPE", async () => {
    const xml = await exportText(version, SAMPLE_UNITS);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).not.toContain("<!DOCTYPE");
    const doc = parseXliff(xml);
    expect(doc).toMatchObject({ version, srcLang: "ar", trgLang: "en" });
    expect(doc.units.map((u) => u.segmentId)).toEqual(SAMPLE_UNITS.map((u) => u.id));
    expect(doc.units.map((u) => u.id)).toEqual(
      SAMPLE_UNITS.map((u) => (version === "1.2" ? `${u.id}` : `s${u.id}`)),
    );
    expect(doc.units.map((u) => u.state)).toEqual(
      version === "1.2"
        ? ["translated", null, "final", "signed-off", "new"]
        : ["translated", "initial", "final", "reviewed", "initial"],
    );
    expect(doc.units.map((u) => u.translate)).toEqual([true, true, false, true, true]);
    for (const [i, u] of doc.units.entries()) {
      const input = SAMPLE_UNITS[i]!;
      expect(u.source).toBe(input.ar);
      expect(u.en).toBe(input.en);
      expect(u.status).toBe(input.en === null ? null : input.status);
    }
  });

  it("puts glossary hints, forbidden renderings, QA notes and matches where translators see them", async () => {
    const xml = await exportText(version, SAMPLE_UNITS);
    if (version === "1.2") {
      expect(xml).toContain(
        '<note from="diwan-glossary" annotates="source" priority="2">Glossary: مجلس الأمن → use "Security Council"; also acceptable "UNSC"; never use (forbidden) "Council of Security". Definition: Principal UN organ for peace &amp; security</note>',
      );
      expect(xml).toContain(
        '<note from="diwan-qa" annotates="target" priority="3">QA warning: number 242 vs ٢٤٢: check &lt;digits&gt; &amp; format</note>',
      );
      expect(xml).toContain('<alt-trans match-quality="82.5" origin="tm"><source xml:lang="ar">');
    } else {
      expect(xml).toContain(
        '<gls:translation source="diwan" dw:status="preferred">Security Council</gls:translation>',
      );
      expect(xml).not.toContain(">Council of Security</gls:translation>");
      expect(xml).toContain('never use (forbidden) "Council of Security"');
      expect(xml).toContain('<mtc:match ref="#1" type="tm" matchQuality="82.5" origin="tm">');
      expect(xml).toContain('<note category="qa" appliesTo="target" priority="3">');
    }
  });

  it.each(["omit", "empty", "source"] as const)(
    "emptyTargets=%s: untranslated units never read back as translated",
    async (mode) => {
      const units: XliffUnitInput[] = [{ id: 9, ar: "غير مترجم & <x>", en: null, status: "new" }];
      const xml = await exportText(version, units, mode);
      const [u] = parseXliff(xml).units;
      expect(u!.target).toBe(mode === "omit" ? null : mode === "empty" ? "" : "غير مترجم & <x>");
      expect(u!.en).toBeNull();
      expect(u!.status).toBeNull();
      if (mode === "source") expect(u!.state).toBe(version === "1.2" ? "needs-translation" : "initial");
    },
  );

  it("refuses text XML cannot carry: the stream errors with the offending code point", async () => {
    const err = await rejection(exportText(version, [{ id: 1, ar: "نص\u0007", en: null, status: "new" }]));
    expect(err.code).toBe("xml-invalid-char");
    expect(err.codePoint).toBe(7);
  });

  it("round-trips random Arabic/English with XML specials, bidi marks and line breaks", async () => {
    const r = rng(version === "1.2" ? 12 : version === "2.0" ? 20 : 21);
    const units: XliffUnitInput[] = [];
    for (let i = 0; i < 300; i++) {
      const status: SegmentStatus = pick(r, SEGMENT_STATUS_LIST);
      // A blank target is never read as a translation (by design), so English always has a word.
      const en = r() < 0.2 ? null : `${pick(r, ["The", "\u200eUN", "«A»"])}${randomEnglish(r)}`;
      units.push({ id: i * 7 + 1, ar: randomArabic(r), en, status });
    }
    const doc = parseXliff(await exportText(version, units, "source"));
    expect(doc.units.length).toBe(units.length);
    for (const [i, u] of doc.units.entries()) {
      const input = units[i]!;
      expect({ id: u.segmentId, source: u.source, en: u.en, status: u.status }).toEqual({
        id: input.id,
        source: input.ar,
        en: input.en,
        status: input.en === null ? null : input.status,
      });
    }
  });
});

describe("XLIFF streaming", () => {
  it("pulls units lazily and flushes in chunks", async () => {
    let produced = 0;
    async function* many() {
      for (let i = 1; i <= 20_000; i++) {
        produced++;
        yield { id: i, ar: `جملة رقم ${i}`, en: `Sentence ${i}`, status: "translated" as const };
      }
    }
    const reader = toXliff("2.1", SAMPLE_DOC, many(), { chunkChars: 4096 }).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.byteLength).toBeGreaterThan(4096);
    expect(produced).toBeLessThan(100);
    let chunks = 1;
    let bytes = first.value!.byteLength;
    const decoder = new TextDecoder();
    let text = decoder.decode(first.value!, { stream: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.byteLength;
      expect(value.byteLength).toBeLessThan(4096 * 3 + 2048);
      text += decoder.decode(value, { stream: true });
    }
    expect(produced).toBe(20_000);
    expect(chunks).toBeGreaterThan(100);
    expect(bytes).toBe(new TextEncoder().encode(text).byteLength);
    expect(parseXliff(text).units.at(-1)).toMatchObject({ id: "s20000", en: "Sentence 20000" });
  });

  it("cancelling the stream stops the unit source", async () => {
    let finished = false;
    async function* source() {
      try {
        for (let i = 1; ; i++) yield { id: i, ar: "نص", en: null, status: "new" as const };
      } finally {
        finished = true;
      }
    }
    const stream = toXliff("1.2", SAMPLE_DOC, source(), { chunkChars: 1024 });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("refuses an XLIFF 2 document without units (the schema requires one per file)", async () => {
    expect((await rejection(exportText("2.1", []))).code).toBe("invalid-content");
    expect(parseXliff(await exportText("1.2", [])).units).toEqual([]);
  });
});

describe("parseXliff refuses what it cannot read", () => {
  const cases: [string, string, string][] = [
    ["wrong-root", '<tmx version="1.4"><header/><body/></tmx>', "not an XLIFF document"],
    ["wrong-version", '<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', '"3.0"'],
    [
      "wrong-version",
      '<xliff version="version" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
      '"version"',
    ],
    [
      "wrong-version",
      '<xliff version="2.2" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar"/>',
      '"2.2"',
    ],
    ["wrong-version", '<xliff xmlns="urn:x"/>', "version attribute is missing"],
    [
      "invalid-content",
      '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
      "nothing to import",
    ],
    ["wrong-namespace", '<xliff version="1.2" xmlns="urn:x"/>', "urn:oasis:names:tc:xliff:document:1.2"],
    ["wrong-namespace", '<xliff version="2.1"/>', "urn:oasis:names:tc:xliff:document:2.0"],
    [
      "wrong-namespace",
      '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
      "document:2.0",
    ],
  ];
  it.each(cases)("%s: %s", (code, xml, message) => {
    try {
      parseXliff(xml);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).code).toBe(code);
      expect((e as FormatError).message).toContain(message);
    }
  });
});
