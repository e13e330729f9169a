import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'agreements_suspended',
  label: '暂停协议机构数',
  unit: 'institution',
  description: 'institutions whose agreement or card settlement was suspended',
  cues: [
    { pattern: '暂停(?:其)?(?:医保)?(?:服务)?(?:协议|刷卡|结算|拨付|定点)?(?:资格|关系)?', gap: 20 },
    { pattern: '中止(?:医保)?(?:服务)?协议', gap: 20 },
  ],
} satisfies MetricRuleInput;
