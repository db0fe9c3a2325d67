/**
 * The version of the bead analysis engine (bead-analysis.ts): the SHA-256 of its sources and of every module
 * it imports at run time. Stored analyses carry it in their key (src/db/segment-analyses.ts), so a deploy
 * that changes the engine never serves what an older one made. test/node/analysis-engine.test.ts computes
 * it from the files and fails, naming the new value, when this one differs: set it to that value. (This
 * module is not imported by the engine, or the value would have to contain itself.)
 */
export const ANALYSIS_ENGINE = "bd2b86551ae9e452ac06813c27b631e9b4abe531457d70fb0066d5e24c4e1019";
