import { expect } from "vitest";
import { api, jsonOf } from "../../support/api";

export const XLIFF_TYPE = "application/xliff+xml";

/** A made-up Arabic word no seed term contains, so a test's glossary entry is the only one it hits. */
export function uniqueArabicWord(length = 7): string {
  const letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
  let out = "";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  for (const b of bytes) out += letters[b % letters.length];
  return out;
}

export async function exportXliff(documentId: number, query = "") {
  const res = await api(`/api/documents/${documentId}/xliff${query ? `?${query}` : ""}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, text: await res.text() };
}

export interface ImportResult {
  updated: number;
  unchanged: number;
  skipped: number;
  conflicts: { unitId: string; reason: string }[];
  dryRun: boolean;
}

export function importXliff(
  documentId: number,
  body: string | Uint8Array,
  query = "",
  token?: string,
  headers: Record<string, string> = {},
) {
  return api(`/api/documents/${documentId}/xliff${query ? `?${query}` : ""}`, {
    method: "PUT",
    body,
    token,
    headers: { "content-type": XLIFF_TYPE, ...headers },
  });
}

export async function importOk(documentId: number, body: string, query = ""): Promise<ImportResult> {
  const res = await importXliff(documentId, body, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return jsonOf<ImportResult>(res);
}

/** Replaces the target of a 1.2 trans-unit (or adds one) in an exported file, with a state. */
export function setTarget12(xml: string, unitId: number, en: string, state = "translated"): string {
  const re = new RegExp(
    `(<trans-unit id="${unitId}"[^>]*>\\n<source[^>]*>[\\s\\S]*?</source>)(\\n<target[^>]*>[\\s\\S]*?</target>)?`,
  );
  expect(re.test(xml), `unit ${unitId} in export`).toBe(true);
  return xml.replace(
    re,
    (_m, head: string) => `${head}\n<target xml:lang="en" state="${state}">${escapeXml(en)}</target>`,
  );
}

export const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
