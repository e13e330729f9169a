// Flattened tables → records.
//
// Statistical bulletins carry many of their figures in tables that reach us as text. This module
// finds such tables, reads their header(s), unit(s) and row labels, and turns every cell that a
// row label (or column header) and a unit make a metric into a record grounded on the cell.
//
// Layouts (a "block" is a run of lines of one layout; blank lines inside a block are skipped):
//   - pipe rows, Markdown or not: `| 项目 | 2022年 |`, `|---|---|` separators optional, `项目 | 2022年`;
//   - tab-separated rows (one tab between cells; two tabs are an empty cell);
//   - columns aligned by runs of 2+ spaces (or an ideographic space): cells are matched to the
//     header's columns by display position (CJK and full-width characters count 2), so a blank
//     cell is simply a gap;
//   - one cell per line ending in ` |` (as web pages flatten into), rows ended by a line of
//     pipes only (`|`, `||||`); without such lines the rows are found as in the next layout;
//   - one cell per line with no pipes: a header block of N short lines, then rows of a label line
//     and N-1 value lines (`-`/`—`/`/` stand for a blank cell; an empty line ends the table).
//   Inside the pipe, tab and space layouts a line of one short cell is a section row (it may carry
//   `单位：万元`); a row of no figures after data rows starts a new header (stacked sub-tables).
//
// Meaning: a row's label is its first non-figure cell (a 序号 column before it is skipped).
//   - label-per-row: the label names the metric (职工医保基金支出 | 3214.6 | 3920.1); `column`
//     is the column header as written in the original (header rows of a stacked header are
//     joined with a space: "2023年 金额(万元)"); absent when the table has no header row.
//   - metric-per-column: the column header names the metric (参保人数(人)) and the rows are
//     districts or years; `column` is then the ROW LABEL as written in the original.
//   The label is tried first; the header only when the label names no metric of the cell's unit.
// Units, most specific first: the cell's own unit (3214.6万元) · the row label's (参保人数（万人）)
// · a 单位 column's cell · the column header's (金额(万元), 人数(人), (%)) · the table's
// (单位：万元 in a section row, in the header's first cell, or in a caption line up to three
// non-blank lines above the table). Cells with no known unit give nothing.
// Never records: cells under change columns (同比, 增长, 增减, 增/减, 增幅, 比上年, 较上年, ±, 占比 …,
// and a bare `%` column right after a value column), under plan columns (预算, 计划, 目标, 预计,
// 完成率, 进度: tables give no qualifier, so such figures are left out), a `+` signed cell, change-word row labels
// (比上年增长), blank / - / — / / cells. XX cells are redacted records (value null).
//
// Linear time: lines and cells are found by plain character loops (no regular expressions at all
// in this module); every line is classified once and belongs to at most one block. The only
// regexes run are the compiled cue patterns, which the rule discipline keeps free of unbounded
// quantifiers, and only on labels and headers of at most MAX_LABEL characters, so each row costs
// a bounded amount. Rows of more than MAX_CELLS cells are not table rows (bounds the positional
// matching, which is cells × header cells). Figures are read by scanFigures on each cell alone.
import { shiftDecimal, type Decimal } from '../numbers/decimal.js';
import { scanFigures } from '../numbers/scan.js';
import type { Figure } from '../numbers/types.js';
import { UNIT_TABLE, isTableUnit, matchUnit } from '../numbers/units.js';
import { cueCanStart, type CompiledRule } from '../rules/catalog.js';
import { ANTI_CUES, CHANGE_WORDS, PARALLEL_SUBJECTS, TABLE_QUANTITY_WORDS } from '../rules/lexicon.js';
import type { BaseUnit } from '../schema.js';
import { codeUnits, unitsToString } from '../text/units.js';

export interface TableRecord {
  rule: CompiledRule;
  value: Decimal | null;
  approximate: boolean;
  redacted: boolean;
  /** ORIGINAL offsets of the cell's figure (with its unit when the cell writes one). */
  start: number;
  end: number;
  /**
   * Label-per-row tables: the column header the cell sits under, as written in the original.
   * Metric-per-column tables (the header names the metric): the row label, as written.
   */
  column?: string;
}

const MAX_LABEL = 40; // a longer first cell is prose, not a row label
const MAX_CELLS = 64; // a wider row is not a table row
const MAX_HEADER_ROWS = 4; // stacked header rows kept
const MAX_SHORT_LINE = 40; // one-cell lines (section rows, header cells) are short
const CAPTION_LINES = 3; // non-blank lines above a table searched for 单位：…
const MAX_UNIT_LIST = 8; // units read from one 单位：万人、亿元、… list
const MAX_CAPTION = 80;

// ---------------------------------------------------------------------------------------------
// Characters

const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  '﹪': '%', '﹐': ',', '﹒': '.', '﹕': ':', '﹙': '(', '﹚': ')', '－': '-', '‒': '-', '–': '-', '−': '-',
  '│': '|', '┃': '|', '【': '[', '】': ']', '〔': '[', '〕': ']',
};

/** Full-width forms → ASCII, one code unit for one, for every code unit (0: unchanged; U+3000 is kept: it is a wide space). */
const FOLD_UNIT = (() => {
  const t = new Uint16Array(0x10000);
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  for (const [from, to] of Object.entries(EXTRA_FOLDS)) if (from.length === 1) t[from.charCodeAt(0)] = to.charCodeAt(0);
  return t;
})();

/** FOLD_UNIT over a text, into a typed array (no string is built per character). */
function foldText(s: string): string {
  const out = new Uint16Array(s.length);
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = FOLD_UNIT[c]!;
    out[i] = f || c;
    if (f !== 0) changed = true;
  }
  if (!changed) return s;
  // A short text (cells, labels: most are) as arguments of fromCharCode, which is cheaper than a
  // Buffer round trip; a long one through a Buffer (an argument list is bounded).
  if (s.length <= 512) return String.fromCharCode.apply(null, out as unknown as number[]);
  return unitsToString(out, out.length);
}

const isBlankChar = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0' || ch === '\r' || ch === '\ufeff';

/** isBlankChar by code unit. */
const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0d || c === 0xfeff;

/** Display width, as a layout engine (pdftotext -layout) would align: CJK and full-width count 2. */
function charWidth(c: number): number {
  if (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6))) return 2;
  return 1;
}

const DASHES = new Set(['-', '--', '---', '—', '——', '/', '—/—', '…', '……', '...', '无', '─', '──', '_']);
const MASKS = 'Xx×*';

// ---------------------------------------------------------------------------------------------
// Units

interface UnitSpec {
  /** Power of ten of the multiplier written before the token (万元 → 4). */
  readonly shift: number;
  /** A UNIT_TABLE token: 元, 人, 人次, %, 家 … */
  readonly token: string;
}

const MULTIPLIERS: Readonly<Record<string, number>> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };
const UNIT_TERMINATORS = ')]、,;/| :\u3000';
const UNIT_LIST_SEPARATORS = '、,;/';

// The same by code unit: characters are compared as numbers, no one-character string is made.
const codesOf = (chars: string): ReadonlySet<number> => new Set([...chars].map((ch) => ch.charCodeAt(0)));
const MULTIPLIER_SHIFT: ReadonlyMap<number, number> = new Map(Object.entries(MULTIPLIERS).map(([ch, shift]) => [ch.charCodeAt(0), shift]));
const UNIT_TERMINATOR_CODES = codesOf(UNIT_TERMINATORS);
const UNIT_LIST_SEPARATOR_CODES = codesOf(UNIT_LIST_SEPARATORS);

