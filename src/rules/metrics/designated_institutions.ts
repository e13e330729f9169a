import type { MetricRuleInput } from '../../schema.js';

// Weak: "8家定点药店…暂停刷卡" is a suspension, not a count of designated institutions.
// Blockers catch counts of institutions that did something (完成处方流转, 安装视频监控, 信息变更).
export default {
  id: 'designated_institutions',
  label: '定点医药机构数',
  unit: 'institution',
  description: 'designated (定点) medical institutions and pharmacies',
  cues: [
    '(?:纳入|共有|现有|拥有|有)?(?:医保)?定点[一-龥]{0,8}?(?:医药机构|医疗机构|零售药店|药店|医院|诊所|卫生室|卫生院|中心|机构)',
    '两定机构(?:共计|共有|合计|总数|共|达到|达)?',
    { pattern: '签订(?:了)?(?:医保)?(?:管理)?服务协议', side: 'right', gap: 16 },
  ],
  blockers: [
    '完成', '安装', '变更', '约谈', '整改', '处理', '处罚', '审核', '考核', '评估', '接入', '培训', '检查', '暂停', '解除',
    '新增', '试点', '示范', '保留', '监控', '追回', '退回', '违规', '查处', '移送', '上线', '对接', '督导', '通报', '表扬', '开展', '自查', '申请', '新纳入', '开通', 'DRG', 'DIP', '付费', '直接结算', '刷卡资格', '应用',
  ],
  weak: true,
} satisfies MetricRuleInput;
