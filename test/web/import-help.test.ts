import { describe, expect, it } from "vitest";
import type { PlannedChange } from "../../src/db/glossary-import";
import type { KeyedEntry, Term } from "../../src/types";
import { diacriticTerms, hasDiacritics } from "../../src/web/import/help";

const term = (lang: "ar" | "en", text: string): Term => ({
  lang,
  text,
  status: "preferred",
  partOfSpeech: null,
  note: null,
});
const entry = (key: string, ...terms: Term[]): KeyedEntry => ({
  key,
  domain: "d",
  definition: null,
  note: null,
  source: null,
  terms,
});

describe("Arabic terms with diacritics (import preview warning)", () => {
  it("tells harakat, tanween, shadda, sukun and superscript alef; not letters, tatweel or a combining hamza", () => {
    for (const t of ["الأَمْن", "سلامٌ", "الأمّ", "هٰذا", "مُ"]) expect(hasDiacritics(t), t).toBe(true);
    // ا + U+0654 is أ written in two code points; tatweel is a stretch, not a mark.
    for (const t of ["الأمن", "ا\u0654من", "الأمـــن", "security", ""])
      expect(hasDiacritics(t), t).toBe(false);
  });

  it("lists Arabic terms of additions, and of changes only where the term is new or rewritten", () => {
    const added = [entry("a", term("ar", "الأَمْن"), term("en", "sécurité"), term("ar", "الأمن"))];
    const kept = entry("b", term("ar", "السِّلم"), term("en", "peace"));
    const changed: PlannedChange[] = [
      {
        id: 1,
        key: "b",
        fileKey: "b-file",
        matchedBy: "key",
        version: 1,
        before: kept,
        after: { ...kept, terms: [...kept.terms, term("ar", "السَّلام")] },
      },
    ];
    expect(diacriticTerms(added, changed).map((d) => [d.key, d.term.text])).toEqual([
      ["a", "الأَمْن"],
      ["b-file", "السَّلام"],
    ]);
  });
});