/** A unit written at `p` (up to two multiplier characters, then a table unit token), or null. */
function parseUnitAt(s: string, p: number): { spec: UnitSpec; end: number } | null {
  let q = p;
  let shift = 0;
  for (let k = 0; k < 2 && q < s.length; k++) {
    const m = MULTIPLIER_SHIFT.get(s.charCodeAt(q));
    if (m === undefined) break;
    shift += m;
    q++;
  }
  const token = matchUnit(s, q);
  if (token === null || !isTableUnit(token) || UNIT_TABLE[token]!.change) return null;
  const end = q + token.length;
  if (end < s.length && !UNIT_TERMINATOR_CODES.has(s.charCodeAt(end))) return null;
  return { spec: { shift, token }, end };
}

const sameUnit = (a: UnitSpec, b: UnitSpec): boolean => a.shift === b.shift && a.token === b.token;

/**
 * A cache key that does not keep its document alive. V8 makes a slice of 13 or more code units a
 * view into the whole string it was cut from, so a cell's text as a key would pin its document
 * until the cache is cleared; ' ' + s is flattened into a string of its own before slice(1) views it.
 */
function detachedKey(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Where the unit after 单位 at i begins: past a colon, 为 or blanks (at most three of them). */
function afterUnitLabel(s: string, i: number): number {
  let p = i + 2;
  for (let k = 0; k < 3 && p < s.length && (s.charCodeAt(p) === 0x3a /* : */ || s.charCodeAt(p) === 0x4e3a /* 为 */ || isBlankCode(s.charCodeAt(p))); k++) p++;
  return p;
}

const unitCache = new Map<string, UnitSpec | null>();
const unitListCache = new Map<string, readonly UnitSpec[] | null>();

/**
 * The units of a list a caption states after 单位 (`单位：万人、亿元`), two or more, or null. A
 * column then takes the one unit of the list that its metric is counted in (see TableReader.read).
 */
function statedUnitList(s: string): readonly UnitSpec[] | null {
  const cached = unitListCache.get(s);
  if (cached !== undefined) return cached;
  let list: UnitSpec[] | null = null;
  const i = s.indexOf('单位');
  if (i >= 0) {
    const units: UnitSpec[] = [];
    for (let u = parseUnitAt(s, afterUnitLabel(s, i)); u && units.length < MAX_UNIT_LIST; ) {
      units.push(u.spec);
      if (u.end >= s.length || !UNIT_LIST_SEPARATOR_CODES.has(s.charCodeAt(u.end))) break;
      u = parseUnitAt(s, u.end + 1);
    }
    if (units.length >= 2) list = units;
  }
  if (unitListCache.size > 5000) unitListCache.clear();
  unitListCache.set(detachedKey(s), list);
  return list;
}

/** statedUnit, kept by text across documents (labels, headers and captions recur): the specs are shared, never changed. */
function findUnit(s: string): UnitSpec | null {
  const cached = unitCache.get(s);
  if (cached !== undefined) return cached;
  const u = statedUnit(s);
  if (unitCache.size > 5000) unitCache.clear();
  unitCache.set(detachedKey(s), u);
  return u;
}

/**
 * The unit a header, label or caption states: `单位：万元`, `金额(万元)`, `(%)`, `金额/万元`,
 * or the whole text being a unit (`万元`). Null when none, or when it states two (单位：万元、人).
 */
function statedUnit(s: string): UnitSpec | null {
  const found: UnitSpec[] = [];
  const add = (u: { spec: UnitSpec; end: number } | null): void => {
    if (!u) return;
    // 单位：万元、人 — a list of units belongs to rows we cannot tell apart.
    if (u.end < s.length && UNIT_LIST_SEPARATOR_CODES.has(s.charCodeAt(u.end)) && parseUnitAt(s, u.end + 1)) {
      found.push(u.spec, { shift: -1, token: '' });
      return;
    }
    found.push(u.spec);
  };
  for (let i = s.indexOf('单位'); i >= 0; i = s.indexOf('单位', i + 2)) {
    add(parseUnitAt(s, afterUnitLabel(s, i)));
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28 /* ( */ || c === 0x5b /* [ */) {
      const u = parseUnitAt(s, i + 1);
      const close = u ? s.charCodeAt(u.end) : 0;
      if (u && (close === 0x29 /* ) */ || close === 0x5d /* ] */)) add(u);
    } else if (c === 0x2f /* / */ && i > 0) {
      const u = parseUnitAt(s, i + 1);
      if (u && u.end === s.length) add(u);
    }
  }
  if (found.length === 0) {
    const u = parseUnitAt(s, 0);
    if (u && u.end === s.length) found.push(u.spec);
  }
  const first = found[0];
  if (!first) return null;
  return found.every((u) => sameUnit(u, first)) ? first : null;
}

// ---------------------------------------------------------------------------------------------
// Cells and lines

interface Cell {
  /** Offsets of the trimmed cell (original = working offsets: the work text is length-preserving). */
  start: number;
  end: number;
  /** Simplified, width-folded, trimmed. */
  text: string;
  /** Display columns, for space-aligned tables (0 in other lines: their cells are placed by index). */
  d0: number;
  d1: number;
  /** cellValue(text), once read (see valueOf). */
  value: CellValue | undefined;
}

/**
 * 'prose': a line of one cell longer than any caption (MAX_CAPTION), as most lines are: no pass reads
 * its text (a 'text' line that long is no short line, no value, and ends a caption search), so it
 * has no cells.
 */
type LineKind = 'blank' | 'text' | 'prose' | 'pipe' | 'sep' | 'pipecell' | 'pipebreak' | 'tab' | 'space';

/** A line's layout and cells (the cells carry the offsets). */
interface Line {
  readonly kind: LineKind;
  readonly cells: readonly Cell[];
}

const lineOf = (kind: LineKind, cells: readonly Cell[]): Line => ({ kind, cells });

// Lines with no cells are all alike: one object for each kind (most lines are blank or prose).
const NO_CELLS: readonly Cell[] = [];
const BLANK_LINE = lineOf('blank', NO_CELLS);
const PROSE_LINE = lineOf('prose', NO_CELLS);
const SEP_LINE = lineOf('sep', NO_CELLS);
const PIPEBREAK_LINE = lineOf('pipebreak', NO_CELLS);

interface Doc {
  original: string;
  /**
   * The text matched on (the simplified text, or the original: see extractTables), not width-folded
   * as a whole: lines are cut by the folded classes of CHAR_CLASS and each cell's text is folded as
   * it is cut.
   */
  work: string;
}

// What a code unit is to cutting lines and cells, once folded ('｜' and '│' are pipes). A class
// up to C_FOLDED_WORD is a word character.
const C_WORD = 0;
const C_FOLDED_WORD = 1; // a word character that foldText changes
const C_BLANK = 2; // isBlankChar, but the tab
const C_TAB = 3;
const C_PIPE = 4;
const C_BREAK = 5; // ends a line
const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  // Only units that fold (full-width forms and EXTRA_FOLDS) can be C_FOLDED_WORD or a folded pipe:
  // their ranges are read instead of all 65,536 units (start-up time).
  const folding = [...Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, k) => 0xff01 + k), ...Object.keys(EXTRA_FOLDS).filter((k) => k.length === 1).map((k) => k.charCodeAt(0))];
  t[0x7c] = C_PIPE;
  for (const c of folding) {
    const f = FOLD_UNIT[c] || c;
    if (f === 0x7c) t[c] = C_PIPE;
    else if (f !== c) t[c] = C_FOLDED_WORD;
  }
  for (const c of [0x20, 0x3000, 0xa0, 0x0d, 0xfeff]) t[c] = C_BLANK;
  t[0x09] = C_TAB;
  for (const c of [0x0a, 0x2028, 0x2029]) t[c] = C_BREAK;
  return t;
})();

