// One corpus file through Diwan's HTTP routes (a running `wrangler dev`): re-label, import, read back what
// was stored and what Diwan exports, compare with the independent reading, classify.
import type { WranglerDev } from "../wrangler-dev";
import {
  compareStored,
  compareTmx,
  compareXliff,
  DOCUMENTED,
  type StoredRow,
  type TmxImportCounts,
} from "./compare";
import { compareTbx, compareTextGlossary, type GlossaryAnswer } from "./compare-glossary";
import type { CorpusEntry } from "./corpus";
import { type CorpusFile, type Reading, readCorpusFile } from "./read";
import { relabel } from "./relabel";

/**
 * exact: imported, nothing differs. documented: only differences Diwan documents. lossy: something of the
 * file is lost or changed. refused-defect: refused, and the file cannot be read (not well-formed, bytes not
 * in its encoding). refused-invalid: refused, and the file breaks its specification in a way that still
 * reads (a required attribute missing, no namespace, an element of another version, a test suite's invalid
 * set) — the defect is named; whether to be lenient is a decision. refused-empty: a valid XLIFF with nothing
 * to translate (no unit, or only units whose source is empty without codes), refused as such (`no-text`):
 * Diwan makes no document without a segment (docs/formats.md). refused: refused, nothing wrong with the
 * file. accepted-defective: imported although the file cannot be read.
 */
export type Verdict =
  | "exact"
  | "documented"
  | "lossy"
  | "refused-defect"
  | "refused-invalid"
  | "refused-empty"
  | "refused"
  | "accepted-defective";

/** The file's defect in words, if any: unreadable, spec violations found by the reader, or SOURCES.tsv's note. */
function defectOf(file: CorpusFile, entry: CorpusEntry): { fatal: boolean; text: string } | null {
  const r = file.reading;
  if (r.format === "unreadable") return { fatal: true, text: r.defect };
  const violations = r.format === "xliff" || r.format === "tmx" ? r.violations : [];
  const all = [...violations, ...(entry.note ? [entry.note] : [])];
  return all.length > 0 ? { fatal: false, text: all.join("; ") } : null;
}

export interface Outcome {
  local: string;
  format: string;
  verdict: Verdict;
  /** Difference classes, sorted; a refusal is `refused:<problem code>`. */
  classes: string[];
  /** Not asserted: counts and messages for people reading the report. */
  detail: string;
  /** The request right after a refused upload failed (the wrangler dev 503 of issue 12). */
  nextRequestFailed: boolean;
  ms: number;
}

type Route = "xliff" | "tmx" | "tbx" | "csv" | "tsv" | "omegat";

const FAMILY: [RegExp, Route][] = [
  [/\.(xlf|xliff|sdlxliff|mqxliff|mxliff)$/i, "xliff"],
  [/\.tmx$/i, "tmx"],
  [/\.tbx$/i, "tbx"],
  [/\.csv$/i, "csv"],
  [/\.(tsv|txt|tab)$/i, "tsv"],
];

export function routeOf(reading: Reading, local: string): Route {
  if (reading.format === "xliff") return "xliff";
  if (reading.format === "tmx") return "tmx";
  if (reading.format === "tbx") return "tbx";
  if (reading.format === "csv") return "csv";
  if (reading.format === "tsv") return "tsv";
  if (reading.format === "omegat") return "omegat";
  return FAMILY.find(([re]) => re.test(local))?.[1] ?? "xliff";
}

export function formatLabel(file: CorpusFile, local: string): string {
  const r = file.reading;
  if (r.format === "xliff") return `XLIFF ${r.version || "(no version)"}`;
  if (r.format === "tmx") return "TMX";
  if (r.format === "tbx") return "TBX";
  if (r.format === "omegat") return "OmegaT glossary";
  if (r.format === "csv" || r.format === "tsv") return r.format.toUpperCase();
  return `${routeOf(r, local).toUpperCase()} (unreadable)`;
}

