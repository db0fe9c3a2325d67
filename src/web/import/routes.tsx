import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { glossaryVersion } from "../../db/glossary";
import { DomainError, ErrorCode } from "../../errors";
import {
  glossaryFileText,
  importFormats,
  importGlossary,
  previewGlossaryImport,
} from "../../usecases/glossary-exchange";
import { glossaryText } from "../glossary/messages";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import type { WebEnv } from "../session";
import { templateFile } from "./help";
import { importText } from "./messages";
import { ImportDonePage, type ImportError, ImportPage, ImportPreviewPage } from "./pages";

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

/** A workbook travels through the preview form as base64; the text formats as their text. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file the use case reads: the form's text, or the workbook's bytes (null when the base64 is broken). */
function fileOf(format: string, content: string): string | Uint8Array | null {
  if (format !== "xlsx") return content;
  try {
    return Uint8Array.from(atob(content), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
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

/** A template of each format: one example entry, written by the format's own writer (XLSX when unnamed). */
importRoutes.get("/template", async (c) => {
  const format = c.req.query("format") ?? "xlsx";
  const file = importFormats().includes(format) ? await templateFile(format) : null;
  if (!file) return importPage(c, text(c).badFormat, 404);
  return c.body(file.body as string | Uint8Array<ArrayBuffer>, 200, {
    "content-type": file.mediaType,
    "content-disposition": `attachment; filename="${file.fileName}"`,
    "cache-control": "no-store",
  });
});

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
  const bytes = new Uint8Array(await file.arrayBuffer());
  let content: string;
  if (format === "xlsx") content = bytesToBase64(bytes);
  else
    try {
      // The format's own decoding, as the API's: UTF-16 with a BOM, an XML declaration's encoding, or the
      // encoding chosen in the form for a table (windows-1256 from Excel); bytes that are not valid refused.
      const encoding = str(body.encoding);
      content = glossaryFileText(format, bytes, encoding && encoding !== "auto" ? encoding : undefined);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500)
        return importPage(c, importError(c, err), err.status as ContentfulStatusCode);
      throw err;
    }
  return previewImport(c, {
    format,
    content,
    mode: importMode(str(body.mode)),
    fileName: fileNameOf(file.name),
  });
});

/** What the web import carries from the preview to the apply step (the file travels back in the form). */
interface ImportInput {
  format: string;
  /** The file's text, or a workbook's bytes as base64. */
  content: string;
  mode: "merge" | "replace";
  fileName: string;
  skip?: ReadonlySet<string>;
}

/** The uploaded file's name as history records it: its last path part, without control characters. */
const fileNameOf = (name: string) =>
  (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);

async function previewImport(c: WebContext, input: ImportInput, notice?: string) {
  const file = fileOf(input.format, input.content);
  if (file === null) return importPage(c, text(c).badFormat, 400);
  try {
    const plan = await previewGlossaryImport(c.var.db, input.format, file, input.mode, {
      ...(input.skip ? { skip: input.skip } : {}),
    });
    return page(
      c,
      text(c).previewTitle,
      <ImportPreviewPage
        plan={plan}
        content={input.content}
        format={input.format}
        fileName={input.fileName}
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
  const skipped = body.skip === undefined ? [] : Array.isArray(body.skip) ? body.skip : [body.skip];
  const input: ImportInput = {
    format,
    content,
    mode,
    fileName: fileNameOf(str(body.fileName)),
    skip: new Set(skipped.map(str).filter(Boolean)),
  };
  if (!importFormats().includes(format)) return importPage(c, text(c).badFormat, 400);
  const limit = format === "xlsx" ? Math.ceil(WEB_IMPORT_BYTES / 3) * 4 : WEB_IMPORT_BYTES;
  if (new TextEncoder().encode(content).byteLength > limit + 64 * 1024)
    return importPage(c, text(c).tooLarge, 413);
  const file = fileOf(format, content);
  if (file === null) return importPage(c, text(c).badFormat, 400);
  // The preview the user approved must still be what happens: if the glossary moved on, preview again.
  if (Number(str(body.glossaryVersion)) !== (await glossaryVersion(c.var.db))) {
    return previewImport(c, input, text(c).movedSincePreview);
  }
  let plan: Awaited<ReturnType<typeof importGlossary>>;
  try {
    const ctx = {
      db: c.var.db,
      actor: c.var.session!.name,
      waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    };
    plan = await importGlossary(ctx, {
      format,
      file,
      mode,
      dryRun: false,
      ...(input.skip ? { skip: input.skip } : {}),
      fileName: input.fileName || null,
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.ConcurrentImport) {
      return previewImport(c, input, text(c).movedWhileImporting);
    }
    if (err instanceof DomainError && err.status < 500)
      return importPage(c, importError(c, err), err.status as ContentfulStatusCode);
    throw err;
  }
  const t = text(c);
  return page(
    c,
    t.doneTitle,
    <ImportDonePage
      plan={plan}
      links={[
        ["/glossary", c.var.i18n.t(glossaryText).back],
        ["/glossary/import", t.backToImport],
      ]}
    />,
  );
});
