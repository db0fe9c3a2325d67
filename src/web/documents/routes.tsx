import { Hono } from "hono";
import { documentStats } from "../../db/document-stats";
import { type DocumentInfo, listDocuments, requireDocument } from "../../db/documents";
import { createDocumentFromTexts, deleteDocument } from "../../usecases/documents";
import { WebError } from "../errors";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { isNotFound, pathId, useCaseContext } from "./context";
import { documentsText } from "./messages";
import {
  DeleteDocumentPage,
  DocumentListPage,
  type NewDocumentErrors,
  type NewDocumentForm,
  NewDocumentPage,
} from "./pages";

/**
 * Documents (mounted at /documents): the list, a new document from two texts or two text files (segmented
 * and aligned), deletion with confirmation. The review page and its operations are in review-routes.tsx.
 */
export const documentRoutes = new Hono<WebEnv>();

const DOCS_PER_PAGE = 50;
/** As POST /api/documents: at most a million characters a text. */
const MAX_TEXT_CHARS = 1_000_000;
/** Control characters a text may not hold (line breaks and tabs are fine), as the API's multiline(). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const text = (c: WebContext) => c.var.i18n.t(documentsText);

/** The document, or a page saying it does not exist. */
export async function loadDocument(c: WebContext, id: number): Promise<DocumentInfo> {
  try {
    return await requireDocument(c.var.db, id);
  } catch (err) {
    if (isNotFound(err))
      throw new WebError(404, { title: text(c).notFoundTitle, message: text(c).notFound(id) });
    throw err;
  }
}

documentRoutes.get("/", async (c) => {
  const rawAfter = c.req.query("after") ?? "";
  const after = /^[1-9][0-9]{0,14}$/.test(rawAfter) ? Number(rawAfter) : null;
  const rows = await listDocuments(c.var.db, after, DOCS_PER_PAGE);
  const docs = rows.slice(0, DOCS_PER_PAGE);
  const stats = await documentStats(
    c.var.db,
    docs.map((d) => d.id),
  );
  const flash = c.req.query("deleted") ? text(c).deleted : undefined;
  return page(
    c,
    text(c).title,
    <DocumentListPage
      documents={docs.map((d) => ({ ...d, stats: stats.get(d.id)! }))}
      hasMore={rows.length > DOCS_PER_PAGE}
      after={after}
      writable={canWrite(c.var.session)}
    />,
    200,
    flash,
  );
});

const newPage = (
  c: WebContext,
  form: NewDocumentForm,
  errors: NewDocumentErrors = {},
  status: 200 | 400 = 200,
) =>
  page(
    c,
    text(c).newTitle,
    <NewDocumentPage form={form} errors={errors} csrfToken={c.var.csrfToken} />,
    status,
  );

documentRoutes.get("/new", needWrite, (c) => newPage(c, { title: "", ar: "", en: "" }));

/** A pasted text or an uploaded .txt file (UTF-8, never repaired), not both; an error message otherwise. */
async function oneText(
  c: WebContext,
  pasted: string,
  file: unknown,
  both: string,
): Promise<{ text: string } | { error: string }> {
  const t = text(c);
  let fromFile = "";
  if (file instanceof File && file.size > 0) {
    if (!/\.txt$/i.test(file.name) && !file.type.startsWith("text/plain"))
      return { error: t.notText(file.name) };
    try {
      fromFile = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await file.arrayBuffer());
    } catch {
      return { error: t.notUtf8(file.name) };
    }
  }
  if (pasted.trim() !== "" && fromFile.trim() !== "") return { error: both };
  const value = pasted.trim() !== "" ? pasted : fromFile;
  if (value.length > MAX_TEXT_CHARS) return { error: t.tooLong(MAX_TEXT_CHARS) };
  if (CONTROL.test(value)) return { error: t.notText(file instanceof File ? file.name : "—") };
  return { text: value };
}

documentRoutes.post("/new", needWrite, async (c) => {
  const t = text(c);
  const body = await formBody(c);
  const form: NewDocumentForm = { title: str(body.title), ar: str(body.ar), en: str(body.en) };
  const errors: NewDocumentErrors = {};
  const title = form.title.trim();
  if (title === "" || title.length > 300 || CONTROL.test(title)) errors.title = t.needTitle;
  const ar = await oneText(c, form.ar, body.ar_file, t.bothArabic);
  const en = await oneText(c, form.en, body.en_file, t.bothEnglish);
  if ("error" in ar) errors.ar = ar.error;
  else if (ar.text.trim() === "") errors.ar = t.needArabic;
  if ("error" in en) errors.en = en.error;
  if (Object.keys(errors).length || "error" in ar || "error" in en) return newPage(c, form, errors, 400);
  const { doc } = await createDocumentFromTexts(
    useCaseContext(c),
    title,
    ar.text,
    en.text.trim() ? en.text : null,
  );
  return c.redirect(`/documents/${doc.id}?created=${doc.segmentCount}`, 303);
});

documentRoutes.get("/:id{[0-9]+}/delete", needWrite, async (c) => {
  const doc = await loadDocument(c, pathId(c, "id"));
  return page(c, text(c).deleteTitle, <DeleteDocumentPage doc={doc} csrfToken={c.var.csrfToken} />);
});

documentRoutes.post("/:id{[0-9]+}/delete", needWrite, async (c) => {
  const id = pathId(c, "id");
  await loadDocument(c, id);
  try {
    await deleteDocument(useCaseContext(c), id);
  } catch (err) {
    // Deleted meanwhile by someone else: what was asked for is done.
    if (!isNotFound(err)) throw err;
  }
  return c.redirect("/documents?deleted=1", 303);
});
