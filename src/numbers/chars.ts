// Character tests by UTF-16 code unit, built once from the word lists of lexicon.ts.
// The scanner compares char codes (`text.charCodeAt(i)`) instead of one-character strings:
// `text[i]` makes a new string for every CJK character, and `LIST.includes(ch)` or `TABLE[ch]`
// then scans or hashes it. Every test here is one array load.
import {
  APPROX_INFIXES,
  APPROX_SUFFIXES,
  CN_BIG,
  CN_DIGIT,
  CN_SMALL,
  FINANCIAL_CAPITALS,
  LIST_BREAKS,
  MASK_CHARS,
  RANGE_CONNECTORS,
  STOP_AFTER_CONTINUATION,
  VAGUE_BEFORE,
  VAGUE_BEFORE_BARE_UNIT,
} from './lexicon.js';

/** What the scanner reads outside its range [from, to): no character, so no test below holds for it. */
export const NO_CHAR = -1;

// CN_DIGIT, CN_SMALL and CN_BIG by code unit, in one table (their characters are distinct):
// a digit's value, or a multiplier's exponent plus SMALL or BIG; -1 for other characters.
const SMALL = 16;
const BIG = 32;
const NUMERAL_VALUE = (() => {
  const t = new Int8Array(0x10000).fill(-1);
  for (const [table, base] of [[CN_DIGIT, 0], [CN_SMALL, SMALL], [CN_BIG, BIG]] as const) {
    for (const [ch, v] of Object.entries(table)) t[ch.charCodeAt(0)] = base + v;
  }
  return t;
})();
function numeralValue(c: number, base: number): number {
  const v = c < 0 ? -1 : NUMERAL_VALUE[c]! - base;
  return v >= 0 && v < SMALL ? v : -1;
}

/** CN_DIGIT by code unit: 0-9, or -1. */
export function cnDigitValue(c: number): number {
  return numeralValue(c, 0);
}
/** CN_SMALL by code unit (十 → 1, 千 → 3), or -1. */
export function cnSmallExp(c: number): number {
  return numeralValue(c, SMALL);
}
/** CN_BIG by code unit (万 → 4, 亿 → 8), or -1. */
export function cnBigExp(c: number): number {
  return numeralValue(c, BIG);
}

/** A set of code units as a bitset: 8 KB, small enough for the hot loops to find it in the L1 cache. */
function codeSet(chars: Iterable<string>, ranges: ReadonlyArray<readonly [number, number]> = []): Int32Array {
  const bits = new Int32Array(0x10000 >>> 5);
  const add = (c: number): void => {
    bits[c >>> 5]! |= 1 << (c & 31);
  };
  for (const ch of chars) add(ch.charCodeAt(0));
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) add(c);
  return bits;
}
function inSet(bits: Int32Array, c: number): boolean {
  return c >= 0 && (bits[c >>> 5]! & (1 << (c & 31))) !== 0;
}

const CN_DIGITS = Object.keys(CN_DIGIT);
const CN_SMALLS = Object.keys(CN_SMALL);
/** Circled and parenthesized numbers (①, ⑴, ㈠, ㊀): section numbers. */
const CIRCLED_RANGES = [[0x2460, 0x249b], [0x2776, 0x2793], [0x3220, 0x3229], [0x3280, 0x3289]] as const;

const CIRCLED = codeSet([], CIRCLED_RANGES);
/** What the scanner's main loop can act on. */
const MAY_START = codeSet(['百', '-', ...'0123456789', ...MASK_CHARS, ...CN_DIGITS, ...CN_SMALLS], CIRCLED_RANGES);
const MASK = codeSet(MASK_CHARS);
const NUMERAL = codeSet([...CN_DIGITS, ...CN_SMALLS, ...Object.keys(CN_BIG)]);
const NUMERAL_START = codeSet([...CN_DIGITS, ...CN_SMALLS]);
const LIST_BREAK = codeSet(LIST_BREAKS);
const VAGUE = codeSet(VAGUE_BEFORE);
const VAGUE_BARE_UNIT = codeSet(VAGUE_BEFORE_BARE_UNIT);
const FINANCIAL_CAPITAL = codeSet(FINANCIAL_CAPITALS);
const STOP_AFTER_ARABIC = codeSet(STOP_AFTER_CONTINUATION);
const APPROX_SUFFIX_FIRST = codeSet(APPROX_SUFFIXES.map((w) => w[0]!));
const RANGE_CONNECTOR_FIRST = codeSet(RANGE_CONNECTORS.map((w) => w[0]!));
const APPROX_INFIX = codeSet(APPROX_INFIXES);

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
export function isCjkCode(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}
export function isCircledNumberCode(c: number): boolean {
  return inSet(CIRCLED, c);
}
/**
 * The first position of text[i, hi) where the scanner's main loop can act (a circled number, 百,
 * '-', a digit, a mask or a Chinese numeral start), or hi: the skip over the characters that start
 * nothing, most of them. The bitset is held in a local, so the loop reads no module variable per character.
 */
