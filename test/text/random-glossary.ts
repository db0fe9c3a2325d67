// Random glossaries and texts over a small vocabulary, so that terms nest, overlap, share spans, are bound
// to owners and meet the context rules (names, particles, من … أن, verbal nouns) often: the term engine's
// randomised tests (terms-resolve.test.ts, terms-touch.test.ts).
import type { TermEntryInput } from "../../src/text/terms";
import type { Lang, TermStatus } from "../../src/types";
import { pick, randomInt } from "../support/random";

export const AR_WORDS = [
  "مجلس",
  "الأمن",
  "والأمن",
  "الوطني",
  "مستشار",
  "ومستشاري",
  "الأمم",
  "للأمم",
  "المتحدة",
  "الولايات",
  "المملكة",
  "حقوق",
  "الإنسان",
  "إعلان",
  "بإعلان",
  "مشترك",
  "توافق",
  "التوافق",
  "لم",
  "من",
  "ومن",
  "المقرر",
  "أن",
  "الخاص",
  "وزير",
  "وزيرة",
  "الخارجية",
  "التعاون",
  "الدولي",
  "الرئيس",
  "رئيس",
  "الصيني",
  "فخامة",
  "الجمهورية",
  "مصر",
  "لمصر",
  "الأمانة",
  "العامة",
];
export const EN_WORDS = [
  "human",
  "rights",
  "council",
  "Council",
  "Security",
  "United",
  "Nations",
  "UN",
  "the",
  "of",
  "permanent",
  "members",
  "non",
  "G",
  "20",
  "adviser",
  "Secretariat",
  "Russian",
  "GCC",
];
export const SEPARATORS = [" ", " ", " ", " ", " ", "-", ", ", ". ", "\n"];
export const STATUSES: TermStatus[] = ["preferred", "admitted", "deprecated", "forbidden"];
// Owners (terms-owner.ts): organisations and places, and entries that are neither.
export const DOMAINS = ["international organisations", "geography", "titles and offices", undefined];

export function phrase(random: () => number, words: readonly string[], max: number): string {
  const n = 1 + randomInt(random, max);
  return Array.from({ length: n }, () => pick(random, words)).join(" ");
}

export function randomGlossary(random: () => number): TermEntryInput[] {
  const made: { lang: Lang; text: string }[] = [];
  const entries: TermEntryInput[] = [];
  const count = 5 + randomInt(random, 25);
  for (let id = 1; id <= count; id++) {
    const terms = [];
    const seen = new Set<string>();
    for (let k = 1 + randomInt(random, 3); k > 0; k--) {
      const lang: Lang = random() < 0.7 ? "ar" : "en";
      const before = made.filter((s) => s.lang === lang);
      let text = phrase(random, lang === "ar" ? AR_WORDS : EN_WORDS, 4);
      if (before.length > 0 && random() < 0.4) {
        // A term of another entry (two entries on one span), or a part of one (nesting).
        const words = pick(random, before).text.split(" ");
        const from = randomInt(random, words.length);
        text =
          random() < 0.3 ? words.join(" ") : words.slice(from, from + 1 + randomInt(random, 2)).join(" ");
      }
      if (seen.has(`${lang}:${text}`)) continue;
      seen.add(`${lang}:${text}`);
      made.push({ lang, text });
      terms.push({ lang, text, status: pick(random, STATUSES) });
      if (random() < 0.3) {
        // The same term with its owner spelt out: the shorter one is owner-bound.
        const words = lang === "ar" ? AR_WORDS : EN_WORDS;
        const q = phrase(random, words, 2);
        const longer = lang === "ar" || random() < 0.5 ? `${text} ${q}` : `${q} ${text}`;
        if (!seen.has(`${lang}:${longer}`)) {
          seen.add(`${lang}:${longer}`);
          terms.push({ lang, text: longer, status: pick(random, STATUSES) });
        }
      }
    }
    const domain = pick(random, DOMAINS);
    entries.push(domain === undefined ? { id, terms } : { id, terms, domain });
  }
  return entries;
}

/** Words of the vocabulary and, now and then, whole terms of the glossary, with random separators. */
export function randomText(random: () => number, lang: Lang, glossary: readonly TermEntryInput[]): string {
  const words = lang === "ar" ? AR_WORDS : EN_WORDS;
  const terms = glossary.flatMap((e) => e.terms.filter((t) => t.lang === lang).map((t) => t.text));
  let text = "";
  for (let n = 3 + randomInt(random, 25); n > 0; n--) {
    const piece = terms.length > 0 && random() < 0.3 ? pick(random, terms) : pick(random, words);
    text += piece + pick(random, SEPARATORS);
  }
  return text;
}
