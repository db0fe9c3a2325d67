/**
 * Abbreviations whose period the sentence segmenter (segment.ts) must not take for a sentence's end
 * (docs/quality.md, evaluation set 2, sentence rule 3: "an abbreviation that is the last word of a sentence
 * also ends it"), grouped by when they may still end one. Words are lower case, without their periods;
 * dotted abbreviations keep their inner periods (`h.e` for H.E.).
 *
 * - TITLES are written before a name (Mr., Dr., Prof., Amb., Eng., Sr., Gen., H.E.) or after one (Jr., Sr.),
 *   or are months and street words: the capitalised word after them is nearly always a name or another
 *   title (`H.E. Mr. Karim`, `Amb. Dr. Ali`, `Sr. Advisor`), so their period ends a sentence only before a
 *   word that opens sentences and is never a name (`TITLE_BREAKERS`: `…met John Smith Sr. The talks…`,
 *   `…on Main St. It…`). Arabic titles are one letter (`د.` doctor, `م.` engineer, `أ.` ustadh) or dotted
 *   (`أ.د.` professor doctor), also behind the conjunction و / ف (`وم. فهد`, `وأ.د. إيلينا`); the same rule
 *   holds there with Arabic sentence openers (segment.ts: a reporting verb or an opening particle,
 *   `… د. وأكد`), and `م.` / `هـ.` / `ق.م.` after a number are era marks that end a sentence.
 * - REFERENCES are abbreviations only before a number (`No. 5`, `Art. 12`, `para. 3`, `Vol. II`); before
 *   anything else the word is read as a word and its period ends a sentence like any other (the answer
 *   `No.`, `the state of the art.`).
 * - CONNECTIVES (`cf.`, `vs.`, `viz.`, `e.g.`, `i.e.`, `approx.`) never end a sentence, except at a line's
 *   or the text's end.
 */

export const TITLES: ReadonlySet<string> = new Set(
  // courtesy and academic titles, before or after a name
  (
    "mr mrs ms mx mme mlle messrs dr prof sr jr esq hon rt rev fr mgr msgr sh shk " +
    // diplomatic, official and military ranks
    "amb eng engr pres gov sen rep dep gen lt col capt cpt sgt maj adm cmdr cdr brig " +
    // dotted courtesy titles: His/Her Excellency, Highness, Royal Highness, Majesty, Beatitude
    "h.e h.h h.r.h h.m h.b " +
    // months, street words, "et al."
    "jan feb mar apr jun jul aug sep sept oct nov dec st mt ft ave rd blvd dept est al ca"
  ).split(" "),
);

export const REFERENCES: ReadonlySet<string> = new Set(
  "no nos art arts para paras fig figs vol vols pp ch sec op ed eds".split(" "),
);

export const CONNECTIVES: ReadonlySet<string> = new Set("cf vs viz approx e.g i.e".split(" "));

/**
 * Capitalised words that open sentences and are not names: after a title abbreviation (or an initial)
 * they show that its period ended the sentence. Not `A`, `I` or `An`, which are initials and names too.
 */
export const TITLE_BREAKERS: ReadonlySet<string> = new Set(
  (
    "The This That These Those It Its He She They We You His Her Their Our In On At As After Before But " +
    "And Yet However Meanwhile Moreover Furthermore Also There Here When While If Since During Although " +
    "Following Today Yesterday Tomorrow"
  ).split(" "),
);

/**
 * Capitalised words that open a sentence after a dotted abbreviation that is not a title (`U.S.`,
 * `a.m.`, `U.N.`): these often end a sentence, and a title or a pronoun after them starts a new one.
 */
export const DOTTED_BREAKERS: ReadonlySet<string> = new Set([
  ...TITLE_BREAKERS,
  ..."A An I Mr Mrs Ms Dr".split(" "),
]);
