import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'reimbursement_ratio',
  label: '报销比例',
  unit: 'percent',
  description: 'reimbursement ratio (实际 / 政策范围内 / 综合)',
  cues: ['报销(?:比例|比率|率)', '(?:医保)?支付比例', '补偿比(?:例)?'],
  blockers: ['占比'],
} satisfies MetricRuleInput;
