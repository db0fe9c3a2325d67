// POST /api/documents with files (multipart/form-data, fields ar and en): .docx, .html, .txt and .xliff
// sides extracted, segmented and aligned; every refusal names its side and reason, and writes nothing.
import { describe, expect, it } from "vitest";
import omegat from "../fixtures/cat/omegat-1.2.xlf?raw";
import bidi from "../fixtures/documents/docxjs-bidi.docx?bytes";
import empty from "../fixtures/documents/mammoth-empty.docx?bytes";
import footnotes from "../fixtures/documents/mammoth-footnotes.docx?bytes";
import oldDoc from "../fixtures/documents/poi-52117.doc?bytes";
import encrypted from "../fixtures/documents/poi-bug53475-password-is-pass.docx?bytes";
import scriptTags from "../fixtures/documents/readability-remove-script-tags.html?bytes";
import { api, jsonOf, segmentsOf, unique } from "../support/api";
import { docxOfParagraphs } from "../support/docx";

const AR = [
  "بيان مشترك",
  "عقد الوزيران جولة من المشاورات السياسية في الرياض. وبحثا سبل تعزيز التعاون الثنائي.",
  "واتفق الجانبان على عقد الجولة المقبلة في نيودلهي.",
];
const EN = [
  "Joint Statement",
  "The two ministers held a round of political consultations in Riyadh. They discussed ways to strengthen bilateral cooperation.",
  "The two sides agreed to hold the next round in New Delhi.",
];

function form(files: Record<string, [Uint8Array | string, string]>, title?: string): FormData {
  const fd = new FormData();
  if (title !== undefined) fd.set("title", title);
  for (const [field, [bytes, name]] of Object.entries(files)) fd.set(field, new File([bytes], name));
  return fd;
}

const post = (fd: FormData) => api("/api/documents", { method: "POST", body: fd });

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

/** A refusal: status, code and the side named as the field; and no document with the title was made. */
async function refused(fd: FormData, title: string, status: number, code: string, field: string) {
  const res = await post(fd);
  const body = await jsonOf<Problem>(res);
  expect([res.status, body.code], JSON.stringify(body)).toEqual([status, code]);
  expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  expect(body.errors?.[0]?.field).toBe(field);
  const list = await jsonOf<{ items: unknown[] }>(await api(`/api/documents?q=${encodeURIComponent(title)}`));
  expect(list.items).toEqual([]);
  return body;
}

