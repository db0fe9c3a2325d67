import { Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createEntry, deleteEntry, entryDomains, entryHistory, getEntry, snapshot } from "../../db/glossary";
import { badRequest, DomainError, ErrorCode } from "../../errors";
import { EntryInputSchema } from "../../schemas/entry";
import type { EntryContent, GlossaryEntry } from "../../types";
import { EditConflict, saveEntry } from "../../usecases/glossary-edit";
import { termContext } from "../../usecases/term-context";
import { diffEntries } from "../diff";
import { needWrite } from "../guards";
import { formBody, page, str, type WebContext } from "../page";
import { canWrite, type WebEnv } from "../session";
import { TermContextView } from "./context-view";
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
import { idParam, requireEntryPage } from "./lookup";
import { type MergeInfo, MergeNotice } from "./merge-view";
import { entryText, mergeText } from "./messages";
import {
  AddedUndo,
  addedFromPath,
  type ConflictInfo,
  ConflictNotice,
  DeletedNotice,
  DeletePage,
  EntryHeading,
  EntryLinks,
  EntryView,
  entryTitle,
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
    merge?: MergeInfo;
    notice?: Child;
    domains: string[];
    /** Shown under the form (the entry's terms in the memory), on the page loaded, not on a refused save. */
    after?: Child;
  },
) {
  return page(
    c,
    opts.title,
    <section>
      {opts.entry ? <EntryHeading entry={opts.entry} /> : <h1>{opts.title}</h1>}
      {opts.entry ? <EntryLinks id={opts.entry.id} version={opts.entry.version} writable /> : null}
      {opts.conflict ? <ConflictNotice conflict={opts.conflict} /> : null}
      {opts.merge ? <MergeNotice merge={opts.merge} /> : null}
      {opts.merge ? (
        <input type="hidden" name="merge_with" value={String(opts.merge.currentVersion)} form="entry-form" />
      ) : null}
      {opts.notice ?? null}
      <EntryFormView
        action={opts.action}
        form={opts.form}
        errors={opts.errors ?? {}}
        csrfToken={c.var.csrfToken}
        domains={opts.domains}
        unsaved={c.req.method === "POST"}
      />
      {opts.after ?? null}
    </section>,
    opts.status ?? 200,
    savedFlash(c),
  );
}

/** The flash after a save: plain, or merged with others' changes (`saved=merged-<version>`). */
function savedFlash(c: WebContext): string | undefined {
  const saved = c.req.query("saved");
  if (!saved) return undefined;
  const merged = /^merged-(\d+)$/.exec(saved);
  return merged ? c.var.i18n.t(mergeText).mergedSaved(Number(merged[1])) : text(c).saved;
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
    notice: addedFromField(addedFromPath(c.req.query("back"))),
  });
});

/** The segment an entry is added from, kept through the new-entry form's round trips (hidden field). */
const addedFromField = (back: string | null) =>
  back ? <input type="hidden" name="back" value={back} form="entry-form" /> : undefined;

entryRoutes.post("/new", needWrite, async (c) => {
  const body = await formBody(c);
  const form = readForm(body);
  form.version = null;
  const domains = await domainNames(c);
  const back = addedFromPath(str(body.back));
  const notice = addedFromField(back);
  if (str(body._action) === "add-term") {
    form.terms.push(newTermRow());
    return entryFormPage(c, { title: text(c).newEntry, action: "/glossary/new", form, domains, notice });
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
      notice,
    });
  }
  const entry = await createEntry(c.var.db, checked.input, c.var.session!.name);
  const added = back ? `&added=${encodeURIComponent(back)}` : "";
  return c.redirect(`/glossary/${entry.id}?saved=1${added}`, 303);
});

entryRoutes.get("/:id{[0-9]+}", async (c) => {
  const id = idParam(c);
  const entry = await requireEntryPage(c, id);
  const context = <TermContextView entry={entry} context={await termContext(c.var.db, entry)} />;
  if (!canWrite(c.var.session)) {
    return page(
      c,
      entryTitle(entry),
      <section>
        <EntryHeading entry={entry} />
        <EntryLinks id={id} version={entry.version} writable={false} />
        <EntryView entry={entry} />
        {context}
      </section>,
    );
  }
  // Just added from a document's segment and unchanged since: its undo (delete it) beside the flash.
  const back = entry.version === 1 ? addedFromPath(c.req.query("added")) : null;
  return entryFormPage(c, {
    title: entryTitle(entry),
    action: `/glossary/${id}`,
    form: formOf(entry),
    entry,
    domains: await domainNames(c),
    after: context,
    notice: back ? <AddedUndo entry={entry} back={back} csrfToken={c.var.csrfToken} /> : undefined,
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
  // The version the form was loaded from: an edit made on an older one is merged three ways with what was
  // saved since (src/usecases/glossary-edit.ts). Choices made on a conflict page count only if the entry
  // is still at the version that page showed (`merge_with`): otherwise the user has not seen the new values.
  const loaded = form.version ?? 0;
  const posted = readChoices(body);
  const shownAt = Number(str(body.merge_with));
  for (let attempt = 0; ; attempt++) {
    const now = attempt === 0 ? current : await requireEntryPage(c, id);
    const choices = shownAt === now.version ? posted : new Map<string, "mine" | "theirs">();
    try {
      const saved = await saveEntry(c.var.db, {
        id,
        loadedVersion: loaded,
        edit: () => checked.input,
        validate: validEntry,
        choices,
        actor: c.var.session!.name,
      });
      return c.redirect(
        `/glossary/${id}?saved=${saved.mergedWith === null ? "1" : `merged-${saved.entry.version}`}`,
        303,
      );
    } catch (err) {
      if (err instanceof EditConflict) {
        const info = await conflictInfo(c, id, loaded, err.current);
        return entryFormPage(c, {
          title,
          action,
          form,
          entry: err.current,
          merge: {
            conflicts: err.conflicts,
            actors: info.actors,
            at: info.at,
            loadedVersion: loaded,
            currentVersion: err.current.version,
            chosen: choices,
            movedAgain: posted.size > 0 && choices.size === 0,
          },
          status: 409,
          domains,
        });
      }
      if (!(err instanceof DomainError && err.code === ErrorCode.StaleVersion)) throw err;
      // Someone saved between our read and our write: merge again with the newer version, once.
      if (attempt === 0) continue;
      // The loaded version is not in the history (no base to merge with): show their change; saving again
      // is then a deliberate overwrite, after seeing it.
      const latest = await requireEntryPage(c, id);
      return entryFormPage(c, {
        title,
        action,
        form: { ...form, version: latest.version },
        entry: latest,
        conflict: await conflictInfo(c, id, loaded, latest),
        status: 409,
        domains,
      });
    }
  }
});

/** The per-field choices posted from a conflict page (`choice:<field>` = mine | theirs). */
function readChoices(body: Record<string, unknown>): Map<string, "mine" | "theirs"> {
  const out = new Map<string, "mine" | "theirs">();
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith("choice:")) continue;
    const v = str(value);
    if (v === "mine" || v === "theirs") out.set(name.slice("choice:".length), v);
  }
  return out;
}

function validEntry(content: EntryContent): EntryContent {
  const check = EntryInputSchema.safeParse(content);
  if (check.success) return check.data;
  throw badRequest(
    "the merged entry is not valid",
    check.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
  );
}

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
