import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { WebEnv } from "../session";
import { type I18n, makeI18n } from "./i18n";
import { PREFS_COOKIE, PREFS_COOKIE_DAYS, type Prefs, prefsCookieValue, resolvePrefs } from "./locale";

/** The request's interface language: the remembered choice, else the browser's Accept-Language. */
export const requestPrefs = (c: Context<WebEnv>): Prefs =>
  resolvePrefs(getCookie(c, PREFS_COOKIE), c.req.header("accept-language"));

/**
 * The request's I18n (set by `locale`, or made here for a page answered before it ran, e.g. an error
 * thrown by an earlier middleware).
 */
export function i18nOf(c: Context<WebEnv>): I18n {
  let i18n = c.get("i18n") as I18n | undefined;
  if (!i18n) {
    i18n = makeI18n(requestPrefs(c));
    c.set("i18n", i18n);
  }
  return i18n;
}

/** First of the shared web middleware: every page after it, guards' refusals included, speaks the user's language. */
export const locale = createMiddleware<WebEnv>(async (c, next) => {
  i18nOf(c);
  await next();
  // The same URL answers in another language for another Accept-Language or choice (pages are no-store anyway).
  c.res.headers.append("vary", "accept-language, cookie");
});

export function rememberPrefs(c: Context<WebEnv>, prefs: Prefs) {
  setCookie(c, PREFS_COOKIE, prefsCookieValue(prefs), {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: PREFS_COOKIE_DAYS * 24 * 3600,
  });
}
