import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'insured_rate',
  label: '参保率',
  unit: 'percent',
  description: 'share of the (resident) population enrolled',
  cues: [
    '参保(?:缴费|覆盖)?率',
    { pattern: '占(?:全[区市县省旗镇乡州盟]|本[区市县镇乡]|辖区|当地|本地)?(?:常住|户籍|总)?人口(?:总数)?(?:的|比例为|比例)?', side: 'left', requires: '参保' },
  ],
  blockers: ['完成进度', '完成率'],
} satisfies MetricRuleInput;
