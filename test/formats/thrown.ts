import { FormatError } from "../../src/formats/errors";

/** The error of type `type` that `fn` throws; fails the test if it returns or throws something else. */
export function thrown<T extends Error>(fn: () => unknown, type: new (...a: never[]) => T): T {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected ${type.name}`);
}

/** The FormatError `fn` throws (reader and parser refusals carry a code, line and column). */
export const formatError = (fn: () => unknown): FormatError => thrown(fn, FormatError);