const isPipeAt = (w: string, i: number): boolean => CHAR_CLASS[w.charCodeAt(i)] === C_PIPE;

/** w.slice(a, b), width-folded (few cells hold a full-width form: the others are sliced as they are). */
function foldedSlice(w: string, a: number, b: number): string {
  for (let i = a; i < b; i++) if (FOLD_UNIT[w.charCodeAt(i)] !== 0) return foldText(w.slice(a, b));
  return w.slice(a, b);
}

/**
 * The trimmed cell [s, e) of a line (its display columns are set by the space layout only).
 * `fold`: the line holds a character to fold (when it holds none, no cell of it is looked at for one).
 */
function makeCell(w: string, s: number, e: number, fold: boolean): Cell {
  let a = s;
  let b = e;
  while (a < b && isBlankCode(w.charCodeAt(a))) a++;
  while (b > a && isBlankCode(w.charCodeAt(b - 1))) b--;
  return { start: a, end: b, text: fold ? foldedSlice(w, a, b) : w.slice(a, b), d0: 0, d1: 0, value: undefined };
}

/** A line of the one cell [first, last) of w (trimmed already): a 'text' or 'pipecell' line. */
function oneCellLine(kind: LineKind, w: string, first: number, last: number, fold: boolean): Line {
  const text = fold ? foldText(w.slice(first, last)) : w.slice(first, last);
  return lineOf(kind, [{ start: first, end: last, text, d0: 0, d1: 0, value: undefined }]);
}

/**
 * Cut the text into lines and classify each. The pass that finds a line's end also settles the
 * common lines there: a line with no pipe, no tab and no run of 2+ blanks between words is one
 * 'text' cell (or 'prose', or 'blank'); a line of pipes only is a 'pipebreak'; a line of one cell
 * with at most a pipe on either side (`0 |`, `| 0 |`) is a 'pipecell' (as classifyLine would find
 * them). classifyLine splits the others.
 */
function splitLines(doc: Doc): Line[] {
  const w = doc.work;
  // The scan reads the code units from a typed array, cheaper per unit than charCodeAt.
  const units = codeUnits(w);
  const n = w.length;
  const lines: Line[] = [];
  for (let s = 0; ; ) {
    // The first word character and the end of the last one: the trimmed line when it has no pipe or tab.
    let first = -1;
    let last = -1;
    let blanks = 0; // blanks since the last word character
    let gap = false; // a run of 2+ blanks between words
    let pipes = 0;
    let pipesBefore = 0; // pipes before the first word character
    let pipesSince = 0; // pipes since the last word character
    let innerPipe = false; // a pipe between words
    let folds = 0; // 1 once a character to fold is seen
    let tab = false;
    let i = s;
    while (i < n) {
      let k = CHAR_CLASS[units[i]!]!;
      if (k <= C_FOLDED_WORD) {
        if (first < 0) {
          first = i;
          pipesBefore = pipesSince;
        } else {
          if (blanks >= 2) gap = true;
          if (pipesSince > 0) innerPipe = true;
        }
        blanks = 0;
        pipesSince = 0;
        // The rest of the word in a tight loop: most characters are in words.
        for (folds |= k, i++; i < n && (k = CHAR_CLASS[units[i]!]!) <= C_FOLDED_WORD; i++) folds |= k;
        last = i;
        continue;
      }
      if (k === C_BREAK) break;
      if (k === C_BLANK) blanks++;
      else if (k === C_PIPE) {
        pipes++;
        pipesSince++;
      } else tab = true;
      i++;
    }
    if (pipes > 0) {
      // Pipes only (few enough that classifyLine would not find a row too wide): a row break. One
      // run of text with at most one pipe on either side: that one cell. Any other: classifyLine.
      if (first < 0 && pipes <= MAX_CELLS) lines.push(PIPEBREAK_LINE);
      else if (first >= 0 && !innerPipe && pipesBefore <= 1 && pipesSince <= 1) lines.push(oneCellLine('pipecell', w, first, last, folds !== 0));
      else lines.push(classifyLine(w, s, i > s && w.charCodeAt(i - 1) === 0x0d ? i - 1 : i, true, tab, folds !== 0));
    } else if (tab || gap) lines.push(classifyLine(w, s, i > s && w.charCodeAt(i - 1) === 0x0d ? i - 1 : i, false, tab, folds !== 0));
    else if (first < 0) lines.push(BLANK_LINE);
    else if (last - first > MAX_CAPTION) lines.push(PROSE_LINE);
    else lines.push(oneCellLine('text', w, first, last, folds !== 0));
    if (i === n) return lines;
    s = i + 1;
  }
}

/**
 * Split a line that has a pipe, a tab or a gap of 2+ blanks into cells and say which layout it
 * belongs to. `hasPipe`, `hasTab`, `fold`: whether the line holds a pipe, a tab, a character to fold.
 */
