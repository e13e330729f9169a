import type { MetricRuleInput } from '../../schema.js';

export default {
  id: 'aid_visits',
  label: '医疗救助人次',
  unit: 'person_time',
  description: 'person-times of medical assistance',
  // 惠及困难群众4.68万人次: those reached are the needy, so the visits are aid (a benefit cue 惠及 is shorter).
  cues: ['(?:医疗)?救助(?:惠及|帮扶|资助)?(?:困难|特困|低保)?(?:患者|对象|群众|人员)?', '惠及(?:困难|特困|低保|救助)(?:群众|对象|人员|患者)'],
} satisfies MetricRuleInput;
