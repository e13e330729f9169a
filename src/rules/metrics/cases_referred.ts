import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'cases_referred',
  label: '移送案件数',
  unit: 'case',
  description: 'cases or leads referred to police, judiciary or discipline bodies',
  cues: [
    '(?:移送|移交)(?:违法违规|违规|问题)?(?:线索|案件|案例)?',
    { pattern: '(?:移送|移交)(?:至|给)?(?:公安|司法|纪检|纪委)(?:机关|部门)?', side: 'right', gap: 6 },
  ],
} satisfies MetricRuleInput;
