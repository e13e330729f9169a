// The numeral itself: Arabic digits (with thousands groups and a decimal part), Chinese
// digits and multipliers, and their mixtures (3万4000, 25万6千, 107亿8,800万, 一万五千亿).
//
// Linearity: `readArabic` and `parseNumeral` only move forward, one token at a time; every
// look-ahead is a fixed number of characters (a thousands group is 4, a multiplier 1) except the
// token right after a 万/亿, which is read once here and, if refused, once more by the caller as
// a numeral of its own — so every character is read a bounded number of times. Values are exact
// decimals (decimal.ts), never float scaling: an integer part is read as it is scanned, exactly
// (at most MAX_INT_DIGITS = 15 digits, below 2^53); digit runs longer than that are not converted
// at all (they are identifiers, not quantities).
// Characters are compared by code unit (chars.ts), never as one-character strings.
import {
  type Decimal,
  addDecimal,
  decimalFromDigits,
  fromInteger,
  shiftDecimal,
} from './decimal.js';
import {
  NO_CHAR,
  cnBigExp,
  cnDigitValue,
  cnSmallExp,
  isDigitCode,
  isMaskCode,
  isNumeralCode,
  isStopAfterContinuationCode,
  wordAt,
} from './chars.js';
import { matchUnit } from './units.js';

/** Longest integer part / fraction accepted as a quantity (a trillion yuan has 13 digits). */
export const MAX_INT_DIGITS = 15;
export const MAX_FRAC_DIGITS = 12;

const ZERO: Decimal = { digits: 0n, scale: 0 };
/** fromInteger(0 … 9), made once: Chinese digits are read one by one. */
const DIGIT_VALUES: readonly Decimal[] = Array.from({ length: 10 }, (_, d) => fromInteger(d));

const COMMA = 0x2c;
const POINT = 0x2e;
const CN_POINT = 0x70b9; // 点
const LIANG = 0x4e24; // 两

/** A space between digit groups: ASCII, no-break, thin and narrow no-break. */
function isGroupSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

/** The first characters of the units a space-grouped figure may carry (万人, 亿元, 家, 人次, %…). */
const UNIT_STARTS = new Set([...'万亿千百元人家个件起次例项种所张台名户位批%'].map((ch) => ch.charCodeAt(0)));

/** A unit's first character at i. */
function isUnitStart(text: string, i: number, hi: number): boolean {
  return i < hi && UNIT_STARTS.has(text.charCodeAt(i));
}

export function isDigitAt(text: string, i: number, hi: number): boolean {
  return i >= 0 && i < hi && isDigitCode(text.charCodeAt(i));
}

export function isMaskAt(text: string, i: number, hi: number): boolean {
  return i >= 0 && i < hi && isMaskCode(text.charCodeAt(i));
}

/** An Arabic token: digits (optionally grouped 1,234,567), masked digits (20XX), a decimal part. */
export interface ArabicToken {
  start: number;
  end: number;
  /** The integer part's value (exact: at most MAX_INT_DIGITS digits); 0 when too long or only masks. */
  intValue: number;
  frac: string;
  intDigits: number;
  grouped: boolean;
  masked: boolean;
  hasFrac: boolean;
  /** A run too long to be a quantity (an ID or a fuzz string). */
  tooLong: boolean;
  /** A chain of dotted numbers such as 2024.6.30 or 1.2.3. */
  dotted: boolean;
  /** Number of dot-separated parts when dotted. */
  dottedParts: number;
}

/** A token to read into (the parser reuses two). */
function emptyToken(): ArabicToken {
  return { start: 0, end: 0, intValue: 0, frac: '', intDigits: 0, grouped: false, masked: false, hasFrac: false, tooLong: false, dotted: false, dottedParts: 0 };
}

/**
 * Read the Arabic token at `p` into `tok` (every field is set). With `maskStart`, the token may begin
 * with mask characters (XX, ××). Thousands groups follow `\d{1,3}(,\d{3})+` not followed by a digit,
 * checked group by group.
 */
