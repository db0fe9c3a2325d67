/**
 * What text extraction from a document file (DOCX, HTML) gives: the running text with paragraph
 * boundaries, and an account of what the file held that the text does not (or holds elsewhere), so nothing
 * is lost silently.
 */

/** Paragraphs (headings, list items, table cells…) are joined by this; a line break inside one is "\n". */
export const PARAGRAPH_BREAK = "\n\n";

export interface ExtractionNote {
  /** What it is: "comments", "headers", "footers", "deleted-text", "footnotes", "endnotes", "images"… */
  what: string;
  /** How many of them. */
  count: number;
  /** What became of them, in words. */
  detail: string;
}

export interface ExtractedText {
  /** Paragraphs joined by PARAGRAPH_BREAK; "" when the file holds no text. */
  text: string;
  /** Paragraphs in `text`. */
  paragraphs: number;
  /** Kept in the text but moved or changed (footnotes appended at the end…). */
  kept: ExtractionNote[];
  /** In the file but not in the text (comments, headers and footers, deleted tracked changes…). */
  leftOut: ExtractionNote[];
}

/** Collects paragraphs: trims each line's ends, drops empty paragraphs, counts what was kept or left out. */
export class TextCollector {
  private readonly out: string[] = [];
  private readonly kept = new Map<string, ExtractionNote>();
  private readonly leftOut = new Map<string, ExtractionNote>();

  paragraph(raw: string): void {
    const text = raw
      .split("\n")
      .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ""))
      .join("\n")
      .replace(/^\n+|\n+$/g, "")
      .replace(/\n{2,}/g, "\n");
    if (text.trim() !== "") this.out.push(text);
  }

  keep(what: string, count: number, detail: string): void {
    if (count > 0) add(this.kept, what, count, detail);
  }

  leave(what: string, count: number, detail: string): void {
    if (count > 0) add(this.leftOut, what, count, detail);
  }

  result(): ExtractedText {
    return {
      text: this.out.join(PARAGRAPH_BREAK),
      paragraphs: this.out.length,
      kept: [...this.kept.values()],
      leftOut: [...this.leftOut.values()],
    };
  }
}

function add(notes: Map<string, ExtractionNote>, what: string, count: number, detail: string): void {
  const note = notes.get(what);
  if (note) note.count += count;
  else notes.set(what, { what, count, detail });
}