function classifyLine(w: string, start: number, end: number, hasPipe: boolean, hasTab: boolean, fold: boolean): Line {
  let a = start;
  while (a < end && isBlankCode(w.charCodeAt(a))) a++;
  if (a === end) return BLANK_LINE;
  let b = end;
  while (isBlankCode(w.charCodeAt(b - 1))) b--;
  const cellOf = (s: number, e: number): Cell => makeCell(w, s, e, fold);
  const wholeLineText = (): Line => lineOf('text', [cellOf(start, end)]);

  if (hasPipe) {
    const cells: Cell[] = [];
    let filled = 0;
    let s = isPipeAt(w, a) ? a + 1 : a;
    for (let i = s; i <= b; i++) {
      if (i === b || isPipeAt(w, i)) {
        // A closing pipe ends the row: it opens no empty cell.
        if (!(i === b && isPipeAt(w, b - 1) && s === b)) {
          const cell = cellOf(s, i);
          cells.push(cell);
          if (cell.text !== '') filled++;
        }
        s = i + 1;
        if (cells.length > MAX_CELLS) return wholeLineText();
      }
    }
    if (filled === 0) return PIPEBREAK_LINE;
    if (cells.length >= 2) {
      let separators = 0;
      for (const c of cells) if (c.text !== '' && isSeparatorCell(c.text)) separators++;
      return separators === filled ? SEP_LINE : lineOf('pipe', cells);
    }
    return lineOf('pipecell', cells);
  }
  if (hasTab) {
    const cells: Cell[] = [];
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i === end || w.charCodeAt(i) === 0x09) {
        cells.push(cellOf(s, i));
        s = i + 1;
        if (cells.length > MAX_CELLS) return wholeLineText();
      }
    }
    while (cells.length > 0 && cells[cells.length - 1]!.text === '') cells.pop();
    let filled = 0;
    for (const c of cells) if (c.text !== '') filled++;
    if (filled >= 2) return lineOf('tab', cells);
  }
  // Columns aligned by spaces: a gap is a run of 2+ blanks (ASCII or ideographic) or a tab; one
  // ideographic space alone (表1　2023年…) is a word space of a title.
  const cells: Cell[] = [];
  let i = a;
  let s = i;
  while (i < end) {
    if (!isBlankCode(w.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let wide = false;
    while (j < end && isBlankCode(w.charCodeAt(j))) {
      if (w.charCodeAt(j) === 0x09) wide = true;
      j++;
    }
    if (j === end) break;
    // 全  省 · 地  区: one character, a few blanks, one character is a word spaced out to a
    // column's width, not two cells.
    const spacedWord = !wide && j - i <= MAX_LETTER_SPACING && i - s === 1 && isCjkCode(w.charCodeAt(s)) && isCjkCode(w.charCodeAt(j)) && (j + 1 === end || isBlankCode(w.charCodeAt(j + 1)));
    if ((j - i >= 2 || wide) && !spacedWord) {
      cells.push(cellOf(s, i));
      s = j;
      if (cells.length > MAX_CELLS) return wholeLineText();
    }
    i = j;
  }
  cells.push(cellOf(s, end));
  for (const c of cells) if (c.text.length > 2 && isSpacedPair(c.text)) c.text = c.text[0]! + c.text[c.text.length - 1]!;
  if (cells.length < 2) return lineOf('text', cells);
  setDisplayColumns(w, start, end, cells);
  return lineOf('space', cells);
}

/** Display columns of a space-aligned line's cells, as pdftotext -layout aligned them (tabs to the next multiple of 8). */
function setDisplayColumns(w: string, start: number, end: number, cells: readonly Cell[]): void {
  // Cumulative display width from the line start, of the folded text.
  const widths: number[] = new Array<number>(end - start + 1);
  widths[0] = 0;
  for (let i = start; i < end; i++) {
    const c = w.charCodeAt(i);
    const prev = widths[i - start]!;
    widths[i - start + 1] = c === 0x09 ? prev + 8 - (prev % 8) : prev + charWidth(FOLD_UNIT[c] || c);
  }
  for (const c of cells) {
    c.d0 = widths[c.start - start]!;
    c.d1 = widths[c.end - start]!;
  }
}

/** Blanks inside a word spaced out to a column's width (全  省): at most this many. */
const MAX_LETTER_SPACING = 4;

const isCjkCode = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/** 全  省: two CJK characters with only blanks between them. */
function isSpacedPair(t: string): boolean {
  if (!isCjkCode(t.charCodeAt(0)) || !isCjkCode(t.charCodeAt(t.length - 1))) return false;
  for (let k = 1; k < t.length - 1; k++) if (!isBlankCode(t.charCodeAt(k))) return false;
  return true;
}

function isSeparatorCell(t: string): boolean {
  let dashes = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '-' || ch === '—' || ch === '=' || ch === '─') dashes++;
    else if (ch !== ':' && !isBlankChar(ch)) return false;
  }
  return dashes >= 1 && (dashes >= 2 || t.length === 1);
}

// ---------------------------------------------------------------------------------------------
// Cell values

type CellValue =
  | { kind: 'value'; figure: Figure } // figure offsets relative to the cell text
  | { kind: 'mask' } // XX: redacted, no unit of its own
  | { kind: 'dash' }
  | { kind: 'signed' } // +105: a change
  | { kind: 'text' };

const valueCache = new Map<string, CellValue>();

const MAX_VALUE_CELL = 24; // a longer cell is text (no dash or mask is this long)
const TEXT_CELL: CellValue = { kind: 'text' };

function cellValue(text: string): CellValue {
  if (text === '') return { kind: 'dash' };
  // Long labels and sentences are never values: no cache look-up (nor entry) for them.
  if (text.length > MAX_VALUE_CELL) return TEXT_CELL;
  const cached = valueCache.get(text);
  if (cached) return cached;
  const v = computeCellValue(text);
  if (valueCache.size > 5000) valueCache.clear();
  valueCache.set(detachedKey(text), v);
  return v;
}

/**
 * The cells' values, and their texts joined, by loops rather than map() and join(): map()'s result
 * is an array of another kind when the input is empty or its fast path bails out, and each new
 * kind threw away the optimized code of the table reader (measured: it was compiled three times
 * in a batch, about 100 ms of compiler time each).
 */
function valuesOf(cells: readonly Cell[]): CellValue[] {
  const out: CellValue[] = [];
  for (let i = 0; i < cells.length; i++) out.push(valueOf(cells[i]!));
  return out;
}

const cellText = (c: Cell): string => c.text;

function joinCells(cells: readonly Cell[], separator: string, text: (c: Cell) => string): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += i === 0 ? text(cells[i]!) : separator + text(cells[i]!);
  return out;
}

/** cellValue of a cell, kept on the cell: the passes and the reader look at a cell more than once. */
function valueOf(cell: Cell): CellValue {
  return (cell.value ??= cellValue(cell.text));
}

// A cell's display columns and value are written after it is made (setDisplayColumns, valueOf).
// Writing them once here, before this module's code runs hot, gives the cells' hidden class its
// final state (fields mutable, value of any kind) from the start. Otherwise V8 settles it at the
// first such write, a few documents into a batch, and throws away the optimized code of every
// function that made or read cells: splitLines alone was compiled six times per thread.
{
  const cell = makeCell('1', 0, 1, false);
  cell.d0 = 1;
  cell.d1 = 2;
  cell.value = TEXT_CELL;
  cell.value = cellValue(cell.text);
}

function computeCellValue(text: string): CellValue {
  if (DASHES.has(text)) return { kind: 'dash' };
  if (text.length > MAX_VALUE_CELL) return TEXT_CELL;
  let allMask = true;
  for (let i = 0; i < text.length; i++) if (!MASKS.includes(text[i]!) && text[i] !== '.') allMask = false;
  if (allMask && (text.length >= 2 || text === '×' || text === '*')) return { kind: 'mask' };
  if (text[0] === '+' && text.length > 1 && text[1]! >= '0' && text[1]! <= '9') return { kind: 'signed' };
  const { figures, rejected } = scanFigures(text);
  const f = figures[0];
  if (figures.length !== 1 || rejected.length !== 0 || !f || f.start !== 0 || f.end !== text.length) return { kind: 'text' };
  return { kind: 'value', figure: f };
}

/** A bare 4-digit year (2021) in a header row, not a figure. */
function isBareYear(text: string): boolean {
  if (text.length !== 4) return false;
  for (let i = 0; i < 4; i++) if (text[i]! < '0' || text[i]! > '9') return false;
  const y = Number(text);
  return y >= 1900 && y <= 2100;
}

const isValueLike = (v: CellValue): boolean => v.kind !== 'text';
const isFigureLike = (v: CellValue): boolean => v.kind === 'value' || v.kind === 'mask' || v.kind === 'signed';

// ---------------------------------------------------------------------------------------------
// Cues

/** Words (non-empty) to look for in labels and headers, with their first code units: most texts hold none of those. */
interface WordList {
  words: readonly string[];
  firsts: ReadonlySet<number>;
}

const wordList = (words: readonly string[]): WordList => ({ words, firsts: new Set(words.map((w) => w.charCodeAt(0))) });

