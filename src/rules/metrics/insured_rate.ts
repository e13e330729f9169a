import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'insured_rate',
  label: '参保率',
  unit: 'percent',
  description: 'share of the (resident) population enrolled',
  cues: [
    '参保(?:缴费|覆盖)?率',
    { pattern: '占(?:全区|全市|全县|全省|全旗|本地|辖区|当地)?(?:常住|户籍|总)?人口(?:总数)?(?:的|比例为|比例)?', side: 'left', requires: '参保' },
  ],
  blockers: ['完成进度', '完成率'],
} satisfies MetricRuleInput;
