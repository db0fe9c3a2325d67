import { Hono } from "hono";
import { resolveToken } from "../../middleware/auth";
import { i18nOf } from "../i18n/middleware";
import { formBody, page, safeNext, str, type WebContext } from "../page";
import { endSession, startSession, type WebEnv } from "../session";
import { authText } from "./messages";
import { LoginPage } from "./pages";

/** Sign-in and sign-out (mounted at /): an API token becomes a signed session cookie (see ../session.ts). */
export const authRoutes = new Hono<WebEnv>();

/** A failed sign-in answers only after this delay: slows token guessing to one try per second per connection. */
const LOGIN_FAILURE_DELAY_MS = 1000;

authRoutes.get("/login", (c) => {
  const next = safeNext(c.req.query("next"));
  if (c.var.session) return c.redirect(next, 303);
  return page(c, i18nOf(c).t(authText).title, <LoginPage next={next} />);
});

/**
 * Failed sign-ins per client IP, counted in the Cache API (per data centre, best effort; a no-op where the
 * Cache API is unavailable, e.g. on workers.dev). Together with the fixed delay this bounds token guessing.
 */
const LOGIN_FAILURE_LIMIT = 10;
const LOGIN_FAILURE_WINDOW_S = 600;
const failureKey = (c: WebContext) =>
  new Request(
    `https://login-failures.diwan.internal/${encodeURIComponent(c.req.header("cf-connecting-ip") ?? "unknown")}`,
  );

async function loginFailures(c: WebContext): Promise<number> {
  const hit = await caches.default.match(failureKey(c));
  return hit ? Number(await hit.text()) || 0 : 0;
}

async function recordLoginFailure(c: WebContext, count: number): Promise<void> {
  await caches.default.put(
    failureKey(c),
    new Response(String(count), { headers: { "cache-control": `max-age=${LOGIN_FAILURE_WINDOW_S}` } }),
  );
}

authRoutes.post("/login", async (c) => {
  const body = await formBody(c);
  const next = safeNext(str(body.next));
  const t = i18nOf(c).t(authText);
  const failures = await loginFailures(c);
  if (failures >= LOGIN_FAILURE_LIMIT) {
    c.header("retry-after", String(LOGIN_FAILURE_WINDOW_S));
    return page(c, t.title, <LoginPage next={next} error={t.tooMany} token={str(body.token)} />, 429);
  }
  const secret = str(body.token).trim();
  const principal = secret && secret.length <= 200 ? await resolveToken(c.env, c.var.db, secret) : null;
  if (!principal) {
    await recordLoginFailure(c, failures + 1);
    await new Promise((resolve) => setTimeout(resolve, LOGIN_FAILURE_DELAY_MS));
    return page(c, t.title, <LoginPage next={next} error={t.invalid} token={str(body.token)} />, 401);
  }
  await startSession(c, principal);
  return c.redirect(next, 303);
});

authRoutes.post("/logout", (c) => {
  endSession(c);
  return c.redirect("/login", 303);
});
