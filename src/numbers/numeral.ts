// The numeral itself: Arabic digits (with thousands groups and a decimal part), Chinese
// digits and multipliers, and their mixtures (3万4000, 25万6千, 107亿8,800万, 一万五千亿).
//
// Linearity: `readArabic` and `parseNumeral` only move forward, one token at a time; every
// look-ahead is a fixed number of characters (a thousands group is 4, a multiplier 1) except the
// token right after a 万/亿, which is read once here and, if refused, once more by the caller as
// a numeral of its own — so every character is read a bounded number of times. Values are built
// from digit strings with BigInt (never floats); digit runs longer than MAX_INT_DIGITS are not
// converted at all (they are identifiers, not quantities).
import {
  type Decimal,
  addDecimal,
  decimalFromDigits,
  fromInteger,
  shiftDecimal,
} from './decimal.js';
import { CN_BIG, CN_DIGIT, CN_SMALL, MASK_CHARS } from './lexicon.js';
import { matchUnit } from './units.js';

/** Longest integer part / fraction accepted as a quantity (a trillion yuan has 13 digits). */
export const MAX_INT_DIGITS = 15;
export const MAX_FRAC_DIGITS = 12;

const ZERO: Decimal = { digits: 0n, scale: 0 };

/** The CN_DIGIT / CN_SMALL / CN_BIG lookups of the hot loop by code unit: value + 1, 0 for none. */
function byCodeUnit(table: Readonly<Record<string, number>>): Int8Array {
  const t = new Int8Array(0x10000);
  for (const [ch, v] of Object.entries(table)) t[ch.charCodeAt(0)] = v + 1;
  return t;
}
const CN_DIGIT_AT = byCodeUnit(CN_DIGIT);
const CN_SMALL_AT = byCodeUnit(CN_SMALL);
const CN_BIG_AT = byCodeUnit(CN_BIG);

