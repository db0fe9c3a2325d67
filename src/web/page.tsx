import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Layout } from "./layout";
import type { WebEnv } from "./session";

/** What every web handler gets: the request's D1 session, the web session (or null) and its form token. */
export type WebContext = Context<WebEnv>;

/** A whole HTML page in the shared layout; never cached (it shows the signed-in user and a form token). */
export async function page(
  c: WebContext,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
  flash?: string,
) {
  const node = (
    <Layout title={title} session={c.var.session} csrfToken={c.var.csrfToken} flash={flash}>
      {body}
    </Layout>
  );
  c.header("cache-control", "no-store");
  return c.html(`<!doctype html>${await node.toString()}`, status);
}

/** The posted form, repeated fields as arrays (parsed once: Hono caches the body for later readers). */
export const formBody = (c: WebContext) =>
  c.req.parseBody({ all: true }) as Promise<Record<string, string | File | (string | File)[]>>;

/** A form field as text ("" when missing, a file or repeated). */
export const str = (v: unknown) => (typeof v === "string" ? v : "");
