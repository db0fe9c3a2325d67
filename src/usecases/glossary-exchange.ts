/**
 * Glossary exchange: the file formats Diwan reads and writes (TSV, CSV, TBX v3, TBX 2008), exporting the
 * whole glossary, and importing a file (parse → validate every entry → plan a diff → apply it in one
 * transaction). Called by the API (routes/glossary-exchange.ts) and the web editor's import pages.
 */
import {
  applyImport,
  type ImportMode,
  type ImportPlan,
  type KeyedGlossaryEntry,
  keyedEntries,
  NO_KEY_PREFIX,
  planImport,
} from "../db/glossary-import";
import type { Db } from "../env";
import { badRequest, type FieldError, fileError } from "../errors";
import { parseGlossaryCsv, writeGlossaryCsv } from "../formats/csv";
import { FormatError } from "../formats/errors";
import { GlossaryTsvError, parseGlossaryTsv, writeGlossaryTsv } from "../formats/seed-tsv";
import { parseTbx, writeTbx, writeTbx2008 } from "../formats/tbx";
import { streamToString } from "../formats/xml-stream";
import { EntryInputSchema } from "../schemas/entry";
import type { KeyedEntry } from "../types";
import type { UseCaseContext } from "./context";

export interface ExchangeFormat {
  /** Media type of exports. TBX has no registered type; `application/xml` is what tools accept. */
  mediaType: string;
  /** Media types an import of this format may declare (besides application/octet-stream or none). */
  accepts: readonly string[];
  extension: string;
  parse(text: string): KeyedEntry[];
  /** `escapeFormulas` (CSV/TSV only): prefix cells a spreadsheet would run as formulas (spreadsheet-cell.ts). */
  write(entries: KeyedEntry[], options: ExportOptions): string | Promise<string>;
}

export interface ExportOptions {
  escapeFormulas: boolean;
}

/**
 * TBX concepts without an id get a placeholder key: it never matches an existing key and is not stored
 * (see NO_KEY_PREFIX in glossary-import.ts), so such entries match by their terms or are added.
 */
function fromTbx(text: string): KeyedEntry[] {
  // Only ids in the seed key syntax are kept as keys, so every stored key can be written to TSV/CSV again.
  return parseTbx(text).entries.map((e, i) => ({
    key: e.key && /^[a-z0-9][a-z0-9-]{0,99}$/.test(e.key) ? e.key : `${NO_KEY_PREFIX}${i + 1}`,
    domain: e.domain,
    definition: e.definition,
    note: e.note,
    source: e.source,
    terms: e.terms,
  }));
}

const TBX_TYPES = ["application/xml", "text/xml", "application/x-tbx+xml", "application/tbx+xml"];

/** The glossary file formats Diwan reads and writes, by the `format` query value. */
export const EXCHANGE_FORMATS: Record<string, ExchangeFormat> = {
  tsv: {
    mediaType: "text/tab-separated-values; charset=utf-8",
    accepts: ["text/tab-separated-values", "text/tsv", "text/plain"],
    extension: "tsv",
    parse: parseGlossaryTsv,
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
    parse: parseGlossaryCsv,
    write: (entries, options) => writeGlossaryCsv(entries, options),
  },
  tbx: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    parse: fromTbx,
    write: (entries) => streamToString(writeTbx(entries)),
  },
  tbx2008: {
    mediaType: "application/xml; charset=utf-8",
    accepts: TBX_TYPES,
    extension: "tbx",
    parse: fromTbx,
    write: (entries) => streamToString(writeTbx2008(entries)),
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
  body: string;
  mediaType: string;
  fileName: string;
}

/** The whole glossary as a file of the named format (keys: seed keys, else `entry-<id>`). */
export async function exportGlossary(
  db: Db,
  formatName: string,
  options: ExportOptions = { escapeFormulas: true },
): Promise<GlossaryFile> {
  const format = formatOf(formatName, exportFormats());
  const entries = (await keyedEntries(db)).map(toKeyed);
  const suffix = formatName === "tbx2008" ? "-tbx2008" : "";
  return {
    body: await format.write(entries, options),
    mediaType: format.mediaType,
    fileName: `diwan-glossary${suffix}.${format.extension}`,
  };
}

/**
 * Parses an import file and validates every entry with the API's own entry schema, so a file can never
 * hold what the API or the web form would refuse. Parse problems carry their line numbers.
 */
export function parseGlossaryFile(formatName: string, text: string): KeyedEntry[] {
  const format = formatOf(formatName, importFormats());
  let entries: KeyedEntry[];
  try {
    entries = format.parse(text);
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
  const problems: FieldError[] = [];
  for (const entry of entries) {
    const check = EntryInputSchema.safeParse(entry);
    if (check.success) continue;
    for (const issue of check.error.issues) {
      problems.push({
        field: [`entries`, entry.key, ...issue.path.map(String)].join("."),
        message: issue.message,
      });
    }
  }
  if (problems.length) throw badRequest("some entries of the file are not valid", problems);
  return entries;
}

export interface GlossaryImportRequest {
  format: string;
  /** The file's text (already decoded: UTF-8 checked, size limited). */
  text: string;
  mode: ImportMode;
  /** Plan only: compute what would change and write nothing. */
  dryRun: boolean;
}

/** What importing the file would change (parse, validate, diff against the glossary); writes nothing. */
export async function previewGlossaryImport(
  db: Db,
  format: string,
  text: string,
  mode: ImportMode,
): Promise<ImportPlan> {
  return planImport(db, parseGlossaryFile(format, text), mode);
}

/**
 * Imports a glossary file: all or nothing, in one transaction. If an entry the plan changes or deletes was
 * edited between planning and applying, nothing is written (a conflict).
 */
export async function importGlossary(ctx: UseCaseContext, req: GlossaryImportRequest): Promise<ImportPlan> {
  const plan = await previewGlossaryImport(ctx.db, req.format, req.text, req.mode);
  if (!req.dryRun) await applyImport(ctx.db, plan, ctx.actor);
  return plan;
}
