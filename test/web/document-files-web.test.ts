// The new-document form with files (issue 15): the same use case as POST /api/documents with files, its
// refusals as field errors naming the side and the reason (in both interface languages), what was typed
// kept, and what extraction left out shown with the "created" notice. The browser walk is in
// test/e2e/document-files.test.ts.
import { describe, expect, it } from "vitest";
import type { Segment } from "../../src/types";
import oldDoc from "../fixtures/documents/poi-52117.doc?bytes";
import { ADMIN, api, jsonOf, unique } from "../support/api";
import { arabicStatementDocx as arabicDocx, STATEMENT_EN_HTML as EN_HTML } from "../support/docx";
import { Browser } from "./web-helpers";

async function signedIn() {
  const b = new Browser();
  await b.signIn(ADMIN);
  return b;
}

async function segmentsOf(id: number): Promise<Segment[]> {
  const res = await api(`/api/documents/${id}/segments?limit=500`);
  expect(res.status).toBe(200);
  return (await jsonOf<{ items: Segment[] }>(res)).items;
}

function formWith(csrf: string, fields: Record<string, string | File>): FormData {
  const fd = new FormData();
  fd.set("_csrf", csrf);
  for (const key of ["title", "ar", "en"]) fd.set(key, "");
  // An input left empty sends an empty, nameless file part, as a browser does.
  for (const key of ["ar_file", "en_file"]) fd.set(key, new File([], ""));
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe("new document from files (web)", () => {
  it("an Arabic .docx and an English .html: aligned, the title from the form, left-out parts counted", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    expect(form).toContain('<input id="ar_file" name="ar_file" type="file" accept=".txt,.html');
    const title = unique("From files ");
    const res = await b.fetch("/documents/new", {
      form: formWith(Browser.csrf(form), {
        title,
        ar_file: new File([arabicDocx()], "بيان.docx"),
        en_file: new File([EN_HTML], "statement.html", { type: "text/html" }),
      }),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/documents\/\d+\?created=\d+&left=/);
    const query = new URLSearchParams(location.slice(location.indexOf("?")));
    expect(query.get("left")?.split(",").sort()).toEqual(["ar.comments.1", "ar.headers.1", "en.images.1"]);
    const id = Number(/\/documents\/(\d+)/.exec(location)?.[1]);
    const segs = await segmentsOf(id);
    expect(segs.map((s) => s.ar)).toEqual([
      "اجتماع المجلس",
      "عقد المجلس اجتماعه في 11 سبتمبر.",
      "وناقش الأعضاء التهديدات الأمنية ومكافحة الإرهاب.",
      "وأكد الأمين العام دعمه للحوار.",
    ]);
    expect(segs.map((s) => s.en)).toEqual([
      "Council meeting",
      "The council met on 11 September.",
      "Members discussed security threats and counter-terrorism.",
      "The Secretary-General affirmed his support for dialogue.",
    ]);
    const doc = await jsonOf<{ title: string }>(await api(`/api/documents/${id}`));
    expect(doc.title).toBe(title);

    const review = await b.page(location);
    expect(review).toContain(`Document created with ${segs.length} segments.`);
    expect(review).toContain("Left out of the Arabic file: comments 1, headers 1.");
    expect(review).toContain("Left out of the English file: images 1.");
    const ar = await (await b.fetch(location, { headers: { "accept-language": "ar" } })).text();
    expect(ar).toContain("تُرك من الملف العربي: التعليقات (1)، الترويسات (1).");
  });

  it("without a title, the Arabic file's name; a pasted English text beside an Arabic file", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const name = unique("بيان-");
    const res = await b.fetch("/documents/new", {
      form: formWith(Browser.csrf(form), {
        en: "Council meeting\n\nThe council met on 11 September. Members discussed security threats and counter-terrorism.\n\nThe Secretary-General affirmed his support for dialogue.",
        ar_file: new File([arabicDocx()], `${name}.docx`),
      }),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    // Only the file's side reports what was left out: the pasted side has nothing to report.
    expect(new URLSearchParams(location.slice(location.indexOf("?"))).get("left")).toBe(
      "ar.comments.1,ar.headers.1",
    );
    const id = Number(/\/documents\/(\d+)/.exec(location)?.[1]);
    expect((await jsonOf<{ title: string }>(await api(`/api/documents/${id}`))).title).toBe(name);
    expect((await segmentsOf(id)).map((s) => s.en)[1]).toBe("The council met on 11 September.");
  });

  it("refuses an old .doc naming the side and the reason, keeps what was typed, in English and Arabic", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const before = (await jsonOf<{ items: unknown[] }>(await api("/api/documents?limit=200"))).items.length;
    for (const [lang, reason] of [
      ["en", "an old binary Word document (.doc) is not read: save it as .docx"],
      ["ar", "مستند وورد القديم (ذو الصيغة الثنائية) لا يُقرأ"],
    ] as const) {
      const res = await b.fetch("/documents/new", {
        headers: { "accept-language": lang },
        form: formWith(Browser.csrf(form), {
          title: "Kept title",
          en: "Kept English text.",
          ar_file: new File([oldDoc], "minutes.doc"),
        }),
      });
      expect(res.status).toBe(415);
      const html = await res.text();
      const named =
        lang === "en"
          ? "Arabic file \u2068minutes\\.doc\u2069: "
          : "الملف العربي «\u2068minutes\\.doc\u2069»: ";
      expect(html).toMatch(new RegExp(`<div class="error-summary" role="alert"[^>]*>[\\s\\S]*${named}`));
      expect(html).toContain(reason);
      expect(html).toContain('<a href="#ar">');
      expect(html).toContain('aria-describedby="ar-error files-hint" aria-invalid="true"');
      expect(html).toContain('value="Kept title"');
      expect(html).toContain("Kept English text.</textarea>");
      expect(html).toContain(lang === "en" ? "choose them again" : "اخترها مرة أخرى");
    }
    // Nothing was written.
    expect((await jsonOf<{ items: unknown[] }>(await api("/api/documents?limit=200"))).items.length).toBe(
      before,
    );
  });

  it("refuses a pasted text beside a file for the same side, and a file whose content is not its name", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const both = await b.fetch("/documents/new", {
      form: formWith(Browser.csrf(form), {
        title: "Both",
        ar: "نص ملصوق.",
        ar_file: new File([arabicDocx()], "a.docx"),
      }),
    });
    expect(both.status).toBe(400);
    expect(await both.text()).toContain("Give the Arabic text once: pasted or as a file, not both.");

    const mismatch = await b.fetch("/documents/new", {
      form: formWith(Browser.csrf(form), {
        title: "Mismatch",
        ar: "نص عربي قصير.",
        en_file: new File(["%PDF-1.4 not a page"], "translation.html"),
      }),
    });
    expect(mismatch.status).toBe(415);
    const html = await mismatch.text();
    expect(html).toContain("English file \u2068translation.html\u2069: the file is named .html but is");
    expect(html).toContain("نص عربي قصير.</textarea>");
  });

  it("shows only known kinds and counts from the created notice's query", async () => {
    const b = await signedIn();
    const form = await b.page("/documents/new");
    const res = await b.fetch("/documents/new", {
      form: formWith(Browser.csrf(form), { title: unique("Query "), ar: "نص.", en: "Text." }),
    });
    const id = Number(/\/documents\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
    const crafted = `/documents/${id}?created=1&left=${encodeURIComponent("ar.comments.2,en.<b>hi</b>.1,xx.images.3,ar.toString.1,en.images.x")}&kept=en.footnotes.4`;
    const html = await b.page(crafted);
    expect(html).toContain("Left out of the Arabic file: comments 2.");
    expect(html).toContain("Kept from the English file, after the text: footnotes 4.");
    expect(html).not.toContain("hi</b>");
    expect(html).not.toContain("Left out of the English file");
  });
});
