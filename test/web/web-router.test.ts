import { describe, expect, it } from "vitest";
import { ADMIN, unique } from "../support/api";
import { Browser } from "./web-helpers";

const bookmarkCookies = (res: Response) =>
  res.headers.getAll("set-cookie").filter((c) => c.startsWith("__Host-diwan-bookmark="));

// How the web's features are mounted (src/web/router.tsx): the shared middleware runs on the web's own paths.
describe("web router", () => {
  it("runs the shared middleware once per request, also on a feature's mount path itself", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const csrf = Browser.csrf(await b.page("/tokens"));
    const create = () => b.fetch("/tokens", { form: { _csrf: csrf, name: unique("once-"), scope: "read" } });
    expect((await create()).status).toBe(201);
    // Now the browser sends a bookmark back: each D1 session opened from it answers with one.
    const res = await create();
    expect(res.status).toBe(201);
    // One D1 session, hence one bookmark cookie (two when the middleware was also registered on "/tokens").
    expect(bookmarkCookies(res)).toHaveLength(1);
  });
});
