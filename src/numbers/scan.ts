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
//
// Speed: characters are compared as code units (chars.ts), never as one-character strings; the
// word lists are entered through their first or last code unit, so a position where no word can
// match costs one table load. One FigureScanner object per call holds the state (no closures).
import {
  addDecimal,
  type Decimal,
  decimalToNumber,
  negateDecimal,
  normalizeDecimal,
  shiftDecimal,
} from './decimal.js';
import {
  CodeIndex,
  NO_CHAR,
  cnBigExp,
  cnSmallExp,
  includesCode,
  isApproxInfixCode,
  isAsciiLetterCode,
  isCircledNumberCode,
  isCjkCode,
  isDigitCode,
  isFinancialCapitalCode,
  isListBreakCode,
  isMaskCode,
  isNumeralCode,
  isNumeralStartCode,
  isVagueBeforeBareUnitCode,
  isVagueBeforeCode,
  mayStartApproxSuffix,
  mayStartRangeConnector,
  skipToMayStart,
  wordAt,
} from './chars.js';
import {
  APPROX_PREFIXES,
  APPROX_PREFIX_BLOCKERS,
  APPROX_SUFFIXES,
  BRACKETS,
  HOTLINE_WORDS,
  LEXICAL_WORDS,
  PHONE_CUES,
  POSTCODE_CUES,
  RANGE_CONNECTORS,
  YIQI_CASE_FOLLOWERS,
} from './lexicon.js';
import { type Numeral, parseNumeral, peekNumeral } from './numeral.js';
import type { Figure, NonFigure, NonFigureReason, ScanResult } from './types.js';
import { matchUnit } from './units.js';

/** The figure's value as a JavaScript number (null when redacted). */
export function figureNumber(f: Figure): number | null {
  return f.value === null ? null : decimalToNumber(f.value);
}

/** Units of dates (2024年, 2024年度, 6月, 1-4月份, 30日, 12月12号, 第3季度); unit tokens are compared by identity, not hashed. */
function isDateUnit(unit: string): boolean {
  switch (unit) {
    case '年':
    case '年度':
    case '月':
    case '月份':
    case '日':
    case '号':
    case '季度':
      return true;
    default:
      return false;
  }
}

/** 数, and the characters that make it the end of a noun before a numeral (人数, 次数, 户数, 总数, 件数, 家数). */
const SHU = 0x6570;
const COUNT_NOUN_BEFORE_SHU = new Set([...'人次户总件家'].map((ch) => ch.charCodeAt(0)));
const ZERO: Decimal = { digits: 0n, scale: 0 };

/** Code units the scanner compares with. */
const code = (ch: string): number => ch.charCodeAt(0);
const HYPHEN = code('-');
const SLASH = code('/');
const POINT = code('.');
const COLON = code(':');
const PERCENT = code('%');
const PAREN_OPEN = code('(');
const PAREN_CLOSE = code(')');
const FULLWIDTH_PAREN_OPEN = code('（');
const ENUMERATION_COMMA = code('、');
const BAI = code('百');
const DI = code('第');
const YI = code('一');
const YUE = code('月');
const HAO = code('号');
const SHI_HOUR = code('时');
const DIAN = code('点');
const FEN = code('分');
const BAN = code('半');
const ZHONG = code('钟');
const SHI_IS = code('是');
const WEI = code('为');
const YU = code('余');
const RE = code('热');
const LING = code('零');
const LING_CIRCLE = code('〇');

/** BRACKETS as two aligned strings of code units. */
const OPENING_BRACKETS = Object.keys(BRACKETS).join('');
const CLOSING_BRACKETS = Object.values(BRACKETS).join('');
/** The closing bracket of an opening one (〔 → 〕), or NO_CHAR. */
function closingBracket(c: number): number {
  for (let k = 0; k < OPENING_BRACKETS.length; k++) if (OPENING_BRACKETS.charCodeAt(k) === c) return CLOSING_BRACKETS.charCodeAt(k);
  return NO_CHAR;
}

/** APPROX_PREFIXES by their last code unit (the character right before the numeral), longest first as listed. */
const APPROX_PREFIXES_BY_LAST = new CodeIndex(APPROX_PREFIXES, (pre) => pre.charCodeAt(pre.length - 1));

