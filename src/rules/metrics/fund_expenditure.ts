import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'fund_expenditure',
  label: '医保基金支出',
  unit: 'yuan',
  description: 'insurance fund expenditure, payments and compensation',
  cues: [
    '(?:统筹|医保|医疗保险|大病保险|生育保险)?基金(?:共|累计|合计|总)?(?:支出|支付|补偿|拨付)(?:发生)?',
    // 生育保险待遇支出1.36亿元: benefits paid are the fund's spending.
    '(?:医保|医疗保险|生育保险|大病保险)待遇支出',
    '(?:共)?补偿(?:发生)?',
    '拨付(?:了)?',
    // 基金收入5.6亿元,支出4.8亿元: the fund named at the clause head.
    { pattern: '(?:共|累计|合计)?支出', side: 'left', gap: 2, requires: '基金' },
  ],
  topics: ['基金支出', '补偿'],
  blockers: ['节约', '限额', '最高', '标准', '起付', '欠款'],
} satisfies MetricRuleInput;
