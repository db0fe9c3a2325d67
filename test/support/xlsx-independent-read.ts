/**
 * TEST ONLY: an independent reader of .xlsx, to check SheetJS (src/formats/xlsx.ts) against. Written for
 * Diwan from ECMA-376 without SheetJS (it was Diwan's runtime reader before SheetJS replaced it).
 * Reading one worksheet of an .xlsx workbook (ECMA-376 SpreadsheetML, transitional or strict) as rows of
 * text, the way a person sees the cells: shared strings (rich-text runs joined, phonetic guides left out),
 * inline strings, numbers as the shortest text of their value, booleans as TRUE/FALSE, formula cells by
 * their cached value, empty cells as "". Parts are found through the package relationships (not by fixed
 * names), elements by local name (so strict's namespaces read too). The ZIP is read with zip.ts's limits and
 * every XML part with the project's secure parser (no DTD, no entities).
 */
import { FormatError } from "../../src/formats/errors";
import type { XlsxReadOptions, XlsxRow, XlsxSheet } from "../../src/formats/xlsx";
import { decodeXml } from "../../src/formats/xml-decode";
import { parseXml, type XmlElement } from "../../src/formats/xml-parse";
import { DEFAULT_ZIP_LIMITS, readZip } from "../../src/formats/zip";

/** Excel's last column (XFD): a reference past it is not a cell. */
const MAX_COLUMNS = 16_384;

const invalid = (message: string) => new FormatError("invalid-content", message);

/** Joins a relationship target to the folder of the part that names it ("/xl/a.xml" is from the root). */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

const relsOf = (part: string) => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** Walks a part's elements with the secure parser; `text` gets character data with the open element. */
function walk(
  files: Map<string, Uint8Array>,
  part: string,
  open: (el: XmlElement, stack: XmlElement[]) => void,
  text?: (chars: string, stack: XmlElement[]) => void,
  close?: (el: XmlElement, stack: XmlElement[]) => void,
): boolean {
  const bytes = files.get(part);
  if (!bytes) return false;
  const stack: XmlElement[] = [];
  try {
    parseXml(decodeXml(bytes), {
      open(el) {
        stack.push(el);
        open(el, stack);
      },
      close(el) {
        close?.(el, stack);
        stack.pop();
      },
      text(chars) {
        text?.(chars, stack);
      },
    });
  } catch (error) {
    if (error instanceof FormatError)
      throw new FormatError(
        error.code,
        `${part} in the workbook: ${error.message}`,
        error.line,
        error.column,
      );
    throw error;
  }
  return true;
}

/** Relationship id → { type, target part } of a part's .rels. */
function relationships(
  files: Map<string, Uint8Array>,
  part: string,
): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  walk(files, relsOf(part), (el) => {
    if (el.local !== "Relationship" || el.attributes.TargetMode === "External") return;
    const id = el.attributes.Id;
    const target = el.attributes.Target;
    if (id && target) rels.set(id, { type: el.attributes.Type ?? "", target: resolvePart(part, target) });
  });
  return rels;
}

/** `_xHHHH_` is how OOXML strings carry characters XML cannot (ST_Xstring): `_x000D_` is a carriage return. */
export const decodeXstring = (s: string) =>
  s.includes("_x")
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : s;

/** Shared strings: each `<si>` is plain `<t>` or rich-text runs `<r><t>`; `<rPh>` (phonetic guide) is not text. */
function sharedStrings(files: Map<string, Uint8Array>, part: string | undefined): string[] {
  const strings: string[] = [];
  if (!part) return strings;
  let current: string[] | null = null;
  walk(
    files,
    part,
    (el) => {
      if (el.local === "si") current = [];
    },
    (chars, stack) => {
      const top = stack[stack.length - 1];
      if (current && top?.local === "t" && !stack.some((e) => e.local === "rPh")) current.push(chars);
    },
    (el) => {
      if (el.local === "si" && current) {
        strings.push(decodeXstring(current.join("")));
        current = null;
      }
    },
  );
  return strings;
}

