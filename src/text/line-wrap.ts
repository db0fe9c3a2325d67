/**
 * Hard-wrapped text — a PDF or e-mail copy broken at a fixed width — and which of its line breaks are
 * soft: they stand for a space inside running text, while the others end a line for a reason (a headline,
 * a list item, a table row, the end of a paragraph). Sentence segmentation and paragraph numbering read
 * soft breaks as spaces (docs/quality.md, evaluation set 2, sentence rule 2).
 *
 * A greedy wrapper at width W breaks a line only where the next word would not fit:
 * len(line) + 1 + len(next word) > W. A break where the next word would have fitted was made on purpose.
 * W is estimated as the longest line of prose. A text counts as wrapped only if W is a plausible column
 * width, most of its breaks inside blocks look like wraps, and enough of those fall inside a sentence —
 * by the words around them (a line ending in "of the" / "في" / a comma, a next line starting in lower
 * case or with "من") or because the run of lines they join ends a sentence — so that documents of one
 * line per paragraph, transcripts, addresses, lists and runs of headlines of similar length keep every
 * line break.
 *
 * A copy broken at varying widths (or a line broken by hand) fails the width test; there a break is soft
 * by the words around it alone — a lower-case next line, a line ending in a word that takes a complement,
 * a next line starting with the one-word end of a sentence — and, in a run of lines with such a break,
 * the other breaks after lines that end no sentence (joinedInsideSentences, ragged). The decision is
 * the same in both languages: a headline, dateline, vocative, list item or table row keeps its line
 * break; a line of running text does not.
 */

/** Narrowest and widest plausible wrapping widths, in characters. */
const MIN_WIDTH = 30;
const MAX_WIDTH = 160;
/** A wrapped text has at least this many wraps, and they are at least this share of in-block breaks. */
const MIN_WRAPS = 2;
const MIN_WRAP_SHARE = 0.5;
/** Share of the wraps that must show, by the words around them, that they fall inside a sentence. */
const MIN_INSIDE_SHARE = 0.2;

// Words that neither end a sentence nor a headline: a line that ends with one, or a line that starts
// with one, continues the sentence above. Arabic with hamza folded to ا.
const FUNCTION_WORDS = new Set(
  (
    "a an the of to in on at by for from with as and or but nor that which who whose whom its their his " +
    "her our your is are was were be been has have had will would shall should can could may might must " +
    "not than this these those into onto upon about between among during within without under over " +
    "through per such both either each every some any all more most very also only " +
    "في على من الى الي عن مع ان ام او و ثم التي الذي الذين اللذين اللتين حتى منذ خلال لدى عبر بعد قبل " +
    "نحو ضد حول ذات ذو كل بين هذا هذه ذلك تلك ما لا لم لن قد كما بل اي غير دون عند لكن لكي كي اذا"
  ).split(" "),
);

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 || c === 0x85;
}

function isBlankChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x200f || c === 0x200e || c === 0xfeff;
}

interface Line {
  /** Offset of the line's first character and of its line break (text.length for the last line). */
  start: number;
  end: number;
  /** Characters without trailing blanks, counting a surrogate pair once. */
  width: number;
  blank: boolean;
  /** A table row (cells separated by tabs). */
  table: boolean;
  /** Width of the first word. */
  firstWord: number;
  /** Starts with a bullet, a list number, a Roman numeral or a Q&A label. */
  marker: boolean;
}

function isDigitChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
}

const BULLETS = new Set([0x2022, 0x25aa, 0x25e6, 0x2023, 0x2043, 0xb7, 0x2d, 0x2a, 0x2013, 0x25cf, 0x25a0]);
const QA_LABELS = new Set(["س", "ج", "Q", "A", "س.", "ج."]);

