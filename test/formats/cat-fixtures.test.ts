// Translated XLIFF as CAT tools save it (hand-written after each tool's documented output, see the comment
// at the top of each fixture), parsed back into Diwan's model.
import { describe, expect, it } from "vitest";
import { type ParsedXliffUnit, parseXliff } from "../../src/formats/xliff-read";
import matecat from "../fixtures/cat/matecat-1.2.xlf?raw";
import memoq from "../fixtures/cat/memoq-1.2.xlf?raw";
import okapi from "../fixtures/cat/okapi-2.1.xlf?raw";
import omegat from "../fixtures/cat/omegat-1.2.xlf?raw";
import phrase from "../fixtures/cat/phrase-2.0.xlf?raw";
import trados from "../fixtures/cat/trados-sdlxliff-1.2.xlf?raw";

const pick = (u: ParsedXliffUnit) => ({ id: u.segmentId, source: u.source, en: u.en, status: u.status });

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
    expect(doc.units[4]).toMatchObject({ translate: false, approved: true, state: "final" });
  });

  it("Trados SDLXLIFF style: mrk segments joined, g text kept, x counted, lowest sdl:seg conf wins", () => {
    const doc = parseXliff(trados);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["1.2", "ar-SA", "en-US"]);
    const [u7, u8, u9, u10, guid] = doc.units;
    expect(u7).toMatchObject({
      segmentId: 7,
      source: "قال المتحدث: لا تعليق. وأضاف أن الاجتماع انتهى.",
      target: "The spokesman said: no comment. He added that the meeting had ended.",
      en: "The spokesman said: no comment. He added that the meeting had ended.",
      status: "translated",
      toolStatus: "sdl:Translated",
      droppedCodes: 2,
      segments: 2,
    });
    expect(pick(u8!)).toEqual({ id: 8, source: "مسودة", en: "Draft text", status: "new" });
    expect(pick(u9!)).toEqual({ id: 9, source: "غير مترجم", en: null, status: null });
    expect(u10).toMatchObject({ en: "Signed off", status: "approved", toolStatus: "sdl:ApprovedSignOff" });
    expect(guid).toMatchObject({
      id: "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5",
      segmentId: null,
      status: "translated",
    });
  });

  it("memoQ: mq:status decides, bpt/ept/ph content dropped and counted, memoQ elements ignored", () => {
    const doc = parseXliff(memoq);
    expect(doc.trgLang).toBe("en-us");
    expect(doc.units.map((u) => [pick(u), u.toolStatus, u.droppedCodes])).toEqual([
      [
        {
          id: 21,
          source: "رحب الأمين العام بالاتفاق",
          en: "The Secretary-General welcomed the agreement",
          status: "translated",
        },
        "mq:ManuallyConfirmed",
        4,
      ],
      [{ id: 22, source: "نص قيد التحرير", en: "Text being edited", status: "new" }, "mq:PartiallyEdited", 2],
      [{ id: 23, source: "لم يبدأ", en: null, status: null }, "mq:NotStarted", 0],
      [{ id: 24, source: "مراجَع", en: "Reviewed", status: "reviewed" }, "mq:Reviewer1Confirmed", 0],
    ]);
  });

  it("Phrase 2.0: pc text kept, ph dropped, initial draft kept as new, missing target, locked unit", () => {
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
    expect(doc.units[0]!.droppedCodes).toBe(2);
    expect(doc.units[2]!.target).toBeNull();
    expect(doc.units[3]!.translate).toBe(false);
  });

  it("Matecat 1.2: seg-source ignored for text, mrk targets joined with the space between them", () => {
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
    expect(doc.units[0]!.segments).toBe(2);
  });

  it("Okapi 2.1: segments and ignorables joined, lowest state wins, every inline code handled", () => {
    const doc = parseXliff(okapi);
    expect([doc.version, doc.srcLang, doc.trgLang]).toEqual(["2.1", "ar-SA", "en-US"]);
    const [a, b] = doc.units;
    expect(a).toMatchObject({
      id: "s51",
      segmentId: 51,
      source: "قال الوزير: المفاوضات مستمرة.",
      target: "The minister said: Negotiations are continuing.",
      en: "The minister said: Negotiations are continuing.",
      state: "translated",
      status: "translated",
      segments: 2,
      // ph + sc + ec in source and in target
      droppedCodes: 6,
    });
    // Second segment has no target: the unit is not translated, even though the first segment is.
    expect(b).toMatchObject({
      source: "الجزء الأول. الجزء الثاني.",
      target: null,
      en: null,
      status: null,
      droppedCodes: 1,
    });
  });
});
