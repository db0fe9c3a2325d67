// Generated clients need no guessing (issue 11.7): types generated from /openapi.json with openapi-typescript
// (what a client author would run) and a small client written against them must typecheck, including
// `@ts-expect-error` lines that only compile when the contract is closed: error codes and formats are enums,
// the 412 names currentVersion, response headers are typed, a DELETE has no 200.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "diwan-openapi-client-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Worker's app itself, asked for its document (no binding is needed to produce it). */
async function openApiDocument(): Promise<string> {
  // A computed specifier: the Worker's sources are typechecked by their own tsconfig, not the Node one.
  const entry = path.join(root, "src/index.ts");
  const app = (await import(entry)).default as { request(path: string): Promise<Response> };
  const res = await app.request("/openapi.json");
  expect(res.status).toBe(200);
  return res.text();
}

const CLIENT = `
import type { components, paths } from "./api";

type Problem = components["schemas"]["Problem"];
type Stale = components["schemas"]["StaleVersionProblem"];

// Error codes are a closed set: a client can switch over them.
export function advice(p: Problem): string {
  switch (p.code) {
    case "precondition-failed":
      return "reload and retry";
    case "payload-too-large":
    case "too-many-units":
      return "send less";
    case "xml-doctype":
      return "remove the DOCTYPE";
    default:
      return p.title;
  }
}
// @ts-expect-error not an error code of the API
export const notACode: Problem["code"] = "http-500";
export const currentVersion = (s: Stale): number => s.currentVersion;

type ExportFormat = NonNullable<paths["/api/glossary/export"]["get"]["parameters"]["query"]>["format"];
export const tbx: ExportFormat = "tbx2008";
// @ts-expect-error not an export format
export const docx: ExportFormat = "docx";
type ImportFormat = paths["/api/glossary/import"]["post"]["parameters"]["query"]["format"];
export const omegat: ImportFormat = "omegat";
// @ts-expect-error tbx2008 is an export variant only
export const tbx2008: ImportFormat = "tbx2008";

// Response headers are typed where the route sends them.
type Entry = paths["/api/glossary/{id}"]["get"]["responses"];
export const etag = (r: Entry[200]): string | undefined => r.headers.ETag;
export const notModified = (r: Entry[304]): string | undefined => r.headers.ETag;
export const bookmark = (r: Entry[200]): string | undefined => r.headers["x-d1-bookmark"];
type StoredTerm = Entry[200]["content"]["application/json"]["terms"][number];
export const partOfSpeech = (t: StoredTerm): string | null => t.partOfSpeech;
type Matches = paths["/api/tm/matches"]["get"]["responses"][200];
export const timing = (r: Matches): string | undefined => r.headers["Server-Timing"];
type Created = paths["/api/documents"]["post"]["responses"][201];
export const location = (r: Created): string | undefined => r.headers.Location;
export const staleEntry = (
  r: paths["/api/glossary/{id}"]["put"]["responses"][412],
): number => r.content["application/problem+json"].currentVersion;

// Every DELETE answers 204 without a body.
type TokenDelete = paths["/api/tokens/{id}"]["delete"]["responses"];
export const revoked: TokenDelete[204]["content"] = undefined;
// @ts-expect-error a DELETE has no 200
export type NoBody = TokenDelete[200];

// The documented example of POST /api/glossary is a request body of its type.
type NewEntry = paths["/api/glossary"]["post"]["requestBody"]["content"]["application/json"];
export const entry: NewEntry = EXAMPLE;
`;

it("types generated from the OpenAPI document compile a client that relies on the contract", async () => {
  const text = await openApiDocument();
  const doc = JSON.parse(text) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { example: unknown }> } }>
    >;
  };
  const example = doc.paths["/api/glossary"]?.post?.requestBody?.content["application/json"]?.example;
  expect(example).toBeDefined();
  // Fields with a default are optional in requests and always present in responses (which declare them
  // required): the generator is told not to treat a default as "present".
  const ast = await openapiTS(text, { defaultNonNullable: false });
  writeFileSync(path.join(dir, "api.ts"), astToString(ast));
  writeFileSync(path.join(dir, "client.ts"), CLIENT.replace("EXAMPLE", JSON.stringify(example)));
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  let output = "";
  try {
    execFileSync(
      process.execPath,
      [
        tsc,
        "--noEmit",
        "--strict",
        "--exactOptionalPropertyTypes",
        "--target",
        "es2022",
        "--module",
        "esnext",
        "--moduleResolution",
        "bundler",
        path.join(dir, "client.ts"),
      ],
      { encoding: "utf8" },
    );
  } catch (err) {
    output = String((err as { stdout?: string }).stdout ?? err);
  }
  expect(output).toBe("");
}, 60_000);
