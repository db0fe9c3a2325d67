import { describe, expect, it } from "vitest";
import { ADMIN } from "../support/api";
import { Browser } from "../web/web-helpers";

/**
 * Sign-in lockout (issue 16.5): the failure count was read, then written after the 1 s delay, so 40 guesses
 * sent at once were all evaluated. Attempts are now counted atomically before a token is looked at.
 */
const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID().slice(0, 8)}`;

function guess(ip: string, token: string) {
  return new Browser().fetch("/login", {
    form: { token, next: "/glossary" },
    headers: { "cf-connecting-ip": ip },
  });
}

describe("sign-in lockout under parallel guesses (issue 16.5)", () => {
  it("evaluates at most ten of 40 simultaneous wrong tokens; the rest are refused with 429 at once", async () => {
    const ip = address();
    const t0 = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => guess(ip, `wrong-token-${i}`).then((r) => r.status)),
    );
    const evaluated = results.filter((s) => s === 401).length;
    const refused = results.filter((s) => s === 429).length;
    expect({ evaluated, refused }).toEqual({ evaluated: 10, refused: 30 });
    expect(Date.now() - t0).toBeLessThan(15_000);
    // The address stays locked, even for the right token; another address is not affected.
    expect((await guess(ip, ADMIN)).status).toBe(429);
    expect((await guess(address(), ADMIN)).status).toBe(303);
  });

  it("a successful sign-in does not reset the count (a valid read token cannot buy more guesses)", async () => {
    const ip = address();
    const nine = await Promise.all(Array.from({ length: 9 }, (_, i) => guess(ip, `nope-${i}`)));
    expect(nine.map((r) => r.status)).toEqual(Array(9).fill(401));
    expect((await guess(ip, ADMIN)).status).toBe(303);
    expect((await guess(ip, "nope-last")).status).toBe(401);
    expect((await guess(ip, "nope-after")).status).toBe(429);
  });
});