export function readArabic(text: string, p: number, hi: number, maskStart: boolean, tok: ArabicToken): void {
  // The value is read with the digits, in a double: exact while it has at most 15 digits (below
  // 2^53), and not used when it has more (tooLong); no digit string is made.
  let q = p;
  let value = 0;
  for (; q < hi; q++) {
    const c = text.charCodeAt(q);
    if (!isDigitCode(c)) break;
    value = value * 10 + (c - 48);
  }
  const runLen = q - p;
  let grouped = false;
  let intDigits = runLen;
  if (runLen >= 1 && runLen <= 3) {
    while (
      q < hi && text.charCodeAt(q) === COMMA &&
      isDigitAt(text, q + 1, hi) && isDigitAt(text, q + 2, hi) && isDigitAt(text, q + 3, hi) &&
      !isDigitAt(text, q + 4, hi)
    ) {
      value = value * 1000 + (text.charCodeAt(q + 1) - 48) * 100 + (text.charCodeAt(q + 2) - 48) * 10 + (text.charCodeAt(q + 3) - 48);
      intDigits += 3;
      q += 4;
      grouped = true;
    }
    // 2 203.46万人 · 29 846 家: a space between groups of three (the layout of statistical
    // bulletins, and of PDF text), taken only when a decimal part, a unit or % follows: two numbers
    // of a table row (12 345) stay two.
    if (!grouped) {
      let r = q;
      let v = value;
      let d = intDigits;
      while (
        r < hi && isGroupSpace(text.charCodeAt(r)) &&
        isDigitAt(text, r + 1, hi) && isDigitAt(text, r + 2, hi) && isDigitAt(text, r + 3, hi) &&
        !isDigitAt(text, r + 4, hi)
      ) {
        v = v * 1000 + (text.charCodeAt(r + 1) - 48) * 100 + (text.charCodeAt(r + 2) - 48) * 10 + (text.charCodeAt(r + 3) - 48);
        d += 3;
        r += 4;
      }
      if (r > q && (
        (r < hi && text.charCodeAt(r) === POINT && isDigitAt(text, r + 1, hi)) ||
        isUnitStart(text, r, hi) || (r + 1 < hi && text.charCodeAt(r) === 0x20 && isUnitStart(text, r + 1, hi))
      )) {
        q = r;
        value = v;
        intDigits = d;
        grouped = true;
      }
    }
  }
  let masked = false;
  if ((runLen > 0 && !grouped) || (maskStart && runLen === 0)) {
    while (isMaskAt(text, q, hi)) {
      q++;
      masked = true;
    }
  }
  const tooLongInt = intDigits > MAX_INT_DIGITS;
  let frac = '';
  let hasFrac = false;
  let fracTooLong = false;
  if (q < hi && text.charCodeAt(q) === POINT && (isDigitAt(text, q + 1, hi) || (masked && isMaskAt(text, q + 1, hi)))) {
    const fs = q + 1;
    q = fs;
    while (isDigitAt(text, q, hi) || (masked && isMaskAt(text, q, hi))) q++;
    hasFrac = true;
    fracTooLong = q - fs > MAX_FRAC_DIGITS;
    frac = fracTooLong ? '' : text.slice(fs, q);
  }
  let dotted = false;
  let dottedParts = hasFrac ? 2 : 1;
  if (hasFrac && !masked && q < hi && text.charCodeAt(q) === POINT && isDigitAt(text, q + 1, hi)) {
    dotted = true;
    for (; q < hi; q++) {
      const c = text.charCodeAt(q);
      if (c === POINT && isDigitAt(text, q + 1, hi)) dottedParts++;
      else if (!isDigitCode(c)) break;
    }
  }
  tok.start = p;
  tok.end = q;
  tok.intValue = tooLongInt ? 0 : value;
  tok.frac = frac;
  tok.intDigits = intDigits;
  tok.grouped = grouped;
  tok.masked = masked;
  tok.hasFrac = hasFrac;
  tok.tooLong = tooLongInt || fracTooLong;
  tok.dotted = dotted;
  tok.dottedParts = dottedParts;
}

function tokenValue(t: ArabicToken): Decimal {
  if (t.masked || t.tooLong) return ZERO;
  return t.hasFrac ? decimalFromDigits(String(t.intValue), t.frac) : fromInteger(t.intValue);
}

