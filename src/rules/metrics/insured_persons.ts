import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'insured_persons',
  label: '参保人数',
  unit: 'person',
  description: 'people enrolled in basic medical insurance (and the parts of a breakdown)',
  cues: [
    '参保(?:登记|缴费|总)?人数(?:合计|共计|总计|达到|达|为|是)?',
    // Not 26名参保人员冒名就医: the insured doing something are no count of the insured.
    '(?:已|共|累计|合计|总计|全部)?参保(?:登记|缴费)?(?!人员|患者|单位|对象)',
    { pattern: '参保(?:人员|职工|群众)(?:总数|人数)?(?:达到|达|为|共计|共|合计)?', side: 'left' },
    '参加(?:了)?[一-龥]{0,6}?(?:医疗保险|医保)',
  ],
  blockers: ['未参保', '参保收入', '扩面', '待参保', '应参保'],
} satisfies MetricRuleInput;
