import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { sha256Hex } from "../db/tokens";
import { closeWebSession, openWebSession, webSessionOpen } from "../db/web-sessions";
import type { AppEnv, Principal } from "../env";
import { forbidden } from "../errors";
import { hasScope } from "../middleware/auth";
import { TOKEN_SCOPES, type TokenScope } from "../types";
import type { I18n } from "./i18n/i18n";

/**
 * Web sessions: a signed cookie (HMAC-SHA256, WebCrypto) holding the token id, scope, name, expiry and a
 * random session id, and a row per open session in D1 (web_sessions, src/db/web-sessions.ts). Every request
 * checks on the primary that the session is still open (sign-out deletes it, so a copied cookie stops working
 * too) and that a database token is not revoked, and that the bootstrap ADMIN_TOKEN a session came from is
 * still the configured one (so rotating it ends its sessions).
 */

/** `__Host-`: the browser only accepts it Secure, for this exact host, path / — no subdomain can set it. */
export const SESSION_COOKIE = "__Host-diwan-session";
export const SESSION_HOURS = 8;

export interface WebSession {
  /** Token id, or null for the bootstrap ADMIN_TOKEN. */
  tid: number | null;
  scope: TokenScope;
  name: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Random session id: the CSRF token is derived from it, so it is tied to this session. */
  sid: string;
  /** For ADMIN_TOKEN sessions: a fingerprint of the token the session was opened with. */
  fp?: string;
}

export interface WebEnv extends AppEnv {
  Variables: AppEnv["Variables"] & { session: WebSession | null; csrfToken: string; i18n: I18n };
}

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(s: string): Uint8Array | null {
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

// The key imported once per isolate (and per secret: a rotated secret is another entry), not on each of the
// two uses of every request (the cookie's check and the CSRF token). Only imported keys are kept, never a
// pending promise (which would tie one request to another's work); a failed import is not kept.
const signingKeys = new Map<string, CryptoKey>();

/** The signing key: SESSION_SECRET, or a key derived from ADMIN_TOKEN (so a dev setup needs nothing more). */
async function signingKey(env: AppEnv["Bindings"]): Promise<CryptoKey> {
  const cacheKey = env.SESSION_SECRET ? `secret:${env.SESSION_SECRET}` : `admin:${env.ADMIN_TOKEN ?? ""}`;
  const known = signingKeys.get(cacheKey);
  if (known) return known;
  const key = await importSigningKey(env);
  // One or two entries in practice (secrets change rarely); never grows without bound.
  if (signingKeys.size >= 8) signingKeys.clear();
  signingKeys.set(cacheKey, key);
  return key;
}

async function importSigningKey(env: AppEnv["Bindings"]): Promise<CryptoKey> {
  let raw: Uint8Array;
  if (env.SESSION_SECRET) raw = enc.encode(env.SESSION_SECRET);
  else {
    if (!env.ADMIN_TOKEN) throw forbidden("sign-in is not configured on this server (no ADMIN_TOKEN)");
    const base = await crypto.subtle.importKey(
      "raw",
      enc.encode(env.ADMIN_TOKEN),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    raw = new Uint8Array(await crypto.subtle.sign("HMAC", base, enc.encode("diwan web session key v1")));
  }
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

async function mac(key: CryptoKey, data: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(data))));
}

const adminFingerprint = async (env: AppEnv["Bindings"]) =>
  (await sha256Hex(`diwan-admin:${env.ADMIN_TOKEN ?? ""}`)).slice(0, 16);

export async function encodeSession(env: AppEnv["Bindings"], s: WebSession): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify(s)));
  return `${payload}.${await mac(await signingKey(env), `session.${payload}`)}`;
}

function isSession(v: unknown): v is WebSession {
  if (!v || typeof v !== "object") return false;
  const s = v as Record<string, unknown>;
  return (
    (s.tid === null || Number.isSafeInteger(s.tid)) &&
    TOKEN_SCOPES.includes(s.scope as TokenScope) &&
    typeof s.name === "string" &&
    typeof s.exp === "number" &&
    typeof s.sid === "string"
  );
}

