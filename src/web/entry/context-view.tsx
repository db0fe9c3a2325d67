import type { GlossaryEntry } from "../../types";
import type { TermContext } from "../../usecases/term-context";
import { headTermsInOrder, TermText } from "../components";
import { Fill } from "../i18n/fill";
import { useI18n, useT } from "../i18n/i18n";
import { memoryText } from "../memory/messages";
import { Hit } from "../memory/pages";
import { contextText } from "./messages";

/** The entry's terms in up to five memory segments (both languages, the terms marked), under the entry. */
export function TermContextView({ entry, context }: { entry: GlossaryEntry; context: TermContext }) {
  const t = useT(contextText);
  const m = useT(memoryText);
  const [head] = headTermsInOrder(entry, useI18n().locale);
  const moreUrl = head ? `/memory?${new URLSearchParams({ q: head.text, lang: head.lang })}` : null;
  return (
    <section class="term-context" aria-labelledby="context-h">
      <h2 id="context-h">{t.title}</h2>
      <p class="muted">{t.intro}</p>
      {context.items.length === 0 ? (
        <p class="muted" id="context-none">
          {t.none}
        </p>
      ) : (
        <table class="hits" id="context" aria-label={t.segments}>
          <thead>
            <tr>
              <th scope="col">{m.english}</th>
              <th scope="col" class="ar-col">
                {m.arabic}
              </th>
              <th scope="col">{m.document}</th>
            </tr>
          </thead>
          <tbody>
            {context.items.map((item) => (
              <Hit item={item} />
            ))}
          </tbody>
        </table>
      )}
      {context.more && head && moreUrl ? (
        <p>
          <a href={moreUrl}>
            <Fill text={t.more} slots={{ term: <TermText term={head} /> }} />
          </a>
        </p>
      ) : null}
    </section>
  );
}
