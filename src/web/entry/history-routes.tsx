import { Hono } from "hono";
import { entryAtVersion, entryHistory, getEntry } from "../../db/glossary";
import { DomainError, ErrorCode } from "../../errors";
import { revertEntry } from "../../usecases/glossary-edit";
import { WebError } from "../errors";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { HistoryPage, RevertPage } from "./history";
import { idParam, requireEntryPage } from "./lookup";
import { entryText, mergeText } from "./messages";

/**
 * An entry's history (mounted at /glossary): every version with who, when, how (edit, import of a file,
 * revert) and what changed, and reverting to an earlier version — after a confirmation, as a new version.
 */
export const historyRoutes = new Hono<WebEnv>();

historyRoutes.get("/:id{[0-9]+}/history", async (c) => {
  const id = idParam(c);
  const [records, current] = await Promise.all([entryHistory(c.var.db, id), getEntry(c.var.db, id)]);
  if (records.length === 0 && !current) await requireEntryPage(c, id);
  const reverted = /^(\d+)-(\d+)$/.exec(c.req.query("reverted") ?? "");
  return page(
    c,
    c.var.i18n.t(entryText).historyTitle(id),
    <HistoryPage id={id} records={records} current={canWrite(c.var.session) ? current : null} />,
    200,
    reverted ? c.var.i18n.t(mergeText).reverted(Number(reverted[1]), Number(reverted[2])) : undefined,
  );
});

function versionOf(v: string): number {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

async function revertPage(c: WebContext, id: number, version: number, moved = false) {
  const entry = await requireEntryPage(c, id);
  const target = version > 0 && version < entry.version ? await entryAtVersion(c.var.db, id, version) : null;
  if (!target) {
    throw new WebError(404, {
      title: c.var.i18n.t(entryText).notFoundTitle,
      message: c.var.i18n.t(mergeText).versionUnknown(version),
    });
  }
  return page(
    c,
    c.var.i18n.t(mergeText).revertTitle(version),
    <RevertPage entry={entry} version={version} target={target} csrfToken={c.var.csrfToken} moved={moved} />,
    moved ? 409 : 200,
  );
}

historyRoutes.get("/:id{[0-9]+}/revert", needWrite, (c) =>
  revertPage(c, idParam(c), versionOf(c.req.query("version") ?? "")),
);

historyRoutes.post("/:id{[0-9]+}/revert", needWrite, async (c) => {
  const id = idParam(c);
  const body = await formBody(c);
  const version = versionOf(str(body.version));
  const expected = versionOf(str(body.expected));
  // The confirmation showed the diff from version `expected`: if the entry moved on, show it again.
  const current = await requireEntryPage(c, id);
  if (current.version !== expected) return revertPage(c, id, version, true);
  try {
    const entry = await revertEntry(c.var.db, id, version, expected, c.var.session!.name);
    return c.redirect(`/glossary/${id}/history?reverted=${version}-${entry.version}`, 303);
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.StaleVersion)
      return revertPage(c, id, version, true);
    if (err instanceof DomainError && err.code === ErrorCode.NotFound) return revertPage(c, id, version);
    throw err;
  }
});
