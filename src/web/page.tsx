import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { I18nContext } from "./i18n/i18n";
import { i18nOf } from "./i18n/middleware";
import { Layout } from "./layout";
import type { WebEnv } from "./session";

/** What every web handler gets: the request's D1 session, the web session (or null) and its form token. */
export type WebContext = Context<WebEnv>;

/**
 * Renders a view with the request's I18n in context (useI18n/useT). Views must render synchronously: the
 * JSX context is one stack for the whole isolate, so an async component could read another request's.
 */
export function render(c: WebContext, node: Child): string {
  const html = (<I18nContext.Provider value={i18nOf(c)}>{node}</I18nContext.Provider>).toString();
  if (typeof html !== "string") throw new Error("web views must render synchronously (no async components)");
  return html;
}

/** Where the language switch comes back to: this page, or for a form post the page the form was on. */
function backHere(c: WebContext): string {
  const url = new URL(c.req.url);
  if (c.req.method === "GET") return url.pathname + url.search;
  const referer = c.req.header("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.origin === url.origin) return from.pathname + from.search;
    } catch {}
  }
  return url.pathname;
}

/** A whole HTML page in the shared layout; never cached (it shows the signed-in user and a form token). */
export async function page(
  c: WebContext,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
  flash?: string,
) {
  const i18n = i18nOf(c);
  const html = render(
    c,
    <Layout
      title={title}
      session={c.var.session}
      csrfToken={c.var.csrfToken}
      flash={flash}
      back={backHere(c)}
      path={new URL(c.req.url).pathname}
    >
      {body}
    </Layout>,
  );
  c.header("cache-control", "no-store");
  c.header("content-language", i18n.locale);
  return c.html(`<!doctype html>${html}`, status);
}

/** Most bytes of a posted form (files included): the web router's body limit. */
export const WEB_BODY_MAX_BYTES = 8 * 1024 * 1024;

/** The posted form, repeated fields as arrays (parsed once: Hono caches the body for later readers). */
export const formBody = (c: WebContext) =>
  c.req.parseBody({ all: true }) as Promise<Record<string, string | File | (string | File)[]>>;

/** A form field as text ("" when missing, a file or repeated). */
export const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Only local paths: `next` must never send the user to another site. */
export const safeNext = (next: string | undefined, fallback = "/glossary") =>
  next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : fallback;