const XLIFF_EXPORT_VERSIONS = new Set(["1.2", "2.0", "2.1"]);

/**
 * After a refusal, whether the next request fails or hangs (issue 12: wrangler dev's proxy answers 503 or
 * stalls when the Worker answered before reading the body). Bounded: up to three /health tries of 2 s.
 */
async function settleAfterRefusal(server: WranglerDev): Promise<boolean> {
  let failed = false;
  for (let i = 0; i < 3; i++) {
    try {
      const res = await server.request("/health", { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return failed;
    } catch {
      // reset, refused or timed out: a failed request
    }
    failed = true;
  }
  return failed;
}

/** An export read back by the independent reader; a failed export is a difference class of its own. */
async function exportReading(server: WranglerDev, path: string, name: string): Promise<Reading | string> {
  const res = await server.request(path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!res.ok) return `export-failed:${res.status}`;
  return readCorpusFile(bytes, name).reading;
}

async function storedSegments(server: WranglerDev, id: number): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await server.request(`/api/documents/${id}/segments?limit=500${q}`);
    const page = (await res.json()) as {
      items: StoredRow[];
      nextCursor: string | null;
    };
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const REQUESTS: Record<Route, (local: string) => { path: string; type: string }> = {
  xliff: (local) => ({
    path: `/api/documents/import/xliff?title=${encodeURIComponent(local.slice(-300))}`,
    type: "application/xliff+xml",
  }),
  tmx: () => ({ path: "/api/tm/import", type: "application/x-tmx+xml" }),
  tbx: () => ({
    path: "/api/glossary/import?format=tbx&mode=replace&deleteAll=true",
    type: "application/xml",
  }),
  csv: () => ({ path: "/api/glossary/import?format=csv&mode=replace&deleteAll=true", type: "text/csv" }),
  tsv: () => ({
    path: "/api/glossary/import?format=tsv&mode=replace&deleteAll=true",
    type: "text/tab-separated-values",
  }),
  omegat: () => ({
    path: "/api/glossary/import?format=omegat&mode=replace&deleteAll=true",
    type: "text/plain",
  }),
};

export async function importAndCompare(
  server: WranglerDev,
  entry: CorpusEntry,
  bytes: Uint8Array,
): Promise<Outcome> {
  const started = performance.now();
  const original = readCorpusFile(bytes, entry.local);
  const relabelled = relabel(bytes, original);
  const file = relabelled.changed ? readCorpusFile(relabelled.bytes, entry.local) : original;
  const route = routeOf(file.reading, entry.local);
  const defect = defectOf(file, entry);
  const defective = defect?.fatal === true;
  const { path, type } = REQUESTS[route](entry.local);
  const outcome = (
    verdict: Verdict,
    classes: Set<string>,
    detail: string,
    nextRequestFailed = false,
  ): Outcome => ({
    local: entry.local,
    format: formatLabel(original, entry.local),
    verdict,
    classes: [...classes].sort(),
    detail,
    nextRequestFailed,
    ms: Math.round(performance.now() - started),
  });
  let res: Response;
  try {
    res = await server.request(path, {
      method: "POST",
      headers: { "content-type": type },
      body: relabelled.bytes as unknown as BodyInit,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const next = await settleAfterRefusal(server);
    return outcome("refused", new Set(["request-failed"]), String(err), next);
  }

  if (!res.ok) {
    const text = await res.text();
    let code = `http-${res.status}`;
    let message = text.slice(0, 200);
    try {
      const problem = JSON.parse(text) as { code?: string; detail?: string; errors?: { message?: string }[] };
      code = problem.code ?? code;
      message = [problem.detail, problem.errors?.[0]?.message].filter(Boolean).join(": ");
    } catch {
      // not problem+json (e.g. the proxy's 503 text)
    }
    const next = await settleAfterRefusal(server);
    const r = file.reading;
    const nothingToTranslate =
      r.format === "xliff" &&
      r.units.every((u) => u.source.text.trim() === "" && u.source.codes.length === 0);
    const verdict: Verdict =
      defect === null && code === "no-text" && nothingToTranslate
        ? "refused-empty"
        : defect === null || res.status >= 500
          ? "refused"
          : defect.fatal
            ? "refused-defect"
            : "refused-invalid";
    return outcome(
      verdict,
      new Set([`refused:${code}`]),
      `${res.status} ${message}${defect ? ` | defect: ${defect.text}` : ""}`,
      next,
    );
  }

  let classes: Set<string>;
  let detail = "";
  const r = file.reading;
  if (route === "xliff") {
    const created = (await res.json()) as { id: number; segmentCount: number; translated: number };
    detail = `segments ${created.segmentCount}, translated ${created.translated}`;
    if (r.format !== "xliff") {
      classes = new Set(["accepted-unreadable"]);
    } else {
      const version = XLIFF_EXPORT_VERSIONS.has(r.version) ? r.version : "1.2";
      const exported = await exportReading(
        server,
        `/api/documents/${created.id}/xliff?version=${version}&glossary=false&qa=false&matches=false`,
        "export.xlf",
      );
      if (typeof exported === "string") classes = new Set([exported]);
      else if (exported.format !== "xliff")
        throw new Error(`${entry.local}: Diwan's export is ${exported.format}`);
      else {
        classes = compareXliff(r, exported);
        // Stored rows are checked when the export kept every unit (else the export already says what is lost).
        if (!classes.has("units-lost") && !classes.has("code-only-units-lost"))
          for (const c of compareStored(r, await storedSegments(server, created.id))) classes.add(c);
        detail += `; units ${r.units.length} → ${exported.units.length}`;
      }
    }
  } else if (route === "tmx") {
    const counts = (await res.json()) as TmxImportCounts;
    const importMs = Math.round(performance.now() - started);
    const exported = await exportReading(server, "/api/tm/export", "export.tmx");
    detail = `imported ${counts.imported}, duplicates ${counts.duplicates}, skipped ${counts.skipped}; import ${importMs} ms, export+read ${Math.round(performance.now() - started) - importMs} ms`;
    if (typeof exported === "string") classes = new Set([exported]);
    else if (exported.format !== "tmx")
      throw new Error(`${entry.local}: Diwan's TMX export is ${exported.format}`);
    else classes = r.format === "tmx" ? compareTmx(r, counts, exported) : new Set(["accepted-unreadable"]);
  } else {
    const result = (await res.json()) as GlossaryAnswer & { counts?: Record<string, number> };
    detail = JSON.stringify(result.counts ?? {}) + (result.notice ? ` ${result.notice}` : "");
    const exported = await exportReading(server, "/api/glossary/export?format=tbx", "export.tbx");
    const text = r.format === "csv" || r.format === "tsv" || r.format === "omegat";
    if (exported === "export-failed:409" && text && result.counts?.added === 0 && result.counts.changed === 0)
      // Nothing imported, so the glossary is empty and has no TBX: compared as a file with no entry.
      classes = compareTextGlossary(r, null, result);
    else if (typeof exported === "string") classes = new Set([exported]);
    else if (exported.format !== "tbx")
      throw new Error(`${entry.local}: Diwan's TBX export is ${exported.format}`);
    else
      classes =
        r.format === "tbx"
          ? compareTbx(r, exported, result)
          : text
            ? compareTextGlossary(r, exported, result)
            : new Set(["accepted-unreadable"]);
  }
  if (defective) return outcome("accepted-defective", classes, detail);
  const verdict: Verdict =
    classes.size === 0 ? "exact" : [...classes].every((c) => DOCUMENTED.has(c)) ? "documented" : "lossy";
  return outcome(verdict, classes, detail);
}
