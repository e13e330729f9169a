import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'cases_referred',
  label: '移送案件数',
  unit: 'case',
  description: 'cases or leads referred to police, judiciary or discipline bodies',
  cues: [
    '(?:移送|移交)(?:至|给|到)?(?:公安|司法|纪检监察|纪委监委|纪检|纪委|检察|卫健|市场监管)?(?:机关|部门)?(?:[一-龥]{0,10}?(?:线索|案件|案例|问题))?',
    { pattern: '(?:移送|移交)(?:至|给)?(?:公安|司法|纪检|纪委)(?:机关|部门)?', side: 'right', gap: 6 },
  ],
} satisfies MetricRuleInput;
