/**
 * The version of the bead analysis engine (bead-analysis.ts): the SHA-256 of its sources and of every module
 * it imports at run time. Stored analyses carry it in their key (src/db/segment-analyses.ts), so a deploy
 * that changes the engine never serves what an older one made. test/node/analysis-engine.test.ts computes
 * it from the files and fails, naming the new value, when this one differs: set it to that value. (This
 * module is not imported by the engine, or the value would have to contain itself.)
 */
export const ANALYSIS_ENGINE = "74d2e55ca05f9058139c060637b9da6f44d34f4fb04d43e5ace30c47c11536d7";