/** The session a cookie value proves, or null (bad signature, malformed, expired). */
export async function decodeSession(env: AppEnv["Bindings"], cookie: string): Promise<WebSession | null> {
  const [payload, signature, extra] = cookie.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const sig = fromB64url(signature);
  if (!sig) return null;
  const key = await signingKey(env);
  const ok = await crypto.subtle.verify("HMAC", key, sig, enc.encode(`session.${payload}`));
  if (!ok) return null;
  const bytes = fromB64url(payload);
  if (!bytes) return null;
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  if (!isSession(data) || data.exp * 1000 <= Date.now()) return null;
  return data;
}

/** Synchronizer token for forms: derived from (and only valid with) the session's random id. */
export async function csrfTokenFor(env: AppEnv["Bindings"], s: WebSession): Promise<string> {
  return mac(await signingKey(env), `csrf.${s.sid}`);
}

export async function csrfTokenValid(
  env: AppEnv["Bindings"],
  s: WebSession,
  given: string | undefined,
): Promise<boolean> {
  if (!given) return false;
  const expected = enc.encode(await csrfTokenFor(env, s));
  const actual = enc.encode(given);
  return expected.byteLength === actual.byteLength && crypto.subtle.timingSafeEqual(expected, actual);
}

export async function startSession(c: Context<WebEnv>, principal: Principal): Promise<void> {
  const session: WebSession = {
    tid: principal.tokenId,
    scope: principal.scope,
    name: principal.name,
    exp: Math.floor(Date.now() / 1000) + SESSION_HOURS * 3600,
    sid: b64url(crypto.getRandomValues(new Uint8Array(18))),
    ...(principal.tokenId === null ? { fp: await adminFingerprint(c.env) } : {}),
  };
  await openWebSession(c.env.DB, session.sid, session.tid, session.exp);
  setCookie(c, SESSION_COOKIE, await encodeSession(c.env, session), {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    maxAge: SESSION_HOURS * 3600,
  });
}

export function endSession(c: Context<WebEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Strict" });
}

/** Sign-out: closes the session on the server (every copy of its cookie stops working) and clears the cookie. */
export async function signOut(c: Context<WebEnv>): Promise<void> {
  const session = c.var.session;
  if (session) await closeWebSession(c.env.DB, session.sid);
  endSession(c);
}

/**
 * Still valid now? The session must be open on the server (not signed out), a database token not revoked
 * (nor its scope changed), an admin session must match ADMIN_TOKEN.
 */
async function stillValid(c: Context<WebEnv>, s: WebSession): Promise<boolean> {
  if (!c.env.ADMIN_TOKEN) return false;
  if (s.tid === null && s.fp !== (await adminFingerprint(c.env))) return false;
  return webSessionOpen(c.env.DB, s.sid, s.tid, s.scope);
}

/** Loads the session (if any) into `c.var.session` and the form token into `c.var.csrfToken`. */
export const loadSession = createMiddleware<WebEnv>(async (c, next) => {
  const cookie = getCookie(c, SESSION_COOKIE);
  let session: WebSession | null = null;
  if (cookie && c.env.ADMIN_TOKEN) {
    session = await decodeSession(c.env, cookie);
    if (session && !(await stillValid(c, session))) session = null;
    if (!session) endSession(c);
  }
  c.set("session", session);
  c.set("csrfToken", session ? await csrfTokenFor(c.env, session) : "");
  await next();
});

export const sessionPrincipal = (s: WebSession): Principal => ({
  tokenId: s.tid,
  name: s.name,
  scope: s.scope,
});

export const canWrite = (s: WebSession | null) => !!s && hasScope(sessionPrincipal(s), "write");
export const isAdmin = (s: WebSession | null) => !!s && hasScope(sessionPrincipal(s), "admin");
