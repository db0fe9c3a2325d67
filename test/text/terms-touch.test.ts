import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { analyseBead, type BeadTexts, type RowAnalysis } from "../../src/text/bead-analysis";
import { buildTermMatcher } from "../../src/text/terms";
import { forgetCompiledTerms } from "../../src/text/terms-compile";
import type { TermInput } from "../../src/text/terms-matcher";
import {
  type GlossaryChange,
  keysTouchedBy,
  latinCandidatesOf,
  type TouchEntry,
} from "../../src/text/terms-touch";
import { tokenize } from "../../src/text/tokenize";
import type { Lang, TermStatus } from "../../src/types";
import { EVAL2_DOCS } from "../fixtures/eval2";
import { loadSeedGlossary } from "../fixtures/glossary";
import { pick, randomInt, rng } from "../support/random";
import { AR_WORDS, DOMAINS, EN_WORDS, phrase, randomGlossary, SEPARATORS, STATUSES } from "./random-glossary";

// Locality of a glossary change (src/text/terms-touch.ts): a text that no changed key touches keeps its
// analysis. The reference analyses every text again with the whole new glossary; the incremental result
// keeps the old analysis of every untouched text. Random glossaries mix the small vocabulary's entries
// (nesting, overlaps, two entries on one span, owner-bound terms) with real seed entries (their notes'
// declared senses, domains: organisations, States, titles); random edits of one entry (terms added, removed
// or changed, status, note, domain, entry deleted or added), sometimes two in a row; texts made of terms of
// the glossary before and after, with clitics, inflections and the neighbours the context rules read.

const SEED = loadSeedGlossary(env.SEED_TSV).entries;
// States and the owner-bound bodies and titles next to them (terms-owner.ts), in most glossaries.
const OWNERS = [
  "russia",
  "china",
  "egypt",
  "security-council",
  "un-secretariat",
  "secretary-general",
  "gcc",
].map((key) => SEED.find((e) => e.key === key) ?? SEED[0]);
const GENTILICS = ["الروسي", "الروسية", "الصيني", "المصري", "الوطني", "Russian", "Chinese", "National"];
const SENSE_NOTES = [
  "also a verb",
  "sense needs: بعثة، تجديد",
  "other sense before a gentilic",
  "other sense before: عن, of",
  "other sense after: peaceful",
  "other sense in construct",
  "in construct only with a place",
  "in construct only with a body",
  "other sense before a name",
  "same sense when it refers back",
  null,
];
const NEIGHBOURS_AR = [
  "الوطني",
  "الصيني",
  "المصري",
  "فخامة",
  "أن",
  "لن",
  "هذه",
  "نائب",
  "لمجلس",
  "الدولي",
  "بعثة",
];
const NEIGHBOURS_EN = ["Deputy", "of the", "to", "will", "Russian", "National", "and", "in", "peaceful"];
const DOMAIN_CHOICES = [...DOMAINS, "geography", "international organisations", "titles and offices"];

function randomEntries(random: () => number): TouchEntry[] {
  const entries: TouchEntry[] = randomGlossary(random).map((e) => ({ ...e, terms: [...e.terms] }));
  let id = entries.length;
  const seed = Array.from({ length: 5 + randomInt(random, 20) }, () => pick(random, SEED));
  for (const s of [...seed, ...OWNERS.filter(() => random() < 0.6)])
    entries.push({ id: ++id, domain: s?.domain, terms: (s?.terms ?? []).map((t) => ({ ...t })) });
  return entries;
}

function anyTerm(random: () => number, entries: readonly TouchEntry[]): TermInput {
  const source = random() < 0.5 ? pick(random, entries).terms : pick(random, SEED).terms;
  if (source.length > 0 && random() < 0.8) return { ...pick(random, source), status: pick(random, STATUSES) };
  const lang: Lang = random() < 0.6 ? "ar" : "en";
  return {
    lang,
    text: phrase(random, lang === "ar" ? AR_WORDS : EN_WORDS, 3),
    status: pick(random, STATUSES),
  };
}