export function isDigitAt(text: string, i: number, hi: number): boolean {
  if (i >= hi || i < 0) return false;
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

export function isMaskAt(text: string, i: number, hi: number): boolean {
  return i >= 0 && i < hi && MASK_CHARS.has(text[i]!);
}

export function isAsciiLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An Arabic token: digits (optionally grouped 1,234,567), masked digits (20XX), a decimal part. */
export interface ArabicToken {
  start: number;
  end: number;
  /** Integer digits without separators ('' when the token is only masks). */
  int: string;
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

/**
 * Read an Arabic token at `p`. With `maskStart`, the token may begin with mask characters (XX, ××).
 * Thousands groups follow `\d{1,3}(,\d{3})+` not followed by a digit, checked group by group.
 */
export function readArabic(text: string, p: number, hi: number, maskStart = false): ArabicToken {
  let q = p;
  while (q < hi && isDigitAt(text, q, hi)) q++;
  const runLen = q - p;
  let intParts: string[] | null = null;
  let grouped = false;
  let intDigits = runLen;
  if (runLen >= 1 && runLen <= 3) {
    while (
      text[q] === ',' && q < hi &&
      isDigitAt(text, q + 1, hi) && isDigitAt(text, q + 2, hi) && isDigitAt(text, q + 3, hi) &&
      !isDigitAt(text, q + 4, hi)
    ) {
      if (intParts === null) intParts = [text.slice(p, q)];
      if (intDigits <= MAX_INT_DIGITS) intParts.push(text.slice(q + 1, q + 4));
      intDigits += 3;
      q += 4;
      grouped = true;
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
  const int = tooLongInt ? '' : intParts ? intParts.join('') : text.slice(p, p + runLen);
  let frac = '';
  let hasFrac = false;
  let fracTooLong = false;
  if (text[q] === '.' && q < hi && (isDigitAt(text, q + 1, hi) || (masked && isMaskAt(text, q + 1, hi)))) {
    const fs = q + 1;
    q = fs;
    while (isDigitAt(text, q, hi) || (masked && isMaskAt(text, q, hi))) q++;
    hasFrac = true;
    fracTooLong = q - fs > MAX_FRAC_DIGITS;
    frac = fracTooLong ? '' : text.slice(fs, q);
  }
  let dotted = false;
  let dottedParts = hasFrac ? 2 : 1;
  if (hasFrac && !masked && text[q] === '.' && isDigitAt(text, q + 1, hi)) {
    dotted = true;
    while (q < hi && (isDigitAt(text, q, hi) || (text[q] === '.' && isDigitAt(text, q + 1, hi)))) {
      if (text[q] === '.') dottedParts++;
      q++;
    }
  }
  return {
    start: p,
    end: q,
    int,
    frac,
    intDigits,
    grouped,
    masked,
    hasFrac,
    tooLong: tooLongInt || fracTooLong,
    dotted,
    dottedParts,
  };
}

function tokenValue(t: ArabicToken): Decimal {
  if (t.masked || t.tooLong) return ZERO;
  return decimalFromDigits(t.int, t.frac);
}

/** True when a SMALL multiplier character at `q` is really the start of a unit (百分点, 千克, 千米) or of 百分之. */
function smallIsUnit(text: string, q: number, hi: number): boolean {
  if (text.startsWith('百分之', q) && q + 3 <= hi) return true;
  const u = matchUnit(text, q, hi);
  return u !== null && u.length >= 2;
}

/** Date/time words after which an Arabic run cannot continue a numeral (10万2024年). */
const STOP_AFTER_CONTINUATION = new Set(['年', '月', '日', '号', '时', '点', ':', '.', '-', '%']);

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
}

type Tok = 'none' | 'arabic' | 'cdigit' | 'zero' | 'small' | 'big' | 'frac';

/**
 * Parse the numeral starting at `p` (an ASCII digit, a mask when `maskStart`, a Chinese digit or
 * 十/百/千). Returns null when nothing numeric starts there.
 */
export function parseNumeral(text: string, p: number, hi: number, maskStart = false): Numeral | null {
  let yi = ZERO;
  let wan = ZERO;
  let sec = ZERO;
  let cur: Decimal | null = null;
  let curKind: 'arabic' | 'cdigit' | null = null;
  let curDigits = 0; // digits in a positional Chinese run
  let yiSeen = false;
  let wanSeen = false;
  let lastSmall = 5;
  let lastTok: Tok = 'none';
  let lastUnitExp = 0;
  let zeroFlag = false;
  let unitsSeen = false;
  let fracDone = false;
  let arabic = false;
  let chineseDigit = false;
  let redacted = false;
  let first: ArabicToken | null = null;
  let tokens = 0;
  let positional = false;
  let brokeOnDigit = false;
  let alt: Numeral['alt'] = null;
  let loneExp = 0; // exponent of the unit before a trailing lone Chinese digit
  let zeroAt = -1; // where a run of 零 after a multiplier began (dropped if nothing follows it)
  let q = p;

  while (q < hi) {
    const ch = text[q]!;
    if (isDigitAt(text, q, hi) || (tokens === 0 && maskStart && isMaskAt(text, q, hi))) {
      if (cur !== null || lastTok === 'small' || lastTok === 'frac') break;
      const tok = readArabic(text, q, hi, tokens === 0 && maskStart);
      if (lastTok === 'zero') {
        // 1万零500: after 零 only a plain integer smaller than the skipped place, and nothing after it.
        // 1亿零5万: with a multiplier after it, the part must still sit below the skipped place.
        if (tok.masked || tok.hasFrac || tok.tooLong || tok.dotted) break;
        const next = tok.end < hi ? text[tok.end]! : '';
        const m = CN_BIG[next] ?? (CN_SMALL[next] !== undefined && !smallIsUnit(text, tok.end, hi) ? CN_SMALL[next] : undefined);
        if (m !== undefined ? tok.intDigits + m >= lastUnitExp : tok.intDigits >= lastUnitExp || STOP_AFTER_CONTINUATION.has(next)) break;
      } else if (lastTok === 'big') {
        if (tok.masked || tok.hasFrac || tok.tooLong || tok.dotted) break;
        const next = tok.end < hi ? text[tok.end]! : '';
        const nd = tok.intDigits;
        const m = CN_BIG[next] ?? (CN_SMALL[next] !== undefined && !smallIsUnit(text, tok.end, hi) ? CN_SMALL[next] : undefined);
        const ok = m !== undefined ? nd + m <= lastUnitExp : nd === lastUnitExp && !STOP_AFTER_CONTINUATION.has(next);
        if (!ok) break;
      }
      if (tokens === 0) first = tok;
      if (tok.masked) redacted = true;
      arabic = true;
      cur = tokenValue(tok);
      curKind = 'arabic';
      q = tok.end;
      lastTok = 'arabic';
      alt = null;
      tokens++;
      // A dotted chain, an over-long run or a masked token never takes more parts (but masks take 万/亿).
      if (tok.dotted || tok.tooLong) break;
      continue;
    }
    const code = text.charCodeAt(q);
    const d = CN_DIGIT_AT[code]! === 0 ? undefined : CN_DIGIT_AT[code]! - 1; // CN_DIGIT[ch], by code unit
    if (d !== undefined) {
      if (curKind === 'arabic' || fracDone) break;
      if (arabic && lastTok === 'big') {
        // 3万五千 is fine, 3万一站式 is not: after an Arabic part a Chinese digit needs its own 千/百/十
        // (or, for 零, Arabic digits after it: 1万零500).
        const nx = text[q + 1];
        const ok = nx !== undefined && q + 1 < hi && (CN_SMALL[nx] !== undefined || (d === 0 && isDigitAt(text, q + 1, hi)));
        if (!ok) break;
      }
      if (d === 0) {
        if (cur !== null && curKind === 'cdigit' && !unitsSeen) {
          if (curDigits >= MAX_INT_DIGITS) {
            brokeOnDigit = true;
            break;
          }
          cur = shiftDecimal(cur, 1);
          curDigits++;
          positional = true;
        } else if (cur === null && !unitsSeen) {
          cur = ZERO;
          curKind = 'cdigit';
          curDigits = 1;
        } else if (cur === null && unitsSeen) {
          if (!zeroFlag) zeroAt = q;
          zeroFlag = true;
          lastTok = 'zero';
          alt = null;
          chineseDigit = true;
          q++;
          tokens++;
          continue;
        } else {
          brokeOnDigit = true;
          break;
        }
        lastTok = 'cdigit';
        chineseDigit = true;
        q++;
        tokens++;
        continue;
      }
      if (cur !== null) {
        if (curKind === 'cdigit' && !unitsSeen && !zeroFlag) {
          if (curDigits >= MAX_INT_DIGITS) {
            brokeOnDigit = true;
            break;
          }
          cur = addDecimal(shiftDecimal(cur, 1), fromInteger(d));
          curDigits++;
          positional = true;
        } else {
          brokeOnDigit = true;
          break;
        }
      } else {
        if ((lastTok === 'small' || lastTok === 'big') && lastUnitExp >= 2 && !zeroFlag) {
          alt = { end: q, value: addDecimal(addDecimal(yi, wan), sec), lastMult: lastUnitExp };
          loneExp = lastUnitExp;
        } else {
          alt = null;
          loneExp = 0;
        }
        cur = fromInteger(d);
        curKind = 'cdigit';
        curDigits = 1;
      }
      lastTok = 'cdigit';
      chineseDigit = true;
      q++;
      tokens++;
      continue;
    }
    const k = CN_SMALL_AT[code]! === 0 ? undefined : CN_SMALL_AT[code]! - 1; // CN_SMALL[ch]
    if (k !== undefined) {
      if (smallIsUnit(text, q, hi)) break;
      if (k >= lastSmall || fracDone || positional) break;
      let m: Decimal;
      if (cur !== null) m = cur;
      else if (tokens === 0) m = fromInteger(1);
      else break;
      sec = addDecimal(sec, shiftDecimal(m, k));
      cur = null;
      curKind = null;
      lastSmall = k;
      unitsSeen = true;
      lastTok = 'small';
      lastUnitExp = k;
      zeroFlag = false;
      alt = null;
      loneExp = 0;
      q++;
      tokens++;
      continue;
    }
    const b = CN_BIG_AT[code]! === 0 ? undefined : CN_BIG_AT[code]! - 1; // CN_BIG[ch]
    if (b !== undefined) {
      if (tokens === 0 || lastTok === 'zero' || positional && curDigits > 1) break;
      if (b === 4) {
        if (wanSeen) break;
        wan = shiftDecimal(addDecimal(sec, cur ?? ZERO), 4);
        wanSeen = true;
      } else {
        if (yiSeen) break;
        yi = shiftDecimal(addDecimal(addDecimal(wan, sec), cur ?? ZERO), 8);
        wan = ZERO;
        wanSeen = false;
        yiSeen = true;
      }
      sec = ZERO;
      cur = null;
      curKind = null;
      lastSmall = 4;
      unitsSeen = true;
      lastTok = 'big';
      lastUnitExp = b;
      zeroFlag = false;
      alt = null;
      loneExp = 0;
      q++;
      tokens++;
      continue;
    }
    if (ch === '点' && curKind !== 'arabic' && !fracDone && (cur !== null || unitsSeen) && !positional) {
      // Chinese decimal point: 九十五点五, 三点五万. Fraction digits are read place by place.
      let r = q + 1;
      let fd = '';
      while (r < hi) {
        const fdv = CN_DIGIT[text[r]!];
        if (fdv === undefined || text[r] === '两') break;
        if (fd.length < MAX_FRAC_DIGITS) fd += String(fdv);
        r++;
      }
      if (fd === '') break;
      cur = addDecimal(cur ?? ZERO, decimalFromDigits('0', fd));
      curKind = 'cdigit';
      fracDone = true;
      lastTok = 'frac';
      alt = null;
      loneExp = 0;
      chineseDigit = true;
      q = r;
      tokens++;
      continue;
    }
    break;
  }
  if (tokens === 0 || q === p) return null;
  if (lastTok === 'zero') {
    // A trailing 零 (3万零, 1万零2024年) is not part of the numeral.
    q = zeroAt;
    lastTok = lastUnitExp >= 4 ? 'big' : 'small';
  }

  let tail = cur ?? ZERO;
  if (alt !== null && lastTok === 'cdigit' && loneExp >= 2 && cur !== null) {
    tail = shiftDecimal(cur, loneExp - 1); // colloquial: 三万五 = 35000, 一百五 = 150
  } else {
    alt = null;
  }
  const value = addDecimal(addDecimal(addDecimal(yi, wan), sec), tail);
  const lastMult = lastTok === 'small' || lastTok === 'big' ? lastUnitExp : 0;
  return {
    start: p,
    end: q,
    value,
    redacted,
    arabic,
    chineseDigit,
    lastMult,
    first,
    simple: tokens === 1 && first !== null,
    positional,
    positionalDigits: positional ? curDigits : 0,
    brokeOnDigit,
    alt,
  };
}
