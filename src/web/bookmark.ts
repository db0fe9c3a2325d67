import { getCookie, setCookie } from "hono/cookie";
import { d1Sessions, isD1Bookmark } from "../middleware/db";
import type { WebEnv } from "./session";

/** D1 bookmark of the browser's last write, so the page after a redirect reads what was just saved. */
const BOOKMARK_COOKIE = "__Host-diwan-bookmark";

/**
 * The web's D1 sessions: the same factory as the API's, but the bookmark travels in a short-lived cookie
 * instead of a header, since a browser following a redirect cannot send headers of its own. A malformed
 * cookie is ignored (the page still works, reading from any replica).
 */
export const webD1Session = d1Sessions<WebEnv>({
  read(c) {
    const saved = getCookie(c, BOOKMARK_COOKIE);
    return saved && isD1Bookmark(saved) ? saved : null;
  },
  write(c, bookmark, safe) {
    if (safe) return;
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      maxAge: 120,
    });
  },
});