/** True when a SMALL multiplier character at `q` is really the start of a unit (百分点, 千克, 千米) or of 百分之. */
function smallIsUnit(text: string, q: number, hi: number): boolean {
  if (q + 3 <= hi && wordAt(text, '百分之', q)) return true;
  const u = matchUnit(text, q, hi);
  return u !== null && u.length >= 2;
}

/** The exponent of a multiplier at `q` that can follow an Arabic part (万, 亿, or 十/百/千 not starting a unit), or -1. */
function multiplierExpAt(text: string, q: number, hi: number): number {
  if (q >= hi) return -1;
  const c = text.charCodeAt(q);
  const big = cnBigExp(c);
  if (big >= 0) return big;
  const small = cnSmallExp(c);
  return small >= 0 && !smallIsUnit(text, q, hi) ? small : -1;
}

export interface Numeral {
  start: number;
  end: number;
  /** Value with every multiplier applied; ZERO placeholder when masked (see `redacted`). */
  value: Decimal;
  redacted: boolean;
  /** Contains Arabic digits (or masks). */
  arabic: boolean;
  /** Contains a Chinese digit character (一, 两, 〇 …), not only multipliers. */
  chineseDigit: boolean;
  /** Exponent of the multiplier that ended the numeral (万 → 4, 千 → 3), 0 when it ended with digits. */
  lastMult: number;
  /** The first Arabic token, when the numeral started with one. */
  first: ArabicToken | null;
  /** A single Arabic token, nothing else (80432, 1214531.81, 5,590). */
  simple: boolean;
  /** Chinese digits written place by place (二〇二四). */
  positional: boolean;
  /** Number of Chinese digits in a positional run. */
  positionalDigits: number;
  /** Stopped because another Chinese digit followed in a position where it cannot belong (十四五). */
  brokeOnDigit: boolean;
  /**
   * The same numeral without a trailing colloquial digit (三万五 → 三万): the caller uses it when no
   * unit follows, so 三万一站式 does not become 31000.
   */
  alt: { end: number; value: Decimal; lastMult: number } | null;
  /**
   * The 亿 group of the value (ZERO when none) and the rest: a multiplier after an approximation
   * (三亿四千六百多万) multiplies the rest only.
   */
  high: Decimal;
  rest: Decimal;
}

type Tok = 'none' | 'arabic' | 'cdigit' | 'zero' | 'small' | 'big' | 'frac';

/**
 * Parse the numeral starting at `p` (an ASCII digit, a mask when `maskStart`, a Chinese digit or
 * 十/百/千). Returns null when nothing numeric starts there. The result (with its `first` token) is
 * reused: it holds until the next parseNumeral call, so read what you need from it before then.
 */
export function parseNumeral(text: string, p: number, hi: number, maskStart = false): Numeral | null {
  return PARSER.parse(text, p, hi, maskStart);
}

/**
 * parseNumeral on a second parser, for a look-ahead (the other end of a range, 7-12月) while the
 * numeral from parseNumeral is still in use; its result holds until the next peekNumeral call.
 */
export function peekNumeral(text: string, p: number, hi: number): Numeral | null {
  return PEEK_PARSER.parse(text, p, hi, false);
}

/**
 * The state of the numeral being read, token by token. The value so far is kept by group:
 * yi (the 亿 group) + wan (the 万 group) + sec (the section of 十/百/千) + cur (digits not yet multiplied).
 * Each token method returns false when the token does not belong to the numeral (nothing consumed).
 * A parser serves every call (parses never nest): `begin` sets every field, and the result and its
 * tokens are objects of the parser, overwritten by the next parse (no objects made per numeral).
 */