/** One of LEXICAL_WORDS, with the code unit after the numeral's first character (to skip most words on one compare). */
interface LexicalWord {
  word: string;
  offset: number;
  next: number; // NO_CHAR when the word ends with that character
}
/** LEXICAL_WORDS by the code unit where the numeral starts inside the word, in list order. */
const LEXICAL_WORDS_BY_NUMERAL = new CodeIndex<LexicalWord>(
  LEXICAL_WORDS.map(([word, offset]) => ({ word, offset, next: offset + 1 < word.length ? word.charCodeAt(offset + 1) : NO_CHAR })),
  (w) => w.word.charCodeAt(w.offset),
);

/** A small integer value (for date/time checks), or null when fractional or large. */
function smallInt(d: Decimal): number | null {
  const n = d.scale === 0 ? d : normalizeDecimal(d);
  if (n.scale !== 0 || n.digits < 0n || n.digits > 100000n) return null;
  return Number(n.digits);
}

/** False when no figure can start in text[from, to): no digit, Chinese numeral, mask, 百, sign or circled number. */
export function mayHoldFigure(text: string, from = 0, to: number = text.length): boolean {
  const hi = Math.min(to, text.length);
  return skipToMayStart(text, Math.max(0, from), hi) < hi;
}

export function scanFigures(text: string, from = 0, to: number = text.length): ScanResult {
  const scanner = new FigureScanner(text, from, to);
  scanner.scan();
  return { figures: scanner.figures, rejected: scanner.rejected };
}

/** The other end of a range (7-12月): its numeral, its unit and where it starts. */
interface RangeEnd {
  n: Numeral;
  unit: string | null;
  start: number;
}

/** One scan of text[lo, hi): the single pass and the checks around each numeral. */
class FigureScanner {
  readonly figures: Figure[] = [];
  readonly rejected: NonFigure[] = [];
  private readonly lo: number;
  private readonly hi: number;
  private lastEnd = -1; // end of the last figure or rejection
  private lastOrdinalEnd = -1;
  // The tail of the numeral being handled, as readTail read it (fields, not an object per numeral):
  // 余/多 (+ multiplier), the unit, 左右/以上/上下.
  private tailValue: Decimal = ZERO;
  private tailNumEnd = 0;
  private tailLastMult = 0;
  private tailUnit: string | null = null;
  private tailUnitStart = 0;
  private tailEnd = 0;
  private tailApproximate = false;

  constructor(
    private readonly text: string,
    from: number,
    to: number,
  ) {
    this.lo = Math.max(0, Math.min(from, text.length));
    this.hi = Math.max(this.lo, Math.min(to, text.length));
  }

  // ---------------------------------------------------------------- the single pass
  scan(): void {
    const { text, hi } = this;
    let i = this.lo;
    for (;;) {
      // Most characters start nothing: skip them on one bitset test each.
      i = skipToMayStart(text, i, hi);
      if (i >= hi) break;
      const c = text.charCodeAt(i);
      // The classes are disjoint, so the order only puts the usual cases first (百 before the other numerals).
      let next: number;
      if (isDigitCode(c)) {
        next = this.handleNumeral(i, i, false);
      } else if (c === BAI && this.startsAt('百分之', i)) {
        next = this.handlePercentWords(i) ?? i + 3;
      } else if (isNumeralStartCode(c)) {
        next = this.handleNumeral(i, i, false);
      } else if (c === HYPHEN) {
        next = this.isSignAt(i) ? this.handleNumeral(i, i + 1, true) : i + 1;
      } else if (isMaskCode(c)) {
        next = this.handleMask(i);
      } else if (isCircledNumberCode(c)) {
        next = this.reject(i, i + 1, 'section');
      } else {
        next = i + 1;
      }
      i = next > i ? next : i + 1;
    }
  }

  // ---------------------------------------------------------------- reading around
  /** The code unit at `i`, or NO_CHAR outside [lo, hi). */
  private codeAt(i: number): number {
    return i >= this.lo && i < this.hi ? this.text.charCodeAt(i) : NO_CHAR;
  }

