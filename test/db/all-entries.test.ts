// allEntries (src/db/glossary.ts) reads every entry and term as plain rows for the term matcher and the
// glossary import: it must give exactly what the one-entry read (getEntry) gives for each entry, terms in
// their order, nulls as nulls.
import { describe, expect, it } from "vitest";
import { allEntries, getEntry } from "../../src/db/glossary";
import { createEntry, uniqueLetters } from "../support/api";
import { testDb } from "../support/db";

describe("allEntries", () => {
  it("gives every entry as getEntry does, terms in order", async () => {
    const word = uniqueLetters(8);
    await createEntry({
      domain: "law",
      definition: null,
      terms: [
        { lang: "en", text: `${word} one`, status: "preferred", partOfSpeech: "noun", note: "first" },
        { lang: "ar", text: "معاهدة سلام", status: "admitted" },
        { lang: "en", text: `${word} two`, status: "forbidden" },
      ],
    });
    await createEntry(`${word} three`, "اتفاقية", { note: "a note", source: "UN" });
    const db = testDb();
    const all = await allEntries(db);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    for (const e of all) expect(e).toStrictEqual(await getEntry(db, e.id));
    const mine = all.find((e) => e.terms[0]?.text === `${word} one`);
    expect(mine?.terms.map((t) => [t.text, t.status, t.partOfSpeech, t.note])).toEqual([
      [`${word} one`, "preferred", "noun", "first"],
      ["معاهدة سلام", "admitted", null, null],
      [`${word} two`, "forbidden", null, null],
    ]);
  });
});
