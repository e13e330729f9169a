// Spreadsheets: --bom CSV, --format xlsx (read back with exceljs), --wide (CSV and xlsx).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../src/render/csv.js';
import { renderWideCsv, wideColumns, wideRecord, wideRow, WIDE_DOCUMENT_COLUMNS } from '../src/render/wide.js';
import { DOCUMENT_COLUMNS, renderXlsx } from '../src/render/xlsx.js';
import { builtinRules } from '../src/rules/catalog.js';
import { DocumentResult, type DocumentError, type DocumentOk, type MetricRecord } from '../src/schema.js';
import { ensureBuilt, FIXTURES, runCli } from './helpers/cli.js';
import { parseCsv } from './helpers/csv.js';
import { makeTempDir } from './helpers/tmp.js';

const NAMES = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt', '004_85f6a187291e936b.txt'];
const tmp = makeTempDir('mbreport-sheets-');
const INPUTS = [...NAMES.map((n) => path.join('fixtures', n)), 'missing.txt'];
let docs: DocumentResult[];

beforeAll(async () => {
  ensureBuilt();
  const r = await runCli(['extract', ...INPUTS]);
  docs = (JSON.parse(r.stdout) as unknown[]).map((d) => DocumentResult.parse(d));
}, 120_000);
afterAll(() => tmp.cleanup());

function record(over: Partial<MetricRecord>): MetricRecord {
  return { metric: 'insured_persons', label: '参保人数', value: 1, unit: 'person', text: 'x', start: 0, end: 1, approximate: false, redacted: false, ...over };
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value);
    rows.push(cells);
  });
  return rows;
}

