/**
 * Writing an .xlsx workbook of text cells (ECMA-376 SpreadsheetML, transitional): the parts Excel itself
 * writes for such a workbook (content types, relationships, workbook, styles, a shared-string table, one
 * worksheet per sheet), zipped by zip.ts. Every cell is a string: nothing is ever a formula or a number, so
 * "=HYPERLINK(…)" or "0012" arrive as written. A cell a spreadsheet would run as a formula if retyped gets
 * Excel's own "text follows" mark (the quotePrefix style, what typing a leading apostrophe gives), so the value
 * stays exact. Read back by xlsx-read.ts; the tests also read it with an independent reader (SheetJS).
 */
import { escapeXmlAttr, escapeXmlText } from "./xml-escape";
import { writeZip } from "./zip";

export interface XlsxSheetInput {
  /** 1–31 characters, none of : \ / ? * [ ] (Excel's rule). */
  name: string;
  /** Rows of cells; null or "" is an empty cell. */
  rows: ReadonlyArray<ReadonlyArray<string | null>>;
  /** Column widths in characters (Excel's unit), from column A. */
  widths?: number[];
  /** The first row is a header: bold, frozen while scrolling. */
  header?: boolean;
  /** Cells wrap their text (multi-line definitions and notes show whole). */
  wrap?: boolean;
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A leading character that makes a retyped cell a formula (spreadsheet-cell.ts has the same rule for CSV). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Style indexes of cellXfs below. */
const STYLE = { plain: 0, header: 1, wrap: 2, quoted: 3, quotedWrap: 4 } as const;

const STYLES = `${DECL}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** ST_Xstring: a literal "_xHHHH_" in the text is written "_x005F_xHHHH_" so readers do not decode it. */
const encodeXstring = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_");

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;
  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => {
      const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : "";
      return `<si><t${space}>${escapeXmlText(encodeXstring(s))}</t></si>`;
    });
    return `${DECL}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.list.length}">${items.join("")}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheetInput, strings: SharedStrings): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const last = `${columnName(width - 1)}${Math.max(1, sheet.rows.length)}`;
  const view = sheet.header
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const rows = sheet.rows.map((cells, r) => {
    const isHeader = sheet.header === true && r === 0;
    const out: string[] = [];
    cells.forEach((value, c) => {
      if (value === null || value === "") return;
      const quoted = FORMULA_START.test(value);
      const style = isHeader
        ? STYLE.header
        : quoted
          ? sheet.wrap
            ? STYLE.quotedWrap
            : STYLE.quoted
          : sheet.wrap
            ? STYLE.wrap
            : STYLE.plain;
      const s = style === STYLE.plain ? "" : ` s="${style}"`;
      out.push(`<c r="${columnName(c)}${r + 1}"${s} t="s"><v>${strings.of(value)}</v></c>`);
    });
    return `<row r="${r + 1}">${out.join("")}</row>`;
  });
  return `${DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${last}"/>${view}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows.join("")}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** The workbook as .xlsx bytes; sheets in the given order, the first one active. */
export function writeXlsx(sheets: readonly XlsxSheetInput[]): Uint8Array {
  if (sheets.length === 0) throw new Error("writeXlsx: a workbook needs at least one sheet");
  const names = new Set<string>();
  for (const { name } of sheets) {
    if (
      name.length < 1 ||
      name.length > 31 ||
      SHEET_NAME_FORBIDDEN.test(name) ||
      names.has(name.toLowerCase())
    )
      throw new Error(`writeXlsx: "${name}" is not a valid sheet name`);
    names.add(name.toLowerCase());
  }
  const strings = new SharedStrings();
  const sheetParts = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: sheetXml(sheet, strings),
  }));
  const contentTypes = `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const rootRels = `${DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${escapeXmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  const n = sheets.length;
  const workbookRels = `${DECL}<Relationships xmlns="${PKG_REL_NS}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  return writeZip([
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
    { name: "xl/styles.xml", data: STYLES },
    ...sheetParts,
    { name: "xl/sharedStrings.xml", data: strings.xml() },
  ]);
}
