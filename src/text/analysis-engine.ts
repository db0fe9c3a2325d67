/**
 * The version of the bead analysis engine (bead-analysis.ts): the SHA-256 of its sources and of every module
 * it imports at run time. Stored analyses carry it in their key (src/db/segment-analyses.ts), so a deploy
 * that changes the engine never serves what an older one made. test/node/analysis-engine.test.ts computes
 * it from the files and fails, naming the new value, when this one differs: set it to that value. (This
 * module is not imported by the engine, or the value would have to contain itself.)
 */
export const ANALYSIS_ENGINE = "dca436d7a0d5d95e720cc7a81263a0518ddb45dd0fc1b34a8631081e59d70c94";
