// Unit tokens as written after a figure, and which base units (../shared/spec/metrics.md) they can express.
// Longest token wins when scanning ("人次" before "人", "个百分点" and "个月" before "个").
import type { BaseUnit } from '../schema.js';
import { CodeIndex, wordAt } from './chars.js';

export interface UnitInfo {
  /** Base units this token can stand for; the metric decides between them (个: institution or item). */
  bases: readonly BaseUnit[];
  /** A change, never a level (个百分点). */
  change?: boolean;
}

/** Tokens that are units of quantities we never report (time, batches, messages…): known, so they are not mistaken for others. */
export const OTHER_UNITS = [
  '个百分点', '百分点', '个月', '个工作日', '个小时', '小时', '分钟', '周岁', '岁', '年', '月', '日', '天', '次', '场次', '场', '批次', '批',
  '条', '万条', '张', '册', '本', '台', '辆', '户', '支', '盒', '片', '组', '轮', '期', '届', '倍', '分', '平方米', '米', '公里', '元/年', '元/人',
  // added for the scanner: date/time words (so 2024年度, 1-4月份, 第3季度, 9时 are recognized and rejected),
  // per-unit prices, and a few count words that must not be mistaken for other units.
  '年度', '月份', '季度', '号', '时', '点', '秒', '周', '周年', '元/次', '元/月', '元/天', '元/人/年', '元/人·年',
  '户次', '床', '张床', '吨', '公斤', '千克', '克', '千米', '亩', '篇', '套', '间', '栋', '层', '‰',
] as const;

export const UNIT_TABLE: Readonly<Record<string, UnitInfo>> = {
  元: { bases: ['yuan'] },
  人: { bases: ['person'] },
  名: { bases: ['person'] },
  位: { bases: ['person'] },
  人次: { bases: ['person_time', 'case'] },
  家: { bases: ['institution'] },
  家次: { bases: ['institution'] },
  所: { bases: ['institution'] },
  个: { bases: ['institution', 'item'] },
  件: { bases: ['case'] },
  起: { bases: ['case'] },
  例: { bases: ['case'] },
  份: { bases: ['case'] },
  宗: { bases: ['case'] },
  种: { bases: ['item'] },
  项: { bases: ['item'] },
  '%': { bases: ['percent'] },
  个百分点: { bases: [], change: true },
  百分点: { bases: [], change: true },
};

/** Every unit token the scanner knows, grouped by the code unit of its first character, longest first. */
const UNIT_INDEX = new CodeIndex(
  [...new Set<string>([...Object.keys(UNIT_TABLE), ...OTHER_UNITS])].sort((a, b) => b.length - a.length),
  (token) => token.charCodeAt(0),
);

/** The longest unit token starting at `pos` and ending at or before `hi` (人次 before 人), or null. */
export function matchUnit(text: string, pos: number, hi: number = text.length): string | null {
  if (pos >= hi) return null;
  const list = UNIT_INDEX.get(text.charCodeAt(pos));
  if (list === undefined) return null;
  // The first code unit matched through the index; most candidates then fail on their second (元/年 … 元).
  const second = pos + 1 < hi ? text.charCodeAt(pos + 1) : -1;
  for (let k = 0; k < list.length; k++) {
    const token = list[k]!;
    if (token.length === 1) return token;
    if (token.charCodeAt(1) === second && pos + token.length <= hi && wordAt(text, token, pos)) return token;
  }
  return null;
}

/** True for tokens the metric table can use (UNIT_TABLE); other known units are reported but ignored by callers. */
export function isTableUnit(token: string | null): boolean {
  return token !== null && Object.prototype.hasOwnProperty.call(UNIT_TABLE, token);
}
