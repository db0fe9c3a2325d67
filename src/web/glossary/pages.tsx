import { type GlossaryEntry, TERM_STATUSES } from "../../types";
import { headTerm, StatusBadge, TermText, useStatusName, Value, valueLang } from "../components";
import { useT } from "../i18n/i18n";
import { glossaryText } from "./messages";

export interface ListFilters {
  q: string;
  domain: string;
  status: string;
  after: number | null;
}

function listUrl(f: ListFilters, after: number | null): string {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.domain) p.set("domain", f.domain);
  if (f.status) p.set("status", f.status);
  if (after !== null) p.set("after", String(after));
  const s = p.toString();
  return s ? `/glossary?${s}` : "/glossary";
}

export function GlossaryPage(props: {
  filters: ListFilters;
  domains: string[];
  entries: GlossaryEntry[];
  hasMore: boolean;
  writable: boolean;
  exportFormats: string[];
}) {
  const f = props.filters;
  const t = useT(glossaryText);
  const statusName = useStatusName();
  return (
    <>
      <div class="titlebar">
        <h1>{t.title}</h1>
        {props.writable ? (
          <a class="button" href="/glossary/new">
            {t.newEntry}
          </a>
        ) : null}
      </div>
      <form method="get" action="/glossary" class="search" id="search-form">
        <div class="field grow">
          <label for="q">{t.search}</label>
          <input
            id="q"
            name="q"
            type="search"
            value={f.q}
            dir="auto"
            autocomplete="off"
            aria-keyshortcuts="/"
            title={t.searchHint}
          />
        </div>
        <div class="field">
          <label for="domain">{t.domain}</label>
          <select id="domain" name="domain">
            <option value="">{t.allDomains}</option>
            {props.domains.map((d) => (
              <option value={d} selected={d === f.domain} {...valueLang(d)}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">{t.status}</label>
          <select id="status" name="status">
            <option value="">{t.anyStatus}</option>
            {TERM_STATUSES.map((s) => (
              <option value={s} selected={s === f.status}>
                {statusName(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.submit}</button>
      </form>
      <ResultCount entries={props.entries} hasMore={props.hasMore} />
      <Results {...props} />
      <section class="exports" aria-label={t.export}>
        <h2>{t.export}</h2>
        <p class="actions">
          {props.exportFormats.map((f) => (
            <a class="button secondary" href={`/glossary/export?format=${f}`} download>
              {t.exportAs(f === "tbx2008" ? "TBX 2008" : f === "omegat" ? "OmegaT" : f.toUpperCase())}
            </a>
          ))}
        </p>
      </section>
    </>
  );
}

/**
 * The number of results, a live region outside the results: when live search replaces the results, only
 * this sentence is announced, not the whole table (public/web/app.js copies the new count into it).
 */
export function ResultCount(props: { entries: GlossaryEntry[]; hasMore: boolean }) {
  const t = useT(glossaryText);
  const n = props.entries.length;
  return (
    <output class="result-count" id="result-count" aria-live="polite">
      {n === 0 ? t.noMatch : props.hasMore ? t.countMore(n) : t.count(n)}
    </output>
  );
}

/** The results region: also served alone (x-fragment: results) for the live search script. */
export function Results(props: { filters: ListFilters; entries: GlossaryEntry[]; hasMore: boolean }) {
  const f = props.filters;
  const t = useT(glossaryText);
  const last = props.entries[props.entries.length - 1];
  const n = props.entries.length;
  return (
    <section id="results" aria-label={t.results}>
      {n === 0 ? null : (
        <table class="entries">
          <thead>
            <tr>
              <th scope="col" class="ar-head">
                {t.arabic}
              </th>
              <th scope="col">{t.english}</th>
              <th scope="col">{t.domain}</th>
              <th scope="col">{t.otherTerms}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => {
              const ar = headTerm(e, "ar");
              const en = headTerm(e, "en");
              const others = e.terms.filter((t) => t !== ar && t !== en);
              return (
                <tr>
                  <td class="ar-cell" lang="ar" dir="rtl">
                    <a href={`/glossary/${e.id}`} lang="ar">
                      {ar?.text ?? "—"}
                    </a>
                  </td>
                  <td lang="en" dir="ltr">
                    <a href={`/glossary/${e.id}`}>{en?.text ?? "—"}</a>
                  </td>
                  <td class="domain">
                    <Value text={e.domain} />
                  </td>
                  <td class="others">
                    {others.map((t) => (
                      <span class={`term term-${t.status}`}>
                        <TermText term={t} /> <StatusBadge status={t.status} />
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t.pages}>
        {f.after !== null ? <a href={listUrl(f, null)}>{t.firstPage}</a> : null}
        {props.hasMore && last ? (
          <a href={listUrl(f, last.id)} rel="next">
            {t.nextPage}
          </a>
        ) : null}
      </nav>
    </section>
  );
}
