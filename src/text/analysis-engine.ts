/**
 * The version of the bead analysis engine (bead-analysis.ts): the SHA-256 of its sources and of every module
 * it imports at run time. Stored analyses carry it in their key (src/db/segment-analyses.ts), so a deploy
 * that changes the engine never serves what an older one made. test/node/analysis-engine.test.ts computes
 * it from the files and fails, naming the new value, when this one differs: set it to that value. (This
 * module is not imported by the engine, or the value would have to contain itself.)
 */
export const ANALYSIS_ENGINE = "388fb1baf71e941c71f8cb08e450335b83778e459ea1d392d0ba972d2c082887";
