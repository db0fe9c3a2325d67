// The OpenAPI document says what the code does (issue 11.7). Static checks walk /openapi.json; the walk
// then sends every operation the request its own document describes (examples, defaults, enums) to the real
// Worker and D1, and holds each answer against the contract: its status is declared, every header it
// carries is declared for that status, a documented example is never refused for validation, and error
// codes are in the Problem schema's enum.
import { beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_CODES } from "../../src/errors";
import { IMPORT_EXAMPLES } from "../../src/routes/glossary-exchange";
import { api, createDoc, createEntry, jsonOf, tokenWithScope, unique, uniqueLetters } from "../support/api";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
  example?: unknown;
}
interface MediaType {
  schema?: Json;
  example?: unknown;
  examples?: Json;
}
interface ResponseObject {
  description: string;
  headers?: Record<string, Json>;
  content?: Record<string, MediaType>;
}
interface Operation {
  security?: Record<string, string[]>[];
  "x-d1-session"?: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; parameters?: Record<string, Parameter> };
}

/** Headers whose presence a client may rely on (besides any `Diwan-*`): each one sent must be declared. */
const CONTRACT_HEADERS = [
  "etag",
  "location",
  "server-timing",
  "content-disposition",
  "x-d1-bookmark",
  "www-authenticate",
  "diwan-merged-with",
  "retry-after",
];
/** Codes of a request refused for its form (what an accepted example must never get). */
const FORM_REFUSALS = [
  "validation",
  "malformed-json",
  "invalid-text",
  "invalid-encoding",
  "unsupported-media-type",
];
const METHODS = ["get", "put", "post", "patch", "delete"];

let doc: OpenApiDoc;

beforeAll(async () => {
  const res = await api("/openapi.json", { token: null });
  expect(res.status).toBe(200);
  doc = await jsonOf<OpenApiDoc>(res);
});

const deref = <T>(x: T | { $ref: string }): T => {
  if (typeof x === "object" && x !== null && "$ref" in x) {
    const [, , kind, name] = x.$ref.split("/");
    const table = (doc.components as unknown as Record<string, Record<string, T>>)[kind as string];
    const found = table?.[name as string];
    if (!found) throw new Error(`unresolved ${x.$ref}`);
    return found;
  }
  return x as T;
};

/** A schema's properties and required names, through $ref and allOf. */
function flatten(schema: Json): { properties: Json; required: string[] } {
  const s = deref<Json>(schema);
  const parts = [s, ...((s.allOf as Json[] | undefined) ?? []).map((p) => flatten(p))];
  return {
    properties: Object.assign({}, ...parts.map((p) => (p.properties as Json | undefined) ?? {})),
    required: parts.flatMap((p) => (p.required as string[] | undefined) ?? []),
  };
}

function operations(prefix = "/api/") {
  const out: { path: string; method: string; op: Operation; name: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push({ path, method, op, name: `${method.toUpperCase()} ${path}` });
    }
  }
  return out;
}

const paramsOf = (op: Operation) => (op.parameters ?? []).map((p) => deref<Parameter>(p));
const responseOf = (op: Operation, status: number) => {
  const r = op.responses[String(status)] ?? op.responses.default;
  return r ? deref<ResponseObject>(r) : undefined;
};
const declaredHeaders = (r: ResponseObject) => Object.keys(r.headers ?? {}).map((h) => h.toLowerCase());
const hasExample = (m: MediaType) =>
  m.example !== undefined || (m.examples !== undefined && Object.keys(m.examples).length > 0);

