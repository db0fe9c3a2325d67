import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { DomainError, ErrorCode } from "../errors";
import { jsonBodyLimit, readUtf8Body } from "../http/body";
import { isSafeMethod } from "../http/methods";
import { jsonLoneSurrogate, mayHoldSurrogateEscape } from "../http/strict-text";

/**
 * For JSON requests: enforce the body size limit (413) and refuse bytes that are not UTF-8 (400) before any
 * validator parses the body, and strings holding a lone surrogate (a \uD800 escape without its pair: D1
 * would store U+FFFD) with a 400 naming the field. The decoded text is handed on through Hono's body cache,
 * so validators see it.
 */
export const jsonBodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!isSafeMethod(c.req.method) && /^application\/(.+\+)?json\b/i.test(type)) {
    const text = await readUtf8Body(c.req.raw, jsonBodyLimit(c.env.MAX_BODY_BYTES));
    if (mayHoldSurrogateEscape(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // malformed JSON: the validator reports it
      }
      const problem = jsonLoneSurrogate(parsed);
      if (problem) {
        throw new DomainError(
          ErrorCode.InvalidText,
          `${problem.field || "the body"} ${problem.message}: it is refused rather than stored altered`,
          { errors: [problem] },
        );
      }
    }
    // Hono's validators read c.req.json(), which serves from this cache instead of the consumed stream.
    (c.req as unknown as { bodyCache: Record<string, unknown> }).bodyCache.text = Promise.resolve(text);
  }
  await next();
});
