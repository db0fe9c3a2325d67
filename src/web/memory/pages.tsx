import type { ConcordanceItem, Highlight } from "../../db/tm-concordance";
import type { FuzzyMatch } from "../../db/tm-match";
import type { Lang } from "../../types";
import { SegmentStatusBadge } from "../documents/pages";
import { MatchDiff } from "../documents/segment-editor";
import { useI18n, useT } from "../i18n/i18n";
import { memoryText } from "./messages";

export interface MemoryQuery {
  q: string;
  lang: "" | Lang;
  match: string;
  matchLang: Lang;
  minScore: number;
  after: number | null;
}

/** The stored text with the query's words marked (offsets are UTF-16 code units into the stored text). */
function Marked({ text, spans }: { text: string; spans: Highlight[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: (string | ReturnType<typeof Mark>)[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out.push(text.slice(at, s.start));
    out.push(<Mark text={text.slice(s.start, s.end)} />);
    at = s.end;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}
const Mark = ({ text }: { text: string }) => <mark>{text}</mark>;

/** One concordance hit as a table row: both languages with the spans marked, and where it comes from. */
export function Hit({ item }: { item: ConcordanceItem }) {
  const t = useT(memoryText);
  const i18n = useI18n();
  const spans = (lang: Lang) => item.highlights.filter((h) => h.field === lang);
  return (
    <tr>
      <td class="en" lang="en" dir="ltr">
        {item.en === null ? "—" : <Marked text={item.en} spans={spans("en")} />}
      </td>
      <td class="ar" lang="ar" dir="rtl">
        <Marked text={item.ar} spans={spans("ar")} />
      </td>
      <td>
        {item.documentId === null ? (
          t.freeEntry
        ) : (
          <a href={`/documents/${item.documentId}/segments/${item.id}`}>
            {i18n.num(item.documentId)} · {t.segment(item.position + 1)}
          </a>
        )}{" "}
        <SegmentStatusBadge status={item.status} />
      </td>
    </tr>
  );
}

export function MemoryPage(props: {
  query: MemoryQuery;
  hits: ConcordanceItem[] | null;
  nextAfter: number | null;
  matches: FuzzyMatch[] | null;
}) {
  const t = useT(memoryText);
  const i18n = useI18n();
  const q = props.query;
  const moreUrl = () => {
    const p = new URLSearchParams({ q: q.q });
    if (q.lang) p.set("lang", q.lang);
    p.set("after", String(props.nextAfter));
    return `/memory?${p}`;
  };
  return (
    <>
      <h1>{t.title}</h1>
      <section aria-labelledby="conc-h">
        <h2 id="conc-h">{t.concordance}</h2>
        <p class="muted">{t.concordanceIntro}</p>
        <form method="get" action="/memory" class="search">
          <div class="field grow">
            <label for="q">{t.words}</label>
            <input id="q" name="q" type="search" value={q.q} dir="auto" autocomplete="off" />
          </div>
          <div class="field">
            <label for="lang">{t.lang}</label>
            <select id="lang" name="lang">
              <option value="" selected={q.lang === ""}>
                {t.both}
              </option>
              <option value="ar" selected={q.lang === "ar"}>
                {t.arabic}
              </option>
              <option value="en" selected={q.lang === "en"}>
                {t.english}
              </option>
            </select>
          </div>
          <button type="submit">{t.search}</button>
        </form>
        {props.hits === null ? null : props.hits.length === 0 ? (
          <p class="muted" id="hits">
            {t.noHits}
          </p>
        ) : (
          <table class="beads hits" id="hits" aria-label={t.hits}>
            <thead>
              <tr>
                <th scope="col">{t.english}</th>
                <th scope="col" class="ar-col">
                  {t.arabic}
                </th>
                <th scope="col">{t.document}</th>
              </tr>
            </thead>
            <tbody>
              {props.hits.map((h) => (
                <Hit item={h} />
              ))}
            </tbody>
          </table>
        )}
        {props.nextAfter !== null ? (
          <p>
            <a href={moreUrl()} rel="next">
              {t.more}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="match-h">
        <h2 id="match-h">{t.matches}</h2>
        <p class="muted">{t.matchesIntro}</p>
        <form method="get" action="/memory" class="search">
          <div class="field grow">
            <label for="match">{t.sentence}</label>
            <input id="match" name="match" type="search" value={q.match} dir="auto" autocomplete="off" />
          </div>
          <div class="field">
            <label for="mlang">{t.lang}</label>
            <select id="mlang" name="mlang">
              <option value="ar" selected={q.matchLang === "ar"}>
                {t.arabic}
              </option>
              <option value="en" selected={q.matchLang === "en"}>
                {t.english}
              </option>
            </select>
          </div>
          <div class="field">
            <label for="min">{t.minScore}</label>
            <select id="min" name="min">
              {[50, 60, 70, 80, 90, 100].map((n) => (
                <option value={String(n)} selected={q.minScore === n}>
                  {t.score(n)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.find}</button>
        </form>
        {props.matches === null ? null : props.matches.length === 0 ? (
          <p class="muted" id="matches">
            {t.noMatches}
          </p>
        ) : (
          <ol class="matches" id="matches">
            {props.matches.map((m) => (
              <li>
                <strong class="score">{t.score(m.score)}</strong>{" "}
                <span lang={q.matchLang} dir={q.matchLang === "ar" ? "rtl" : "ltr"}>
                  <MatchDiff parts={m.diff} />
                </span>
                <div lang={q.matchLang === "ar" ? "en" : "ar"} dir={q.matchLang === "ar" ? "ltr" : "rtl"}>
                  {q.matchLang === "ar" ? m.en : m.ar}
                </div>
                <span class="muted">
                  <SegmentStatusBadge status={m.status} />
                  {m.occurrences > 1 ? ` · ${t.occurrences(m.occurrences)}` : null}
                  {m.documentId !== null ? (
                    <>
                      {" · "}
                      <a href={`/documents/${m.documentId}/segments/${m.segmentId}`}>
                        {i18n.num(m.documentId)}
                      </a>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
