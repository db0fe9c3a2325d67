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
