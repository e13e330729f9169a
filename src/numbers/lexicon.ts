// Small word lists the number scanner consults. Every list is tiny and every check is a
// bounded comparison at a fixed position, so none of them affects linearity. chars.ts turns them
// into tables by code unit for the scanner's hot paths.

/** Chinese digits (simplified and financial capitals). 两 is 2; 零/〇 are 0. */
export const CN_DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};

/** Section multipliers: exponent of ten. */
export const CN_SMALL: Readonly<Record<string, number>> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3 };

/** Group multipliers: exponent of ten. Never start a numeral on their own. */
export const CN_BIG: Readonly<Record<string, number>> = { 万: 4, 亿: 8 };

/** Financial capitals: written alone they are words (下陆区, 队伍, 收拾), not numerals. */
export const FINANCIAL_CAPITALS = '壹贰叁肆伍陆柒捌玖拾佰仟';

/** Date/time characters after which an Arabic run cannot continue a numeral (10万2024年). */
export const STOP_AFTER_CONTINUATION = '年月日号时点:.-%';

/** Characters that stand for a hidden digit in redacted figures (XX万元, ××人, **%). */
export const MASK_CHARS = new Set(['X', 'x', '×', '*']);

/** Approximation words written before the numeral; longest first. */
export const APPROX_PREFIXES = ['将近', '接近', '超过', '大约', '约为', '约达', '约', '近', '超', '逾'] as const;

/** A one-character prefix preceded by one of these is part of a word, not an approximation (节约3000万元, 最近3年). */
export const APPROX_PREFIX_BLOCKERS: Readonly<Record<string, string>> = {
  约: '节制签预特合违履续公条邀集婚',
  近: '最附就临邻靠远亲贴',
  超: '高赶',
};

/** Written between the numeral (or its multiplier) and the unit: 3万余人, 3000多人. */
export const APPROX_INFIXES = ['余', '多'] as const;

/** Written after the unit: 85%左右, 95%以上. `以下` is deliberately not here (an upper bound, not an estimate). */
export const APPROX_SUFFIXES = ['左右', '以上', '上下'] as const;

/**
 * Words in which a Chinese numeral followed by a unit-like character is lexical, with the
 * numeral's offset inside the word (一件事一次办, 最多跑一次, 十分重要 …).
 */
export const LEXICAL_WORDS: ReadonlyArray<readonly [word: string, offset: number]> = [
  ['一件事', 0], ['一次办', 0], ['一次性', 0], ['一支笔', 0], ['一条短信', 0], ['一条龙', 0], ['一张网', 0],
  ['一张图', 0], ['一张床', 0], ['一本账', 0], ['一本通', 0], ['一码通', 0], ['一起', 0], ['一样', 0],
  ['一批又一批', 0], ['一站式', 0], ['一网通办', 0], ['一体化', 0], ['一把手', 0], ['一线', 0],
  ['两个确保', 0], ['两个维护', 0], ['四个意识', 0], ['四个自信', 0], ['十分', 0], ['万分', 0], ['十万火急', 0],
  ['最多跑一次', 4], ['跑一次', 1], ['一项一策', 0], ['一院一策', 0], ['一人一档', 0], ['一户一策', 0],
];

/** `一起` is a count of cases when followed by one of these (查处一起案件). */
export const YIQI_CASE_FOLLOWERS = ['案', '违', '骗', '欺', '诈', '涉嫌'] as const;

/** Characters before a Chinese numeral that make it vague (数十家, 几百人, 上千人). */
export const VAGUE_BEFORE = '数几';
/** Before a numeral made only of multipliers (上百家, 成千, 近百): vague. */
export const VAGUE_BEFORE_BARE_UNIT = '上成数几';

/** Connectors between the two ends of a range (7-12月, 6.3%~67.9%, 第一至七批). */
export const RANGE_CONNECTORS = ['——', '—', '-', '~', '至', '到', '、', '和', '及', '与', '或'] as const;

/** Look-back cues for telephone numbers and postcodes; the cue may be followed by ':', '为', '是'. */
export const PHONE_CUES = ['电话', '热线', '拨打', '手机', '传真', '联系方式', '号码'] as const;
export const POSTCODE_CUES = ['邮编', '邮政编码'] as const;
/** Hotline words looked for right after a number (12345热线, 12393医保服务热线). */
export const HOTLINE_WORDS = ['热线', '电话'] as const;

/** Opening → closing brackets for document numbers (〔2022〕8号) and list numbers ((一), [1]). */
export const BRACKETS: Readonly<Record<string, string>> = { '〔': '〕', '[': ']', '【': '】', '(': ')', '［': '］', '（': '）' };

/** Characters after which a position starts a list item (for 1. / 1、 / 一、 section numbers). */
export const LIST_BREAKS = '\n\r。;:!?|\t \u3000•·';
