/**
 * OmegaT's glossary file (GlossaryReaderTSV): UTF-8 text, one term pair a line, `source TAB target TAB
 * comment`, lines starting with `#` are comments. OmegaT reads a `.txt` file as UTF-8 when its first line
 * carries the Emacs magic comment `-*- coding: utf-8 -*-` (as OmegaT's own glossaries do), and shows every
 * line whose source term it finds in the segment, so the file offers only what a translator may use:
 *
 * - one line per Arabic term × English term, both preferred or admitted (Diwan translates Arabic → English,
 *   so the project's source language is Arabic);
 * - the comment says which English term is preferred, names every deprecated and forbidden English term as
 *   one not to use, and gives the domain and definition.
 *
 * It is a view for the CAT tool, not a round-trip format (statuses, notes and keys are not all in it):
 * exchange the glossary itself as TBX, CSV or TSV. Tabs and line breaks in a comment become spaces.
 */
import { type EntryContent, isApprovedStatus, type Term } from "../types";

export const OMEGAT_MAGIC_LINE = "# Glossary in tab-separated format -*- coding: utf-8 -*-";

const flat = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();

function comment(e: EntryContent, en: Term, avoided: Term[]): string {
  const parts = [en.status === "preferred" ? "preferred" : "admitted"];
  if (avoided.length > 0)
    parts.push(`do not use: ${avoided.map((t) => `${t.text} (${t.status})`).join(", ")}`);
  if (en.note) parts.push(en.note);
  parts.push(`domain: ${e.domain}`);
  if (e.definition) parts.push(e.definition);
  return flat(parts.join("; "));
}

export function writeOmegatGlossary(entries: Iterable<EntryContent>): string {
  const lines = [OMEGAT_MAGIC_LINE, "# Diwan glossary: Arabic source term, English target term, comment"];
  for (const e of entries) {
    const ar = e.terms.filter((t) => t.lang === "ar" && isApprovedStatus(t.status));
    const en = e.terms.filter((t) => t.lang === "en" && isApprovedStatus(t.status));
    const avoided = e.terms.filter((t) => t.lang === "en" && !isApprovedStatus(t.status));
    for (const a of ar)
      for (const t of en) lines.push([flat(a.text), flat(t.text), comment(e, t, avoided)].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}
