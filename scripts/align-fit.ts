/**
 * Fits the alignment model's free parameters (src/text/align-model.ts) on the gold beads of the first
 * evaluation set, of evaluation set 2's **tuning** half and of set 4 (a tuning set since session 5), and
 * with --sets5-7 of sets 5, 6 and 7 (tuning sets since session 6) — never on set 2's held-out half or
 * set 3, which this script does not load.
 * Run: npx tsx scripts/align-fit.ts [--grid] [--no-set1] [--sets5-7] (--no-set1: without set 1)
 *
 * Prints, for the model in use: strict bead F1 on gold sentences (with and without paragraphs) and end to
 * end; the empirical counts behind the priors and the anchor rewards (how often a feature of each kind is
 * shared by the two sides of a gold bead, and by a bead shifted by one sentence); and the posterior
 * temperature that minimises the log-loss of "this bead is right" (calibration). With --grid, F1 over a
 * small grid of the paragraph and skip parameters.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { alignSentences, alignTexts, paragraphNumbers } from "../src/text/align";
import { documentFeatures, KIND_COUNT, KIND_TERM } from "../src/text/align-features";
import { type AlignLexicon, learnLexicon } from "../src/text/align-lexicon";
import { ALIGN_MODEL, type AlignModel, BEAD_A, BEAD_E, OWN_ANCHOR_KINDS } from "../src/text/align-model";
import { beadRangeKey, compareByKey, type Prf, pooled } from "../src/text/eval";
import { EVAL_TEXTS, locateSentences, parseBeads, stripMarkup } from "../test/fixtures/eval";
import { EVAL2_DOCS } from "../test/fixtures/eval2/index";
import { EVAL4_DOCS } from "../test/fixtures/eval4/index";
import { EVAL5_DOCS } from "../test/fixtures/eval5/index";
import { EVAL6_DOCS } from "../test/fixtures/eval6/index";
import { EVAL7_DOCS } from "../test/fixtures/eval7/index";
import { loadSeedGlossary } from "../test/fixtures/glossary";

const root = path.join(import.meta.dirname, "..");
const glossary = loadSeedGlossary(readFileSync(path.join(root, "glossary", "diplomatic.tsv"), "utf8"));

interface FitDoc {
  id: string;
  arText: string;
  enText: string;
  ar: string[];
  en: string[];
  arSpans: { start: number; end: number }[];
  enSpans: { start: number; end: number }[];
  paragraphs: { ar: number[]; en: number[] };
  beads: { ar: number[]; en: number[] }[];
}

const withSet1 = !process.argv.includes("--no-set1");
const withSets5to7 = process.argv.includes("--sets5-7");
const docs: FitDoc[] = [
  ...(withSet1 ? EVAL_TEXTS : []).map((t) => {
    const arSpans = locateSentences(t.ar, t.arGold);
    const enSpans = locateSentences(t.en, t.enGold);
    return {
      id: t.id,
      arText: t.ar,
      enText: t.en,
      ar: t.arGold.map(stripMarkup),
      en: t.enGold.map(stripMarkup),
      arSpans,
      enSpans,
      paragraphs: { ar: paragraphNumbers(t.ar, arSpans), en: paragraphNumbers(t.en, enSpans) },
      beads: parseBeads(t.beads),
    };
  }),
  ...[
    ...EVAL2_DOCS.filter((d) => d.half === "tuning"),
    ...EVAL4_DOCS,
    ...(withSets5to7 ? [...EVAL5_DOCS, ...EVAL6_DOCS, ...EVAL7_DOCS] : []),
  ].map((d) => ({
    id: d.id,
    arText: d.ar.text,
    enText: d.en.text,
    ar: d.ar.plain,
    en: d.en.plain,
    arSpans: d.ar.sentences,
    enSpans: d.en.sentences,
    paragraphs: { ar: d.ar.paragraphs, en: d.en.paragraphs },
    beads: d.beads,
  })),
];

const key = (b: { ar: readonly number[]; en: readonly number[] }) => `${b.ar.join(",")}:${b.en.join(",")}`;

// --lexicon: each document is aligned with a lexicon learned from the gold beads of all the other
// documents (leave one document out), as a memory of approved segments would teach it.
const useLexicon = process.argv.includes("--lexicon");
const lexicons = new Map<string, AlignLexicon>();
if (useLexicon)
  for (const d of docs) {
    const pairs = docs
      .filter((o) => o.id !== d.id)
      .flatMap((o) =>
        o.beads
          .filter((b) => b.ar.length > 0 && b.en.length > 0)
          .map((b) => ({ ar: b.ar.map((i) => o.ar[i]).join(" "), en: b.en.map((j) => o.en[j]).join(" ") })),
      );
    lexicons.set(d.id, learnLexicon(pairs));
  }
const lexiconOf = (d: FitDoc) => lexicons.get(d.id);
if (useLexicon)
  console.log(
    `lexicons (leave one document out): ${[...lexicons.values()].map((l) => l.size).join(" ")} entries`,
  );

interface Figures {
  gold: Prf;
  noParagraphs: Prf;
  e2e: Prf;
  scored: { score: number; right: boolean }[];
}

function evaluate(model: AlignModel): Figures {
  const gold: Prf[] = [];
  const noParagraphs: Prf[] = [];
  const e2e: Prf[] = [];
  const scored: { score: number; right: boolean }[] = [];
  for (const d of docs) {
    const goldKeys = new Set(d.beads.map(key));
    const lexicon = lexiconOf(d);
    const found = alignSentences(d.ar, d.en, {
      matcher: glossary.matcher,
      lexicon,
      paragraphs: d.paragraphs,
      model,
    });
    gold.push(compareByKey(found, d.beads, key).score);
    for (const b of found) scored.push({ score: b.score, right: goldKeys.has(key(b)) });
    noParagraphs.push(
      compareByKey(alignSentences(d.ar, d.en, { matcher: glossary.matcher, lexicon, model }), d.beads, key)
        .score,
    );
    const t = alignTexts(d.arText, d.enText, { matcher: glossary.matcher, lexicon, model });
    e2e.push(
      compareByKey(
        t.beads.map((b) => beadRangeKey(t.ar, t.en, b)),
        d.beads.map((b) => beadRangeKey(d.arSpans, d.enSpans, b)),
        (k) => k,
      ).score,
    );
  }
  return { gold: pooled(gold), noParagraphs: pooled(noParagraphs), e2e: pooled(e2e), scored };
}

const f = (x: number) => x.toFixed(4);
if (process.argv.includes("--errors"))
  for (const d of docs) {
    const found = alignSentences(d.ar, d.en, { matcher: glossary.matcher, paragraphs: d.paragraphs });
    const cmp = compareByKey(found, d.beads, key);
    if (cmp.falseNegatives.length === 0) continue;
    console.log(
      `${d.id}: missed ${cmp.falseNegatives.map(key).join(" ")}; proposed ${cmp.falsePositives.map((b) => `${key(b)} (${(b as { score?: number }).score?.toFixed(2)})`).join(" ")}`,
    );
  }
const base = evaluate(ALIGN_MODEL);
console.log(
  `${docs.length} documents (${withSet1 ? "set 1 + " : ""}set 2 tuning half + set 4${withSets5to7 ? " + sets 5-7" : ""}), ${docs.reduce((n, d) => n + d.beads.length, 0)} gold beads`,
);
console.log(
  `model in use: gold F1 ${f(base.gold.f1)}  no paragraphs ${f(base.noParagraphs.f1)}  end to end ${f(base.e2e.f1)}`,
);

// Bead type counts (for the priors).
const typeCounts = new Map<string, number>();
for (const d of docs)
  for (const b of d.beads)
    typeCounts.set(
      `${b.ar.length}-${b.en.length}`,
      (typeCounts.get(`${b.ar.length}-${b.en.length}`) ?? 0) + 1,
    );
console.log("gold bead types:", [...typeCounts].map(([k, n]) => `${k} ${n}`).join(", "));
console.log(
  "priors in use:",
  Array.from(BEAD_A, (a, t) => `${a}-${BEAD_E[t]} ${ALIGN_MODEL.priors[t]}`).join(", "),
);

// Anchor statistics: for each kind, how often an Arabic feature of a gold non-skip bead is found on the
// English side of that bead, and of the bead one English sentence later (a plausible wrong pairing).
const shared = Array.from({ length: KIND_COUNT }, () => ({
  ar: 0,
  arHit: 0,
  arShiftHit: 0,
  en: 0,
  enHit: 0,
}));
for (const d of docs) {
  const feats = documentFeatures(d.ar, d.en, { matcher: glossary.matcher, lexicon: lexiconOf(d) });
  const ids = (side: Int32Array[], idx: readonly number[]) =>
    idx.flatMap((k) => [...(side[k] ?? [])].map((v) => v >> 1));
  d.beads.forEach((b, k) => {
    if (b.ar.length === 0 || b.en.length === 0) return;
    const A = ids(feats.ar.ids, b.ar);
    const E = new Set(ids(feats.en.ids, b.en));
    const next = d.beads.slice(k + 1).find((x) => x.en.length > 0);
    const S = new Set(next ? ids(feats.en.ids, next.en) : []);
    for (const v of A) {
      const s = shared[feats.kinds[v] as number] as (typeof shared)[number];
      s.ar++;
      if (E.has(v)) s.arHit++;
      if (S.has(v)) s.arShiftHit++;
    }
    const Aset = new Set(A);
    for (const v of ids(feats.en.ids, b.en)) {
      const s = shared[feats.kinds[v] as number] as (typeof shared)[number];
      s.en++;
      if (Aset.has(v)) s.enHit++;
    }
  });
}
const kindNames = ["number", "month", "latin", "punct", "term", "name", "lexicon", "formula"];
console.log(
  "\nanchor kind | ar features in gold beads | found in the English of the bead | of the next bead | en features | found in the Arabic",
);
shared.forEach((s, k) => {
  console.log(
    `  ${(kindNames[k] ?? "?").padEnd(8)} ${String(s.ar).padStart(5)} ${String(s.arHit).padStart(5)} (${f(s.arHit / Math.max(1, s.ar))}) ${String(s.arShiftHit).padStart(5)} (${f(s.arShiftHit / Math.max(1, s.ar))}) ${String(s.en).padStart(5)} ${String(s.enHit).padStart(5)}`,
  );
});

// Paragraph statistics of the gold paths: points between beads out of step, breaks inside a bead side.
{
  let points = 0;
  let outOfStep = 0;
  let nextToSkip = 0;
  let nextToSkipOut = 0;
  let sides = 0;
  let straddles = 0;
  for (const d of docs) {
    const brk = (p: number[], i: number) => i === 0 || i === p.length || p[i - 1] !== p[i];
    let i = 0;
    let j = 0;
    const isSkip = (b?: { ar: number[]; en: number[] }) => !!b && (b.ar.length === 0 || b.en.length === 0);
    for (const [k, b] of d.beads.entries()) {
      i += b.ar.length;
      j += b.en.length;
      points++;
      const out = brk(d.paragraphs.ar, i) !== brk(d.paragraphs.en, j);
      if (out) outOfStep++;
      if (isSkip(b) || isSkip(d.beads[k + 1])) {
        nextToSkip++;
        if (out) nextToSkipOut++;
      }
      for (const [idx, p] of [
        [b.ar, d.paragraphs.ar],
        [b.en, d.paragraphs.en],
      ] as const) {
        if (idx.length < 2) continue;
        sides++;
        for (let k = 1; k < idx.length; k++)
          if (p[idx[k] as number] !== p[(idx[k] as number) - 1]) straddles++;
      }
    }
  }
  console.log(
    `gold paths: ${outOfStep} of ${points} points out of step; ${straddles} breaks inside ${sides} multi-sentence bead sides`,
  );
  // Add-one estimates of the two paragraph costs (align-model.ts paragraphMismatch, skipParagraphMismatch).
  const other = points - nextToSkip;
  console.log(
    `  next to a skip: ${nextToSkipOut} of ${nextToSkip} out of step (-log ${(-Math.log((nextToSkipOut + 1) / (nextToSkip + 2))).toFixed(2)}); elsewhere ${outOfStep - nextToSkipOut} of ${other} (-log ${(-Math.log((outOfStep - nextToSkipOut + 1) / (other + 2))).toFixed(2)})`,
  );
}

// Unsupported members (align-model.ts unsupportedMember): a sentence of a gold bead's multi-sentence side
// with anchors of its own none of which the other side of the bead has, against a gold skipped sentence
// with anchors of its own set beside the other side of a neighbouring gold bead (what absorbing it does).
{
  const ownKinds = new Set(OWN_ANCHOR_KINDS);
  let members = 0;
  let membersUnsupported = 0;
  let skips = 0;
  let skipsUnsupported = 0;
  let membersTermsOnly = 0;
  let membersTermsOnlyUnsupported = 0;
  let skipsTermsOnly = 0;
  let skipsTermsOnlyUnsupported = 0;
  for (const d of docs) {
    const feats = documentFeatures(d.ar, d.en, { matcher: glossary.matcher });
    const all = (side: "ar" | "en", idx: readonly number[]) =>
      new Set(idx.flatMap((k) => [...(feats[side].ids[k] ?? [])].map((v) => v >> 1)));
    const own = (side: "ar" | "en", k: number) =>
      [...(feats[side].ids[k] ?? [])]
        .filter((v) => (v & 1) === 0 && ownKinds.has(feats.kinds[v >> 1] as number))
        .map((v) => v >> 1);
    const supportedBy = (side: "ar" | "en", k: number, other: Set<number>) =>
      [...all(side, [k])].some((v) => other.has(v));
    d.beads.forEach((b, q) => {
      for (const [side, otherSide] of [
        ["ar", "en"],
        ["en", "ar"],
      ] as const) {
        const mine = b[side];
        const theirs = b[otherSide];
        if (mine.length > 1 && theirs.length > 0)
          for (const k of mine) {
            if (own(side, k).length === 0) continue;
            members++;
            const termsOnly = own(side, k).every((v) => feats.kinds[v] === KIND_TERM);
            if (termsOnly) membersTermsOnly++;
            if (!supportedBy(side, k, all(otherSide, theirs))) {
              membersUnsupported++;
              if (termsOnly) membersTermsOnlyUnsupported++;
            }
          }
        if (mine.length === 1 && theirs.length === 0 && own(side, mine[0] as number).length > 0)
          for (const nb of [d.beads[q - 1], d.beads[q + 1]]) {
            if (!nb || nb[otherSide].length === 0) continue;
            skips++;
            const termsOnly = own(side, mine[0] as number).every((v) => feats.kinds[v] === KIND_TERM);
            if (termsOnly) skipsTermsOnly++;
            if (!supportedBy(side, mine[0] as number, all(otherSide, nb[otherSide]))) {
              skipsUnsupported++;
              if (termsOnly) skipsTermsOnlyUnsupported++;
            }
          }
      }
    });
  }
  const pMember = (membersUnsupported + 1) / (members + 2);
  const pSkip = (skipsUnsupported + 1) / (skips + 2);
  console.log(
    `unsupported members: ${membersUnsupported} of ${members} gold bead members with anchors of their own; ${skipsUnsupported} of ${skips} skipped sentences beside a neighbour; log-odds ${Math.log(pSkip / pMember).toFixed(2)} (in use ${ALIGN_MODEL.unsupportedMember})`,
  );
  const pMemberTerms = (membersTermsOnlyUnsupported + 1) / (membersTermsOnly + 2);
  const pSkipTerms = (skipsTermsOnlyUnsupported + 1) / (skipsTermsOnly + 2);
  console.log(
    `  of them with glossary terms as their only own anchors: members ${membersTermsOnlyUnsupported} of ${membersTermsOnly}; skipped ${skipsTermsOnlyUnsupported} of ${skipsTermsOnly}; log-odds ${Math.log(pSkipTerms / pMemberTerms).toFixed(2)}`,
  );
}

// Naive-Bayes log-likelihood ratios from these counts (add-one smoothing): reward = log P(shared | right
// bead) / P(shared | next bead), penalty = log P(not shared | next bead) / P(not shared | right bead).
const nb = shared.map((s) => {
  const pTrue = (s.arHit + 1) / (s.ar + 2);
  const pFalse = (s.arShiftHit + 1) / (s.ar + 2);
  return { reward: Math.log(pTrue / pFalse), penalty: Math.log((1 - pFalse) / (1 - pTrue)) };
});
console.log(
  "naive-Bayes reward / penalty per kind:",
  nb.map((x, k) => `${kindNames[k]} ${x.reward.toFixed(2)}/${x.penalty.toFixed(2)}`).join(", "),
);
if (process.argv.includes("--nb")) {
  const scale = Number(process.env.NB_SCALE ?? 1);
  const model = {
    ...ALIGN_MODEL,
    matchReward: nb.map((x, k) => (k === 6 ? (ALIGN_MODEL.matchReward[6] as number) : x.reward * scale)),
    arMissPenalty: nb.map((x, k) => (k === 6 ? (ALIGN_MODEL.arMissPenalty[6] as number) : x.penalty * scale)),
    enMissPenalty: nb.map((x, k) =>
      k === 6 ? (ALIGN_MODEL.enMissPenalty[6] as number) : k === 2 ? 0 : x.penalty * scale,
    ),
  };
  const r = evaluate(model);
  console.log(
    `naive-Bayes anchors ×${scale}: gold F1 ${f(r.gold.f1)}  no paragraphs ${f(r.noParagraphs.f1)}  end to end ${f(r.e2e.f1)}`,
  );
}

// Calibration: the temperature that minimises the log-loss of bead correctness.
function logLoss(items: { score: number; right: boolean }[]): number {
  let sum = 0;
  for (const x of items) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, x.score));
    sum -= x.right ? Math.log(p) : Math.log(1 - p);
  }
  return sum / items.length;
}
console.log("\ntemperature | log-loss | ≥0.9: beads right share | 0.5–0.9 | <0.5");
for (const temperature of [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2]) {
  const r = evaluate({ ...ALIGN_MODEL, temperature });
  const band = (lo: number, hi: number) => {
    const xs = r.scored.filter((x) => x.score >= lo && x.score < hi);
    return `${xs.length} ${xs.filter((x) => x.right).length} ${f(xs.filter((x) => x.right).length / Math.max(1, xs.length))}`;
  };
  console.log(
    `  ${String(temperature).padEnd(5)} ${f(logLoss(r.scored))}   ${band(0.9, 2)} | ${band(0.5, 0.9)} | ${band(0, 0.5)}`,
  );
}

if (process.argv.includes("--grid")) {
  console.log("\nstraddle mismatch skipPrior | gold noPara e2e");
  for (const straddle of [1, 2, 3, 4, 6])
    for (const mismatch of [1, 2, 3, 4, 6, 9])
      for (const skip of [0.005, 0.01, 0.02]) {
        const priors = [...ALIGN_MODEL.priors];
        priors[1] = skip;
        priors[2] = skip;
        const r = evaluate({
          ...ALIGN_MODEL,
          straddlePenalty: straddle,
          paragraphMismatch: mismatch,
          skipParagraphMismatch: Math.min(mismatch, ALIGN_MODEL.skipParagraphMismatch),
          priors,
        });
        console.log(
          `  ${straddle} ${mismatch} ${skip} | ${f(r.gold.f1)} ${f(r.noParagraphs.f1)} ${f(r.e2e.f1)}`,
        );
      }
}