/** Whether the text contains one of the words. */
function includesAny(text: string, list: WordList): boolean {
  for (let i = 0; i < text.length; i++) {
    if (list.firsts.has(text.charCodeAt(i))) return list.words.some((w) => text.includes(w));
  }
  return false;
}

const CHANGE_ROW_WORDS = wordList(CHANGE_WORDS);
const QUANTITY_LABEL_WORDS = wordList([...ANTI_CUES, ...TABLE_QUANTITY_WORDS]);
const CHANGE_HEADER_WORDS = wordList([
  '同比', '环比', '增长', '增减', '增/减', '增幅', '比上年', '较上年', '比去年', '较去年', '较同期', '±', '+/-', '+-',
  '增加', '减少', '下降', '上升', '降幅', '涨幅', '增速', '变动', '变化', '增量', '占比', '比重', '构成', '增长率', '新增', '净增',
]);
/** Columns of planned or relative figures, not levels: a budget is no expenditure, a completion rate no ratio. */
const NON_LEVEL_HEADER_WORDS = wordList(['预算', '计划', '目标', '预计', '任务数', '完成率', '进度', '执行率']);
const TABLE_ANTI = ANTI_CUES.filter((w) => w !== '总额' && w !== '完成');

interface LabelHit {
  ruleIndex: number;
  start: number;
  end: number;
  weak: boolean;
}

const containsOutside = (s: string, words: readonly string[], lo: number, hi: number, afterOnly: boolean): boolean => {
  for (const w of words) {
    for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + 1)) {
      const inside = i < hi && i + w.length > lo;
      if (inside) continue;
      if (afterOnly && i < hi) continue;
      return true;
    }
  }
  return false;
};

const NO_RULES: readonly CompiledRule[] = [];

/** 职工医保(人) · 城乡居民医保 · 定点医院: the label, less a bracketed unit, ends in a subject word. */
function isSubjectLabel(label: string): boolean {
  let end = label.length;
  const close = label.charCodeAt(end - 1);
  if (close === 0x29 /* ) */ || close === 0xff09 /* ） */) {
    const open = Math.max(label.lastIndexOf('('), label.lastIndexOf('（'));
    if (open > 0 && end - open <= 6) end = open;
  }
  const bare = label.slice(0, end);
  return bare.length >= 2 && PARALLEL_SUBJECTS.some((w) => bare.endsWith(w));
}
const hasBlocker = (r: CompiledRule, text: string): boolean => r.rule.blockers.some((b) => text.includes(b));

/** Every rule's longest cue hit in a label or header (simplified text), with blockers, anti-cues and changes applied. */
function labelHits(text: string, rules: readonly CompiledRule[]): LabelHit[] {
  if (text.length === 0 || text.length > MAX_LABEL * 2) return [];
  const hits: LabelHit[] = [];
  rules.forEach((r, ruleIndex) => {
    let best: LabelHit | null = null;
    for (const cue of r.cues) {
      if (cue.requires && !text.includes(cue.requires)) continue;
      const re = cue.regex;
      for (let p = 0; p < text.length; p++) {
        if (!cueCanStart(cue, text.charCodeAt(p))) continue; // no match can start here (catalog.ts)
        re.lastIndex = p;
        const m = re.exec(text);
        if (!m || m[0].length === 0) continue;
        const hit: LabelHit = { ruleIndex, start: p, end: p + m[0].length, weak: r.rule.weak };
        if (!best || hit.end - hit.start > best.end - best.start || (hit.end - hit.start === best.end - best.start && hit.end > best.end)) best = hit;
      }
    }
    if (!best) return;
    // Blockers veto the rule (checked once a cue matched: most labels match no cue of most rules).
    if (hasBlocker(r, text)) return;
    // 参保人数增长 / 基金支出增长率: a change; 参保人员医疗费用: another quantity after the cue.
    if (containsOutside(text, CHANGE_WORDS, best.start, best.end, false)) return;
    if (containsOutside(text, TABLE_ANTI, best.start, best.end, true)) return;
    hits.push(best);
  });
  return hits;
}

function pickRule(hits: readonly LabelHit[], bases: readonly BaseUnit[], rules: readonly CompiledRule[]): CompiledRule | null {
  let best: LabelHit | null = null;
  for (const h of hits) {
    if (!bases.includes(rules[h.ruleIndex]!.rule.unit)) continue;
    if (
      !best ||
      (best.weak && !h.weak) ||
      (best.weak === h.weak && (h.end - h.start > best.end - best.start || (h.end - h.start === best.end - best.start && h.end > best.end)))
    ) best = h;
  }
  return best ? rules[best.ruleIndex]! : null;
}

// ---------------------------------------------------------------------------------------------
// Table reading

interface Column {
  /** Header as written in the original (stacked header rows joined by a space). */
  name: string | undefined;
  /** Simplified header text, rows joined without a space (for cue and word matching). */
  simp: string;
  unit: UnitSpec | null;
  change: boolean;
  unitColumn: boolean;
  percentOnly: boolean;
  hits: LabelHit[];
}

type Row = readonly Cell[];

interface Grid {
  rows: Row[];
  /** Space-aligned: match cells to header columns by display position when counts differ. */
  positional: boolean;
  caption: UnitSpec | null;
  /** The units a caption lists (单位：万人、亿元), when it lists two or more: caption is then null. */
  captionList: readonly UnitSpec[] | null;
}

/** labelHits is a pure function of the text and the rules: its results are kept across documents. */
const HIT_CACHES = new WeakMap<readonly CompiledRule[], Map<string, LabelHit[]>>();

class TableReader {
  private readonly out: TableRecord[] = [];
  /** Label hits by text, shared by every document read with the same rules (headers recur). */
  private readonly hitCache: Map<string, LabelHit[]>;
  constructor(
    private readonly doc: Doc,
    private readonly rules: readonly CompiledRule[],
  ) {
    let cache = HIT_CACHES.get(rules);
    if (!cache) HIT_CACHES.set(rules, (cache = new Map()));
    this.hitCache = cache;
  }

  records(): TableRecord[] {
    return this.out;
  }

  private hits(text: string): LabelHit[] {
    let h = this.hitCache.get(text);
    if (!h) {
      h = text.length <= MAX_LABEL ? labelHits(text, this.rules) : [];
      if (this.hitCache.size > 5000) this.hitCache.clear();
      this.hitCache.set(detachedKey(text), h);
    }
    return h;
  }

  private originalText(c: Cell): string {
    return this.doc.original.slice(c.start, c.end);
  }