describe('--bom', () => {
  it('writes a UTF-8 byte-order mark before the same CSV', async () => {
    const plain = await runCli(['extract', '-f', 'csv', ...INPUTS.slice(0, 2)]);
    const bom = await runCli(['extract', '-f', 'csv', '--bom', ...INPUTS.slice(0, 2)]);
    expect(bom.code).toBe(0);
    expect(bom.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(bom.stdout.slice(1)).toBe(plain.stdout);
    await runCli(['extract', '-f', 'csv', '--bom', '-o', path.join(tmp.dir, 'bom.csv'), ...INPUTS.slice(0, 1)]);
    const bytes = await readFile(path.join(tmp.dir, 'bom.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const wide = await runCli(['extract', '-f', 'csv', '--wide', '--bom', ...INPUTS.slice(0, 1)]);
    expect(wide.stdout.startsWith('\uFEFFsource,title,')).toBe(true);
  });

  it('is a usage error with any other format; --help says why it is there', async () => {
    for (const f of ['json', 'ndjson', 'xlsx']) {
      const r = await runCli(['extract', '-f', f, '--bom', '-o', path.join(tmp.dir, `x.${f}`), INPUTS[0]!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--bom applies to CSV output');
    }
    const help = await runCli(['extract', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('--bom start CSV output with a UTF-8 byte-order mark, so Excel opens it with the Chinese intact');
  });
});

describe('--format xlsx', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(tmp.dir, 'metrics.xlsx');
    const r = await runCli(['extract', '-f', 'xlsx', '-o', file, ...INPUTS]);
    expect(r.code).toBe(2); // missing.txt
    expect(r.stdout).toBe('');
  }, 60_000);

  it('records: the CSV columns, one row per record, numbers as numbers, text as text', async () => {
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['records', 'documents']);
    const ws = wb.getWorksheet('records')!;
    const rows = sheetRows(ws);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const records = docs.flatMap((d) => (d.ok ? d.metrics.map((m) => ({ source: d.source, m })) : []));
    expect(records.length).toBeGreaterThan(50);
    expect(rows.length - 1).toBe(records.length);
    // The same cells as the CSV (modulo the CSV's formula guard and its text booleans).
    const csv = parseCsv((await runCli(['extract', '-f', 'csv', ...INPUTS])).stdout);
    records.forEach(({ source, m }, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(source);
      expect(row.getCell(2).value).toBe(m.metric);
      expect(row.getCell(3).value).toBe(m.label);
      if (m.value === null) expect(row.getCell(4).value).toBeNull();
      else {
        expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
        expect(row.getCell(4).value).toBe(m.value);
      }
      expect(row.getCell(5).value).toBe(m.unit);
      expect(row.getCell(6).value).toBe(m.text);
      expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
      expect([row.getCell(7).type, row.getCell(8).type]).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.Number]);
      expect([row.getCell(7).value, row.getCell(8).value]).toEqual([m.start, m.end]);
      expect([row.getCell(9).value, row.getCell(10).value]).toEqual([m.approximate, m.redacted]);
      expect(row.getCell(11).value ?? '').toBe(m.qualifier ?? '');
      expect(row.getCell(12).value ?? '').toBe(m.column ?? '');
      const c = csv[i + 1]!;
      expect([c[3], c[6], c[7]]).toEqual([m.value === null ? '' : String(row.getCell(4).value), String(m.start), String(m.end)]);
    });
  });

  it('documents: metadata, counts and errors, one row per document', async () => {
    const ws = (await workbook(file)).getWorksheet('documents')!;
    const rows = sheetRows(ws);
    expect(rows[0]).toEqual([...DOCUMENT_COLUMNS]);
    expect(rows.length - 1).toBe(docs.length);
    const col = (name: (typeof DOCUMENT_COLUMNS)[number]): number => DOCUMENT_COLUMNS.indexOf(name);
    docs.forEach((d, i) => {
      const row = rows[i + 1]!;
      expect(row[col('source')]).toBe(d.source);
      expect(row[col('ok')]).toBe(d.ok);
      if (d.ok) {
        expect(row[col('region')]).toBe(d.document.region);
        expect(row[col('year')]).toBe(d.document.year);
        expect(row[col('chars')]).toBe(d.document.chars);
        expect(row[col('records')]).toBe(d.metrics.length);
        expect(row[col('warnings')]).toBe(d.warnings.length);
        expect(row[col('error')]).toBeNull();
      } else {
        expect(row[col('error')]).toBe('READ_ERROR');
        expect(String(row[col('error_message')])).toContain('missing.txt');
        expect(row[col('records')]).toBe(0);
      }
    });
  });

  it('every sheet: header frozen, bold, filtered; widths set', async () => {
    const wb = await workbook(file);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      expect(ws.autoFilter).toBeTruthy();
      for (const c of ws.columns) {
        expect(c.width).toBeGreaterThanOrEqual(6);
        expect(c.width).toBeLessThanOrEqual(60);
      }
    }
    const records = wb.getWorksheet('records')!;
    // `text` (Chinese evidence) is wider than `approximate`'s true/false.
    expect(records.getColumn(6).width!).toBeGreaterThan(records.getColumn(9).width!);
  });

  it('text that looks like a formula stays text', async () => {
    const evil: DocumentOk = {
      source: '=HYPERLINK("http://x","y")', ok: true, warnings: ['@SUM(1)'],
      document: { title: '+cmd', issuer: null, region: null, year: null, period: null, script: 'simplified', encoding: 'utf-8', chars: 3 },
      metrics: [record({ text: '-1', value: -1 })],
    };
    const out = path.join(tmp.dir, 'evil.xlsx');
    await writeFile(out, await renderXlsx([evil], { rules: builtinRules() }));
    const wb = await workbook(out);
    const cell = wb.getWorksheet('records')!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(wb.getWorksheet('documents')!.getRow(2).getCell(3).value).toBe('+cmd');
    expect(wb.getWorksheet('records')!.getRow(2).getCell(4).value).toBe(-1);
  });

  it('refuses to write a workbook to a terminal, not to a pipe', async () => {
    const r = await runCli(['extract', '-f', 'xlsx', INPUTS[0]!]);
    expect(r.code).toBe(0); // stdout is a pipe here
    expect(r.stdout.slice(0, 2)).toBe('PK');
    const help = await runCli(['extract', '--help']);
    expect(help.stdout).toContain('xlsx');
  });
});

