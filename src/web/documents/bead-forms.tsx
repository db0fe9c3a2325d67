import { sentenceStarts } from "../../text/bead-edit";
import type { Lang, Segment } from "../../types";
import { CsrfField } from "../components";
import { useT } from "../i18n/i18n";
import { beadText, reviewText } from "./messages";
import { BEAD_OPS } from "./review-parts";

/** The first words of a sentence, to name it in a list. */
const opening = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/** One language's split point: before one of its sentences (listed), or at a typed UTF-16 offset. */
function SplitPoint({ lang, text }: { lang: Lang; text: string }) {
  const t = useT(beadText);
  const starts = text === "" ? [] : sentenceStarts(text, lang);
  const dir = lang === "ar" ? "rtl" : "ltr";
  return (
    <fieldset class="split-lang">
      <legend>{lang === "ar" ? t.splitAr : t.splitEn}</legend>
      <label for={`${lang}_point`}>{t.before}</label>
      <select id={`${lang}_point`} name={`${lang}_point`}>
        <option value="">{t.noSplit}</option>
        {starts.slice(1).map((at, i) => (
          <option value={`s${i + 1}`} lang={lang} dir={dir}>
            {`${i + 2}: ${opening(text.slice(at))}`}
          </option>
        ))}
      </select>
      <label for={`${lang}_offset`}>{t.offset(text.length)}</label>
      <input id={`${lang}_offset`} name={`${lang}_offset`} inputmode="numeric" pattern="[0-9]*" size={6} />
    </fieldset>
  );
}

/**
 * The bead operations on one segment as plain forms (they work without script): split at a sentence
 * boundary or an offset of either language, merge with the next, move the first / last sentence of either
 * language to the neighbour, mark untranslated. All post to the review page's ops handler against the
 * document version this page showed; the review page then says what was done and offers its undo.
 */
export function BeadForms({
  docId,
  docVersion,
  segment: s,
  csrfToken,
}: {
  docId: number;
  docVersion: number;
  segment: Segment;
  csrfToken: string;
}) {
  const t = useT(beadText);
  const r = useT(reviewText);
  const hidden = (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="v" value={String(docVersion)} />
      <input type="hidden" name="only" value={String(s.id)} />
    </>
  );
  return (
    <section aria-labelledby="bead-h" class="bead-forms">
      <h2 id="bead-h">{t.title}</h2>
      <p class="muted">{t.intro}</p>
      <form method="post" action={`/documents/${docId}/ops`} id="split" class="stack" tabindex={-1}>
        {hidden}
        <h3>{t.split}</h3>
        <div class="pair">
          <SplitPoint lang="en" text={s.en ?? ""} />
          <SplitPoint lang="ar" text={s.ar} />
        </div>
        <p class="actions">
          <button type="submit" name="action" value="split">
            {t.splitButton}
          </button>
        </p>
      </form>
      <form method="post" action={`/documents/${docId}/ops`} class="actions bead-buttons">
        {hidden}
        {BEAD_OPS.filter(([op]) => op !== "realign" && op !== "approve-range").map(([op, , label]) => (
          <button type="submit" name="action" value={op} class="secondary">
            {r[label]}
          </button>
        ))}
      </form>
    </section>
  );
}
