/**
 * A table keyed by names that files choose (states, statuses, administrative codes). A Map, not an object
 * literal: a name such as "constructor" or "toString" must miss, not find a method on Object.prototype.
 */
export const lookupTable = <V>(entries: Record<string, V>): ReadonlyMap<string, V> =>
  new Map(Object.entries(entries));
