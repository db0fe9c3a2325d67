/**
 * The web side of a new document from files (the API's use case, createDocumentFromFiles, does the work):
 * a chosen file from the form, a refusal as a sentence naming the side and the reason in the user's
 * language, and what extraction kept apart or left out carried through the redirect to the review page.
 */
import { DomainError } from "../../errors";
import type { FilesResult, Side, UploadedFile } from "../../usecases/document-files";
import type { WebContext } from "../page";
import { documentFilesText } from "./messages";

/** A file the user chose (an empty file input sends a nameless, empty part: not chosen). */
export const chosenFile = (v: unknown): File | null =>
  v instanceof File && (v.size > 0 || v.name !== "") ? v : null;

export async function uploaded(file: File): Promise<UploadedFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Pasted text beside a file on the other side: given to the use case as the .txt file it would be. */
export const pastedAsFile = (side: Side, text: string): UploadedFile => ({
  name: `${side}.txt`,
  bytes: new TextEncoder().encode(text),
});

/** A file name as an isolate, so that a Latin name keeps its place in an Arabic sentence. */
const isolate = (s: string) => `\u2068${s}\u2069`;

/** The reason of a refusal in the interface language (English keeps the use case's own, more precise). */
function reason(c: WebContext, err: DomainError, message: string): string {
  const t = c.var.i18n.t(documentFilesText);
  if (c.var.i18n.locale === "en") return message;
  switch (err.code) {
    case "doc-binary":
      return t.reason_doc;
    case "docx-encrypted":
    case "zip-encrypted":
      return t.reason_encrypted;
    case "wrong-format":
    case "unsupported-media-type":
      return t.reason_format;
    case "no-text":
      return t.reason_noText;
    case "payload-too-large":
    case "zip-limit":
      return t.reason_tooLarge;
    case "invalid-encoding":
    case "unsupported-encoding":
      return t.reason_encoding;
    case "zip-malformed":
    case "zip-unsupported":
      return t.reason_damaged;
    case "invalid-text":
      return t.reason_control;
    default:
      return err.code.startsWith("xml-") || err.code.startsWith("wrong-") || err.code.startsWith("xliff")
        ? t.reason_xliff
        : t.reason_other;
  }
}

/**
 * A refusal of the use case as field errors of the form (`ar`, `en`), each naming its side and file; null
 * when the error is not about one side's file (the caller rethrows it).
 */
export function sideRefusals(
  c: WebContext,
  err: unknown,
  names: Partial<Record<Side, string>>,
): Partial<Record<Side, string>> | null {
  if (!(err instanceof DomainError) || err.status >= 500) return null;
  const t = c.var.i18n.t(documentFilesText);
  const out: Partial<Record<Side, string>> = {};
  for (const e of err.errors ?? []) {
    const side = e.field === "ar" || e.field === "en" ? e.field : null;
    if (side === null || out[side] !== undefined) continue;
    const name = names[side];
    out[side] = t.refused(
      t[`side_${side}`],
      name ? isolate(name) : "",
      reason(c, err, e.message || err.detail),
    );
  }
  return Object.keys(out).length > 0 ? out : null;
}

const NOTE = /^(ar|en)\.([a-z-]{1,20})\.([0-9]{1,9})$/;

/**
 * What each file gave beyond its text, for the redirect's query: `left` (left out) and `kept` (kept after
 * the text), each a comma-separated list of side.what.count. Pasted sides report nothing.
 */
export function reportQuery(files: FilesResult["files"], fromFile: Record<Side, boolean>): string {
  const left: string[] = [];
  const kept: string[] = [];
  for (const side of ["ar", "en"] as const) {
    const report = files[side];
    if (!report || !fromFile[side]) continue;
    for (const n of report.leftOut) left.push(`${side}.${n.what}.${n.count}`);
    for (const n of report.kept) kept.push(`${side}.${n.what}.${n.count}`);
  }
  const q = new URLSearchParams();
  if (left.length) q.set("left", left.join(","));
  if (kept.length) q.set("kept", kept.join(","));
  const s = q.toString();
  return s ? `&${s}` : "";
}

/**
 * The sentences of the "created" notice for `left` and `kept` (known kinds and counts only: anything else
 * in the query is ignored, so a crafted link can only show numbers).
 */
export function reportSentences(c: WebContext, left: string | undefined, kept: string | undefined): string[] {
  const t = c.var.i18n.t(documentFilesText);
  const sentences: string[] = [];
  for (const [raw, sentence] of [
    [left, t.leftOut],
    [kept, t.kept],
  ] as const) {
    const bySide: Record<Side, string[]> = { ar: [], en: [] };
    for (const part of (raw ?? "").split(",").slice(0, 40)) {
      const m = NOTE.exec(part);
      const label = m ? (t as unknown as Record<string, unknown>)[`what_${m[2]}`] : undefined;
      if (!m || typeof label !== "string") continue;
      bySide[m[1] as Side].push(t.item(label, Number(m[3])));
    }
    for (const side of ["ar", "en"] as const) {
      if (bySide[side].length)
        sentences.push(sentence(t[`side_${side}`], bySide[side].join(t.listSeparator)));
    }
  }
  return sentences;
}
