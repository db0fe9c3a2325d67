import { type Lang, TERM_STATUSES, type TermStatus } from "../../types";
import type { EntrySort, FindResult, FoundEntry } from "../../usecases/glossary-search";
import { headTerm, StatusBadge, useLangName, useStatusName, Value, valueLang } from "../components";
import { useT } from "../i18n/i18n";
import { MarkedTerm } from "./highlight";
import { glossaryText } from "./messages";

export interface ListFilters {
  q: string;
  lang: "" | Lang;
  domain: string;
  status: "" | TermStatus;
  sort: "" | EntrySort;
  /** 1-based page of results. */
  page: number;
}

export interface ListProps {
  filters: ListFilters;
  found: FindResult;
  pageSize: number;
}

/** The list's address with these filters (and page); `path` is /glossary or /glossary/export. */
export function listUrl(f: ListFilters, page: number, path = "/glossary", extra: [string, string][] = []) {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.lang) p.set("lang", f.lang);
  if (f.domain) p.set("domain", f.domain);
  if (f.status) p.set("status", f.status);
  if (f.sort) p.set("sort", f.sort);
  if (page > 1) p.set("page", String(page));
  for (const [k, v] of extra) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

const SORTS: EntrySort[] = ["relevance", "term", "domain", "changed"];

const formatLabel = (f: string) =>
  f === "tbx2008" ? "TBX 2008" : f === "omegat" ? "OmegaT" : f.toUpperCase();

export function GlossaryPage(
  props: ListProps & { domains: string[]; writable: boolean; exportFormats: string[] },
) {
  const f = props.filters;
  const t = useT(glossaryText);
  const statusName = useStatusName();
  const langName = useLangName();
  const filtered = Boolean(f.q || f.lang || f.domain || f.status);
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
          <label for="lang">{t.searchIn}</label>
          <select id="lang" name="lang">
            <option value="">{t.bothLanguages}</option>
            {(["ar", "en"] as const).map((l) => (
              <option value={l} selected={l === f.lang}>
                {langName(l)}
              </option>
            ))}
          </select>
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
        <div class="field">
          <label for="sort">{t.sort}</label>
          <select id="sort" name="sort">
            <option value="">{t.sortDefault}</option>
            {SORTS.map((s) => (
              <option value={s} selected={s === f.sort}>
                {t[`sort_${s}`]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.submit}</button>
      </form>
      <ResultCount {...props} />
      <Results {...props} />
      <section class="exports" aria-labelledby="export-heading">
        <h2 id="export-heading">{t.export}</h2>
        <p class="actions">
          {props.exportFormats.map((x) => (
            <a class="button secondary" href={`/glossary/export?format=${x}`} download>
              {t.exportAs(formatLabel(x))}
            </a>
          ))}
        </p>
        {filtered ? (
          <p class="actions" id="export-selection">
            {props.exportFormats.map((x) => (
              <a
                class="button secondary"
                href={listUrl(f, 1, "/glossary/export", [
                  ["selection", "1"],
                  ["format", x],
                ])}
                download
              >
                {t.exportSelectionAs(formatLabel(x))}
              </a>
            ))}
          </p>
        ) : null}
      </section>
    </>
  );
}

/**
 * The number of results, a live region outside the results: when live search replaces the results, only
 * this sentence is announced, not the whole table (web-src/glossary.js copies the new count into it).
 */
export function ResultCount({ found, filters, pageSize }: ListProps) {
  const t = useT(glossaryText);
  const n = found.total;
  const first = (filters.page - 1) * pageSize + 1;
  const last = first + found.items.length - 1;
  let text: string;
  if (n === 0) text = t.noMatch;
  else if (found.approximate) text = t.approximateCount(n);
  else if (n > pageSize && found.items.length > 0) text = t.range(first, last, n);
  else text = t.count(n);
  return (
    <output class="result-count" id="result-count" aria-live="polite">
      {text}
    </output>
  );
}

/** How an entry matched the search, in words (an approximate match says how far off it is). */
function MatchKind({ e }: { e: FoundEntry }) {
  const t = useT(glossaryText);
  if (!e.match) return null;
  const m = e.match;
  return (
    <span class={`match match-${m.kind}`}>
      {m.kind === "approximate" ? t.approximateBy(m.distance) : t[`match_${m.kind}`]}
    </span>
  );
}

/** The results region: also served alone (x-fragment: results) for the live search script. */
export function Results({ found, filters: f, pageSize }: ListProps) {
  const t = useT(glossaryText);
  const n = found.items.length;
  const pages = Math.max(1, Math.ceil(found.total / pageSize));
  const searching = f.q.trim() !== "";
  return (
    <section id="results" aria-label={t.results}>
      {found.approximate ? <p class="approximate-notice">{t.approximateNotice}</p> : null}
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
              {searching ? <th scope="col">{t.match}</th> : null}
            </tr>
          </thead>
          <tbody>
            {found.items.map((e) => {
              const ar = headTerm(e, "ar");
              const en = headTerm(e, "en");
              const others = e.terms.filter((x) => x !== ar && x !== en);
              return (
                <tr class={e.match?.kind === "approximate" ? "approximate" : undefined}>
                  <td class="ar-cell" lang="ar" dir="rtl">
                    <a href={`/glossary/${e.id}`} lang="ar">
                      {ar ? <MarkedTerm term={ar} query={f.q} match={e.match} /> : "—"}
                    </a>
                  </td>
                  <td lang="en" dir="ltr">
                    <a href={`/glossary/${e.id}`}>
                      {en ? <MarkedTerm term={en} query={f.q} match={e.match} /> : "—"}
                    </a>
                  </td>
                  <td class="domain">
                    <Value text={e.domain} />
                  </td>
                  <td class="others">
                    {others.map((x) => (
                      <span class={`term term-${x.status}`}>
                        <MarkedTerm term={x} query={f.q} match={e.match} /> <StatusBadge status={x.status} />
                      </span>
                    ))}
                  </td>
                  {searching ? (
                    <td>
                      <MatchKind e={e} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={t.pages}>
          {f.page > 1 ? (
            <a href={listUrl(f, f.page - 1)} rel="prev">
              {t.prevPage}
            </a>
          ) : null}
          <span>{t.pageOf(f.page, pages)}</span>
          {f.page < pages ? (
            <a href={listUrl(f, f.page + 1)} rel="next">
              {t.nextPage}
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
