import { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  createEntry,
  deleteEntry,
  entryDomains,
  entryHistory,
  getEntry,
  replaceEntry,
  snapshot,
} from "../../db/glossary";
import { DomainError, ErrorCode } from "../../errors";
import type { GlossaryEntry } from "../../types";
import { diffEntries } from "../diff";
import { WebError } from "../errors";
import { needWrite } from "../guards";
import { errorText } from "../messages";
import { formBody, page, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import {
  type EntryForm,
  emptyForm,
  type FormErrors,
  formOf,
  newTermRow,
  readForm,
  validateForm,
} from "./form";
import { EntryFormView } from "./form-view";
import { entryText } from "./messages";
import {
  type ConflictInfo,
  ConflictNotice,
  DeletedNotice,
  DeletePage,
  EntryHeading,
  EntryLinks,
  EntryView,
  entryTitle,
  HistoryPage,
} from "./pages";

/**
 * One glossary entry (mounted at /glossary): view, create, edit, delete, history. Saves and deletes are
 * conditional on the version the form was loaded from; a stale one shows what the other person changed.
 */
export const entryRoutes = new Hono<WebEnv>();

const text = (c: WebContext) => c.var.i18n.t(entryText);

const domainNames = async (c: WebContext) => (await entryDomains(c.var.db)).map((d) => d.domain);

function entryFormPage(
  c: WebContext,
  opts: {
    title: string;
    action: string;
    form: EntryForm;
    errors?: FormErrors;
    status?: ContentfulStatusCode;
    entry?: GlossaryEntry;
    conflict?: ConflictInfo;
    notice?: Child;
    domains: string[];
  },
) {
  return page(
    c,
    opts.title,
    <section>
      {opts.entry ? <EntryHeading entry={opts.entry} /> : <h1>{opts.title}</h1>}
      {opts.entry ? <EntryLinks id={opts.entry.id} version={opts.entry.version} writable /> : null}
      {opts.conflict ? <ConflictNotice conflict={opts.conflict} /> : null}
      {opts.notice ?? null}
      <EntryFormView
        action={opts.action}
        form={opts.form}
        errors={opts.errors ?? {}}
        csrfToken={c.var.csrfToken}
        domains={opts.domains}
        unsaved={c.req.method === "POST"}
      />
    </section>,
    opts.status ?? 200,
    c.req.query("saved") ? text(c).saved : undefined,
  );
}

entryRoutes.get("/new", needWrite, async (c) => {
  // Prefilled from a document's segment ("Add to glossary": ?ar=…&en=…&source=…); only shown, never saved.
  const form = emptyForm();
  const [ar, en] = form.terms;
  if (ar) ar.text = (c.req.query("ar") ?? "").trim().slice(0, 300);
  if (en) en.text = (c.req.query("en") ?? "").trim().slice(0, 300);
  form.source = (c.req.query("source") ?? "").trim().slice(0, 300);
  return entryFormPage(c, {
    title: text(c).newEntry,
    action: "/glossary/new",
    form,
    domains: await domainNames(c),
  });
});

entryRoutes.post("/new", needWrite, async (c) => {
  const body = await formBody(c);
  const form = readForm(body);
  form.version = null;
  const domains = await domainNames(c);
  if (str(body._action) === "add-term") {
    form.terms.push(newTermRow());
    return entryFormPage(c, { title: text(c).newEntry, action: "/glossary/new", form, domains });
  }
  const checked = validateForm(form, text(c));
  if (!checked.ok) {
    return entryFormPage(c, {
      title: text(c).newEntry,
      action: "/glossary/new",
      form,
      errors: checked.errors,
      status: 400,
      domains,
    });
  }
  const entry = await createEntry(c.var.db, checked.input, c.var.session!.name);
  return c.redirect(`/glossary/${entry.id}?saved=1`, 303);
});

const entryNotFound = (c: WebContext, id: number) =>
  new WebError(404, {
    title: text(c).notFoundTitle,
    message: c.var.i18n.t(errorText).entryNotFound(id),
  });

const idParam = (c: WebContext) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw entryNotFound(c, id);
  return id;
};

async function requireEntryPage(c: WebContext, id: number): Promise<GlossaryEntry> {
  const entry = await getEntry(c.var.db, id);
  if (!entry) throw entryNotFound(c, id);
  return entry;
}