  private startsAt(word: string, i: number): boolean {
    return i >= this.lo && i + word.length <= this.hi && wordAt(this.text, word, i);
  }

  private digit(i: number): boolean {
    return isDigitCode(this.codeAt(i));
  }

  private isListPos(i: number): boolean {
    return i <= this.lo || isListBreakCode(this.text.charCodeAt(i - 1));
  }

  private reject(start: number, end: number, reason: NonFigureReason): number {
    this.rejected.push({ start, end, reason });
    this.lastEnd = end;
    if (reason === 'ordinal') this.lastOrdinalEnd = end;
    return end;
  }

  /** Count digits from `i`, at most `max + 1`, so callers can check an exact length cheaply. */
  private countDigits(i: number, max: number): number {
    let k = 0;
    while (k <= max && this.digit(i + k)) k++;
    return k;
  }

  /** A cue word ending at `i`, allowing ':' '为' '是' (up to two) between cue and number. */
  private cueBefore(i: number, cues: readonly string[]): boolean {
    let b = i;
    for (let k = 0; k < 2; k++) {
      const c = this.codeAt(b - 1);
      if (c !== COLON && c !== WEI && c !== SHI_IS) break;
      b--;
    }
    for (const cue of cues) if (this.startsAt(cue, b - cue.length)) return true;
    return false;
  }

  /** The connector right before `i`, if the text between `end` and `i` is exactly one. */
  private connectorBetween(end: number, i: number): boolean {
    if (end < this.lo || end >= i || !mayStartRangeConnector(this.text.charCodeAt(end))) return false;
    for (const c of RANGE_CONNECTORS) if (c.length === i - end && this.startsAt(c, end)) return true;
    return false;
  }

  /** The approximation prefix ending at `s`, or null. */
  private approxPrefix(s: number): string | null {
    const candidates = APPROX_PREFIXES_BY_LAST.get(this.codeAt(s - 1));
    if (candidates === undefined) return null;
    for (const pre of candidates) {
      const b = s - pre.length;
      if (b < this.lo || !wordAt(this.text, pre, b)) continue;
      const blockers = APPROX_PREFIX_BLOCKERS[pre];
      const before = this.codeAt(b - 1);
      if (pre.length === 1 && blockers !== undefined && before !== NO_CHAR && includesCode(blockers, before)) continue;
      return pre;
    }
    return null;
  }

