// The CAT-tool fixtures (test/fixtures/cat/) and the Diwan segments an import of each would store.
import { segmentsOfUnit } from "../../src/formats/xliff-origin";
import { parseXliff } from "../../src/formats/xliff-read";
import type { XliffUnitInput } from "../../src/formats/xliff-write";
import matecat from "../fixtures/cat/matecat-1.2.xlf?raw";
import memoq from "../fixtures/cat/memoq-1.2.xlf?raw";
import okapi from "../fixtures/cat/okapi-2.1.xlf?raw";
import omegat from "../fixtures/cat/omegat-1.2.xlf?raw";
import phrase from "../fixtures/cat/phrase-2.0.xlf?raw";
import trados from "../fixtures/cat/trados-sdlxliff-1.2.xlf?raw";

export const FIXTURES: [string, string][] = [
  ["OmegaT 1.2", omegat],
  ["Trados 1.2", trados],
  ["memoQ 1.2", memoq],
  ["Matecat 1.2", matecat],
  ["Phrase 2.0", phrase],
  ["Okapi 2.1", okapi],
];

/** The fixture's units as Diwan stores them: one segment per file segment, numbered from 1. */
export function storedSegments(xml: string): XliffUnitInput[] {
  let id = 0;
  return parseXliff(xml).units.flatMap((u) => segmentsOfUnit(u).map((s) => ({ ...s, id: ++id })));
}
