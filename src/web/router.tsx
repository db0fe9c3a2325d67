import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import {
  createEntry,
  deleteEntry,
  entryDomains,
  entryHistory,
  type GlossaryQuery,
  getEntry,
  listEntries,
  replaceEntry,
  snapshot,
} from "../db/glossary";
import { applyImport, currentGlossaryVersion, planImport } from "../db/glossary-import";
import { createToken, listTokens, revokeToken } from "../db/tokens";
import { ApiError } from "../errors";
import { resolveToken } from "../middleware/auth";
import { exportFormats, exportGlossary, importFormats, parseGlossaryFile } from "../routes/glossary-exchange";
import { type GlossaryEntry, TERM_STATUSES, TOKEN_SCOPES } from "../types";
import { diffEntries } from "./diff";
import {
  type EntryForm,
  emptyForm,
  type FormErrors,
  formOf,
  newTermRow,
  readForm,
  validateForm,
} from "./entry-form";
import { Layout } from "./layout";
import {
  type ConflictInfo,
  ConflictNotice,
  DeletePage,
  EntryFormView,
  EntryHeading,
  EntryLinks,
  EntryView,
  entryTitle,
  GlossaryPage,
  HistoryPage,
  ImportPage,
  ImportPreviewPage,
  LoginPage,
  MessagePage,
  Results,
  TokensPage,
} from "./pages";
import {
  canWrite,
  csrfTokenValid,
  endSession,
  isAdmin,
  loadSession,
  startSession,
  type WebEnv,
  type WebSession,
  webD1Session,
} from "./session";

/**
 * The glossary web editor: server-rendered pages (Hono JSX, escaped by construction), plain HTML forms that
 * work without JavaScript, and /web/app.js only for live search. Sign-in turns an API token into a signed
 * session cookie (see session.ts); every form post carries a session-bound CSRF token and must come from
 * this origin.
 */

type C = Context<WebEnv>;

const PAGE_SIZE = 50;
/** A failed sign-in answers only after this delay: slows token guessing to one try per second per connection. */
const LOGIN_FAILURE_DELAY_MS = 1000;
/** Web import files (the preview carries the file back in the form, so keep it modest; the API takes 10 MB). */
const WEB_IMPORT_BYTES = 2 * 1024 * 1024;

async function page(c: C, title: string, body: Child, status: ContentfulStatusCode = 200, flash?: string) {
  const node = (
    <Layout title={title} session={c.var.session} csrfToken={c.var.csrfToken} flash={flash}>
      {body}
    </Layout>
  );
  c.header("cache-control", "no-store");
  return c.html(`<!doctype html>${await node.toString()}`, status);
}

const formBody = (c: C) =>
  c.req.parseBody({ all: true }) as Promise<Record<string, string | File | (string | File)[]>>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Only local paths: `next` must never send a signed-in user to another site. */
const safeNext = (next: string | undefined) =>
  next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : "/glossary";

