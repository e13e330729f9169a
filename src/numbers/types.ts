// The contract of the number grammar. It works on the NORMALIZED working text:
// simplified script, ASCII digits/letters/punctuation (０-９ → 0-9, ％ → %, ， → ,),
// whitespace around figures already removed. Offsets are indices into that text.
import type { Decimal } from './decimal.js';

/** Why a numeral-looking run is NOT a quantity (kept so tests can assert must-not-match). */
export type NonFigureReason =
  | 'date' // 2024年6月30日, 2024年, 6月, 30日, 7-12月, 1-4月份, 2024年度
  | 'ordinal' // 第五人民医院, 第一批
  | 'doc_number' // 〔2022〕8号, [2021]3号
  | 'phone' // 0714-6351234, 12345
  | 'postcode' // 邮编435000
  | 'section' // 1. / 1、 / (一) / 一是 / ① at a list position
  | 'time' // 8:30, 9时
  | 'lexical'; // a numeral inside a word: 一级医院, 一站式, 两定机构, 三医联动

export interface Figure {
  /** Span of the whole figure in the working text: approximation words, sign, numeral, multipliers, unit, trailing 左右/以上. */
  start: number;
  end: number;
  /** Span of the numeral itself (digits or Chinese numerals, incl. internal 万/亿 and a trailing multiplier). */
  numStart: number;
  numEnd: number;
  /** Exact value with every multiplier applied (501.25万 → 5012500; 百分之九十五点五 → 95.5); null when redacted. */
  value: Decimal | null;
  /** The unit token right after the numeral, multiplier excluded: '元', '人', '人次', '家', '%', '个百分点', '个月' …; null if none. */
  unit: string | null;
  /** True when a bare 万/亿/千 multiplier ended the numeral and no unit followed ("金额1081.61万"). */
  bareMultiplier: boolean;
  approximate: boolean; // 约 近 超 超过 逾 余 多 左右 以上 …
  redacted: boolean; // XX万元 → value null
  /** Written with Chinese numerals (三家, 一千二百万) rather than Arabic digits. */
  chinese: boolean;
}

export interface NonFigure {
  start: number;
  end: number;
  reason: NonFigureReason;
}

export interface ScanResult {
  figures: Figure[];
  /** Numeral runs that were recognized and rejected, with the reason. */
  rejected: NonFigure[];
}