/** One random edit of one entry: the glossary after it, and the change as the change table records it. */
function randomEdit(
  random: () => number,
  before: readonly TouchEntry[],
): { after: TouchEntry[]; change: GlossaryChange } {
  const after = before.map((e) => ({ ...e, terms: [...e.terms] }));
  const terms: GlossaryChange["terms"][number][] = [];
  const domains: GlossaryChange["domains"][number][] = [];
  const kind = randomInt(random, 9);
  if (kind === 8 || after.length === 0) {
    // A new entry: terms of others (two entries on one span) or new ones.
    const id = Math.max(0, ...after.map((e) => e.id)) + 1;
    const entry: TouchEntry = {
      id,
      domain: pick(random, DOMAIN_CHOICES) ?? "diplomacy and protocol",
      terms: [],
    };
    for (let n = 1 + randomInt(random, 3); n > 0; n--) entry.terms = [...entry.terms, anyTerm(random, after)];
    after.push(entry);
    for (const t of entry.terms) terms.push({ entryId: id, lang: t.lang, text: t.text, side: "new" });
    domains.push({ entryId: id, domain: entry.domain as string });
    return { after, change: { entryIds: new Set([id]), terms, domains } };
  }
  const at = randomInt(random, after.length);
  const entry = after[at] as TouchEntry;
  const id = entry.id;
  const mutable = [...entry.terms];
  const t = mutable.length > 0 ? randomInt(random, mutable.length) : -1;
  const record = (term: TermInput, side: "old" | "new") =>
    terms.push({ entryId: id, lang: term.lang, text: term.text, side });
  if (kind === 0 || t < 0) {
    const added = anyTerm(random, after);
    mutable.push(added);
    record(added, "new");
  } else if (kind === 1) {
    record(mutable[t] as TermInput, "old");
    mutable.splice(t, 1);
  } else if (kind === 2) {
    const old = mutable[t] as TermInput;
    const text = random() < 0.5 ? anyTerm(random, after).text : inflect(random, old.text, old.lang);
    record(old, "old");
    mutable[t] = { ...old, text };
    record(mutable[t] as TermInput, "new");
  } else if (kind === 3) {
    const old = mutable[t] as TermInput;
    mutable[t] = {
      ...old,
      status: pick(
        random,
        STATUSES.filter((s) => s !== old.status),
      ) as TermStatus,
    };
    record(old, "old");
    record(mutable[t] as TermInput, "new");
  } else if (kind === 4) {
    const old = mutable[t] as TermInput;
    mutable[t] = { ...old, note: pick(random, SENSE_NOTES) };
    record(old, "old");
    record(mutable[t] as TermInput, "new");
  } else if (kind === 5 || kind === 6) {
    const domain = pick(random, DOMAIN_CHOICES) ?? "politics and law";
    domains.push({ entryId: id, domain: entry.domain ?? "" }, { entryId: id, domain });
    after[at] = { ...entry, domain };
    return { after, change: { entryIds: new Set([id]), terms, domains } };
  } else {
    // The entry deleted: its terms and its domain go.
    after.splice(at, 1);
    for (const term of entry.terms) record(term, "old");
    domains.push({ entryId: id, domain: entry.domain ?? "" });
    return { after, change: { entryIds: new Set([id]), terms, domains } };
  }
  after[at] = { ...entry, terms: mutable };
  return { after, change: { entryIds: new Set([id]), terms, domains } };
}

/** A form of `text` as a text writes it: clitics, the article, plural and dual endings, an English plural. */
function inflect(random: () => number, text: string, lang: Lang): string {
  if (lang === "en")
    return pick(random, [text, `${text}s`, `${text}'s`, text.toLowerCase(), text.toUpperCase()]);
  const words = text.split(" ");
  const first = words[0] as string;
  const bare = first.startsWith("ال") ? first.slice(2) : first;
  words[0] = pick(random, [first, `و${first}`, `ب${first}`, `لل${bare}`, `وال${bare}`, bare, `${bare}ات`]);
  if (words.length > 1 && random() < 0.3) words[words.length - 1] = `${words[words.length - 1]}ين`;
  return words.join(" ");
}