describe('--wide', () => {
  it('a cell is the first level statement: not a target, plan or redacted figure', () => {
    const recs = [
      record({ value: 5, start: 50, end: 51, qualifier: 'target' }),
      record({ value: null, redacted: true, start: 5, end: 6 }),
      record({ value: 3, start: 30, end: 31 }),
      record({ value: 2, start: 20, end: 21, qualifier: 'planned' }),
      record({ value: 4, start: 40, end: 41 }),
    ];
    expect(wideRecord(recs)?.value).toBe(3);
    expect(wideRecord([recs[0]!, recs[1]!, recs[3]!])).toBeUndefined();
    expect(wideRecord([])).toBeUndefined();
    const doc: DocumentOk = {
      source: 'a.txt', ok: true, warnings: [], metrics: recs,
      document: { title: 'T', issuer: 'I', region: '下陆区', year: 2024, period: 'H1', script: 'simplified', encoding: 'utf-8', chars: 99 },
    };
    const row = wideRow(doc, builtinRules());
    const cell = row.cells.find((c) => c.metric === 'insured_persons')!;
    expect(cell.value).toBe(3);
    expect(cell.all.map((r) => r.start)).toEqual([5, 20, 30, 40, 50]);
    expect(row.cells.filter((c) => c.value !== null).length).toBe(1);
    const failed: DocumentError = { source: 'b.bin', ok: false, error: { code: 'BINARY_INPUT', message: 'binary' } };
    const csv = parseCsv(renderWideCsv([doc, failed], builtinRules()));
    expect(csv[0]).toEqual(wideColumns(builtinRules()));
    expect(csv[1]!.slice(0, WIDE_DOCUMENT_COLUMNS.length + 1)).toEqual(['a.txt', 'T', 'I', '下陆区', '2024', 'H1', '', '3']);
    expect(csv[2]!.slice(0, WIDE_DOCUMENT_COLUMNS.length)).toEqual(['b.bin', '', '', '', '', '', 'BINARY_INPUT']);
    expect(csv[2]!.slice(WIDE_DOCUMENT_COLUMNS.length).every((c) => c === '')).toBe(true);
  });

  it('CSV: one row per document, one column per metric (user metrics too)', async () => {
    const rulesFile = path.join(tmp.dir, 'mine.yaml');
    await writeFile(rulesFile, 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_time\n    cues: [咨询量]\n');
    const r = await runCli(['extract', '-f', 'csv', '--wide', '--rules', rulesFile, ...INPUTS]);
    expect(r.code).toBe(2);
    const rows = parseCsv(r.stdout);
    const header = rows[0]!;
    expect(header.slice(0, WIDE_DOCUMENT_COLUMNS.length)).toEqual([...WIDE_DOCUMENT_COLUMNS]);
    expect(header.slice(WIDE_DOCUMENT_COLUMNS.length)).toEqual([...builtinRules().map((x) => x.rule.id), 'consultations']);
    expect(rows.length - 1).toBe(docs.length);
    docs.forEach((d, i) => {
      const row = rows[i + 1]!;
      expect(row[0]).toBe(d.source);
      if (!d.ok) {
        expect(row[header.indexOf('error')]).toBe('READ_ERROR');
        return;
      }
      for (const [k, id] of header.entries()) {
        if (k < WIDE_DOCUMENT_COLUMNS.length || id === 'consultations') continue;
        const first = wideRecord(d.metrics.filter((m) => m.metric === id));
        expect(row[k]).toBe(first?.value == null ? '' : String(first.value));
      }
    });
    expect(rows[2]![header.indexOf('consultations')]).toBe('26800');
  });

  it('xlsx: a wide sheet first, with notes on metrics stated several times', async () => {
    const file = path.join(tmp.dir, 'wide.xlsx');
    const r = await runCli(['extract', '-f', 'xlsx', '--wide', '-o', file, ...INPUTS.slice(0, 5)]);
    expect(r.code).toBe(0);
    const wb = await workbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['wide', 'records', 'documents']);
    const ws = wb.getWorksheet('wide')!;
    const header = sheetRows(ws)[0]!;
    expect(header).toEqual(wideColumns(builtinRules()));
    expect(ws.rowCount).toBe(6);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = header.indexOf('insured_persons') + 1;
    expect(String(ws.getRow(1).getCell(col).note ?? '')).toContain('参保人数');
    const d0 = docs[0] as DocumentOk;
    const statements = d0.metrics.filter((m) => m.metric === 'insured_persons');
    const cell = ws.getRow(2).getCell(col);
    expect(cell.value).toBe(wideRecord(statements)?.value);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    if (statements.length > 1) expect(JSON.stringify(cell.note)).toContain(`${statements.length} statements`);
  });

  it('is a usage error with json or ndjson', async () => {
    const r = await runCli(['extract', '--wide', INPUTS[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--wide applies to --format csv or xlsx');
  });
});
