import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'agreements_terminated',
  label: '解除协议机构数',
  unit: 'institution',
  description: 'institutions whose agreement was terminated',
  cues: [
    { pattern: '解除(?:医保)?(?:服务)?(?:协议)?', gap: 20 },
    { pattern: '(?:取消|终止)(?:医保)?(?:定点|服务协议|协议)(?:资格)?', gap: 20 },
  ],
} satisfies MetricRuleInput;