class NumeralParser {
  private text!: string;
  private p!: number;
  private hi!: number;
  private maskStart!: boolean;
  private q!: number;
  private yi!: Decimal;
  private wan!: Decimal;
  private sec!: Decimal;
  private cur!: Decimal | null;
  private curKind!: 'arabic' | 'cdigit' | null;
  private curDigits!: number; // digits in a positional Chinese run
  private yiSeen!: boolean;
  private wanSeen!: boolean;
  private lastSmall!: number;
  private lastTok!: Tok;
  private lastUnitExp!: number;
  private zeroFlag!: boolean;
  private unitsSeen!: boolean;
  private fracDone!: boolean;
  private arabic!: boolean;
  private chineseDigit!: boolean;
  private redacted!: boolean;
  private first!: ArabicToken | null;
  private tokens!: number;
  private positional!: boolean;
  private brokeOnDigit!: boolean;
  private alt!: Numeral['alt'];
  private loneExp!: number; // exponent of the unit before a trailing lone Chinese digit
  private readonly firstTok = emptyToken(); // the numeral's first Arabic token
  private readonly partTok = emptyToken(); // a later one (3万4000), read to be checked
  private readonly out: Numeral = {
    start: 0,
    end: 0,
    value: ZERO,
    redacted: false,
    arabic: false,
    chineseDigit: false,
    lastMult: 0,
    first: null,
    simple: false,
    positional: false,
    positionalDigits: 0,
    brokeOnDigit: false,
    alt: null,
    high: ZERO,
    rest: ZERO,
  };
  private zeroAt!: number; // where a run of 零 after a multiplier began (dropped if nothing follows it)

  constructor() {
    this.begin('', 0, 0, false);
  }

  private begin(text: string, p: number, hi: number, maskStart: boolean): void {
    this.text = text;
    this.p = p;
    this.hi = hi;
    this.maskStart = maskStart;
    this.q = p;
    this.yi = ZERO;
    this.wan = ZERO;
    this.sec = ZERO;
    this.cur = null;
    this.curKind = null;
    this.curDigits = 0;
    this.yiSeen = false;
    this.wanSeen = false;
    this.lastSmall = 5;
    this.lastTok = 'none';
    this.lastUnitExp = 0;
    this.zeroFlag = false;
    this.unitsSeen = false;
    this.fracDone = false;
    this.arabic = false;
    this.chineseDigit = false;
    this.redacted = false;
    this.first = null;
    this.tokens = 0;
    this.positional = false;
    this.brokeOnDigit = false;
    this.alt = null;
    this.loneExp = 0;
    this.zeroAt = -1;
  }

  parse(text: string, p: number, hi: number, maskStart: boolean): Numeral | null {
    this.begin(text, p, hi, maskStart);
    while (this.q < hi) {
      const c = text.charCodeAt(this.q);
      let more = false;
      if (isDigitCode(c) || (this.tokens === 0 && maskStart && isMaskCode(c))) {
        more = this.arabicPart();
      } else if (isNumeralCode(c)) {
        // One bitset test settles the usual end of a numeral (元, 人, %); the value table is read for numerals only.
        const d = cnDigitValue(c);
        const k = cnSmallExp(c);
        if (d >= 0) more = this.chineseDigitPart(d);
        else if (k >= 0) more = this.smallMultiplier(k);
        else more = this.bigMultiplier(cnBigExp(c));
      } else if (c === CN_POINT) {
        more = this.chineseFraction();
      }
      if (!more) break;
    }
    const numeral = this.result();
    this.text = ''; // hold no document between calls
    return numeral;
  }

  private arabicPart(): boolean {
    const { text, hi } = this;
    if (this.cur !== null || this.lastTok === 'small' || this.lastTok === 'frac') return false;
    const tok = this.tokens === 0 ? this.firstTok : this.partTok;
    readArabic(text, this.q, hi, this.tokens === 0 && this.maskStart, tok);
    if (this.lastTok === 'zero' || this.lastTok === 'big') {
      if (tok.masked || tok.hasFrac || tok.tooLong || tok.dotted) return false;
      const next = tok.end < hi ? text.charCodeAt(tok.end) : NO_CHAR;
      const nd = tok.intDigits;
      const m = multiplierExpAt(text, tok.end, hi);
      if (this.lastTok === 'zero') {
        // 1万零500: after 零 only a plain integer smaller than the skipped place, and nothing after it.
        // 1亿零5万: with a multiplier after it, the part must still sit below the skipped place.
        if (m >= 0 ? nd + m >= this.lastUnitExp : nd >= this.lastUnitExp || isStopAfterContinuationCode(next)) return false;
      } else {
        // 3万4000, 107亿8,800万: the part fills the places below the multiplier exactly.
        const ok = m >= 0 ? nd + m <= this.lastUnitExp : nd === this.lastUnitExp && !isStopAfterContinuationCode(next);
        if (!ok) return false;
      }
    }
    if (this.tokens === 0) this.first = tok;
    if (tok.masked) this.redacted = true;
    this.arabic = true;
    this.cur = tokenValue(tok);
    this.curKind = 'arabic';
    this.q = tok.end;
    this.lastTok = 'arabic';
    this.alt = null;
    this.tokens++;
    // A dotted chain, an over-long run or a masked token never takes more parts (but masks take 万/亿).
    return !(tok.dotted || tok.tooLong);
  }

