import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { glossaryVersion } from "../../db/glossary";
import { DomainError, ErrorCode } from "../../errors";
import { importFormats, importGlossary, previewGlossaryImport } from "../../usecases/glossary-exchange";
import { MessagePage } from "../components";
import { glossaryText } from "../glossary/messages";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import type { WebEnv } from "../session";
import { importText } from "./messages";
import { type ImportError, ImportPage, ImportPreviewPage } from "./pages";

/**
 * Bulk import of glossary files (mounted at /glossary/import): upload → preview of every addition, change and
 * deletion → apply, only if the glossary has not moved on since the preview.
 */
export const importRoutes = new Hono<WebEnv>();

importRoutes.use("*", needWrite);

/** Web import files (the preview carries the file back in the form, so keep it modest; the API takes 10 MB). */
const WEB_IMPORT_BYTES = 2 * 1024 * 1024;

const text = (c: WebContext) => c.var.i18n.t(importText);

const importPage = (c: WebContext, error?: ImportError | string, status: ContentfulStatusCode = 200) =>
  page(
    c,
    text(c).pageTitle,
    <ImportPage
      csrfToken={c.var.csrfToken}
      error={typeof error === "string" ? { message: error } : error}
      formats={importFormats()}
    />,
    status,
  );

function formatFromName(name: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xml") return "tbx";
  return ext && importFormats().includes(ext) ? ext : null;
}

const importMode = (v: string) => (v === "replace" ? "replace" : "merge");

/**
 * Turns the import's problem details into a message for the upload page: the file's problems as the
 * readers report them (English), under a sentence in the page's language when that is not English.
 */
function importError(c: WebContext, err: DomainError): ImportError {
  const lines = (err.errors ?? []).slice(0, 8).map((e) => `${e.field}: ${e.message}`);
  const more = (err.errors?.length ?? 0) > 8 ? ` (and ${(err.errors?.length ?? 0) - 8} more)` : "";
  const detail = `${err.detail ?? err.title}${lines.length ? ` — ${lines.join("; ")}` : ""}${more}`;
  return c.var.i18n.locale === "en" ? { message: detail } : { message: text(c).refused, detail };
}

importRoutes.get("/", (c) => importPage(c));

importRoutes.post("/", async (c) => {
  const body = await formBody(c);
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return importPage(c, text(c).chooseFile, 400);
  if (file.size > WEB_IMPORT_BYTES) return importPage(c, text(c).tooBig(WEB_IMPORT_BYTES / 1024 / 1024), 413);
  const chosen = str(body.format);
  const format = chosen && chosen !== "auto" ? chosen : formatFromName(file.name);
  if (!format || !importFormats().includes(format)) {
    return importPage(c, text(c).unknownFormat(file.name, importFormats().join(", ")), 400);
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await file.arrayBuffer());
  } catch {
    return importPage(c, text(c).notUtf8, 400);
  }
  return previewImport(c, format, content, importMode(str(body.mode)));
});

async function previewImport(
  c: WebContext,
  format: string,
  content: string,
  mode: "merge" | "replace",
  notice?: string,
) {
  try {
    const plan = await previewGlossaryImport(c.var.db, format, content, mode);
    return page(
      c,
      text(c).previewTitle,
      <ImportPreviewPage
        plan={plan}
        content={content}
        format={format}
        csrfToken={c.var.csrfToken}
        notice={notice}
      />,
    );
  } catch (err) {
    if (err instanceof DomainError && err.status < 500)
      return importPage(c, importError(c, err), err.status as ContentfulStatusCode);
    throw err;
  }
}

importRoutes.post("/apply", async (c) => {
  const body = await formBody(c);
  const format = str(body.format);
  const content = str(body.content);
  const mode = importMode(str(body.mode));
  if (!importFormats().includes(format)) return importPage(c, text(c).badFormat, 400);
  if (new TextEncoder().encode(content).byteLength > WEB_IMPORT_BYTES + 64 * 1024)
    return importPage(c, text(c).tooLarge, 413);
  // The preview the user approved must still be what happens: if the glossary moved on, preview again.
  if (Number(str(body.glossaryVersion)) !== (await glossaryVersion(c.var.db))) {
    return previewImport(c, format, content, mode, text(c).movedSincePreview);
  }
  let plan: Awaited<ReturnType<typeof importGlossary>>;
  try {
    const ctx = {
      db: c.var.db,
      actor: c.var.session!.name,
      waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    };
    plan = await importGlossary(ctx, { format, file: content, mode, dryRun: false });
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.ConcurrentImport) {
      return previewImport(c, format, content, mode, text(c).movedWhileImporting);
    }
    if (err instanceof DomainError && err.status < 500)
      return importPage(c, importError(c, err), err.status as ContentfulStatusCode);
    throw err;
  }
  const t = text(c);
  return page(
    c,
    t.doneTitle,
    <MessagePage
      title={t.doneTitle}
      message={t.done(plan.added.length, plan.changed.length, plan.deleted.length, plan.unchanged)}
      link={["/glossary", c.var.i18n.t(glossaryText).back]}
    />,
  );
});
