import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'institutions_inspected',
  label: '检查医药机构数',
  unit: 'institution',
  description: 'medical institutions inspected',
  cues: [
    // 对38家定点医疗机构开展医保基金管理突出问题专项检查: the checks' subject may take a dozen units.
    { pattern: '(?:进行|开展)(?:了)?[一-龥]{0,14}?(?:检查|稽查|稽核|核查|抽查)(?!组|队|小组|工作组)', side: 'right', gap: 16 },
    { pattern: '(?:现场|全覆盖|专项|飞行|联合|实地)(?:检查|稽查|稽核|核查|排查)(?!组|队|小组|工作组)', side: 'right', gap: 16 },
    { pattern: '全覆盖', side: 'right', gap: 8 },
    { pattern: '(?:检查|抽查|稽查|稽核|核查)(?:了)?(?:定点)?(?:医药机构|医疗机构|零售药店|药店|机构)?(?:共|共计)?', side: 'left', gap: 2 },
  ],
} satisfies MetricRuleInput;
