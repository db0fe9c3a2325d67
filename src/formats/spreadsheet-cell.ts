/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a glossary export could carry
 * `=HYPERLINK(…)` or a DDE command to whoever opens it. Exports prefix such cells with an apostrophe (which
 * spreadsheets treat as "text follows"); imports take it off again, so a round trip through Diwan is
 * lossless: "-ism", "+" or "=" as terms come back as they were.
 *
 * The rule, with T the trigger characters: a cell matching /^'*T/ (any apostrophes, then a trigger) gains one
 * apostrophe; a cell matching /^'+T/ loses one. Every cell the writer prefixed matches the second pattern
 * and none it left alone does, so restore(neutralize(s)) === s for every s, and a plain leading apostrophe
 * ("'s", "'alawite") is never touched in either direction.
 */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

export function neutralizeFormula(cell: string): string {
  return NEEDS_PREFIX.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return PREFIXED.test(cell) ? cell.slice(1) : cell;
}