function randomText(random: () => number, lang: Lang, glossaries: readonly TouchEntry[][]): string {
  const terms = glossaries.flatMap((g) => g.flatMap((e) => e.terms.filter((t) => t.lang === lang)));
  const words = lang === "ar" ? [...AR_WORDS, ...NEIGHBOURS_AR] : [...EN_WORDS, ...NEIGHBOURS_EN];
  let text = "";
  for (let n = 2 + randomInt(random, 12); n > 0; n--) {
    let piece =
      terms.length > 0 && random() < 0.4
        ? inflect(random, pick(random, terms).text, lang)
        : pick(random, words);
    // A body, a title or a State's name next to a gentilic: the owner rules and the places' stems.
    if (terms.length > 0 && random() < 0.15) piece = `${pick(random, terms).text} ${pick(random, GENTILICS)}`;
    text += piece + pick(random, SEPARATORS);
  }
  return text;
}

function glossaryOf(entries: readonly TouchEntry[]) {
  return {
    matcher: buildTermMatcher(entries),
    entries: new Map(entries.map((e) => [e.id, { id: e.id, terms: e.terms }])),
  };
}

function merge(a: GlossaryChange, b: GlossaryChange): GlossaryChange {
  return {
    entryIds: new Set([...a.entryIds, ...b.entryIds]),
    terms: [...a.terms, ...b.terms],
    domains: [...a.domains, ...b.domains],
  };
}

