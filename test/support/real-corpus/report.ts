// The corpus table (docs/formats.md) and the expectations file (test/fixtures/real/expectations.tsv),
// both made from the outcomes of a run, so today's state is committed and every change is a visible diff.
import { DOCUMENTED } from "./compare";
import type { Outcome, Verdict } from "./harness";

export const EXPECTATIONS_HEADER = "local_path\tformat\tverdict\tclasses";

/** The asserted part of an outcome: one line of expectations.tsv. */
export const expectationLine = (o: Outcome) => [o.local, o.format, o.verdict, o.classes.join(",")].join("\t");

export function expectationsFile(outcomes: Outcome[]): string {
  return `${[EXPECTATIONS_HEADER, ...outcomes.map(expectationLine)].join("\n")}\n`;
}

export function parseExpectations(text: string): Map<string, string> {
  const [header, ...lines] = text.trimEnd().split("\n");
  if (header !== EXPECTATIONS_HEADER) throw new Error(`unexpected expectations header: ${header}`);
  return new Map(lines.map((l) => [l.split("\t")[0] ?? "", l]));
}

const VERDICTS: Verdict[] = [
  "exact",
  "documented",
  "lossy",
  "refused",
  "refused-invalid",
  "refused-defect",
  "refused-empty",
  "accepted-defective",
];
const HEAD: Record<Verdict, string> = {
  exact: "imported exactly",
  documented: "with a documented difference",
  lossy: "lossy (undocumented difference)",
  refused: "refused, file fine",
  "refused-invalid": "refused, file breaks its spec (named)",
  "refused-defect": "refused, file unreadable",
  "refused-empty": "refused, nothing to translate (valid file)",
  "accepted-defective": "accepted although defective",
};

function family(format: string): string {
  if (/^XLIFF 1\.2$/.test(format)) return "XLIFF 1.2";
  if (/^XLIFF 2\.[01]$/.test(format)) return "XLIFF 2.0/2.1";
  if (/^XLIFF/.test(format) && !/unreadable/.test(format)) return "XLIFF 1.0/1.1/other";
  if (/unreadable/.test(format)) return "not well-formed or bad bytes";
  if (/CSV|TSV|OmegaT/.test(format)) return "glossary text";
  return format;
}

function table(rows: [string, Outcome[]][], first: string): string[] {
  const lines = [
    `| ${first} | files | ${VERDICTS.map((v) => HEAD[v]).join(" | ")} |`,
    `| --- | ---: | ${VERDICTS.map(() => "---:").join(" | ")} |`,
  ];
  for (const [name, list] of rows) {
    const n = (v: Verdict) => list.filter((o) => o.verdict === v).length;
    lines.push(`| ${name} | ${list.length} | ${VERDICTS.map((v) => n(v) || "").join(" | ")} |`);
  }
  return lines;
}

function groupBy(outcomes: Outcome[], key: (o: Outcome) => string): [string, Outcome[]][] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** Markdown: per format, per source, difference classes and refusal reasons, each with file counts. */
export function corpusTable(outcomes: Outcome[]): string {
  const source = (o: Outcome) => o.local.split("/")[0] ?? "";
  const classes = new Map<string, number>();
  for (const o of outcomes) {
    if (o.verdict !== "lossy" && o.verdict !== "documented" && o.verdict !== "accepted-defective") continue;
    for (const c of o.classes) classes.set(c, (classes.get(c) ?? 0) + 1);
  }
  const reasons = new Map<string, [number, number]>();
  for (const o of outcomes) {
    if (!o.verdict.startsWith("refused")) continue;
    const key = o.classes.join(",");
    const [fine, bad] = reasons.get(key) ?? [0, 0];
    reasons.set(
      key,
      o.verdict === "refused" || o.verdict === "refused-empty" ? [fine + 1, bad] : [fine, bad + 1],
    );
  }
  return [
    ...table([...groupBy(outcomes, (o) => family(o.format)), ["all", outcomes]], "format"),
    "",
    ...table(groupBy(outcomes, source), "source"),
    "",
    "| difference class (files with it) | files | documented |",
    "| --- | ---: | --- |",
    ...[...classes]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([c, n]) => `| \`${c}\` | ${n} | ${DOCUMENTED.has(c) ? "yes" : "no"} |`),
    "",
    "| refusal (Diwan's problem code) | file fine | file invalid or unreadable |",
    "| --- | ---: | ---: |",
    ...[...reasons]
      .sort((a, b) => b[1][0] + b[1][1] - a[1][0] - a[1][1] || a[0].localeCompare(b[0]))
      .map(([r, [fine, bad]]) => `| \`${r.replace(/^refused:/, "")}\` | ${fine || ""} | ${bad || ""} |`),
  ].join("\n");
}

export const TABLE_START =
  "<!-- real-corpus-table:start (written by REAL_CORPUS_UPDATE=1, checked by the test) -->";
export const TABLE_END = "<!-- real-corpus-table:end -->";

export function replaceTable(doc: string, tableText: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error("docs/formats.md has no real-corpus table markers");
  return `${doc.slice(0, start + TABLE_START.length)}\n${tableText}\n${doc.slice(end)}`;
}
