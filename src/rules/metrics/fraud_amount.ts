import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'fraud_amount',
  label: '骗保金额',
  unit: 'yuan',
  description: 'amounts involved in insurance fraud (骗保 / 欺诈)',
  // 涉案金额: the amount of the (fraud) cases a bulletin reports, referred to the police or not.
  cues: ['(?:涉及|涉嫌)?(?:欺诈)?骗(?:保|取医保基金|取基金)(?:金额|资金)?', '欺诈骗保(?:金额|资金)?', '涉案金额'],
  topics: ['骗保', '欺诈', '骗取'],
} satisfies MetricRuleInput;
