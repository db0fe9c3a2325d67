import { alignSentences, alignTexts } from "../../src/text/align";
import {
  beadRangeKey,
  beadTypeOf,
  boundaryErrors,
  compareByKey,
  type Prf,
  type Span,
} from "../../src/text/eval";
import { segmentSentences } from "../../src/text/segment";
import type { Lang } from "../../src/types";
import { classify } from "../fixtures/eval2/classes";
import type { GlossaryForms } from "../fixtures/eval2/glossary-forms";
import type { GoldDoc, GoldSide } from "../fixtures/eval2/index";
import { recognizedTerms, type SeedGlossary } from "../fixtures/glossary";

// Runs the engine on one document of evaluation set 2 and compares it with the gold
// (docs/quality.md, "Evaluation set 2"). Used by test/text/quality-eval2.test.ts.

export const LANGS: Lang[] = ["ar", "en"];

/** One wrong or missed item, with the class that groups it in the error list. */
export interface EvalError {
  task: "segmentation" | "alignment (gold sentences)" | "alignment (end to end)" | "terms";
  lang?: Lang;
  cls: string;
  detail: string;
}

export interface ScoredBead {
  score: number;
  right: boolean;
}

export interface GoldTermScore {
  classes: string[];
  found: boolean;
}

export interface DocScores {
  doc: GoldDoc;
  segmentation: Record<Lang, Prf>;
  alignGold: Prf;
  alignGoldNoParagraphs: Prf;
  alignEndToEnd: Prf;
  /** Confidence and correctness of every bead the aligner proposed on gold sentences / end to end. */
  beadsGold: ScoredBead[];
  beadsEndToEnd: ScoredBead[];
  /** Gold beads by type, and whether the aligner found each (gold sentences). */
  goldBeadTypes: { type: string; found: boolean }[];
  terms: Record<Lang, Prf>;
  goldTerms: Record<Lang, GoldTermScore[]>;
  errors: EvalError[];
}

const excerpt = (text: string, at: number, before = 30, after = 30) =>
  JSON.stringify(`${text.slice(Math.max(0, at - before), at)}⟂${text.slice(at, at + after)}`);

function scoreSegmentation(side: GoldSide, lang: Lang, errors: EvalError[]): Prf {
  const predicted = segmentSentences(side.text, lang).map((s) => ({ start: s.start, end: s.end }));
  const cmp = compareByKey(predicted, side.sentences, (s) => `${s.start}-${s.end}`);
  for (const e of boundaryErrors(side.text, side.sentences, predicted))
    errors.push({
      task: "segmentation",
      lang,
      cls: `${e.kind} boundary: ${e.context}`,
      detail: excerpt(side.text, e.gap.start).replace(/\n/g, "⏎"),
    });
  return cmp.score;
}

const beadKey = (b: { ar: readonly number[]; en: readonly number[] }) =>
  `${b.ar.join(",")}:${b.en.join(",")}`;

export function scoreTerms(
  side: GoldSide,
  lang: Lang,
  glossary: SeedGlossary,
  forms: GlossaryForms,
  errors: EvalError[],
): { score: Prf; gold: GoldTermScore[] } {
  const found = recognizedTerms(glossary, side.text, lang);
  const key = (x: Span & { key: string }) => `${x.start}-${x.end}:${x.key}`;
  const cmp = compareByKey(found, side.terms, key);
  const missed = new Set(cmp.falseNegatives);
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const gold = side.terms.map((t) => {
    const f = forms.get(t.key);
    const classes = f ? classify(t.surface, lang, f[lang], t.tags).classes : ["unknown key"];
    return { classes, found: !missed.has(t) };
  });
  side.terms.forEach((t, k) => {
    if (!missed.has(t)) return;
    const other = found.find((x) => overlaps(x, t));
    const how = other ? ` (found ${JSON.stringify(other.surface)} as ${other.key})` : "";
    const classes = (gold[k] as GoldTermScore).classes.join("+");
    errors.push({
      task: "terms",
      lang,
      cls: `missed: ${classes}`,
      detail: `${t.key} ${JSON.stringify(t.surface)}${how}`,
    });
  });
  for (const x of cmp.falsePositives) {
    const trap = side.traps.find((t) => overlaps(t, x));
    const goldHere = side.terms.find((t) => overlaps(t, x));
    const cls = trap
      ? `false hit: ${trap.kind}`
      : goldHere
        ? goldHere.start === x.start && goldHere.end === x.end
          ? "false hit: wrong entry"
          : "false hit: span differs from gold"
        : "false hit: unmarked";
    errors.push({ task: "terms", lang, cls, detail: `${x.key} ${JSON.stringify(x.surface)}` });
  }
  return { score: cmp.score, gold };
}

