import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, ErrorCode } from "../errors";
import { strictForm } from "../middleware/strict-text";
import { authRoutes } from "./auth/routes";
import { webD1Session } from "./bookmark";
import { MessagePage } from "./components";
import { entryRoutes } from "./entry/routes";
import { glossaryRoutes } from "./glossary/routes";
import { formToken, signedIn } from "./guards";
import { importRoutes } from "./import/routes";
import { page, type WebContext } from "./page";
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
  { path: "/glossary/*", signedIn: true },
  { path: "/tokens/*", signedIn: true },
];

for (const area of WEB_AREAS) {
  webRouter.use(
    area.path,
    csrf(),
    bodyLimit({
      maxSize: 8 * 1024 * 1024,
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

webRouter.onError((err, c) => {
  const ctx = c as WebContext;
  const session = (ctx.get("session") as WebSession | null | undefined) ?? null;
  if (ctx.get("session") === undefined) ctx.set("session", session);
  if (ctx.get("csrfToken") === undefined) ctx.set("csrfToken", "");
  if (err instanceof DomainError) {
    return page(
      ctx,
      err.title,
      <MessagePage
        title={err.title}
        message={err.detail ?? err.title}
        link={["/glossary", "Back to the glossary"]}
      />,
      err.status as ContentfulStatusCode,
    );
  }
  if (err instanceof HTTPException && err.status === 403) {
    return page(
      ctx,
      "Forbidden",
      <MessagePage title="Forbidden" message="The form was not sent from a Diwan page." />,
      403,
    );
  }
  console.error("web error", err);
  return page(
    ctx,
    "Error",
    <MessagePage title="Something went wrong" message="The error has been logged." />,
    500,
  );
});

webRouter.get("/", (c) => c.redirect("/glossary", 303));
webRouter.route("/", authRoutes);
webRouter.route("/glossary", glossaryRoutes);
webRouter.route("/glossary", entryRoutes);
webRouter.route("/glossary/import", importRoutes);
webRouter.route("/tokens", tokenRoutes);
