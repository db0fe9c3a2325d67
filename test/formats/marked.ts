import type { Content } from "../../src/formats/inline";

/**
 * A content as one readable string for assertions: `{5}` opens code 5, `{/5}` closes it, `{6/}` is a
 * standalone code, `!` marks an isolated one, `[m1` / `m1]` a marker; native data in `<…>` when asked.
 */
export function marked(c: Content | null, withData = false): string | null {
  if (c === null) return null;
  let out = "";
  let pos = 0;
  for (const code of c.codes) {
    out += c.text.slice(pos, code.at);
    pos = code.at;
    const data = withData && code.data !== undefined ? `<${code.data}>` : "";
    const iso = code.isolated ? "!" : "";
    if (code.marker) out += code.kind === "open" ? `[${code.id}` : `${code.id}]`;
    else if (code.kind === "open") out += `{${iso}${code.id}${data}}`;
    else if (code.kind === "close") out += `{${iso}/${code.id}${data}}`;
    else out += `{${code.cp === undefined ? code.id : `U+${code.cp.toString(16)}`}${data}/}`;
  }
  return out + c.text.slice(pos);
}
