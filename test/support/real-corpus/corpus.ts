// The corpus on disk: test/fixtures/real/<source>/… and its SOURCES.tsv (one row per file).
import { readFileSync } from "node:fs";
import path from "node:path";

export const REAL_CORPUS = path.resolve(import.meta.dirname, "../../fixtures/real");

export interface CorpusEntry {
  /** Path under test/fixtures/real/. */
  local: string;
  source: string;
  repository: string;
  path: string;
  commit: string;
  licence: string;
  bytes: number;
  sha256: string;
  /** A known defect or status of the file, e.g. in a test suite's invalid set. */
  note: string;
}

export function corpusEntries(): CorpusEntry[] {
  const [header, ...lines] = readFileSync(path.join(REAL_CORPUS, "SOURCES.tsv"), "utf8")
    .trimEnd()
    .split("\n");
  if (header !== "local_path\tsource\trepository\tpath\tcommit\tlicence\tbytes\tsha256\tnote")
    throw new Error(`unexpected SOURCES.tsv header: ${header}`);
  return lines.map((line) => {
    const [
      local = "",
      source = "",
      repository = "",
      p = "",
      commit = "",
      licence = "",
      bytes = "",
      sha256 = "",
      note = "",
    ] = line.split("\t");
    return { local, source, repository, path: p, commit, licence, bytes: Number(bytes), sha256, note };
  });
}
