// The number grammar, Duckling style: one corpus of texts with every figure they hold (or none),
// a loop that runs it, unit tests for the exact decimals, and a linear-time smoke check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimalFromDigits,
  decimalToNumber,
  decimalToString,
  fromInteger,
  negateDecimal,
  parseDecimal,
  shiftDecimal,
} from '../src/numbers/decimal.js';
import { figureNumber, scanFigures } from '../src/numbers/scan.js';
import type { Figure, NonFigureReason, ScanResult } from '../src/numbers/types.js';
import { matchUnit } from '../src/numbers/units.js';

interface Expected {
  /** Exact canonical decimal string, or null when redacted. */
  value: string | null;
  unit?: string | null;
  approximate?: boolean;
  redacted?: boolean;
  /** The whole figure span (approximation words and unit included). */
  text?: string;
}
interface Entry {
  text: string;
  expect: Expected[];
  /** Rejection reasons that must appear (as a multiset) among `rejected`. */
  reasons?: NonFigureReason[];
  note?: string;
}

const corpus: Entry[] = JSON.parse(readFileSync(new URL('./corpus/numbers.json', import.meta.url), 'utf8'));

function view(text: string, f: Figure): Expected & { text: string } {
  return {
    value: f.value === null ? null : decimalToString(f.value),
    unit: f.unit,
    approximate: f.approximate,
    redacted: f.redacted,
    text: text.slice(f.start, f.end),
  };
}

