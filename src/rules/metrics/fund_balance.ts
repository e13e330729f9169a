import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'fund_balance',
  label: '医保基金结余',
  unit: 'yuan',
  description: 'fund balance (当期 or 累计结余)',
  cues: ['(?:基金)?(?:累计|当期|历年|滚存|年末)?(?:结余|结存)'],
  blockers: ['结余留用', '留用'],
} satisfies MetricRuleInput;
