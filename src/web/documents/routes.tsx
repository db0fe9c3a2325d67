import { Hono } from "hono";
import { documentStats } from "../../db/document-stats";
import { type DocumentInfo, listDocuments, requireDocument } from "../../db/documents";
import type { DomainError } from "../../errors";
import { createDocumentFromFiles, type FilesResult } from "../../usecases/document-files";
import { createDocumentFromTexts, deleteDocument } from "../../usecases/documents";
import { WebError } from "../errors";
import { needWrite } from "../guards";
import { formBody, page, str, WEB_BODY_MAX_BYTES, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { isNotFound, pathId, useCaseContext } from "./context";
import { chosenFile, pastedAsFile, reportQuery, sideRefusals, uploaded } from "./files";
import { documentsText } from "./messages";
import {
  DeleteDocumentPage,
  DocumentListPage,
  type NewDocumentErrors,
  type NewDocumentForm,
  NewDocumentPage,
} from "./pages";

/**
 * Documents (mounted at /documents): the list, a new document from two texts or two files (.txt, .html,
 * .docx, .xliff: the API's use case, createDocumentFromFiles), segmented and aligned; deletion with
 * confirmation. The review page and its operations are in review-routes.tsx.
 */
export const documentRoutes = new Hono<WebEnv>();

const DOCS_PER_PAGE = 50;
/** As POST /api/documents: at most a million characters a text. */
const MAX_TEXT_CHARS = 1_000_000;
/** Control characters a text may not hold (line breaks and tabs are fine), as the API's multiline(). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const text = (c: WebContext) => c.var.i18n.t(documentsText);

/** The document, or a page saying it does not exist. */
export async function loadDocument(c: WebContext, id: number, db = c.var.db): Promise<DocumentInfo> {
  try {
    return await requireDocument(db, id);
  } catch (err) {
    if (isNotFound(err))
      throw new WebError(404, { title: text(c).notFoundTitle, message: text(c).notFound(id) });
    throw err;
  }
}

documentRoutes.get("/", async (c) => {
  const rawAfter = c.req.query("after") ?? "";
  const after = /^[1-9][0-9]{0,14}$/.test(rawAfter) ? Number(rawAfter) : null;
  // As the API's `q` (at most 300 characters): a longer search is cut, not refused.
  const q = (c.req.query("q") ?? "").trim().slice(0, 300);
  const rows = await listDocuments(c.var.db, after, DOCS_PER_PAGE, q);
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
      q={q}
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
  status: 200 | 400 | 413 | 415 = 200,
  filesChosen = false,
) =>
  page(
    c,
    text(c).newTitle,
    <NewDocumentPage
      form={form}
      errors={errors}
      csrfToken={c.var.csrfToken}
      filesChosen={filesChosen}
      maxMegabytes={WEB_BODY_MAX_BYTES / 1024 / 1024}
    />,
    status,
  );

documentRoutes.get("/new", needWrite, (c) => newPage(c, { title: "", ar: "", en: "" }));

documentRoutes.post("/new", needWrite, async (c) => {
  const t = text(c);
  const body = await formBody(c);
  const form: NewDocumentForm = { title: str(body.title), ar: str(body.ar), en: str(body.en) };
  const files = { ar: chosenFile(body.ar_file), en: chosenFile(body.en_file) };
  const errors: NewDocumentErrors = {};
  const title = form.title.trim();
  // With an Arabic file the title may be left empty: the file's name is the title.
  if ((title === "" && !files.ar) || title.length > 300 || CONTROL.test(title)) errors.title = t.needTitle;
  if (files.ar && form.ar.trim() !== "") errors.ar = t.bothArabic;
  else if (!files.ar && form.ar.trim() === "") errors.ar = t.needArabic;
  if (files.en && form.en.trim() !== "") errors.en = t.bothEnglish;
  // Pasted text (a file's is checked by the use case): as POST /api/documents' multiline().
  for (const side of ["ar", "en"] as const) {
    if (errors[side] || files[side]) continue;
    if (form[side].length > MAX_TEXT_CHARS) errors[side] = t.tooLong(MAX_TEXT_CHARS);
    else if (CONTROL.test(form[side])) errors[side] = t.notPlainText;
  }
  if (Object.keys(errors).length)
    return newPage(c, form, errors, 400, files.ar !== null || files.en !== null);
  if (!files.ar && !files.en) {
    const { doc } = await createDocumentFromTexts(
      useCaseContext(c),
      title,
      form.ar,
      form.en.trim() ? form.en : null,
    );
    return c.redirect(`/documents/${doc.id}?created=${doc.segmentCount}`, 303);
  }
  // Files: the API's use case, with a pasted text on the other side given as the .txt file it would be.
  let result: FilesResult;
  try {
    result = await createDocumentFromFiles(useCaseContext(c), {
      title: title || undefined,
      ar: files.ar ? await uploaded(files.ar) : pastedAsFile("ar", form.ar),
      en: files.en ? await uploaded(files.en) : form.en.trim() ? pastedAsFile("en", form.en) : null,
    });
  } catch (err) {
    const refused = sideRefusals(c, err, { ar: files.ar?.name, en: files.en?.name });
    if (!refused) throw err;
    const status =
      (err as DomainError).status === 413 ? 413 : (err as DomainError).status === 415 ? 415 : 400;
    return newPage(c, form, refused, status, true);
  }
  const { doc } = result;
  const report = reportQuery(result.files, { ar: files.ar !== null, en: files.en !== null });
  return c.redirect(`/documents/${doc.id}?created=${doc.segmentCount}${report}`, 303);
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
