// The formats colleague's CAT-tool fixtures (test/fixtures/cat/), sent through the API: a new document from
// each, then the same file imported into it again.
import { describe, expect, it } from "vitest";
import { segmentsOfUnit } from "../../../src/formats/xliff-origin";
import { parseXliff } from "../../../src/formats/xliff-read";
import matecat from "../../fixtures/cat/matecat-1.2.xlf?raw";
import memoq from "../../fixtures/cat/memoq-1.2.xlf?raw";
import okapi from "../../fixtures/cat/okapi-2.1.xlf?raw";
import omegat from "../../fixtures/cat/omegat-1.2.xlf?raw";
import phrase from "../../fixtures/cat/phrase-2.0.xlf?raw";
import trados from "../../fixtures/cat/trados-sdlxliff-1.2.xlf?raw";
import { api, jsonOf, segmentsOf } from "../../support/api";
import { importXliff, XLIFF_TYPE } from "./helpers";

const FIXTURES = { matecat, memoq, okapi, omegat, phrase, trados };

describe("CAT-tool files through the API", () => {
  it.each(Object.entries(FIXTURES))(
    "%s: creates a document with the file's sources, English and statuses",
    async (_tool, xml) => {
      // One segment per segment of the file (code-only units included), with codes and statuses.
      const units = parseXliff(xml).units.filter((u) => u.source.trim() !== "" || u.codeOnly);
      const expected = units.flatMap((u) => segmentsOfUnit(u));
      const res = await api("/api/documents/import/xliff?title=cat", {
        method: "POST",
        body: xml,
        headers: { "content-type": XLIFF_TYPE },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const created = await jsonOf<{ id: number; segmentCount: number; translated: number }>(res);
      expect(created.segmentCount).toBe(expected.length);
      const segments = await segmentsOf(created.id);
      expect(segments.map((s) => [s.ar, s.arCodes, s.en, s.enCodes, s.status, s.origin])).toEqual(
        expected.map((e) => [e.ar, e.arCodes, e.en, e.en === null ? [] : e.enCodes, e.status, "xliff"]),
      );
      // The same file imported into it: every unit and segment is found where it came from, nothing changes.
      const again = await importXliff(created.id, xml, "dryRun=true");
      expect(again.status).toBe(200);
      const result = await jsonOf<{ updated: number; conflicts: unknown[] }>(again);
      expect(result).toMatchObject({ updated: 0, conflicts: [] });
    },
  );
});
