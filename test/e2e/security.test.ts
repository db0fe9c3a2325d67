// Security checks that need the real server (wrangler dev: the asset handler, sign-in and sign-out across
// browser contexts). Issue 16.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./server";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer("security-admin");
});

afterAll(async () => {
  await server?.stop();
});

describe("static assets (issue 16)", () => {
  it("are served with X-Content-Type-Options: nosniff (public/_headers), and _headers itself is not served", async () => {
    for (const path of ["/web/app.js", "/web/app.css", "/vendor/swagger-ui/swagger-ui-bundle.js"]) {
      const res = await fetch(`${server.base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      await res.arrayBuffer();
    }
    const headersFile = await fetch(`${server.base}/_headers`);
    expect(headersFile.status).toBe(404);
    expect(await headersFile.text()).not.toContain("nosniff\n");
  });
});
