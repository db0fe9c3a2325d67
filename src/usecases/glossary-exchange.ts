/**
 * Glossary exchange: the file formats Diwan reads and writes (TSV, CSV, TBX v3, TBX 2008), exporting the
 * whole glossary, and importing a file (parse → validate every entry → plan a diff → apply it in one
 * transaction). Called by the API (routes/glossary-exchange.ts) and the web editor's import pages.
 */
import {
  applyImport,
  type ImportMode,
  type ImportOptions,
  type ImportPlan,
  type KeyedGlossaryEntry,
  keyedEntries,
  NO_KEY_PREFIX,
  planImport,
} from "../db/glossary-import";
import type { Db } from "../env";
import { badRequest, DomainError, ErrorCode, type FieldError, fileError } from "../errors";
import { writeGlossaryCsv } from "../formats/csv";
import { FormatError } from "../formats/errors";
import type { GlossaryReadIssue, GlossaryReading, ReadEntry } from "../formats/glossary-model";
import { readGlossaryTable } from "../formats/glossary-table";
import {
  readGlossaryXlsx,
  TEMPLATE_ENTRY,
  writeGlossaryXlsx,
  writeGlossaryXlsxTemplate,
} from "../formats/glossary-xlsx";
import { writeOmegatGlossary } from "../formats/omegat-glossary";
import { GlossaryTsvError, writeGlossaryTsv } from "../formats/seed-tsv";
import { parseTbx, writeTbx, writeTbx2008 } from "../formats/tbx";
import { decodeTextFile } from "../formats/text-decode";
import { decodeXml } from "../formats/xml-decode";
import { streamToString } from "../formats/xml-stream";
import { EntryInputSchema } from "../schemas/entry";
import { normalizeForSearch } from "../text/normalize";
import type { KeyedEntry, TermStatus } from "../types";
import type { UseCaseContext } from "./context";

export interface ExchangeFormat {
  /** Media type of exports. TBX has no registered type; `application/xml` is what tools accept. */
  mediaType: string;
  /** Media types an import of this format may declare (besides application/octet-stream or none). */
  accepts: readonly string[];
  extension: string;
  /**
   * Lenient reading: what can be imported, and item by item what is skipped or changed (and why). Text
   * formats take bytes as UTF-8, or UTF-16 by the byte order mark (XML: also by its declaration), or text
   * already decoded; XLSX takes bytes only.
   */
  read(file: string | Uint8Array, options: ReadOptions): GlossaryReading;
  /** Text formats: their bytes → the text `read` sees (`encoding`: ReadOptions.encoding); none for XLSX. */
  decode?: (bytes: Uint8Array, encoding?: string) => string;
  /** Delimited text with no encoding declaration of its own: a sender's declared charset applies. */
  takesCharset?: boolean;
  /** `escapeFormulas` (CSV/TSV only): prefix cells a spreadsheet would run as formulas (spreadsheet-cell.ts). */
  write(entries: KeyedEntry[], options: ExportOptions): string | Uint8Array | Promise<string>;
}

/** A text format's file as text: decoded by `decode` when it arrives as bytes. */
const asText = (file: string | Uint8Array, decode: (bytes: Uint8Array) => string) =>
  typeof file === "string" ? file : decode(file);

/** A delimited table's bytes → text, in the encoding the sender declared (if any). */
const tableDecoder = (o: ReadOptions) => (bytes: Uint8Array) => decodeTextFile(bytes, o.encoding);

/** A binary format's file: bytes only (a text body cannot be a workbook). */
function asBytes(file: string | Uint8Array, format: string): Uint8Array {
  if (typeof file !== "string") return file;
  throw new FormatError("wrong-root", `a ${format} file must be sent as the file's bytes, not as text`);
}

export interface ExportOptions {
  escapeFormulas: boolean;
}

