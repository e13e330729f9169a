import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'aid_visits',
  label: '医疗救助人次',
  unit: 'person_time',
  description: 'person-times of medical assistance',
  cues: ['(?:医疗)?救助(?:惠及|帮扶|资助)?(?:困难|特困|低保)?(?:患者|对象|群众|人员)?'],
} satisfies MetricRuleInput;
