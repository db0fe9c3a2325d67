import type { Locale } from "./locale";

/**
 * Typed message catalogs. A feature defines its interface text once per language with defineMessages();
 * TypeScript refuses an Arabic catalog that lacks an English key (or has one more, or a different kind),
 * and test/node/web-i18n-catalogs.test.ts checks the same at run time for every catalog, plus that no
 * Arabic message is left in English.
 *
 * A message is a string or a function of its parameters (numbers are formatted in the page's digits by
 * the translator, see i18n.ts: a message never formats a number itself).
 */
// biome-ignore lint/suspicious/noExplicitAny: message parameters are each message's own (checked per key)
export type Message = string | ((...args: any[]) => string);
export type Messages = { readonly [key: string]: Message };

export interface Catalog<M extends Messages> {
  /** Where it belongs, for test reports ("entry", "layout"…). */
  readonly name: string;
  readonly messages: Readonly<Record<Locale, M>>;
}

/** Every catalog defined so far (the completeness test loads every messages module, then reads this). */
export const CATALOGS: Catalog<Messages>[] = [];

export function defineMessages<M extends Messages>(name: string, en: M, ar: NoInfer<M>): Catalog<M> {
  const catalog: Catalog<M> = { name, messages: { en, ar } };
  CATALOGS.push(catalog as unknown as Catalog<Messages>);
  return catalog;
}

/** The forms of a count message, by CLDR plural category; `#` stands for the number. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A count message attached to its forms, so the translator can put the number in the page's digits. */
export type PluralMessage = ((n: number) => string) & {
  readonly plural: PluralForms;
  readonly locale: Locale;
};

/**
 * A message that depends on a count ("1 entry", "2 entries"; Arabic has six forms: مدخل واحد، مدخلان،
 * ٣ مداخل، ١١ مدخلًا…), chosen with Intl.PluralRules of the catalog's language.
 */
export function plural(locale: Locale, forms: PluralForms): PluralMessage {
  const rules = new Intl.PluralRules(locale);
  const fn = (n: number, formatted: string = String(n)) =>
    (forms[rules.select(n)] ?? forms.other).replace(/#/g, formatted);
  return Object.assign((n: number) => fn(n), { plural: forms, locale, format: fn });
}

/** Picks and fills a plural message's form with an already formatted number. */
export function pluralWith(message: PluralMessage, n: number, formatted: string): string {
  return (message as unknown as { format(n: number, f: string): string }).format(n, formatted);
}
