// Flattened tables → records (src/extract/tables.ts): one fixture per layout in fixtures/tables/,
// each with the exact records it must give, plus texts that must give none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decimalToNumber, decimalToString } from '../src/numbers/decimal.js';
import { builtinRules } from '../src/rules/catalog.js';
import { extractDocument } from '../src/extract/document.js';
import { extractTables, type TableRecord } from '../src/extract/tables.js';
import { normalizeText } from '../src/text/normalize.js';
import * as OpenCC from 'opencc-js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

interface Got {
  metric: string;
  value: number | null;
  column: string | undefined;
  text: string;
}

function tables(original: string): TableRecord[] {
  return extractTables(original, normalizeText(original).simplified, builtinRules());
}

function run(original: string): Got[] {
  const recs = tables(original);
  for (const r of recs) {
    // Grounded: the span is the cell's figure as the original writes it.
    expect(r.end).toBeGreaterThan(r.start);
    expect(r.redacted).toBe(r.value === null);
  }
  return recs.map((r) => ({
    metric: r.rule.rule.id,
    value: r.value === null ? null : decimalToNumber(r.value),
    column: r.column,
    text: original.slice(r.start, r.end),
  }));
}

const rec = (metric: string, value: number | null, column: string | undefined, text: string): Got => ({ metric, value, column, text });

