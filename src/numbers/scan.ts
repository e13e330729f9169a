// The number grammar: find every figure in the normalized working text, left to right,
// non-overlapping, and say why the numeral-looking runs that are not quantities were refused.
//
// How linearity is ensured: there are no regular expressions here at all. One cursor walks the
// text once; at each position either nothing starts (the cursor moves one character) or a numeral
// is parsed forward (numeral.ts) and the cursor jumps past everything it consumed, figure or
// rejection alike. Around a numeral the scanner only looks a bounded distance: prefixes and cue
// words behind it are at most 6 characters, units and approximation words ahead are at most
// 5 characters, phone/document/date shapes read at most 9 more digits. The single unbounded
// look-ahead — peeking at the other end of a range (7-12月) — parses the very numeral the cursor
// will parse next, so every character is read at most a small constant number of times. Digit runs
// longer than MAX_INT_DIGITS are never turned into BigInts.
//
// Conventions worth knowing:
// - numStart..numEnd covers the sign (-3.96万), the numeral, 余/多 when a multiplier follows it
//   (3000余万), and a trailing 万/亿/千; start..end adds 约/近/超…, the unit and 左右/以上/上下.
// - `以下` is not an approximation (an upper bound) and is left out of the span.
// - A '-' is a sign only where it cannot be a range dash: not after a digit, %, '.', ')', a letter,
//   a multiplier, or the end of the previous figure/rejection (6.3%-67.9%, 7-12月, 3万元-5万元).
// - Arabic numbers with no unit are figures (table cells); Chinese numerals need a unit, a 百分之,
//   or a final 万/亿 (一千二百万); otherwise they are 'lexical' (一站式, 两定, 十四五).
// - Rejection spans cover the whole construct: 〔2022〕8号, 0714-6351234, 2024年, 第五, (一), 1.
// - The text before `from` is never read: `from` counts as the start of a line.
import {
  type Decimal,
  decimalToNumber,
  negateDecimal,
  normalizeDecimal,
  shiftDecimal,
} from './decimal.js';
import {
  APPROX_INFIXES,
  APPROX_PREFIXES,
  APPROX_PREFIX_BLOCKERS,
  APPROX_SUFFIXES,
  BRACKETS,
  CN_BIG,
  CN_DIGIT,
  CN_SMALL,
  HOTLINE_WORDS,
  LEXICAL_WORDS,
  LIST_BREAKS,
  MASK_CHARS,
  PHONE_CUES,
  POSTCODE_CUES,
  RANGE_CONNECTORS,
  VAGUE_BEFORE,
  VAGUE_BEFORE_BARE_UNIT,
  YIQI_CASE_FOLLOWERS,
} from './lexicon.js';
import { type Numeral, isAsciiLetter, isDigitAt, isMaskAt, parseNumeral } from './numeral.js';
import type { Figure, NonFigure, NonFigureReason, ScanResult } from './types.js';
import { matchUnit } from './units.js';

/** The figure's value as a JavaScript number (null when redacted). */
export function figureNumber(f: Figure): number | null {
  return f.value === null ? null : decimalToNumber(f.value);
}

const FINANCIAL_CAPITALS = '壹贰叁肆伍陆柒捌玖拾佰仟';

const DATE_UNITS = new Set(['年', '年度', '月', '月份', '日', '号', '季度']);

function isCircledNumber(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x2460 && c <= 0x249b) || (c >= 0x2776 && c <= 0x2793) || (c >= 0x3220 && c <= 0x3229) || (c >= 0x3280 && c <= 0x3289);
}

function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 0x3400 && c <= 0x9fff;
}

function isChineseNumeralStart(ch: string): boolean {
  return CN_DIGIT[ch] !== undefined || CN_SMALL[ch] !== undefined;
}

function hasWrittenZero(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text[k] === '〇' || text[k] === '零') return true;
  return false;
}

function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && (CN_DIGIT[ch] !== undefined || CN_SMALL[ch] !== undefined || CN_BIG[ch] !== undefined);
}

