// The official-schema validators the Node tests run (Debian xmllint and jing, offline), in one place.
// Each returns the validator's diagnostics, "" when every file is valid; each takes several files at once
// (one JVM start for jing, whose NVDL run is slow).
import { execFileSync } from "node:child_process";
import path from "node:path";

export const SCHEMAS = path.resolve(import.meta.dirname, "../schemas");

/** Runs a validator in the schema folder; returns its diagnostics ("" when the documents are valid). */
export function runValidator(cmd: string, args: string[], env: Record<string, string> = {}): string {
  try {
    execFileSync(cmd, args, { cwd: SCHEMAS, env: { ...process.env, ...env }, stdio: "pipe" });
    return "";
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; status?: number };
    const out = `${err.stdout ?? ""}${err.stderr ?? ""}`
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("[warning] /usr/bin/jing"))
      .join("\n");
    return out || `exit ${err.status}`;
  }
}

export const validateXliff12 = (...files: string[]) =>
  runValidator(
    "xmllint",
    ["--noout", "--nonet", "--schema", "xliff-1.2/xliff-core-1.2-strict.xsd", ...files],
    {
      XML_CATALOG_FILES: path.join(SCHEMAS, "xliff-1.2/catalog.xml"),
    },
  );
/** XLIFF 2.0 through a driver XSD importing the core and every module (the core alone checks modules laxly). */
export const validateXliff20 = (...files: string[]) =>
  runValidator("xmllint", ["--noout", "--nonet", "--schema", "xliff-2.0/driver.xsd", ...files]);
/** XLIFF 2.1 "advanced validation": XSD + Schematron through the OASIS NVDL script. */
export const validateXliff21 = (...files: string[]) =>
  runValidator("jing", ["xliff-2.1/xliff_2_advanced_validation.nvdl", ...files]);
