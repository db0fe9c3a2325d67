/**
 * The errors of Diwan, by code, and the one map from code to HTTP status and title (as unkey's API does).
 * Storage (src/db), use cases and routes throw `DomainError`s naming a code; none of them chooses a status.
 * The API's error handler (app.ts) and the web pages render them (src/http/problem.ts: RFC 9457).
 * Nothing here imports Hono or src/http.
 */
import { FORMAT_ERROR_CODES, type FormatError, type FormatErrorCode } from "./formats/errors";

/** Every code the API answers with, by name. The strings are the wire codes (the problem's `code`). */
export const ErrorCode = {
  // The request itself.
  Validation: "validation",
  MalformedJson: "malformed-json",
  InvalidEncoding: "invalid-encoding",
  /** Text that is not Unicode (a lone surrogate): refused, never stored altered. */
  InvalidText: "invalid-text",
  PayloadTooLarge: "payload-too-large",
  UnsupportedMediaType: "unsupported-media-type",
  Unauthorized: "unauthorized",
  Forbidden: "forbidden",
  // What it asks of the data.
  NotFound: "not-found",
  /** If-Match (or a form's version) names a version that is no longer current. */
  StaleVersion: "precondition-failed",
  /** The glossary changed between an import's plan and its application: nothing was written. */
  ConcurrentImport: "conflict",
  /** Segments changed while an XLIFF import was applied: nothing was written. */
  ConcurrentEdit: "concurrent-edit",
  /** An XLIFF import with targets that cannot be stored. */
  InvalidTargets: "invalid-target",
  /** XLIFF 2 needs a unit, and the document has none. */
  EmptyDocument: "empty-document",
  TooManyUnits: "too-many-units",
  /**
   * The memory's index is still catching up with a rebuild or a very large import, and the operation
   * would store results computed without the segments not yet indexed (pre-translation): retry later.
   */
  IndexCatchingUp: "index-catching-up",
  Internal: "internal",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Status and default title of each code: the one place where errors meet HTTP. */
const PROBLEMS: Record<ErrorCode, { status: number; title: string }> = {
  validation: { status: 400, title: "Invalid request" },
  "malformed-json": { status: 400, title: "Malformed JSON" },
  "invalid-encoding": { status: 400, title: "Invalid encoding" },
  "invalid-text": { status: 400, title: "Invalid text" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  "precondition-failed": { status: 412, title: "Precondition failed" },
  conflict: { status: 409, title: "Conflict" },
  "concurrent-edit": { status: 409, title: "Concurrent edit" },
  "invalid-target": { status: 400, title: "Invalid target" },
  "empty-document": { status: 409, title: "Empty document" },
  "too-many-units": { status: 413, title: "Too many units" },
  "index-catching-up": { status: 503, title: "Memory index catching up" },
  internal: { status: 500, title: "Internal server error" },
};

/**
 * Every `code` a problem response can carry: the ErrorCode values and the format layer's codes (an uploaded
 * file's FormatError keeps its code). The OpenAPI document's Problem schema enumerates exactly these.
 */
export const PROBLEM_CODES: readonly [string, ...string[]] = [
  ...new Set<string>([...Object.values(ErrorCode), ...FORMAT_ERROR_CODES]),
] as [string, ...string[]];

/** The code of a status the framework chose (not a DomainError): the first code with that status. */
export function codeOfStatus(status: number): ErrorCode {
  const found = Object.entries(PROBLEMS).find(([, p]) => p.status === status);
  return found ? (found[0] as ErrorCode) : ErrorCode.Internal;
}

export interface FieldError {
  /** Path of the failing field in dotted form, e.g. `terms.0.text` (empty for the whole body). */
  field: string;
  /** Human-readable reason. */
  message: string;
}

export interface DomainErrorOptions {
  /** A more specific title than the code's (e.g. "Import too large" for payload-too-large). */
  title?: string;
  /** Field-level reasons (validation). */
  errors?: FieldError[];
  /** Extra members of the problem (e.g. `currentVersion` of a 412, `line`/`column` in a file). */
  extra?: Record<string, unknown>;
}

/** A file that is not what it claims to be: its FormatError code, with the status its kind of file gives. */
type FileProblem = { code: FormatErrorCode; status: number; title: string };

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: ErrorCode | FormatErrorCode;
  /** From the code (PROBLEMS), or for a file's format error from FILE_RULES. */
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode | FileProblem, detail: string, options: DomainErrorOptions = {}) {
    super(detail);
    const problem = typeof code === "string" ? { code, ...PROBLEMS[code] } : code;
    this.code = problem.code;
    this.status = problem.status;
    this.title = options.title ?? problem.title;
    this.detail = detail;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new DomainError(ErrorCode.Validation, detail, errors ? { errors } : {});
export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} does not exist`);
export const unauthorized = (detail: string) => new DomainError(ErrorCode.Unauthorized, detail);
export const forbidden = (detail: string) => new DomainError(ErrorCode.Forbidden, detail);
/** A write that named a version that is no longer current; the problem carries the current one. */
export const staleVersion = (detail: string, currentVersion: number) =>
  new DomainError(ErrorCode.StaleVersion, detail, { extra: { currentVersion } });
export const payloadTooLarge = (limit: number) =>
  new DomainError(ErrorCode.PayloadTooLarge, `request body exceeds the limit of ${limit} bytes`);
export const unsupportedMediaType = (detail: string) =>
  new DomainError(ErrorCode.UnsupportedMediaType, detail);
/** 503 with Retry-After: `pending` segments are not in the memory's index yet (≈ 3,000 indexed a second). */
export const indexCatchingUp = (pending: number) =>
  new DomainError(
    ErrorCode.IndexCatchingUp,
    `the memory's index is catching up (${pending} segments still to index): results would miss them; retry later`,
    { extra: { pending, retryAfter: Math.min(60, Math.max(1, Math.ceil(pending / 3_000))) } },
  );
