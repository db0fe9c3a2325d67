// Rich sample content shared by the format tests and the schema validation tests: Arabic with bidi marks,
// XML specials, CR, glossary hints (incl. forbidden renderings), QA notes and memory matches.
import type { ExportedEntry } from "../../src/formats/glossary-model";
import type { XliffDocumentInfo, XliffUnitInput } from "../../src/formats/xliff-write";

export const SAMPLE_DOC: XliffDocumentInfo = {
  id: 42,
  title: 'بيان مشترك "A&B" <draft>',
  srcLang: "ar",
  trgLang: "en",
};

export const SAMPLE_UNITS: XliffUnitInput[] = [
  {
    id: 1,
    ar: "أكد وزير الخارجية أن «مجلس الأمن» & <الأمم المتحدة> يدعمان القرار\u200f ٢٤٢.",
    en: 'The Foreign Minister stressed that the "Security Council" & <the UN> support resolution 242.',
    status: "translated",
    glossary: [
      {
        term: "مجلس الأمن",
        status: "preferred",
        definition: "Principal UN organ for peace & security",
        translations: [
          { text: "Security Council", status: "preferred" },
          { text: "UNSC", status: "admitted" },
          { text: "Council of Security", status: "forbidden" },
        ],
      },
    ],
    qa: [{ severity: "warning", message: "number 242 vs ٢٤٢: check <digits> & format" }],
    matches: [
      {
        ar: "أكد وزير الخارجية أن مجلس الأمن يدعم القرار",
        en: "The Foreign Minister said the Security Council supports the resolution",
        score: 82.5,
        origin: "tm",
      },
    ],
  },
  { id: 2, ar: "سطر أول\r\nسطر ثانٍ\tمع جدولة  ", en: null, status: "new" },
  {
    id: 3,
    ar: "\u202bنص مُضمَّن\u202c بين علامات اتجاه",
    en: "\u2067embedded text\u2069 between direction marks",
    status: "approved",
    glossary: [
      { term: "تطبيع", status: "preferred", translations: [{ text: "normalisation", status: "forbidden" }] },
    ],
  },
  {
    id: 4,
    ar: "مراجعة",
    en: "Reviewed ' text",
    status: "reviewed",
    matches: [{ ar: "مراجعة", en: "Review", score: 100 }],
  },
  { id: 123456, ar: "جديد مع مسودة", en: "New with a draft", status: "new" },
];

export const SAMPLE_GLOSSARY: ExportedEntry[] = [
  {
    key: "security-council",
    domain: "international organisations",
    definition: "Principal organ of the UN responsible for peace & security.",
    note: 'Capitalised "Council"; Arabic: مجلس الأمن\u200f',
    source: "UNTERM <www.un.org>",
    terms: [
      { lang: "en", text: "Security Council", status: "preferred", partOfSpeech: "noun", note: null },
      { lang: "en", text: "Council of Security", status: "forbidden", partOfSpeech: "noun", note: "calque" },
      { lang: "en", text: "UNSC", status: "admitted", partOfSpeech: "noun", note: null },
      { lang: "ar", text: "مجلس الأمن", status: "preferred", partOfSpeech: "noun", note: null },
      { lang: "ar", text: "مجلس الامن", status: "deprecated", partOfSpeech: "noun", note: "without hamza" },
    ],
  },
  {
    key: "2state",
    domain: "conflicts",
    definition: null,
    note: null,
    source: null,
    terms: [
      { lang: "ar", text: "حل الدولتين", status: "preferred", partOfSpeech: null, note: null },
      {
        lang: "en",
        text: "two-state solution",
        status: "preferred",
        partOfSpeech: "phrase-like",
        note: null,
      },
    ],
  },
  {
    id: 77,
    domain: "titles and offices",
    definition: "Line 1\nLine 2, with a comma",
    note: null,
    source: null,
    terms: [
      { lang: "en", text: "envoy", status: "preferred", partOfSpeech: "noun", note: null },
      { lang: "ar", text: "مبعوث", status: "preferred", partOfSpeech: "noun", note: null },
    ],
  },
];
