// Document metadata from the title and the opening lines (src/extract/metadata.ts): the period a
// title states, and the year a dated report covers when it states no shorter period.
import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../src/extract/metadata.js';
import { normalizeText } from '../src/text/normalize.js';

const meta = (text: string) => extractMetadata(text, normalizeText(text).simplified);

describe('period from the title', () => {
  it.each([
    ['某县医疗保障局2024年上半年工作总结\n\n正文。', 'H1'],
    ['某市2023年医疗保障事业发展统计公报\n\n正文。', 'FY'],
    ['婺源縣2023年醫療保障事業發展統計快報\n\n正文。', 'FY'],
    ['某市2023年1-6月医疗保障统计快报\n\n正文。', 'H1'],
    ['某区医保局2022年第一季度基金运行情况\n\n正文。', 'Q1'],
    ['镇江市2025年1—9月医疗保障基金运行情况分析\n\n正文。', 'Q3'],
    ['某市医保局2024年前三季度工作总结\n\n正文。', 'Q3'],
    ['某县2024年1-10月份医保基金运行情况\n\n正文。', 'M10'],
    ['貴州醫保2024年「成績單」出爐：追回醫保基金逾9億元\n\n正文。', 'FY'],
    ['蜀山区医疗保障统计月报\n（2024年11月）\n\n编制单位：合肥市蜀山区医疗保障局\n\n正文。', 'M11'],
  ])('%s → %s', (text, period) => {
    expect(meta(text).period).toBe(period);
  });

  it('a news title with a year and no report word states no period', () => {
    expect(meta('曲靖：重拳打击欺诈骗保  2024年追回医保基金超1.2亿元\n\n正文。').period).toBeNull();
  });
});

describe('title', () => {
  it('skips the header block of a disclosure page (索 引 号：…, 发布机构：…, 文　　号：…)', () => {
    const text = ['索 引 号：11511302MB1F2345XK/2025-00012', '信息分类：医疗保障 / 基金监管', '发布机构：某区医疗保障局', '成文日期：2025-02-21', '文　　号：某医保发〔2025〕7号', '', '某区医疗保障局关于2024年度医疗保障基金使用监督管理情况的信息披露公告', '', '正文。'].join('\n');
    const m = meta(text);
    expect(m.title).toBe('某区医疗保障局关于2024年度医疗保障基金使用监督管理情况的信息披露公告');
    expect(m.year).toBe(2024);
    expect(m.period).toBe('FY');
  });
});

describe('issuer and region', () => {
  it.each([
    ['杭州市医疗保障局2024年工作总结\n\n正文。', '杭州市医疗保障局', '杭州市'],
    ['貴州省醫療保障局2024年工作總結\n\n正文。', '貴州省醫療保障局', '貴州省'],
    ['郑州市金水区医疗保障局工作总结\n\n正文。', '郑州市金水区医疗保障局', '金水区'],
    ['黔东南州医疗保障局工作总结\n\n正文。', '黔东南州医疗保障局', '黔东南州'],
  ])('%s → %s, %s (a 州 in a name does not end a unit: 杭州市, 贵州省)', (text, issuer, region) => {
    const m = meta(text);
    expect(m.issuer).toBe(issuer);
    expect(m.region).toBe(region);
  });
});

describe('year', () => {
  it('a report dated in its byline covers the earlier year its opening names', () => {
    const text = ['关于全县医疗保障工作情况的报告', '——2025年4月24日在安吉县第十七届人民代表大会常务委员会第二十六次会议上', '', '安吉县医疗保障局局长　潘志明', '', '受县人民政府委托，现将2024年全县医疗保障工作情况报告如下，请予审议。'].join('\n');
    const m = meta(text);
    expect(m.year).toBe(2024);
    expect(m.period).toBe('FY');
  });
});

describe('region of a news report', () => {
  it('the place of its newspaper or dateline, when the text also names it with its unit', () => {
    expect(meta('重拳出击守护群众“救命钱”\n\n来源：邵阳日报　　作者：记者\n\n本报讯　近日，邵阳市以“打击欺诈骗保”为主题开展宣传。').region).toBe('邵阳市');
    expect(meta('曲靖新闻网\n\n曲靖：重拳打击欺诈骗保\n\n近日，曲靖市召开会议。').region).toBe('曲靖市');
  });

  it('one mention alone is no region (null is never a guess)', () => {
    expect(meta('重拳出击守护群众“救命钱”\n\n来源：邵阳日报\n\n我市上半年追回医保基金2100余万元。').region).toBeNull();
    expect(meta('曲靖：重拳打击欺诈骗保\n\n全市追回医保基金1.2亿元。').region).toBeNull();
  });
});

describe('issuer', () => {
  it('the full name when a title abbreviates it (南平市医保局 → 南平市医疗保障局 of the source line)', () => {
    expect(meta('南平市医保局：2024年全市医疗保障事业迈上新台阶\n\n来源：南平市医疗保障局　　发布时间：2024-12-31\n\n正文。').issuer).toBe('南平市医疗保障局');
  });

  it('not a bureau named in a cited document (根据《湖南省财政厅 湖南省医疗保障局…通知》)', () => {
    const m = meta('平江县2024年度医疗保障基金决算情况说明\n\n根据《湖南省财政厅 湖南省医疗保障局关于做好决算编报工作的通知》要求，县医疗保障局编制完成了决算。');
    expect(m.issuer).toBeNull();
    expect(m.region).toBe('平江县');
  });
});

describe('period of a year\'s results', () => {
  it('FY when published after the year it reports on; none when published within it', () => {
    expect(meta('绍兴重拳打击欺诈骗保 2024年追回医保基金1.26亿元\n\n发布时间：2025-01-16 09:45　　来源：绍兴市医疗保障局\n\n正文。').period).toBe('FY');
    expect(meta('绍兴重拳打击欺诈骗保 2024年追回医保基金6000万元\n\n发布时间：2024-07-16 09:45　　来源：绍兴市医疗保障局\n\n正文。').period).toBeNull();
    // Published on the last day of the year, but its opening reports the whole year (全年).
    const release = '南平市医保局：2024年全市医疗保障事业高质量发展迈上新台阶\n\n来源：南平市医疗保障局　　发布时间：2024-12-31 09:30\n\n12月30日，记者从南平市医疗保障局获悉，2024年，全市医保系统坚持以人民健康为中心，各项工作取得新成效。全年全市基本医疗保险参保人数达到256.83万人。';
    expect(meta(release).period).toBe('FY');
  });
});
