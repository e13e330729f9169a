// Normalization with an offset map back to the original text.
//
// original ─ script (OpenCC t→cn, length-preserving) ─ width folding (full-width → ASCII)
//          ─ whitespace (PDF/web line breaks and spaces removed where they split words or figures)
//          ─▶ working text, plus for every working code unit the original [start, end).
//
// Rules match against the working text; a working span [ws, we) maps back to original
// [originalStart(ws), originalEnd(we - 1)), so `original.slice(start, end)` is always the
// evidence as the user's file wrote it, whatever conversion ran.
import type { Script } from '../schema.js';
import { toSimplified } from './script.js';
import { codeUnits, unitsToString } from './units.js';

export interface NormalizedText {
  /** The text the rules see. */
  readonly text: string;
  /**
   * Where each working code unit came from, as triples (work index w, original index o, span).
   * An entry holds from its w to the next entry's (a later entry at the same w wins). Span 0: a
   * run of units each copied or folded from one original unit, working w + k from original
   * o + k; span > 0: the one working unit w, from original [o, o + span) (a whitespace run kept
   * as one unit, an HTML entity, half of a surrogate pair). Most units are copied one for one, so
   * a text has about one entry per line: no per-unit array (a 20 MB file has 7 M units).
   */
  readonly spans: Int32Array;
  readonly script: Script;
  /** The original in simplified script, code unit for code unit (before width and whitespace folding). */
  readonly simplified: string;
}

/** The entry of `spans` that holds working unit i: the last one whose w is at most i. */
function spanEntry(spans: Int32Array, i: number): number {
  let a = 0;
  let b = spans.length / 3;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (spans[m * 3]! <= i) a = m + 1;
    else b = m;
  }
  return (a - 1) * 3;
}

/** Where the original span of working code unit i starts. */
export function originalStart(n: NormalizedText, i: number): number {
  const e = spanEntry(n.spans, i);
  return n.spans[e + 2] === 0 ? n.spans[e + 1]! + (i - n.spans[e]!) : n.spans[e + 1]!;
}

/** Where the original span of working code unit i ends. */
export function originalEnd(n: NormalizedText, i: number): number {
  const e = spanEntry(n.spans, i);
  const span = n.spans[e + 2]!;
  return span === 0 ? n.spans[e + 1]! + (i - n.spans[e]!) + 1 : n.spans[e + 1]! + span;
}

/** Triples of Int32 that grow by doubling (the entries of NormalizedText.spans). */
class SpanList {
  private items = new Int32Array(3 * 64);
  private length = 0;
  push(w: number, o: number, span: number): void {
    if (this.length + 3 > this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length] = w;
    this.items[this.length + 1] = o;
    this.items[this.length + 2] = span;
    this.length += 3;
  }
  done(): Int32Array {
    return this.items.slice(0, this.length);
  }
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

// What the normalization loop does with each code unit, in one table lookup (most units: copy),
// and, for FOLDED, the unit it folds to. Built from the few units that are not COPY (start-up
// time: no 64k-step loop).
const COPY = 0;
const FOLDED = 1;
const SPACE = 2;
const HIGH_SURROGATE = 3;
/** '&': maybe an HTML entity left by a copied web page (&nbsp; is a space, &ldquo; a quote). */
const AMPERSAND = 4;
const UNIT_CLASS = new Uint8Array(0x10000);
/** Folded code unit for each FOLDED code unit. */
const FOLD = new Uint16Array(0x10000);
for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
for (const [from, to] of Object.entries(EXTRA_FOLDS)) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
UNIT_CLASS.fill(FOLDED, 0xff01, 0xff5f);
for (const from of Object.keys(EXTRA_FOLDS)) UNIT_CLASS[from.charCodeAt(0)] = FOLDED;
UNIT_CLASS.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
UNIT_CLASS[0x26] = AMPERSAND;

/** HTML entities of copied web pages: the spaces among them are whitespace, the others one character. */
const SPACE_ENTITIES = ['&nbsp;', '&ensp;', '&emsp;', '&thinsp;', '&#160;', '&#12288;'] as const;
const CHAR_ENTITIES: readonly (readonly [string, number])[] = [
  ['&ldquo;', 0x201c], ['&rdquo;', 0x201d], ['&lsquo;', 0x2018], ['&rsquo;', 0x2019], ['&mdash;', 0x2014],
  ['&ndash;', 0x2d], ['&middot;', 0xb7], ['&hellip;', 0x2026], ['&quot;', 0x22], ['&amp;', 0x26], ['&lt;', 0x3c], ['&gt;', 0x3e],
];

/** The length of the whitespace entity at i, or 0. */
function spaceEntityAt(text: string, i: number): number {
  for (const e of SPACE_ENTITIES) if (text.startsWith(e, i)) return e.length;
  return 0;
}
// Whitespace for our purposes: ASCII and Unicode spaces, line breaks, zero-width characters (set
// last: U+3000 folds to a space, and is a space).
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0xad, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) UNIT_CLASS[c] = SPACE;
UNIT_CLASS.fill(SPACE, 0x2000, 0x200e);