/** Column index (0-based) of a cell reference such as `AB12`; undefined when it has no letters. */
function columnOf(ref: string): number | undefined {
  const letters = /^([A-Za-z]{1,3})\d*$/.exec(ref)?.[1];
  if (!letters) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A number cell as text: its shortest round-trip form (Excel stores 0.1 as 0.1000000000000000055…). */
function numberText(v: string): string {
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? String(n) : v;
}

/** The workbook part and its sheets (name → part), found through the package relationships. */
function workbookOf(files: Map<string, Uint8Array>): {
  part: string;
  sheets: { name: string; part: string }[];
  shared?: string;
} {
  let part: string | undefined;
  for (const rel of relationships(files, "").values())
    if (rel.type.endsWith("/officeDocument")) part = rel.target;
  part ??= files.has("xl/workbook.xml") ? "xl/workbook.xml" : undefined;
  if (!part || !files.has(part))
    throw invalid(
      "not an .xlsx workbook: the package has no workbook part (is it a .docx, .ods or another ZIP?)",
    );
  const rels = relationships(files, part);
  const sheets: { name: string; part: string }[] = [];
  walk(files, part, (el) => {
    if (el.local !== "sheet") return;
    const id = Object.entries(el.attributes).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
    const rel = id ? rels.get(id) : undefined;
    // Chart sheets and dialog sheets have no cells: only worksheets are offered.
    if (rel?.type.endsWith("/worksheet")) sheets.push({ name: el.attributes.name ?? "", part: rel.target });
  });
  const shared = [...rels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target;
  return { part, sheets, ...(shared ? { shared } : {}) };
}

/** Reads one worksheet (the first, or `options.sheet` by name) as rows of cell text. */
export function readXlsxSheetIndependently(bytes: Uint8Array, options: XlsxReadOptions = {}): XlsxSheet {
  // Not a ZIP (an encrypted workbook, an old .xls, any other file): readZip refuses it.
  const files = readZip(bytes, {
    limits: options.limits ?? DEFAULT_ZIP_LIMITS,
    // Only XML parts and relationships are inflated: images and printer settings are never read.
    wanted: (name) => name.endsWith(".xml") || name.endsWith(".rels"),
  });
  const workbook = workbookOf(files);
  const sheetNames = workbook.sheets.map((s) => s.name);
  if (sheetNames.length === 0) throw invalid("the workbook has no worksheet");
  const chosen =
    options.sheet === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === options.sheet);
  if (!chosen)
    throw invalid(`the workbook has no sheet named "${options.sheet}" (sheets: ${sheetNames.join(", ")})`);
  const strings = sharedStrings(files, workbook.shared);
  const rows: XlsxRow[] = [];
  let formulaCells = 0;
  let rowNumber = 0;
  let row: string[] = [];
  let cell: { column: number; type: string; value: string[]; inline: string[] } | null = null;
  let nextColumn = 0;
  const found = walk(
    files,
    chosen.part,
    (el, stack) => {
      if (el.local === "row") {
        const r = Number(el.attributes.r);
        rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
        row = [];
        nextColumn = 0;
      } else if (el.local === "c" && stack[stack.length - 2]?.local === "row") {
        const column = el.attributes.r !== undefined ? columnOf(el.attributes.r) : nextColumn;
        if (column === undefined || column >= MAX_COLUMNS)
          throw invalid(
            `${chosen.part}: row ${rowNumber} has a cell reference "${el.attributes.r}" that is not a cell`,
          );
        cell = { column, type: el.attributes.t ?? "n", value: [], inline: [] };
        nextColumn = column + 1;
      } else if (el.local === "f" && cell) formulaCells++;
    },
    (chars, stack) => {
      if (!cell) return;
      const top = stack[stack.length - 1]?.local;
      if (top === "v") cell.value.push(chars);
      else if (top === "t" && stack.some((e) => e.local === "is") && !stack.some((e) => e.local === "rPh"))
        cell.inline.push(chars);
    },
    (el) => {
      if (el.local === "c" && cell) {
        row[cell.column] = cellText(cell, strings, chosen.part, rowNumber);
        cell = null;
      } else if (el.local === "row") {
        const fields = Array.from(row, (f) => f ?? "");
        if (fields.some((f) => f !== "")) rows.push({ line: rowNumber, fields });
      }
    },
  );
  if (!found)
    throw invalid(`the workbook names sheet "${chosen.name}" at ${chosen.part}, which it does not hold`);
  return { name: chosen.name, sheetNames, rows, formulaCells };
}

function cellText(
  cell: { column: number; type: string; value: string[]; inline: string[] },
  strings: string[],
  part: string,
  row: number,
): string {
  const v = cell.value.join("");
  switch (cell.type) {
    case "s": {
      const text = strings[Number(v)];
      if (v.trim() === "" || text === undefined)
        throw invalid(`${part}: row ${row} points to shared string ${v}, which the workbook does not hold`);
      return text;
    }
    case "inlineStr":
      return decodeXstring(cell.inline.join(""));
    case "str":
    case "e":
    case "d":
      return decodeXstring(v);
    case "b":
      return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
    default:
      return numberText(v);
  }
}
