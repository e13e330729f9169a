// Document metadata from the title and the opening lines (src/extract/metadata.ts): the period a
// title states, and the year a dated report covers when it states no shorter period.
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../src/extract/metadata.js';
import { normalizeText } from '../src/text/normalize.js';

const meta = (text: string) => extractMetadata(text, normalizeText(text).simplified);

describe('period from the title', () => {
  it.each([
    ['某县医疗保障局2024年上半年工作总结\n\n正文。', 'H1'],
    ['某市2023年医疗保障事业发展统计公报\n\n正文。', 'FY'],
    ['婺源縣2023年醫療保障事業發展統計快報\n\n正文。', 'FY'],
    ['某市2023年1-6月医疗保障统计快报\n\n正文。', 'H1'],
    ['某区医保局2022年第一季度基金运行情况\n\n正文。', 'Q1'],
  ])('%s → %s', (text, period) => {
    expect(meta(text).period).toBe(period);
  });

  it('a news title with a year and no report word states no period', () => {
    expect(meta('曲靖：重拳打击欺诈骗保  2024年追回医保基金超1.2亿元\n\n正文。').period).toBeNull();
  });
});
