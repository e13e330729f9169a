// Word lists shared by every metric: what makes a figure a change, a cap, a target or a plan,
// and which nouns name quantities that are no metric at all. Data, not code.

/** Before a figure (within a few characters, or between cue and figure): the figure is a change, not a level. */
export const CHANGE_WORDS = [
  '同比增长', '同比下降', '同比增加', '同比减少', '同比提高', '同比降低', '同比上升', '环比',
  '增长', '下降', '增加', '减少', '降低', '上升', '提高', '提升', '回落', '下滑',
  '降幅', '增幅', '增速', '涨幅', '降价幅度', '新增', '净增', '扩面', '多出', '高出', '少了', '下调', '上调',
  '比上年', '较上年', '较去年', '比去年', '较同期', '同比',
] as const;

/** Caps, standards and per-head amounts: policy parameters, not metrics. */
export const CAP_WORDS = [
  '最高支付限额', '最高可', '最高', '限额', '封顶', '起付', '标准', '每人每年', '每人', '人均', '每年', '每次', '不超过', '以内', '可报销', '按照',
] as const;

/**
 * Nouns that name another quantity. When one stands nearer the figure than any metric cue,
 * the figure is not paired (总费用3494.51万元 is no fund expenditure, 咨询量26800余人次 no benefit).
 */
export const ANTI_CUES = [
  '总费用', '医疗总费用', '费用总额', '医疗费用', '欠款', '征缴', '参保收入', '收入', '减征', '补助', '资助', '货值',
  '节约', '咨询量', '咨询', '常住人口为', '常住人口', '户籍人口', '完成进度', '完成率', '完成', '办结率', '结算率', '入库率',
  '覆盖率', '知晓率', '满意度', '占比', '直接结算率', '住院率', '就诊率', '转诊率', '发生率', '知晓', '增长率',
  '欠缴', '医保费', '保险费', '预算', '总额', '培训', '宣传', '发放', '印制', '短信', '粉丝', '关注', '阅读', '播放', '场次', '涉案资金', '扣押', '冻结', '违约金', '起付标准', '起付线', '备案',
] as const;

/** Words that introduce a total without naming it: they take the metric of the nearest topic word before. */
export const GENERIC_MONEY_CUES = ['合计金额', '总金额', '涉及金额', '金额', '合计', '共计', '总计', '累计'] as const;

/** Before the figure in its sentence: the figure is a target (确保参保率保持在95%以上). */
export const TARGET_WORDS = ['确保', '力争', '争取', '目标', '不低于'] as const;

/** Before the figure in its sentence: the figure is planned (拟对三家医院…暂停). */
export const PLAN_WORDS = ['拟对', '拟', '计划', '预计', '将于', '准备'] as const;

/** Words that open a breakdown: later figures with no cue of their own belong to the head figure. */
export const BREAKDOWN_WORDS = ['其中', '分别为', '分别是', '分别'] as const;

/**
 * Before the 中 of a lead-in clause: an activity (在定点医药机构检查中 is "during the checks"), not
 * the quantity the breakdown that follows is a part of (在职工参保人数中). No lead-in then.
 */
export const LEAD_IN_ACTIVITIES = ['检查', '稽查', '稽核', '核查', '抽查', '排查', '审核', '调查', '监管', '治理', '整治', '工作', '宣传', '统计', '过程', '活动', '行动', '专项'] as const;

/**
 * Between a lead-in clause's cue and its closing 中/看: 从追回资金构成看 · 在基金支出结构中 ·
 * 参加职工基本医疗保险人数中 name the
 * same whole as 在追回资金中.
 */
export const LEAD_IN_ASPECTS = ['构成', '结构', '分布', '来源', '人数'] as const;

/**
 * In a table row's label: the row names a quantity of its own, so it is no further part of the
 * breakdown above it (基金收入 after 其中：职工医保 | 城乡居民医保 under 基金支出). With ANTI_CUES.
 */
export const TABLE_QUANTITY_WORDS = ['支出', '结余', '费用', '人数', '人次', '金额', '率', '比例'] as const;

/**
 * A parallel statement (基金支付比例为86.07%,城乡居民医保为70.52%): the verb before both figures,
 * and how the second clause's subject ends (an insurance scheme, a group, a kind of institution or
 * a place). Another subject (个人自付为14%) names another quantity.
 */
export const PARALLEL_VERBS = ['达到', '高达', '为', '是', '达'] as const;
export const PARALLEL_SUBJECTS = ['医保', '保险', '职工', '居民', '人员', '医院', '药店', '机构', '卫生室', '卫生院', '县', '区', '市', '镇', '乡'] as const;

/** Joiners of an enumeration: 85%、70%左右 · 13家定点医院、37家村卫生室、65家药店. */
export const ENUMERATION_JOINERS = ['、', '和', '及', '与', '或', '以及'] as const;
