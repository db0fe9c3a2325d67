/**
 * Interface language and digits of the web pages: chosen by the user (a cookie), else from the browser's
 * Accept-Language. Pure functions, no Hono: the middleware (middleware.ts) applies them to a request.
 */

export const LOCALES = ["en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** Western (0-9) or Arabic-Indic (٠-٩) digits; only the Arabic interface offers the choice. */
export const DIGIT_STYLES = ["latn", "arab"] as const;
export type Digits = (typeof DIGIT_STYLES)[number];

export interface Prefs {
  locale: Locale;
  digits: Digits;
}

export const DEFAULT_PREFS: Prefs = { locale: "en", digits: "latn" };

/** The remembered choice. `__Host-`: Secure, this host only, path / (like the session cookie). */
export const PREFS_COOKIE = "__Host-diwan-prefs";
export const PREFS_COOKIE_DAYS = 400;

const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);
const isDigits = (s: string): s is Digits => (DIGIT_STYLES as readonly string[]).includes(s);

/** `ar.arab`, `ar.latn`, `en` … → the choice it holds; anything else → null (ignored, never an error). */
export function parsePrefsCookie(value: string | undefined): Prefs | null {
  const m = /^(en|ar)(?:\.(latn|arab))?$/.exec(value ?? "");
  if (!m?.[1] || !isLocale(m[1])) return null;
  const locale = m[1];
  const digits = m[2] && isDigits(m[2]) && locale === "ar" ? m[2] : null;
  return { locale, digits: digits ?? "latn" };
}

export const prefsCookieValue = (p: Prefs) => (p.locale === "ar" ? `ar.${p.digits}` : "en");

/** Language ranges of an Accept-Language header, best first (q=0 dropped, ties keep header order). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const ranges: { tag: string; q: number; i: number }[] = [];
  header
    .split(",")
    .slice(0, 50)
    .forEach((part, i) => {
      const [rawTag, ...params] = part.trim().split(";");
      const tag = (rawTag ?? "").trim();
      if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$|^\*$/.test(tag)) return;
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
        if (m?.[1]) q = Number(m[1]);
      }
      if (q > 0) ranges.push({ tag, q, i });
    });
  return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.tag);
}

/** The digits a language tag uses by default in CLDR (ar-EG, ar-SA: Arabic-Indic; ar, ar-MA, ar-AE: Western). */
export function defaultDigits(tag: string): Digits {
  try {
    const ns = new Intl.NumberFormat(tag).resolvedOptions().numberingSystem;
    return ns === "arab" ? "arab" : "latn";
  } catch {
    return "latn";
  }
}

/** The browser's first supported language (English when it names neither), with its region's digits. */
export function negotiatePrefs(acceptLanguage: string | undefined): Prefs {
  for (const tag of acceptedLanguages(acceptLanguage)) {
    const primary = tag.split("-")[0]?.toLowerCase() ?? "";
    if (primary === "ar") return { locale: "ar", digits: defaultDigits(tag) };
    if (primary === "en") return { locale: "en", digits: "latn" };
  }
  return DEFAULT_PREFS;
}

/** The cookie wins over the browser's languages. */
export const resolvePrefs = (cookie: string | undefined, acceptLanguage: string | undefined): Prefs =>
  parsePrefsCookie(cookie) ?? negotiatePrefs(acceptLanguage);
