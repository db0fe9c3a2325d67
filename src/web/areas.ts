import { hasScope } from "../middleware/auth";
import type { TokenScope } from "../types";
import { documentsText } from "./documents/messages";
import { glossaryText } from "./glossary/messages";
import type { Catalog } from "./i18n/catalog";
import { i18nOf } from "./i18n/middleware";
import { importText } from "./import/messages";
import { memoryText } from "./memory/messages";
import type { WebContext } from "./page";
import { sessionPrincipal, type WebSession } from "./session";
import { tokensText } from "./tokens/messages";

/** The two texts every area names in its own feature catalog: its main-menu link and the way back to it. */
export type AreaText = {
  /** Its link in the main menu ("Glossary"). */
  readonly nav: string;
  /** The link of an error page back to it ("Back to the glossary"). */
  readonly back: string;
};

/** A part of the web interface with an index page of its own. */
export interface WebArea {
  /** Its index page; every path below it belongs to it (unless a deeper area claims it). */
  readonly path: string;
  /** The least scope that may open it: the menu shows it only to those, error pages lead back to it only them. */
  readonly scope: TokenScope;
  /** Its feature's catalog, which has `nav` and `back`. */
  readonly text: Catalog<AreaText>;
}

/**
 * The areas, in the order of the main menu. A feature adds its line here — its index path, the least scope
 * that may open it, its own catalog with `nav` and `back` keys — and gets its menu link (with
 * aria-current), and error pages under its path that lead back to it (not to the glossary). The documents
 * pages (issue 15) come next, e.g. `{ path: "/documents", scope: "read", text: documentsText }` with
 * documentsText in src/web/documents/messages.ts. (Its top-level path also goes in router.tsx's WEB_AREAS,
 * which registers the shared middleware.)
 */
export const AREAS: readonly WebArea[] = [
  { path: "/glossary", scope: "read", text: glossaryText },
  { path: "/documents", scope: "read", text: documentsText },
  { path: "/memory", scope: "read", text: memoryText },
  { path: "/glossary/import", scope: "write", text: importText },
  { path: "/tokens", scope: "admin", text: tokensText },
];

/** Where the brand link and a lost user go: the first area. */
export const HOME = AREAS[0]?.path ?? "/";

const within = (path: string, areaPath: string) => path === areaPath || path.startsWith(`${areaPath}/`);

/** The area a path belongs to: the deepest one containing it (/glossary/import/apply is Import's). */
export function areaOf(path: string, areas: readonly WebArea[] = AREAS): WebArea | undefined {
  let found: WebArea | undefined;
  for (const a of areas) if (within(path, a.path) && (!found || a.path.length > found.path.length)) found = a;
  return found;
}

/** The areas a session may open, in menu order (none without a session). */
export const areasFor = (session: WebSession | null): WebArea[] =>
  session ? AREAS.filter((a) => hasScope(sessionPrincipal(session), a.scope)) : [];

/**
 * Where an error page at `path` leads back: the deepest area containing it that the user may open (a 404
 * under /tokens goes back to the tokens), else the first they may open (a write token refused at /tokens
 * goes back to the glossary), else home.
 */
export function backArea(path: string, session: WebSession | null): WebArea {
  const open = areasFor(session);
  const first = AREAS[0];
  if (!first) throw new Error("no web areas");
  return areaOf(path, open) ?? open[0] ?? first;
}

/** An error page's way back from the current request: [href, text in the page's language]. */
export function backLink(c: WebContext): [string, string] {
  const area = backArea(new URL(c.req.url).pathname, c.var.session ?? null);
  return [area.path, i18nOf(c).t(area.text).back];
}
