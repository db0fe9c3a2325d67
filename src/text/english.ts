/**
 * English word forms for term matching: one canonical spelling for British and American variants, the
 * singular a glossary word is keyed by, and the prefixes that change a term's meaning. Words are
 * normalised (lower case) and without a possessive. Both sides of a comparison go through the same
 * canonical spelling, so a rule may only merge forms that are the same word: it never needs to produce
 * a real spelling (advise → advize is harmless), only never to merge two different words.
 */

// -ise/-ize and -yse/-yze with their inflections (organisation, recognised, analyse).
const ISE = /^(.{3,})is(e|es|ed|ing|er|ers|ation|ations|ational|able)$/;
const YSE = /^(.{2,})ys(e|es|ed|ing|er|ers)$/;
// -our/-or after three letters or more (colour, honour, labour, neighbourhood, favourite; not four,
// hour, tour, your, flour).
const OUR = /^(.{3,})our(s|ed|ing|able|ably|ite|ites|ful|less|er|ers|hood|hoods|ism)?$/;
// -tre/-bre (centre, theatre, metre, fibre, calibre).
const TRE = /^(.{2,}[tb])re(s)?$/;
// Doubled l before a suffix after an unstressed e or a (travelled, modelling, counsellor, signalled).
const DOUBLE_L = /^(.{3,}[ea])ll(ed|ing|er|ers|or|ors)$/;
// -gramme (programme, kilogramme), -logue/-gogue (dialogue, catalogue, analogue, demagogue).
const GRAMME = /^(.*gram)me(s)?$/;
const OGUE = /^(.{3,}og)ue(s)?$/;
// judgement, acknowledgement.
const DGEMENT = /^(.*dg)ement(s)?$/;
/** Doublets that differ in a letter no rule describes: each variant mapped to one form. */
const DOUBLETS = new Map<string, string>([
  ["advisor", "adviser"],
  ["advisors", "advisers"],
  ["protestor", "protester"],
  ["protestors", "protesters"],
  ["conveyor", "conveyer"],
  ["imposter", "impostor"],
  ["defense", "defence"],
  ["defenses", "defences"],
  ["offense", "offence"],
  ["offenses", "offences"],
  ["license", "licence"],
  ["licenses", "licences"],
  ["pretense", "pretence"],
  ["aging", "ageing"],
  ["enrollment", "enrolment"],
  ["fulfill", "fulfil"],
  ["fulfillment", "fulfilment"],
  ["installment", "instalment"],
  ["skillful", "skilful"],
  ["gray", "grey"],
  ["maneuver", "manoeuvre"],
  ["maneuvers", "manoeuvres"],
  ["aluminum", "aluminium"],
]);

/** The one spelling British and American variants of a normalised English word are compared in. */
export function canonicalSpelling(word: string): string {
  if (word.length < 5) return word;
  const w = DOUBLETS.get(word) ?? word;
  let m = ISE.exec(w);
  if (m) return `${m[1]}iz${m[2]}`;
  m = YSE.exec(w);
  if (m) return `${m[1]}yz${m[2]}`;
  m = OUR.exec(w);
  if (m) return `${m[1]}or${m[2] ?? ""}`;
  m = TRE.exec(w);
  if (m) return `${m[1]}er${m[2] ?? ""}`;
  m = DOUBLE_L.exec(w);
  if (m) return `${m[1]}l${m[2]}`;
  m = GRAMME.exec(w);
  if (m) return `${m[1]}${m[2] ?? ""}`;
  m = OGUE.exec(w);
  if (m) return `${m[1]}${m[2] ?? ""}`;
  m = DGEMENT.exec(w);
  if (m) return `${m[1]}ment${m[2] ?? ""}`;
  return w;
}

// Words in -s that are not plurals of a word without it.
const NOT_PLURAL = /(ss|us|is|ics|ous)$/;
const SINGULAR_IN_S = new Set([
  "news",
  "series",
  "species",
  "means",
  "headquarters",
  "whereas",
  "perhaps",
  "always",
  "nevertheless",
]);

/**
 * The singular a plural glossary word is keyed by (threats → threat, countries → country, churches →
 * church), so that a text with either number meets it: the text side offers the singulars of its plurals
 * (latinCandidates). Only regular plurals of 6+ letters: Hamas, arms, news keep their s.
 */
export function singularGlossaryWord(w: string): string {
  if (w.length < 6 || !w.endsWith("s") || NOT_PLURAL.test(w) || SINGULAR_IN_S.has(w)) return w;
  if (w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(ch|sh|ss|x|z)es$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

/**
 * Singular forms of a normalised text word that is a Latin or Greek plural (memoranda → memorandum,
 * fora → forum, criteria → criterion, crises → crisis).
 */
export function classicalSingulars(w: string, visit: (key: string) => void): void {
  if (w.length < 5) return;
  if (w.endsWith("a")) {
    visit(`${w.slice(0, -1)}um`);
    visit(`${w.slice(0, -1)}on`);
  } else if (w.endsWith("ses")) visit(`${w.slice(0, -2)}is`);
}

/**
 * Prefixes that make another concept of the term they are joined to by a hyphen (non-permanent members
 * are not permanent members, an Under-Secretary-General is not the Secretary-General); `non` also when
 * written apart. A term is not found right after one.
 */
const MEANING_PREFIXES = new Set([
  "non",
  "anti",
  "counter",
  "pro",
  "post",
  "pre",
  "ex",
  "vice",
  "co",
  "under",
  "sub",
  "quasi",
  "pseudo",
  "semi",
  "neo",
  "de",
  "re",
  "un",
  "mis",
  "dis",
  "over",
  "self",
  "mid",
  "extra",
  "ultra",
  "super",
]);

/** 2 for `non` (a prefix also when written apart), 1 for the other meaning prefixes, else 0. */
export function meaningPrefix(w: string): number {
  if (w === "non") return 2;
  return MEANING_PREFIXES.has(w) ? 1 : 0;
}