const signedIn = createMiddleware<WebEnv>(async (c, next) => {
  if (c.var.session) return next();
  if (c.req.method === "GET" || c.req.method === "HEAD") {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  return page(
    c,
    "Signed out",
    <MessagePage
      title="Signed out"
      message="Your session has ended. Sign in again."
      link={["/login", "Sign in"]}
    />,
    401,
  );
});

/** Every form post: synchronizer token bound to the session (Origin is checked by hono/csrf before this). */
const csrfToken = createMiddleware<WebEnv>(async (c, next) => {
  // Sign-in has no session to bind a token to yet: it relies on the Origin check alone.
  if (c.req.method !== "POST" || c.req.path === "/login") return next();
  const session = c.var.session;
  const body = await formBody(c);
  if (!session || !(await csrfTokenValid(c.env, session, str(body._csrf)))) {
    return page(
      c,
      "Form expired",
      <MessagePage
        title="Form expired"
        message="This form is no longer valid (it came from another session or site). Reload the page and try again."
        link={["/glossary", "Back to the glossary"]}
      />,
      403,
    );
  }
  return next();
});

const needScope = (check: (s: WebSession | null) => boolean, what: string) =>
  createMiddleware<WebEnv>(async (c, next) => {
    if (check(c.var.session)) return next();
    return page(
      c,
      "Not allowed",
      <MessagePage
        title="Not allowed"
        message={`Your token is ${c.var.session?.scope ?? "missing"}: ${what}.`}
        link={["/glossary", "Back to the glossary"]}
      />,
      403,
    );
  });
const needWrite = needScope(canWrite, "editing needs a write token");
const needAdmin = needScope(isAdmin, "managing tokens needs an admin token");

export const webRouter = new Hono<WebEnv>();

// Only the editor's own paths: middleware registered on "*" here would also run for /api once mounted.
const WEB_PATHS = ["/login", "/logout", "/glossary", "/glossary/*", "/tokens", "/tokens/*"];
for (const path of WEB_PATHS) {
  webRouter.use(
    path,
    csrf(),
    bodyLimit({
      maxSize: 8 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, "payload-too-large", "Too large", "the form or file is too large");
      },
    }),
    webD1Session,
    loadSession,
    csrfToken,
  );
}
for (const path of ["/glossary", "/glossary/*", "/tokens", "/tokens/*"]) webRouter.use(path, signedIn);
webRouter.use("/tokens", needAdmin);
webRouter.use("/tokens/*", needAdmin);

webRouter.onError((err, c) => {
  const ctx = c as C;
  const session = (ctx.get("session") as WebSession | null | undefined) ?? null;
  if (ctx.get("session") === undefined) ctx.set("session", session);
  if (ctx.get("csrfToken") === undefined) ctx.set("csrfToken", "");
  if (err instanceof ApiError) {
    return page(
      ctx,
      err.title,
      <MessagePage
        title={err.title}
        message={err.detail ?? err.title}
        link={["/glossary", "Back to the glossary"]}
      />,
      err.status as ContentfulStatusCode,
    );
  }
  if (err instanceof HTTPException && err.status === 403) {
    return page(
      ctx,
      "Forbidden",
      <MessagePage title="Forbidden" message="The form was not sent from a Diwan page." />,
      403,
    );
  }
  console.error("web error", err);
  return page(
    ctx,
    "Error",
    <MessagePage title="Something went wrong" message="The error has been logged." />,
    500,
  );
});

webRouter.get("/", (c) => c.redirect("/glossary", 303));

// ---- Sign in / out ----------------------------------------------------------------------------------

webRouter.get("/login", (c) => {
  const next = safeNext(c.req.query("next"));
  if (c.var.session) return c.redirect(next, 303);
  return page(c, "Sign in", <LoginPage next={next} />);
});

/**
 * Failed sign-ins per client IP, counted in the Cache API (per data centre, best effort; a no-op where the
 * Cache API is unavailable, e.g. on workers.dev). Together with the fixed delay this bounds token guessing.
 */
const LOGIN_FAILURE_LIMIT = 10;
const LOGIN_FAILURE_WINDOW_S = 600;
const failureKey = (c: C) =>
  new Request(
    `https://login-failures.diwan.internal/${encodeURIComponent(c.req.header("cf-connecting-ip") ?? "unknown")}`,
  );

async function loginFailures(c: C): Promise<number> {
  const hit = await caches.default.match(failureKey(c));
  return hit ? Number(await hit.text()) || 0 : 0;
}

async function recordLoginFailure(c: C, count: number): Promise<void> {
  await caches.default.put(
    failureKey(c),
    new Response(String(count), { headers: { "cache-control": `max-age=${LOGIN_FAILURE_WINDOW_S}` } }),
  );
}