  private chineseDigitPart(d: number): boolean {
    const { text, hi, q } = this;
    if (this.curKind === 'arabic' || this.fracDone) return false;
    if (this.arabic && this.lastTok === 'big') {
      // 3万五千 is fine, 3万一站式 is not: after an Arabic part a Chinese digit needs its own 千/百/十
      // (or, for 零, Arabic digits after it: 1万零500).
      const nx = q + 1 < hi ? text.charCodeAt(q + 1) : NO_CHAR;
      if (!(cnSmallExp(nx) >= 0 || (d === 0 && isDigitCode(nx)))) return false;
    }
    if (d === 0) {
      if (this.cur !== null && this.curKind === 'cdigit' && !this.unitsSeen) {
        if (this.curDigits >= MAX_INT_DIGITS) return this.breakOnDigit();
        this.cur = shiftDecimal(this.cur, 1);
        this.curDigits++;
        this.positional = true;
      } else if (this.cur === null && !this.unitsSeen) {
        this.cur = ZERO;
        this.curKind = 'cdigit';
        this.curDigits = 1;
      } else if (this.cur === null && this.unitsSeen) {
        if (!this.zeroFlag) this.zeroAt = q;
        this.zeroFlag = true;
        this.lastTok = 'zero';
        this.alt = null;
        this.chineseDigit = true;
        this.q++;
        this.tokens++;
        return true;
      } else {
        return this.breakOnDigit();
      }
    } else if (this.cur !== null) {
      if (this.curKind !== 'cdigit' || this.unitsSeen || this.zeroFlag) return this.breakOnDigit();
      if (this.curDigits >= MAX_INT_DIGITS) return this.breakOnDigit();
      this.cur = addDecimal(shiftDecimal(this.cur, 1), DIGIT_VALUES[d]!);
      this.curDigits++;
      this.positional = true;
    } else {
      if ((this.lastTok === 'small' || this.lastTok === 'big') && this.lastUnitExp >= 2 && !this.zeroFlag) {
        this.alt = { end: q, value: addDecimal(addDecimal(this.yi, this.wan), this.sec), lastMult: this.lastUnitExp };
        this.loneExp = this.lastUnitExp;
      } else {
        this.alt = null;
        this.loneExp = 0;
      }
      this.cur = DIGIT_VALUES[d]!;
      this.curKind = 'cdigit';
      this.curDigits = 1;
    }
    this.lastTok = 'cdigit';
    this.chineseDigit = true;
    this.q++;
    this.tokens++;
    return true;
  }

  private breakOnDigit(): false {
    this.brokeOnDigit = true;
    return false;
  }

  private smallMultiplier(k: number): boolean {
    if (smallIsUnit(this.text, this.q, this.hi)) return false;
    if (k >= this.lastSmall || this.fracDone || this.positional) return false;
    let m: Decimal;
    if (this.cur !== null) m = this.cur;
    else if (this.tokens === 0) m = DIGIT_VALUES[1]!; // 十五 = 1×10 + 5
    else return false;
    this.sec = addDecimal(this.sec, shiftDecimal(m, k));
    this.multiplierRead('small', k, k);
    return true;
  }

