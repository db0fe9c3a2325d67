import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { DomainError, ErrorCode } from "../errors";
import { multipartProblem, type TextProblem, urlencodedProblem } from "../http/strict-text";

const invalidEncoding = (where: string, problem: TextProblem) =>
  new DomainError(
    ErrorCode.InvalidEncoding,
    `${where} field "${problem.field}" ${problem.message}: text must be UTF-8, it is refused rather than altered`,
    { errors: [problem] },
  );

/**
 * Every request: a query string whose percent-encoded bytes are not UTF-8 is refused (400, the parameter
 * named). Hono would otherwise hand the raw "%ED%A0%80" on, and URLSearchParams would make it U+FFFD.
 */
export const strictQuery = createMiddleware(async (c, next) => {
  const url = c.req.url;
  const q = url.indexOf("?");
  if (q >= 0) {
    const hash = url.indexOf("#", q);
    const problem = urlencodedProblem(url.slice(q + 1, hash < 0 ? undefined : hash));
    if (problem) throw invalidEncoding("query", problem);
  }
  await next();
});

/**
 * Form posts (urlencoded and multipart): text fields whose bytes are not UTF-8 are refused (400, the field
 * named) instead of being parsed into U+FFFD. The checked bytes are handed on as the request's parsed form,
 * so handlers read exactly what was checked. Run it after the body limit.
 */
export const strictForm = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  const urlencoded = /^application\/x-www-form-urlencoded\b/i.test(type);
  const multipart = /^multipart\/form-data\b/i.test(type);
  if (c.req.method === "POST" && (urlencoded || multipart)) {
    const bytes = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    let problem: TextProblem | null;
    if (urlencoded) {
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
      } catch {
        throw new DomainError(ErrorCode.InvalidEncoding, "the form is not valid UTF-8");
      }
      problem = urlencodedProblem(text);
    } else {
      const boundary = /\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
      problem = boundary ? multipartProblem(bytes, (boundary[1] ?? boundary[2]) as string) : null;
    }
    if (problem) throw invalidEncoding("form", problem);
  }
  await next();
});