  private isDateLike(unit: string | null, n: Numeral, value: Decimal, s: number): boolean {
    if (unit === null || !isDateUnit(unit)) return false;
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
        return this.codeAt(s - 1) === YUE && v !== null && v >= 1 && v <= 31;
      case '季度':
        return v !== null && v >= 1 && v <= 4;
      default:
        return false;
    }
  }

  /** Peek at the other end of a range starting after `e` (7-12月): its numeral and unit. */
  private peekRangeEnd(e: number): RangeEnd | null {
    if (!mayStartRangeConnector(this.codeAt(e))) return null;
    for (const c of RANGE_CONNECTORS) {
      if (!this.startsAt(c, e)) continue;
      const k = e + c.length;
      const ch = this.codeAt(k);
      if (!isDigitCode(ch) && !isNumeralStartCode(ch)) return null;
      const n = peekNumeral(this.text, k, this.hi); // the current numeral stays intact
      if (!n) return null;
      let u = n.end;
      if (isApproxInfixCode(this.codeAt(u))) u++;
      return { n, unit: matchUnit(this.text, u, this.hi), start: k };
    }
    return null;
  }

  /** The approximation suffix at `q` (左右, 以上, 上下), or null. */
  private approxSuffix(q: number): string | null {
    if (!mayStartApproxSuffix(this.codeAt(q))) return null;
    for (const suf of APPROX_SUFFIXES) if (this.startsAt(suf, q)) return suf;
    return null;
  }

  /** Read what follows the numeral into the tail fields. */
  private readTail(n: Numeral, allowAlt: boolean): void {
    const { text, hi } = this;
    let value = n.value;
    let numEnd = n.end;
    let lastMult = n.lastMult;
    let q = n.end;
    let approximate = false;
    let infix = false;
    const c0 = this.codeAt(q);
    if (isApproxInfixCode(c0)) {
      const a = this.codeAt(q + 1);
      const ok = cnBigExp(a) >= 0 || matchUnit(text, q + 1, hi) !== null || (c0 === YU && !isCjkCode(a));
      if (ok) {
        infix = true;
        approximate = true;
        q++;
        let applied = lastMult;
        // 三亿四千六百多万: 万 multiplies what follows 亿 (4600), not the 3亿 with it.
        let high = n.high;
        let rest = n.rest;
        for (;;) {
          const k = cnBigExp(this.codeAt(q));
          if (k < 0 || k <= applied) break;
          if (high.digits === 0n || k >= 8) {
            value = shiftDecimal(value, k);
            high = ZERO;
          } else {
            rest = shiftDecimal(rest, k);
            value = addDecimal(high, rest);
          }
          applied = k;
          lastMult = k;
          q++;
          numEnd = q;
        }
      }
    }
    const unit = matchUnit(text, q, hi);
    if (unit === null && !infix && allowAlt && n.alt !== null) {
      value = n.alt.value;
      numEnd = n.alt.end;
      lastMult = n.alt.lastMult;
      q = numEnd;
    }
    const unitStart = q;
    if (unit !== null) q += unit.length;
    const suffix = this.approxSuffix(q);
    if (suffix !== null) {
      approximate = true;
      q += suffix.length;
    }
    this.tailValue = value;
    this.tailNumEnd = numEnd;
    this.tailLastMult = lastMult;
    this.tailUnit = unit;
    this.tailUnitStart = unitStart;
    this.tailEnd = q;
    this.tailApproximate = approximate;
  }

  // ---------------------------------------------------------------- figures
  /** A figure ending where the tail fields say. */
  private emitFigure(start: number, numStart: number, value: Decimal | null, unit: string | null, approximate: boolean, redacted: boolean, chinese: boolean): number {
    const end = this.tailEnd;
    this.figures.push({
      start,
      end,
      numStart,
      numEnd: this.tailNumEnd,
      value,
      unit,
      bareMultiplier: unit === null && this.tailLastMult > 0,
      approximate,
      redacted,
      chinese,
    });
    this.lastEnd = end;
    return end;
  }

  /** Figure with an approximation prefix looked up behind `s`. */
  private finishFigure(s: number, negative: boolean, redacted: boolean, chinese: boolean): number {
    const pre = this.approxPrefix(s);
    const value = redacted ? null : negative ? negateDecimal(this.tailValue) : this.tailValue;
    return this.emitFigure(pre !== null ? s - pre.length : s, s, value, this.tailUnit, pre !== null || this.tailApproximate, redacted, chinese);
  }

  // ---------------------------------------------------------------- 百分之…
  private handlePercentWords(i: number): number | null {
    const p = i + 3;
    const c = this.codeAt(p);
    if (!isDigitCode(c) && !isNumeralStartCode(c)) return null;
    const n = parseNumeral(this.text, p, this.hi);
    if (!n) return null;
    let q = n.end;
    const suffix = this.approxSuffix(q);
    if (suffix !== null) q += suffix.length;
    const pre = this.approxPrefix(i);
    this.tailNumEnd = n.end;
    this.tailLastMult = 0;
    this.tailEnd = q;
    return this.emitFigure(pre !== null ? i - pre.length : i, p, n.value, '%', pre !== null || suffix !== null, false, !n.arabic);
  }

  // ---------------------------------------------------------------- XX万元
  private handleMask(i: number): number {
    const { text, hi } = this;
    let runEnd = i;
    while (runEnd < hi && isMaskCode(text.charCodeAt(runEnd))) runEnd++;
    const before = this.codeAt(i - 1);
    if ((isAsciiLetterCode(before) && !isMaskCode(before)) || isDigitCode(before)) return runEnd;
    const n = parseNumeral(text, i, hi, true);
    if (!n) return runEnd;
    this.readTail(n, false);
    const unit = this.tailUnit;
    if (unit === null && this.tailLastMult === 0) return Math.max(runEnd, n.end);
    if (runEnd - i < 2 && this.tailLastMult === 0) return Math.max(runEnd, n.end);
    if (unit === null && isAsciiLetterCode(this.codeAt(this.tailUnitStart))) return Math.max(runEnd, n.end);
    if (before === DI) return this.reject(i - 1, n.end, 'ordinal');
    if (unit !== null && isDateUnit(unit) && unit !== '号' && unit !== '季度') {
      return this.reject(i, this.tailUnitStart + unit.length, 'date');
    }
    return this.finishFigure(i, false, true, false);
  }

  // ---------------------------------------------------------------- numerals
  /** `s` is where the figure starts (the sign when negative), `p` the first numeral character. */
  private handleNumeral(s: number, p: number, negative: boolean): number {
    const { text, hi } = this;
    const n = parseNumeral(text, p, hi);
    if (!n) return p + 1;
    const first = n.first;
    const prev = this.codeAt(s - 1);

    if (n.arabic) {
      // Identifiers: DIP2.0, COVID-19, 5G.
      const letterBefore = isAsciiLetterCode(prev) || ((prev === HYPHEN || prev === POINT) && isAsciiLetterCode(this.codeAt(s - 2)));
      if (letterBefore || isAsciiLetterCode(this.codeAt(n.end))) {
        let e = n.end;
        while (e < hi && (isAsciiLetterCode(text.charCodeAt(e)) || isDigitCode(text.charCodeAt(e)))) e++;
        return this.reject(s, e, 'lexical');
      }
      if (first?.tooLong) return this.reject(s, n.end, 'lexical');
      if (first?.dotted) {
        const year = first.intDigits === 4 && first.intValue >= 1900 && first.intValue <= 2100;
        return this.reject(s, n.end, year && first.dottedParts === 3 ? 'date' : 'section');
      }
    }

    // Ordinals: 第五人民医院, 第一批, 第3季度; and the second half of 第一、二批 / 第一至七批.
    if (prev === DI) return this.reject(s - 1, n.end, 'ordinal');
    if (this.connectorBetween(this.lastOrdinalEnd, s)) return this.reject(s, n.end, 'ordinal');

    if (n.simple && first !== null && !first.masked && !first.hasFrac && !first.grouped && !negative) {
      const rejectedAt = this.rejectPlainInteger(s, n, first.intValue, first.intDigits, prev);
      if (rejectedAt >= 0) return rejectedAt;
    }

    this.readTail(n, !n.arabic);
    const unit = this.tailUnit;
    const value = this.tailValue;
    const unitEnd = this.tailUnitStart + (unit?.length ?? 0);

    // Dates by unit: 2024年, 2024年度, 6月, 30日, 1-4月份, 二〇二四年, 12月12号.
    if (!negative && this.isDateLike(unit, n, value, s)) return this.reject(s, unitEnd, 'date');
    if (unit === '号') return this.reject(s, unitEnd, 'doc_number');
    // Times by unit: 9时, 9时30分, 8点30分.
    const v = !negative && (unit === '时' || unit === '分' || unit === '点') ? smallInt(value) : null;
    if (v !== null) {
      if (unit === '时' && v <= 24) return this.reject(s, unitEnd, 'time');
      if (unit === '分' && (prev === SHI_HOUR || prev === DIAN) && v < 60) return this.reject(s, unitEnd, 'time');
      if (unit === '点' && v <= 24) {
        const a = this.codeAt(unitEnd);
        if (a === BAN || a === ZHONG || (isDigitCode(a) && this.countDigits(unitEnd, 2) <= 2 && this.codeAt(unitEnd + this.countDigits(unitEnd, 2)) === FEN)) {
          return this.reject(s, unitEnd, 'time');
        }
      }
    }

    if (n.simple && first !== null && !first.masked && !first.hasFrac && !negative && unit === null) {
      const nd = first.intDigits;
      // Hotlines and phones named by a cue: 12345热线, 拨打12393, 电话:6351234.
      if (nd >= 3 && nd <= 12 && !first.grouped) {
        // A hotline word right after the number, or 热线 after a name (12393医保服务热线) within 10 CJK characters.
        let hot = false;
        for (const w of HOTLINE_WORDS) if (this.startsAt(w, n.end)) hot = true;
        for (let j = 0; !hot && j <= 10; j++) {
          const c = this.codeAt(n.end + j);
          if (c === RE && this.startsAt('热线', n.end + j)) hot = true;
          else if (!isCjkCode(c)) break;
        }
        if (hot || this.cueBefore(s, PHONE_CUES)) return this.reject(s, n.end, 'phone');
      }
      if (nd === 6 && !first.grouped && this.cueBefore(s, POSTCODE_CUES)) return this.reject(s, n.end, 'postcode');
      // Section numbers: 1.居民 (the decimal needs digits after the point), 1、 / 1) at a list position, (1), [1].
      if (nd <= 2 && !first.grouped) {
        const after = this.codeAt(n.end);
        if (after === POINT) return this.reject(s, n.end + 1, 'section');
        if ((after === ENUMERATION_COMMA || after === PAREN_CLOSE) && this.isListPos(s)) return this.reject(s, n.end + 1, 'section');
        const close = closingBracket(prev);
        if (close !== NO_CHAR && after === close) return this.reject(s - 1, n.end + 1, 'section');
      }
    }

    if (!n.arabic) {
      // Chinese numerals are figures only with a unit (三家, 三万余人), or ending in 万/亿 (一千二百万).
      // A lone financial capital is a word (下陆区, 队伍, 收拾), not a numeral.
      if (n.end - s === 1 && isFinancialCapitalCode(text.charCodeAt(s))) return this.rejectLexical(s, n);
      // 数十家 is vague; 人数六万五千… is a count after the noun 人数 (次数, 户数, 总数…).
      if (isVagueBeforeCode(prev) && !(prev === SHU && COUNT_NOUN_BEFORE_SHU.has(this.codeAt(s - 2)))) return this.rejectLexical(s, n);
      if (!n.chineseDigit && isVagueBeforeBareUnitCode(prev)) return this.rejectLexical(s, n);
      if (this.inLexicalWord(s)) return this.rejectLexical(s, n);
      // 一人一档, 一院一策: a pattern, not a count.
      if (text.charCodeAt(s) === YI && this.codeAt(s + 2) === YI && !isNumeralCode(this.codeAt(s + 1)) && !isNumeralCode(this.codeAt(s + 3))) {
        return this.rejectLexical(s, n);
      }
      const after = this.codeAt(n.end);
      if (after === SHI_IS) return this.reject(s, n.end + 1, 'section');
      const close = closingBracket(prev);
      if (close !== NO_CHAR && after === close) return this.reject(s - 1, n.end + 1, 'section');
      if ((after === ENUMERATION_COMMA || after === POINT) && this.isListPos(s) && unit === null) return this.reject(s, n.end + 1, 'section');
      // Place-by-place digits (一一, 二〇二四) are a figure only as a year (handled above) or with 〇/零.
      if (n.positional && !this.hasWrittenZero(s, n.end)) return this.rejectLexical(s, n);
      if (unit === null && this.tailLastMult < 4) {
        const peek = this.peekRangeEnd(n.end);
        if (peek && this.isDateLike(peek.unit, peek.n, peek.n.value, peek.start)) return this.reject(s, n.end, 'date');
        if (peek && peek.unit !== null) return this.finishFigure(s, false, false, true);
        return this.rejectLexical(s, n);
      }
      if (unit === null && !n.chineseDigit) return this.rejectLexical(s, n);
    }

    // The first end of a range whose other end is a date: 7-12月, 1-4月份, 2019-2021年.
    if (unit === null && !negative) {
      const peek = this.peekRangeEnd(this.tailEnd);
      if (peek && this.isDateLike(peek.unit, peek.n, peek.n.value, peek.start)) {
        const firstOk = this.isDateLike(peek.unit, n, value, s) || (peek.unit !== '年' && smallInt(value) !== null);
        if (firstOk) return this.reject(s, n.end, 'date');
      }
    }

    return this.finishFigure(s, negative, n.redacted, !n.arabic);
  }

  /**
   * The shapes of a plain Arabic integer that are not quantities, whatever follows: document
   * numbers, dates and phones written with separators, mobile numbers, times. Returns where the
   * rejection ends, or -1.
   */
  private rejectPlainInteger(s: number, n: Numeral, intValue: number, nd: number, prev: number): number {
    const v = nd <= 6 ? intValue : null;
    const isYear = nd === 4 && v !== null && v >= 1900 && v <= 2100;
    // Document numbers: 〔2022〕8号, [2021]3号, 峄政办发〔2022〕8号.
    const close = isYear ? closingBracket(prev) : NO_CHAR; // only read for a year
    if (close !== NO_CHAR && this.codeAt(n.end) === close) {
      const e = n.end + 1;
      const k = this.countDigits(e, 8);
      if (k >= 1 && k <= 8 && this.codeAt(e + k) === HAO) return this.reject(s - 1, e + k + 1, 'doc_number');
      return this.reject(s - 1, e, prev === PAREN_OPEN || prev === FULLWIDTH_PAREN_OPEN ? 'date' : 'doc_number');
    }
    // Dates written with separators: 2024-06-30, 2024/6/30.
    const sep = this.codeAt(n.end);
    if (isYear && (sep === HYPHEN || sep === SLASH)) {
      const k1 = this.countDigits(n.end + 1, 2);
      if (k1 >= 1 && k1 <= 2 && this.codeAt(n.end + 1 + k1) === sep) {
        const k2 = this.countDigits(n.end + 2 + k1, 2);
        if (k2 >= 1 && k2 <= 2) return this.reject(s, n.end + 2 + k1 + k2, 'date');
      }
    }
    // Phones: 0714-6351234, 13812345678.
    const lead = this.text.charCodeAt(s); // the digits start at s: no sign, no group separators
    if (lead === code('0') && (nd === 3 || nd === 4) && sep === HYPHEN) {
      const k = this.countDigits(n.end + 1, 8);
      if (k >= 7 && k <= 8) return this.reject(s, n.end + 1 + k, 'phone');
    }
    if (nd === 11 && lead === code('1')) {
      const second = this.text.charCodeAt(s + 1);
      if (second >= code('3') && second <= code('9')) return this.reject(s, n.end, 'phone');
    }
    // Times: 8:30.
    if (v !== null && nd <= 2 && v <= 24 && sep === COLON && this.countDigits(n.end + 1, 2) === 2) {
      return this.reject(s, n.end + 3, 'time');
    }
    return -1;
  }

  /** The Chinese numeral at `s` sits inside one of LEXICAL_WORDS (一站式, 十分, 跑一次 …). */
  private inLexicalWord(s: number): boolean {
    const candidates = LEXICAL_WORDS_BY_NUMERAL.get(this.text.charCodeAt(s));
    if (candidates === undefined) return false;
    const next = this.codeAt(s + 1);
    for (let k = 0; k < candidates.length; k++) {
      const { word, offset, next: wordNext } = candidates[k]!;
      if ((wordNext !== NO_CHAR && wordNext !== next) || !this.startsAt(word, s - offset)) continue;
      // 查处一起案件: 一起 counts a case.
      if (word === '一起' && YIQI_CASE_FOLLOWERS.some((f) => this.startsAt(f, s + 2))) continue;
      return true;
    }
    return false;
  }

  /** A lexical Chinese numeral; a run broken on a digit (十四五) is rejected with all its numeral characters. */
  private rejectLexical(s: number, n: Numeral): number {
    let e = n.end;
    if (n.brokeOnDigit) while (e < this.hi && isNumeralCode(this.text.charCodeAt(e))) e++;
    return this.reject(s, e, 'lexical');
  }

  private hasWrittenZero(start: number, end: number): boolean {
    for (let k = start; k < end; k++) {
      const c = this.text.charCodeAt(k);
      if (c === LING_CIRCLE || c === LING) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- signs
  private isSignAt(i: number): boolean {
    if (!this.digit(i + 1) || this.lastEnd === i) return false;
    const pc = this.codeAt(i - 1);
    if (pc === NO_CHAR) return true;
    if (isDigitCode(pc) || pc === PERCENT || pc === POINT || pc === PAREN_CLOSE || isAsciiLetterCode(pc) || isMaskCode(pc)) return false;
    if (cnBigExp(pc) >= 0 || cnSmallExp(pc) >= 0) return false;
    return true;
  }
}
