import { Hono } from "hono";
import { z } from "zod";
import { entryDomains, type GlossaryQuery, listEntries } from "../../db/glossary";
import { decimalInt } from "../../schemas/fields";
import { TERM_STATUSES } from "../../types";
import { exportFormats, exportGlossary } from "../../usecases/glossary-exchange";
import { page, render } from "../page";
import { canWrite, type WebEnv } from "../session";
import { glossaryText } from "./messages";
import { GlossaryPage, ResultCount, Results } from "./pages";

/** The glossary list (mounted at /glossary): search, filters, pages of results, live-search fragment, export. */
export const glossaryRoutes = new Hono<WebEnv>();

const PAGE_SIZE = 50;

const ListQuery = z.object({
  q: z.string().max(300).catch(""),
  domain: z.string().max(100).catch(""),
  status: z.enum(["", ...TERM_STATUSES]).catch(""),
  after: decimalInt(1, Number.MAX_SAFE_INTEGER).nullable().catch(null),
});

glossaryRoutes.get("/", async (c) => {
  const raw = c.req.query();
  const f = ListQuery.parse({
    q: raw.q ?? "",
    domain: raw.domain ?? "",
    status: raw.status ?? "",
    after: raw.after ?? null,
  });
  const query: GlossaryQuery = {
    q: f.q.trim() || undefined,
    domain: f.domain || undefined,
    status: f.status || undefined,
    limit: PAGE_SIZE,
    afterId: f.after,
  };
  const fragment = c.req.header("x-fragment") === "results";
  const [rows, domains] = await Promise.all([
    listEntries(c.var.db, query),
    fragment ? Promise.resolve([]) : entryDomains(c.var.db),
  ]);
  const entries = rows.slice(0, PAGE_SIZE);
  const hasMore = rows.length > PAGE_SIZE;
  c.header("vary", "x-fragment, cookie");
  if (fragment) {
    c.header("cache-control", "no-store");
    return c.html(
      render(
        c,
        <>
          <ResultCount entries={entries} hasMore={hasMore} />
          <Results filters={f} entries={entries} hasMore={hasMore} />
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
      filters={f}
      domains={domains.map((d) => d.domain)}
      entries={entries}
      hasMore={hasMore}
      writable={canWrite(c.var.session)}
      exportFormats={exportFormats()}
    />,
    200,
    flash,
  );
});

glossaryRoutes.get("/export", async (c) => {
  const file = await exportGlossary(c.var.db, c.req.query("format") ?? "tsv");
  c.header("content-type", file.mediaType);
  c.header("content-disposition", `attachment; filename="${file.fileName}"`);
  c.header("cache-control", "no-store");
  return c.body(file.body);
});
