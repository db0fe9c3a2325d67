import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buildTermMatcher, type TermEntryInput } from "../../src/text/terms";
import { forgetCompiledTerms } from "../../src/text/terms-compile";
import { loadSeedGlossary } from "../fixtures/glossary";
import { pick, randomInt, rng } from "../support/random";
import { randomGlossary, STATUSES } from "./random-glossary";

// A matcher built from terms compiled for earlier glossaries (terms-compile.ts keeps them per isolate) is
// the matcher built from scratch: same keys (ids and flags), trie, records, owner-bound records and places.

const SEED = loadSeedGlossary(env.SEED_TSV).entries;

/** The matcher without its reading cache (filled by the build's own recognition of qualifiers, the same
 * way in both). */
function structure(entries: readonly TermEntryInput[]) {
  const { readings: _, ...rest } = buildTermMatcher(entries);
  return rest;
}

describe("term matcher from cached compiled terms", () => {
  it("equals the matcher built from scratch, after random edits (random and seed glossaries)", () => {
    const random = rng(61206);
    let glossary: TermEntryInput[] = SEED.map((e) => ({ id: e.id, domain: e.domain, terms: e.terms }));
    for (let round = 0; round < 40; round++) {
      if (round % 10 === 5) glossary = randomGlossary(random);
      // Edit a few entries: terms from elsewhere, statuses, domains; delete one.
      for (let n = 1 + randomInt(random, 3); n > 0; n--) {
        const at = randomInt(random, glossary.length);
        const entry = glossary[at] as TermEntryInput;
        const other = pick(random, SEED);
        const kind = randomInt(random, 4);
        glossary = [...glossary];
        if (kind === 0) glossary[at] = { ...entry, terms: [...entry.terms, pick(random, other.terms)] };
        else if (kind === 1)
          glossary[at] = {
            ...entry,
            terms: entry.terms.map((t) => ({ ...t, status: pick(random, STATUSES) })),
          };
        else if (kind === 2) glossary[at] = { ...entry, domain: other.domain };
        else glossary.splice(at, 1);
      }
      const warm = structure(glossary);
      forgetCompiledTerms();
      const cold = structure(glossary);
      expect(warm, `round ${round}`).toEqual(cold);
    }
  }, 60_000);

  it("compiles again a term object or an entry's terms array changed in place (no stale cache by identity)", () => {
    const glossary: TermEntryInput[] = SEED.slice(0, 120).map((e) => ({
      id: e.id,
      domain: e.domain,
      terms: e.terms.map((t) => ({ ...t })),
    }));
    structure(glossary); // cached by these very objects
    for (const entry of glossary.slice(0, 40)) {
      const term = entry.terms[0]!;
      term.status = term.status === "preferred" ? "deprecated" : "preferred";
      term.text = `${term.text} ${term.lang === "ar" ? "الخاصة" : "special"}`;
      entry.terms.push({ ...(entry.terms[1] ?? term), text: `${entry.terms[1]?.text ?? term.text} office` });
    }
    const warm = structure(glossary);
    forgetCompiledTerms();
    expect(warm).toEqual(structure(glossary));
  });
});
