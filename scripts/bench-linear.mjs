// Linear time, for scripts/bench.mjs: each pathological input at n and at 2n characters through
// extractDocument (the whole pipeline without I/O). One warm-up run at each size, then 9 runs at
// each size, alternated; the ratio is the median of the 9 paired ratios. n is at least 400,000 and
// doubled until one run takes 25 ms. Prints JSON rows.
// Wall-clock ratios live here, never in `npm test` (a noisy machine must not fail CI).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { extractDocument } = await import(path.join(ROOT, 'dist/index.js'));
const N = process.argv.includes('--quick') ? 150_000 : 400_000;
const RUNS = 9;

const prose = readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(ROOT, 'fixtures', f), 'utf8'))
  .join('')
  .replace(/[\n\r]/g, '');
const fill = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const KINDS = [
  ['one long figure 7777…', (n) => fill('7', n)],
  ['long figure with cue and unit', (n) => `基金支出${fill('7', n)}元`],
  ['separators 1,1,1,…', (n) => fill('1,', n)],
  ['thousands groups 1,000,000…', (n) => `1${fill(',000', n)}`],
  ['units 万万万…', (n) => fill('万', n)],
  ['figures 1万1万…', (n) => fill('1万', n)],
  ['enumeration 1人、1人、…', (n) => fill('1人、', n)],
  ['cue words 基金支出…', (n) => fill('基金支出', n)],
  ['cue and figure 基金支出1元,…', (n) => fill('基金支出1元,', n)],
  ['topic and total 基金支出合计1元,…', (n) => fill('基金支出合计1元,', n)],
  ['breakdown words 其中其中…', (n) => fill('其中', n)],
  ['heads and breakdowns 参保1人其中…', (n) => fill('参保1人其中', n)],
  ['brackets ((((…', (n) => fill('(', n)],
  ['bracketed breakdowns （其中1人）…', (n) => fill('（其中1人）', n)],
  ['Chinese numerals 一一一…', (n) => fill('一', n)],
  ['masks XXX…万元', (n) => `${fill('X', n)}万元`],
  ['changes 增长1%…', (n) => fill('增长1%', n)],
  ['blank runs', (n) => `${fill(' ', n)}1`],
  ['prose, no line break', (n) => fill(prose, n)],
  ['table rows | 参保人数 | 1 | 2 |', (n) => fill('| 参保人数 | 1 | 2 |\n', n)],
  ['cues then mixed units 救助…1人次、1元、…', (n) => fill('救助', n / 2) + fill('1人次、1元、', n / 2)],
  ['backward enumeration 31个、…品种', (n) => `${fill('31个、', n)}品种`],
  ['tab-separated cells 1\\t一家\\t…', (n) => fill('1\t一家亲药房\t解除协议\t', n)],
  ['lead-ins 在参保人数中，职工1人，…', (n) => `在参保人数中，${fill('职工1人，', n)}`],
  ['parallel clauses 参保人数为1人，职工医保为1人，…', (n) => `参保人数为1人，${fill('职工医保为1人，', n)}`],
  ['blocked cues 其中新增定点药店1家，…', (n) => `定点药店1家，其中${fill('新增定点药店1家，查处定点药店1家、', n)}`],
  ['asides 参保率(按常住人口计算)1%，…', (n) => fill('参保率(按常住人口计算)1%，', n)],
  ['semicolons 基金收入1元；支出1元；…', (n) => fill('基金收入1元；支出1元；', n)],
  ['unit-list tables 单位：万人、亿元…', (n) => fill('单位：万人、亿元\n险种  参保人数  基金支出\n职工医保  1.5  2.5\n', n)],
  ['respectively 收入、支出分别为1亿元、1亿元…', (n) => fill('基金收入、支出分别为1亿元、2亿元，', n)],
  ['cumulative clauses 受理1件，累计受理1件，…', (n) => `受理慢特病申报1件，${fill('1—11月累计受理2件，', n)}`],
  ['elided lists 暂停、解除…的机构分别为1家、2家…', (n) => fill('暂停、解除医保服务协议的定点医药机构分别为1家、2家，', n)],
  ['reached levels 增加1人，达到2人，…', (n) => fill('参保人数比上年增加1万人，达到2万人，', n)],
];

const time = (text) => {
  const t0 = process.hrtime.bigint();
  extractDocument(text);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * An input is made longer (doubled, up to MAX_N) until one extraction of it takes MIN_MS: a run of a
 * few milliseconds is at the mercy of one garbage collection or one timer tick, and the ratio with it.
 */
const MIN_MS = 25;
const MAX_N = 16 * N;

const rows = [];
for (const [name, make] of KINDS) {
  let n = N;
  time(make(n));
  while (n < MAX_N && median([time(make(n)), time(make(n)), time(make(n))]) < MIN_MS) n *= 2;
  const a = make(n);
  const b = make(2 * n);
  // Warm up at both sizes: compilation and the first touch of fresh memory are not the input's cost.
  time(a);
  time(b);
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    ta.push(time(a));
    tb.push(time(b));
  }
  // The ratio is the median of the ratios of each pair of runs (n, then 2n right after it): the
  // machine's speed drifts from second to second, and a pair sees the same machine. A ratio of
  // separate medians (or of the fastest runs) moved by up to 0.6 from one bench to the next.
  const ratios = ta.map((x, i) => tb[i] / x);
  rows.push({ name, n: a.length, msN: median(ta), ms2N: median(tb), ratio: median(ratios) });
}
process.stdout.write(JSON.stringify(rows));
