// `--format xlsx`: a workbook (exceljs) for people who live in Excel or WPS.
//
//   records    one row per metric record, the CSV's columns; value/start/end are number cells,
//              approximate/redacted boolean cells, text cells stay text (never formulas)
//   documents  one row per document: metadata, record and warning counts, warnings, errors
//   wide       (with --wide, first) one row per document, one column per metric (see wide.ts);
//              a cell whose metric the document states more than once has a note listing them
//
// Every sheet: bold header row, frozen, with an auto-filter; column widths fitted to the
// content (CJK characters count double), capped. Pure: results in, bytes out. This module
// loads exceljs, so the CLI imports it only for --format xlsx.
import ExcelJS from 'exceljs';
import type { CompiledRule } from '../rules/catalog.js';
import type { DocumentResult } from '../schema.js';
import { CSV_COLUMNS } from './csv.js';
import { wideColumns, wideRow } from './wide.js';

export interface XlsxOptions {
  /** The metrics in use (for the wide sheet's columns). */
  rules: readonly CompiledRule[];
  /** Add the wide sheet (first). */
  wide?: boolean;
}

export const DOCUMENT_COLUMNS = [
  'source', 'ok', 'title', 'issuer', 'region', 'year', 'period', 'script', 'encoding', 'chars',
  'records', 'warnings', 'warning_messages', 'error', 'error_message',
] as const;

type Cell = string | number | boolean | null;

/** Display width in a spreadsheet: CJK and full-width characters count two. */
function displayWidth(v: Cell): number {
  if (v === null) return 0;
  const s = typeof v === 'string' ? (v.split('\n')[0] ?? '') : String(v);
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function addSheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], rows: readonly Cell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.addRow([...header]);
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((c) => (c === null ? null : c)));
  ws.columns.forEach((col, i) => {
    let w = displayWidth(header[i] ?? '');
    for (const row of rows) w = Math.max(w, displayWidth(row[i] ?? null));
    const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
    col.width = width === 9 ? 10 : width; // exceljs leaves out a width of exactly 9, its default
  });
  if (header.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return ws;
}

function recordRows(results: readonly DocumentResult[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const d of results) {
    if (!d.ok) continue;
    for (const m of d.metrics) {
      rows.push([d.source, m.metric, m.label, m.value, m.unit, m.text, m.start, m.end, m.approximate, m.redacted, m.qualifier ?? null, m.column ?? null]);
    }
  }
  return rows;
}

function documentRows(results: readonly DocumentResult[]): Cell[][] {
  return results.map((d) =>
    d.ok
      ? [
          d.source, true, d.document.title, d.document.issuer, d.document.region, d.document.year, d.document.period,
          d.document.script, d.document.encoding, d.document.chars, d.metrics.length, d.warnings.length,
          d.warnings.length ? d.warnings.join('\n') : null, null, null,
        ]
      : [d.source, false, null, null, null, null, null, null, null, null, 0, 0, null, d.error.code, d.error.message],
  );
}

function addWideSheet(wb: ExcelJS.Workbook, results: readonly DocumentResult[], rules: readonly CompiledRule[]): void {
  const header = wideColumns(rules);
  const wide = results.map((r) => wideRow(r, rules));
  const rows: Cell[][] = wide.map((w) => [w.source, w.title, w.issuer, w.region, w.year, w.period, w.error, ...w.cells.map((c) => c.value)]);
  const ws = addSheet(wb, 'wide', header, rows);
  const first = header.length - rules.length + 1; // 1-based column of the first metric
  rules.forEach(({ rule }, k) => {
    ws.getCell(1, first + k).note = `${rule.label} (${rule.unit})`;
  });
  wide.forEach((w, i) => {
    w.cells.forEach((c, k) => {
      if (c.all.length < 2) return;
      const lines = c.all.map((m) => `${m.value === null ? '—' : m.value}${m.qualifier ? ` [${m.qualifier}]` : ''}  ${m.text}  @${m.start}`);
      ws.getCell(i + 2, first + k).note = `${c.all.length} statements; this cell shows the first level:\n${lines.join('\n')}`;
    });
  });
}

/** The workbook as .xlsx bytes. */
export async function renderXlsx(results: readonly DocumentResult[], options: XlsxOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'mbreport';
  if (options.wide) addWideSheet(wb, results, options.rules);
  addSheet(wb, 'records', CSV_COLUMNS, recordRows(results));
  addSheet(wb, 'documents', DOCUMENT_COLUMNS, documentRows(results));
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as unknown as ArrayBuffer);
}
