import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { GLOSSARY_TSV_COLUMNS } from "../../src/formats/seed-tsv";
import { ADMIN, api, jsonOf } from "../support/api";

/** Glossary import refuses a body whose declared type is not the named format's (issue 16, "also"). */
const TSV = `${GLOSSARY_TSV_COLUMNS.join("\t")}\n`;
const CSV = `${GLOSSARY_TSV_COLUMNS.join(",")}\n`;
const TBX = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body/></text></tbx>`;

const files: Record<string, string> = { tsv: TSV, csv: CSV, tbx: TBX };

function post(format: string, type: string | null, body = files[format] ?? "") {
  const path = `/api/glossary/import?format=${format}&dryRun=true`;
  if (type !== null) return api(path, { method: "POST", body, headers: { "content-type": type } });
  // No Content-Type at all (the helper would add a JSON one): bytes, as a bare HTTP client sends them.
  return SELF.fetch(`http://diwan.test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}` },
    body: new TextEncoder().encode(body),
  });
}

describe("glossary import content types (issue 16)", () => {
  it("refuses a declared type that does not match the format with 415 and says what to send", async () => {
    const wrong: [string, string][] = [
      ["csv", "application/xml"],
      ["csv", "text/html"],
      ["csv", "image/png"],
      ["tsv", "application/x-www-form-urlencoded"], // curl --data-binary without -H
      ["tsv", "multipart/form-data; boundary=x"],
      ["tsv", "text/csv"],
      ["tbx", "text/csv"],
      ["tbx", "text/plain"],
      ["tbx", "application/pdf"],
    ];
    for (const [format, type] of wrong) {
      const res = await post(format, type);
      expect(res.status, `${format} as ${type}`).toBe(415);
      const body = await jsonOf<{ code: string; detail: string }>(res);
      expect(body.code).toBe("unsupported-media-type");
      expect(body.detail, `${format} as ${type}`).toContain(type.split(";")[0] as string);
      expect(body.detail).toMatch(
        format === "tbx" ? /application\/xml/ : format === "csv" ? /text\/csv/ : /text\/tab-separated-values/,
      );
    }
  });

  it("refuses, with 415, a charset it cannot read the format in: not UTF-8/16 nor (tables) single-byte", async () => {
    // A table names its encoding only in the header: a single-byte one is read (test/web/upload-encodings).
    expect((await post("csv", "text/csv; charset=iso-8859-1")).status).toBe(200);
    for (const [format, type] of [
      ["csv", "text/csv; charset=shift_jis"],
      ["tsv", "text/plain; charset=utf-32"],
      // XML names its own encoding in its declaration: a legacy charset header is refused, not believed.
      ["tbx", "application/xml; charset=iso-8859-1"],
    ] as const) {
      const res = await post(format, type);
      expect(res.status, type).toBe(415);
      expect((await jsonOf<{ detail: string }>(res)).detail, type).toMatch(/UTF-8/);
    }
  });

  it("accepts the format's own types, text/plain for CSV/TSV, generic binary and no type at all", async () => {
    const right: [string, string | null][] = [
      ["csv", "text/csv; charset=utf-8; header=present"],
      ["csv", "application/vnd.ms-excel"], // what Windows browsers and tools call .csv
      ["csv", "text/plain"],
      ["tsv", "text/tab-separated-values"],
      ["tsv", "text/plain; charset=UTF-8"],
      ["tbx", "application/xml"],
      ["tbx", "text/xml"],
      ["tbx", "application/x-tbx+xml"],
      ["tbx", "application/octet-stream"],
      ["csv", null],
    ];
    for (const [format, type] of right) {
      const res = await post(format, type);
      expect(res.status, `${format} as ${type}`).toBe(200);
    }
  });
});