webRouter.post("/login", async (c) => {
  const body = await formBody(c);
  const next = safeNext(str(body.next));
  const failures = await loginFailures(c);
  if (failures >= LOGIN_FAILURE_LIMIT) {
    c.header("retry-after", String(LOGIN_FAILURE_WINDOW_S));
    return page(
      c,
      "Sign in",
      <LoginPage
        next={next}
        error="Too many failed sign-ins from your address. Wait ten minutes and try again."
      />,
      429,
    );
  }
  const secret = str(body.token).trim();
  const principal = secret && secret.length <= 200 ? await resolveToken(c.env, c.var.db, secret) : null;
  if (!principal) {
    await recordLoginFailure(c, failures + 1);
    await new Promise((resolve) => setTimeout(resolve, LOGIN_FAILURE_DELAY_MS));
    return page(
      c,
      "Sign in",
      <LoginPage next={next} error="That token is not valid or has been revoked." />,
      401,
    );
  }
  await startSession(c, principal);
  return c.redirect(next, 303);
});

webRouter.post("/logout", (c) => {
  endSession(c);
  return c.redirect("/login", 303);
});

// ---- Glossary list ----------------------------------------------------------------------------------

const ListQuery = z.object({
  q: z.string().max(300).catch(""),
  domain: z.string().max(100).catch(""),
  status: z.enum(["", ...TERM_STATUSES]).catch(""),
  after: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().catch(null),
});

webRouter.get("/glossary", async (c) => {
  const raw = c.req.query();
  const f = ListQuery.parse({
    q: raw.q ?? "",
    domain: raw.domain ?? "",
    status: raw.status ?? "",
    after: raw.after ?? null,
  });
  const query: GlossaryQuery = {
    q: f.q.trim() || undefined,
    domain: f.domain || undefined,
    status: f.status || undefined,
    limit: PAGE_SIZE,
    afterId: f.after,
  };
  const fragment = c.req.header("x-fragment") === "results";
  const [rows, domains] = await Promise.all([
    listEntries(c.var.db, query),
    fragment ? Promise.resolve([]) : entryDomains(c.var.db),
  ]);
  const entries = rows.slice(0, PAGE_SIZE);
  const hasMore = rows.length > PAGE_SIZE;
  c.header("vary", "x-fragment, cookie");
  if (fragment) {
    c.header("cache-control", "no-store");
    return c.html(await (<Results filters={f} entries={entries} hasMore={hasMore} />).toString());
  }
  const flash = c.req.query("deleted") ? "The entry was deleted." : undefined;
  return page(
    c,
    f.q ? `Search: ${f.q}` : "Glossary",
    <GlossaryPage
      filters={f}
      domains={domains.map((d) => d.domain)}
      entries={entries}
      hasMore={hasMore}
      writable={canWrite(c.var.session)}
      exportFormats={exportFormats()}
    />,
    200,
    flash,
  );
});

webRouter.get("/glossary/export", async (c) => {
  const file = await exportGlossary(c.var.db, c.req.query("format") ?? "tsv");
  c.header("content-type", file.mediaType);
  c.header("content-disposition", `attachment; filename="${file.fileName}"`);
  c.header("cache-control", "no-store");
  return c.body(file.body);
});

// ---- Entry create / edit ----------------------------------------------------------------------------

const domainNames = async (c: C) => (await entryDomains(c.var.db)).map((d) => d.domain);

function entryFormPage(
  c: C,
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
      />
    </section>,
    opts.status ?? 200,
    c.req.query("saved") ? "Saved." : undefined,
  );
}

webRouter.get("/glossary/new", needWrite, async (c) =>
  entryFormPage(c, {
    title: "New entry",
    action: "/glossary/new",
    form: emptyForm(),
    domains: await domainNames(c),
  }),
);

