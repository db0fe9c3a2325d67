import { Hono } from "hono";
import {
  acceptedLanguages,
  DIGIT_STYLES,
  type Digits,
  defaultDigits,
  LOCALES,
  type Locale,
} from "../i18n/locale";
import { i18nOf, rememberPrefs } from "../i18n/middleware";
import { formBody, safeNext, str } from "../page";
import type { WebEnv } from "../session";

/**
 * The interface language and digits (mounted at /prefs): a plain form in every page's header posts here;
 * the choice is remembered in a cookie and the user goes back to the page they were on.
 */
export const prefsRoutes = new Hono<WebEnv>();

const oneOf = <T extends string>(list: readonly T[], v: string): T | null =>
  (list as readonly string[]).includes(v) ? (v as T) : null;

prefsRoutes.post("/", async (c) => {
  const body = await formBody(c);
  const now = i18nOf(c);
  const locale = oneOf<Locale>(LOCALES, str(body.lang)) ?? now.locale;
  let digits = oneOf<Digits>(DIGIT_STYLES, str(body.digits));
  if (!digits && locale === "ar") {
    // Switching to Arabic: the digits already chosen, else those of the browser's Arabic, if it names one.
    const arabicTag = acceptedLanguages(c.req.header("accept-language")).find((t) => /^ar(-|$)/i.test(t));
    digits = now.locale === "ar" ? now.digits : arabicTag ? defaultDigits(arabicTag) : "latn";
  }
  rememberPrefs(c, { locale, digits: digits ?? "latn" });
  return c.redirect(safeNext(str(body.next)), 303);
});
