import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'aid_amount',
  label: '医疗救助金额',
  unit: 'yuan',
  description: 'medical assistance paid out',
  cues: ['(?:医疗)?救助(?:金额|资金|基金|金|支出)', '(?:医疗)?救助', '支出医疗救助金'],
  topics: ['医疗救助', '救助'],
  // 筹集医疗救助资金2,376.15万元: money raised for aid, not aid paid.
  blockers: ['最高', '限额', '标准', '可救助', '筹集', '筹措'],
} satisfies MetricRuleInput;