export function scoreDoc(doc: GoldDoc, glossary: SeedGlossary, forms: GlossaryForms): DocScores {
  const errors: EvalError[] = [];
  const segmentation = {
    ar: scoreSegmentation(doc.ar, "ar", errors),
    en: scoreSegmentation(doc.en, "en", errors),
  };

  // Alignment of the gold sentences, with the gold paragraphs (and without, for comparison).
  const goldKeys = new Set(doc.beads.map(beadKey));
  const onGold = alignSentences(doc.ar.plain, doc.en.plain, {
    matcher: glossary.matcher,
    paragraphs: { ar: doc.ar.paragraphs, en: doc.en.paragraphs },
  });
  const alignCmp = compareByKey(onGold, doc.beads, beadKey);
  const foundKeys = new Set(onGold.map(beadKey));
  for (const b of alignCmp.falseNegatives) {
    const by = onGold.filter((p) => p.ar.some((i) => b.ar.includes(i)) || p.en.some((j) => b.en.includes(j)));
    errors.push({
      task: "alignment (gold sentences)",
      cls: `missed ${beadTypeOf(b)} bead`,
      detail: `${doc.id} gold ${beadKey(b)} → ${by.map((p) => `${beadKey(p)} (${p.score.toFixed(2)})`).join(" ")}`,
    });
  }
  const noParagraphs = alignSentences(doc.ar.plain, doc.en.plain, { matcher: glossary.matcher });

  // End to end: the texts as a caller passes them; beads compared as the character ranges they cover.
  const e2e = alignTexts(doc.ar.text, doc.en.text, { matcher: glossary.matcher });
  const e2eKeys = e2e.beads.map((b) => beadRangeKey(e2e.ar, e2e.en, b));
  const goldRangeKeys = doc.beads.map((b) => beadRangeKey(doc.ar.sentences, doc.en.sentences, b));
  const e2eCmp = compareByKey(e2eKeys, goldRangeKeys, (k) => k);
  const goldRangeSet = new Set(goldRangeKeys);
  doc.beads.forEach((b, k) => {
    if (!e2eCmp.falseNegatives.includes(goldRangeKeys[k] as string)) return;
    errors.push({
      task: "alignment (end to end)",
      cls: `missed ${beadTypeOf(b)} bead`,
      detail: `${doc.id} gold ${beadKey(b)}`,
    });
  });

  const terms = {} as Record<Lang, Prf>;
  const goldTerms = {} as Record<Lang, GoldTermScore[]>;
  for (const lang of LANGS) {
    const t = scoreTerms(doc[lang], lang, glossary, forms, errors);
    terms[lang] = t.score;
    goldTerms[lang] = t.gold;
  }

  return {
    doc,
    segmentation,
    alignGold: alignCmp.score,
    alignGoldNoParagraphs: compareByKey(noParagraphs, doc.beads, beadKey).score,
    alignEndToEnd: e2eCmp.score,
    beadsGold: onGold.map((b) => ({ score: b.score, right: goldKeys.has(beadKey(b)) })),
    beadsEndToEnd: e2e.beads.map((b, k) => ({
      score: b.score,
      right: goldRangeSet.has(e2eKeys[k] as string),
    })),
    goldBeadTypes: doc.beads.map((b) => ({ type: beadTypeOf(b), found: foundKeys.has(beadKey(b)) })),
    terms,
    goldTerms,
    errors,
  };
}