  read(grid: Grid): void {
    let tableUnit = grid.caption;
    let unitList = grid.captionList;
    let headerRows: Row[] = [];
    let columns: Column[] | null = null;
    let ref: Row | null = null;
    let sawData = false;
    // The metrics the last row's label named (one per unit kind: 人次 | 万元 in one row).
    let lastRules: readonly CompiledRule[] = NO_RULES;
    // The metric a 其中 row broke down, while the rows after it go on with further parts.
    let breakdownOf: readonly CompiledRule[] = NO_RULES;
    // The unit the label of the last metric row stated (参保人数（万人）), and of the row a 其中 broke down.
    let lastRowUnit: UnitSpec | null = null;
    // The metric of each column's cell in the last data row (a total row sums them).
    let aboveByColumn: Map<number, CompiledRule> | undefined;
    let breakdownUnit: UnitSpec | null = null;

    for (const row of grid.rows) {
      let filled = 0;
      let lastFilled = '';
      for (const c of row) {
        if (c.text === '') continue;
        filled++;
        lastFilled = c.text;
      }
      if (filled === 0) continue;
      if (filled === 1) {
        // A section row: 单位：万元, 其中：, a sub-table title.
        const u = findUnit(lastFilled);
        if (u) {
          tableUnit = u;
          unitList = null;
        } else {
          const list = statedUnitList(lastFilled);
          if (list) {
            tableUnit = null;
            unitList = list;
          }
        }
        if (lastFilled.startsWith('其中')) {
          breakdownOf = lastRules; // 其中： on a row of its own
          breakdownUnit = lastRowUnit;
        }
        continue;
      }
      const values = valuesOf(row);
      let label = -1;
      for (let j = 0; j < row.length; j++) {
        if (row[j]!.text === '') continue;
        if (values[j]!.kind === 'text' || (j === 0 && isBareYear(row[j]!.text) && row.length > 1)) {
          label = j;
          break;
        }
      }
      let figures = 0;
      let dashes = 0;
      let years = 0;
      for (let j = label + 1; j < row.length; j++) {
        if (isFigureLike(values[j]!)) figures++;
        else if (values[j]!.kind === 'dash' && row[j]!.text !== '') dashes++;
        if (isBareYear(row[j]!.text)) years++;
      }
      const headerLike = (figures === 0 && dashes === 0) || (columns === null && !sawData && figures > 0 && years === figures && label <= 0);
      if (headerLike) {
        breakdownOf = NO_RULES;
        if (sawData || columns !== null) {
          headerRows = [];
          columns = null;
          sawData = false;
        }
        headerRows.push(row);
        // A stacked header is a few rows; keeping the last few bounds the work on a long run of text rows.
        if (headerRows.length > MAX_HEADER_ROWS) headerRows.shift();
        const first = row[0];
        if (first && first.text !== '') {
          const u = findUnit(first.text);
          if (u && first.text.includes('单位')) tableUnit = u;
        }
        continue;
      }
      if (label < 0) continue; // figures with no label: nothing names them
      if (columns === null && headerRows.length > 0) {
        const built = this.buildColumns(headerRows, grid.positional);
        columns = built.columns;
        ref = built.ref;
      }
      sawData = true;
      const labelCell = row[label]!;
      const labelText = labelCell.text;
      const ownRowUnit = findUnit(labelText);
      const ownHits = this.hits(labelText);
      // 其中：门诊 | 112: a breakdown row with no metric of its own takes the one of the row it breaks down.
      // 合计 | 5371: a total row under rows of one metric is that metric's total.
      // 住院 | 4.92 then 门急诊 | 113.58 after 其中: further parts, while a label names nothing of its
      // own (no cue, no other quantity such as 基金收入).
      const opensBreakdown = labelText.startsWith('其中');
      const totalRow = isTotalLabel(labelText);
      const continuesBreakdown = !opensBreakdown && !totalRow && breakdownOf.length > 0 && ownHits.length === 0 && !includesAny(labelText, QUANTITY_LABEL_WORDS);
      // 参保人数(人) | 812463 then 职工医保(人) | 486215: a label naming only a scheme, group, institution
      // or place (no metric, no other quantity) under a row that named a metric is a part of it.
      const subjectRow =
        !opensBreakdown && !totalRow && !continuesBreakdown && lastRules.length > 0 && ownHits.length === 0 && isSubjectLabel(labelText) && !includesAny(labelText, QUANTITY_LABEL_WORDS);
      const inherit: readonly CompiledRule[] = opensBreakdown || totalRow || subjectRow ? lastRules : continuesBreakdown ? breakdownOf : NO_RULES;
      // 基本医疗保险参保人数（万人） | 2 203.46, then 其中：职工医保 | 563.27: a part is in the unit of its whole.
      const rowUnit = ownRowUnit ?? (inherit.length > 0 ? (continuesBreakdown ? breakdownUnit : lastRowUnit) : null);
      const changeRow = ownHits.length === 0 && includesAny(labelText, CHANGE_ROW_WORDS);
      if (changeRow) continue;
      // The cells after the label, each with its column index.
      const placed = this.place(row, label, values, columns, ref, grid.positional);
      let unitColumnUnit: UnitSpec | null = null;
      if (columns) {
        for (const { cell, col } of placed) if (columns[col]?.unitColumn) unitColumnUnit = parseWholeUnit(cell.text);
      }
      let rowRules: CompiledRule[] | null = null;
      let rowByColumn: Map<number, CompiledRule> | undefined;
      for (const { cell, col } of placed) {
        const column = columns?.[col];
        if (column && (column.change || column.unitColumn)) continue;
        if (column?.percentOnly && col > 0 && columns?.[col - 1] && col - 1 > label) continue;
        const v = valueOf(cell);
        if (v.kind !== 'value' && v.kind !== 'mask') continue;
        const declared =
          rowUnit ?? unitColumnUnit ?? column?.unit ?? tableUnit ?? (unitList && v.kind === 'value' && v.figure.unit === null && !v.figure.bareMultiplier ? this.unitOfList(unitList, ownHits, inherit, column) : null);
        let value: Decimal | null;
        let token: string;
        let start = cell.start;
        let end = cell.end;
        let approximate = false;
        if (v.kind === 'mask') {
          if (!declared) continue;
          value = null;
          token = declared.token;
        } else {
          const f = v.figure;
          start = cell.start + f.start;
          end = cell.start + f.end;
          approximate = f.approximate;
          value = f.value;
          if (f.unit !== null) {
            if (!isTableUnit(f.unit)) continue;
            token = f.unit;
          } else if (f.bareMultiplier) {
            token = declared?.token ?? '元';
          } else {
            if (!declared) continue;
            token = declared.token;
            if (value !== null) value = shiftDecimal(value, declared.shift);
          }
        }
        const info = UNIT_TABLE[token];
        if (!info || info.change || info.bases.length === 0) continue;
        const inherited = inherit.find((r) => info.bases.includes(r.rule.unit)) ?? null;
        let byLabel: CompiledRule | null = pickRule(ownHits, info.bases, this.rules) ?? inherited;
        const headerRule = column ? pickRule(column.hits, info.bases, this.rules) : null;
        // 定点零售药店 | 现场检查数 156: the label's metric blocked by the header (检查) leaves the header's.
        if (byLabel !== null && headerRule !== null && hasBlocker(byLabel, column!.simp)) byLabel = null;
        // 职工医保统筹基金 | 本年支出: a cue that needs a word (支出 needs 基金) may find it in the other cell.
        const byHeader = byLabel ? null : column ? (headerRule ?? pickRule(this.hits(labelText + column.simp), info.bases, this.rules)) : null;
        // 合计 | … | 81980.94 under 生育保险基金 | … | 1408.76: a total row sums the cells above it.
        const above = !byLabel && !byHeader && totalRow ? aboveByColumn?.get(col) : undefined;
        const rule = byLabel ?? byHeader ?? (above && info.bases.includes(above.rule.unit) ? above : null);
        if (!rule) continue;
        (rowByColumn ??= new Map()).set(col, rule);
        // 定点医疗机构 | 其中：开通跨省直接结算 1342: the other side of the cell (its column header, or
        // its row label) names something those counted did, one of the metric's blockers.
        if (byLabel ? column !== undefined && hasBlocker(rule, column.simp) : hasBlocker(rule, labelText)) continue;
        if (byLabel && !(rowRules ??= []).includes(byLabel)) rowRules.push(byLabel);
        const name = byLabel ? column?.name : this.originalText(labelCell);
        const redacted = value === null;
        this.out.push({
          rule,
          value,
          approximate: redacted ? false : approximate,
          redacted,
          start,
          end,
          ...(name !== undefined && name !== '' ? { column: name } : {}),
        });
      }
      aboveByColumn = rowByColumn;
      if (opensBreakdown) {
        breakdownOf = lastRules;
        breakdownUnit = lastRowUnit;
      } else if (!continuesBreakdown && !subjectRow) {
        breakdownOf = NO_RULES;
        lastRules = rowRules ?? NO_RULES;
        lastRowUnit = ownRowUnit;
      }
    }
  }

