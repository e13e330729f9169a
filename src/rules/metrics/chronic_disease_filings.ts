import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'chronic_disease_filings',
  label: '慢特病申报备案数',
  unit: 'case',
  description: 'chronic / special outpatient disease applications and filings (counted in 件, or 人次)',
  cues: [
    '(?:慢性病|慢特病|慢病|特殊病|特殊疾病|门特|特门|两病|特药)(?:资料|待遇)?(?:受理)?(?:申报|备案|申请|认定|鉴定)(?:备案)?',
    '(?:申报|备案|受理|认定|办理)(?:门诊)?(?:慢性病|慢特病|慢病|特殊病|特殊疾病)(?:资料|待遇)?',
  ],
} satisfies MetricRuleInput;
