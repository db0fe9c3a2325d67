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

export interface Term {
  lang: Lang;
  text: string;
  status: TermStatus;
  partOfSpeech: string | null;
  note: string | null;
}

/** A concept-oriented glossary entry, as the API returns it. */
export interface GlossaryEntry {
  id: number;
  domain: string;
  definition: string | null;
  note: string | null;
  source: string | null;
  terms: Term[];
  version: number;
  createdAt: string;
  updatedAt: string;
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
}
