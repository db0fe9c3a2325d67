/**
 * The version of the bead analysis engine (bead-analysis.ts): the SHA-256 of its sources and of every module
 * it imports at run time. Stored analyses carry it in their key (src/db/segment-analyses.ts), so a deploy
 * that changes the engine never serves what an older one made. test/node/analysis-engine.test.ts computes
 * it from the files and fails, naming the new value, when this one differs: set it to that value. (This
 * module is not imported by the engine, or the value would have to contain itself.)
 */
export const ANALYSIS_ENGINE = "c67401e96d7c3bc4bddb68d7fac18cb134a82d289c3fc020ed97c9e4bba9b03b";
