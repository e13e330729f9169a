// Normalization with an offset map back to the original text.
//
// original ─ script (OpenCC t→cn, length-preserving) ─ width folding (full-width → ASCII)
//          ─ whitespace (PDF/web line breaks and spaces removed where they split words or figures)
//          ─▶ working text, plus for every working code unit the original [start, end).
//
// Rules match against the working text; a working span [ws, we) maps back to
// original [starts[ws], ends[we - 1]), so `original.slice(start, end)` is always the
// evidence as the user's file wrote it, whatever conversion ran.
import type { Script } from '../schema.js';
import { toSimplified } from './script.js';

export interface NormalizedText {
  /** The text the rules see. */
  readonly text: string;
  /** starts[i] / ends[i]: the original span that working code unit i came from. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly script: Script;
  /** The original in simplified script, code unit for code unit (before width and whitespace folding). */
  readonly simplified: string;
}

/** Map a working span back to the original: returns [start, end). */
export function toOriginalSpan(n: NormalizedText, ws: number, we: number): [number, number] {
  if (we <= ws) throw new RangeError(`empty span ${ws}..${we}`);
  return [n.starts[ws]!, n.ends[we - 1]!];
}

// Full-width forms U+FF01–U+FF5E fold to ASCII U+0021–U+007E; a few look-alikes fold too.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  '\u3000': ' ',
  '﹪': '%',
  '﹐': ',',
  '﹒': '.',
  '﹔': ';',
  '﹕': ':',
  '﹙': '(',
  '﹚': ')',
  '－': '-',
  '‒': '-',
  '–': '-',
  '〜': '~',
  '∶': ':',
};

function foldWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return EXTRA_FOLDS[ch] ?? ch;
}

/** Whitespace for our purposes: ASCII and Unicode spaces, line breaks, zero-width characters. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c ||
    c === 0xa0 || c === 0x3000 || c === 0xfeff || c === 0xad || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f
  );
}

const isAsciiAlnum = (ch: string | undefined): boolean => ch !== undefined && /^[0-9A-Za-z]$/.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
/** After these a single line break is a real boundary, not a soft wrap. */
const HARD_BEFORE = new Set(['。', '！', '？', '!', '?', '；', ';', '|', '\n']);

/**
 * Normalize `original` for matching. Pure and linear: one pass for script conversion
 * (see script.ts), one pass for width and whitespace.
 */
export function normalizeText(original: string): NormalizedText {
  const { text: converted, script } = toSimplified(original);
  // `converted` has the same length as `original` code unit for code unit (script.ts guarantees it).
  const n = converted.length;
  const out: string[] = [];
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  let len = 0;
  const push = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      starts[len] = start;
      ends[len] = end;
      len++;
    }
  };
  let i = 0;
  while (i < n) {
    const c = converted.charCodeAt(i);
    if (!isSpace(c)) {
      // Keep surrogate pairs together so a pair maps to its own original span.
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
      const ch = wide ? converted.slice(i, i + 2) : converted[i]!;
      const folded = foldWidth(ch);
      if (folded === ' ') {
        // U+3000 ideographic space: whitespace after all.
      } else {
        push(folded, i, i + ch.length);
        i += ch.length;
        continue;
      }
    }
    // A run of whitespace: decide what (if anything) it leaves in the working text.
    const runStart = i;
    let newlines = 0;
    while (i < n) {
      const d = converted.charCodeAt(i);
      if (isSpace(d)) {
        if (d === 0x0a || d === 0x2028 || d === 0x2029) newlines++;
        i++;
      } else break;
    }
    const prev = len > 0 ? out[len - 1] : undefined;
    const next = i < n ? foldWidth(converted[i]!) : undefined;
    if (prev === undefined || next === undefined) continue; // leading/trailing whitespace
    let keep = '';
    if (newlines >= 2 || (newlines === 1 && HARD_BEFORE.has(prev)) || next === '|') {
      keep = '\n'; // paragraph break, or a line that ended a sentence or a table row
    } else if (isAsciiAlnum(prev) && isAsciiAlnum(next)) {
      keep = ' '; // "3214.6  3920.1" are two table cells, "Public domain" two words
    } else if (prev === ',' && isDigit(next) && isDigit(len > 1 ? out[len - 2] : undefined) && /^\d{3}(?!\d)/.test(converted.slice(i, i + 4))) {
      keep = ''; // "1,\n100": a thousands separator split by a wrap
    }
    if (keep) push(keep, runStart, i);
  }
  return { text: out.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len), script, simplified: converted };
}