export interface ReadOptions {
  /** Domain of entries the file gives none (TBX without subjectField, tables without a domain column). */
  defaultDomain: string;
  /** XLSX: the sheet to read by name (the first when absent). */
  sheet?: string;
  /**
   * CSV, TSV, OmegaT: the file's declared character encoding (a Content-Type charset, the import form's
   * choice), for bytes without a byte order mark; text-decode.ts. XML formats read their own declaration.
   */
  encoding?: string;
}

export const DEFAULT_IMPORT_DOMAIN = "general";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TBX_TYPES = ["application/xml", "text/xml", "application/x-tbx+xml", "application/tbx+xml"];

/** The glossary file formats Diwan reads and writes, by the `format` query value. */
export const EXCHANGE_FORMATS: Record<string, ExchangeFormat> = {
  tsv: {
    mediaType: "text/tab-separated-values; charset=utf-8",
    accepts: ["text/tab-separated-values", "text/tsv", "text/plain"],
    extension: "tsv",
    read: (file, o) => readGlossaryTable(asText(file, tableDecoder(o)), "tsv", o),
    decode: decodeTextFile,
    takesCharset: true,
    write: (entries, options) => writeGlossaryTsv(entries, options),
  },
  csv: {
    mediaType: "text/csv; charset=utf-8; header=present",
    // application/vnd.ms-excel: what Windows (and browsers on it) call a .csv file.
    accepts: [
      "text/csv",
      "application/csv",
      "text/comma-separated-values",
      "application/vnd.ms-excel",
      "text/plain",
    ],
    extension: "csv",
    read: (file, o) => readGlossaryTable(asText(file, tableDecoder(o)), "csv", o),
    decode: decodeTextFile,
    takesCharset: true,
    write: (entries, options) => writeGlossaryCsv(entries, options),
  },
  tbx: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    read: (file, o) => parseTbx(asText(file, decodeXml), o),
    decode: (bytes) => decodeXml(bytes),
    write: (entries) => streamToString(writeTbx(entries)),
  },
  tbx2008: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    read: (file, o) => parseTbx(asText(file, decodeXml), o),
    decode: (bytes) => decodeXml(bytes),
    write: (entries) => streamToString(writeTbx2008(entries)),
  },
  // OmegaT's glossary text: read like any bilingual table (# lines are comments); written for OmegaT.
  omegat: {
    mediaType: "text/plain; charset=utf-8",
    accepts: ["text/plain", "text/tab-separated-values"],
    extension: "txt",
    read: (file, o) => readGlossaryTable(asText(file, tableDecoder(o)), "omegat", o),
    decode: decodeTextFile,
    takesCharset: true,
    write: (entries) => writeOmegatGlossary(entries),
  },
  // Spreadsheets: the same column layout as CSV/TSV (glossary-xlsx.ts), cells exactly as stored.
  xlsx: {
    mediaType: XLSX_TYPE,
    accepts: [XLSX_TYPE, "application/zip", "application/x-zip-compressed"],
    extension: "xlsx",
    read: (file, o) => readGlossaryXlsx(asBytes(file, "xlsx"), o),
    write: (entries) => writeGlossaryXlsx(entries),
  },
};

export const exportFormats = () => Object.keys(EXCHANGE_FORMATS);
/** Formats an import accepts: every readable one (tbx2008 is an export variant; the TBX reader takes both). */
export const importFormats = () => exportFormats().filter((f) => f !== "tbx2008");

function formatOf(name: string, allowed: string[]): ExchangeFormat {
  const format = allowed.includes(name) ? EXCHANGE_FORMATS[name] : undefined;
  if (!format) {
    throw badRequest(`format must be one of ${allowed.join(", ")}`, [
      { field: "format", message: `unknown format "${name}"` },
    ]);
  }
  return format;
}

/** The import format of that name (a 400 naming the accepted ones otherwise). */
export const importFormatOf = (name: string): ExchangeFormat => formatOf(name, importFormats());

/** Strips server-managed fields so formats see only what a file holds. */
const toKeyed = (e: KeyedGlossaryEntry): KeyedEntry => ({
  key: e.key,
  domain: e.domain,
  definition: e.definition,
  note: e.note,
  source: e.source,
  terms: e.terms,
});

