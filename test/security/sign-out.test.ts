import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encodeSession, SESSION_COOKIE } from "../../src/web/session";
import { ADMIN, api, jsonOf, tokenWithScope, unique } from "../support/api";
import { Browser } from "../web/web-helpers";

/**
 * Sign-out ends the session on the server (issue 16.1): it used to clear the cookie only, so a copy of the
 * cookie kept full rights for 8 h (after sign-out, POST /tokens with it created an admin token).
 */
async function tokenNames(): Promise<string[]> {
  const res = await api("/api/tokens");
  return (await jsonOf<{ items: { name: string }[] }>(res)).items.map((t) => t.name);
}

async function signOut(b: Browser) {
  const csrf = Browser.csrf(await b.page("/glossary"));
  const res = await b.fetch("/logout", { form: { _csrf: csrf } });
  expect(res.status).toBe(303);
  expect(b.cookie).toBe("");
}

describe("sign-out revokes the session server-side (issue 16.1)", () => {
  it("a copied admin session cookie cannot read pages or create tokens after sign-out", async () => {
    const owner = new Browser();
    await owner.signIn(ADMIN);
    const thief = new Browser();
    thief.cookie = owner.cookie;
    const tokensPage = await thief.page("/tokens");
    const csrf = Browser.csrf(tokensPage);
    await signOut(owner);

    expect((await thief.fetch("/glossary")).status).toBe(303);
    expect((await thief.fetch("/tokens")).headers.get("location")).toMatch(/^\/login/);
    const name = unique("stolen ");
    const created = await thief.fetch("/tokens", { form: { _csrf: csrf, name, scope: "admin" } });
    expect(created.status).not.toBe(201);
    expect(await tokenNames()).not.toContain(name);
  });

  it("signing out one session leaves the user's other sessions alone, and signing in again works", async () => {
    const token = await tokenWithScope("write");
    const laptop = new Browser();
    const phone = new Browser();
    await laptop.signIn(token);
    await phone.signIn(token);
    const copy = new Browser();
    copy.cookie = laptop.cookie;
    await signOut(laptop);
    expect((await copy.fetch("/glossary")).status).toBe(303);
    expect((await phone.fetch("/glossary")).status).toBe(200);
    await laptop.signIn(token);
    expect((await laptop.fetch("/glossary")).status).toBe(200);
    expect((await copy.fetch("/glossary")).status).toBe(303);
  });

  it("a cookie correctly signed for a session the server never opened is refused", async () => {
    // A session is valid only while the server holds it: the signature alone (a leaked key, say) is not enough.
    const name = unique("forged ");
    const created = await api("/api/tokens", { method: "POST", body: { name, scope: "write" } });
    const { id } = await jsonOf<{ id: number }>(created);
    const forged = new Browser();
    const value = await encodeSession(env, {
      tid: id,
      scope: "write",
      name,
      exp: Math.floor(Date.now() / 1000) + 3600,
      sid: "never-opened-session-id",
    });
    forged.cookie = `${SESSION_COOKIE}=${value}`;
    expect((await forged.fetch("/glossary")).status).toBe(303);
  });
});
