// The test harness of the Worker tests: a client calling the Worker as a user would, and the documents,
// entries and tokens a test needs, made through the API. (test/support/db.ts gives the database itself,
// test/support/random.ts the seeded generator.)
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { GlossaryEntry, Segment } from "../../src/types";

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
    if (init.body instanceof FormData)
      body = init.body; // multipart: fetch sets the boundary
    else {
      if (typeof init.body === "string" || init.body instanceof Uint8Array) body = init.body as BodyInit;
      else body = JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
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

/** `n` random Latin letters (a–z): a marker for terms that must stay words (no digits, never empty). */
export function uniqueLetters(n = 6): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join("");
}

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

/**
 * A document made through the API (201 expected), with its segments as stored. The title is unique unless
 * given, so a test finds its own document whatever else the database holds.
 */
export async function createDoc(segments: { ar: string; en?: string | null }[], title = unique("doc ")) {
  const res = await api("/api/documents", { method: "POST", body: { title, segments } });
  expect(res.status, await res.clone().text()).toBe(201);
  const doc = await jsonOf<{ id: number; title: string; segmentCount: number }>(res);
  return { ...doc, segments: await segmentsOf(doc.id) };
}

/** A document's segments in order (up to 500). */
export async function segmentsOf(documentId: number): Promise<Segment[]> {
  const res = await api(`/api/documents/${documentId}/segments?limit=500`);
  expect(res.status).toBe(200);
  return (await jsonOf<{ items: Segment[] }>(res)).items;
}

/** Edits one segment through the API (200 expected). */
export async function setSegment(id: number, patch: { en?: string | null; status?: string }) {
  const res = await api(`/api/segments/${id}`, { method: "PATCH", body: patch });
  expect(res.status).toBe(200);
  return jsonOf<Segment>(res);
}

/**
 * A glossary entry made through the API (201 expected): an English and an Arabic preferred term with
 * `entryBody`'s defaults, or the given request body as it is.
 */
export async function createEntry(
  en: string,
  ar: string,
  extra?: Record<string, unknown>,
): Promise<GlossaryEntry>;
export async function createEntry(body: Record<string, unknown>): Promise<GlossaryEntry>;
export async function createEntry(
  enOrBody: string | Record<string, unknown>,
  ar?: string,
  extra: Record<string, unknown> = {},
): Promise<GlossaryEntry> {
  const body = typeof enOrBody === "string" ? entryBody(enOrBody, ar ?? "", extra) : enOrBody;
  const res = await api("/api/glossary", { method: "POST", body });
  expect(res.status, await res.clone().text()).toBe(201);
  return jsonOf<GlossaryEntry>(res);
}
