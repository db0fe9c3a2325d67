import { Hono } from "hono";
import { concordance } from "../../db/tm-concordance";
import { findMatches } from "../../db/tm-match";
import { page } from "../page";
import type { WebEnv } from "../session";
import { memoryText } from "./messages";
import { MemoryPage, type MemoryQuery } from "./pages";

/** The translation memory (mounted at /memory): concordance over every segment, fuzzy matches of a sentence. */
export const memoryRoutes = new Hono<WebEnv>();

const HITS_PER_PAGE = 50;
/** As the API's query limits (GET /api/segments, /api/tm/matches). */
const MAX_QUERY = 500;

memoryRoutes.get("/", async (c) => {
  const raw = c.req.query();
  const after = raw.after && /^[1-9][0-9]{0,14}$/.test(raw.after) ? Number(raw.after) : null;
  const min = Number(raw.min);
  const query: MemoryQuery = {
    q: (raw.q ?? "").slice(0, MAX_QUERY),
    lang: raw.lang === "ar" || raw.lang === "en" ? raw.lang : "",
    match: (raw.match ?? "").slice(0, MAX_QUERY),
    matchLang: raw.mlang === "en" ? "en" : "ar",
    minScore: [50, 60, 70, 80, 90, 100].includes(min) ? min : 70,
    after,
  };
  const db = c.var.db;
  const [rows, matches] = await Promise.all([
    query.q.trim() ? concordance(db, query.q, query.lang || undefined, after, HITS_PER_PAGE) : null,
    query.match.trim() ? findMatches(db, query.match, query.matchLang, query.minScore, 10) : null,
  ]);
  const hits = rows ? rows.slice(0, HITS_PER_PAGE) : null;
  const last = hits?.[hits.length - 1];
  return page(
    c,
    c.var.i18n.t(memoryText).title,
    <MemoryPage
      query={query}
      hits={hits}
      nextAfter={rows && rows.length > HITS_PER_PAGE && last ? last.id : null}
      matches={matches}
    />,
  );
});