/** Whether the line starting at `from` opens with a list marker or a label: "• ", "1. ", "١- ", "II. ", "س: ". */
function startsWithMarker(text: string, from: number, end: number): boolean {
  const c = text.charCodeAt(from);
  if (BULLETS.has(c)) return from + 1 < end && isBlankChar(text.charCodeAt(from + 1));
  let k = from;
  if (isDigitChar(c)) {
    while (k < end && k - from < 3 && isDigitChar(text.charCodeAt(k))) k++;
  } else {
    while (k < end && k - from < 4 && "IVXivx".includes(text[k] as string)) k++;
    if (k === from) {
      // A Q&A label: one word before a colon.
      const colon =
        text.charCodeAt(from + 1) === 0x3a ? from + 1 : text.charCodeAt(from + 2) === 0x3a ? from + 2 : -1;
      return colon > 0 && QA_LABELS.has(text.slice(from, colon));
    }
  }
  const p = text.charCodeAt(k);
  const isPunct = p === 0x2e || p === 0x2d || p === 0x29 || p === 0x3a;
  return isPunct && k + 1 < end && isBlankChar(text.charCodeAt(k + 1));
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let start = 0;
  while (start <= n) {
    let end = start;
    let width = 0;
    let lastNonBlank = 0;
    let firstWord = -1;
    let table = false;
    let seenText = false;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (isLineBreak(c)) break;
      if (c >= 0xdc00 && c <= 0xdfff) continue; // low surrogate: counted with its pair
      width++;
      if (c === 0x09) table = true;
      if (isBlankChar(c)) {
        if (seenText && firstWord < 0) firstWord = width - 1;
      } else {
        seenText = true;
        lastNonBlank = width;
      }
    }
    const blank = !seenText;
    lines.push({
      start,
      end,
      width: lastNonBlank,
      blank,
      table,
      firstWord: firstWord < 0 ? lastNonBlank : firstWord,
      marker: !blank && startsWithMarker(text, start, end),
    });
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  return lines;
}

/**
 * Offsets of the soft line breaks of `text`, ascending (the offset of the break's first character; a
 * CRLF counts as one break). Empty unless the text, or a passage of it, is hard-wrapped.
 *
 * The whole text is judged first (one width for all its lines). A text that is not wrapped as a whole may
 * still hold a wrapped passage — an e-mail or PDF copy pasted between paragraphs typed one per line — so
 * then each run of lines between blank lines and lines too long to be wrapped is judged on its own, by the
 * same tests and its own width.
 */
export function softLineBreaks(text: string): number[] {
  // Few texts have line breaks at all; most have too few to be wrapped.
  let breaks = 0;
  for (let k = 0; k < text.length && breaks < 3; k++) if (isLineBreak(text.charCodeAt(k))) breaks++;
  if (breaks === 0) return [];
  const lines = readLines(text);
  const wraps = breaks < 3 ? [] : wrappedBreaks(text, lines);
  const joins = joinedInsideSentences(text, lines, new Set(wraps));
  if (joins.length === 0) return wraps;
  if (wraps.length === 0) return joins;
  return [...new Set([...wraps, ...joins])].sort((a, b) => a - b);
}

/** The wraps of a text wrapped at one width, or else of its wrapped passages. */
function wrappedBreaks(text: string, lines: readonly Line[]): number[] {
  const whole = wrapsIn(text, lines, 0, lines.length);
  if (whole.length > 0) return whole;
  const out: number[] = [];
  let from = 0;
  for (let k = 0; k <= lines.length; k++) {
    const line = lines[k];
    if (line && !line.blank && line.width <= MAX_WIDTH) continue;
    // A run needs MIN_WRAPS wraps, so MIN_WRAPS + 1 lines.
    if (k - from > MIN_WRAPS) out.push(...wrapsIn(text, lines, from, k));
    from = k + 1;
  }
  return out;
}

/** The wraps of lines [from, to) judged as one text (see the module comment), or none. */
function wrapsIn(text: string, lines: readonly Line[], from: number, to: number): number[] {
  let width = 0;
  for (let k = from; k + 1 < to; k++) {
    const line = lines[k] as Line;
    const next = lines[k + 1] as Line;
    if (!line.blank && !line.table && !next.blank && line.width > width) width = line.width;
  }
  if (width < MIN_WIDTH || width > MAX_WIDTH) return [];
  const wraps: number[] = [];
  let inBlock = 0;
  for (let k = from; k + 1 < to; k++) {
    const line = lines[k] as Line;
    const next = lines[k + 1] as Line;
    if (line.blank || next.blank || line.table || next.table || next.marker) continue;
    inBlock++;
    if (line.width + 1 + next.firstWord > width) wraps.push(line.end);
  }
  if (wraps.length < MIN_WRAPS || wraps.length < MIN_WRAP_SHARE * inBlock) return [];
  // Runs of lines joined by wraps: a run whose last line ends a sentence is prose, not a list of headlines.
  const wrapSet = new Set(wraps);
  let inside = 0;
  let runWraps = 0;
  let runEvidence = 0;
  for (let k = from; k < to; k++) {
    const line = lines[k] as Line;
    if (wrapSet.has(line.end)) {
      runWraps++;
      if (continuesSentence(text, line.end)) runEvidence++;
      continue;
    }
    if (runWraps > 0) inside += endsSentence(text, line.end) ? runWraps : runEvidence;
    runWraps = 0;
    runEvidence = 0;
  }
  return inside >= Math.max(1, MIN_INSIDE_SHARE * wraps.length) ? wraps : [];
}

