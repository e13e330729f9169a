import { parseCsv as parse } from './helpers/csv.js';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRows, inertText, plainNumber, renderCsv } from '../src/render/csv.js';
import { renderJson } from '../src/render/json.js';
import { ndjsonLine, renderNdjson } from '../src/render/ndjson.js';
import type { DocumentError, DocumentOk, MetricRecord } from '../src/schema.js';

function record(over: Partial<MetricRecord> = {}): MetricRecord {
  return {
    metric: 'aid_amount',
    label: '医疗救助金额',
    value: 1214531.81,
    unit: 'yuan',
    text: '救助金额1214531.81元',
    start: 569,
    end: 584,
    approximate: false,
    redacted: false,
    ...over,
  };
}

function doc(metrics: MetricRecord[], source = 'fixtures/a.txt'): DocumentOk {
  return {
    source,
    ok: true,
    document: { title: null, issuer: null, region: '下陆区', year: 2024, period: 'H1', script: 'simplified', encoding: 'utf-8', chars: 2421 },
    metrics,
    warnings: [],
  };
}

const broken: DocumentError = { source: 'broken.bin', ok: false, error: { code: 'BINARY_INPUT', message: 'broken.bin looks like a binary file, not text' } };

describe('plainNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [-39600, '-39600'],
    [1214531.81, '1214531.81'],
    [10816100, '10816100'],
    [1e21, '1000000000000000000000'],
    [1.2345e25, '12345000000000000000000000'],
    [-1e21, '-1000000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [98.8, '98.8'],
    [0.1, '0.1'],
  ])('%s → %s', (n, s) => {
    expect(plainNumber(n)).toBe(s);
    expect(s).not.toMatch(/[e,]/i);
    expect(Number(s)).toBe(n === -0 ? 0 : n);
  });
});

describe('CSV', () => {
  it('writes the header in contract order', () => {
    expect(csvHeader()).toBe('source,metric,label,value,unit,text,start,end,approximate,redacted,qualifier,column\n');
    expect(CSV_COLUMNS.slice(0, 11)).toEqual(['source', 'metric', 'label', 'value', 'unit', 'text', 'start', 'end', 'approximate', 'redacted', 'qualifier']);
  });

  it('writes booleans as true/false, null and absent fields as empty cells, numbers plain', () => {
    const out = csvRows(
      doc([
        record(),
        record({ value: null, redacted: true, approximate: true, text: '救助金额XX万元', qualifier: 'target', column: '2024年' }),
        record({ value: 1e21, metric: 'fund_balance' }),
      ]),
    );
    const rows = parse(out) as string[][];
    expect(rows[0]).toEqual(['fixtures/a.txt', 'aid_amount', '医疗救助金额', '1214531.81', 'yuan', '救助金额1214531.81元', '569', '584', 'false', 'false', '', '']);
    expect(rows[1]).toEqual(['fixtures/a.txt', 'aid_amount', '医疗救助金额', '', 'yuan', '救助金额XX万元', '569', '584', 'true', 'true', 'target', '2024年']);
    expect(rows[2]?.[3]).toBe('1000000000000000000000');
    expect(out).not.toMatch(/e\+/);
  });

  it('keeps negative numbers as plain numbers and makes formula-like text inert', () => {
    const out = csvRows(doc([record({ value: -39600, text: '-39600元', start: 0, end: 6 }), record({ text: '=HYPERLINK("x")', label: '+1', column: '@SUM(A1)' })], '-'));
    const rows = parse(out) as string[][];
    expect(rows[0]?.[0]).toBe("'-"); // stdin's source is text, so it is made inert like any other
    expect(rows[0]?.[3]).toBe('-39600');
    expect(rows[0]?.[5]).toBe("'-39600元");
    expect(rows[1]?.[5]).toBe('\'=HYPERLINK("x")');
    expect(rows[1]?.[2]).toBe("'+1");
    expect(rows[1]?.[11]).toBe("'@SUM(A1)");
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+86', "'+86"],
    ['-x', "'-x"],
    ['@a', "'@a"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['医保', '医保'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('inertText(%j) → %j', (input, expected) => {
    expect(inertText(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and keeps Chinese intact', () => {
    const out = csvRows(doc([record({ text: '救助金额,共"1214531.81"元\n合计', label: '医疗救助金额' })]));
    const rows = parse(out) as string[][];
    expect(rows[0]?.[5]).toBe('救助金额,共"1214531.81"元\n合计');
    expect(out).toContain('医疗救助金额');
  });

  it('writes no rows for errors or documents without metrics', () => {
    expect(csvRows(broken)).toBe('');
    expect(csvRows(doc([]))).toBe('');
    expect(renderCsv([broken, doc([])])).toBe(csvHeader());
  });
});

describe('JSON and NDJSON', () => {
  it('JSON is always one array in input order with 2-space indent', () => {
    const out = renderJson([doc([record()]), broken]);
    expect(out.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(out) as unknown[];
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toEqual(broken);
    expect(out).toContain('\n  {\n    "source": "fixtures/a.txt"');
    expect(JSON.parse(renderJson([broken]))).toEqual([broken]);
  });

  it('NDJSON writes one document per line', () => {
    const out = renderNdjson([doc([record()]), broken]);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!)).toEqual(broken);
    expect(ndjsonLine(broken)).toBe(`${JSON.stringify(broken)}\n`);
  });
});