/** Structural invariants, checked in plain code so that huge results cost one assertion. */
function checkInvariants(text: string, r: ScanResult): void {
  const problems: string[] = [];
  const spans = [...r.figures.map((f) => [f.start, f.end] as const), ...r.rejected.map((x) => [x.start, x.end] as const)].sort(
    (a, b) => a[0] - b[0],
  );
  spans.forEach(([s, e], k) => {
    if (s < 0 || e <= s || e > text.length) problems.push(`bad span ${s}-${e}`);
    if (k > 0 && s < spans[k - 1]![1]) problems.push(`overlap at ${s}`);
  });
  for (let k = 1; k < r.figures.length; k++) if (r.figures[k]!.start < r.figures[k - 1]!.end) problems.push('figures out of order');
  for (const f of r.figures) {
    if (!(f.start <= f.numStart && f.numStart < f.numEnd && f.numEnd <= f.end)) problems.push(`bad numeral span at ${f.start}`);
    if ((f.value === null) !== f.redacted) problems.push(`value/redacted mismatch at ${f.start}`);
    if (f.bareMultiplier && f.unit !== null) problems.push(`bare multiplier with unit at ${f.start}`);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('number corpus', () => {
  it('has at least 150 entries, with must-not-match cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(corpus.filter((e) => e.expect.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  for (const entry of corpus) {
    it(`${JSON.stringify(entry.text)} → ${entry.expect.length === 0 ? 'nothing' : entry.expect.map((x) => x.value).join(', ')}`, () => {
      const r = scanFigures(entry.text);
      checkInvariants(entry.text, r);
      const got = r.figures.map((f) => view(entry.text, f));
      expect(got.map((g) => g.value)).toEqual(entry.expect.map((x) => x.value));
      entry.expect.forEach((want, k) => {
        const g = got[k]!;
        const picked: Partial<Expected> = {};
        for (const key of Object.keys(want) as (keyof Expected)[]) (picked as Record<string, unknown>)[key] = g[key];
        expect(picked).toEqual(want);
      });
      if (entry.reasons) {
        const left = r.rejected.map((x) => x.reason);
        for (const reason of entry.reasons) {
          const at = left.indexOf(reason);
          expect(at, `rejection "${reason}" in ${JSON.stringify(r.rejected.map((x) => [entry.text.slice(x.start, x.end), x.reason]))}`).toBeGreaterThanOrEqual(0);
          left.splice(at, 1);
        }
      }
    });
  }
});

describe('scanFigures details', () => {
  it('reports the numeral span apart from the figure span', () => {
    const text = '咨询量达26800余人次';
    const [f] = scanFigures(text).figures;
    expect(f).toBeDefined();
    expect(text.slice(f!.numStart, f!.numEnd)).toBe('26800');
    expect(text.slice(f!.start, f!.end)).toBe('26800余人次');
  });

  it('marks a bare multiplier and keeps the value exact', () => {
    const [f] = scanFigures('金额1081.61万').figures;
    expect(f!.bareMultiplier).toBe(true);
    expect(f!.unit).toBeNull();
    expect(decimalToString(f!.value!)).toBe('10816100');
    expect(figureNumber(f!)).toBe(10816100);
  });

  it('flags Chinese-written figures', () => {
    const r = scanFigures('三家医院和3家药店');
    expect(r.figures.map((f) => f.chinese)).toEqual([true, false]);
  });

  it('figureNumber is null when redacted', () => {
    const [f] = scanFigures('追回XX万元').figures;
    expect(figureNumber(f!)).toBeNull();
  });

  it('scans only inside [from, to) and treats `from` as the start of a line', () => {
    const text = '甲1.居民参保80432人。乙参保率98.8%';
    const all = scanFigures(text);
    expect(all.figures.map((f) => decimalToString(f.value!))).toEqual(['80432', '98.8']);
    const part = scanFigures(text, text.indexOf('乙'), text.length);
    expect(part.figures.map((f) => decimalToString(f.value!))).toEqual(['98.8']);
    expect(part.figures[0]!.start).toBe(text.indexOf('98.8'));
    const cut = scanFigures(text, 0, text.indexOf('人'));
    expect(cut.figures.map((f) => [decimalToString(f.value!), f.unit])).toEqual([['80432', null]]);
  });

  it('keeps figures and rejections in text order', () => {
    const text = '截至2024年6月30日,共3159人次,救助金额1214531.81元';
    const r = scanFigures(text);
    expect(r.figures.map((f) => f.start)).toEqual([...r.figures.map((f) => f.start)].sort((a, b) => a - b));
    expect(r.rejected.map((x) => text.slice(x.start, x.end))).toEqual(['2024年', '6月', '30日']);
  });

  it('matchUnit prefers the longest token', () => {
    expect(matchUnit('人次', 0)).toBe('人次');
    expect(matchUnit('个百分点', 0)).toBe('个百分点');
    expect(matchUnit('个月', 0)).toBe('个月');
    expect(matchUnit('个人', 0)).toBe('个');
    expect(matchUnit('元/年', 0)).toBe('元/年');
    expect(matchUnit('市', 0)).toBeNull();
  });
});

describe('exact decimals', () => {
  it('parses and prints canonical strings', () => {
    expect(decimalToString(parseDecimal('1081.61'))).toBe('1081.61');
    expect(decimalToString(parseDecimal('-3.96'))).toBe('-3.96');
    expect(decimalToString(parseDecimal('141.80'))).toBe('141.8');
    expect(decimalToString(parseDecimal('0.05'))).toBe('0.05');
    expect(() => parseDecimal('1,100')).toThrow();
  });

  it('shifts by powers of ten exactly (1081.61万 = 10816100, not 10816099.999999998)', () => {
    expect(1081.61 * 10000).not.toBe(10816100); // the float trap this module exists for
    expect(decimalToString(shiftDecimal(parseDecimal('1081.61'), 4))).toBe('10816100');
    expect(decimalToNumber(shiftDecimal(parseDecimal('1081.61'), 4))).toBe(10816100);
    expect(decimalToString(shiftDecimal(parseDecimal('501.25'), 4))).toBe('5012500');
    expect(decimalToString(shiftDecimal(parseDecimal('1.23'), 12))).toBe('1230000000000');
    expect(decimalToString(shiftDecimal(parseDecimal('131881.602'), 4))).toBe('1318816020');
    expect(decimalToString(shiftDecimal(parseDecimal('0.00001'), 4))).toBe('0.1');
    expect(decimalToString(shiftDecimal(parseDecimal('5'), -2))).toBe('0.05');
  });

  it('adds, negates and compares', () => {
    expect(decimalToString(addDecimal(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.3');
    expect(decimalToString(addDecimal(shiftDecimal(fromInteger(107), 8), shiftDecimal(fromInteger(8800), 4)))).toBe('10788000000');
    expect(decimalToString(negateDecimal(shiftDecimal(parseDecimal('3.96'), 4)))).toBe('-39600');
    expect(compareDecimal(parseDecimal('1.10'), parseDecimal('1.1'))).toBe(0);
    expect(compareDecimal(parseDecimal('-2'), parseDecimal('1'))).toBe(-1);
  });

  it('builds from digit strings without a division loop', () => {
    expect(decimalToString(decimalFromDigits('1081', '6100'))).toBe('1081.61');
    expect(decimalToString(decimalFromDigits('3', '96', true))).toBe('-3.96');
    expect(decimalToString(decimalFromDigits('', '5'))).toBe('0.5');
    const d = decimalFromDigits('1', '0'.repeat(100_000));
    expect(d.scale).toBe(0);
  });
});

describe('linear-time smoke (shape only, no clock)', () => {
  const N = 200_000;

  it('a 200,000-digit run is one identifier, not a figure', () => {
    const r = scanFigures('金额' + '7'.repeat(N) + '元');
    expect(r.figures).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reason).toBe('lexical');
  });

  it('"1," repeated gives one bare figure per 1', () => {
    const r = scanFigures('1,'.repeat(N / 2));
    expect(r.figures).toHaveLength(N / 2);
    expect(r.figures.every((f) => f.value !== null && decimalToString(f.value) === '1' && f.unit === null)).toBe(true);
  });

  it('"1,000" groups repeated are one over-long identifier', () => {
    const r = scanFigures('1' + ',000'.repeat(N / 4));
    expect(r.figures).toEqual([]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['lexical']);
  });

  it('"万" repeated holds no numeral; "1万" repeated is one figure each', () => {
    expect(scanFigures('万'.repeat(N))).toEqual({ figures: [], rejected: [] });
    const r = scanFigures('1' + '万'.repeat(N));
    expect(r.figures).toHaveLength(1);
    expect(decimalToString(r.figures[0]!.value!)).toBe('10000');
    const s = scanFigures('1万'.repeat(N / 2));
    expect(s.figures).toHaveLength(N / 2);
  });

  it('other long runs finish with a sane shape', () => {
    for (const text of ['一'.repeat(N), '十'.repeat(N), 'X'.repeat(N) + '万元', '1.'.repeat(N / 2), '1-'.repeat(N / 2), '-1'.repeat(N / 2), '第一、'.repeat(N / 3), '百分之'.repeat(N / 3), '3万4000'.repeat(N / 7), '9'.repeat(N) + '%']) {
      const r = scanFigures(text);
      checkInvariants(text, r);
    }
  });
});