/** Whether the line ending at `end` ends with a sentence terminator (closing quotes and brackets aside). */
function endsSentence(text: string, end: number): boolean {
  let e = end;
  while (e > 0 && isBlankChar(text.charCodeAt(e - 1))) e--;
  while (e > 0 && "\"'»”’)]".includes(text[e - 1] as string)) e--;
  const c = text.charCodeAt(e - 1);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x061f || c === 0x2026 || c === 0x3a;
}

function foldWord(w: string): string {
  return w
    .toLowerCase()
    .replace(/[\u0622\u0623\u0625]/g, "ا")
    .replace(/[\u0640\u064B-\u065F]/g, "");
}

/** Whether the words around the line break at `at` show that it falls inside a sentence. */
function continuesSentence(text: string, at: number): boolean {
  let e = at;
  while (e > 0 && isBlankChar(text.charCodeAt(e - 1))) e--;
  const last = text.charCodeAt(e - 1);
  // A comma, a semicolon, a hyphen or an opening bracket at the end of the line.
  if (last === 0x2c || last === 0x060c || last === 0x3b || last === 0x2d || last === 0x28) return true;
  let b = e;
  while (b > 0 && !isBlankChar(text.charCodeAt(b - 1)) && !isLineBreak(text.charCodeAt(b - 1))) b--;
  if (FUNCTION_WORDS.has(foldWord(text.slice(b, e)))) return true;
  let s = at + 1;
  while (s < text.length && (isLineBreak(text.charCodeAt(s)) || isBlankChar(text.charCodeAt(s)))) s++;
  const first = text.charCodeAt(s);
  if (first >= 0x61 && first <= 0x7a) return true; // a lower-case word
  let f = s;
  while (f < text.length && !isBlankChar(text.charCodeAt(f)) && !isLineBreak(text.charCodeAt(f))) f++;
  return FUNCTION_WORDS.has(foldWord(text.slice(s, f)));
}

// Words that take a complement, so that neither a sentence nor a headline ends with them: English articles
// and a few prepositions and conjunctions; Arabic prepositions, particles, relative pronouns and nouns
// used as prepositions (مقابل، تجاه، وفق). Hamza folded to ا. Narrower than FUNCTION_WORDS, which also
// holds words that end headlines ("What we stand for", "Who we are", "ماذا بعد").
const BINDING_WORDS = new Set(
  (
    "a an the of and or nor than per via into onto " +
    "في على من الى الي عن مع ان او ام ثم التي الذي الذين اللذين اللتين اللواتي منذ لدى عبر نحو ضد حول " +
    "بين لم لن قد بل اي دون عند لكن لكي كي اذا مقابل تجاه ازاء وفق وفقا جراء بسبب رغم عقب اثر سوى الا"
  ).split(" "),
);

/**
 * Line breaks that fall inside a sentence by the words around them alone, wrapped text or not (a PDF copy
 * broken at varying widths, one line broken by hand): the line does not end a sentence (no final
 * punctuation, colon or semicolon) and is no vocative (`Mr. President,`, a comma after at most four
 * words), the next line is no table row or list item, and
 * - the next line starts with a lower-case letter (`up 20 per⏎cent`), or
 * - the line ends with a word that takes a complement (`of`, `the`, `في`, `مقابل`: BINDING_WORDS), or
 * - the next line starts with the end of a sentence one word long (`البلدان⏎نمواً. وحصلت`,
 *   `المبلغ⏎الإجمالي.`): hardly a sentence on its own, so it ends the one above.
 * Headlines, datelines, addresses and table rows have none of these.
 */
function joinedInsideSentences(text: string, lines: readonly Line[], wraps: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const line = lines[k] as Line;
    const next = lines[k + 1] as Line;
    if (next.blank || wraps.has(line.end) || !joinable(text, line, next)) continue;
    const first = firstNonBlank(text, next.start, next.end);
    const c = text.charCodeAt(first);
    if (
      (c >= 0x61 && c <= 0x7a) ||
      endsWithBindingWord(text, line) ||
      startsWithSentenceTail(text, first, next.end)
    )
      out.push(line.end);
  }
  if (out.length === 0) return out;
  // Runs of lines between blank lines and lines too long to be wrapped (as in softLineBreaks): one that
  // holds such a join and that the width test did not find wrapped is a copy wrapped at varying widths.
  const joined = new Set(out);
  let from = 0;
  let evidence = false;
  let wrapped = false;
  for (let k = 0; k <= lines.length; k++) {
    const line = lines[k];
    if (line && !line.blank && line.width <= MAX_WIDTH) {
      if (joined.has(line.end)) evidence = true;
      if (wraps.has(line.end)) wrapped = true;
      continue;
    }
    if (evidence && !wrapped) out.push(...ragged(text, lines, from, k, joined));
    from = k + 1;
    evidence = false;
    wrapped = false;
  }
  return out.sort((a, b) => a - b);
}

