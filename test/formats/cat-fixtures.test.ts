// Translated XLIFF as CAT tools save it (hand-written after each tool's documented output, see the comment
// at the top of each fixture), parsed back into Diwan's model: segments, inline codes, states.
import { describe, expect, it } from "vitest";
import { type ParsedXliffUnit, parseXliff, type XliffSegment } from "../../src/formats/xliff-read";
import { resolveStatus } from "../../src/formats/xliff-state";
import matecat from "../fixtures/cat/matecat-1.2.xlf?raw";
import memoq from "../fixtures/cat/memoq-1.2.xlf?raw";
import okapi from "../fixtures/cat/okapi-2.1.xlf?raw";
import omegat from "../fixtures/cat/omegat-1.2.xlf?raw";
import phrase from "../fixtures/cat/phrase-2.0.xlf?raw";
import trados from "../fixtures/cat/trados-sdlxliff-1.2.xlf?raw";
import { marked } from "./marked";

const pick = (u: ParsedXliffUnit) => ({ id: u.segmentId, source: u.source, en: u.en, status: u.status });
const seg = (s: XliffSegment, withData = false) => ({
  kind: s.kind,
  id: s.id,
  source: marked(s.source, withData),
  target: marked(s.target, withData),
  en: s.en,
  status: s.status,
});