describe("the OpenAPI document", () => {
  it("covers the API: every operation checked below exists", () => {
    expect(operations().length).toBeGreaterThan(30);
  });

  it("declares each route's scope and D1 session, and x-d1-bookmark on every response", () => {
    const wrong: string[] = [];
    for (const { name, op } of operations()) {
      const scopes = op.security?.[0]?.bearerAuth;
      if (!scopes || scopes.length !== 1 || !["read", "write", "admin"].includes(scopes[0] as string))
        wrong.push(`${name}: security bearerAuth scope`);
      if (!["replica", "primary"].includes(op["x-d1-session"] ?? "")) wrong.push(`${name}: x-d1-session`);
      if (!paramsOf(op).some((p) => p.name === "x-d1-bookmark" && p.in === "header"))
        wrong.push(`${name}: x-d1-bookmark parameter`);
      for (const [status, r] of Object.entries(op.responses)) {
        if (!declaredHeaders(deref<ResponseObject>(r)).includes("x-d1-bookmark"))
          wrong.push(`${name} ${status}: x-d1-bookmark header`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives an example for every request body, in each media type it accepts", () => {
    const missing: string[] = [];
    for (const { name, op } of operations()) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (!hasExample(media)) missing.push(`${name} (${type})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("declares 413 where a body is accepted, and only there", () => {
    const wrong: string[] = [];
    for (const { name, op } of operations()) {
      const body = op.requestBody !== undefined;
      const has413 = op.responses["413"] !== undefined;
      if (body !== has413) wrong.push(`${name}: body ${body}, 413 ${has413}`);
    }
    expect(wrong).toEqual([]);
  });

  it("enumerates `format` and `code` parameters, and every error code in Problem.code", () => {
    const open: string[] = [];
    for (const { name, op } of operations()) {
      for (const p of paramsOf(op)) {
        if ((p.name === "format" || p.name === "code") && !Array.isArray(p.schema?.enum))
          open.push(`${name}: ${p.name}`);
      }
    }
    expect(open).toEqual([]);
    const problem = doc.components.schemas.Problem as { properties: Record<string, Json> };
    expect([...((problem.properties.code?.enum as string[]) ?? [])].sort()).toEqual(
      [...PROBLEM_CODES].sort(),
    );
  });

  it("says what a 412 holds: the current version", () => {
    const stale = operations().filter(({ op }) => op.responses["412"]);
    expect(stale.length).toBeGreaterThan(5);
    for (const { name, op } of stale) {
      const schema = flatten(responseOf(op, 412)?.content?.["application/problem+json"]?.schema ?? {});
      expect(schema.properties, name).toHaveProperty("currentVersion");
      expect(schema.required, name).toContain("currentVersion");
    }
  });

  it("answers every DELETE with 204 and no other success", () => {
    const deletes = operations().filter(({ method }) => method === "delete");
    expect(deletes.length).toBeGreaterThanOrEqual(3);
    for (const { name, op } of deletes) {
      expect(
        Object.keys(op.responses).filter((s) => s.startsWith("2")),
        name,
      ).toEqual(["204"]);
    }
  });

  it("answers If-None-Match with 304 wherever a GET gives an ETag", () => {
    const tagged = operations().filter(
      ({ method, op }) =>
        method === "get" && declaredHeaders(responseOf(op, 200) ?? { description: "" }).includes("etag"),
    );
    expect(tagged.length).toBeGreaterThanOrEqual(3);
    for (const { name, op } of tagged) {
      expect(op.responses["304"], name).toBeDefined();
      expect(
        paramsOf(op).some((p) => p.in === "header" && p.name === "if-none-match"),
        name,
      ).toBe(true);
    }
  });
});

// ----------------------------------------------------------------------------------- the walk

interface Fixture {
  params: Record<string, number>;
  /** Segment ids standing for the examples' placeholder ids (`from`, `to`). */
  run: [number, number];
}

/** A fresh document (two sentences a side in each segment) and whatever the path's parameters name. */
async function fixtureFor(path: string): Promise<Fixture> {
  const d = await createDoc([
    {
      ar: "عقد المجلس اجتماعه. وناقش الأعضاء الوضع.",
      en: "The council met. Members discussed the situation.",
    },
    {
      ar: "وأصدر المجلس بيانا. ورحب الأعضاء به.",
      en: "The council issued a statement. Members welcomed it.",
    },
    {
      ar: "واختتم الاجتماع. وسيعقد المجلس اجتماعا آخر.",
      en: "The meeting closed. The council will meet again.",
    },
  ]);
  const [first, second] = d.segments.map((s) => s.id) as [number, number];
  const params: Record<string, number> = { id: d.id, segmentId: first };
  if (path.startsWith("/api/glossary/{id}")) {
    params.id = (await createEntry(`contract ${uniqueLetters()}`, `عقد ${uniqueLetters()}`)).id;
    // A revert needs an earlier version to go back to (the example restores version 1).
    if (path.endsWith("/revert")) {
      const patched = await api(`/api/glossary/${params.id}`, { method: "PATCH", body: { note: "changed" } });
      expect(patched.status).toBe(200);
    }
  }
  if (path.startsWith("/api/segments/{id}")) params.id = first;
  if (path.startsWith("/api/tokens/{id}")) {
    const res = await api("/api/tokens", {
      method: "POST",
      body: { name: unique("contract "), scope: "read" },
    });
    params.id = (await jsonOf<{ id: number }>(res)).id;
  }
  if (path.includes("{historyId}")) {
    const merged = await api(`/api/documents/${d.id}/segments/${second}/merge`, { method: "POST" });
    expect(merged.status).toBe(200);
    params.historyId = (await jsonOf<{ operation: number }>(merged)).operation;
  }
  return { params, run: [first, second] };
}

/** The example body with its placeholder segment ids (`from`, `to`) replaced by the fixture's. */
function bodyOf(example: unknown, fixture: Fixture): string {
  if (typeof example === "string") return example;
  const body = { ...(example as Json) };
  if (typeof body.from === "number") body.from = fixture.run[0];
  if (typeof body.to === "number") body.to = fixture.run[1];
  return JSON.stringify(body);
}

/** The query a client reads off the document: examples, else defaults, else the first enum value. */
function queryOf(op: Operation, overrides: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const p of paramsOf(op)) {
    if (p.in !== "query") continue;
    const value =
      p.example ?? p.schema?.example ?? (p.required ? (p.schema?.enum as unknown[])?.[0] : undefined);
    if (value !== undefined) q.set(p.name, String(value));
    else if (p.required) throw new Error(`required query parameter ${p.name} has no example`);
  }
  for (const [k, v] of Object.entries(overrides)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

const concrete = (path: string, params: Record<string, number>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no fixture for {${name}} in ${path}: add one to fixtureFor`);
    return String(v);
  });

/** What is wrong with one answer, measured against the operation's contract. */
async function breaches(name: string, op: Operation, res: Response, example: boolean): Promise<string[]> {
  const wrong: string[] = [];
  const declared = responseOf(op, res.status);
  if (!declared) return [`${name}: answered ${res.status}, which is not declared`];
  const names = declaredHeaders(declared);
  // The listed headers, and any of Diwan's own (`Diwan-*`, e.g. Diwan-Merged-With).
  const sent = [...res.headers.keys()].filter((h) => CONTRACT_HEADERS.includes(h) || h.startsWith("diwan-"));
  for (const h of sent) {
    if (!names.includes(h)) wrong.push(`${name} ${res.status}: sends ${h}, undeclared`);
  }
  if ((res.headers.get("content-type") ?? "").startsWith("application/problem+json")) {
    const body = await jsonOf<{ code: string }>(res.clone());
    if (!PROBLEM_CODES.includes(body.code)) wrong.push(`${name}: code ${body.code} is not in the enum`);
    if (example && FORM_REFUSALS.includes(body.code))
      wrong.push(`${name}: its documented example is refused: ${JSON.stringify(body)}`);
  }
  return wrong;
}

describe("every operation, called as its document says", () => {
  it("answers a declared status with declared headers, and accepts its examples", async () => {
    const wrong: string[] = [];
    const ops = operations();
    // Deletes last: the fixtures of the others do not depend on them, but a reader of the log may.
    ops.sort((a, b) => Number(a.method === "delete") - Number(b.method === "delete"));
    let calls = 0;
    const statuses: string[] = [];
    for (const { path, method, op, name } of ops) {
      const fixture = await fixtureFor(path);
      const url = concrete(path, fixture.params);
      const bodies = Object.entries(op.requestBody?.content ?? {});
      const requests: { type?: string; body?: string; query: string }[] =
        bodies.length === 0
          ? [{ query: queryOf(op) }]
          : bodies.map(([type, media]) => {
              // The glossary import's format must name the example's format (one file per format).
              const format = IMPORT_EXAMPLES[type as keyof typeof IMPORT_EXAMPLES]?.format;
              const overrides: Record<string, string> =
                path === "/api/glossary/import" && format ? { format } : {};
              return { type, body: bodyOf(media.example, fixture), query: queryOf(op, overrides) };
            });
      for (const r of requests) {
        // DELETE and the If-Match of writes: a fresh fixture for each request (the first may remove it).
        const target = r === requests[0] ? url : concrete(path, (await fixtureFor(path)).params);
        const res = await api(`${target}${r.query}`, {
          method: method.toUpperCase(),
          ...(r.body !== undefined ? { body: r.body, headers: { "content-type": r.type as string } } : {}),
        });
        calls++;
        statuses.push(`${res.status} ${name}${r.type ? ` (${r.type})` : ""}`);
        wrong.push(
          ...(await breaches(`${name}${r.type ? ` (${r.type})` : ""}`, op, res, r.body !== undefined)),
        );
        expect(res.status, `${name}: ${await res.clone().text()}`).toBeLessThan(500);
        if (method === "get" && res.status === 200 && res.headers.has("etag")) {
          const again = await api(`${target}${r.query}`, {
            headers: { "if-none-match": res.headers.get("etag") as string },
          });
          expect(again.status, `${name} with If-None-Match`).toBe(304);
          expect(await again.text()).toBe("");
          wrong.push(...(await breaches(`${name} (If-None-Match)`, op, again, false)));
        }
      }
      // Without a token: 401, declared with its headers.
      const anonymous = await api(url, { method: method.toUpperCase(), token: null });
      expect(anonymous.status, name).toBe(401);
      wrong.push(...(await breaches(`${name} (no token)`, op, anonymous, false)));
      // A stale If-Match: 412 with the current version, as declared.
      if (op.responses["412"]) {
        const stale = await api(concrete(path, (await fixtureFor(path)).params) + queryOf(op), {
          method: method.toUpperCase(),
          headers: { "if-match": '"v999999"' },
          ...(bodies[0] ? { body: bodyOf(bodies[0][1].example, fixture) } : {}),
        });
        expect(stale.status, `${name}: ${await stale.clone().text()}`).toBe(412);
        expect(await jsonOf(stale.clone())).toMatchObject({ currentVersion: expect.any(Number) });
        wrong.push(...(await breaches(`${name} (stale If-Match)`, op, stale, false)));
      }
    }
    expect(wrong).toEqual([]);
    // Fixtures make every documented request succeed: an example that works only on paper would show here.
    expect(statuses.filter((s) => !/^2\d\d /.test(s))).toEqual([]);
    expect(calls).toBeGreaterThan(30);
  }, 120_000);

  it("answers a read-scope token's writes with 403 as declared, and lets it read", async () => {
    const read = await tokenWithScope("read");
    const wrong: string[] = [];
    for (const { path, method, op, name } of operations()) {
      const url = concrete(path, { id: 1, segmentId: 1, historyId: 1 });
      const res = await api(url, { method: method.toUpperCase(), token: read });
      const allowed = op.security?.[0]?.bearerAuth?.[0] === "read";
      if ((res.status === 403) === allowed) wrong.push(`${name}: a read token got ${res.status}`);
      wrong.push(...(await breaches(`${name} (read token)`, op, res, false)));
    }
    expect(wrong).toEqual([]);
  });
});