entryRoutes.get("/:id{[0-9]+}", async (c) => {
  const id = idParam(c);
  const entry = await requireEntryPage(c, id);
  if (!canWrite(c.var.session)) {
    return page(
      c,
      entryTitle(entry),
      <section>
        <EntryHeading entry={entry} />
        <EntryLinks id={id} version={entry.version} writable={false} />
        <EntryView entry={entry} />
      </section>,
    );
  }
  return entryFormPage(c, {
    title: entryTitle(entry),
    action: `/glossary/${id}`,
    form: formOf(entry),
    entry,
    domains: await domainNames(c),
  });
});

/** What someone else changed between the version the user loaded and now, from the entry's history. */
async function conflictInfo(
  c: WebContext,
  id: number,
  loaded: number,
  current: GlossaryEntry,
): Promise<ConflictInfo> {
  const history = await entryHistory(c.var.db, id);
  const base = history.find((r) => r.version === loaded)?.after ?? null;
  const since = history.filter((r) => r.version > loaded);
  return {
    lines: base ? diffEntries(base, snapshot(current)) : diffEntries(null, snapshot(current)),
    actors: [...new Set(since.map((r) => r.actor ?? "unknown"))],
    at: since[since.length - 1]?.at ?? null,
    loadedVersion: loaded,
    currentVersion: current.version,
  };
}

entryRoutes.post("/:id{[0-9]+}", needWrite, async (c) => {
  const id = idParam(c);
  const body = await formBody(c);
  const form = readForm(body);
  const domains = await domainNames(c);
  const current = await getEntry(c.var.db, id);
  if (!current) {
    // Deleted meanwhile: keep the user's input and offer to save it as a new entry.
    const history = await entryHistory(c.var.db, id);
    const del = history.find((r) => r.action === "delete");
    form.version = null;
    return entryFormPage(c, {
      title: text(c).deletedMeanwhileTitle,
      action: "/glossary/new",
      form,
      status: 409,
      domains,
      notice: <DeletedNotice by={del?.actor ?? null} at={del?.at ?? null} />,
    });
  }
  const title = entryTitle(current);
  const action = `/glossary/${id}`;
  if (str(body._action) === "add-term") {
    form.terms.push(newTermRow());
    return entryFormPage(c, { title, action, form, entry: current, domains });
  }
  const checked = validateForm(form, text(c));
  if (!checked.ok) {
    return entryFormPage(c, {
      title,
      action,
      form,
      entry: current,
      errors: checked.errors,
      status: 400,
      domains,
    });
  }
  const loaded = form.version ?? 0;
  const conflict = async (now: GlossaryEntry) => {
    const info = await conflictInfo(c, id, loaded, now);
    // The form now carries the current version: saving again is a deliberate overwrite, after seeing the diff.
    return entryFormPage(c, {
      title,
      action,
      form: { ...form, version: now.version },
      entry: now,
      conflict: info,
      status: 409,
      domains,
    });
  };
  if (loaded !== current.version) return conflict(current);
  try {
    await replaceEntry(c.var.db, id, checked.input, current, loaded, c.var.session!.name);
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.StaleVersion)
      return conflict(await requireEntryPage(c, id));
    throw err;
  }
  return c.redirect(`/glossary/${id}?saved=1`, 303);
});

entryRoutes.get("/:id{[0-9]+}/delete", needWrite, async (c) => {
  const entry = await requireEntryPage(c, idParam(c));
  return page(
    c,
    text(c).deleteTitle(entryTitle(entry)),
    <DeletePage entry={entry} csrfToken={c.var.csrfToken} />,
  );
});

entryRoutes.post("/:id{[0-9]+}/delete", needWrite, async (c) => {
  const id = idParam(c);
  const body = await formBody(c);
  const loaded = Number(str(body.version));
  const current = await requireEntryPage(c, id);
  const stale = async (now: GlossaryEntry) =>
    page(
      c,
      text(c).notDeleted,
      <DeletePage
        entry={now}
        csrfToken={c.var.csrfToken}
        conflict={await conflictInfo(c, id, loaded, now)}
      />,
      409,
    );
  if (loaded !== current.version) return stale(current);
  try {
    await deleteEntry(c.var.db, current, loaded, c.var.session!.name);
  } catch (err) {
    if (err instanceof DomainError && err.code === ErrorCode.StaleVersion)
      return stale(await requireEntryPage(c, id));
    throw err;
  }
  return c.redirect("/glossary?deleted=1", 303);
});

entryRoutes.get("/:id{[0-9]+}/history", async (c) => {
  const id = idParam(c);
  const records = await entryHistory(c.var.db, id);
  if (records.length === 0) await requireEntryPage(c, id);
  return page(c, text(c).historyTitle(id), <HistoryPage id={id} records={records} />);
});