  private bigMultiplier(b: number): boolean {
    if (this.tokens === 0 || this.lastTok === 'zero' || (this.positional && this.curDigits > 1)) return false;
    if (b === 4) {
      if (this.wanSeen) return false;
      this.wan = shiftDecimal(addDecimal(this.sec, this.cur ?? ZERO), 4);
      this.wanSeen = true;
    } else {
      if (this.yiSeen) return false;
      this.yi = shiftDecimal(addDecimal(addDecimal(this.wan, this.sec), this.cur ?? ZERO), 8);
      this.wan = ZERO;
      this.wanSeen = false;
      this.yiSeen = true;
    }
    this.sec = ZERO;
    this.multiplierRead('big', b, 4);
    return true;
  }

  /** After 十/百/千 or 万/亿 (already multiplied in): the next digits start a new part below it. */
  private multiplierRead(tok: 'small' | 'big', exp: number, lastSmall: number): void {
    this.cur = null;
    this.curKind = null;
    this.lastSmall = lastSmall;
    this.unitsSeen = true;
    this.lastTok = tok;
    this.lastUnitExp = exp;
    this.zeroFlag = false;
    this.alt = null;
    this.loneExp = 0;
    this.q++;
    this.tokens++;
  }

  /** Chinese decimal point: 九十五点五, 三点五万. Fraction digits are read place by place. */
  private chineseFraction(): boolean {
    const { text, hi } = this;
    if (this.curKind === 'arabic' || this.fracDone || (this.cur === null && !this.unitsSeen) || this.positional) return false;
    let r = this.q + 1;
    let fd = '';
    for (; r < hi; r++) {
      const c = text.charCodeAt(r);
      const v = cnDigitValue(c);
      if (v < 0 || c === LIANG) break;
      if (fd.length < MAX_FRAC_DIGITS) fd += String.fromCharCode(48 + v);
    }
    if (fd === '') return false;
    this.cur = addDecimal(this.cur ?? ZERO, decimalFromDigits('0', fd));
    this.curKind = 'cdigit';
    this.fracDone = true;
    this.lastTok = 'frac';
    this.alt = null;
    this.loneExp = 0;
    this.chineseDigit = true;
    this.q = r;
    this.tokens++;
    return true;
  }

  private result(): Numeral | null {
    if (this.tokens === 0 || this.q === this.p) return null;
    let end = this.q;
    let lastTok = this.lastTok;
    if (lastTok === 'zero') {
      // A trailing 零 (3万零, 1万零2024年) is not part of the numeral.
      end = this.zeroAt;
      lastTok = this.lastUnitExp >= 4 ? 'big' : 'small';
    }
    const cur = this.cur;
    let alt = this.alt;
    let tail = cur ?? ZERO;
    if (alt !== null && lastTok === 'cdigit' && this.loneExp >= 2 && cur !== null) {
      tail = shiftDecimal(cur, this.loneExp - 1); // colloquial: 三万五 = 35000, 一百五 = 150
    } else {
      alt = null;
    }
    // Only a multiplier puts anything in yi, wan or sec; without one the value is the digits read (already normal).
    const value = this.unitsSeen ? addDecimal(addDecimal(addDecimal(this.yi, this.wan), this.sec), tail) : tail;
    const out = this.out;
    out.start = this.p;
    out.end = end;
    out.value = value;
    out.redacted = this.redacted;
    out.arabic = this.arabic;
    out.chineseDigit = this.chineseDigit;
    out.lastMult = lastTok === 'small' || lastTok === 'big' ? this.lastUnitExp : 0;
    out.first = this.first;
    out.simple = this.tokens === 1 && this.first !== null;
    out.positional = this.positional;
    out.positionalDigits = this.positional ? this.curDigits : 0;
    out.brokeOnDigit = this.brokeOnDigit;
    out.alt = alt;
    out.high = this.unitsSeen ? this.yi : ZERO;
    out.rest = this.unitsSeen ? addDecimal(addDecimal(this.wan, this.sec), tail) : tail;
    return out;
  }
}

/** The parsers behind parseNumeral and peekNumeral (made here, after their class). */
const PARSER = new NumeralParser();
const PEEK_PARSER = new NumeralParser();
