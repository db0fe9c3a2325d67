// Glossaries as delimited text: CSV (RFC 4180), TSV, and OmegaT's glossary (.txt/.tab: tab-separated
// source, target, comment; lines starting with # are comments). Independent reader.

export interface TextGlossaryReading {
  format: "csv" | "tsv" | "omegat";
  rows: string[][];
  /** Comment lines (OmegaT). */
  comments: number;
}

export class TextGlossaryError extends Error {}

export function readTextGlossary(text: string, format: TextGlossaryReading["format"]): TextGlossaryReading {
  const body = text.replace(/^\uFEFF/, "");
  if (format === "csv") return { format, rows: csvRows(body), comments: 0 };
  let comments = 0;
  const rows: string[][] = [];
  for (const line of body.split(/\r\n|\n|\r/)) {
    if (line === "") continue;
    if (format === "omegat" && line.startsWith("#")) {
      comments++;
      continue;
    }
    rows.push(line.split("\t"));
  }
  return { format, rows, comments };
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new TextGlossaryError("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ""));
}