/** A small integer value (for date/time checks), or null when fractional or large. */
function smallInt(d: Decimal): number | null {
  const n = normalizeDecimal(d);
  if (n.scale !== 0 || n.digits < 0n || n.digits > 100000n) return null;
  return Number(n.digits);
}

/** 1 for code units the main loop can act on (circled numbers, 百, '-', digits, masks, Chinese numerals). */
const MAY_START = (() => {
  const t = new Uint8Array(0x10000);
  for (const [a, b] of [[0x2460, 0x249b], [0x2776, 0x2793], [0x3220, 0x3229], [0x3280, 0x3289]] as const) t.fill(1, a, b + 1); // isCircledNumber
  for (const ch of ['百', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ...MASK_CHARS, ...Object.keys(CN_DIGIT), ...Object.keys(CN_SMALL)]) {
    t[ch.charCodeAt(0)] = 1;
  }
  return t;
})();

/** False when no figure can start in text[from, to): no digit, Chinese numeral, mask, 百, sign or circled number. */
export function mayHoldFigure(text: string, from = 0, to: number = text.length): boolean {
  for (let i = Math.max(0, from), hi = Math.min(to, text.length); i < hi; i++) if (MAY_START[text.charCodeAt(i)] !== 0) return true;
  return false;
}

export function scanFigures(text: string, from = 0, to: number = text.length): ScanResult {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const figures: Figure[] = [];
  const rejected: NonFigure[] = [];
  let lastEnd = -1; // end of the last figure or rejection
  let lastOrdinalEnd = -1;

  const at = (i: number): string | undefined => (i >= lo && i < hi ? text[i] : undefined);
  const startsAt = (word: string, i: number): boolean => i >= lo && i + word.length <= hi && text.startsWith(word, i);
  const digit = (i: number): boolean => isDigitAt(text, i, hi) && i >= lo;
  const isListPos = (i: number): boolean => i <= lo || LIST_BREAKS.includes(text[i - 1]!);

  const reject = (start: number, end: number, reason: NonFigureReason): number => {
    rejected.push({ start, end, reason });
    lastEnd = end;
    if (reason === 'ordinal') lastOrdinalEnd = end;
    return end;
  };

  /** Count digits from `i`, at most `max + 1`, so callers can check an exact length cheaply. */
  const countDigits = (i: number, max: number): number => {
    let k = 0;
    while (k <= max && digit(i + k)) k++;
    return k;
  };

  /** A cue word ending at `i`, allowing ':' '为' '是' (up to two) between cue and number. */
  const cueBefore = (i: number, cues: readonly string[]): boolean => {
    let b = i;
    for (let k = 0; k < 2 && (at(b - 1) === ':' || at(b - 1) === '为' || at(b - 1) === '是'); k++) b--;
    return cues.some((c) => startsAt(c, b - c.length));
  };

  /** The connector right before `i`, if the text between `end` and `i` is exactly one. */
  const connectorBetween = (end: number, i: number): boolean =>
    end >= lo && end < i && RANGE_CONNECTORS.some((c) => c.length === i - end && startsAt(c, end));

  /** The approximation prefix ending at `s`, or null. */
  const approxPrefix = (s: number): string | null => {
    for (const pre of APPROX_PREFIXES) {
      const b = s - pre.length;
      if (b < lo || !text.startsWith(pre, b)) continue;
      const blockers = APPROX_PREFIX_BLOCKERS[pre];
      const before = at(b - 1);
      if (pre.length === 1 && blockers !== undefined && before !== undefined && blockers.includes(before)) continue;
      return pre;
    }
    return null;
  };

  const isDateLike = (unit: string | null, n: Numeral, value: Decimal, s: number): boolean => {
    if (unit === null || !DATE_UNITS.has(unit)) return false;
    const v = smallInt(value);
    switch (unit) {
      case '年': {
        if (n.redacted) return true;
        const yearDigits = n.simple && n.first !== null && !n.first.grouped && !n.first.hasFrac && n.first.intDigits === 4;
        const yearChinese = !n.arabic && n.positional && n.positionalDigits === 4;
        return (yearDigits || yearChinese) && v !== null && v >= 1900 && v <= 2100;
      }
      case '年度':
        return n.redacted || v !== null;
      case '月':
      case '月份':
        return n.redacted || (v !== null && v >= 1 && v <= 12);
      case '日':
        return n.redacted || (v !== null && v >= 1 && v <= 31);
      case '号':
        return at(s - 1) === '月' && v !== null && v >= 1 && v <= 31;
      case '季度':
        return v !== null && v >= 1 && v <= 4;
      default:
        return false;
    }
  };

  /** Peek at the other end of a range starting after `e` (7-12月): its numeral and unit. */
  const peekRangeEnd = (e: number): { n: Numeral; unit: string | null; start: number } | null => {
    for (const c of RANGE_CONNECTORS) {
      if (!startsAt(c, e)) continue;
      const k = e + c.length;
      const ch = at(k);
      if (ch === undefined) return null;
      if (!digit(k) && !isChineseNumeralStart(ch)) return null;
      const n = parseNumeral(text, k, hi);
      if (!n) return null;
      let u = n.end;
      if (at(u) === '余' || at(u) === '多') u++;
      return { n, unit: matchUnit(text, u, hi), start: k };
    }
    return null;
  };

  /** Everything after the numeral: 余/多 (+ multiplier), the unit, 左右/以上/上下. */
  interface Tail {
    value: Decimal;
    numEnd: number;
    lastMult: number;
    unit: string | null;
    unitStart: number;
    end: number;
    approximate: boolean;
  }
  const readTail = (n: Numeral, allowAlt: boolean): Tail => {
    let value = n.value;
    let numEnd = n.end;
    let lastMult = n.lastMult;
    let q = n.end;
    let approximate = false;
    let infix = false;
    const c0 = at(q);
    if (c0 !== undefined && (APPROX_INFIXES as readonly string[]).includes(c0)) {
      const a = at(q + 1);
      const big = a !== undefined ? CN_BIG[a] : undefined;
      const unitAfter = matchUnit(text, q + 1, hi);
      const ok = big !== undefined || unitAfter !== null || (c0 === '余' && !isCjk(a));
      if (ok) {
        infix = true;
        approximate = true;
        q++;
        let applied = lastMult;
        for (;;) {
          const k = at(q) !== undefined ? CN_BIG[at(q)!] : undefined;
          if (k === undefined || k <= applied) break;
          value = shiftDecimal(value, k);
          applied = k;
          lastMult = k;
          q++;
          numEnd = q;
        }
      }
    }
    let unit = matchUnit(text, q, hi);
    if (unit === null && !infix && allowAlt && n.alt !== null) {
      value = n.alt.value;
      numEnd = n.alt.end;
      lastMult = n.alt.lastMult;
      q = numEnd;
    }
    const unitStart = q;
    if (unit !== null) q += unit.length;
    for (const suf of APPROX_SUFFIXES) {
      if (startsAt(suf, q)) {
        approximate = true;
        q += suf.length;
        break;
      }
    }
    return { value, numEnd, lastMult, unit, unitStart, end: q, approximate };
  };

  const emitFigure = (
    start: number,
    numStart: number,
    tail: Tail,
    opts: { negative: boolean; redacted: boolean; chinese: boolean; prefixApprox: boolean; unit?: string },
  ): number => {
    const unit = opts.unit ?? tail.unit;
    figures.push({
      start,
      end: tail.end,
      numStart,
      numEnd: tail.numEnd,
      value: opts.redacted ? null : opts.negative ? negateDecimal(tail.value) : tail.value,
      unit,
      bareMultiplier: unit === null && tail.lastMult > 0,
      approximate: opts.prefixApprox || tail.approximate,
      redacted: opts.redacted,
      chinese: opts.chinese,
    });
    lastEnd = tail.end;
    return tail.end;
  };

  /** Figure with an approximation prefix looked up behind `s`. */
  const finishFigure = (s: number, tail: Tail, negative: boolean, redacted: boolean, chinese: boolean): number => {
    const pre = approxPrefix(s);
    return emitFigure(pre ? s - pre.length : s, s, tail, { negative, redacted, chinese, prefixApprox: pre !== null });
  };

  // ---------------------------------------------------------------- 百分之…
  const handlePercentWords = (i: number): number | null => {
    const p = i + 3;
    const ch = at(p);
    if (ch === undefined || (!digit(p) && !isChineseNumeralStart(ch))) return null;
    const n = parseNumeral(text, p, hi);
    if (!n) return null;
    let q = n.end;
    let approximate = false;
    for (const suf of APPROX_SUFFIXES) {
      if (startsAt(suf, q)) {
        approximate = true;
        q += suf.length;
        break;
      }
    }
    const pre = approxPrefix(i);
    const tail: Tail = { value: n.value, numEnd: n.end, lastMult: 0, unit: '%', unitStart: i, end: q, approximate };
    return emitFigure(pre ? i - pre.length : i, p, tail, {
      negative: false,
      redacted: false,
      chinese: !n.arabic,
      prefixApprox: pre !== null,
      unit: '%',
    });
  };

  // ---------------------------------------------------------------- XX万元
  const handleMask = (i: number): number => {
    let runEnd = i;
    while (isMaskAt(text, runEnd, hi)) runEnd++;
    const before = at(i - 1);
    if ((isAsciiLetter(before) && !isMaskAt(text, i - 1, hi)) || digit(i - 1)) return runEnd;
    const n = parseNumeral(text, i, hi, true);
    if (!n) return runEnd;
    const tail = readTail(n, false);
    const after = at(tail.unitStart);
    if (tail.unit === null && tail.lastMult === 0) return Math.max(runEnd, n.end);
    if (runEnd - i < 2 && tail.lastMult === 0) return Math.max(runEnd, n.end);
    if (tail.unit === null && isAsciiLetter(after)) return Math.max(runEnd, n.end);
    if (at(i - 1) === '第') return reject(i - 1, n.end, 'ordinal');
    if (tail.unit !== null && DATE_UNITS.has(tail.unit) && tail.unit !== '号' && tail.unit !== '季度') {
      return reject(i, tail.unitStart + tail.unit.length, 'date');
    }
    return finishFigure(i, tail, false, true, false);
  };

  // ---------------------------------------------------------------- numerals
  /** `s` is where the figure starts (the sign when negative), `p` the first numeral character. */
  const handleNumeral = (s: number, p: number, negative: boolean): number => {
    const n = parseNumeral(text, p, hi);
    if (!n) return p + 1;
    const first = n.first;
    const prev = at(s - 1);

    if (n.arabic) {
      // Identifiers: DIP2.0, COVID-19, 5G.
      const letterBefore = isAsciiLetter(prev) || ((prev === '-' || prev === '.') && isAsciiLetter(at(s - 2)));
      if (letterBefore || isAsciiLetter(at(n.end))) {
        let e = n.end;
        while (e < hi && (isAsciiLetter(text[e]) || digit(e))) e++;
        return reject(s, e, 'lexical');
      }
      if (first?.tooLong) return reject(s, n.end, 'lexical');
      if (first?.dotted) {
        const year = first.int.length === 4 && Number(first.int) >= 1900 && Number(first.int) <= 2100;
        return reject(s, n.end, year && first.dottedParts === 3 ? 'date' : 'section');
      }
    }

    // Ordinals: 第五人民医院, 第一批, 第3季度; and the second half of 第一、二批 / 第一至七批.
    if (prev === '第') return reject(s - 1, n.end, 'ordinal');
    if (connectorBetween(lastOrdinalEnd, s)) return reject(s, n.end, 'ordinal');

    if (n.simple && first !== null && !first.masked && !first.hasFrac && !first.grouped && !negative) {
      const int = first.int;
      const nd = first.intDigits;
      const v = nd <= 6 ? Number(int) : null;
      const isYear = nd === 4 && v !== null && v >= 1900 && v <= 2100;
      // Document numbers: 〔2022〕8号, [2021]3号, 峄政办发〔2022〕8号.
      const close = isYear && prev !== undefined ? BRACKETS[prev] : undefined; // only read for a year
      if (isYear && close !== undefined && at(n.end) === close) {
        const e = n.end + 1;
        const k = countDigits(e, 8);
        if (k >= 1 && k <= 8 && at(e + k) === '号') return reject(s - 1, e + k + 1, 'doc_number');
        return reject(s - 1, e, prev === '(' || prev === '（' ? 'date' : 'doc_number');
      }
      // Dates written with separators: 2024-06-30, 2024/6/30.
      const sep = at(n.end);
      if (isYear && (sep === '-' || sep === '/')) {
        const k1 = countDigits(n.end + 1, 2);
        if (k1 >= 1 && k1 <= 2 && at(n.end + 1 + k1) === sep) {
          const k2 = countDigits(n.end + 2 + k1, 2);
          if (k2 >= 1 && k2 <= 2) return reject(s, n.end + 2 + k1 + k2, 'date');
        }
      }
      // Phones: 0714-6351234, 13812345678.
      if (int[0] === '0' && (nd === 3 || nd === 4) && sep === '-') {
        const k = countDigits(n.end + 1, 8);
        if (k >= 7 && k <= 8) return reject(s, n.end + 1 + k, 'phone');
      }
      if (nd === 11 && int[0] === '1' && '3456789'.includes(int[1]!)) return reject(s, n.end, 'phone');
      // Times: 8:30.
      if (v !== null && nd <= 2 && v <= 24 && sep === ':' && countDigits(n.end + 1, 2) === 2) {
        return reject(s, n.end + 3, 'time');
      }
    }

    const tail = readTail(n, !n.arabic);
    const { unit } = tail;
    const value = tail.value;
    const v = smallInt(value);
    const unitEnd = tail.unitStart + (unit?.length ?? 0);

    // Dates by unit: 2024年, 2024年度, 6月, 30日, 1-4月份, 二〇二四年, 12月12号.
    if (!negative && isDateLike(unit, n, value, s)) return reject(s, unitEnd, 'date');
    if (unit === '号') return reject(s, unitEnd, 'doc_number');
    // Times by unit: 9时, 9时30分, 8点30分.
    if (!negative && v !== null) {
      if (unit === '时' && v <= 24) return reject(s, unitEnd, 'time');
      if (unit === '分' && (prev === '时' || prev === '点') && v < 60) return reject(s, unitEnd, 'time');
      if (unit === '点' && v <= 24) {
        const a = at(unitEnd);
        if (a === '半' || a === '钟' || (digit(unitEnd) && countDigits(unitEnd, 2) <= 2 && at(unitEnd + countDigits(unitEnd, 2)) === '分')) {
          return reject(s, unitEnd, 'time');
        }
      }
    }

    if (n.simple && first !== null && !first.masked && !first.hasFrac && !negative && unit === null) {
      const nd = first.intDigits;
      // Hotlines and phones named by a cue: 12345热线, 拨打12393, 电话:6351234.
      if (nd >= 3 && nd <= 12 && !first.grouped) {
        let hot = startsAt('电话', n.end);
        for (let j = 0; !hot && j <= 10; j++) {
          if (HOTLINE_WORDS.some((w) => w === '热线' && startsAt(w, n.end + j))) hot = true;
          else if (!isCjk(at(n.end + j))) break;
        }
        if (hot || cueBefore(s, PHONE_CUES)) return reject(s, n.end, 'phone');
      }
      if (nd === 6 && !first.grouped && cueBefore(s, POSTCODE_CUES)) return reject(s, n.end, 'postcode');
      // Section numbers: 1.居民 (the decimal needs digits after the point), 1、 / 1) at a list position, (1), [1].
      if (nd <= 2 && !first.grouped) {
        const after = at(n.end);
        if (after === '.') return reject(s, n.end + 1, 'section');
        if ((after === '、' || after === ')') && isListPos(s)) return reject(s, n.end + 1, 'section');
        if (prev !== undefined && BRACKETS[prev] !== undefined && after === BRACKETS[prev]) return reject(s - 1, n.end + 1, 'section');
      }
    }

    if (!n.arabic) {
      // Chinese numerals are figures only with a unit (三家, 三万余人), or ending in 万/亿 (一千二百万).
      const lexical = (): number => {
        let e = n.end;
        if (n.brokeOnDigit) while (e < hi && isNumeralChar(text[e])) e++;
        return reject(s, e, 'lexical');
      };
      // A lone financial capital is a word (下陆区, 队伍, 收拾), not a numeral.
      if (n.end - s === 1 && FINANCIAL_CAPITALS.includes(text[s]!)) return lexical();
      if (prev !== undefined && VAGUE_BEFORE.includes(prev)) return lexical();
      if (!n.chineseDigit && prev !== undefined && VAGUE_BEFORE_BARE_UNIT.includes(prev)) return lexical();
      for (const [word, offset] of LEXICAL_WORDS) {
        if (startsAt(word, s - offset)) {
          if (word === '一起' && YIQI_CASE_FOLLOWERS.some((f) => startsAt(f, s + 2))) continue;
          return lexical();
        }
      }
      // 一人一档, 一院一策: a pattern, not a count.
      if (text[s] === '一' && at(s + 2) === '一' && !isNumeralChar(at(s + 1)) && !isNumeralChar(at(s + 3))) return lexical();
      const after = at(n.end);
      if (after === '是') return reject(s, n.end + 1, 'section');
      if (prev !== undefined && BRACKETS[prev] !== undefined && after === BRACKETS[prev]) return reject(s - 1, n.end + 1, 'section');
      if ((after === '、' || after === '.') && isListPos(s) && unit === null) return reject(s, n.end + 1, 'section');
      // Place-by-place digits (一一, 二〇二四) are a figure only as a year (handled above) or with 〇/零.
      if (n.positional && !hasWrittenZero(text, s, n.end)) return lexical();
      if (unit === null && tail.lastMult < 4) {
        const peek = peekRangeEnd(n.end);
        if (peek && isDateLike(peek.unit, peek.n, peek.n.value, peek.start)) return reject(s, n.end, 'date');
        if (peek && peek.unit !== null) return finishFigure(s, tail, false, false, true);
        return lexical();
      }
      if (unit === null && !n.chineseDigit) return lexical();
    }

    // The first end of a range whose other end is a date: 7-12月, 1-4月份, 2019-2021年.
    if (unit === null && !negative) {
      const peek = peekRangeEnd(tail.end);
      if (peek && isDateLike(peek.unit, peek.n, peek.n.value, peek.start)) {
        const firstOk = isDateLike(peek.unit, n, value, s) || (peek.unit !== '年' && v !== null);
        if (firstOk) return reject(s, n.end, 'date');
      }
    }

    return finishFigure(s, tail, negative, n.redacted, !n.arabic);
  };

  // ---------------------------------------------------------------- the single pass
  const isSignAt = (i: number): boolean => {
    if (!digit(i + 1) || lastEnd === i) return false;
    const pc = at(i - 1);
    if (pc === undefined) return true;
    if (digit(i - 1) || pc === '%' || pc === '.' || pc === ')' || isAsciiLetter(pc) || isMaskAt(text, i - 1, hi)) return false;
    if (CN_BIG[pc] !== undefined || CN_SMALL[pc] !== undefined) return false;
    return true;
  };

  let i = lo;
  while (i < hi) {
    // Most characters start nothing: skip them on a table lookup (no one-character string made).
    if (MAY_START[text.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const ch = text[i]!;
    let next: number;
    if (isCircledNumber(ch)) {
      next = reject(i, i + 1, 'section');
    } else if (ch === '百' && startsAt('百分之', i)) {
      next = handlePercentWords(i) ?? i + 3;
    } else if (ch === '-' && isSignAt(i)) {
      next = handleNumeral(i, i + 1, true);
    } else if (digit(i)) {
      next = handleNumeral(i, i, false);
    } else if (isMaskAt(text, i, hi)) {
      next = handleMask(i);
    } else if (isChineseNumeralStart(ch)) {
      next = handleNumeral(i, i, false);
    } else {
      next = i + 1;
    }
    i = next > i ? next : i + 1;
  }
  return { figures, rejected };
}