export function skipToMayStart(text: string, i: number, hi: number): number {
  const bits = MAY_START;
  for (; i < hi; i++) {
    const c = text.charCodeAt(i);
    if ((bits[c >>> 5]! & (1 << (c & 31))) !== 0) return i;
  }
  return hi;
}
/** A hidden digit of a redacted figure (MASK_CHARS). */
export function isMaskCode(c: number): boolean {
  return inSet(MASK, c);
}
/** A Chinese digit or multiplier (CN_DIGIT, CN_SMALL, CN_BIG). */
export function isNumeralCode(c: number): boolean {
  return inSet(NUMERAL, c);
}
/** A Chinese digit or 十/百/千 (CN_DIGIT, CN_SMALL). */
export function isNumeralStartCode(c: number): boolean {
  return inSet(NUMERAL_START, c);
}
export function isListBreakCode(c: number): boolean {
  return inSet(LIST_BREAK, c);
}
export function isVagueBeforeCode(c: number): boolean {
  return inSet(VAGUE, c);
}
export function isVagueBeforeBareUnitCode(c: number): boolean {
  return inSet(VAGUE_BARE_UNIT, c);
}
export function isFinancialCapitalCode(c: number): boolean {
  return inSet(FINANCIAL_CAPITAL, c);
}
/** A date/time character after which an Arabic run cannot continue a numeral (STOP_AFTER_CONTINUATION). */
export function isStopAfterContinuationCode(c: number): boolean {
  return inSet(STOP_AFTER_ARABIC, c);
}
/** Could start one of APPROX_SUFFIXES (skips the word loop for every other character). */
export function mayStartApproxSuffix(c: number): boolean {
  return inSet(APPROX_SUFFIX_FIRST, c);
}
/** One of APPROX_INFIXES (3万余人, 3000多人). */
export function isApproxInfixCode(c: number): boolean {
  return inSet(APPROX_INFIX, c);
}
/** Could start one of RANGE_CONNECTORS. */
export function mayStartRangeConnector(c: number): boolean {
  return inSet(RANGE_CONNECTOR_FIRST, c);
}

/** True when `chars` holds the code unit `c` (a short list of characters, read without making strings). */
export function includesCode(chars: string, c: number): boolean {
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === c) return true;
  return false;
}

/** True when `word` is written at `pos` of `text` (bounds checked by the caller): code units compared in place. */
export function wordAt(text: string, word: string, pos: number): boolean {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(pos + k) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Items grouped by one code unit of theirs (`keyOf`), each group in list order: a lookup by code
 * unit is a bitset test (most characters have no group) and one typed-array load, for the word
 * lists consulted at every figure.
 */
export class CodeIndex<T> {
  private readonly keys = new Int32Array(0x10000 >>> 5); // bitset of the code units that have a group
  private readonly slotOf = new Uint8Array(0x10000); // 0: no group
  private readonly groups: T[][] = [[]];

  constructor(items: Iterable<T>, keyOf: (item: T) => number) {
    for (const item of items) {
      const key = keyOf(item);
      if (!(key >= 0 && key < 0x10000)) throw new Error(`CodeIndex: no code unit for ${String(item)}`);
      let slot = this.slotOf[key]!;
      if (slot === 0) {
        if (this.groups.length === 0x100) throw new Error('CodeIndex: more than 255 groups');
        slot = this.groups.length;
        this.groups.push([]);
        this.slotOf[key] = slot;
        this.keys[key >>> 5]! |= 1 << (key & 31);
      }
      this.groups[slot]!.push(item);
    }
  }

  /** The items keyed by code unit `c` (NO_CHAR gives none). */
  get(c: number): readonly T[] | undefined {
    return inSet(this.keys, c) ? this.groups[this.slotOf[c]!] : undefined;
  }
}
