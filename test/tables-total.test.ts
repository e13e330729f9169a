// A 合计 row under rows of one metric is that metric's total; a 新增 column holds changes.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';

const table = ['表2 定点医药机构情况', '单位：家', '| 类别 | 机构数 | 其中：本年新增 |', '| 定点医疗机构 | 1200 | 35 |', '| 定点零售药店 | 800 | 12 |', '| 合计 | 2000 | 47 |', ''].join('\n');

describe('table totals', () => {
  it('keeps the 合计 row and drops the 新增 column', () => {
    const doc = extractDocument(table);
    expect(doc.metrics.map((m) => [m.metric, m.value, m.text])).toEqual([
      ['designated_institutions', 1200, '1200'],
      ['designated_institutions', 800, '800'],
      ['designated_institutions', 2000, '2000'],
    ]);
    for (const m of doc.metrics) expect(table.slice(m.start, m.end)).toBe(m.text);
  });
});
