import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError } from "../../errors";
import { exportTmx } from "../../usecases/tmx";
import { exportXliff } from "../../usecases/xliff-export";
import { importXliff, uploadOfText, xliffFileText } from "../../usecases/xliff-import";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import type { WebEnv } from "../session";
import { pathId, useCaseContext } from "./context";
import { ImportReportPage, type UploadError, UploadPage } from "./exchange";
import { exchangeText } from "./messages";
import { loadDocument } from "./routes";

/**
 * A document's exchange with CAT tools (mounted at /documents): XLIFF (version and empty-target preset)
 * and TMX downloads; a translated XLIFF uploaded, checked (dry run: what would change, what would not and
 * why) and only then applied.
 */
export const exchangeRoutes = new Hono<WebEnv>();

/** The report page carries the file back in the form to apply it: keep it modest (the API takes 40 MB). */
const WEB_XLIFF_BYTES = 4 * 1024 * 1024;

const text = (c: WebContext) => c.var.i18n.t(exchangeText);

const VERSIONS = ["1.2", "2.0", "2.1"] as const;
const EMPTY_TARGETS = ["omit", "empty", "source"] as const;

exchangeRoutes.get("/:id{[0-9]+}/xliff", async (c) => {
  const id = pathId(c, "id");
  await loadDocument(c, id);
  const version = VERSIONS.find((v) => v === c.req.query("version")) ?? "1.2";
  const emptyTargets = EMPTY_TARGETS.find((v) => v === c.req.query("emptyTargets")) ?? "omit";
  const file = await exportXliff(c.var.db, id, {
    version,
    emptyTargets,
    matches: true,
    glossary: true,
    qa: true,
  });
  return c.body(file.body, 200, {
    "content-type": "application/xliff+xml; charset=utf-8",
    "content-disposition": `attachment; filename="diwan-document-${id}.${version}.xlf"`,
    "cache-control": "no-store",
  });
});

exchangeRoutes.get("/:id{[0-9]+}/tmx", async (c) => {
  const id = pathId(c, "id");
  await loadDocument(c, id);
  const file = await exportTmx(c.var.db, id);
  return c.body(file.body, 200, {
    "content-type": "application/x-tmx+xml; charset=utf-8",
    "content-disposition": `attachment; filename="${file.fileName}"`,
    "cache-control": "no-store",
  });
});

async function uploadPage(
  c: WebContext,
  id: number,
  error?: UploadError,
  status: ContentfulStatusCode = 200,
) {
  const doc = await loadDocument(c, id);
  return page(c, text(c).title, <UploadPage doc={doc} csrfToken={c.var.csrfToken} error={error} />, status);
}

exchangeRoutes.get("/:id{[0-9]+}/import", needWrite, (c) => uploadPage(c, pathId(c, "id")));

/** Runs the import (dry or not) and shows its report; a refused file comes back to the upload page. */
async function runImport(c: WebContext, id: number, content: string, dryRun: boolean) {
  const doc = await loadDocument(c, id);
  let result: Awaited<ReturnType<typeof importXliff>>["result"];
  try {
    ({ result } = await importXliff(useCaseContext(c), id, uploadOfText(content), dryRun));
  } catch (err) {
    const e = err as {
      status?: number;
      detail?: string;
      title?: string;
      errors?: { field: string; message: string }[];
    };
    if (typeof e.status !== "number" || e.status >= 500) throw err;
    const lines = (e.errors ?? []).slice(0, 5).map((x) => `${x.field}: ${x.message}`);
    const detail = `${e.detail ?? e.title ?? ""}${lines.length ? ` — ${lines.join("; ")}` : ""}`;
    return uploadPage(c, id, { message: text(c).refused, detail }, 400);
  }
  return page(
    c,
    text(c).reportTitle,
    <ImportReportPage
      doc={doc}
      result={result}
      content={content}
      csrfToken={c.var.csrfToken}
      applied={!dryRun}
    />,
  );
}

exchangeRoutes.post("/:id{[0-9]+}/import", needWrite, async (c) => {
  const id = pathId(c, "id");
  const body = await formBody(c);
  const file = body.file;
  if (!(file instanceof File) || file.size === 0)
    return uploadPage(c, id, { message: text(c).chooseFile }, 400);
  if (file.size > WEB_XLIFF_BYTES)
    return uploadPage(c, id, { message: text(c).tooBig(WEB_XLIFF_BYTES / 1024 / 1024) }, 413);
  let content: string;
  try {
    // As the API reads it: UTF-8, UTF-16 (BOM or declaration), or the single-byte encoding declared.
    content = xliffFileText(new Uint8Array(await file.arrayBuffer()));
  } catch (err) {
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
    return uploadPage(c, id, { message: text(c).unreadable, detail: err.detail }, 400);
  }
  return runImport(c, id, content, true);
});

exchangeRoutes.post("/:id{[0-9]+}/import/apply", needWrite, async (c) => {
  const id = pathId(c, "id");
  const content = str((await formBody(c)).content);
  if (content === "") return uploadPage(c, id, { message: text(c).chooseFile }, 400);
  return runImport(c, id, content, false);
});