  /**
   * 单位：万人、亿元 above 参保人数 | 基金支出: the one unit of the list whose base unit some metric of
   * the cell's label, breakdown or column is counted in (as read below); null when none or several.
   */
  private unitOfList(list: readonly UnitSpec[], ownHits: readonly LabelHit[], inherit: readonly CompiledRule[], column: Column | undefined): UnitSpec | null {
    // Each unit's best fit: the longest cue hit (a strong rule before a weak one) of a metric in that
    // unit, in the label, then the column header; a metric only inherited fits with length 0. The
    // unit with the best fit wins (参保率 names insured_rate by 参保率, insured_persons only by 参保);
    // a tie is no choice.
    let chosen: UnitSpec | null = null;
    let best = -1;
    let tie = false;
    for (const u of list) {
      const info = UNIT_TABLE[u.token];
      if (!info || info.change || info.bases.length === 0) continue;
      let fit = inherit.some((r) => info.bases.includes(r.rule.unit)) ? 0 : -1;
      for (const hits of column ? [ownHits, column.hits] : [ownHits]) {
        for (const h of hits) {
          if (!info.bases.includes(this.rules[h.ruleIndex]!.rule.unit)) continue;
          fit = Math.max(fit, (h.weak ? 0 : 100) + h.end - h.start);
        }
      }
      if (fit < 0) continue;
      if (fit > best) {
        best = fit;
        chosen = u;
        tie = false;
      } else if (fit === best && chosen && !sameUnit(chosen, u)) tie = true;
    }
    return tie ? null : chosen;
  }

  /** Cells after the label with their column index (index alignment, or by display position). */
  private place(row: Row, label: number, values: readonly CellValue[], columns: Column[] | null, ref: Row | null, positional: boolean): { cell: Cell; col: number }[] {
    const out: { cell: Cell; col: number }[] = [];
    if (!positional || !ref || !columns) {
      for (let j = label + 1; j < row.length; j++) out.push({ cell: row[j]!, col: j });
      return out;
    }
    const labelCell = row[label]!;
    const candidates: number[] = [];
    for (let k = 0; k < ref.length; k++) {
      const r = ref[k]!;
      if (r.d1 > labelCell.d0 && r.d0 < labelCell.d1) continue; // the label column's header
      if (r.d1 <= labelCell.d0) continue;
      candidates.push(k);
    }
    const cells: Cell[] = [];
    for (let j = label + 1; j < row.length; j++) if (row[j]!.text !== '' && isValueLike(values[j]!)) cells.push(row[j]!);
    if (cells.length === candidates.length) {
      cells.forEach((cell, i) => out.push({ cell, col: candidates[i]! }));
      return out;
    }
    const taken = new Map<number, number>();
    const chosen: number[] = [];
    for (const cell of cells) {
      let best = -1;
      let bestScore = -Infinity;
      for (const k of candidates) {
        const r = ref[k]!;
        const overlap = Math.min(r.d1, cell.d1) - Math.max(r.d0, cell.d0);
        if (overlap > bestScore) {
          bestScore = overlap;
          best = k;
        }
      }
      chosen.push(best);
      taken.set(best, (taken.get(best) ?? 0) + 1);
    }
    cells.forEach((cell, i) => {
      const k = chosen[i]!;
      if (k >= 0 && taken.get(k) === 1) out.push({ cell, col: k });
    });
    return out;
  }

  private buildColumns(headerRows: readonly Row[], positional: boolean): { columns: Column[]; ref: Row } {
    let ref = headerRows[0]!;
    for (const r of headerRows) if (r.length >= ref.length) ref = r;
    const n = ref.length;
    const parts: (Cell | undefined)[][] = [];
    for (let j = 0; j < n; j++) parts.push([]);
    for (const r of headerRows) {
      const row: (Cell | undefined)[] = new Array<Cell | undefined>(n).fill(undefined);
      if (r === ref || !positional) {
        for (let j = 0; j < Math.min(n, r.length); j++) row[j] = r[j]!.text === '' ? undefined : r[j];
        if (r !== ref) {
          // A spanning upper header (2023年 over 金额 | 同比) is written once, then empty cells.
          for (let j = 2; j < n; j++) if (row[j] === undefined && (j >= r.length || r[j]!.text === '')) row[j] = row[j - 1];
        }
      } else {
        for (const c of r) {
          if (c.text === '') continue;
          for (let j = 0; j < n; j++) {
            const x = ref[j]!;
            if (x.d1 > c.d0 && x.d0 < c.d1) row[j] = c;
          }
        }
      }
      for (let j = 0; j < n; j++) if (row[j]) parts[j]!.push(row[j]);
    }
    const columns: Column[] = []; // pushed, not map(): see valuesOf
    for (const cells of parts) {
      const distinct = cells.filter((c, i): c is Cell => c !== undefined && cells.indexOf(c) === i);
      const simp = joinCells(distinct, '', cellText);
      const name = distinct.length ? joinCells(distinct, ' ', (c) => this.originalText(c)) : undefined;
      let unit: UnitSpec | null = null;
      for (let i = distinct.length - 1; i >= 0 && !unit; i--) unit = findUnit(distinct[i]!.text);
      const bare = simp.includes(' ') ? simp.replaceAll(' ', '') : simp;
      columns.push({
        name,
        simp,
        unit,
        change: includesAny(simp, CHANGE_HEADER_WORDS) || includesAny(simp, NON_LEVEL_HEADER_WORDS),
        unitColumn: bare === '单位' || bare === '计量单位',
        percentOnly: bare === '%' || bare === '(%)' || bare === '百分比' || bare === '百分比(%)',
        hits: this.hits(simp),
      });
    }
    return { columns, ref };
  }
}

function parseWholeUnit(s: string): UnitSpec | null {
  const u = parseUnitAt(s, 0);
  return u && u.end === s.length ? u.spec : null;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const isShortText = (l: Line): boolean => {
  if (l.kind !== 'text') return false;
  const t = l.cells[0]?.text ?? '';
  if (t.length === 0 || t.length > MAX_SHORT_LINE) return false;
  // No 。 ; ；: a sentence is no cell.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x3002 || c === 0x3b || c === 0xff1b) return false;
  }
  return true;
};

const NO_CAPTION = { caption: null, captionList: null } as const;

