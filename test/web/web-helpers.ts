import { SELF } from "cloudflare:test";
import { expect } from "vitest";

export const ORIGIN = "http://diwan.test";
const SESSION = "__Host-diwan-session";

/** A tiny browser: keeps the session cookie, sends the site's Origin on posts, never follows redirects. */
export class Browser {
  jar = new Map<string, string>();

  /** The session cookie ("" when signed out); assignable to plant a forged one. */
  get cookie(): string {
    const v = this.jar.get(SESSION);
    return v === undefined ? "" : `${SESSION}=${v}`;
  }
  set cookie(value: string) {
    const i = value.indexOf("=");
    this.jar.set(value.slice(0, i), value.slice(i + 1));
  }

  async fetch(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string | string[]> | FormData;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: BodyInit | undefined;
    if (init.form instanceof FormData) body = init.form;
    else if (init.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form))
        for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p;
    }
    const method = init.method ?? (body ? "POST" : "GET");
    if (method === "POST") headers.origin ??= ORIGIN;
    const res = await SELF.fetch(`${ORIGIN}${path}`, { method, headers, body, redirect: "manual" });
    for (const set of res.headers.getAll("set-cookie")) {
      const m = /^([^=]+)=([^;]*)/.exec(set);
      if (!m?.[1]) continue;
      if (m[2] === "" || /max-age=0/i.test(set)) this.jar.delete(m[1]);
      else this.jar.set(m[1], m[2] ?? "");
    }
    return res;
  }

  async page(path: string) {
    const res = await this.fetch(path);
    expect(res.status).toBe(200);
    return res.text();
  }

  /** The CSRF token of the last form on a page. */
  static csrf(html: string): string {
    const all = [...html.matchAll(/name="_csrf" value="([^"]+)"/g)];
    const token = all[all.length - 1]?.[1];
    if (!token) throw new Error("no CSRF token on the page");
    return token;
  }

  async signIn(token: string) {
    const res = await this.fetch("/login", { form: { token, next: "/glossary" } });
    expect(res.status).toBe(303);
    return res;
  }
}
