/**
 * The one error type of the format layer. `fileError` (src/errors.ts) maps `code` to a status: `xml-*` and
 * `*-malformed` are 400 (the body is broken), `wrong-*` are 415/400 (the body is some other format),
 * `xml-invalid-char` on export means stored text cannot be written as XML 1.0.
 */
export const FORMAT_ERROR_CODES = [
  "xml-malformed",
  "xml-doctype",
  "xml-entity",
  "xml-too-deep",
  "xml-too-many-elements",
  "xml-too-long",
  "xml-invalid-char",
  "wrong-root",
  "wrong-version",
  "wrong-namespace",
  "wrong-language",
  "invalid-content",
  "csv-malformed",
  /** Bytes that are not valid in the document's encoding (never replaced). */
  "invalid-encoding",
  /** A document in an encoding other than UTF-8 or UTF-16 (the message names it). */
  "unsupported-encoding",
  /** A ZIP container (.xlsx, .docx) that is not a ZIP, is damaged, or whose sizes or CRCs are wrong. */
  "zip-malformed",
  /** A ZIP past a limit: too many entries, too many bytes once expanded, or a bomb's compression ratio. */
  "zip-limit",
  /** A password-protected entry (never read). */
  "zip-encrypted",
  /** ZIP64, or a compression method other than stored and DEFLATE. */
  "zip-unsupported",
  /** A document file whose content is not the format its name says, or a format not read (named). */
  "wrong-format",
  /** A password-protected Word document (an OLE container holding the encrypted package). */
  "docx-encrypted",
  /** An old binary Word document (.doc), not read: save it as .docx. */
  "doc-binary",
  /** A document file with no text in it. */
  "no-text",
] as const;

export type FormatErrorCode = (typeof FORMAT_ERROR_CODES)[number];

export class FormatError extends Error {
  override readonly name = "FormatError";
  constructor(
    readonly code: FormatErrorCode,
    message: string,
    /** 1-based line of the input where the problem was found (parsers only). */
    readonly line?: number,
    /** 1-based column of the character at which the problem was detected, in UTF-16 code units (parsers only). */
    readonly column?: number,
    /** For `xml-invalid-char`: the refused code point and its UTF-16 offset in the escaped string. */
    readonly codePoint?: number,
    readonly position?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 0})`);
  }
}