describe('table layouts', () => {
  it('Markdown table: caption unit 单位：万元, change column, blank cell, row unit, XX', () => {
    const text = read('tables/markdown.txt');
    expect(run(text)).toEqual([
      rec('fund_expenditure', 32146000, '2022年', '3214.6'),
      rec('fund_expenditure', 39201000, '2023年', '3920.1'),
      rec('fund_expenditure', 51203500, '2022年', '5120.35'),
      rec('fund_expenditure', 53887000, '2023年', '5388.7'),
      rec('fund_balance', 11907100, '2022年', '1190.71'),
      rec('insured_persons', 501200, '2022年', '50.12'),
      rec('insured_persons', 513000, '2023年', '51.3'),
      rec('aid_amount', null, '2022年', 'XX'),
      rec('aid_amount', 6060000, '2023年', '606'),
    ]);
    const recs = tables(text);
    // Exact decimal scaling, never float math: 3214.6 in a 万元 column.
    expect(decimalToString(recs[0]!.value!)).toBe('32146000');
    expect(recs[0]!.start).toBe(text.indexOf('3214.6'));
    const xx = recs.find((r) => r.redacted)!;
    expect(xx.value).toBeNull();
    expect(xx.approximate).toBe(false);
  });

  it('Markdown table with a stacked header (span filled), units in the cells, metric named by the column', () => {
    expect(run(read('tables/markdown-stacked.txt'))).toEqual([
      // The header names the metric (基金支出); `column` is then the row label.
      rec('fund_expenditure', 32146000, '职工医保', '3214.6万元'),
      rec('fund_expenditure', 30561000, '职工医保', '3056.1万元'),
      rec('fund_expenditure', 120000000, '居民医保', '1.2亿元'),
      rec('fund_expenditure', 122000000, '居民医保', '约1.22亿元'),
      rec('fund_expenditure', null, '合计', 'XX万元'),
      rec('fund_expenditure', 428000000, '合计', '4.28亿元'),
      // Second table: the label names the metric; 其中：门诊 inherits 医疗救助资金.
      rec('aid_visits', 14529, '数值', '14529'),
      rec('aid_amount', 6060000, '数值', '606'),
      rec('aid_amount', 4940000, '数值', '494'),
      rec('aid_amount', 1120000, '数值', '112万元'),
    ]);
    const approx = tables(read('tables/markdown-stacked.txt')).find((r) => r.approximate);
    expect(approx && decimalToNumber(approx.value!)).toBe(122000000);
  });

  it('pipe rows without separator, traditional script, a 單位 column, an 增減 column and +/− cells', () => {
    expect(run(read('tables/pipe-traditional.txt'))).toEqual([
      // `column` is the header as the original writes it (決算, not 决算).
      rec('institutions_inspected', 1215, '2022年決算', '1215'),
      rec('institutions_inspected', 1320, '2023年決算', '1320'),
      rec('recovered_funds', 6743900, '2022年決算', '674.39'),
      rec('recovered_funds', 889600, '2023年決算', '88.96'),
      rec('fines', 462000, '2022年決算', '46.2'),
      rec('fines', 125000, '2023年決算', '12.5'),
      rec('cases_referred', 7, '2022年決算', '7'),
    ]);
  });

  it('tab-separated rows, metric per column (救助人次(人次) / 救助金额(万元)), a blank cell', () => {
    expect(run(read('tables/tab.txt'))).toEqual([
      rec('aid_visits', 3159, '黄石港区', '3159'),
      rec('aid_amount', 1214500, '黄石港区', '121.45'),
      rec('aid_visits', 4006, '西塞山区', '4006'),
      rec('aid_visits', 14529, '下陆区', '14529'),
      rec('aid_amount', 6060000, '下陆区', '606'),
      rec('aid_visits', 21694, '合计', '21694'),
      rec('aid_amount', 7274500, '合计', '727.45'),
    ]);
  });

  it('space-aligned columns: caption unit, full-width digits, a section-indented row, a blank cell matched by position', () => {
    expect(run(read('tables/space-aligned.txt'))).toEqual([
      rec('fund_expenditure', 412005000, '2022年', '41200.5'),
      rec('fund_expenditure', 438921000, '2023年', '４３８９２．１'),
      rec('fund_expenditure', 301202000, '2022年', '30120.2'),
      rec('fund_expenditure', 320119000, '2023年', '32011.9'),
      rec('fund_balance', 111099000, '2022年', '11109.9'),
      rec('fund_balance', 112287000, '2023年', '11228.7'),
      // 2023年 is blank: 5896.2 sits under 增减额 (a change), so nothing more for this row.
      rec('fund_balance', 602310000, '2022年', '60231.0'),
      // 参保人数（人）: the row's own unit beats the caption's 万元.
      rec('insured_persons', 168532, '2022年', '168532'),
      rec('insured_persons', 169586, '2023年', '169586'),
    ]);
  });

  it('one cell per line ending in " |", rows ended by pipe-only lines, traditional script', () => {
    expect(run(read('tables/one-cell-pipe.txt'))).toEqual([
      rec('fund_expenditure', 32146000, '2022年', '3214.6'),
      rec('fund_expenditure', 39201000, '2023年', '3920.1'),
      rec('fund_expenditure', 51203500, '2022年', '5120.35'),
      rec('fund_balance', 11907100, '2022年', '1190.71'),
      rec('fund_balance', 52151100, '2023年', '5215.11'),
    ]);
  });

  it('one cell per line without pipes: header block, then label + value lines (metric per column)', () => {
    expect(run(read('tables/one-cell-lines.txt'))).toEqual([
      rec('insured_persons', 152310, '黄石港区', '152310'),
      rec('insured_rate', 98.52, '黄石港区', '98.52'),
      rec('insured_persons', null, '西塞山区', 'XX'),
      rec('insured_rate', 97.9, '西塞山区', '97.90'),
      rec('insured_persons', 98765, '下陆区', '98,765'),
      rec('insured_persons', 369586, '全市合计', '369,586'),
      rec('insured_rate', 98.16, '全市合计', '98.16'),
    ]);
  });

  it('full-width pipes and digits fold per character; offsets stay on the original', () => {
    const text = '單位：萬元\n｜項目｜２０２３年｜\n｜職工醫保基金支出｜３２１４．６｜\n｜居民醫保基金支出｜－｜\n';
    expect(run(text)).toEqual([rec('fund_expenditure', 32146000, '２０２３年', '３２１４．６')]);
  });

  it('header units: 人数(人), 比例(%), 单位:人次, a unit column and 单位 in the first header cell', () => {
    const a = '| 项目（单位：万元） | 2023年 |\n| --- | --- |\n| 统筹基金支付 | 281.65 |\n| 追回医保基金 | 52.5 |\n';
    expect(run(a)).toEqual([rec('fund_expenditure', 2816500, '2023年', '281.65'), rec('recovered_funds', 525000, '2023年', '52.5')]);
    const b = '单位:人次\n| 待遇类别 | 享受待遇 | 同比增减 |\n|---|---|---|\n| 职工医保 | 101192 | 2034 |\n';
    expect(run(b)).toEqual([rec('benefit_visits', 101192, '职工医保', '101192')]);
    const c = '| 年份 | 参保人数(人) | 实际报销比例(%) |\n|---|---|---|\n| 2022 | 80432 | 62.8 |\n| 2023年 | 81021 | 63.5 |\n';
    expect(run(c)).toEqual([
      rec('insured_persons', 80432, '2022', '80432'),
      rec('reimbursement_ratio', 62.8, '2022', '62.8'),
      rec('insured_persons', 81021, '2023年', '81021'),
      rec('reimbursement_ratio', 63.5, '2023年', '63.5'),
    ]);
    // A bare-year header row is a header, not figures.
    const d = '| 指标 | 2022 | 2023 |\n| 定点医药机构(家) | 184 | 190 |\n| 新增定点医药机构(家) | 6 | 6 |\n';
    expect(run(d)).toEqual([rec('designated_institutions', 184, '2022', '184'), rec('designated_institutions', 190, '2023', '190')]);
  });

  it('a 序号 column before the label, a 计量单位 column, sub-tables with their own 单位 rows', () => {
    const a = '| 序号 | 项目 | 2023年 |\n|---|---|---|\n| 1 | 职工医保基金支出(万元) | 3214.6 |\n| 2 | 参保人数(人) | 80432 |\n';
    expect(run(a)).toEqual([rec('fund_expenditure', 32146000, '2023年', '3214.6'), rec('insured_persons', 80432, '2023年', '80432')]);
    const b = '指标名称\t计量单位\t本期\t上年同期\n城乡居民参保人数\t万人\t45.91\t45.2\n定点医疗机构\t个\t113\t110\n实际报销比例\t%\t62.8\t61.9\n';
    expect(run(b)).toEqual([
      rec('insured_persons', 459100, '本期', '45.91'),
      rec('insured_persons', 452000, '上年同期', '45.2'),
      rec('designated_institutions', 113, '本期', '113'),
      rec('designated_institutions', 110, '上年同期', '110'),
      rec('reimbursement_ratio', 62.8, '本期', '62.8'),
      rec('reimbursement_ratio', 61.9, '上年同期', '61.9'),
    ]);
    const c = '| 单位：万元 | | |\n| 项目 | 2022年 | 2023年 |\n| 基金支出 | 1 | 2 |\n| 单位：人 | | |\n| 项目 | 职工 | 居民 |\n| 参保人数 | 3 | 4 |\n';
    expect(run(c)).toEqual([
      rec('fund_expenditure', 10000, '2022年', '1'),
      rec('fund_expenditure', 20000, '2023年', '2'),
      rec('insured_persons', 3, '职工', '3'),
      rec('insured_persons', 4, '居民', '4'),
    ]);
  });

  it('space-aligned header with no label header: cells matched by position, a blank first value', () => {
    const t = [
      '表1 基金收支',
      '                    2022年        2023年      增幅(%)',
      '基金支出(万元)      3214.6        3920.1      21.9',
      '基金结余(万元)                    5215.11',
      '参保人数(万人)        50.1          51.3        2.4',
    ].join('\n');
    expect(run(t)).toEqual([
      rec('fund_expenditure', 32146000, '2022年', '3214.6'),
      rec('fund_expenditure', 39201000, '2023年', '3920.1'),
      rec('fund_balance', 52151100, '2023年', '5215.11'),
      rec('insured_persons', 501000, '2022年', '50.1'),
      rec('insured_persons', 513000, '2023年', '51.3'),
    ]);
  });

  it('rows after a 其中 row go on with the breakdown until a label names something of its own', () => {
    const table = [
      '单位：万元',
      '| 指标 | 2023年 | 同比增长 |',
      '| 基金收入 | 54862.37 | 5.2% |',
      '| 其中：职工医保 | 14936.52 | 6.8% |',
      '| 城乡居民医保 | 39925.85 | 4.6% |',
      '| 基金支出 | 50127.64 | 7.9% |',
      '| 其中：职工医保 | 12478.09 | 9.3% |',
      '| 城乡居民医保 | 37649.55 | 7.4% |',
      '| 当期结余 | 4734.73 | -16.8% |',
      '',
    ].join('\n');
    expect(run(table)).toEqual([
      rec('fund_expenditure', 501276400, '2023年', '50127.64'),
      rec('fund_expenditure', 124780900, '2023年', '12478.09'),
      rec('fund_expenditure', 376495500, '2023年', '37649.55'),
      rec('fund_balance', 47347300, '2023年', '4734.73'),
    ]);
    // 基金收入 names a quantity of its own: not a further part of 基金支出.
    const income = ['单位：万元', '| 指标 | 2023年 |', '| 基金支出 | 50127.64 |', '| 其中：职工医保 | 12478.09 |', '| 基金收入 | 54862.37 |', ''].join('\n');
    expect(run(income)).toEqual([rec('fund_expenditure', 501276400, '2023年', '50127.64'), rec('fund_expenditure', 124780900, '2023年', '12478.09')]);
  });

  it('no unit anywhere, unknown units and plan columns give nothing', () => {
    expect(run('| 项目 | 2023年 |\n|---|---|\n| 基金支出 | 3214.6 |\n| 参保人数 | 80432 |\n')).toEqual([]);
    expect(run('| 项目 | 2023年 |\n|---|---|\n| 基金支出 | 12个月 |\n| 基金结余 | 3批 |\n')).toEqual([]);
    expect(run('单位：万元\n| 项目 | 2024年预算 | 2023年 |\n|---|---|---|\n| 基金支出 | 5000 | 4800.5 |\n')).toEqual([
      rec('fund_expenditure', 48005000, '2023年', '4800.5'),
    ]);
    // 单位：万元、元: two units of one kind, which nothing tells apart.
    expect(run('单位：万元、元\n| 项目 | 2023年 |\n|---|---|\n| 基金支出 | 4800.5 |\n| 基金结余 | 80432 |\n')).toEqual([]);
  });

  it('a caption that lists units (单位：万人、亿元): each cell takes the one its metric is counted in', () => {
    // By row label, then by column header (space-aligned); 基金收入 is no metric.
    expect(run('单位：万元、人\n| 项目 | 2023年 |\n|---|---|\n| 基金支出 | 4800.5 |\n| 参保人数 | 80432 |\n')).toEqual([
      rec('fund_expenditure', 48005000, '2023年', '4800.5'),
      rec('insured_persons', 80432, '2023年', '80432'),
    ]);
    const table = [
      '单位：万人、亿元',
      '险种              参保人数    基金收入    基金支出    累计结余',
      '职工医保           96.52       78.64       66.29      102.47',
      '城乡居民医保      367.85       92.18       88.53       41.26',
      '',
    ].join('\n');
    expect(run(table)).toEqual([
      rec('insured_persons', 965200, '职工医保', '96.52'),
      rec('fund_expenditure', 6629000000, '职工医保', '66.29'),
      rec('fund_balance', 10247000000, '职工医保', '102.47'),
      rec('insured_persons', 3678500, '城乡居民医保', '367.85'),
      rec('fund_expenditure', 8853000000, '城乡居民医保', '88.53'),
      rec('fund_balance', 4126000000, '城乡居民医保', '41.26'),
    ]);
  });

  it('a total row takes, per cell, the metric of the row above counted in that cell\'s unit', () => {
    const table = ['| 项目 | 人次 | 金额（万元） |', '| --- | --- | --- |', '| 住院救助 | 2,418 | 571.32 |', '| 倾斜救助 | 213 | 82.75 |', '| 合计 | 11,846 | 786.53 |', ''].join('\n');
    expect(run(table).filter((r) => r.text === '11,846' || r.text === '786.53')).toEqual([
      rec('aid_visits', 11846, '人次', '11,846'),
      rec('aid_amount', 7865300, '金额（万元）', '786.53'),
    ]);
  });

  it('a row whose label names only a scheme or group (职工医保(人)) under a row that named a metric is a part of it', () => {
    const table = [
      '项目                    本月数        本年累计',
      '参保人数(人)            812463          —',
      '  职工医保(人)          486215          —',
      '  居民医保(人)          326248          —',
      '基金收入(万元)          18642.35     201376.84',
      '  职工医保(万元)        11254.30     121635.42',
      '',
    ].join('\n');
    expect(run(table)).toEqual([
      rec('insured_persons', 812463, '本月数', '812463'),
      rec('insured_persons', 486215, '本月数', '486215'),
      rec('insured_persons', 326248, '本月数', '326248'),
    ]);
  });

  it('PDF layout: a title row, a unit-list caption row, letter-spaced labels (全  省), space-grouped figures, 其中 rows in the unit of their whole', () => {
    const table = [
      '表 1  2023年全省基本医疗保险主要指标',
      '                                               单位：万人、%',
      '地  区          参保人数          参保率',
      '全  省          2 203.46          96.12',
      '长春市            818.42          96.45',
      '',
      '指    标                          2023年        增长（%）',
      '基本医疗保险参保人数（万人）     2 203.46        -0.65',
      '  其中：职工医保                    563.27         1.78',
      '',
    ].join('\n');
    const got = run(table).map((r) => [r.metric, r.value, r.text]);
    expect(got).toEqual([
      ['insured_persons', 22034600, '2 203.46'],
      ['insured_rate', 96.12, '96.12'],
      ['insured_persons', 8184200, '818.42'],
      ['insured_rate', 96.45, '96.45'],
      ['insured_persons', 22034600, '2 203.46'],
      ['insured_persons', 5632700, '563.27'],
    ]);
  });

  it('a header that needs a word of the label (支出 needs 基金), and a total row that sums the cells above it', () => {
    const table = [
      '单位：万元',
      '项目\t上年结余\t本年收入\t本年支出\t本年结余',
      '职工医保统筹基金\t18642.37\t21385.64\t19872.15\t1513.49',
      '生育保险基金\t1286.45\t1532.18\t1408.76\t123.42',
      '合计\t19928.82\t22917.82\t21280.91\t1636.91',
      '',
    ].join('\n');
    expect(run(table).filter((r) => r.metric === 'fund_expenditure').map((r) => r.text)).toEqual(['19872.15', '1408.76', '21280.91']);
  });

  it("a label's metric that the header blocks (定点零售药店 | 现场检查数) leaves the header's", () => {
    const table = ['（单位：家）', '| 机构类型 | 定点机构数 | 现场检查数 |', '| --- | --- | --- |', '| 医院 | 42 | 41 |', '| 定点零售药店 | 318 | 156 |', '| 合计 | 360 | 197 |', ''].join('\n');
    expect(run(table).map((r) => [r.metric, r.value])).toEqual([
      ['designated_institutions', 42],
      ['institutions_inspected', 41],
      ['designated_institutions', 318],
      ['institutions_inspected', 156],
      ['designated_institutions', 360],
      ['institutions_inspected', 197],
    ]);
  });

  it("a column whose header names something those counted did (a blocker of the row's metric) gives nothing", () => {
    const table = [
      '单位：家',
      '类别                  机构数    其中：开通跨省直接结算',
      '定点医疗机构            4186          1342',
      '定点零售药店            3527          1765',
      '',
    ].join('\n');
    expect(run(table)).toEqual([
      rec('designated_institutions', 4186, '机构数', '4186'),
      rec('designated_institutions', 3527, '机构数', '3527'),
    ]);
  });
});

