import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'fines',
  label: '罚款金额',
  unit: 'yuan',
  description: 'fines and administrative penalties',
  cues: ['(?:各|共|合计)?罚款(?:金额)?', '行政处罚(?:金额)?', '罚没(?:金额|款)?', '处罚金额'],
  topics: ['罚款', '处罚'],
} satisfies MetricRuleInput;
