import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'recovered_funds',
  label: '追回医保基金',
  unit: 'yuan',
  description: 'insurance funds recovered (追回 / 追缴 / 挽回)',
  cues: [
    '(?:追回|追缴|收回)(?:违规)?(?:医保|医疗保障|医疗保险)?(?:基金|资金|费用)?(?:损失)?',
    '挽回(?:医保|医疗保障)?(?:基金)?(?:损失)?',
    // 追回个人违规报销医疗费用43.27万元 · 追回剩余违规资金: what was recovered, in a few words.
    '(?:追回|追缴)[一-龥]{1,8}?(?:费用|资金)',
    { pattern: '退回(?:医保)?基金(?:账户)?', side: 'left' },
  ],
  topics: ['追回', '追缴', '挽回'],
  // 自查自纠退回医保基金 is money returned unasked: self_correction_refund.
  blockers: ['自查自纠'],
} satisfies MetricRuleInput;
