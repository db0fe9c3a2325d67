import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /health answers without auth", async () => {
  const res = await SELF.fetch("http://x/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
