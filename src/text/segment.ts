// Segmentation of the working text into sentences and clauses.
// Sentences end at 。！？!?；; and line breaks (but for a line ending in a comma), except inside brackets, where a breakdown
// such as (其中:因病住院补偿…;日间病房101.54万元) stays with the figure it breaks down.
// One pass, bracket depth bounded (unbalanced brackets in messy text reset at a line break).

export interface Span {
  start: number;
  end: number;
}

// Character classes by UTF-16 code unit (no one-character strings are made per position).
const SENTENCE_END = 1;
const OPEN = 2;
const CLOSE = 4;
const CLAUSE = 8;
const KIND = new Uint8Array(0x10000);
const mark = (chars: string, bit: number): void => {
  for (const ch of chars) KIND[ch.charCodeAt(0)]! |= bit;
};
mark('。！？!?；;', SENTENCE_END);
mark('(（[【〔', OPEN);
mark(')）]】〕', CLOSE);
/** Characters that end a clause: a cue on one side does not reach a figure on the other. */
mark(',，;；。()（）\n！？!?【】\t', CLAUSE); // a tab left by normalize.ts is a table cell boundary
const MAX_DEPTH = 3;
const CONTINUES = new Set([0x2c /* , */, 0xff0c /* ， */, 0x3001 /* 、 */]);
const NEWLINE = 0x0a;

export interface Segmentation {
  sentences: Span[];
  /** Every position of a clause-break character (isClauseBreak), in order. */
  clauseBreaks: number[];
}

/** Sentences and clause breaks in one pass. */
export function segmentText(text: string): Segmentation {
  const out: Span[] = [];
  const clauseBreaks: number[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = KIND[c]!;
    if (kind === 0) continue;
    if (kind & CLAUSE) clauseBreaks.push(i);
    if (kind & OPEN) depth = Math.min(depth + 1, MAX_DEPTH);
    else if (kind & CLOSE) depth = Math.max(depth - 1, 0);
    // A line that ends in a comma (，,、) goes on on the next line: a wrapped sentence, not two.
    const lineBreak = c === NEWLINE && !(i > 0 && CONTINUES.has(text.charCodeAt(i - 1)));
    if (lineBreak || (depth === 0 && kind & SENTENCE_END)) {
      if (lineBreak) depth = 0;
      const end = lineBreak ? i : i + 1;
      if (end > start) out.push({ start, end });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return { sentences: out, clauseBreaks };
}

export function isClauseBreak(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && (KIND[ch.charCodeAt(0)]! & CLAUSE) !== 0;
}