export const invalidEncoding = () =>
  new DomainError(ErrorCode.InvalidEncoding, "request body is not valid UTF-8");

// ------------------------------------------------------------------------------ files of a format

/** What an upload was meant to be; the rules below differ by kind (kept as each API answered before). */
export type FileKind =
  | { kind: "xliff" }
  | { kind: "tmx" }
  | { kind: "glossary"; format: string }
  /** One side's file of a new document (.txt, .html, .docx): `field` is the side (ar, en). */
  | { kind: "document"; field: string };

/** Document files: another format, an old .doc, an encrypted .docx or encoding are 415; ZIP limits 413. */
const DOCUMENT_STATUS: Partial<Record<FormatErrorCode, { status: number; title: string }>> = {
  "wrong-format": { status: 415, title: "Unsupported file format" },
  "doc-binary": { status: 415, title: "Old Word document (.doc)" },
  "docx-encrypted": { status: 415, title: "Password-protected document" },
  "unsupported-encoding": { status: 415, title: "Unsupported encoding" },
  "zip-limit": { status: 413, title: "Document too large" },
  "zip-encrypted": { status: 415, title: "Password-protected document" },
  "no-text": { status: 400, title: "No text in the file" },
};

const XLIFF_TITLES: Partial<Record<FormatErrorCode, string>> = {
  "xml-doctype": "DOCTYPE not accepted",
  "xml-entity": "Entity not accepted",
  "wrong-root": "Not XLIFF",
  "wrong-version": "Unsupported XLIFF version",
  "wrong-namespace": "Wrong XLIFF namespace",
  "wrong-language": "Wrong languages",
  "no-text": "Nothing to translate",
};

/** Format codes that mean "some other kind of file or encoding" (415) rather than "a broken file" (400), for XLIFF. */
const XLIFF_OTHER_FORMAT: ReadonlySet<FormatErrorCode> = new Set([
  "unsupported-encoding",
  "wrong-root",
  "wrong-version",
  "wrong-namespace",
]);

/**
 * The FormatError of an uploaded file as a DomainError — the one mapping of the format layer's errors:
 * - XLIFF: the format code; another format (root, version, namespace) is 415, a broken or hostile file
 *   400; the position as `line`/`column`.
 * - TMX: the format code, always 400 (also for another format: unlike XLIFF, as it always answered), with
 *   the position.
 * - Glossary files: another format (`wrong-*`) is a 415 `unsupported-media-type`; anything else a 400
 *   `validation` whose field `file` carries the message and line.
 */
export function fileError(file: FileKind, err: FormatError, errors?: FieldError[]): DomainError {
  const where = err.line === undefined ? {} : { line: err.line, column: err.column ?? 0 };
  const xml = err.code.startsWith("xml-");
  switch (file.kind) {
    case "xliff":
      return new DomainError(
        {
          code: err.code,
          status: XLIFF_OTHER_FORMAT.has(err.code) ? 415 : 400,
          title: XLIFF_TITLES[err.code] ?? (xml ? "Malformed XML" : "Invalid XLIFF"),
        },
        err.message,
        { extra: where, ...(errors ? { errors } : {}) },
      );
    case "tmx":
      return new DomainError(
        { code: err.code, status: 400, title: xml ? "Malformed XML" : "Invalid TMX" },
        err.message,
        { extra: where },
      );
    case "document": {
      const known = DOCUMENT_STATUS[err.code];
      return new DomainError(
        {
          code: err.code,
          status: known?.status ?? 400,
          title: known?.title ?? (xml ? "Malformed XML" : "Unreadable file"),
        },
        err.message,
        { errors: [{ field: file.field, message: err.message }], extra: where },
      );
    }
    case "glossary":
      if (err.code.startsWith("wrong-"))
        return unsupportedMediaType(`not a ${file.format} file: ${err.message}`);
      return badRequest(`the ${file.format.toUpperCase()} file cannot be read`, [
        { field: "file", message: err.message, ...(err.line !== undefined ? { line: err.line } : {}) },
      ]);
  }
}
