// The review page's list of terms shows a definition whole when short, else its first sentence (cut at a
// word if still long) marked "…": the entry's page, one link away, has it all.
import { describe, expect, it } from "vitest";
import { DEFINITION_MAX, shortDefinition } from "../../src/web/documents/terms";

describe("a definition in the review page's list of terms", () => {
  it("is whole when it is one sentence within the limit, surrounding blanks aside", () => {
    const one = "Agreed or declared suspension of military operations.";
    expect(shortDefinition(one)).toBe(one);
    expect(shortDefinition(`  ${one}\n`)).toBe(one);
    expect(shortDefinition("وقف العمليات العسكرية المتفق عليه أو المعلن.")).toBe(
      "وقف العمليات العسكرية المتفق عليه أو المعلن.",
    );
  });

  it("is its first sentence and … when it has more, an abbreviation not taken for a sentence's end", () => {
    expect(
      shortDefinition("Body of the U.N. that maintains peace, e.g. by sanctions. It has fifteen members."),
    ).toBe("Body of the U.N. that maintains peace, e.g. by sanctions…");
    expect(shortDefinition("هيئة تابعة للأمم المتحدة. تضم خمسة عشر عضواً.")).toBe("هيئة تابعة للأمم المتحدة…");
  });

  it("is cut at a word within the limit when its first sentence is longer", () => {
    const long = `${"word ".repeat(40)}end.`;
    const shown = shortDefinition(long);
    expect(shown.endsWith("word…")).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(DEFINITION_MAX + 1);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    // No blank to cut at: at the limit.
    expect(shortDefinition("x".repeat(200))).toBe(`${"x".repeat(DEFINITION_MAX)}…`);
  });
});
