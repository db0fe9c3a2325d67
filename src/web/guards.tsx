import { createMiddleware } from "hono/factory";
import { isSafeMethod } from "../http/methods";
import { backLink } from "./areas";
import { MessagePage } from "./components";
import { i18nOf } from "./i18n/middleware";
import { commonText, errorText, layoutText } from "./messages";
import { formBody, page, str } from "./page";
import { canWrite, csrfTokenValid, isAdmin, type WebEnv, type WebSession } from "./session";

// Middleware that guards web pages; each answers with a page a person can read, never problem+json.

/** Without a session: a page view goes to sign-in (and comes back), a form post is refused with 401. */
export const signedIn = createMiddleware<WebEnv>(async (c, next) => {
  if (c.var.session) return next();
  if (isSafeMethod(c.req.method)) {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  const t = i18nOf(c).t(errorText);
  return page(
    c,
    t.signedOutTitle,
    <MessagePage
      title={t.signedOutTitle}
      message={t.signedOut}
      link={["/login", i18nOf(c).t(commonText).signIn]}
    />,
    401,
  );
});

/** Every form post: synchronizer token bound to the session (Origin is checked by hono/csrf before this). */
export const formToken = createMiddleware<WebEnv>(async (c, next) => {
  // Sign-in has no session to bind a token to yet, and the language switch is offered before sign-in too:
  // both rely on the Origin check alone.
  if (c.req.method !== "POST" || c.req.path === "/login" || c.req.path === "/prefs") return next();
  const session = c.var.session;
  const body = await formBody(c);
  if (!session || !(await csrfTokenValid(c.env, session, str(body._csrf)))) {
    const t = i18nOf(c).t(errorText);
    return page(
      c,
      t.formExpiredTitle,
      <MessagePage title={t.formExpiredTitle} message={t.formExpired} link={backLink(c)} />,
      403,
    );
  }
  return next();
});

const needScope = (check: (s: WebSession | null) => boolean, what: "needWrite" | "needAdmin") =>
  createMiddleware<WebEnv>(async (c, next) => {
    if (check(c.var.session)) return next();
    const i18n = i18nOf(c);
    const t = i18n.t(errorText);
    const scope = c.var.session ? i18n.t(layoutText)[`scope_${c.var.session.scope}`] : t.noScope;
    return page(
      c,
      t.notAllowedTitle,
      <MessagePage title={t.notAllowedTitle} message={t.notAllowed(scope, t[what])} link={backLink(c)} />,
      403,
    );
  });
export const needWrite = needScope(canWrite, "needWrite");
export const needAdmin = needScope(isAdmin, "needAdmin");
