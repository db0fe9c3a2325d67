// A memory and a document to pre-translate, drawn from the benchmark's synthetic diplomatic corpus
// (bench/lib/tm-corpus.ts): near-duplicates abound and most words are frequent, as in a ministry's memory.
// The document's sentences are by thirds stored pairs, near-duplicates of them and new sentences.
import { Corpus, type Generated } from "../../bench/lib/tm-corpus";
import { escapeXmlText } from "../../src/formats/xml-escape";

export interface TmFixture {
  /** The memory as a TMX 1.4 document (for POST /api/tm/import). */
  tmx: string;
  /** The document's Arabic sentences (for POST /api/documents). */
  segments: { ar: string }[];
}

/**
 * `pairs` memory pairs (30% of them near-duplicates of earlier ones) and `segments` sentences to translate.
 * `tag`, when given, is appended to every sentence of both, so that nothing else in a shared database
 * comes close to them.
 */
export function tmFixture(seed: number, pairs: number, segments: number, tag = ""): TmFixture {
  const corpus = new Corpus(seed);
  const memory: Generated[] = [];
  for (let k = 0; k < pairs; k++) {
    const earlier = memory[Math.floor(corpus.rnd() * memory.length)];
    memory.push(
      k > 100 && earlier && corpus.rnd() < 0.3
        ? corpus.variant(earlier, 1 + Math.floor(corpus.rnd() * 2))
        : corpus.sentence(),
    );
  }
  const tagged = (s: string) => (tag ? `${s} ${tag}` : s);
  const tus = memory.map(
    ({ pair: [ar, en] }) =>
      `<tu><tuv xml:lang="ar"><seg>${escapeXmlText(tagged(ar))}</seg></tuv>` +
      `<tuv xml:lang="en"><seg>${escapeXmlText(tagged(en))}</seg></tuv></tu>`,
  );
  const tmx =
    `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ar" creationtool="diwan-test" ` +
    `creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" datatype="plaintext"/>` +
    `<body>\n${tus.join("\n")}\n</body></tmx>\n`;
  const doc: { ar: string }[] = [];
  for (let k = 0; k < segments; k++) {
    const g = memory[Math.floor(corpus.rnd() * memory.length)] as Generated;
    const ar =
      k % 3 === 0 ? g.pair[0] : k % 3 === 1 ? corpus.variant(g, 1).pair[0] : corpus.sentence().pair[0];
    doc.push({ ar: tagged(ar) });
  }
  return { tmx, segments: doc };
}
