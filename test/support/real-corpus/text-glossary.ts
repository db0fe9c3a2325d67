// Glossaries as delimited text: CSV (RFC 4180), TSV, and OmegaT's glossary (.txt/.tab: tab-separated
// source, target, comment; lines starting with # are comments). Independent reader.

export interface TextGlossaryReading {
  format: "csv" | "tsv" | "omegat";
  rows: string[][];
  /** The 1-based line on which each row starts. */
  lines: number[];
  /** Comment lines (OmegaT). */
  comments: number;
}

export class TextGlossaryError extends Error {}

export function readTextGlossary(text: string, format: TextGlossaryReading["format"]): TextGlossaryReading {
  const body = text.replace(/^\uFEFF/, "");
  if (format === "csv") return { format, ...csvRows(body), comments: 0 };
  let comments = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const [i, line] of body.split(/\r\n|\n|\r/).entries()) {
    if (line === "") continue;
    if (format === "omegat" && line.startsWith("#")) {
      comments++;
      continue;
    }
    rows.push(line.split("\t"));
    lines.push(i + 1);
  }
  return { format, rows, lines, comments };
}

function csvRows(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let start = 1;
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
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
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
      lines.push(start);
      row = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      start = ++line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new TextGlossaryError("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
    lines.push(start);
  }
  const kept = rows.map((r, i) => [r, lines[i]!] as const).filter(([r]) => r.some((f) => f !== ""));
  return { rows: kept.map(([r]) => r), lines: kept.map(([, l]) => l) };
}
