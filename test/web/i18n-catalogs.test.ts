import { describe, expect, it } from "vitest";
import { CATALOGS, type Message } from "../../src/web/i18n/catalog";

// Every messages module of the web pages (src/web/messages.ts and each feature's messages.ts), so that a new
// feature's catalog is checked without being listed here.
const modules = (
  import.meta as unknown as { glob(p: string, o: { eager: true }): Record<string, unknown> }
).glob("../../src/web/**/messages.ts", { eager: true });

/** Latin words an Arabic message may contain: names of formats and codes, never English words. */
const CODES = new Set([
  "CSV",
  "TSV",
  "TBX",
  "UTC",
  "API",
  "XLSX",
  "MB",
  "UTF",
  "Ctrl",
  "Enter",
  "Diwan",
  "XLIFF",
  "TMX",
  "OmegaT",
  "Trados",
  "memoQ",
  "Phrase",
  "Matecat",
  // Encoding labels as tools and HTTP spell them (windows-1256, ISO-8859-6), and the program that writes them.
  "windows",
  "ISO",
  "Excel",
]);

const ARABIC_LETTER = /\p{Script=Arabic}/u;

/** A message as text: functions get one sample argument per parameter (numbers stand for numbers). */
const sample = (m: Message): string =>
  typeof m === "function" ? m(...Array.from({ length: m.length }, (_, i) => (i === 0 ? 7 : "«x»"))) : m;

describe("web message catalogs", () => {
  it("are all loaded", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
    expect(CATALOGS.length).toBeGreaterThanOrEqual(Object.keys(modules).length);
    expect(new Set(CATALOGS.map((c) => c.name)).size).toBe(CATALOGS.length);
  });

  it("have every key in both languages, of the same kind and arity", () => {
    for (const c of CATALOGS) {
      const { en, ar } = c.messages;
      expect(Object.keys(ar).sort(), c.name).toEqual(Object.keys(en).sort());
      for (const [key, m] of Object.entries(en)) {
        const a = ar[key] as Message;
        expect(typeof a, `${c.name}.${key}`).toBe(typeof m);
        if (typeof m === "function" && typeof a === "function")
          expect(a.length, `${c.name}.${key}`).toBe(m.length);
        expect(sample(m).trim(), `${c.name}.${key} (en) is empty`).not.toBe("");
      }
    }
  });

  it("leave nothing untranslated in Arabic", () => {
    const problems: string[] = [];
    for (const c of CATALOGS) {
      const { en, ar } = c.messages;
      for (const [key, m] of Object.entries(ar)) {
        // Slots ({who}) are filled with markup, not text.
        const text = sample(m).replace(/«x»|\{\w+\}/g, "");
        const english = sample(en[key] as Message).replace(/«x»|\{\w+\}/g, "");
        if (/\p{L}/u.test(text) && !ARABIC_LETTER.test(text))
          problems.push(`${c.name}.${key}: no Arabic in "${text}"`);
        if (text === english) problems.push(`${c.name}.${key}: same as English`);
        for (const word of text.match(/[A-Za-z]{2,}/g) ?? [])
          if (!CODES.has(word)) problems.push(`${c.name}.${key}: English word "${word}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
