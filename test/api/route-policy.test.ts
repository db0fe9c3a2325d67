// Route metadata (issue 11.5): every API route declares the scope it needs and where its D1 session starts
// (apiRoute), and the middleware reads that declaration — no path lists beside the routes.
import { describe, expect, it } from "vitest";
import app from "../../src/index";
import { policyTable, type RouteDefinition } from "../../src/middleware/route-policy";
import { api, jsonOf, tokenWithScope } from "../support/api";

const definitions = app.openAPIRegistry.definitions as unknown as RouteDefinition[];
const table = policyTable(definitions);
/** A concrete path of a route pattern (`:id` → 1). */
const concrete = (pattern: string) => pattern.replace(/:[^/]+/g, "1");

describe("route metadata", () => {
  it("is declared by every /api route the app answers, and found for its own path", () => {
    const apiRoutes = app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL");
    expect(apiRoutes.length).toBeGreaterThan(30);
    const undeclared = apiRoutes
      .filter((r) => table.policyOf(r.method, concrete(r.path)) === null)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it("is what the OpenAPI document says, route by route", async () => {
    const doc = await jsonOf<{
      paths: Record<string, Record<string, { security: { bearerAuth: string[] }[]; "x-d1-session": string }>>;
    }>(await api("/openapi.json", { token: null }));
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith("/api/")) continue;
      for (const [method, op] of Object.entries(item)) {
        const policy = table.policyOf(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "1"));
        expect(policy, `${method} ${path}`).toEqual({
          scope: op.security[0]?.bearerAuth[0],
          session: op["x-d1-session"],
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("resolves a path two routes could answer as the app does (the first mounted)", () => {
    // /glossary/export is mounted before /glossary/{id}; /glossary/domains before it too.
    expect(table.policyOf("GET", "/api/glossary/export")).toEqual({ scope: "read", session: "replica" });
    expect(table.policyOf("DELETE", "/api/glossary/7")).toEqual({ scope: "write", session: "primary" });
    expect(table.policyOf("HEAD", "/api/glossary/7")).toEqual({ scope: "read", session: "replica" });
    expect(table.policyOf("POST", "/api/qa")).toEqual({ scope: "read", session: "primary" });
    expect(table.policyOf("POST", "/api/tokens")).toEqual({ scope: "admin", session: "primary" });
    expect(table.policyOf("GET", "/api/no-such-route")).toBeNull();
  });
});

describe("the declared scope decides", () => {
  it("a read token may call the computation endpoints, not change data or tokens", async () => {
    const read = await tokenWithScope("read");
    const qa = await api("/api/qa", { method: "POST", token: read, body: { ar: "نص.", en: "Text." } });
    expect(qa.status).toBe(200);
    const write = await api("/api/documents", {
      method: "POST",
      token: read,
      body: { title: "x", segments: [{ ar: "نص." }] },
    });
    expect(write.status).toBe(403);
    expect((await jsonOf<{ detail: string }>(write)).detail).toContain('"write" is needed');
  });

  it("a write token may change data but not call admin routes", async () => {
    const write = await tokenWithScope("write");
    for (const [method, path] of [
      ["GET", "/api/tokens"],
      ["POST", "/api/tokens"],
      ["DELETE", "/api/tokens/1"],
      ["POST", "/api/tm/reindex"],
    ] as const) {
      const res = await api(path, { method, token: write });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await jsonOf<{ detail: string }>(res)).detail).toBe('this operation needs scope "admin"');
    }
  });

  it("an unknown path still needs a token, and write for a change", async () => {
    expect((await api("/api/no-such-route", { token: null })).status).toBe(401);
    const read = await tokenWithScope("read");
    expect((await api("/api/no-such-route", { token: read })).status).toBe(404);
    expect((await api("/api/no-such-route", { method: "POST", token: read })).status).toBe(403);
  });
});
