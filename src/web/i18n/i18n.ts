import { createContext, useContext } from "hono/jsx";
import { type Catalog, type Messages, type PluralMessage, pluralWith } from "./catalog";
import { DEFAULT_PREFS, type Digits, type Locale, type Prefs } from "./locale";

/**
 * What a page needs to speak the user's language: the locale and its direction, the digits, messages of
 * any catalog (`t(catalog)`), and numbers and dates in those digits. Views read it with useI18n()/useT()
 * (a JSX context set by page(): web views render synchronously, so the context cannot leak between
 * requests); handlers read c.var.i18n.
 */
export interface I18n {
  readonly locale: Locale;
  readonly dir: "ltr" | "rtl";
  readonly digits: Digits;
  /** The messages of a catalog in this locale; number arguments of message functions come out formatted. */
  t<M extends Messages>(catalog: Catalog<M>): M;
  /** An interface number (a count, a version) in the page's digits. Data values are never re-digited. */
  num(n: number): string;
  /** Interface text made of numbers (a time of day, a date in ISO form) in the page's digits. */
  toDigits(text: string): string;
  /** A stored ISO timestamp (UTC) for people to read, in the page's language and digits. */
  dateTime(iso: string): string;
}

const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";

export function makeI18n(prefs: Prefs): I18n {
  const locale = prefs.locale;
  const digits: Digits = locale === "ar" ? prefs.digits : "latn";
  const numbers = new Intl.NumberFormat(`${locale}-u-nu-${digits}`, { maximumFractionDigits: 2 });
  const num = (n: number) => numbers.format(n);
  const toDigits = (s: string) =>
    digits === "arab" ? s.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d) : s;
  const dates =
    locale === "ar"
      ? new Intl.DateTimeFormat(`ar-u-nu-${digits}`, {
          dateStyle: "long",
          timeStyle: "medium",
          timeZone: "UTC",
          hourCycle: "h23",
        })
      : null;
  const bound = new Map<Catalog<Messages>, Messages>();
  return {
    locale,
    dir: locale === "ar" ? "rtl" : "ltr",
    digits,
    num,
    toDigits,
    dateTime(iso) {
      const d = new Date(iso);
      // English keeps the unambiguous ISO form colleagues in several countries read alike.
      if (!dates || Number.isNaN(d.getTime())) return `${toDigits(iso.replace("T", " ").slice(0, 19))} UTC`;
      return `${dates.format(d)} بالتوقيت العالمي`;
    },
    t<M extends Messages>(catalog: Catalog<M>): M {
      const done = bound.get(catalog);
      if (done) return done as M;
      const out: Record<string, unknown> = {};
      for (const [key, message] of Object.entries(catalog.messages[locale])) {
        if (typeof message !== "function") out[key] = message;
        else if ("plural" in message)
          out[key] = (n: number) => pluralWith(message as PluralMessage, n, num(n));
        else
          out[key] = (...args: unknown[]) =>
            message(...args.map((a) => (typeof a === "number" ? num(a) : a)));
      }
      bound.set(catalog, out as Messages);
      return out as M;
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n(DEFAULT_PREFS));

/** The page's I18n, inside a view rendered by page(). */
export const useI18n = (): I18n => useContext(I18nContext);

/** A catalog's messages in the page's language, inside a view. */
export const useT = <M extends Messages>(catalog: Catalog<M>): M => useI18n().t(catalog);