const isSpace = (c: number): boolean => UNIT_CLASS[c] === SPACE;

const isAsciiAlnumCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** After these a single line break is a real boundary, not a soft wrap. */
const HARD_BEFORE = new Set(['。', '！', '？', '!', '?', '；', ';', '|', '\n'].map((ch) => ch.charCodeAt(0)));
const NONE = -1;
/** A line at least this long that breaks inside a figure is wrapped prose, not a table row. */
const WRAPPED_LINE = 24;

/**
 * Normalize `original` for matching. Pure and linear: one pass for script conversion
 * (see script.ts), one pass for width and whitespace over the code units of the converted text,
 * rewritten in place: a unit folds where it stands, and what follows a dropped unit moves down
 * run by run (copyWithin), never unit by unit. No per-character strings, no per-unit map.
 */
export function normalizeText(original: string): NormalizedText {
  const { text: converted, script } = toSimplified(original);
  // `converted` has the same length as `original` code unit for code unit (script.ts guarantees it).
  // Each original code unit gives at most one working code unit, so the working text is written
  // over the converted one: the write position w never passes the read position i.
  const n = converted.length;
  const u = codeUnits(converted);
  const spans = new SpanList();
  spans.push(0, 0, 0);
  let w = 0;
  let i = 0;
  // Units [pending, i) are kept one for one and not yet moved down to w: moveRun moves them and
  // returns the new w. (A function of its own, not a closure: the loop's variables would then live
  // in a context object, read and written through memory at every unit.)
  let pending = 0;
  // Rows of a tab-separated table: a line with a tab keeps its line breaks (a row is no wrapped
  // line of prose), and in a line with two tabs or more each tab stays, as a cell boundary that
  // segment.ts makes a clause break (一家亲大药房<tab>暂停医保服务协议 are two cells, not a count and
  // its cue). The tabs of a line are counted once, at its start (TabScanner).
  const tabs = new TabScanner(converted);
  let lineTabs = tabs.onLine(0);
  let lineStart = 0; // where the current line of `converted` starts
  while (i < n) {
    const c = u[i]!;
    const cls = UNIT_CLASS[c]!;
    if (cls === COPY) {
      i++;
      continue;
    }
    if (cls === FOLDED || (cls === HIGH_SURROGATE && i + 1 >= n)) {
      u[i] = FOLD[c] || c; // in place: still one unit for one
      i++;
      continue;
    }
    if (cls === AMPERSAND && spaceEntityAt(converted, i) === 0) {
      // A character entity is its one character, spanning the entity; any other '&' is itself.
      let unit = c;
      let width = 1;
      for (const [e, ch] of CHAR_ENTITIES) {
        if (converted.startsWith(e, i)) {
          unit = ch;
          width = e.length;
          break;
        }
      }
      if (width === 1) {
        i++;
        continue;
      }
      w = moveRun(u, w, pending, i);
      u[w] = unit;
      spans.push(w, i, width);
      w++;
      i += width;
      pending = i;
      spans.push(w, i, 0);
      continue;
    }
    if (cls === HIGH_SURROGATE) {
      // Keep surrogate pairs together so a pair maps to its own original span.
      w = moveRun(u, w, pending, i);
      u[w] = c;
      u[w + 1] = u[i + 1]!;
      spans.push(w, i, 2);
      spans.push(w + 1, i, 2);
      w += 2;
      i += 2;
      pending = i;
      spans.push(w, i, 0);
      continue;
    }
    // A run of whitespace: decide what (if anything) it leaves in the working text.
    w = moveRun(u, w, pending, i);
    const runStart = i;
    let newlines = 0;
    let tab = false;
    while (i < n) {
      const d = u[i]!;
      if (isSpace(d)) {
        if (d === 0x0a || d === 0x2028 || d === 0x2029) newlines++;
        else if (d === 0x09) tab = true;
        i++;
      } else {
        const entity = d === 0x26 ? spaceEntityAt(converted, i) : 0;
        if (entity === 0) break;
        i += entity;
      }
    }
    pending = i;
    const cellBoundary = newlines === 0 && tab && lineTabs >= 2;
    // A figure cut by the wrap of a long line (３８.６ / ４億元): the line before is prose.
    const wrappedFigure = newlines === 1 && i - runStart === 1 && runStart - lineStart >= WRAPPED_LINE;
    if (newlines > 0) {
      lineStart = i;
      const rowBefore = lineTabs > 0;
      lineTabs = tabs.onLine(i);
      if (rowBefore || lineTabs > 0) newlines = Math.max(newlines, 2); // a row of a tab-separated table
    }
    if (w === 0 || i >= n) {
      spans.push(w, i, 0); // leading/trailing whitespace
      continue;
    }
    const prev = u[w - 1]!;
    const nc = u[i]!;
    const next = FOLD[nc] || nc;
    let keep = NONE;
    if (newlines >= 2 || (newlines === 1 && HARD_BEFORE.has(prev)) || next === 0x7c /* | */) {
      keep = 0x0a; // paragraph break, or a line that ended a sentence or a table row
    } else if (cellBoundary) {
      keep = 0x09;
    } else if (wrappedFigure && isDigitCode(next) && (isDigitCode(prev) || prev === 0x2e /* . */)) {
      keep = NONE;
    } else if (isAsciiAlnumCode(prev) && isAsciiAlnumCode(next)) {
      keep = 0x20; // "3214.6  3920.1" are two table cells, "Public domain" two words
    } else if (prev === 0x2c /* , */ && isDigitCode(next) && w > 1 && isDigitCode(u[w - 2]!) && /^\d{3}(?!\d)/.test(converted.slice(i, i + 4))) {
      keep = NONE; // "1,\n100": a thousands separator split by a wrap
    }
    if (keep !== NONE) {
      u[w] = keep;
      spans.push(w, runStart, i - runStart);
      w++;
    }
    spans.push(w, i, 0);
  }
  w = moveRun(u, w, pending, i);
  const text = unitsToString(u, w);
  return { text, spans: spans.done(), script, simplified: converted };
}

