import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'self_correction_refund',
  label: '自查自纠退回金额',
  unit: 'yuan',
  description: 'money institutions returned on their own in self-inspection (自查自纠)',
  cues: [
    '自查自纠(?:总计|共计|共|累计|合计|分别)?(?:主动)?(?:退回|退还|上缴|清退|退款)?(?:违规)?(?:使用)?(?:医保|医疗保障)?(?:金额|资金|基金|费用)?',
    '主动(?:退回|退还|上缴|清退)(?:违规)?(?:使用)?(?:医保|医疗保障)?(?:金额|资金|基金|费用)?',
  ],
  topics: ['自查自纠'],
} satisfies MetricRuleInput;
