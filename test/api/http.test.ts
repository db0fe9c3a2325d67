import { describe, expect, it } from "vitest";
import { api, jsonOf } from "../support/api";

describe("HTTP conventions", () => {
  it("answers unknown routes with problem+json 404", async () => {
    const res = await api("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("reports malformed JSON as 400 problem+json", async () => {
    const res = await api("/api/glossary", { method: "POST", body: "{not json" });
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toMatchObject({ code: "malformed-json", status: 400 });
  });

  it("refuses bodies that are not valid UTF-8 instead of repairing them", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"title":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const res = await api("/api/documents", { method: "POST", body: bytes });
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toMatchObject({ code: "invalid-encoding" });
  });

  it("refuses bodies over the limit with 413", async () => {
    const big = JSON.stringify({ title: "t", segments: [{ ar: "ب".repeat(600_000) }] });
    const res = await api("/api/documents", { method: "POST", body: big });
    expect(res.status).toBe(413);
    expect(await jsonOf(res)).toMatchObject({ code: "payload-too-large" });
  });

  it("ignores unknown JSON fields", async () => {
    const res = await api("/api/documents", {
      method: "POST",
      body: { title: "t", segments: [{ ar: "نص", extra: 1 }], unknown: true },
    });
    expect(res.status).toBe(201);
  });

  it("returns a D1 session bookmark and accepts it back", async () => {
    const res = await api("/api/glossary?limit=1");
    const bookmark = res.headers.get("x-d1-bookmark");
    expect(bookmark).toBeTruthy();
    const again = await api("/api/glossary?limit=1", { headers: { "x-d1-bookmark": bookmark! } });
    expect(again.status).toBe(200);
    expect((await api("/api/glossary", { headers: { "x-d1-bookmark": "bad bookmark!" } })).status).toBe(400);
  });

  it("serves security headers and the OpenAPI document with every API path", async () => {
    const res = await api("/openapi.json", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const doc = await jsonOf<{ openapi: string; paths: Record<string, unknown> }>(res);
    expect(doc.openapi).toBe("3.1.0");
    for (const p of [
      "/api/glossary",
      "/api/glossary/{id}",
      "/api/documents",
      "/api/segments",
      "/api/tokens",
      "/health",
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const docs = await api("/docs", { token: null });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("/vendor/swagger-ui/swagger-ui-bundle.js");
  });
});
