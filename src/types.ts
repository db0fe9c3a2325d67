/**
 * Domain vocabulary shared by the pure engine (src/text, src/formats), the database layer and the routes.
 * No imports: this file must stay usable from Node scripts, workerd and the browser alike.
 */
export const SEGMENT_STATUSES = ["new", "translated", "reviewed", "approved"] as const;
export const SEGMENT_ORIGINS = ["manual", "aligned", "xliff", "tmx", "tm"] as const;
export const TERM_STATUSES = ["preferred", "admitted", "deprecated", "forbidden"] as const;
export const LANGS = ["ar", "en"] as const;
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;

export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
export type SegmentOrigin = (typeof SEGMENT_ORIGINS)[number];
export type TermStatus = (typeof TERM_STATUSES)[number];
export type Lang = (typeof LANGS)[number];
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A term a translator may use: preferred or admitted (deprecated and forbidden ones are to be avoided). */
export const isApprovedStatus = (status: TermStatus): boolean =>
  status === "preferred" || status === "admitted";

/** An entry's approved translations into `lang`: its preferred and admitted terms in that language, in order. */
export function approvedTerms<T extends { lang: Lang; status: TermStatus }>(
  terms: readonly T[],
  lang: Lang,
): T[] {
  return terms.filter((t) => t.lang === lang && isApprovedStatus(t.status));
}

export interface Term {
  lang: Lang;
  text: string;
  status: TermStatus;
  partOfSpeech: string | null;
  note: string | null;
}

/**
 * What a glossary entry says — its fields and terms, without the server's bookkeeping (id, version, dates):
 * the one entry shape of API input, history snapshots, the web form, imports and every exchange format.
 */
export interface EntryContent {
  domain: string;
  definition: string | null;
  note: string | null;
  source: string | null;
  terms: Term[];
}

/** Entry content with the external key exchange files name it by: its seed key, or `entry-<id>`. */
export type KeyedEntry = EntryContent & { key: string };

/** A concept-oriented glossary entry, as the API returns it. */
export interface GlossaryEntry extends EntryContent {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Inline codes (one model for every exchange format: src/formats/inline.ts, docs/formats.md "Inline
 * codes"): kept beside a segment's plain text, anchored at UTF-16 offsets of it.
 */
/** An opening or closing half of a paired code, or a code standing alone (a placeholder). */
export type CodeKind = "open" | "close" | "standalone";

/** A marker around text that is not a code of the original document (a term, protected text, a comment). */
export interface Marker {
  /** 2.x `mrk/@type` vocabulary: "generic", "comment", "term", or a 1.2 `mtype` / TMX `hi/@type` as written. */
  type: string;
  value?: string;
  ref?: string;
  /** false for text that must not be translated (1.2 `mtype="protected"`, 2.x `translate="no"`). */
  translate?: boolean;
}

export interface InlineCode {
  kind: CodeKind;
  /**
   * The code's identity. An open and its close share it (1.2 `g`/`bpt`-`ept` id, `bx`-`ex` rid, 2.x `sc`
   * id = `ec` startRef, TMX `x` or else `i`), and a target code has the id of the source code it renders.
   */
  id: string;
  /** UTF-16 offset in the plain text before which the code sits; codes at one offset keep file order. */
  at: number;
  /** An open or close whose partner is outside the unit (1.2 `it`, 2.x `isolated="yes"`, TMX `it`). */
  isolated?: true;
  /**
   * The original (native) code: the content of 1.2 and TMX `bpt`/`ept`/`ph`/`it`/`ut`, or the 2.x
   * `originalData` entry the code refers to. Absent for codes that carry none (1.2 `g`/`x`/`bx`/`ex`).
   */
  data?: string;
  /** Plain-text equivalent: 1.2 `equiv-text`, 2.x `equiv` / `equivStart` / `equivEnd`. */
  equiv?: string;
  /** What a tool displays for it: 2.x `disp` / `dispStart` / `dispEnd`. */
  disp?: string;
  /** 2.x `type` (fmt, ui, quote, link, image, other) and `subType` (xlf:b, xlf:i, xlf:u, xlf:lb, …). */
  type?: string;
  subType?: string;
  /** 1.2 `ctype` or TMX `type`, as written (bold, italic, link, lb, x-…). */
  ctype?: string;
  /** Set for markers (1.2 `mrk` other than segments, 2.x `mrk` and `sm`/`em`, TMX `hi`). */
  marker?: Marker;
  /** A character XML 1.0 cannot carry, as 2.x writes it (`<cp hex="0007"/>`): its code point. */
  cp?: number;
}

/** A stored segment (one translation unit), as the API returns it. */
export interface Segment {
  id: number;
  documentId: number | null;
  position: number;
  ar: string;
  en: string | null;
  status: SegmentStatus;
  origin: SegmentOrigin;
  score: number | null;
  version: number;
  /** Inline codes of `ar` and `en` (empty when none; `enCodes` empty when `en` is null). */
  arCodes: InlineCode[];
  enCodes: InlineCode[];
  /** `ar` and `en` with their codes as placeholders `{1}…{/1}`, `{2/}` (src/formats/inline-tagged.ts). */
  arTagged: string;
  enTagged: string | null;
  /** Who set the status and when (document segments; null when set at creation or import). */
  statusBy?: string | null;
  statusAt?: string | null;
  /** Whitespace after each side in its language's running text (document segments: src/text/bead-edit.ts). */
  arGap?: string;
  enGap?: string;
}
