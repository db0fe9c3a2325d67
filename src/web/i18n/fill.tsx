import type { Child } from "hono/jsx";

/**
 * A message with slots for markup: "{who} deleted it at …" / "حذفه {who} في …". The message decides where a
 * stored value goes (word order differs between languages); the value stays markup (isolated, with its own
 * lang and dir) instead of being pasted into the text.
 */
export function Fill({ text, slots }: { text: string; slots: Record<string, Child> }) {
  const parts = text.split(/\{(\w+)\}/);
  return <>{parts.map((p, i) => (i % 2 === 1 ? (slots[p] ?? `{${p}}`) : p))}</>;
}