describe("POST /api/documents with files", () => {
  it("creates a document from two .docx files: paragraphs as segment boundaries, aligned", async () => {
    const title = unique("docx pair ");
    const res = await post(
      form(
        { ar: [docxOfParagraphs(AR, true), "بيان.docx"], en: [docxOfParagraphs(EN), "statement.docx"] },
        title,
      ),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await jsonOf<{
      id: number;
      title: string;
      segmentCount: number;
      beads: Record<string, number>;
      files: { ar: { format: string; paragraphs: number }; en: { format: string; paragraphs: number } };
    }>(res);
    expect(body.title).toBe(title);
    expect(body.files.ar).toMatchObject({ file: "بيان.docx", format: "docx", paragraphs: 3 });
    expect(body.files.en).toMatchObject({ file: "statement.docx", format: "docx", paragraphs: 3 });
    const segs = await segmentsOf(body.id);
    expect(segs.map((s) => [s.ar, s.en])).toEqual([
      [AR[0], EN[0]],
      [
        "عقد الوزيران جولة من المشاورات السياسية في الرياض.",
        "The two ministers held a round of political consultations in Riyadh.",
      ],
      ["وبحثا سبل تعزيز التعاون الثنائي.", "They discussed ways to strengthen bilateral cooperation."],
      [AR[2], EN[2]],
    ]);
    // Paragraph boundaries survive in the gaps: the running text is the extracted one.
    expect(segs.map((s) => s.ar + (s.arGap ?? "")).join("")).toBe(
      `${AR.join("\n\n")}`.trimEnd() + segs.at(-1)!.arGap,
    );
  });

  it("reads other people's files: an Arabic right-to-left .docx, an .html page, footnotes reported as kept", async () => {
    const res = await post(form({ ar: [bidi, "bidi.docx"], en: [footnotes, "footnotes.docx"] }));
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await jsonOf<{
      id: number;
      title: string;
      files: { en: { kept: { what: string; count: number }[] } };
    }>(res);
    expect(body.title).toBe("bidi");
    expect(body.files.en.kept).toEqual([expect.objectContaining({ what: "footnotes", count: 2 })]);
    const segs = await segmentsOf(body.id);
    expect(segs[0]?.ar).toBe("مرحبا bidi");
    const html = await post(form({ ar: [docxOfParagraphs(AR), "a.docx"], en: [scriptTags, "page.html"] }));
    expect(html.status).toBe(201);
    const htmlSegs = await segmentsOf((await jsonOf<{ id: number }>(html)).id);
    expect(htmlSegs.map((s) => s.en ?? "").join(" ")).not.toContain("alert");
  });

  it("an .xliff alone becomes the document as the XLIFF import makes it; beside an English file, its sources", async () => {
    const alone = await post(form({ ar: [omegat, "omegat.xlf"] }, unique("xliff ")));
    expect(alone.status, await alone.clone().text()).toBe(201);
    const segs = await segmentsOf((await jsonOf<{ id: number }>(alone)).id);
    expect(segs[0]).toMatchObject({ origin: "xliff", status: "translated" });
    expect(segs[0]?.en).toMatch(/^The Foreign Minister stressed/);

    const withEn = await post(form({ ar: [omegat, "omegat.xlf"], en: [docxOfParagraphs(EN), "en.docx"] }));
    expect(withEn.status, await withEn.clone().text()).toBe(201);
    const body = await jsonOf<{ id: number; files: { ar: { format: string; leftOut: { what: string }[] } } }>(
      withEn,
    );
    expect(body.files.ar.format).toBe("xliff");
    expect(body.files.ar.leftOut.map((n) => n.what)).toEqual(["targets"]);
    const aligned = await segmentsOf(body.id);
    expect(aligned.every((s) => s.origin === "aligned")).toBe(true);
    expect(aligned.map((s) => s.ar).join(" ")).toContain("ترجمة قديمة");

    // As the English side, an XLIFF gives its translated targets, never a source copied into a target.
    const asEnglish = await post(form({ ar: [docxOfParagraphs(AR), "ar.docx"], en: [omegat, "omegat.xlf"] }));
    expect(asEnglish.status).toBe(201);
    const asEnglishBody = await jsonOf<{ id: number }>(asEnglish);
    const enSegs = await segmentsOf(asEnglishBody.id);
    expect(enSegs.map((s) => s.en ?? "").join(" ")).not.toContain("لم يترجم بعد");
  });

  it("refuses an encrypted .docx, an old .doc, a mismatch and an empty document, naming the side", async () => {
    const t = unique("refused ");
    const arDoc = docxOfParagraphs(AR);
    const locked = await refused(form({ ar: [encrypted, "x.docx"] }, t), t, 415, "docx-encrypted", "ar");
    expect(locked.errors?.[0]?.message).toMatch(/password-protected/);
    await refused(form({ ar: [arDoc, "a.docx"], en: [oldDoc, "old.doc"] }, t), t, 415, "doc-binary", "en");
    await refused(
      form({ ar: [arDoc, "a.docx"], en: [scriptTags, "page.docx"] }, t),
      t,
      415,
      "wrong-format",
      "en",
    );
    await refused(form({ ar: [arDoc, "a.html"] }, t), t, 415, "wrong-format", "ar");
    await refused(form({ ar: [empty, "empty.docx"] }, t), t, 400, "no-text", "ar");
    await refused(form({ ar: [arDoc.subarray(0, 200), "cut.docx"] }, t), t, 400, "zip-malformed", "ar");
    const xliffNoTargets = omegat.replace(/<target[\s\S]*?<\/target>/g, "");
    await refused(
      form({ ar: [arDoc, "a.docx"], en: [xliffNoTargets, "en.xlf"] }, t),
      t,
      400,
      "no-text",
      "en",
    );
  });

  it("refuses a file over the size limit (413) and a request without the Arabic file (400 on field ar)", async () => {
    const t = unique("big ");
    await refused(
      form({ ar: [new Uint8Array(8 * 1024 * 1024 + 1).fill(0x61), "big.txt"] }, t),
      t,
      413,
      "payload-too-large",
      "ar",
    );
    const res = await post(form({ en: [docxOfParagraphs(EN), "en.docx"] }));
    const body = await jsonOf<Problem>(res);
    expect(res.status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toContain("ar");
    // JSON bodies are as before.
    const json = await api("/api/documents", {
      method: "POST",
      body: { title: unique("json "), ar: "نص.", en: "Text." },
    });
    expect(json.status).toBe(201);
  });

  it("is documented in the OpenAPI document with one schema for the files", async () => {
    const spec = await jsonOf<{
      paths: Record<
        string,
        { post?: { requestBody: { content: Record<string, { schema: { $ref?: string } }> } } }
      >;
      components: { schemas: Record<string, { properties: Record<string, { format?: string }> }> };
    }>(await api("/openapi.json"));
    const content = spec.paths["/api/documents"]?.post?.requestBody.content ?? {};
    expect(Object.keys(content).sort()).toEqual(["application/json", "multipart/form-data"]);
    expect(content["multipart/form-data"]?.schema.$ref).toBe("#/components/schemas/CreateDocumentFromFiles");
    const props = spec.components.schemas.CreateDocumentFromFiles?.properties ?? {};
    expect([props.ar?.format, props.en?.format]).toEqual(["binary", "binary"]);
  });
});
