import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "../../src/types";
import { ADMIN, api, entryBody, jsonOf, unique } from "../support/api";
import { Browser } from "../web/web-helpers";

/**
 * Ids, page sizes and scores are decimal digits only (issue 16, "also"): `z.coerce.number()` took "0x10",
 * "1e2", " 5", "5.0" and "+5" as numbers, so /api/glossary/0x1 read entry 1.
 */
const NOT_DECIMAL = ["0x10", "1e2", " 5", "5 ", "+5", "5.0", "0b1", "0o7", "Infinity", "", "١٢"];

interface Problem {
  status: number;
  errors: { field: string; message: string }[];
}

describe("strict decimal numbers in paths and queries (issue 16)", () => {
  it("refuses hex, exponent, sign, spaces and fractions in limit, minScore and document with a field-level 400", async () => {
    const cases: [string, string][] = [
      ["/api/glossary?limit=", "limit"],
      ["/api/segments?q=x&limit=", "limit"],
      ["/api/tm/matches?q=x&limit=", "limit"],
      ["/api/tm/matches?q=x&minScore=", "minScore"],
      ["/api/tm/variants?q=x&limit=", "limit"],
      ["/api/tm/export?document=", "document"],
    ];
    for (const [path, field] of cases) {
      for (const bad of NOT_DECIMAL) {
        const res = await api(`${path}${encodeURIComponent(bad)}`);
        expect(res.status, `${path}${bad}`).toBe(400);
        const body = await jsonOf<Problem>(res);
        expect(
          body.errors.map((e) => e.field),
          `${path}${bad}`,
        ).toEqual([field]);
        expect(body.errors[0]?.message).toMatch(/decimal/);
      }
    }
    for (const ok of ["16", "016", "100"]) {
      expect((await api(`/api/glossary?limit=${ok}`)).status, ok).toBe(200);
    }
  });

  it("refuses ids that are not plain decimals (no entry 1 behind /api/glossary/0x1)", async () => {
    const res = await api("/api/glossary", { method: "POST", body: entryBody(unique("strict id "), "معرف") });
    const id = (await jsonOf<GlossaryEntry>(res)).id;
    expect((await api(`/api/glossary/${id}`)).status).toBe(200);
    for (const bad of [`0x${id.toString(16)}`, `${id}e0`, `%20${id}`, `${id}.0`, `+${id}`]) {
      const got = await api(`/api/glossary/${bad}`);
      expect(got.status, bad).toBe(400);
      expect((await jsonOf<Problem>(got)).errors.map((e) => e.field)).toEqual(["id"]);
    }
    expect((await api(`/api/documents/0x1/segments`)).status).toBe(400);
    expect((await api(`/api/segments/1e0`)).status).toBe(400);
  });

  it("the web list ignores an `after` cursor that is not decimal instead of reading it as hex", async () => {
    const b = new Browser();
    await b.signIn(ADMIN);
    const first = await b.page("/glossary");
    const hex = await b.page("/glossary?after=0x7fffffff");
    // 0x7fffffff read as a number would be after the last entry: an empty list.
    expect(hex).toContain('id="results"');
    const ids = (html: string) => [
      ...new Set([...html.matchAll(/href="\/glossary\/(\d+)"/g)].map((m) => m[1])),
    ];
    const firstIds = ids(first);
    const hexIds = ids(hex);
    expect(firstIds.length).toBeGreaterThan(0);
    expect(hexIds).toEqual(firstIds);
  });
});
