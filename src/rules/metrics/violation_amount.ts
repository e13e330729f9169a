import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'violation_amount',
  label: '违规金额',
  unit: 'yuan',
  description: 'amounts found in violation, refused or withheld (违规 / 拒付)',
  cues: [
    '(?:确定|认定|涉及|查处|发现)?(?:一般)?违规(?:使用)?(?:医保|医疗保障)?(?:金额|资金|费用|基金)',
    '违法违规(?:使用)?(?:医保|医疗保障)?(?:基金|资金|费用)',
    '拒付(?:金额|资金|费用)?',
  ],
  topics: ['违规', '违法', '拒付'],
} satisfies MetricRuleInput;
