import { Hono } from "hono";
import { countLoginAttempt, LOGIN_ATTEMPT_LIMIT, refundLoginAttempt } from "../../db/login-attempts";
import { resolveToken } from "../../middleware/auth";
import { i18nOf } from "../i18n/middleware";
import { formBody, page, safeNext, str, type WebContext } from "../page";
import { signOut, startSession, type WebEnv } from "../session";
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

/** The address attempts are counted for (Cloudflare sets cf-connecting-ip; local dev shares one count). */
const clientOf = (c: WebContext) => c.req.header("cf-connecting-ip") ?? "unknown";

authRoutes.post("/login", async (c) => {
  const body = await formBody(c);
  const next = safeNext(str(body.next));
  const t = i18nOf(c).t(authText);
  // Counted before the token is looked at (atomically, in D1): parallel guesses cannot all pass this check.
  const client = clientOf(c);
  const attempt = await countLoginAttempt(c.var.db, client);
  if (attempt.attempts > LOGIN_ATTEMPT_LIMIT) {
    c.header("retry-after", String(attempt.retryAfterS));
    return page(c, t.title, <LoginPage next={next} error={t.tooMany} token={str(body.token)} />, 429);
  }
  const secret = str(body.token).trim();
  const principal = secret && secret.length <= 200 ? await resolveToken(c.env, c.var.db, secret) : null;
  if (!principal) {
    await new Promise((resolve) => setTimeout(resolve, LOGIN_FAILURE_DELAY_MS));
    return page(c, t.title, <LoginPage next={next} error={t.invalid} token={str(body.token)} />, 401);
  }
  await refundLoginAttempt(c.var.db, client);
  await startSession(c, principal);
  return c.redirect(next, 303);
});

authRoutes.post("/logout", async (c) => {
  await signOut(c);
  return c.redirect("/login", 303);
});
