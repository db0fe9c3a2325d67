import { describe, expect, it } from "vitest";
import { api, jsonOf, tokenWithScope } from "../support/api";

describe("authentication and scopes", () => {
  it("refuses /api without a token, with a problem+json body", async () => {
    const res = await api("/api/glossary", { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
    const body = await jsonOf(res);
    expect(body).toMatchObject({ status: 401, title: "Unauthorized", code: "unauthorized" });
    expect(typeof body.detail).toBe("string");
  });

  it("refuses an invalid token", async () => {
    const res = await api("/api/glossary", { token: "nope" });
    expect(res.status).toBe(401);
  });

  it("lets a read token read but not write", async () => {
    const read = await tokenWithScope("read");
    expect((await api("/api/glossary", { token: read })).status).toBe(200);
    const res = await api("/api/glossary", {
      method: "POST",
      token: read,
      body: { domain: "x", terms: [] },
    });
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).code).toBe("forbidden");
  });

  it("keeps token management for admins", async () => {
    const write = await tokenWithScope("write");
    expect((await api("/api/tokens", { token: write })).status).toBe(403);
    expect(
      (await api("/api/tokens", { method: "POST", token: write, body: { name: "a", scope: "read" } })).status,
    ).toBe(403);
  });

  it("creates, lists and revokes tokens; the secret is shown once and a revoked token stops working", async () => {
    const created = await api("/api/tokens", { method: "POST", body: { name: "ci reader", scope: "read" } });
    expect(created.status).toBe(201);
    const t = await jsonOf<{ id: number; name: string; scope: string; token: string }>(created);
    expect(t).toMatchObject({ name: "ci reader", scope: "read" });
    expect(t.token).toMatch(/^dwn_[A-Za-z0-9_-]{40,}$/);

    expect((await api("/api/glossary", { token: t.token })).status).toBe(200);
    const list = await jsonOf<{ items: Record<string, unknown>[] }>(await api("/api/tokens"));
    const mine = list.items.find((i) => i.id === t.id);
    expect(mine).toMatchObject({ name: "ci reader", scope: "read", revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(t.token);

    // Like every DELETE: 204 without a body; the list shows the token revoked.
    const del = await api(`/api/tokens/${t.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    const after = await jsonOf<{ items: Record<string, unknown>[] }>(await api("/api/tokens"));
    expect(after.items.find((i) => i.id === t.id)?.revokedAt).toEqual(expect.any(String));
    expect((await api("/api/glossary", { token: t.token })).status).toBe(401);
    expect((await api("/api/tokens/999999", { method: "DELETE" })).status).toBe(404);
  });

  it("validates token creation input with field-level reasons", async () => {
    const res = await api("/api/tokens", { method: "POST", body: { name: "", scope: "root" } });
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: { field: string }[] }>(res);
    expect(body.errors.map((e) => e.field).sort()).toEqual(["name", "scope"]);
  });
});

describe("fail closed", () => {
  it("refuses every authenticated route when no ADMIN_TOKEN is configured, even for a valid stored token", async () => {
    const { env, createExecutionContext } = await import("cloudflare:test");
    const { default: app } = await import("../../src/index");
    const stored = await tokenWithScope("admin");
    const withoutAdmin = { ...env, ADMIN_TOKEN: undefined };
    for (const token of [stored, "test-admin-token", ""]) {
      const res = await app.request(
        "/api/glossary",
        { headers: { authorization: `Bearer ${token}` } },
        withoutAdmin,
        createExecutionContext(),
      );
      expect(res.status).toBe(401);
      expect((await res.json()) as Record<string, unknown>).toMatchObject({ code: "unauthorized" });
    }
    const health = await app.request("/health", {}, withoutAdmin, createExecutionContext());
    expect(health.status).toBe(200);
  });
});