describe("a glossary change touches only the texts with its keys", () => {
  it("the analyses kept for untouched texts equal analysing every text again (random glossaries and edits)", () => {
    const random = rng(20261206);
    let kept = 0;
    let remade = 0;
    let differed = 0;
    let everything = 0;
    for (let round = 0; round < 600; round++) {
      // Compiled terms are cached per isolate: start some rounds from an empty cache.
      if (round % 50 === 0) forgetCompiledTerms();
      const before = randomEntries(random);
      let { after, change } = randomEdit(random, before);
      if (random() < 0.25) {
        const second = randomEdit(random, after);
        after = second.after;
        change = merge(change, second.change);
      }
      const old = glossaryOf(before);
      const now = glossaryOf(after);
      const beads: BeadTexts[] = Array.from({ length: 10 }, () => ({
        ar: randomText(random, "ar", [before, after]),
        en: random() < 0.1 ? null : randomText(random, "en", [before, after]),
        arCodes: [],
        enCodes: [],
      }));
      const stored = beads.map((b) => analyseBead(old, b));
      const keys = keysTouchedBy(change, new Map(after.map((e) => [e.id, e])));
      if (keys === null) everything++;
      beads.forEach((bead, i) => {
        const expected: RowAnalysis = analyseBead(now, bead);
        const touched = keys === null || keys.touches(bead.ar) || (bead.en !== null && keys.touches(bead.en));
        if (JSON.stringify(expected) !== JSON.stringify(stored[i])) differed++;
        if (touched) {
          remade++;
          return;
        }
        kept++;
        expect(stored[i], `round ${round}, bead ${i}: ${JSON.stringify(bead)}`).toEqual(expected);
      });
    }
    console.log(
      `glossary change locality: ${kept} analyses kept, ${remade} made again (${differed} differed), ${everything} changes touching everything`,
    );
    // The generator must exercise both sides: many analyses kept, many that the edit changed.
    expect(kept).toBeGreaterThan(1200);
    expect(differed).toBeGreaterThan(350);
    expect(everything).toBeLessThan(100);
  }, 120_000);

  it("a State's one-word Arabic term gone or no longer a State's: every text (its gentilic is no key of it)", () => {
    const council: TouchEntry = {
      id: 1,
      domain: "international organisations",
      terms: [
        { lang: "ar", text: "مجلس الأمن", status: "preferred" },
        { lang: "ar", text: "مجلس الأمن الدولي", status: "admitted" },
      ],
    };
    const russia: TouchEntry = {
      id: 2,
      domain: "geography",
      terms: [
        { lang: "ar", text: "روسيا", status: "preferred" },
        { lang: "en", text: "Russia", status: "preferred" },
      ],
    };
    const bead: BeadTexts = { ar: "اجتمع مجلس الأمن الروسي أمس", en: null, arCodes: [], enCodes: [] };
    const before = analyseBead(glossaryOf([council, russia]), bead);
    // الروسي names Russia's council (a homograph of the UN's): no term, while روسيا is a State's name.
    expect(before.ar).toEqual([]);
    const termsOf = (e: TouchEntry) =>
      e.terms.map((t) => ({ entryId: e.id, lang: t.lang, text: t.text, side: "old" as const }));
    const edits: { after: TouchEntry[]; change: GlossaryChange }[] = [
      {
        after: [council],
        change: {
          entryIds: new Set([2]),
          terms: termsOf(russia),
          domains: [{ entryId: 2, domain: "geography" }],
        },
      },
      {
        after: [council, { ...russia, domain: "politics and law" }],
        change: {
          entryIds: new Set([2]),
          terms: [],
          domains: [
            { entryId: 2, domain: "geography" },
            { entryId: 2, domain: "politics and law" },
          ],
        },
      },
      {
        after: [council, { ...russia, terms: russia.terms.slice(1) }],
        change: { entryIds: new Set([2]), terms: termsOf(russia).slice(0, 1), domains: [] },
      },
    ];
    for (const { after, change } of edits) {
      // The text has no key of روسيا: only the places' check sends it to be analysed again.
      expect(analyseBead(glossaryOf(after), bead).ar.map((s) => s.entryId)).toEqual([1]);
      expect(keysTouchedBy(change, new Map(after.map((e) => [e.id, e])))).toBeNull();
    }
    // An English term of the State, or its Arabic one changed in status only: the places stay.
    const status = { ...russia, terms: [{ ...(russia.terms[0] as TermInput), status: "admitted" as const }] };
    const kept = keysTouchedBy(
      {
        entryIds: new Set([2]),
        terms: [{ entryId: 2, lang: "en", text: "Russia", side: "old" }],
        domains: [],
      },
      new Map([council, { ...russia, terms: russia.terms.slice(0, 1) }].map((e) => [e.id, e])),
    );
    expect(kept?.touches(bead.ar)).toBe(false);
    expect(
      keysTouchedBy(
        {
          entryIds: new Set([2]),
          terms: (["old", "new"] as const).map((side) => ({
            entryId: 2,
            lang: "ar" as const,
            text: "روسيا",
            side,
          })),
          domains: [],
        },
        new Map([council, status].map((e) => [e.id, e])),
      )?.touches(bead.ar),
    ).toBe(false);
  });

  it("a Latin word's candidate keys keep its first two letters, or are its acronym (the Latin shortcut)", () => {
    const texts = [
      ...EVAL2_DOCS.map((d) => d.en.text),
      ...SEED.flatMap((e) => e.terms.filter((t) => t.lang === "en").map((t) => t.text)),
    ];
    let words = 0;
    for (const text of texts)
      for (const variant of [text, text.toUpperCase(), text.replace(/\b(\w+)\b/g, "$1's")]) {
        const tokens = tokenize(variant).filter((t) => t.script === "latin");
        const forms = tokens.map((t) => ({ original: variant.slice(t.start, t.end), norm: t.norm }));
        // Two words written as one (cease fire → ceasefire), as the scan pairs them.
        for (let k = 0; k + 1 < tokens.length; k++)
          forms.push({
            original: forms[k]!.original + forms[k + 1]!.original,
            norm: forms[k]!.norm + forms[k + 1]!.norm,
          });
        for (const { original, norm } of forms) {
          words++;
          for (const c of latinCandidatesOf(original, norm)) {
            const acronym = [0, 1, 2, 3].some((cut) => c === `=${original.slice(0, original.length - cut)}`);
            const kept = c.slice(0, 2) === norm.slice(0, 2) || c.slice(0, 2) === norm.slice(0, 1);
            expect(acronym || kept, `${original} (${norm}) → ${c}`).toBe(true);
          }
        }
      }
    expect(words).toBeGreaterThan(20_000);
  });
});
