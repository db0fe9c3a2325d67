/**
 * Text entering the service must be Unicode, exactly as sent: invalid bytes and lone surrogates are refused,
 * never replaced (D1 would store a lone surrogate as U+FFFD; the platform's URL and form parsers turn bytes
 * that are not UTF-8 into U+FFFD). These checks find the first offending field; the middleware turns it into
 * a 400 with that field (src/middleware/strict-text.ts). No Hono, no D1.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first lone surrogate of a string as "U+D800", or null when the string is well-formed UTF-16. */
export function loneSurrogate(s: string): string | null {
  const m = LONE_SURROGATE.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase()}` : null;
}

export interface TextProblem {
  /** Dotted path (JSON), parameter or form field name. */
  field: string;
  message: string;
}

/** The first string (value or key) of a parsed JSON value holding a lone surrogate, with its dotted path. */
export function jsonLoneSurrogate(value: unknown, path: string[] = []): TextProblem | null {
  if (typeof value === "string") {
    const at = loneSurrogate(value);
    return at
      ? { field: path.join("."), message: `contains a lone surrogate ${at} (not Unicode text)` }
      : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonLoneSurrogate(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const at = loneSurrogate(key);
      // The key itself is shown with its surrogate replaced, for the reader's sake (it is refused all the same).
      if (at)
        return {
          field: [...path, key.replace(LONE_SURROGATE, "\uFFFD")].join("."),
          message: `the name contains a lone surrogate ${at}`,
        };
      const found = jsonLoneSurrogate(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Cheap pre-check: a JSON text can only hold a lone surrogate as a \uD800–\uDFFF escape. */
export const mayHoldSurrogateEscape = (json: string) => /\\u[dD][89a-fA-F]/.test(json);

const decodeComponent = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));

/**
 * The first name=value pair of a query string or urlencoded form whose percent-encoded bytes are not UTF-8
 * (a lone byte, an encoded surrogate, an overlong form): decodeURIComponent refuses exactly those.
 */
export function urlencodedProblem(encoded: string): TextProblem | null {
  for (const pair of encoded.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeComponent(rawName);
    } catch {
      return { field: rawName, message: "the name is not valid UTF-8 once percent-decoded" };
    }
    try {
      decodeComponent(eq < 0 ? "" : pair.slice(eq + 1));
    } catch {
      return { field: name, message: "is not valid UTF-8 once percent-decoded" };
    }
  }
  return null;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first as number, from);
    i >= 0;
    i = haystack.indexOf(first as number, i + 1)
  ) {
    if (i + needle.length > haystack.length) return -1;
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

const fatal = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The first text field of a multipart/form-data body whose bytes are not UTF-8 (file parts are skipped: the
 * code that reads an uploaded file decodes it strictly itself). Malformed bodies are left to the platform's
 * parser, which refuses them.
 */
export function multipartProblem(body: Uint8Array, boundary: string): TextProblem | null {
  const enc = new TextEncoder();
  const delimiter = enc.encode(`--${boundary}`);
  const headerEnd = enc.encode("\r\n\r\n");
  let at = indexOfBytes(body, delimiter, 0);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return null; // closing delimiter
    const headEnd = indexOfBytes(body, headerEnd, start);
    if (headEnd < 0) return null;
    const next = indexOfBytes(body, enc.encode(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) return null;
    let head: string;
    try {
      head = fatal().decode(body.subarray(start, headEnd));
    } catch {
      return { field: "(part headers)", message: "a part's headers are not valid UTF-8" };
    }
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? "";
    if (!/\bfilename\*?=/i.test(disposition)) {
      try {
        const value = fatal().decode(body.subarray(headEnd + 4, next));
        const lone = loneSurrogate(value);
        if (lone) return { field: name, message: `contains a lone surrogate ${lone}` };
      } catch {
        return { field: name, message: "is not valid UTF-8" };
      }
    }
    at = next + 2;
  }
  return null;
}
