/**
 * When two memory pairs are the same pair (issue 12): equal after Unicode NFC and white-space
 * normalisation only — never after case or Arabic search folding (`normalizeForSearch`), so `XXX` and
 * `XXx`, or a text with and without diacritics, are two pairs. Every key-equal pair is also equal after
 * `normalizeForSearch` (NFKC of NFC is NFKC; it collapses the same white space), so the `ar_norm` index
 * finds the candidates and the key decides.
 */

/** White space as JavaScript's `\s`, without U+FEFF (a BOM / zero-width no-break space is text here). */
const SPACE = /[\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** The text in NFC, white-space runs collapsed to one space, trimmed. */
export function pairKey(text: string): string {
  return text.normalize("NFC").replace(SPACE, " ").trim();
}

/** The key column's value: NULL when the text is its own key (most texts), so the column stays small. */
export function pairKeyColumn(text: string): string | null {
  const key = pairKey(text);
  return key === text ? null : key;
}
