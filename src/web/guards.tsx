import { createMiddleware } from "hono/factory";
import { isSafeMethod } from "../http/methods";
import { MessagePage } from "./components";
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
  return page(
    c,
    "Signed out",
    <MessagePage
      title="Signed out"
      message="Your session has ended. Sign in again."
      link={["/login", "Sign in"]}
    />,
    401,
  );
});

/** Every form post: synchronizer token bound to the session (Origin is checked by hono/csrf before this). */
export const formToken = createMiddleware<WebEnv>(async (c, next) => {
  // Sign-in has no session to bind a token to yet: it relies on the Origin check alone.
  if (c.req.method !== "POST" || c.req.path === "/login") return next();
  const session = c.var.session;
  const body = await formBody(c);
  if (!session || !(await csrfTokenValid(c.env, session, str(body._csrf)))) {
    return page(
      c,
      "Form expired",
      <MessagePage
        title="Form expired"
        message="This form is no longer valid (it came from another session or site). Reload the page and try again."
        link={["/glossary", "Back to the glossary"]}
      />,
      403,
    );
  }
  return next();
});

const needScope = (check: (s: WebSession | null) => boolean, what: string) =>
  createMiddleware<WebEnv>(async (c, next) => {
    if (check(c.var.session)) return next();
    return page(
      c,
      "Not allowed",
      <MessagePage
        title="Not allowed"
        message={`Your token is ${c.var.session?.scope ?? "missing"}: ${what}.`}
        link={["/glossary", "Back to the glossary"]}
      />,
      403,
    );
  });
export const needWrite = needScope(canWrite, "editing needs a write token");
export const needAdmin = needScope(isAdmin, "managing tokens needs an admin token");