describe("CAT-tool XLIFF fixtures", () => {
  it("OmegaT 1.2: translated, untranslated copy, OmegaT 5 needs-translation draft, locked final", () => {
    const doc = parseXliff(omegat);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["1.2", "ar", "en"]);
    expect(doc.units.map(pick)).toEqual([
      {
        id: 1,
        source: "أكد وزير الخارجية أن «مجلس الأمن» & <الأمم المتحدة> يدعمان القرار\u200f ٢٤٢.",
        en: 'The Foreign Minister stressed that the "Security Council" & <the UN> support resolution 242.',
        status: "translated",
      },
      {
        id: 2,
        source: "سطر أول\r\nسطر ثانٍ\tمع جدولة  ",
        en: "First line\r\nsecond line\twith a tab  ",
        status: "translated",
      },
      { id: 3, source: "لم يترجم بعد", en: null, status: null },
      { id: 4, source: "ترجمة قديمة", en: "An old translation", status: "new" },
      { id: 5, source: "معتمد", en: "Approved", status: "approved" },
    ]);
    expect(doc.units[2]!.target).toBe("لم يترجم بعد");
    expect(doc.units[3]!.draftByState).toBe(true);
    expect(doc.units[4]).toMatchObject({ translate: false, approved: true, state: "final" });
    expect(doc.units.every((u) => u.segments.length === 1 && u.segments[0]!.id === null)).toBe(true);
  });

  it("Trados SDLXLIFF: each mrk segment kept with its mid, g/x codes kept, sdl:seg conf per segment", () => {
    const doc = parseXliff(trados);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["1.2", "ar-SA", "en-US"]);
    expect(doc.units.map((u) => u.file)).toEqual(Array(5).fill("C:\\Projects\\diwan\\ar-SA\\statement.xlf"));
    const [u7, u8, u9, u10, guid] = doc.units;
    expect(u7!.segments.map((s) => seg(s))).toEqual([
      {
        kind: "segment",
        id: "1",
        source: "قال المتحدث: {5}لا تعليق{/5}.{6/}",
        target: "The spokesman said: {5}no comment{/5}.{6/}",
        en: "The spokesman said: no comment.",
        status: "reviewed",
      },
      { kind: "ignorable", id: null, source: " ", target: " ", en: null, status: null },
      {
        kind: "segment",
        id: "2",
        source: "وأضاف أن الاجتماع انتهى.",
        target: "He added that the meeting had ended.",
        en: "He added that the meeting had ended.",
        status: "translated",
      },
    ]);
    expect(u7!.segments.map((s) => s.toolStatus)).toEqual([
      "sdl:ApprovedTranslation",
      null,
      "sdl:Translated",
    ]);
    // The unit as a whole: the least advanced segment decides.
    expect(u7).toMatchObject({
      segmentId: 7,
      source: "قال المتحدث: لا تعليق. وأضاف أن الاجتماع انتهى.",
      en: "The spokesman said: no comment. He added that the meeting had ended.",
      status: "translated",
      toolStatus: "sdl:Translated",
      codeOnly: false,
    });
    expect(u7!.segments[0]!.source.codes[0]).toEqual({ kind: "open", id: "5", at: 13 });
    expect(pick(u8!)).toEqual({ id: 8, source: "مسودة", en: "Draft text", status: "new" });
    // Trados' Draft is the translator's own status, not a state the tool forgot to update.
    expect(u8!.draftByState).toBe(false);
    expect(u9!.segments.map((s) => seg(s))).toEqual([
      { kind: "segment", id: "4", source: "غير مترجم", target: "", en: null, status: null },
    ]);
    expect(u10).toMatchObject({ en: "Signed off", status: "approved", toolStatus: "sdl:ApprovedSignOff" });
    expect(guid).toMatchObject({
      id: "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5",
      segmentId: null,
      status: "translated",
    });
  });

  it("memoQ: mq:status decides, bpt/ept/ph kept with their native code", () => {
    const doc = parseXliff(memoq);
    expect(doc.trgLang).toBe("en-us");
    expect(doc.units.map((u) => [pick(u), u.toolStatus])).toEqual([
      [
        {
          id: 21,
          source: "رحب الأمين العام بالاتفاق",
          en: "The Secretary-General welcomed the agreement",
          status: "translated",
        },
        "mq:ManuallyConfirmed",
      ],
      [{ id: 22, source: "نص قيد التحرير", en: "Text being edited", status: "new" }, "mq:PartiallyEdited"],
      [{ id: 23, source: "لم يبدأ", en: null, status: null }, "mq:NotStarted"],
      [{ id: 24, source: "مراجَع", en: "Reviewed", status: "reviewed" }, "mq:Reviewer1Confirmed"],
    ]);
    expect(seg(doc.units[0]!.segments[0]!, true)).toMatchObject({
      source: "رحب {1<{}>}الأمين العام{/1<{}>} بالاتفاق",
      target: "The {1<{}>}Secretary-General{/1<{}>} welcomed the agreement",
    });
    expect(doc.units[0]!.segments[0]!.source.codes[0]).toEqual({
      kind: "open",
      id: "1",
      at: 4,
      ctype: "bold",
      data: "{}",
    });
    expect(marked(doc.units[1]!.segments[0]!.target, true)).toBe("Text being edited{2<{2}>/}");
  });

  it("Phrase 2.0: pc and ph kept (ph with its originalData), initial draft kept as new, missing target", () => {
    const doc = parseXliff(phrase);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["2.0", "ar", "en"]);
    expect(doc.units.map(pick)).toEqual([
      {
        id: 31,
        source: "وقّع الطرفان مذكرة تفاهم.",
        en: "The two parties signed a memorandum of understanding.",
        status: "translated",
      },
      { id: 32, source: "مسودة من الترجمة الآلية", en: "Machine translation draft", status: "new" },
      { id: 33, source: "بلا ترجمة", en: null, status: null },
      { id: 34, source: "مقفل", en: "Locked", status: "approved" },
    ]);
    expect(seg(doc.units[0]!.segments[0]!, true)).toMatchObject({
      id: "1",
      source: "وقّع الطرفان {p1}مذكرة تفاهم{/p1}.{ph1<<br/>>/}",
      target: "The two parties signed a {p1}memorandum of understanding{/p1}.{ph1<<br/>>/}",
    });
    expect(doc.units[1]!.draftByState).toBe(true);
    expect(doc.units[2]!.target).toBeNull();
    expect(doc.units[3]!.translate).toBe(false);
  });

  it("Matecat 1.2: one segment per mrk (mid 0 and 1), the space between them an ignorable", () => {
    const doc = parseXliff(matecat);
    expect(doc.units.map(pick)).toEqual([
      {
        id: 41,
        source: "الجملة الأولى. الجملة الثانية.",
        en: "The first sentence. The second sentence.",
        status: "translated",
      },
      { id: 42, source: "جملة موقعة", en: "A signed-off sentence", status: "reviewed" },
    ]);
    expect(doc.units[0]!.segments.map((s) => seg(s))).toEqual([
      {
        kind: "segment",
        id: "0",
        source: "الجملة الأولى.",
        target: "The first sentence.",
        en: "The first sentence.",
        status: "translated",
      },
      { kind: "ignorable", id: null, source: " ", target: " ", en: null, status: null },
      {
        kind: "segment",
        id: "1",
        source: "الجملة الثانية.",
        target: "The second sentence.",
        en: "The second sentence.",
        status: "translated",
      },
    ]);
  });

  it("Okapi 2.1: segments and ignorables kept, every inline code with its data, lowest state decides the unit", () => {
    const doc = parseXliff(okapi);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["2.1", "ar-SA", "en-US"]);
    const [a, b] = doc.units;
    expect(a!.file).toBe("f1");
    expect(a!.segments.map((s) => seg(s, true))).toEqual([
      {
        kind: "segment",
        id: "seg1",
        source: "قال {1<<b>>}الوزير{/1<</b>>}:{2<<br/>>/}",
        target: "The {1<<b>>}minister{/1<</b>>} said:{2<<br/>>/}",
        en: "The minister said:",
        status: "reviewed",
      },
      { kind: "ignorable", id: "ign1", source: " ", target: null, en: null, status: null },
      {
        kind: "segment",
        id: "seg2",
        source: "{3<<b>>}المفاوضات{/3<</b>>} [m1مستمرةm1][m2.m2]",
        target: "{3<<b>>}Negotiations{/3<</b>>} are [m1continuingm1][m2.m2]",
        en: "Negotiations are continuing.",
        status: "translated",
      },
    ]);
    expect(a!.segments[2]!.source.codes.find((c) => c.id === "m1")).toMatchObject({
      marker: { type: "term", translate: true },
    });
    expect(a).toMatchObject({
      id: "s51",
      segmentId: 51,
      source: "قال الوزير: المفاوضات مستمرة.",
      target: "The minister said: Negotiations are continuing.",
      state: "translated",
      status: "translated",
    });
    // Second segment has no target: the unit is not translated, even though the first segment is.
    expect(b).toMatchObject({ source: "الجزء الأول. الجزء الثاني.", target: null, en: null, status: null });
    expect(b!.segments.map((s) => seg(s))).toEqual([
      {
        kind: "segment",
        id: "a",
        source: "الجزء الأول.",
        target: "Part one.",
        en: "Part one.",
        status: "translated",
      },
      { kind: "ignorable", id: null, source: " ", target: "  ", en: null, status: null },
      { kind: "segment", id: "b", source: "الجزء الثاني{U+1/}.", target: null, en: null, status: null },
    ]);
  });
});

