// The review page writes its rows, term links, QA lists and list of terms as strings (src/web/html.ts,
// src/web/documents/review-rows.ts) rather than through hono/jsx: markup characters in a segment, a term, a
// definition or a title must reach the page as text, never as markup.
import { describe, expect, it } from "vitest";
import { ADMIN, createDoc, createEntry, uniqueLetters } from "../support/api";
import { Browser } from "./web-helpers";

const HOSTILE = `<script>alert("x")</script> <img src=x onerror='y'> & "q" 'a'`;
const ESCAPED =
  "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=&#39;y&#39;&gt; &amp; &quot;q&quot; &#39;a&#39;";

describe("review page: markup characters in stored text", () => {
  it("are escaped in segments, underlined terms, the list of terms and the title", async () => {
    const term = `${uniqueLetters(8)} & <b>fund</b>`;
    const entry = await createEntry(term, "صندوق البحث", { definition: `${HOSTILE} definition.` });
    const doc = await createDoc(
      [
        { ar: `أنشئ صندوق البحث ${HOSTILE}`, en: `The ${term} was set up. ${HOSTILE}` },
        { ar: `جملة ${HOSTILE}`, en: null },
      ],
      `title ${HOSTILE}`,
    );
    const b = new Browser();
    await b.signIn(ADMIN);
    const html = await b.page(`/documents/${doc.id}`);
    // Nothing of the hostile text arrives as markup anywhere on the page...
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>fund</b>");
    // ...and all of it arrives as text: in both cells of a row, in the definition, in the title.
    const row = html.slice(html.indexOf(`<tr id="s${doc.segments[0]?.id}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toContain(ESCAPED);
    // Two rows' cells, the definition, the title (in <title> and <h1>).
    expect(html.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(6);
    // The entry is underlined (its Arabic term) and listed with its English term's markup escaped.
    expect(html).toContain(`href="#g${entry.id}">صندوق البحث</a>`);
    const escapedTerm = term.replace("&", "&amp;").replace("<b>", "&lt;b&gt;").replace("</b>", "&lt;/b&gt;");
    expect(html).toContain(`<bdi lang="en" dir="ltr">${escapedTerm}</bdi>`);
  });
});
