import { SELF } from "cloudflare:test";

export const ADMIN = "test-admin-token";

/** Calls the Worker like a client would: JSON in, bearer token, returns the raw Response. */
export function api(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const token = init.token === undefined ? ADMIN : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    if (typeof init.body === "string" || init.body instanceof Uint8Array) body = init.body as BodyInit;
    else body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return SELF.fetch(`http://diwan.test${path}`, { method: init.method ?? "GET", headers, body });
}

export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A token of the given scope, created through the API. */
export async function tokenWithScope(scope: "read" | "write" | "admin"): Promise<string> {
  const res = await api("/api/tokens", {
    method: "POST",
    body: { name: `t-${scope}-${crypto.randomUUID()}`, scope },
  });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A unique marker so tests find their own data whatever else the database holds. */
export const unique = (prefix = "x") => `${prefix}${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;

export function entryBody(en: string, ar: string, extra: Record<string, unknown> = {}) {
  return {
    domain: "diplomacy and protocol",
    definition: `definition of ${en}`,
    terms: [
      { lang: "en", text: en, status: "preferred" },
      { lang: "ar", text: ar, status: "preferred" },
    ],
    ...extra,
  };
}
