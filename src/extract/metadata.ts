// Document metadata from what the text states: title and opening lines first; never guessed.
// Matching runs on the simplified copy (same length as the original), and every text field is
// sliced from the original, so it keeps the document's own script.
import type { DocumentInfo, Period } from '../schema.js';

export type Meta = Pick<DocumentInfo, 'title' | 'issuer' | 'region' | 'year' | 'period'>;

interface Line {
  start: number;
  end: number;
}

const MENU_WORDS = /^(?:设为首页|加入收藏|无障碍|长者版|首页|当前位置|您当前的位置|登录|注册|搜索|网站地图|繁体|简体|English|打印|关闭|分享)|门户网站|政府网站|人民政府网$|>|>>|»/;
const BULLET = /^[•·■◆●▪\-*>|]/;
const SECTION_START = /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.．]|[①-⑳])/;
const DATE_LINE = /^\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?$/;

/** What /\s/ matches, for one code unit (no one-character string per position). */
function isWhiteSpaceCode(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The first `max` non-blank lines of a text, trimmed (only the opening is read: no need to cut the rest). */
function lines(text: string, max: number): Line[] {
  const out: Line[] = [];
  for (let start = 0; start <= text.length && out.length < max; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let s = start;
    let e = end;
    while (s < e && isWhiteSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isWhiteSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
    start = end + 1;
  }
  return out;
}

/** The first line, among the first few, that reads as a title: not a menu item, a section, a date or a paragraph. */
/** Lines longer than this are paragraphs: the title search ends there (a title has at most 80). */
const MAX_LINE_READ = 1000;

/** A field of a disclosure page's header block (索 引 号：…, 发布机构：…, 文　　号：…): not the title. */
const DISCLOSURE_FIELD = /^(?:索[\s\u3000]*引[\s\u3000]*号|信息分类|主题分类|发布机构|发文机关|成文日期|发布日期|文[\s\u3000]*号|公开方式|公开范围|公开时限|有[\s\u3000]*效[\s\u3000]*性)[\s\u3000]*[:：]/;

function findTitle(simplified: string): Line | null {
  const all = lines(simplified, 16); // web pages open with menus and breadcrumbs
  for (const l of all) {
    const s = simplified.slice(l.start, l.end);
    if (s.length > MAX_LINE_READ) return null; // a paragraph, not read through by the tests below
    if (s.length < 6 || BULLET.test(s) || MENU_WORDS.test(s) || DATE_LINE.test(s) || DISCLOSURE_FIELD.test(s)) continue;
    if (SECTION_START.test(s) || s.length > 80 || /[。;；]/.test(s.slice(0, -1)) || !/[\u4e00-\u9fff]/.test(s)) return null;
    return l;
  }
  return null;
}

// A run of administrative units ending right before 医疗保障局/医保局: 安徽省太和县, 岳阳市云溪区, 下陆区.
const ISSUER = /((?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|自治州|州|盟|地区|区|县|旗)){1,3})(?:医疗保障局|医保局)/g;
const LEADING_FUNCTION_WORDS = /^(?:记者从|记者|关于|对于|对|据|在|由|经|从|各|本|我)/;
// A piece does not end right before another unit word: 杭州市 and 贵州省 are one piece each, not 杭州 + 市.
const ADMIN_PIECE = /[\u4e00-\u9fff]{1,7}?(?:自治区|自治州|省|市|州|盟|地区|区|县|旗)(?![省市州区县旗盟])/g;
const NOT_A_PLACE = /^(?:全|本|该|各|我|辖|社|园|城|市场|地区|县域|区域|片区|街区|景区)/;

interface IssuerFound {
  issuerStart: number;
  issuerEnd: number;
  regionStart: number;
  regionEnd: number;
}

function findIssuer(simplified: string, from: number, to: number): IssuerFound | null {
  const slice = simplified.slice(from, to);
  ISSUER.lastIndex = 0;
  for (let m = ISSUER.exec(slice); m !== null; m = ISSUER.exec(slice)) {
    // 根据《湖南省财政厅 湖南省医疗保障局…通知》: a bureau named in a cited document's title is not this one.
    const open = slice.lastIndexOf('《', m.index);
    if (open >= 0 && slice.indexOf('》', open) > m.index) continue;
    let units = m[1]!;
    let offset = m.index;
    const lead = LEADING_FUNCTION_WORDS.exec(units);
    if (lead) {
      units = units.slice(lead[0].length);
      offset += lead[0].length;
    }
    const pieces = [...units.matchAll(ADMIN_PIECE)];
    if (pieces.length === 0) continue;
    // Drop a province in front of a lower unit: 安徽省太和县医疗保障局 → 太和县医疗保障局.
    let first = 0;
    if (pieces.length > 1 && /(?:省|自治区)$/.test(pieces[0]![0])) first = 1;
    const last = pieces[pieces.length - 1]!;
    if (NOT_A_PLACE.test(last[0])) continue;
    const issuerStart = from + offset + (pieces[first]!.index ?? 0);
    const issuerEnd = from + m.index + m[0].length;
    const regionStart = from + offset + (last.index ?? 0);
    return { issuerStart, issuerEnd, regionStart, regionEnd: regionStart + last[0].length };
  }
  return null;
}

// A place named in a title without an issuer: 峄城区奋力书写“满意医保”答卷.
const TITLE_PLACE = /[\u4e00-\u9fff]{2,4}?(?:自治区|自治州|省|市|区|县|旗)/g;

function findPlace(simplified: string, from: number, to: number): Line | null {
  const slice = simplified.slice(from, to);
  TITLE_PLACE.lastIndex = 0;
  for (let m = TITLE_PLACE.exec(slice); m !== null; m = TITLE_PLACE.exec(slice)) {
    if (NOT_A_PLACE.test(m[0]) || /医保|医疗|工作|服务/.test(m[0])) {
      TITLE_PLACE.lastIndex = m.index + 1;
      continue;
    }
    return { start: from + m.index, end: from + m.index + m[0].length };
  }
  return null;
}

function findYear(s: string): number | null {
  // A year outside 《》 titles and 〔〕 document numbers.
  const clean = s.replace(/《[^》]{0,80}》|〔[^〕]{0,8}〕|\[[^\]]{0,8}\]/g, (x) => ' '.repeat(x.length));
  const m = /(?:19|20)\d{2}(?=年)/.exec(clean);
  return m ? Number(m[0]) : null;
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

function monthNumber(s: string): number | null {
  const n = /^\d+$/.test(s) ? Number(s) : (CN_DIGIT[s] ?? null);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

/** The earliest period statement in s (in a title, ranges, months and years too), with its offset. */
function earliestPeriod(s: string, isTitle: boolean): { at: number; period: Period } | null {
  const found: { at: number; period: Period }[] = [];
  const add = (re: RegExp, period: Period | ((m: RegExpExecArray) => Period | null)): void => {
    const m = re.exec(s);
    if (!m) return;
    const p = typeof period === 'function' ? period(m) : period;
    if (p) found.push({ at: m.index, period: p });
  };
  add(/上半年/, 'H1');
  add(/下半年/, 'H2');
  add(/(?:第)?([一二三四1-4])季度/, (m) => (`Q${{ 一: 1, 二: 2, 三: 3, 四: 4 }[m[1]!] ?? m[1]}` as Period));
  if (isTitle) {
    // 1—N月 covers the year so far: named by the quarter, half or year it closes (1-3月 Q1, 1-6月 H1,
    // 1-9月 Q3, 1-12月 FY), else by its last month (1-10月 M10).
    add(/(?:1|一)(?:-|—|~|至|到)(\d{1,2}|[二三四五六七八九十]{1,2})月/, (m) => {
      const n = monthNumber(m[1]!);
      if (n === null || n < 2) return null;
      return (({ 3: 'Q1', 6: 'H1', 9: 'Q3', 12: 'FY' } as Record<number, Period>)[n] ?? `M${n}`) as Period;
    });
    add(/前三季度/, 'Q3');
    add(/年(\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?(?!\d)/, (m) => {
      const n = monthNumber(m[1]!);
      return n ? (`M${n}` as Period) : null;
    });
    add(/年度|全年|年报|年终|成绩单/, 'FY');
  }
  if (found.length === 0) return null;
  found.sort((a, b) => a.at - b.at);
  // A range (1-6月) also contains a month; the earliest statement wins, ties go to the range.
  return found[0]!;
}

/** The period a title (or, in an untitled excerpt, the body) states. */
function findPeriod(s: string, isTitle: boolean): Period | null {
  const first = earliestPeriod(s, isTitle);
  if (first) return first.period;
  // A dated report with no shorter period in its title covers the year: 2023年统计公报 · 2023年统计快报 · 2021年工作总结.
  if (isTitle && /(?:19|20)\d{2}年/.test(s) && /公报|快报|总结|年报|报告/.test(s)) return 'FY';
  return null;
}

/** PDF text puts spaces around figures ("2024 年"): compare without whitespace. */
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/** The longest statement earliestPeriod looks for in a body (第一季度). */
const MAX_BODY_PERIOD = 4;
const MAX_BODY_SCAN = 1 << 16;

/**
 * findPeriod(squeeze(body), false), squeezing no more of the body than it takes: a statement
 * found in a squeezed prefix that ends MAX_BODY_PERIOD or more characters before the prefix does
 * is the earliest of the whole body (an earlier one would lie inside the prefix too). The prefix
 * doubles until then, so the body is squeezed at most about twice over.
 */
function bodyPeriod(body: string): Period | null {
  for (let window = 2048; ; window *= 2) {
    // Read no further than MAX_BODY_SCAN: a period stated that deep into an untitled text is no
    // statement about the whole document, and a huge one is not read to its end for nothing.
    const whole = window >= body.length || window >= MAX_BODY_SCAN;
    const prefix = squeeze(window >= body.length ? body : body.slice(0, window));
    const first = earliestPeriod(prefix, false);
    if (whole || (first && first.at + MAX_BODY_PERIOD <= prefix.length)) return first ? first.period : null;
  }
}

/** Up to three short lines right after the title (subtitle, source and date line), before the body. */
function headLines(simplified: string, from: number): string {
  const out: string[] = [];
  for (const l of lines(simplified.slice(from, from + 400), 3)) {
    const s = simplified.slice(from + l.start, from + l.end);
    if (s.length > 60 || out.length === 3) break;
    out.push(s);
  }
  return out.join('\n');
}

const FULL_DATE = /(?:19|20)\d{2}年\d{1,2}月\d{1,2}日/;
/** A byline line that is only a date: 2024年3月 · 2024年3月15日. */
const BYLINE_DATE = /^(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?$/;
/** A year that is no date (2024年全县…, not 2025年4月24日 or 2024年3月). */
const REPORTED_YEAR = /((?:19|20)\d{2})年(?!\d{1,2}月)/;
const REPORT_TITLE = /公报|快报|总结|年报|报告/;

/** A place named by a newspaper or news site (邵阳日报, 曲靖新闻网) or a title's dateline (曲靖：…), at the start of a line. */
const MEDIA_PLACE = /(?:^|\n|来源[:：]\s{0,2})([\u4e00-\u9fff]{2,4}?)(?:日报|晚报|新闻网|发布|融媒|电视台|人民广播电台|广播电台|[:：])/g;
const FULL_NAME_SCAN = 600;
const MEDIA_LABELS = /^(?:来源|作者|编辑|记者|时间|日期|发布|审核|责编|通讯员|首页)/;
const MEDIA_SCAN = 600;
const PLACE_SCAN = 4000;

/**
 * A news report's place when no issuer or title names one: the place of its newspaper, news site
 * or dateline (邵阳日报, 曲靖：…) when the text also names it with its unit (邵阳市以…, 曲靖市各级
 * 医保部门): two mentions agree, so it is read, not guessed. The region is the body's mention.
 */
function namedTwice(simplified: string): Line | null {
  const head = simplified.slice(0, MEDIA_SCAN);
  const body = simplified.length > PLACE_SCAN ? simplified.slice(0, PLACE_SCAN) : simplified;
  MEDIA_PLACE.lastIndex = 0;
  for (let m = MEDIA_PLACE.exec(head); m !== null; m = MEDIA_PLACE.exec(head)) {
    const name = m[1]!;
    if (NOT_A_PLACE.test(name) || MEDIA_LABELS.test(name)) {
      MEDIA_PLACE.lastIndex = m.index + 1; // 来源：邵阳日报: the label is no place, the source after it may be
      continue;
    }
    for (const unit of ['市', '县', '区', '州', '盟', '旗']) {
      const at = body.indexOf(name + unit);
      if (at >= 0) return { start: at, end: at + name.length + unit.length };
    }
  }
  return null;
}

/** The first line after `from` longer than a byline line (the opening paragraph), at most 400 units of it. */
function firstParagraph(simplified: string, from: number): string {
  for (const l of lines(simplified.slice(from, from + 1200), 8)) {
    if (l.end - l.start > 60) return simplified.slice(from + l.start, from + Math.min(l.end, l.start + 400));
  }
  return '';
}

/** The year of a publication date near the top (2025-01-16, 2025年1月16日), or null. */
function publishedYear(s: string): number | null {
  const m = /((?:19|20)\d{2})(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)/.exec(s);
  return m ? Number(m[1]) : null;
}

/** A dateline such as 2023-07-14 or 2023/7/14. */
function findDatelineYear(s: string): number | null {
  const m = /(?:19|20)\d{2}(?=[-/.]\d{1,2}[-/.]\d{1,2})/.exec(s);
  return m ? Number(m[0]) : null;
}

export function extractMetadata(original: string, simplified: string): Meta {
  const title = findTitle(simplified);
  const head = title ?? null;
  const opening = { start: 0, end: Math.min(simplified.length, 200) };

  // Issuer: the title, then the opening lines, then an explicit 发布机关 line.
  let issuer = head ? findIssuer(simplified, head.start, head.end) : null;
  if (!issuer) issuer = findIssuer(simplified, opening.start, Math.min(simplified.length, 300));
  if (!issuer) {
    const m = /(?:发布机关|发布单位|发文机关|发布机构|来源)[:：]\s{0,3}/.exec(simplified.length > MAX_BODY_SCAN ? simplified.slice(0, MAX_BODY_SCAN) : simplified);
    if (m) issuer = findIssuer(simplified, m.index + m[0].length, Math.min(simplified.length, m.index + m[0].length + 40));
  }

  // 南平市医保局 in a title, 南平市医疗保障局 in the source line: the full name is the issuer.
  if (issuer && simplified.startsWith('医保局', issuer.issuerEnd - 3)) {
    const full = simplified.slice(issuer.regionStart, issuer.regionEnd) + '医疗保障局';
    const at = simplified.slice(0, FULL_NAME_SCAN).indexOf(full);
    if (at >= 0) issuer = { issuerStart: at, issuerEnd: at + full.length, regionStart: at, regionEnd: issuer.regionEnd - issuer.regionStart + at };
  }
  let region: Line | null = issuer ? { start: issuer.regionStart, end: issuer.regionEnd } : null;
  if (!region && head) region = findPlace(simplified, head.start, head.end);
  if (!region) region = namedTwice(simplified);

  const titleText = head ? squeeze(simplified.slice(head.start, head.end)) : null;
  // Under a title, a subtitle or dateline (short lines before the body) may state what the title does not.
  const bylineLines = head ? headLines(simplified, head.end) : '';
  const byline = squeeze(bylineLines);
  let year =
    titleText !== null
      ? (findYear(titleText) ?? findYear(byline) ?? findDatelineYear(byline))
      : findYear(squeeze(simplified.slice(opening.start, opening.end)));
  // A bracketed line right under the title is part of it: 统计月报 / （2024年11月）.
  const bylineList = bylineLines.split('\n');
  const firstByline = squeeze(bylineList[0] ?? '');
  const bracketed = /^[(（][^)）]{0,20}[)）]$/.test(firstByline);
  let period = titleText !== null ? (findPeriod(titleText, true) ?? (bracketed ? findPeriod(firstByline, true) : null) ?? findPeriod(byline, false)) : bodyPeriod(simplified);
  // A title with a year and no period of its own.
  if (period === null && head && titleText !== null && year !== null && findYear(titleText) === year) {
    // 关于2024年第二批…典型案例的通报 / …2024年上半年，全省…: the period its opening paragraph states
    // for that year; 2024年，全市医保系统…。全年全市…: the whole year.
    const opening = squeeze(firstParagraph(simplified, head.end));
    const at = opening.indexOf(`${year}年`);
    if (at >= 0) period = findPeriod(opening.slice(at + 5, at + 5 + MAX_BODY_PERIOD), false);
    if (period === null && at >= 0 && opening.includes('全年')) period = 'FY';
    // 绍兴…2024年追回医保基金1.26亿元 / 发布时间：2025-01-16: a year's results published after the
    // year ended cover the whole of it.
    if (period === null && publishedYear(squeeze(simplified.slice(0, Math.min(simplified.length, head.end + 400)))) === year + 1) period = 'FY';
  }
  // 关于全县医疗保障工作情况的报告 / ——2025年4月24日在…会议上: a report dated in its byline covers the
  // earlier year its opening names (现将2024年全县医疗保障工作情况报告如下), a whole year when its
  // title is a report's.
  if (head && titleText !== null && year !== null && findYear(titleText) === null && (FULL_DATE.test(byline) || bylineList.some((l) => BYLINE_DATE.test(squeeze(l))))) {
    const opened = REPORTED_YEAR.exec(squeeze(simplified.slice(head.end, head.end + 600)));
    const covered = opened ? Number(opened[1]) : null;
    if (covered !== null && covered < year && year - covered <= 1) {
      year = covered;
      if (period === null && REPORT_TITLE.test(titleText)) period = 'FY';
    }
  }

  return {
    title: head ? original.slice(head.start, head.end) : null,
    issuer: issuer ? original.slice(issuer.issuerStart, issuer.issuerEnd) : null,
    region: region ? original.slice(region.start, region.end) : null,
    year,
    period,
  };
}