/** A unit, or a list of units, stated in the caption lines right above line `first` (up to three non-blank lines). */
function captionUnit(lines: readonly Line[], first: number, used: Uint8Array): Pick<Grid, 'caption' | 'captionList'> {
  let seen = 0;
  for (let i = first - 1; i >= 0 && seen < CAPTION_LINES; i--) {
    const l = lines[i]!;
    if (l.kind === 'blank') continue;
    if (used[i] || l.kind === 'prose') break; // prose is longer than MAX_CAPTION, as below
    seen++;
    const t = joinCells(l.cells, ' ', cellText);
    if (t.length > MAX_CAPTION) break;
    const u = findUnit(t);
    if (u) return { caption: u, captionList: null };
    const list = statedUnitList(t);
    if (list) return { caption: null, captionList: list };
  }
  return NO_CAPTION;
}

/** One cell per line: rows found from the shape (a header block of N cells, then label + N-1 values). */
function periodicRows(cells: readonly Cell[]): { rows: Row[]; first: number }[] {
  const tables: { rows: Row[]; first: number }[] = [];
  const values = valuesOf(cells);
  let i = 0;
  while (i < cells.length) {
    // The first value cell after a label.
    let v = i;
    while (v < cells.length && !(isFigureLike(values[v]!) && v > 0 && values[v - 1]!.kind === 'text')) v++;
    if (v >= cells.length) break;
    let k = 0;
    while (v + k < cells.length && isValueLike(values[v + k]!)) k++;
    const labelAt = v - 1;
    const headerAt = labelAt - (k + 1);
    if (k < 1 || headerAt < i || k + 1 > MAX_CELLS) {
      i = v + k;
      continue;
    }
    let headerOk = true;
    for (let h = headerAt; h < labelAt; h++) if (values[h]!.kind !== 'text' && !isBareYear(cells[h]!.text)) headerOk = false;
    if (!headerOk) {
      i = v + k;
      continue;
    }
    const rows: Row[] = [cells.slice(headerAt, labelAt)];
    let p = labelAt;
    while (p + k < cells.length && values[p]!.kind === 'text') {
      let ok = true;
      for (let q = p + 1; q <= p + k; q++) if (!isValueLike(values[q]!)) ok = false;
      if (!ok) break;
      rows.push(cells.slice(p, p + k + 1));
      p += k + 1;
    }
    tables.push({ rows, first: headerAt });
    i = p;
  }
  return tables;
}

const TOTAL_LABELS = ['合计', '总计', '小计', '共计', '合计数', '总数', '全部'];
const isTotalLabel = (label: string): boolean => TOTAL_LABELS.includes(label.replace(/[\s:：]/g, ''));

/**
 * PDF text wraps long pipe rows: `| 职工医保 | 452316.27 | 398705.64` then `| 53610.63 | 612870.45 |`.
 * A row short of the header's width whose next line starts with a value and fills the width
 * exactly is one row. Each row is looked at once, with one row of look-ahead.
 */
function joinWrappedRows(rows: readonly Row[]): Row[] {
  const width = rows[0]?.length ?? 0;
  const out: Row[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const next = rows[k + 1];
    if (k > 0 && next && row.length < width && next.length > 0 && row.length + next.length === width && isValueLike(valueOf(next[0]!))) {
      out.push([...row, ...next]);
      k++;
    } else out.push(row);
  }
  return out;
}

export function extractTables(original: string, simplified: string, rules: readonly CompiledRule[]): TableRecord[] {
  // The contract is code unit for code unit; should a caller break it, match on the original
  // rather than return offsets that are not the original's.
  const doc: Doc = { original, work: simplified.length === original.length ? simplified : original };
  const lines = splitLines(doc);
  const used = new Uint8Array(lines.length);
  const reader = new TableReader(doc, rules);
  const n = lines.length;

  // 1. Pipe, tab and space blocks (rows of 2+ cells).
  for (let i = 0; i < n; ) {
    const kind = lines[i]!.kind;
    const family = kind === 'pipe' || kind === 'sep' ? 'pipe' : kind === 'tab' || kind === 'space' ? kind : null;
    if (family === null) {
      i++;
      continue;
    }
    const member = (l: Line): boolean => (family === 'pipe' ? l.kind === 'pipe' || l.kind === 'sep' : l.kind === family);
    const inner = (l: Line): boolean =>
      family === 'pipe' ? l.kind === 'pipecell' || l.kind === 'pipebreak' : isShortText(l);
    let j = i + 1;
    let last = i;
    while (j < n) {
      const l = lines[j]!;
      if (member(l)) {
        last = j;
        j++;
        continue;
      }
      if (l.kind === 'blank' || inner(l)) {
        // Section rows and blank lines stay inside only when the table goes on after them.
        let m = j;
        while (m < n && m - j <= 4 && (lines[m]!.kind === 'blank' || inner(lines[m]!))) m++;
        if (m < n && member(lines[m]!) && m - j <= 4) {
          j = m;
          continue;
        }
      }
      break;
    }
    const block = lines.slice(i, last + 1);
    const rowsOfBlock = block.filter((l) => l.kind !== 'blank' && l.kind !== 'sep' && l.kind !== 'pipebreak');
    const multi = rowsOfBlock.filter((l) => member(l)).length;
    if (multi >= 2) {
      for (let k = i; k <= last; k++) used[k] = 1;
      const rows = rowsOfBlock.map((l) => l.cells);
      reader.read({ rows: family === 'pipe' ? joinWrappedRows(rows) : rows, positional: family === 'space', ...captionUnit(lines, i, used) });
      i = last + 1;
    } else i++;
  }

  // 2. One cell per line ending in ` |`, rows ended by pipe-only lines.
  for (let i = 0; i < n; ) {
    if (used[i] || lines[i]!.kind !== 'pipecell') {
      i++;
      continue;
    }
    let j = i;
    let last = i;
    while (j < n && !used[j]) {
      const k = lines[j]!.kind;
      if (k === 'pipecell' || k === 'pipebreak') last = j;
      else if (k !== 'blank') break;
      j++;
    }
    // The last row often loses its final pipes: take the value lines that follow.
    let t = last + 1;
    while (t < n && !used[t] && lines[t]!.kind === 'text' && isValueLike(valueOf(lines[t]!.cells[0]!))) last = t++;
    const block = lines.slice(i, last + 1);
    for (let k = i; k <= last; k++) used[k] = 1;
    const caption = captionUnit(lines, i, used);
    if (block.some((l) => l.kind === 'pipebreak')) {
      const rows: Cell[][] = [];
      let cur: Cell[] = [];
      for (const l of block) {
        if (l.kind === 'pipebreak') {
          if (cur.length) rows.push(cur);
          cur = [];
        } else for (const c of l.cells) cur.push(c);
      }
      if (cur.length) rows.push(cur);
      reader.read({ rows, positional: false, ...caption });
    } else {
      const cells = block.flatMap((l) => l.cells);
      for (const t of periodicRows(cells)) reader.read({ rows: t.rows, positional: false, ...caption });
    }
    i = last + 1;
  }

  // 3. One cell per line, no pipes: runs of short lines holding a header block and label/value rows.
  const short = (l: Line): boolean => isShortText(l) || (l.kind === 'text' && isValueLike(valueOf(l.cells[0]!)));
  for (let i = 0; i < n; ) {
    if (used[i] || !short(lines[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !used[j] && short(lines[j]!)) j++;
    const run = lines.slice(i, j);
    const cells = run.map((l) => l.cells[0]!);
    for (const t of periodicRows(cells)) {
      if (t.rows.length < 2) continue;
      reader.read({ rows: t.rows, positional: false, ...captionUnit(lines, i + t.first, used) });
    }
    i = j;
  }

  return reader.records().sort((a, b) => a.start - b.start);
}
