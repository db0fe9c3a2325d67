import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { glossaryVersion } from "../../db/glossary";
import { DomainError, ErrorCode } from "../../errors";
import { importFormats, importGlossary, previewGlossaryImport } from "../../usecases/glossary-exchange";
import { MessagePage } from "../components";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import type { WebEnv } from "../session";
import { ImportPage, ImportPreviewPage } from "./pages";

/**
 * Bulk import of glossary files (mounted at /glossary/import): upload → preview of every addition, change and
 * deletion → apply, only if the glossary has not moved on since the preview.
 */
export const importRoutes = new Hono<WebEnv>();

importRoutes.use("*", needWrite);

/** Web import files (the preview carries the file back in the form, so keep it modest; the API takes 10 MB). */
const WEB_IMPORT_BYTES = 2 * 1024 * 1024;

const importPage = (c: WebContext, error?: string, status: ContentfulStatusCode = 200) =>
  page(
    c,
    "Import",
    <ImportPage csrfToken={c.var.csrfToken} error={error} formats={importFormats()} />,
    status,
  );

function formatFromName(name: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xml") return "tbx";
  return ext && importFormats().includes(ext) ? ext : null;
}

const importMode = (v: string) => (v === "replace" ? "replace" : "merge");

/** Turns the import's problem details into one readable message for the upload page. */
function importErrorText(err: DomainError): string {
  const lines = (err.errors ?? []).slice(0, 8).map((e) => `${e.field}: ${e.message}`);
  const more = (err.errors?.length ?? 0) > 8 ? ` (and ${(err.errors?.length ?? 0) - 8} more)` : "";
  return `${err.detail ?? err.title}${lines.length ? ` — ${lines.join("; ")}` : ""}${more}`;
}

importRoutes.get("/", (c) => importPage(c));

importRoutes.post("/", async (c) => {
  const body = await formBody(c);
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return importPage(c, "Choose a file to import.", 400);
  if (file.size > WEB_IMPORT_BYTES)
    return importPage(
      c,
      `The file is larger than ${WEB_IMPORT_BYTES / 1024 / 1024} MB; use the API for big imports.`,
      413,
    );
  const chosen = str(body.format);
  const format = chosen && chosen !== "auto" ? chosen : formatFromName(file.name);
  if (!format || !importFormats().includes(format)) {
    return importPage(
      c,
      `Cannot tell the format of "${file.name}": choose one of ${importFormats().join(", ")}.`,
      400,
    );
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await file.arrayBuffer());
  } catch {
    return importPage(c, "The file is not UTF-8 text.", 400);
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
      "Import preview",
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
      return importPage(c, importErrorText(err), err.status as ContentfulStatusCode);
    throw err;
  }
}

importRoutes.post("/apply", async (c) => {
  const body = await formBody(c);
  const format = str(body.format);
  const content = str(body.content);
  const mode = importMode(str(body.mode));
  if (!importFormats().includes(format)) return importPage(c, "Unknown format.", 400);
  if (new TextEncoder().encode(content).byteLength > WEB_IMPORT_BYTES + 64 * 1024)
    return importPage(c, "The file is too large.", 413);
  // The preview the user approved must still be what happens: if the glossary moved on, preview again.
  if (Number(str(body.glossaryVersion)) !== (await glossaryVersion(c.var.db))) {
    return previewImport(
      c,
      format,
      content,
      mode,
      "The glossary changed since your preview. Review the changes again.",
    );
  }
  let plan: Awaited<ReturnType<typeof importGlossary>>;
  try {
    const ctx = {
      db: c.var.db,
      actor: c.var.session!.name,
      waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    };
    plan = await importGlossary(ctx, { format, text: content, mode, dryRun: false });
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.ConcurrentImport) {
      return previewImport(
        c,
        format,
        content,
        mode,
        "The glossary changed while importing; nothing was saved. Review again.",
      );
    }
    if (err instanceof DomainError && err.status < 500)
      return importPage(c, importErrorText(err), err.status as ContentfulStatusCode);
    throw err;
  }
  return page(
    c,
    "Import done",
    <MessagePage
      title="Import done"
      message={`${plan.added.length} added, ${plan.changed.length} changed, ${plan.deleted.length} deleted, ${plan.unchanged} unchanged.`}
      link={["/glossary", "Back to the glossary"]}
    />,
  );
});