export interface GlossaryFile {
  body: string | Uint8Array;
  mediaType: string;
  fileName: string;
}

/** A selection of the glossary to export (all entries when empty). */
export interface ExportFilter {
  /** Entries of this domain (exact). */
  domain?: string;
  /** Entries with at least one term of this status. */
  status?: TermStatus;
  /** Entries with a term containing this text (normalised as search normalises: hamza, diacritics, case). */
  q?: string;
}

function selected(filter: ExportFilter): (e: KeyedEntry) => boolean {
  const q = filter.q?.trim() ? normalizeForSearch(filter.q) : null;
  return (e) =>
    (filter.domain === undefined || e.domain === filter.domain) &&
    (filter.status === undefined || e.terms.some((t) => t.status === filter.status)) &&
    (q === null || e.terms.some((t) => normalizeForSearch(t.text).includes(q)));
}

/**
 * The whole glossary as a file of the named format (keys: seed keys, else `entry-<id>`), or a selection:
 * the entries of `ids` (a search's selection, web pages) and/or those `filter` selects (API query).
 */
export async function exportGlossary(
  db: Db,
  formatName: string,
  { ids, ...options }: ExportOptions & { ids?: ReadonlySet<number> } = { escapeFormulas: true },
  filter: ExportFilter = {},
): Promise<GlossaryFile> {
  const format = formatOf(formatName, exportFormats());
  const filtered =
    ids !== undefined || filter.domain !== undefined || filter.status !== undefined || !!filter.q?.trim();
  const entries = (await keyedEntries(db))
    .filter((e) => !ids || ids.has(e.id))
    .map(toKeyed)
    .filter(selected(filter));
  // Both TBX schemas need one entry in <body>: an empty glossary has no valid TBX (the writer would throw).
  if (entries.length === 0 && format.extension === "tbx")
    throw new DomainError(
      ErrorCode.EmptyDocument,
      filtered
        ? "no entry matches the selection and a TBX file needs at least one entry"
        : "the glossary is empty and a TBX file needs at least one entry; export CSV, TSV or OmegaT instead",
    );
  const suffix = `${filtered ? "-selection" : ""}${formatName === "tbx2008" ? "-tbx2008" : ""}`;
  return {
    body: await format.write(entries, options),
    mediaType: format.mediaType,
    fileName: `diwan-glossary${suffix}.${format.extension}`,
  };
}

/** Formats with a template to download (a table people fill in). */
export const templateFormats = () => ["xlsx", "csv", "tsv"];

/**
 * A file to fill in: the column headers and one example entry (XLSX also has a "Columns" sheet saying what
 * each column holds and which values it takes).
 */
export async function glossaryTemplate(formatName: string): Promise<GlossaryFile> {
  const format = formatOf(formatName, templateFormats());
  return {
    body:
      formatName === "xlsx"
        ? writeGlossaryXlsxTemplate()
        : await format.write([TEMPLATE_ENTRY], { escapeFormulas: true }),
    mediaType: format.mediaType,
    fileName: `diwan-glossary-template.${format.extension}`,
  };
}

/** What an import did not take as it was, item by item (the `GlossaryReading` of the file, validated). */
export interface ImportReport {
  /** Entries (or rows) not imported, each with its reason. */
  skipped: GlossaryReadIssue[];
  /** Entries imported with a change (terms trimmed, default domain, other languages left out). */
  adjusted: GlossaryReadIssue[];
  /** What the file holds that Diwan does not store, with counts. */
  notKept: { what: string; count: number }[];
  /** Said of the file as a whole: that it holds no entry at all (an empty OmegaT glossary), else null. */
  notice: string | null;
}

export interface ParsedGlossaryFile extends ImportReport {
  entries: KeyedEntry[];
}

export interface ParseOptions {
  defaultDomain?: string;
  /** XLSX: the sheet to read (the first when absent). */
  sheet?: string;
  /** CSV, TSV, OmegaT: the declared character encoding of bytes without a byte order mark (ReadOptions). */
  encoding?: string;
  /** false: refuse the file (400 listing every skipped entry) instead of importing the valid entries. */
  partial?: boolean;
  /** true: a replace with a file holding no entries may delete the whole glossary (refused otherwise). */
  deleteAll?: boolean;
}