describe('texts that are not tables give no table records', () => {
  it('fixture 004: its 附件 tables of disclosure counts (no units) give nothing', () => {
    expect(run(read('004_85f6a187291e936b.txt'))).toEqual([]);
  });

  it('the seed fixtures (prose) give no table records', () => {
    for (const f of ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt']) {
      expect(run(read(f)), f).toEqual([]);
    }
  });

  it('a prose paragraph, wrapped and with figures, gives nothing', () => {
    const prose = [
      '2023年,全区基本医疗保险参保人数达到80432人,参保率为98.8%。',
      '职工医保基金支出3214.6万元,同比增长5.2%;',
      '居民医保基金支出  5120.35万元,',
      '累计结余  1190.71万元。',
      '医疗救助',
      '3159人次',
      '救助金额',
      '121.45万元',
      '全年共追回医保基金52625.49元,罚款46.2万元。',
    ].join('\n');
    expect(run(prose)).toEqual([]);
  });

  it('navigation bars and page furniture with pipes or aligned words give nothing', () => {
    const nav = '首页 | 机构概况 | 政务公开 | 互动交流\n新闻动态 | 通知公告 | 政策法规 | 办事指南\n发布时间：2023-05-06    浏览次数：1234\n来源：区医保局    作者：办公室\n';
    expect(run(nav)).toEqual([]);
  });

  it('stays linear on large pathological input', () => {
    const parts = [
      '| 基金支出 | 1 |\n'.repeat(20000),
      '医疗救助\n1\n'.repeat(20000),
      'a |\n|\n1 |\n'.repeat(20000),
      '参保人数  1  2  3\n'.repeat(20000),
      `${'|'.repeat(100000)}\n`,
      `${'参保人数 '.repeat(20000)}\n`,
      `${'| 项目 | 说明 |\n'.repeat(20000)}| 参保人数(人) | 1 |\n`,
      `${'项目  说明  备注\n'.repeat(20000)}参保人数(人)  1  2\n`,
    ];
    const t0 = performance.now();
    for (const p of parts) tables(`单位：万元\n${p}`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('script and width variants', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toFullWidth = (s: string): string => s.replace(/[0-9.%|]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  for (const name of ['markdown.txt', 'markdown-stacked.txt', 'tab.txt', 'space-aligned.txt', 'one-cell-lines.txt']) {
    it(`${name}: the traditional and the full-width copies give the same records, grounded`, () => {
      const text = read(`tables/${name}`);
      const want = run(text).map((r) => [r.metric, r.value]);
      for (const variant of [toTraditional(text), toFullWidth(text)]) {
        const got = run(variant);
        expect(got.map((r) => [r.metric, r.value])).toEqual(want);
        for (const r of tables(variant)) expect(variant.slice(r.start, r.end).length).toBe(r.end - r.start);
      }
    });
  }
});

describe('through extractDocument', () => {
  it('table cells become records with `column`, and pass the output schema', () => {
    const text = read('tables/markdown.txt');
    const doc = extractDocument(text);
    const cells = doc.metrics.filter((m) => m.column !== undefined);
    expect(cells.map((m) => [m.metric, m.value, m.column, m.text])).toEqual(
      run(text).map((r) => [r.metric, r.value, r.column, r.text]),
    );
    for (const m of doc.metrics) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
