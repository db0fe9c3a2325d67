import { expect } from "vitest";
import type { Segment } from "../../src/types";
import { api, entryBody, jsonOf, unique } from "../helpers";

export const XLIFF_TYPE = "application/xliff+xml";

/** A made-up Arabic word no seed term contains, so a test's glossary entry is the only one it hits. */
export function uniqueArabicWord(length = 7): string {
  const letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
  let out = "";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  for (const b of bytes) out += letters[b % letters.length];
  return out;
}

export async function createDoc(
  segments: { ar: string; en?: string | null }[],
  title = unique("xliff doc "),
) {
  const res = await api("/api/documents", { method: "POST", body: { title, segments } });
  expect(res.status).toBe(201);
  const doc = await jsonOf<{ id: number; title: string }>(res);
  return { ...doc, segments: await segmentsOf(doc.id) };
}

export async function segmentsOf(documentId: number): Promise<Segment[]> {
  const res = await api(`/api/documents/${documentId}/segments?limit=500`);
  expect(res.status).toBe(200);
  return (await jsonOf<{ items: Segment[] }>(res)).items;
}

export async function setSegment(id: number, patch: { en?: string | null; status?: string }) {
  const res = await api(`/api/segments/${id}`, { method: "PATCH", body: patch });
  expect(res.status).toBe(200);
  return jsonOf<Segment>(res);
}

export async function createEntry(en: string, ar: string, extra: Record<string, unknown> = {}) {
  const res = await api("/api/glossary", { method: "POST", body: entryBody(en, ar, extra) });
  expect(res.status).toBe(201);
  return jsonOf<{ id: number }>(res);
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
