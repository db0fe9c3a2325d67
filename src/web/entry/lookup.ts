import { getEntry } from "../../db/glossary";
import type { GlossaryEntry } from "../../types";
import { WebError } from "../errors";
import { errorText } from "../messages";
import type { WebContext } from "../page";
import { entryText } from "./messages";

/** Finding the entry a page is about (its id in the path), or a 404 page in the user's language. */
export const entryNotFound = (c: WebContext, id: number) =>
  new WebError(404, {
    title: c.var.i18n.t(entryText).notFoundTitle,
    message: c.var.i18n.t(errorText).entryNotFound(id),
  });

export const idParam = (c: WebContext) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw entryNotFound(c, id);
  return id;
};

export async function requireEntryPage(c: WebContext, id: number): Promise<GlossaryEntry> {
  const entry = await getEntry(c.var.db, id);
  if (!entry) throw entryNotFound(c, id);
  return entry;
}