/** Moves units [from, to) down to w (w <= from); returns where the next unit goes. */
function moveRun(u: Uint16Array, w: number, from: number, to: number): number {
  if (to <= from) return w;
  if (w !== from) u.copyWithin(w, from, to);
  return w + (to - from);
}

/**
 * How many tabs (0, 1, or 2 for two or more) the line starting at `from` holds. The next tab, the
 * one after it and the next line break are found with indexOf and kept until `from` passes them,
 * so a text is searched once in all however many lines it has. (A class, not a closure inside
 * normalizeText: variables a closure captures would be read through a context in its hot loop.)
 */
class TabScanner {
  private tab1 = -1; // -2: no tab left
  private tab2 = -1;
  private lineEnd = -1;
  constructor(private readonly text: string) {}

  onLine(from: number): number {
    const text = this.text;
    if (this.tab1 !== -2 && this.tab1 < from) {
      this.tab1 = text.indexOf('\t', from);
      if (this.tab1 === -1) this.tab1 = -2;
      this.tab2 = -1;
    }
    if (this.tab1 >= 0 && this.tab2 !== -2 && this.tab2 <= this.tab1) {
      this.tab2 = text.indexOf('\t', this.tab1 + 1);
      if (this.tab2 === -1) this.tab2 = -2;
    }
    if (this.lineEnd < from) {
      this.lineEnd = text.indexOf('\n', from);
      if (this.lineEnd === -1) this.lineEnd = text.length;
    }
    return this.tab1 < 0 || this.tab1 > this.lineEnd ? 0 : this.tab2 < 0 || this.tab2 > this.lineEnd ? 1 : 2;
  }
}