const KEY_SYNTAX = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * What a file may hold that the entry rules refuse but that has one obvious reading, made so and reported:
 * a subject field broken over lines by pretty-printing is one line; a term repeated in its language (TBX
 * exports list a term once per part of speech or source) is kept once, the first.
 */
function tidy(e: ReadEntry): { entry: ReadEntry; changes: string[] } {
  const changes: string[] = [];
  let domain = e.domain;
  if (/[\t\n\r]/.test(domain)) {
    domain = domain.replace(/[ \t\n\r]+/g, " ").trim();
    changes.push(`domain "${domain}" joined onto one line`);
  }
  const seen = new Set<string>();
  const terms = e.terms.filter((t) => {
    const id = `${t.lang}\u0000${t.text}`;
    if (!seen.has(id)) {
      seen.add(id);
      return true;
    }
    changes.push(`term "${t.text}" (${t.lang}) appears twice: the second (${t.status}) left out`);
    return false;
  });
  return { entry: { ...e, domain, terms }, changes };
}

/**
 * A text format's uploaded bytes as the text its reader sees (tables: UTF-8/UTF-16 by BOM or the declared
 * `encoding`; XML: its own declaration) — for the web import, whose preview carries the file as text.
 * Throws the import's problem (400) when the bytes cannot be read.
 */
export function glossaryFileText(formatName: string, bytes: Uint8Array, encoding?: string): string {
  const format = formatOf(formatName, importFormats());
  try {
    if (!format.decode) throw new FormatError("wrong-root", `a ${formatName} file is not text`);
    return format.decode(bytes, encoding);
  } catch (err) {
    if (err instanceof FormatError) throw fileError({ kind: "glossary", format: formatName }, err);
    throw err;
  }
}

/**
 * Reads an import file (bytes are decoded by the format's rules) and validates every entry with the API's
 * own entry schema, so a file can never hold what the API or the web form would refuse. A partial import:
 * valid entries go in, each entry that is not valid is skipped with its reason. Refused (400) only when
 * the file cannot be read at all, when no entry can be imported while some were skipped, or with
 * `partial: false` when anything was skipped.
 */
export function parseGlossaryFile(
  formatName: string,
  file: string | Uint8Array,
  options: ParseOptions = {},
): ParsedGlossaryFile {
  const format = formatOf(formatName, importFormats());
  let reading: GlossaryReading;
  try {
    reading = format.read(file, {
      defaultDomain: options.defaultDomain ?? DEFAULT_IMPORT_DOMAIN,
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    });
  } catch (err) {
    if (err instanceof GlossaryTsvError) {
      throw badRequest(
        `the ${formatName.toUpperCase()} file has ${err.problems.length} problem(s)`,
        err.problems.map((p) => ({ field: p.field, message: `line ${p.line}: ${p.message}`, line: p.line })),
      );
    }
    if (err instanceof FormatError) throw fileError({ kind: "glossary", format: formatName }, err);
    throw err;
  }
  const skipped = [...reading.skipped];
  const adjusted = [...reading.adjusted];
  const invalid: FieldError[] = [];
  const entries: KeyedEntry[] = [];
  reading.entries.forEach((read, i) => {
    const line = reading.lines[i] ?? 0;
    const name = read.key ?? `#${i + 1}`;
    const { entry: e, changes } = tidy(read);
    for (const message of changes) adjusted.push({ entry: name, line, message });
    // Only keys in the seed key syntax are kept, so every stored key can be written to TSV/CSV again; others
    // get a placeholder that never matches a stored key (NO_KEY_PREFIX), so the entry matches by its terms.
    const key = e.key !== null && KEY_SYNTAX.test(e.key) ? e.key : `${NO_KEY_PREFIX}${i + 1}`;
    const entry: KeyedEntry = { ...e, key };
    const check = EntryInputSchema.safeParse(entry);
    if (check.success) {
      entries.push(entry);
      return;
    }
    const fields = check.error.issues.map((issue) => ({
      field: ["entries", name, ...issue.path.map(String)].join("."),
      message: issue.message,
    }));
    invalid.push(...fields);
    skipped.push({
      entry: name,
      line,
      message: fields
        .map((f) => `${f.field.split(".").slice(2).join(".") || "entry"}: ${f.message}`)
        .join("; "),
    });
  });
  const report: ParsedGlossaryFile = {
    entries,
    skipped,
    adjusted,
    notKept: Object.entries(reading.notKept)
      .map(([what, count]) => ({ what, count }))
      .sort((a, b) => b.count - a.count || a.what.localeCompare(b.what)),
    notice:
      reading.entries.length === 0 && skipped.length === 0
        ? "the file holds no glossary entries (nothing but comments, a header or blank lines): nothing to import"
        : null,
  };
  const refuse = skipped.length > 0 && (options.partial === false || entries.length === 0);
  if (refuse) {
    const listed: FieldError[] = [
      ...invalid,
      ...skipped.slice(0, reading.skipped.length).map((s) => ({
        field: `entries.${s.entry}`,
        message: s.line > 0 ? `line ${s.line}: ${s.message}` : s.message,
        ...(s.line > 0 ? { line: s.line } : {}),
      })),
    ];
    throw badRequest(
      entries.length === 0
        ? `no entry of the file can be imported (${skipped.length} skipped)`
        : `${skipped.length} entr${skipped.length === 1 ? "y" : "ies"} of the file cannot be imported (partial=false)`,
      listed,
    );
  }
  return report;
}