/** Whether the break between `line` and `next` may be read as a space at all. */
function joinable(text: string, line: Line, next: Line): boolean {
  if (line.blank || line.table || next.table || next.marker) return false;
  return !endsClause(text, line.end) && !isVocative(text, line);
}

/**
 * The further soft breaks of a block of lines [from, to) where some line breaks were shown to fall inside
 * a sentence (`joined`): a copy wrapped at varying widths, whose other breaks after a line that ends no
 * sentence are spaces too — except after a line shorter than half the run's widest (a short headline or
 * subheading), after its first line unless that is three quarters as wide (a headline on top of the
 * passage), and, in English, before an upper-case word (a new sentence after a headline; English shows
 * its wraps by lower case). Arabic, without letter case, needs this.
 */
function ragged(
  text: string,
  lines: readonly Line[],
  from: number,
  to: number,
  joined: ReadonlySet<number>,
): number[] {
  let widest = 0;
  for (let k = from; k < to; k++) widest = Math.max(widest, (lines[k] as Line).width);
  const out: number[] = [];
  // The first line may be a headline on top of the passage.
  for (let k = from; k + 1 < to; k++) {
    const line = lines[k] as Line;
    const next = lines[k + 1] as Line;
    // The run's first line may be a headline on top of the passage: it must be nearly as wide as the widest.
    const least = k === from ? 0.75 * widest : 0.5 * widest;
    if (joined.has(line.end) || !joinable(text, line, next) || line.width < least) continue;
    const c = text.charCodeAt(firstNonBlank(text, next.start, next.end));
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde)) continue;
    out.push(line.end);
  }
  return out;
}

/** Whether the line ending at `end` ends a sentence or a clause that a line break may follow (: ;). */
function endsClause(text: string, end: number): boolean {
  let e = end;
  while (e > 0 && isBlankChar(text.charCodeAt(e - 1))) e--;
  const c = text.charCodeAt(e - 1);
  return endsSentence(text, end) || c === 0x3b || c === 0x061b;
}

/** A short line ending in a comma: `Mr. President,`, `السيدات والسادة،`. */
function isVocative(text: string, line: Line): boolean {
  let e = line.end;
  while (e > line.start && isBlankChar(text.charCodeAt(e - 1))) e--;
  const c = text.charCodeAt(e - 1);
  if (c !== 0x2c && c !== 0x060c) return false;
  let words = 1;
  for (let p = line.start; p < e; p++) if (isBlankChar(text.charCodeAt(p))) words++;
  return words <= 4;
}

function firstNonBlank(text: string, from: number, to: number): number {
  let p = from;
  while (p < to && isBlankChar(text.charCodeAt(p))) p++;
  return p;
}

/** Whether the line's last word is one of BINDING_WORDS (at most 7 letters, harakat aside). */
function endsWithBindingWord(text: string, line: Line): boolean {
  let e = line.end;
  while (e > line.start && isBlankChar(text.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > line.start && e - b <= 12 && !isBlankChar(text.charCodeAt(b - 1))) b--;
  if (e - b > 12 || (b > line.start && !isBlankChar(text.charCodeAt(b - 1)))) return false;
  return BINDING_WORDS.has(foldWord(text.slice(b, e)));
}

/**
 * Whether the line from `from` starts with a word ending in . ! ? ؟ and followed by a space or the line's
 * end: `نمواً. وحصلت`, `February.`, `2027.`. The word has three letters or digits at least and no inner
 * period, so that abbreviations (`Dr.`, `U.N.`, `م.`) do not count. One word only: two-word sentences
 * exist (`Thank you.`, `انتهى البيان.`).
 */
function startsWithSentenceTail(text: string, from: number, end: number): boolean {
  let chars = 0;
  let q = from;
  for (; q < end && !isBlankChar(text.charCodeAt(q)); q++) {
    const c = text.charCodeAt(q);
    if (c === 0x2e && q + 1 < end && !isBlankChar(text.charCodeAt(q + 1))) return false; // U.N.
    if (isWordChar(c)) chars++;
  }
  const last = text.charCodeAt(q - 1);
  return chars >= 3 && (last === 0x2e || last === 0x21 || last === 0x3f || last === 0x061f);
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x0621 && c <= 0x064a) ||
    (c >= 0xc0 && c <= 0x24f) ||
    isDigitChar(c)
  );
}
