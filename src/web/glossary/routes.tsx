import { Hono } from "hono";
import { z } from "zod";
import { entryDomains } from "../../db/glossary";
import { decimalInt } from "../../schemas/fields";
import { LANGS, TERM_STATUSES } from "../../types";
import { exportFormats, exportGlossary } from "../../usecases/glossary-exchange";
import { ENTRY_SORTS, type FindQuery, findEntries } from "../../usecases/glossary-search";
import { page, render, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { glossaryText } from "./messages";
import { GlossaryPage, type ListFilters, ResultCount, Results } from "./pages";

/**
 * The glossary list (mounted at /glossary): ranked search (exact, inflected, prefix, contains, then
 * approximate: src/usecases/glossary-search.ts), filters, sort, pages, the live-search fragment, and
 * export of the whole glossary or of the current selection.
 */
export const glossaryRoutes = new Hono<WebEnv>();

export const PAGE_SIZE = 50;

const ListQuery = z.object({
  q: z.string().max(300).catch(""),
  lang: z.enum(["", ...LANGS]).catch(""),
  domain: z.string().max(100).catch(""),
  status: z.enum(["", ...TERM_STATUSES]).catch(""),
  sort: z.enum(["", ...ENTRY_SORTS]).catch(""),
  page: decimalInt(1, 1_000_000).catch(1),
});

function listFilters(c: WebContext): ListFilters {
  const raw = c.req.query();
  return ListQuery.parse({
    q: raw.q ?? "",
    lang: raw.lang ?? "",
    domain: raw.domain ?? "",
    status: raw.status ?? "",
    sort: raw.sort ?? "",
    page: raw.page ?? "1",
  });
}

/**
 * The search the filters describe (page `f.page`, or every match with `all`); a term sort without a
 * language filter orders by the interface language's terms.
 */
function findQuery(c: WebContext, f: ListFilters, all = false): FindQuery {
  return {
    sortLang: c.var.i18n.locale,
    q: f.q.trim() || undefined,
    lang: f.lang || undefined,
    domain: f.domain || undefined,
    status: f.status || undefined,
    sort: f.sort || undefined,
    offset: all ? 0 : (f.page - 1) * PAGE_SIZE,
    limit: all ? Number.MAX_SAFE_INTEGER : PAGE_SIZE,
  };
}

glossaryRoutes.get("/", async (c) => {
  const f = listFilters(c);
  const fragment = c.req.header("x-fragment") === "results";
  const [found, domains] = await Promise.all([
    findEntries(c.var.db, findQuery(c, f)),
    fragment ? Promise.resolve([]) : entryDomains(c.var.db),
  ]);
  const list = { filters: f, found, pageSize: PAGE_SIZE };
  c.header("vary", "x-fragment, cookie");
  if (fragment) {
    c.header("cache-control", "no-store");
    return c.html(
      render(
        c,
        <>
          <ResultCount {...list} />
          <Results {...list} />
        </>,
      ),
    );
  }
  const t = c.var.i18n.t(glossaryText);
  const flash = c.req.query("deleted") ? t.deleted : undefined;
  return page(
    c,
    f.q ? t.searchTitle(f.q) : t.title,
    <GlossaryPage
      {...list}
      domains={domains.map((d) => d.domain)}
      writable={canWrite(c.var.session)}
      exportFormats={exportFormats()}
    />,
    200,
    flash,
  );
});

/** The whole glossary, or with `selection=1` only the entries the list's filters select (every page). */
glossaryRoutes.get("/export", async (c) => {
  let ids: Set<number> | undefined;
  if (c.req.query("selection") === "1") {
    const found = await findEntries(c.var.db, findQuery(c, listFilters(c), true));
    ids = new Set(found.items.map((e) => e.id));
  }
  const file = await exportGlossary(c.var.db, c.req.query("format") ?? "tsv", {
    escapeFormulas: true,
    ...(ids ? { ids } : {}),
  });
  c.header("content-type", file.mediaType);
  c.header("content-disposition", `attachment; filename="${file.fileName}"`);
  c.header("cache-control", "no-store");
  return typeof file.body === "string" ? c.body(file.body) : c.body(file.body as Uint8Array<ArrayBuffer>);
});
