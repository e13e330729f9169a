import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'procured_varieties',
  label: '集采品种数',
  unit: 'item',
  description: 'drug or consumable varieties under centralized volume-based procurement',
  cues: [
    '(?:药品|耗材)?品种',
    '品规',
    { pattern: '(?:集采|带量采购|国家集采)?中选(?:药品|产品|耗材)', side: 'left' },
    '(?:带量采购|集中采购|集采|国采|省采)(?:的)?(?:药品|耗材|医用耗材)',
    { pattern: '(?:医用)?耗材', side: 'left', gap: 2 },
  ],
} satisfies MetricRuleInput;