describe("resolveStatus: lenient and strict states", () => {
  const draft = { en: "An old translation", status: "new" as const, draftByState: true };
  it("lenient: a draft by its standard state is a translation when it differs from what was exported", () => {
    expect(resolveStatus(draft, { en: "Something else", status: "new" }, "lenient")).toBe("translated");
    expect(resolveStatus(draft, null, "lenient")).toBe("translated");
    expect(resolveStatus(draft, { en: null, status: "new" }, "lenient")).toBe("translated");
    // Unchanged English keeps what Diwan had (also for a reviewed segment of a multi-segment 1.2 unit).
    expect(resolveStatus(draft, { en: "An old translation", status: "reviewed" }, "lenient")).toBe(
      "reviewed",
    );
  });
  it("strict: the states decide alone; a tool's own draft stays a draft under both rules", () => {
    expect(resolveStatus(draft, { en: "Something else", status: "new" }, "strict")).toBe("new");
    const trados = { ...draft, draftByState: false };
    expect(resolveStatus(trados, null, "lenient")).toBe("new");
    expect(resolveStatus({ en: null, status: null, draftByState: false }, null, "lenient")).toBeNull();
  });
  it("the OmegaT fixture's needs-translation unit is a draft by state, Trados' Draft is not", () => {
    expect(parseXliff(omegat).units[3]!.draftByState).toBe(true);
    expect(parseXliff(trados).units[1]!.draftByState).toBe(false);
  });
});
