/**
 * QA of inline codes: a target must carry the codes of its source (CAT tools need them to write the
 * translation back into the original file). Compared by kind and id, as CAT tools do; markers (terms,
 * protected text) are not codes of the original document and do not count.
 */
import type { InlineCode } from "../formats/inline";
import type { QaIssue } from "./qa";

/** A difference between the codes of a source and of its target (QA). */
export interface CodeIssue {
  problem: "missing" | "extra" | "reordered" | "unbalanced";
  /** The codes concerned, as `open:1`, `close:1`, `standalone:2`. */
  codes: string[];
}

const codeKey = (c: InlineCode) => `${c.kind}:${c.id}`;

/**
 * Codes of the original document (markers are not) missing from the target, extra in it, in another
 * order (often right between Arabic and English, so a warning, not an error), or a pair whose close comes
 * before its open in the target. Compared by kind and id, as CAT tools do.
 */
export function codeIssues(source: readonly InlineCode[], target: readonly InlineCode[]): CodeIssue[] {
  const src = real(source).map(codeKey);
  const trg = real(target).map(codeKey);
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const s = count(src);
  const t = count(trg);
  const missing = [...s].flatMap(([k, n]) => Array(Math.max(0, n - (t.get(k) ?? 0))).fill(k) as string[]);
  const extra = [...t].flatMap(([k, n]) => Array(Math.max(0, n - (s.get(k) ?? 0))).fill(k) as string[]);
  const issues: CodeIssue[] = [];
  if (missing.length > 0) issues.push({ problem: "missing", codes: missing });
  if (extra.length > 0) issues.push({ problem: "extra", codes: extra });
  const common = (keys: string[], other: Map<string, number>) => {
    const left = new Map(other);
    return keys.filter((k) => {
      const n = left.get(k) ?? 0;
      if (n === 0) return false;
      left.set(k, n - 1);
      return true;
    });
  };
  const inSource = common(src, t);
  const inTarget = common(trg, s);
  if (inSource.join("\u0000") !== inTarget.join("\u0000"))
    issues.push({ problem: "reordered", codes: inTarget.filter((k, i) => inSource[i] !== k) });
  const trgCodes = real(target);
  const unbalanced: string[] = [];
  for (const [i, c] of trgCodes.entries()) {
    if (c.kind !== "close" || c.isolated) continue;
    const opened = trgCodes.slice(0, i).some((o) => o.kind === "open" && o.id === c.id && !o.isolated);
    if (!opened && trgCodes.slice(i + 1).some((o) => o.kind === "open" && o.id === c.id))
      unbalanced.push(codeKey(c));
  }
  if (unbalanced.length > 0) issues.push({ problem: "unbalanced", codes: unbalanced });
  return issues;
}

const real = (codes: readonly InlineCode[]) => codes.filter((c) => !c.marker);

const WHAT: Record<CodeIssue["problem"], [QaIssue["type"], QaIssue["severity"], string]> = {
  missing: ["code-missing", "error", "inline codes of the source are missing from the target"],
  extra: ["code-extra", "error", "the target has inline codes the source does not have"],
  reordered: ["code-reordered", "warning", "the target has the source's inline codes in another order"],
  unbalanced: ["code-unbalanced", "error", "a paired inline code closes before it opens in the target"],
};

/** The code issues of a pair as QA issues (the codes named in the message, e.g. `open:1`). */
export function codeQaIssues(source: readonly InlineCode[], target: readonly InlineCode[]): QaIssue[] {
  return codeIssues(source, target).map((i) => {
    const [type, severity, words] = WHAT[i.problem];
    return { type, severity, message: `${words[0]!.toUpperCase()}${words.slice(1)}: ${i.codes.join(", ")}.` };
  });
}