webRouter.post("/glossary/new", needWrite, async (c) => {
  const body = await formBody(c);
  const form = readForm(body);
  form.version = null;
  const domains = await domainNames(c);
  if (str(body._action) === "add-term") {
    form.terms.push(newTermRow());
    return entryFormPage(c, { title: "New entry", action: "/glossary/new", form, domains });
  }
  const checked = validateForm(form);
  if (!checked.ok) {
    return entryFormPage(c, {
      title: "New entry",
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

const idParam = (c: C) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new ApiError(404, "not-found", "Not found", "no such entry");
  return id;
};

async function requireEntryPage(c: C, id: number): Promise<GlossaryEntry> {
  const entry = await getEntry(c.var.db, id);
  if (!entry)
    throw new ApiError(
      404,
      "not-found",
      "Entry not found",
      `glossary entry ${id} does not exist (it may have been deleted)`,
    );
  return entry;
}

webRouter.get("/glossary/:id{[0-9]+}", async (c) => {
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
async function conflictInfo(c: C, id: number, loaded: number, current: GlossaryEntry): Promise<ConflictInfo> {
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

webRouter.post("/glossary/:id{[0-9]+}", needWrite, async (c) => {
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
      title: "Entry deleted meanwhile",
      action: "/glossary/new",
      form,
      status: 409,
      domains,
      notice: (
        <div class="conflict" role="alert">
          <h2>Not saved: this entry was deleted</h2>
          <p>
            {del
              ? `${del.actor ?? "Someone"} deleted it at ${del.at.replace("T", " ").slice(0, 19)} UTC. `
              : ""}
            Your input is kept below; Save creates it as a new entry.
          </p>
        </div>
      ),
    });
  }
  const title = entryTitle(current);
  const action = `/glossary/${id}`;
  if (str(body._action) === "add-term") {
    form.terms.push(newTermRow());
    return entryFormPage(c, { title, action, form, entry: current, domains });
  }
  const checked = validateForm(form);
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
    if (err instanceof ApiError && err.status === 412) return conflict(await requireEntryPage(c, id));
    throw err;
  }
  return c.redirect(`/glossary/${id}?saved=1`, 303);
});

// ---- Delete and history -----------------------------------------------------------------------------

webRouter.get("/glossary/:id{[0-9]+}/delete", needWrite, async (c) => {
  const entry = await requireEntryPage(c, idParam(c));
  return page(c, `Delete ${entryTitle(entry)}`, <DeletePage entry={entry} csrfToken={c.var.csrfToken} />);
});

webRouter.post("/glossary/:id{[0-9]+}/delete", needWrite, async (c) => {
  const id = idParam(c);
  const body = await formBody(c);
  const loaded = Number(str(body.version));
  const current = await requireEntryPage(c, id);
  const stale = async (now: GlossaryEntry) =>
    page(
      c,
      "Not deleted",
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
    if (err instanceof ApiError && err.status === 412) return stale(await requireEntryPage(c, id));
    throw err;
  }
  return c.redirect("/glossary?deleted=1", 303);
});

webRouter.get("/glossary/:id{[0-9]+}/history", async (c) => {
  const id = idParam(c);
  const records = await entryHistory(c.var.db, id);
  if (records.length === 0) await requireEntryPage(c, id);
  return page(c, `History of entry ${id}`, <HistoryPage id={id} records={records} />);
});

// ---- Bulk import ------------------------------------------------------------------------------------

const importPage = (c: C, error?: string, status: ContentfulStatusCode = 200) =>
  page(
    c,
    "Import",
    <ImportPage csrfToken={c.var.csrfToken} error={error} formats={importFormats()} />,
    status,
  );

function formatFromName(name: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xml") return "tbx";
  return ext && importFormats().includes(ext) ? ext : null;
}

const importMode = (v: string) => (v === "replace" ? "replace" : "merge");

/** Turns the import's problem details into one readable message for the upload page. */
function importErrorText(err: ApiError): string {
  const lines = (err.errors ?? []).slice(0, 8).map((e) => `${e.field}: ${e.message}`);
  const more = (err.errors?.length ?? 0) > 8 ? ` (and ${(err.errors?.length ?? 0) - 8} more)` : "";
  return `${err.detail ?? err.title}${lines.length ? ` — ${lines.join("; ")}` : ""}${more}`;
}

webRouter.get("/glossary/import", needWrite, (c) => importPage(c));

webRouter.post("/glossary/import", needWrite, async (c) => {
  const body = await formBody(c);
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return importPage(c, "Choose a file to import.", 400);
  if (file.size > WEB_IMPORT_BYTES)
    return importPage(
      c,
      `The file is larger than ${WEB_IMPORT_BYTES / 1024 / 1024} MB; use the API for big imports.`,
      413,
    );
  const chosen = str(body.format);
  const format = chosen && chosen !== "auto" ? chosen : formatFromName(file.name);
  if (!format || !importFormats().includes(format)) {
    return importPage(
      c,
      `Cannot tell the format of "${file.name}": choose one of ${importFormats().join(", ")}.`,
      400,
    );
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await file.arrayBuffer());
  } catch {
    return importPage(c, "The file is not UTF-8 text.", 400);
  }
  return previewImport(c, format, content, importMode(str(body.mode)));
});

async function previewImport(
  c: C,
  format: string,
  content: string,
  mode: "merge" | "replace",
  notice?: string,
) {
  try {
    const plan = await planImport(c.var.db, parseGlossaryFile(format, content), mode);
    return page(
      c,
      "Import preview",
      <ImportPreviewPage
        plan={plan}
        content={content}
        format={format}
        csrfToken={c.var.csrfToken}
        notice={notice}
      />,
    );
  } catch (err) {
    if (err instanceof ApiError && err.status < 500)
      return importPage(c, importErrorText(err), err.status as ContentfulStatusCode);
    throw err;
  }
}

webRouter.post("/glossary/import/apply", needWrite, async (c) => {
  const body = await formBody(c);
  const format = str(body.format);
  const content = str(body.content);
  const mode = importMode(str(body.mode));
  if (!importFormats().includes(format)) return importPage(c, "Unknown format.", 400);
  if (new TextEncoder().encode(content).byteLength > WEB_IMPORT_BYTES + 64 * 1024)
    return importPage(c, "The file is too large.", 413);
  // The preview the user approved must still be what happens: if the glossary moved on, preview again.
  if (Number(str(body.glossaryVersion)) !== (await currentGlossaryVersion(c.var.db))) {
    return previewImport(
      c,
      format,
      content,
      mode,
      "The glossary changed since your preview. Review the changes again.",
    );
  }
  let plan: Awaited<ReturnType<typeof planImport>>;
  try {
    plan = await planImport(c.var.db, parseGlossaryFile(format, content), mode);
    await applyImport(c.var.db, plan, c.var.session!.name);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      return previewImport(
        c,
        format,
        content,
        mode,
        "The glossary changed while importing; nothing was saved. Review again.",
      );
    }
    if (err instanceof ApiError && err.status < 500)
      return importPage(c, importErrorText(err), err.status as ContentfulStatusCode);
    throw err;
  }
  return page(
    c,
    "Import done",
    <MessagePage
      title="Import done"
      message={`${plan.added.length} added, ${plan.changed.length} changed, ${plan.deleted.length} deleted, ${plan.unchanged} unchanged.`}
      link={["/glossary", "Back to the glossary"]}
    />,
  );
});

// ---- Tokens (admin) ---------------------------------------------------------------------------------

webRouter.get("/tokens", async (c) =>
  page(c, "API tokens", <TokensPage tokens={await listTokens(c.var.db)} csrfToken={c.var.csrfToken} />),
);

const TokenForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name is required")
    .max(100)
    .refine((s) => !/[\u0000-\u001F\u007F]/.test(s), "no control characters"),
  scope: z.enum(TOKEN_SCOPES),
});

webRouter.post("/tokens", async (c) => {
  const body = await formBody(c);
  const parsed = TokenForm.safeParse({ name: str(body.name), scope: str(body.scope) });
  if (!parsed.success) {
    const tokens = await listTokens(c.var.db);
    return page(
      c,
      "API tokens",
      <TokensPage tokens={tokens} csrfToken={c.var.csrfToken} error={parsed.error.issues[0]?.message} />,
      400,
    );
  }
  const created = await createToken(c.var.db, parsed.data.name, parsed.data.scope);
  const tokens = await listTokens(c.var.db);
  return page(
    c,
    "API tokens",
    <TokensPage
      tokens={tokens}
      csrfToken={c.var.csrfToken}
      created={{ name: created.name, token: created.token }}
    />,
    201,
  );
});

webRouter.post("/tokens/:id{[0-9]+}/revoke", async (c) => {
  await revokeToken(c.var.db, Number(c.req.param("id")));
  return c.redirect("/tokens", 303);
});
