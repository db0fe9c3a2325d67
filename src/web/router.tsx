import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, ErrorCode } from "../errors";
import { strictForm } from "../middleware/strict-text";
import { backLink } from "./areas";
import { authRoutes } from "./auth/routes";
import { webD1Session } from "./bookmark";
import { MessagePage } from "./components";
import { exchangeRoutes } from "./documents/exchange-routes";
import { reviewRoutes } from "./documents/review-routes";
import { documentRoutes } from "./documents/routes";
import { historyRoutes } from "./entry/history-routes";
import { entryRoutes } from "./entry/routes";
import { WebError } from "./errors";
import { glossaryRoutes } from "./glossary/routes";
import { formToken, signedIn } from "./guards";
import { i18nOf, locale } from "./i18n/middleware";
import { importRoutes } from "./import/routes";
import { memoryRoutes } from "./memory/routes";
import { errorText } from "./messages";
import { page, WEB_BODY_MAX_BYTES, type WebContext } from "./page";
import { prefsRoutes } from "./prefs/routes";
import { loadSession, type WebEnv, type WebSession } from "./session";
import { tokenRoutes } from "./tokens/routes";

/**
 * The web pages: server-rendered (Hono JSX, escaped by construction), plain HTML forms that work without
 * JavaScript, and /web/app.js only for live search. Sign-in turns an API token into a signed session cookie
 * (see session.ts); every form post carries a session-bound CSRF token and must come from this origin.
 *
 * Each feature is a folder with a small Hono app (`routes.tsx`, paths relative to where it is mounted) and
 * its views (`pages.tsx`); shared pieces are the modules beside this one (page, guards, components, layout,
 * diff, session). A feature is added in two lines below: its top-level path in WEB_AREAS (so the shared
 * middleware runs for it) and its `route()`. A guard for a whole feature goes in its app with `use("*")`
 * (tokens: needAdmin; import: needWrite), which covers its mount path and everything below it, so only a
 * feature with a path of its own may do that (glossary and entry share /glossary: their guards go on routes).
 */
export const webRouter = new Hono<WebEnv>();

/**
 * Top-level paths the web owns, and whether they need a session. The shared middleware is registered on
 * these only, never on "*", so that it cannot touch API requests (the web is mounted at "/"). "/x/*" also
 * matches "/x" itself: registering both would run the middleware twice there.
 */
const WEB_AREAS: { path: string; signedIn: boolean }[] = [
  { path: "/login", signedIn: false },
  { path: "/logout", signedIn: false },
  { path: "/prefs", signedIn: false },
  { path: "/glossary/*", signedIn: true },
  { path: "/tokens/*", signedIn: true },
  { path: "/documents/*", signedIn: true },
  { path: "/memory/*", signedIn: true },
];

for (const area of WEB_AREAS) {
  webRouter.use(
    area.path,
    locale,
    csrf(),
    bodyLimit({
      maxSize: WEB_BODY_MAX_BYTES,
      onError: () => {
        throw new DomainError(ErrorCode.PayloadTooLarge, "the form or file is too large", {
          title: "Too large",
        });
      },
    }),
    strictForm,
    webD1Session,
    loadSession,
    formToken,
  );
}
for (const area of WEB_AREAS) if (area.signedIn) webRouter.use(area.path, signedIn);

/** Error codes the web pages raise themselves, with their text in every interface language. */
const KNOWN_ERRORS: Record<string, (t: ReturnType<typeof errorTexts>) => [string, string]> = {
  "not-found": (t) => [t.notFoundTitle, t.pageNotFound],
  "payload-too-large": (t) => [t.tooLargeTitle, t.tooLarge],
};
const errorTexts = (c: WebContext) => i18nOf(c).t(errorText);

webRouter.onError((err, c) => {
  const ctx = c as WebContext;
  const session = (ctx.get("session") as WebSession | null | undefined) ?? null;
  if (ctx.get("session") === undefined) ctx.set("session", session);
  if (ctx.get("csrfToken") === undefined) ctx.set("csrfToken", "");
  const t = errorTexts(ctx);
  const back = backLink(ctx);
  if (err instanceof WebError)
    return page(ctx, err.page.title, <MessagePage {...err.page} link={back} />, err.status);
  if (err instanceof DomainError) {
    const status = err.status as ContentfulStatusCode;
    const known = KNOWN_ERRORS[err.code];
    if (known) {
      const [title, message] = known(t);
      return page(ctx, title, <MessagePage title={title} message={message} link={back} />, status);
    }
    // An error from below the web layer: its detail exists in English only, so it is shown marked as such.
    const english = i18nOf(ctx).locale === "en";
    return page(
      ctx,
      english ? err.title : t.requestRefused,
      <MessagePage
        title={english ? err.title : t.requestRefused}
        message={english ? (err.detail ?? err.title) : t.detailInEnglish}
        detail={english ? undefined : (err.detail ?? err.title)}
        link={back}
      />,
      status,
    );
  }
  if (err instanceof HTTPException && err.status === 403) {
    return page(
      ctx,
      t.forbiddenTitle,
      <MessagePage title={t.forbiddenTitle} message={t.forbidden} link={back} />,
      403,
    );
  }
  console.error("web error", err);
  return page(
    ctx,
    t.errorTitle,
    <MessagePage title={t.somethingWrong} message={t.logged} link={back} />,
    500,
  );
});

webRouter.get("/", (c) => c.redirect("/glossary", 303));
webRouter.route("/", authRoutes);
webRouter.route("/prefs", prefsRoutes);
webRouter.route("/glossary", glossaryRoutes);
webRouter.route("/glossary", entryRoutes);
webRouter.route("/glossary", historyRoutes);
webRouter.route("/glossary/import", importRoutes);
webRouter.route("/tokens", tokenRoutes);
webRouter.route("/documents", documentRoutes);
webRouter.route("/documents", reviewRoutes);
webRouter.route("/documents", exchangeRoutes);
webRouter.route("/memory", memoryRoutes);
