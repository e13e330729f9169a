// Segmentation of the working text into sentences and clauses.
// Sentences end at 。！？!?；; and line breaks, except inside brackets, where a breakdown
// such as (其中:因病住院补偿…;日间病房101.54万元) stays with the figure it breaks down.
// One pass, bracket depth bounded (unbalanced brackets in messy text reset at a line break).

export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';']);
const OPEN = new Set(['(', '（', '[', '【', '〔']);
const CLOSE = new Set([')', '）', ']', '】', '〕']);
const MAX_DEPTH = 3;

export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.has(ch)) depth = Math.min(depth + 1, MAX_DEPTH);
    else if (CLOSE.has(ch)) depth = Math.max(depth - 1, 0);
    const lineBreak = ch === '\n';
    if (lineBreak || (depth === 0 && SENTENCE_END.has(ch))) {
      if (lineBreak) depth = 0;
      const end = lineBreak ? i : i + 1;
      if (end > start) out.push({ start, end });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Characters that end a clause: a cue on one side does not reach a figure on the other. */
const CLAUSE_BREAK = new Set([',', '，', ';', '；', '。', '(', ')', '（', '）', '\n', '！', '？', '!', '?', '【', '】']);

export function isClauseBreak(ch: string | undefined): boolean {
  return ch !== undefined && CLAUSE_BREAK.has(ch);
}
