import type { MetricRuleInput } from '../../schema.js';

// Visit words (住院, 门诊, 门急诊, 就诊…) count as benefit cues only with 人次: the unit decides.
export default {
  id: 'benefit_visits',
  label: '享受待遇人次',
  unit: 'person_time',
  description: 'person-times that received insurance benefits',
  cues: [
    '享受[一-龥]{0,6}?(?:待遇|报销|补偿)',
    '待遇享受',
    '(?:累计)?受益',
    '补偿',
    { pattern: '惠及(?:参保)?(?:群众|患者|职工|居民|人员)?', side: 'left' },
    { pattern: '(?:住院|门急诊|门诊|急诊|就诊|就医|结算|刷卡|报销)', side: 'left', gap: 4 },
  ],
  topics: [],
  blockers: ['咨询', '业务', '办理'],
} satisfies MetricRuleInput;
