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
