import { type GlossaryEntry, TERM_STATUSES } from "../../types";
import { headTerm, StatusBadge, TermText } from "../components";

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
  return (
    <>
      <div class="titlebar">
        <h1>Glossary</h1>
        {props.writable ? (
          <a class="button" href="/glossary/new">
            New entry
          </a>
        ) : null}
      </div>
      <form method="get" action="/glossary" class="search" id="search-form">
        <div class="field grow">
          <label for="q">Search</label>
          <input id="q" name="q" type="search" value={f.q} dir="auto" autocomplete="off" />
        </div>
        <div class="field">
          <label for="domain">Domain</label>
          <select id="domain" name="domain">
            <option value="">All domains</option>
            {props.domains.map((d) => (
              <option value={d} selected={d === f.domain}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any status</option>
            {TERM_STATUSES.map((s) => (
              <option value={s} selected={s === f.status}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <Results {...props} />
      <section class="exports" aria-label="Export">
        <h2>Export</h2>
        <p class="actions">
          {props.exportFormats.map((f) => (
            <a class="button secondary" href={`/glossary/export?format=${f}`} download>
              {`Export ${f === "tbx2008" ? "TBX 2008" : f.toUpperCase()}`}
            </a>
          ))}
        </p>
      </section>
    </>
  );
}

/** The results region: also served alone (x-fragment: results) for the live search script. */
export function Results(props: { filters: ListFilters; entries: GlossaryEntry[]; hasMore: boolean }) {
  const f = props.filters;
  const last = props.entries[props.entries.length - 1];
  return (
    <section id="results" aria-live="polite" aria-label="Results">
      {props.entries.length === 0 ? (
        <p class="muted">No entries match.</p>
      ) : (
        <table class="entries">
          <thead>
            <tr>
              <th scope="col" class="ar-head">
                Arabic
              </th>
              <th scope="col">English</th>
              <th scope="col">Domain</th>
              <th scope="col">Other terms</th>
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
                  <td>
                    <a href={`/glossary/${e.id}`}>{en?.text ?? "—"}</a>
                  </td>
                  <td class="domain">{e.domain}</td>
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
      <nav class="pager" aria-label="Pages">
        {f.after !== null ? <a href={listUrl(f, null)}>First page</a> : null}
        {props.hasMore && last ? (
          <a href={listUrl(f, last.id)} rel="next">
            Next page
          </a>
        ) : null}
      </nav>
    </section>
  );
}