export interface GlossaryImportRequest extends ParseOptions {
  format: string;
  /** The file: bytes as uploaded (decoded by the format's rules), or text already decoded. */
  file: string | Uint8Array;
  mode: ImportMode;
  /** Plan only: compute what would change and write nothing. */
  dryRun: boolean;
  /** Keys of file rows (or, in replace mode, of entries to delete) to leave out, as the preview lists them. */
  skip?: ReadonlySet<string>;
  /** The file's name, recorded in the history of every entry the import writes. */
  fileName?: string | null;
}

/** An import's plan with the file's report: what was skipped, adjusted, not kept. */
export type GlossaryImportOutcome = ImportPlan & { report: ImportReport };

/** What importing the file would change (parse, validate, diff against the glossary); writes nothing. */
export async function previewGlossaryImport(
  db: Db,
  format: string,
  file: string | Uint8Array,
  mode: ImportMode,
  options: ParseOptions & ImportOptions = {},
): Promise<GlossaryImportOutcome> {
  const { entries, ...report } = parseGlossaryFile(format, file, options);
  const plan = await planImport(db, entries, mode, options.skip ? { skip: options.skip } : {});
  // An empty file in replace mode would delete the whole glossary: far likelier a wrong or truncated file
  // than an intent, and one click from losing every colleague's entry — so it needs deleteAll=true.
  if (mode === "replace" && entries.length === 0 && plan.deleted.length > 0 && options.deleteAll !== true)
    throw badRequest(
      `the file holds no glossary entries; replacing the glossary with it would delete all ${plan.deleted.length} entries — nothing was changed (deleteAll=true confirms)`,
      [
        {
          field: "file",
          message: "no entries: an empty file replaces a glossary that has entries only with deleteAll=true",
        },
      ],
    );
  return { ...plan, report };
}

/**
 * Imports a glossary file's valid entries in one transaction (partial: skipped entries are in the report). If an entry the plan changes or deletes was
 * edited between planning and applying, nothing is written (a conflict).
 */
export async function importGlossary(
  ctx: UseCaseContext,
  req: GlossaryImportRequest,
): Promise<GlossaryImportOutcome> {
  const plan = await previewGlossaryImport(ctx.db, req.format, req.file, req.mode, req);
  if (!req.dryRun) await applyImport(ctx.db, plan, ctx.actor, req.fileName ?? null);
  return plan;
}
